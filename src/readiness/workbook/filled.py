"""A filled questionnaire workbook read back as one respondent's answers.

The hidden sheet says which framework, organization and respondent the workbook is for, and
which sheet each question is on; a workbook whose hidden sheet is missing or edited, or that
was made for another version of the questions, is refused. Each question's row is found by
the id in it (`question_rows`). Every cell the import reads (answer, confidence, note,
evidence, the respondent's name and role) is checked on its own, and each bad one is
reported at its cell: a formula, a control character, a value off the scale.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from readiness.load import LoadedAssessment
from readiness.model import Framework
from readiness.workbook import questionnaire as q
from readiness.workbook.answers import (
    Bad,
    read_confidence,
    read_level,
    read_line,
    read_note,
    sheet_ref,
    shown,
)
from readiness.workbook.importing import Reading, respondent_source, rows_of, sheet_of
from readiness.workbook.question_rows import FRESH, letter, place_questions
from readiness.yamlfile import Document

FORMULA = (
    "a formula is not an answer; type the value (start text with ' to keep a leading =, + or @)"
)


def read_questionnaire(
    path: Path, book: Any, reading: Reading
) -> tuple[LoadedAssessment, Document] | None:
    """One filled questionnaire workbook as one respondent's answers (None after problems,
    each recorded in `reading`); its framework taken from, and kept on, the reading's shelf."""
    from readiness.errors import ReadinessError
    from readiness.pipeline import locate_framework

    name, problems = path.name, reading.problems
    meta = _meta(path, book, reading)
    if meta is None:
        return None
    try:
        framework = locate_framework(
            meta["framework"], frameworks=reading.frameworks, shelf=reading.shelf
        )
    except ReadinessError as error:
        problems.add(name, "", str(error))
        return None
    made_for = f"{meta['framework']}@{meta['version']}"
    if framework.manifest.version != meta["version"]:
        fresh = _fresh(meta, book)
        problems.add(
            name, "", f"made for {made_for}, but the framework here is {framework.ref}; {fresh}"
        )
        return None
    if q.question_digest(framework) != meta["questions"]:
        fresh = _fresh(meta, book)
        problems.add(name, "", f"made for other questions than {framework.ref} asks today; {fresh}")
        return None
    answers, cells = _answers(name, book, meta, framework, reading)
    person = _who(name, book, reading)
    cells.update(
        {
            ("respondents", 0, "name"): _instruction_ref(q.NAME_CELL[0]),
            ("respondents", 0, "role"): _instruction_ref(q.ROLE_CELL[0]),
        }
    )
    assessor = reading.assessor_for(name, meta["assessor"])
    if person is None or assessor is None:
        return None
    recorded: dict[str, Any] = {f: meta[f] for f in q.ORGANIZATION_FIELDS if meta.get(f)}
    if recorded.get("size", "").isdigit():
        recorded["size"] = int(recorded["size"])
    data = {
        "framework": made_for,
        "organization": reading.organization_for(meta["organization"], recorded),
        "period": meta["period"],
        "date": meta["date"],
        "assessor": assessor,
        "respondents": [{"id": meta["respondent"], **person}],
        "answers": answers,
    }
    return respondent_source(data, framework, name, 0, problems, cells)


def _fresh(meta: dict[str, str], book: Any) -> str:
    """What to do with a workbook made for other questions: the command that makes a fresh
    one for the same respondent, with the role the instructions give (shell-quoted)."""
    import shlex

    role = None
    if q.INSTRUCTIONS in book.sheetnames:
        row, column = q.ROLE_CELL
        sheet = sheet_of(book, q.INSTRUCTIONS)
        cells = next(sheet.iter_rows(min_row=row, max_row=row, min_col=column, max_col=column), ())
        role = read_line(cells[0].value) if cells and cells[0].data_type != "f" else None
    typed = shlex.quote(role) if isinstance(role, str) else "ROLE"
    return (
        "make a fresh workbook with `readiness questionnaire CLIENT_DIR --respondent "
        f"{meta['respondent']} --role {typed}` and copy the answers into it"
    )


