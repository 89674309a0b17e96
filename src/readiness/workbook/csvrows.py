"""A Forms export saved as CSV, read into rows: its encoding told from its bytes, its
separator from its header, and refused with one line when it is no text, a field is too long
or the file is wider or longer than a spreadsheet."""

from __future__ import annotations

import codecs
import csv
import io
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
    header = text.split("\n", 1)[0]
    dialect = "excel-tab" if header.count("\t") > header.count(",") else "excel"
    reader = csv.reader(io.StringIO(text), dialect=dialect)
    rows: list[list[Any]] = []
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
    except csv.Error as error:
        raise InputError(f"not a readable CSV file: line {reader.line_num}: {error}") from None
    return rows
