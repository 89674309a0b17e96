"""Shared workbook helpers: text that never becomes a formula, sheet names, saving."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

from readiness.workbook import cells


def test_formula_like_text_stays_text_with_a_quote_prefix() -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row, text in enumerate(['=HYPERLINK("http://x","y")', "+cmd", "@SUM(A1)", "plain"], 1):
        cells.put_text(ws, row, 1, text + "\x07")
    data = cells.save(wb, when=dt.date(2026, 11, 20), creator="Kestrel")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    read = [(c.value, c.data_type, c.quotePrefix) for c in sheet["A"]]
    assert read == [
        ('=HYPERLINK("http://x","y")', "s", True),
        ("+cmd", "s", True),
        ("@SUM(A1)", "s", True),
        ("plain", "s", False),
    ]


def test_saving_fixes_every_date_in_the_file() -> None:
    wb = Workbook()
    data = cells.save(wb, when=dt.date(2026, 11, 20), creator="Kestrel")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in archive.infolist()} == {(2026, 11, 20, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-11-20T00:00:00Z") == 2
    assert "Kestrel" in core


def test_sheet_titles_are_valid_and_unique() -> None:
    assert cells.sheet_title("Data: foundations [core]", []) == "Data  foundations  core"
    long = "Infrastructure and MLOps platform engineering"
    first = cells.sheet_title(long, [])
    assert len(first) == 31
    second = cells.sheet_title(long, [first])
    assert second.endswith(" (2)") and len(second) == 31


def test_a_creator_with_control_characters_is_saved_without_them() -> None:
    # An assessor named with an escape sequence made every workbook of the assessment a
    # ValueError traceback: XML cannot carry the character.
    data = cells.save(Workbook(), when=dt.date(2026, 11, 20), creator="J.\x1b[2J W\x00")
    assert load_workbook(io.BytesIO(data)).properties.creator == "J.[2J W"


def test_a_sheet_title_never_holds_a_control_character() -> None:
    # A dimension titled with an escape sequence made the questionnaire an
    # IllegalCharacterError traceback (its formulas name the sheet).
    assert cells.sheet_title("Data\x1b[31m\x00 foundations\n", []) == "Data  31m  foundations"
