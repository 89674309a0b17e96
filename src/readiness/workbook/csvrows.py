"""A Forms export saved as CSV, read into rows: its encoding told from its bytes, its
separator from its header, and refused with one line when it is no text, is separated by
semicolons, leaves a quote open, has a field too long or is wider or longer than a
spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from pathlib import Path
from typing import Any

from readiness.errors import InputError
from readiness.workbook.importing import MAX_ROWS

MAX_COLUMNS = 16_384
"""The widest export read: a spreadsheet's columns (A to XFD)."""


def csv_rows(path: Path) -> list[list[Any]]:
    """The rows of a CSV export: UTF-8 (with or without its byte-order mark), or UTF-16 (with
    a byte-order mark, or without one, told by the NUL byte of its first, Latin character),
    comma- or tab-separated; `InputError` for other text, a field over the csv module's limit
    or a row wider than a spreadsheet."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot be read ({error.strerror or type(error).__name__})") from None
    wide = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:2].count(0) == 1
    try:
        text = raw.decode("utf-16" if wide else "utf-8-sig")
    except UnicodeDecodeError as error:
        if wide:
            raise InputError("not UTF-8 or UTF-16 text") from None
        line = raw[: error.start].count(b"\n") + 1
        raise InputError(
            f"not UTF-8: byte 0x{raw[error.start]:02x} on line {line} (allowed: UTF-8 or "
            "UTF-16 text; save the export as CSV UTF-8)"
        ) from None
    separator = _separator(text)
    if separator == ";":
        raise InputError(
            "line 1: looks separated by semicolons, not commas (allowed: a CSV file separated "
            "by commas or tabs; in Excel save it as 'CSV UTF-8 (Comma delimited)', or import "
            "the export's .xlsx workbook instead)"
        )
    # Strict: a quote left open runs to the end of the file instead of reading it as one field.
    reader = csv.reader(io.StringIO(text), delimiter=separator, strict=True)
    rows: list[list[Any]] = []
    started = 1
    """The line the row being read starts on."""
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise InputError(
                    f"line {reader.line_num} has {len(row):,} columns (allowed: at most "
                    f"{MAX_COLUMNS:,}, as in a spreadsheet)"
                )
            if len(rows) == MAX_ROWS:
                raise InputError(
                    f"more than {MAX_ROWS:,} rows (allowed: at most {MAX_ROWS:,}, as in a sheet)"
                )
            rows.append(row)
            started = reader.line_num + 1
    except csv.Error as error:
        raise InputError(_unreadable(str(error), started, reader.line_num)) from None
    return rows


def _separator(text: str) -> str:
    """The separator of an export: of comma, tab and semicolon, the one that splits its header
    into the most columns headed by a question's bracket (`[data.inventory] ...`), then its
    first rows into the same number of fields, more than one, then into the most; a comma when
    none or several do. Quotes are respected: a comma inside a quoted question does not count,
    and one inside a question that is not quoted starts no column headed by a bracket."""
    sample = text[:_SAMPLE]
    ranks: dict[str, tuple[int, bool, int, bool]] = {}
    for separator in (",", "\t", ";"):
        try:
            rows = [
                r
                for r in itertools.islice(csv.reader(io.StringIO(sample), delimiter=separator), 20)
                if r
            ]
        except csv.Error:  # a field over the limit: reading the rows says so
            continue
        if len(text) > _SAMPLE:
            rows = rows[:-1] or rows  # the last row may be cut short
        widths = {len(row) for row in rows}
        even = len(widths) == 1 and max(widths) > 1
        header = rows[0] if rows else []
        brackets = sum(1 for title in header if title.lstrip().startswith("["))
        ranks[separator] = (brackets, even, len(header), separator == ",")
    return max(ranks, key=ranks.__getitem__, default=",")


_SAMPLE = 65_536
"""How much of an export its separator is told from."""


def _unreadable(error: str, started: int, line: int) -> str:
    """What the csv module's error means for a user, with the line to look at."""
    if error == "unexpected end of data":
        return (
            f'line {started}: a quote (") opened on this line is never closed, so the rest of '
            "the file would be one field (allowed: a quoted field ends with a quote; save the "
            "export again from the form, or close the quote)"
        )
    if error.endswith("expected after '\"'"):
        return (
            f"line {line}: text follows a closing quote inside a field (allowed: a quote "
            'inside a quoted field written twice, ""; save the export again from the form)'
        )
    return f"not a readable CSV file: line {line}: {error}"
