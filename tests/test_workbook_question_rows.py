"""Finding each question's row by its id: rows inserted or deleted, an id typed over, and text
the import does not read, each said once at its cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from cli_helpers import run
from readiness.errors import ValidationError
from readiness.workbook.importing import import_files
from workbook_helpers import fill, framework, generated_answers, recipient, write_questionnaire

DATA = "Data foundations"
TEAMS = "Teams and operating model"


def _filled(tmp_path: Path, seed: int = 0) -> Path:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cfo.xlsx", fw, recipient("cfo", "CFO"))
    fill(book, fw, generated_answers(fw, seed))
    return book


def _edit(path: Path, sheet: str, edit: object) -> None:
    book = load_workbook(path)
    edit(book[sheet])  # type: ignore[operator]
    book.save(path)


def test_a_row_inserted_between_the_questions_changes_no_answer_and_is_named(
    tmp_path: Path,
) -> None:
    book = _filled(tmp_path)
    expected = import_files([book]).assessment

    def insert(ws: object) -> None:
        ws.insert_rows(7)  # type: ignore[attr-defined]
        ws["A7"] = "Also: we are hiring a Head of ML in Q1"  # type: ignore[index]
        ws["B7"] = "2 – Repeatable"  # type: ignore[index]

    _edit(book, TEAMS, insert)
    result = import_files([book])
    assert result.assessment == expected
    assert [w.format() for w in result.warnings] == [
        f"acme-cfo.xlsx: '{TEAMS}'!A7:B7: row 7 is not a question, so its text is not "
        "imported ('Also: we are hiring a Head of ML in Q1', '2 – Repeatable'): move the text "
        "into a question's note, then delete the row [warning]"
    ]


def test_rows_inserted_above_the_questions_or_a_question_row_deleted_still_import(
    tmp_path: Path,
) -> None:
    book = _filled(tmp_path)
    expected = import_files([book]).assessment
    _edit(book, DATA, lambda ws: ws.insert_rows(2, amount=3))
    assert import_files([book]).assessment == expected
    _edit(book, DATA, lambda ws: ws.delete_rows(12))  # data.access, three rows down
    result = import_files([book])
    assert set(expected.answers) - set(result.assessment.answers) == {"data.access"}
    assert [w.format() for w in result.warnings] == [
        f"acme-cfo.xlsx: '{DATA}'!row 12: the row of question data.access was deleted, so it "
        "has no answer; undo the change to answer it [warning]"
    ]


@pytest.mark.parametrize(
    ("inserted", "typed", "what"),
    [(0, "see note", "overwritten"), (0, None, "cleared"), (1, "see note", "overwritten")],
    ids=["typed", "cleared", "typed-below-an-inserted-row"],
)
def test_an_id_typed_over_is_named_once_at_its_cell(
    tmp_path: Path, inserted: int, typed: str | None, what: str
) -> None:
    """Named where it is, even below a row inserted above it (data.access was on row 9)."""
    book = _filled(tmp_path)
    if inserted:
        _edit(book, DATA, lambda ws: ws.insert_rows(6, amount=inserted))
    cell = f"G{9 + inserted}"
    fill(book, framework(), {}, **{f"{DATA}!{cell}": typed})
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        f"acme-cfo.xlsx: '{DATA}'!{cell}: the question id was {what} (it was data.access): "
        "undo the change"
    ]


def test_a_question_row_copied_is_refused_at_the_copy(tmp_path: Path) -> None:
    book = _filled(tmp_path)

    def copy(ws: object) -> None:
        ws.insert_rows(8)  # type: ignore[attr-defined]
        for column in range(1, 8):
            ws.cell(8, column).value = ws.cell(9, column).value  # type: ignore[attr-defined]

    _edit(book, DATA, copy)
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        f"acme-cfo.xlsx: '{DATA}'!G9: question data.ownership is also on row 8; delete one of "
        "the two rows"
    ]


def test_text_outside_the_questions_is_named_by_its_cells_never_dropped_silently(
    tmp_path: Path,
) -> None:
    book = _filled(tmp_path)
    fill(
        book,
        framework(),
        {},
        **{
            f"{DATA}!A18": "Other comments",
            f"{DATA}!E18": "We are moving to a new ERP in 2027, which changes all of this.",
            f"{DATA}!H5": "ask Raj",
            f"{DATA}!C3": "draft",
        },
    )
    out = tmp_path / "2026-Q4.yaml"
    code, output = run("import", str(book), "-o", str(out))
    assert code == 0 and out.exists()
    assert output.splitlines()[1:] == [
        f"acme-cfo.xlsx: '{DATA}'!C3: text outside the questions is not imported ('draft'): "
        "move it into a question's note [warning]",
        f"acme-cfo.xlsx: '{DATA}'!H5: text beside the question, outside its cells, is not "
        "imported ('ask Raj'): move it into the question's note (E5) [warning]",
        f"acme-cfo.xlsx: '{DATA}'!A18:E18: text outside the questions is not imported "
        "('Other comments', 'We are moving to a new ERP in 2027, w...'): move it into a "
        "question's note [warning]",
    ]


def test_a_workbook_filled_as_asked_gives_no_warning(tmp_path: Path) -> None:
    assert import_files([_filled(tmp_path, seed=4)]).warnings == ()