def _meta(path: Path, book: Any, reading: Reading) -> dict[str, str] | None:
    """The hidden sheet's rows, when present and unedited."""
    name, problems = path.name, reading.problems
    if q.FORMAT_SHEET not in book.sheetnames:
        problems.add(name, "", f"its hidden '{q.FORMAT_SHEET}' sheet is missing; {FRESH}")
        return None
    sheet = sheet_of(book, q.FORMAT_SHEET)
    rows: list[tuple[str, str]] = []
    for key, value in rows_of(sheet, min_col=1, max_col=2, values_only=True):
        if key is None:
            break
        rows.append((str(key), "" if value is None else str(value)))
    if not rows or rows[-1][0] != "check" or q.seal(rows[:-1]) != rows[-1][1]:
        problems.add(name, "", f"its hidden '{q.FORMAT_SHEET}' sheet was edited; {FRESH}")
        return None
    meta = dict(rows[:-1])
    if meta.get("format") not in q.LAYOUTS:
        problems.add(name, "", f"made by another version of readiness; {FRESH}")
        return None
    return meta


def _answers(
    name: str, book: Any, meta: dict[str, str], framework: Framework, reading: Reading
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str]]:
    """Every question's answer as the workbook gives it, and the cell each field of each
    answer was read from (for the assessment model's messages). Each question's row is found
    by its id; every bad cell of a row is reported, and a row with one is left out."""
    problems, layout, scale = reading.problems, q.LAYOUTS[meta["format"]], framework.manifest.scale
    answers: dict[str, Any] = {}
    cells: dict[tuple[str | int, ...], str] = {}
    placed = place_questions(name, book, meta, framework, problems)
    for key, question in framework.questions().items():
        if key not in placed:
            continue
        row = placed[key]
        readers: dict[str, tuple[int, Callable[[Any], Any]]] = {
            "level": (
                layout.answer,
                partial(read_level, scale=scale, question=question, labelled=True),
            ),
            "confidence": (layout.confidence, read_confidence),
            "note": (layout.note, read_note),
            "evidence": (layout.evidence, read_note),
        }
        entry: dict[str, Any] = {}
        for field, (column, reader) in sorted(readers.items(), key=lambda item: item[1][0]):
            cell = row.cell(column)
            value = Bad(FORMULA) if cell.data_type == "f" else reader(cell.value)
            if isinstance(value, Bad) and field == "confidence" and _sentence(cell.value):
                note = row.ref(layout.note).rpartition("!")[2]
                value = Bad(
                    f"{shown(cell.value)} reads as a note, not a confidence: move it to the "
                    f"note ({note}), and choose low, medium or high here"
                )
            if isinstance(value, Bad):
                problems.add(name, row.ref(column), value.message, value.allowed)
            entry[field] = value
            cells["answers", key, field] = row.ref(column)
        cells["answers", key] = row.ref(layout.answer)
        if any(isinstance(value, Bad) for value in entry.values()):
            continue
        if entry["level"] is None:
            if any(entry.values()):
                problems.add(
                    name,
                    row.ref(layout.answer),
                    "no answer, but a note, evidence or confidence is given; choose a level "
                    "(with confidence low when unsure), or clear the row",
                )
            continue
        answers[key] = {field: value for field, value in entry.items() if value is not None}
    return answers, cells


def _sentence(value: Any) -> bool:
    """Whether a cell holds words enough to be a note (`Finance only, the rest I do not
    know`), rather than a mistyped confidence (`certain`, `very sure`)."""
    return isinstance(value, str) and len(value.split()) >= 3


def _instruction_ref(row: int) -> str:
    return f"{sheet_ref(q.INSTRUCTIONS)}{letter(q.NAME_CELL[1])}{row}"


def _who(name: str, book: Any, reading: Reading) -> dict[str, str] | None:
    """The respondent's role and name as the instructions sheet gives them (None after a
    problem: a formula, a control character or a line break in either, or no role)."""
    (name_row, column), (role_row, _) = q.NAME_CELL, q.ROLE_CELL
    found: dict[int, Any] = {}
    if q.INSTRUCTIONS in book.sheetnames:
        sheet = sheet_of(book, q.INSTRUCTIONS)
        rows = sheet.iter_rows(min_row=name_row, max_row=role_row, min_col=column, max_col=column)
        found = {number: row[0] for number, row in enumerate(rows, start=name_row) if row}
    person: dict[str, str] = {}
    refused: set[str] = set()
    for field, row in (("name", name_row), ("role", role_row)):
        cell = found.get(row)
        value = None if cell is None else Bad(FORMULA) if cell.data_type == "f" else cell.value
        text = value if isinstance(value, Bad) else read_line(value)
        if isinstance(text, Bad):
            at = _instruction_ref(row)
            reading.problems.add(name, at, f"{field}: {text.message}", text.allowed)
            refused.add(field)
        elif text is not None:
            person[field] = text
    if "role" not in person and "role" not in refused:
        reading.problems.add(name, _instruction_ref(role_row), "the respondent's role is empty")
    return person if "role" in person and not refused else None
