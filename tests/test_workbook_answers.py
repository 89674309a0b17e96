"""Reading one answer cell: numbers, labels in any language, n/a where allowed, refusals."""

from __future__ import annotations

import pytest

from readiness.workbook.answers import Bad, read_level, read_line, read_note, read_text, sheet_ref
from workbook_helpers import framework

FW = framework()
SCALE = FW.manifest.scale
PLAIN = next(q for q in FW.questions().values() if not q.allow_na)
NA_OK = next(q for q in FW.questions().values() if q.allow_na)


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (2, 2.0),
        (3.0, 3.0),
        ("4 – Optimized", 4.0),
        ("  1 – Ad hoc", 1.0),
        ("0 – Fehlt: keine Liste", 0.0),
        ("2,0 – Wiederholbar", 2.0),
        ("3", 3.0),
        ("3: Defined", 3.0),
        ("3. Defined", 3.0),
        ("3-Defined", 3.0),
        ("Level 3", 3.0),
        ("level 2 – Repeatable", 2.0),
        (None, None),
        ("   ", None),
    ],
)
def test_levels_are_read_from_numbers_and_labels(value: object, level: float | None) -> None:
    assert read_level(value, SCALE, PLAIN) == level


@pytest.mark.parametrize(
    ("value", "message", "allowed"),
    [
        (5, "level 5 is not on the scale", "0, 1, 2, 3, 4"),
        ("2.5 – between", "level 2.5 is not on the scale", "0, 1, 2, 3, 4"),
        ("n/a", "n/a is not allowed for this question", "0, 1, 2, 3, 4"),
        ("Repeatable", "'Repeatable' is not a level", "0, 1, 2, 3, 4"),
        (True, "'True' is not a level", "0, 1, 2, 3, 4"),
        # A number written otherwise was read by its first digit: 0x2 as 0, 1_0 as 1.
        ("0x2", "'0x2' is not a level", "0, 1, 2, 3, 4"),
        ("1_0", "'1_0' is not a level", "0, 1, 2, 3, 4"),
        ("3e0", "'3e0' is not a level", "0, 1, 2, 3, 4"),
        ("2b", "'2b' is not a level", "0, 1, 2, 3, 4"),
    ],
)
def test_other_values_are_refused_with_what_is_allowed(
    value: object, message: str, allowed: str
) -> None:
    assert read_level(value, SCALE, PLAIN) == Bad(message, allowed)


def test_na_where_the_question_allows_it() -> None:
    assert read_level("N/A", SCALE, NA_OK) == "n/a"
    assert read_level("n/a: trifft nicht zu", SCALE, NA_OK) == "n/a"
    assert read_level(9, SCALE, NA_OK) == Bad("level 9 is not on the scale", "0, 1, 2, 3, 4, n/a")


def test_text_cells_and_sheet_references() -> None:
    assert read_text(42.0) == "42"
    assert read_text("  =SUM(A1)  ") == "=SUM(A1)"
    assert read_text("") is None
    assert sheet_ref("Instructions") == "Instructions!"
    assert sheet_ref("Data foundations") == "'Data foundations'!"
    assert sheet_ref("Ethics, risk") == "'Ethics, risk'!"
    assert sheet_ref("O'Neil") == "'O''Neil'!"


NOTE_ALLOWED = "text; tabs and line breaks, no control characters"
LINE_ALLOWED = "text on one line, no control characters"


@pytest.mark.parametrize(
    ("value", "note", "line"),
    [
        ("+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0"),
        ("Dana Kim", "Dana Kim", "Dana Kim"),
        (
            "first\r\nsecond\tthird",
            "first\nsecond\tthird",
            Bad("holds a line break ('first\\nsecond\\tthird')", LINE_ALLOWED),
        ),
        (
            "tab\there",
            "tab\there",
            Bad("holds a tab ('tab\\there')", LINE_ALLOWED),
        ),
        (
            "red \x1b[31malert",
            Bad("holds a control character ('red \\x1b[31malert')", NOTE_ALLOWED),
            Bad("holds a control character ('red \\x1b[31malert')", LINE_ALLOWED),
        ),
        (
            "a long sentence before the override \u202e reversed",
            Bad("holds a control character ('...e the override \\u202e reversed')", NOTE_ALLOWED),
            Bad("holds a control character ('...e the override \\u202e reversed')", LINE_ALLOWED),
        ),
        (
            "lone\rreturn",
            Bad("holds a control character ('lone\\rreturn')", NOTE_ALLOWED),
            Bad("holds a control character ('lone\\rreturn')", LINE_ALLOWED),
        ),
        (None, None, None),
    ],
)
def test_typed_text_keeps_formula_like_text_and_refuses_control_characters_shown_escaped(
    value: object, note: object, line: object
) -> None:
    assert read_note(value) == note
    assert read_line(value) == line
