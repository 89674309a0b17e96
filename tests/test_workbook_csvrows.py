"""Forms exports saved as CSV (`readiness.workbook.csvrows`): the encodings read, and one line
for a file that is no text, a field too long, or a file wider or longer than a sheet."""

from __future__ import annotations

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
