"""Forms exports saved as CSV (`readiness.workbook.csvrows`): the encodings read, and one line
for a file that is no text, a field too long, or a file wider or longer than a sheet."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from readiness.errors import InputError
from readiness.workbook.csvrows import csv_rows

TEXT = "Timestamp,Name,[data.inventory] x\n2026-11-20 10:00:00,Zoë,2\n"
ROWS = [["Timestamp", "Name", "[data.inventory] x"], ["2026-11-20 10:00:00", "Zoë", "2"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_utf8_and_utf16_are_read_with_or_without_a_byte_order_mark(
    encoding: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(TEXT.encode(encoding))
    assert csv_rows(path) == ROWS
    path.write_bytes(TEXT.replace(",", "\t").encode(encoding))
    assert csv_rows(path) == ROWS


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Latin-1 (Excel's plain "CSV" on Windows) was read as UTF-16 and came out as "no
        # column is headed by a question".
        (
            TEXT.encode("latin-1"),
            "not UTF-8: byte 0xeb on line 2 (allowed: UTF-8 or UTF-16 text; save the export "
            "as CSV UTF-8)",
        ),
        # Tracebacks: csv.Error past 131,072 characters, ValueError past column ZZZ.
        (
            ('a,"' + "x" * 200_000).encode(),
            "not a readable CSV file: line 1: field larger than field limit (131072)",
        ),
        (
            ",".join(["c"] * 20_000).encode(),
            "line 1 has 20,000 columns (allowed: at most 16,384, as in a spreadsheet)",
        ),
        (b"a\n" * 10_001, "more than 10,000 rows (allowed: at most 10,000, as in a sheet)"),
    ],
    ids=["latin-1", "huge-field", "too-wide", "too-long"],
)
def test_what_cannot_be_read_is_one_line(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        csv_rows(path)
    assert str(error.value) == message


SEMICOLONS = (
    'Timestamp;Name;[data.inventory] How complete, with an owner?;"[data.silos] a; b"\n'
    "2026-11-20 10:00:00;Zoë, Jr;2;3\n"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # European Excel's "CSV" came out as "no column is headed by a question".
        (
            SEMICOLONS,
            "line 1: looks separated by semicolons, not commas (allowed: a CSV file separated "
            "by commas or tabs; in Excel save it as 'CSV UTF-8 (Comma delimited)', or import "
            "the export's .xlsx workbook instead)",
        ),
        # The rest of the file was read as one field: "B2: holds a line break".
        (
            'Timestamp,Name,[data.inventory] x\n2026-11-20 10:00:00,"Zoë,2\n2026-11-21,Lee,3\n',
            'line 2: a quote (") opened on this line is never closed, so the rest of the file '
            "would be one field (allowed: a quoted field ends with a quote; save the export "
            "again from the form, or close the quote)",
        ),
        (
            'Timestamp,Name,[data.inventory] x\n2026-11-20 10:00:00,"Zoë" K,2\n',
            "line 2: text follows a closing quote inside a field (allowed: a quote inside a "
            'quoted field written twice, ""; save the export again from the form)',
        ),
    ],
    ids=["semicolons", "unclosed-quote", "text-after-quote"],
)
def test_a_misshapen_export_is_named_for_what_it_is(
    content: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        csv_rows(path)
    assert str(error.value) == message


def test_the_separator_is_the_one_that_splits_every_row_alike(tmp_path: Path) -> None:
    # Commas and semicolons inside questions and names do not decide it.
    rows = [["Timestamp", "Name", "[data.inventory] a, b, c, d; e", "[data.silos] e; f; g; h"]]
    rows.append(["2026-11-20 10:00:00", "Zoë, Jr", "2", "3"])
    path = tmp_path / "export.csv"
    for separator in (",", "\t"):
        with path.open("w", newline="", encoding="utf-8") as stream:
            csv.writer(stream, delimiter=separator).writerows(rows)
        assert csv_rows(path) == rows


def test_a_comma_export_with_a_semicolon_in_every_row_is_read_by_its_commas(
    tmp_path: Path,
) -> None:
    # Rows of uneven width split alike by a semicolon in each: the brackets decide.
    rows = [["Timestamp", "[data.inventory] a; b", "[data.silos] c", "Name"]]
    rows += [["2026-11-20 10:00:00", "2", "3; ok"], ["2026-11-21 10:00:00", "1", "2; ok", "Lee"]]
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    assert csv_rows(path) == rows
