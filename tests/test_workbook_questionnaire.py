"""The questionnaire workbook: a round trip on the bundled framework, text that never becomes a
formula, protection, drop-downs, print set-up, the same bytes every time."""

from __future__ import annotations

from io import BytesIO
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
    assert not sheet["B5"].protection.locked and sheet["A5"].protection.locked
    ranges = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert any("$D$1:$D$6" in f for f in ranges.values())  # levels and n/a
    # The question stays in view while scrolling right; the id column is not printed.
    assert sheet.freeze_panes == "B5"
    assert sheet.print_title_rows == "$4:$4"
    assert sheet.page_setup.fitToWidth == 1
    last = 4 + len(fw.dimension("ethics").questions)
    assert sheet.print_area == f"'{sheet.title}'!$A$1:$F${last}"


def test_same_input_gives_the_same_bytes() -> None:
    fw = framework()
    assert build_questionnaire(fw, recipient()) == build_questionnaire(fw, recipient())


def test_form_questions_carry_the_id_and_level_numbers() -> None:
    text = render_form_questions(framework())
    assert "[data.inventory] How complete is the inventory" in text
    assert "\n0 – Absent: " in text and "\n4 – Optimized: " in text
    assert "With them the form has 194 questions, without them 66" in text
    assert "\n[data.inventory note] " in text and "\n[data.inventory confidence] " in text


def test_instructions_never_ask_for_what_the_import_refuses(tmp_path: Path) -> None:
    """Following the instructions for a question one cannot judge imports cleanly: the
    instructions ask to clear the whole row, and an empty row is simply unanswered."""
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    intro = load_workbook(book)["Instructions"]
    words = " ".join(str(c.value) for row in intro.iter_rows() for c in row if c.value)
    assert "say so in the note" not in words and "whole row empty" in words
    answers = generated_answers(fw, 3)
    skipped = next(iter(answers))
    answers.pop(skipped)
    fill(book, fw, answers)
    imported = import_files([book]).assessment
    assert skipped not in imported.answers and len(imported.answers) == len(answers)


def test_the_answer_sits_beside_the_question_and_the_sheet_fits_a_laptop(
    tmp_path: Path,
) -> None:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    workbook = load_workbook(book)
    sheet = workbook["Infrastructure and MLOps"]
    headers = [c.value for c in sheet[4]]
    assert sheet.row_dimensions[4].height >= 2 * 14  # "Note (what you see today)" on two lines
    assert headers[:4] == ["Question", "Your answer", "Confidence", "What each level looks like"]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEFG"]
    # About 7 pixels a character and 5 of padding a column: the answer starts within 300
    # pixels, and every column but the id's fits a 1,366-pixel screen.
    assert sum(widths[:1]) * 7 + 5 < 300
    assert sum(widths[:6]) * 7 + 6 * 5 < 1366 - 60
    # The id runs on past its narrow column, on one line: nothing stands to its right.
    assert sheet["G5"].value == "infrastructure.architecture"
    assert not sheet["G5"].alignment.wrap_text and sheet["H5"].value is None
    assert all(c.font.name for row in sheet.iter_rows(max_row=5) for c in row if c.value)
    intro = workbook["Instructions"]
    progress = {
        intro.cell(row, 1).value: intro.cell(row, 2).value for row in range(1, intro.max_row + 1)
    }
    # Who answers follows the instructions' name and role cells, as corrected there (a
    # spreadsheet works it out: see the LibreOffice round trip in test_workbook_results).
    assert sheet["A3"].value.startswith(
        '="Answering: "&IF(Instructions!$B$6="",Instructions!$B$7,'
        'Instructions!$B$6&" ("&Instructions!$B$7&")")&". Choose a level'
    )
    count = len(fw.dimension("infrastructure").questions)
    formula = progress["Infrastructure and MLOps"]
    assert formula.startswith(
        f"=COUNTA('Infrastructure and MLOps'!B5:B{4 + count})&\" of {count}\""
    )
    assert f"SUMPRODUCT(('Infrastructure and MLOps'!B5:B{4 + count}=\"\")*" in formula
    rule = sheet.conditional_formatting
    assert [str(r.sqref) for r in rule] == [f"B5:B{4 + count}"]


def test_levels_read_as_the_drop_down_says_them_and_n_a_continues_its_sentence() -> None:
    fw = framework()
    book = load_workbook(BytesIO(build_questionnaire(fw, recipient())))
    sheet = book["Data foundations"]
    assert str(sheet["D5"].value).startswith("0 – Absent: ")
    texts = [
        str(ws.cell(row, 1).value)
        for ws in book.worksheets[1:]
        for row in range(5, ws.max_row + 1)
        if ws.cell(row, 1).value
    ]
    sentences = [t.split("Answer n/a when ", 1)[1] for t in texts if "Answer n/a when " in t]
    assert sentences and all(s[:1].islower() or s[1:2].isupper() for s in sentences)
    assert any(s.startswith("the organization") for s in sentences)


def test_an_answer_typed_off_the_list_is_told_what_to_pick() -> None:
    """The answer cells keep only what their list holds (a typed 3 is refused by the
    spreadsheet), so the refusal names an entry to pick; every text fits Excel's limits."""
    import zipfile
    from xml.etree import ElementTree

    data = build_questionnaire(framework(), recipient())
    with zipfile.ZipFile(BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml")
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    found = ElementTree.fromstring(xml).findall(".//m:dataValidation", ns)
    checks = {v.findtext("m:formula1", namespaces=ns): v.attrib for v in found}
    assert set(checks) == {
        "'_readiness'!$D$1:$D$6",
        "'_readiness'!$E$1:$E$5",
        "'_readiness'!$F$1:$F$3",
    }
    levels, levels_na = checks["'_readiness'!$E$1:$E$5"], checks["'_readiness'!$D$1:$D$6"]
    assert levels["error"] == (
        "Click the arrow at the right of the cell and pick a level from the list, e.g. 3 – Defined."
    )
    assert levels_na["error"].endswith("e.g. 3 – Defined, or n/a.")
    assert "A note goes in the Note column." in checks["'_readiness'!$F$1:$F$3"]["error"]
    for attrib in checks.values():
        assert attrib["type"] == "list" and attrib.get("errorStyle", "stop") == "stop"
        assert attrib["showErrorMessage"] == attrib["showInputMessage"] == "1"
        assert attrib["showDropDown"] == "0"  # "0" shows the in-cell arrow
        assert len(attrib["errorTitle"]) <= 32
        assert len(attrib["error"]) <= 255 and len(attrib["prompt"]) <= 255


def test_the_instructions_speak_to_the_respondent_not_of_the_tool() -> None:
    from readiness.workbook.instructions import period_words

    book = load_workbook(BytesIO(build_questionnaire(framework(), recipient())))
    intro = book["Instructions"]
    words = [str(c.value) for row in intro.iter_rows() for c in row if c.value]
    assert intro["A2"].value == "Questionnaire for Acme Retail, October to December 2026 (2026-Q4)."
    assert (intro["A5"].value, intro["A6"].value, intro["A7"].value) == (
        "Who answers",
        "Your name",
        "Your role",
    )
    assert "cto" not in words and not any("Respondent id" in w or "read back" in w for w in words)
    assert any(
        w.startswith("Anything you want to say about a question goes in its Note") for w in words
    )
    assert period_words("2026-H1") == "January to June 2026 (2026-H1)"
    assert period_words("2026-11") == "November 2026 (2026-11)"
