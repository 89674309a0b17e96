"""The questionnaire workbook: a round trip on the bundled framework, text that never becomes a
formula, protection, drop-downs, print set-up, the same bytes every time."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from readiness.load import load_assessment
from readiness.workbook.importing import import_files
from readiness.workbook.questionnaire import build_questionnaire, render_form_questions
from workbook_helpers import (
    TRICKY,
    fill,
    framework,
    generated_answers,
    recipient,
    write_questionnaire,
)


@pytest.mark.parametrize(
    ("name", "seed"), [("ml-scaling", 0), ("ml-scaling", 1), ("production-tests", 2)]
)
def test_round_trip_gives_back_every_answer(tmp_path: Path, name: str, seed: int) -> None:
    fw = framework(name)
    answers = generated_answers(fw, seed)
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(book, fw, answers)
    result = import_files([book])
    out = tmp_path / "2026-Q4.yaml"
    out.write_text(result.text, encoding="utf-8")
    loaded = load_assessment(out).assessment
    assert loaded.respondents[0].role == "Chief Technology Officer"
    assert loaded.respondents[0].name == "Dana Kim"
    assert set(loaded.answers) == set(answers)
    for key, expected in answers.items():
        got = loaded.answers[key]
        if expected["level"] == "n/a":
            assert got.na and got.level is None
        else:
            assert got.level == expected["level"]
        assert got.note == expected.get("note")
        assert got.evidence == expected.get("evidence")
        assert got.confidence == expected.get("confidence")


def test_formula_like_text_is_stored_as_text_never_as_formula(tmp_path: Path) -> None:
    fw = framework()
    answers = generated_answers(fw, 0)
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(book, fw, answers)
    sheet = load_workbook(book)["Data foundations"]
    notes = [sheet.cell(row, 5) for row in range(5, 16)]
    assert {c.value for c in notes if c.value} & set(TRICKY[:3])
    assert all(c.data_type == "s" for c in notes if c.value)


def test_workbook_is_protected_with_drop_downs_and_print_set_up() -> None:
    fw = framework()
    from io import BytesIO

    book = load_workbook(BytesIO(build_questionnaire(fw, recipient())))
    assert book.sheetnames[0] == "Instructions"
    assert book["_readiness"].sheet_state == "veryHidden"
    assert book.security is not None and book.security.lockStructure
    sheet = (
        book["Ethics, risk and governance"]
        if "Ethics, risk and governance" in book
        else book.worksheets[4]
    )
    assert sheet.protection.sheet
    assert not sheet["D5"].protection.locked and sheet["B5"].protection.locked
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any("$D$1:$D$6" in f for f in ranges.values())  # levels and n/a
    assert sheet.freeze_panes == "A5"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.fitToWidth == 1


def test_same_input_gives_the_same_bytes() -> None:
    fw = framework()
    assert build_questionnaire(fw, recipient()) == build_questionnaire(fw, recipient())


def test_form_questions_carry_the_id_and_level_numbers() -> None:
    text = render_form_questions(framework())
    assert "[data.inventory] How complete is the inventory" in text
    assert "\n0 – Absent: " in text and "\n4 – Optimized: " in text
