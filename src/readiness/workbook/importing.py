"""`readiness import`: filled questionnaire workbooks and Forms exports in, an assessment out.

One respondent gives an ordinary assessment (answers with notes, evidence and confidence);
several give a workshop assessment with one vote per respondent, built and checked by
`readiness.merge` exactly as `readiness merge` builds it. Every problem of every file is
reported at once, located by workbook, sheet and cell (`acme-cto.xlsx: 'Data foundations'!D7:
...`), and nothing is returned while there is one.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic

from readiness.errors import InputError, Issue, ReadinessError, UsageError, ValidationError
from readiness.load import LoadedAssessment, Shelf
from readiness.merge import merge_assessments, render_assessment
from readiness.model import Assessment, Framework
from readiness.workbook import import_openpyxl
from readiness.workbook import questionnaire as q
from readiness.workbook.answers import Bad, read_confidence, read_level, read_text, sheet_ref
from readiness.yamlfile import Document

MAX_BYTES = 20 * 1024 * 1024
FRESH = (
    "make a fresh one with `readiness questionnaire CLIENT_DIR --xlsx --respondent ID "
    "--role ROLE` and copy the answers over"
)


@dataclass(frozen=True)
class FormsSettings:
    """What a Forms export does not say and the command line does."""

    framework: str = "ml-scaling"
    organization: str | None = None
    period: str | None = None
    day: dt.date | None = None
    assessor: str = "readiness"


@dataclass(frozen=True)
class Imported:
    """The assessment built from the files, and its YAML text."""

    assessment: Assessment
    framework: Framework
    text: str
    files: tuple[str, ...]

    @property
    def answers(self) -> int:
        """How many questions have an answer or votes."""
        return len(self.assessment.answers)


class Problems:
    """Located problems collected across every file, raised once at the end."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, file: str, where: str, message: str, allowed: str | None = None) -> None:
        """Record a problem at a place (`'Sheet'!D7`, `F3`, or '' for the whole file)."""
        self.issues.append(Issue(file, 0, where, message, allowed=allowed))

    def raise_if_any(self) -> None:
        """Raise `ValidationError` carrying every problem, if there is one."""
        if self.issues:
            raise ValidationError(self.issues[0].format(), self.issues)


def respondent_source(
    assessment: dict[str, Any], framework: Framework, file: str, line: int, problems: Problems
) -> tuple[LoadedAssessment, Document] | None:
    """One respondent's answers as a loaded assessment the merge can take (None when the data
    breaks the format, reported as a problem of the file)."""
    try:
        parsed = Assessment.model_validate(assessment)
    except pydantic.ValidationError as error:
        for item in error.errors(include_url=False):
            where = ".".join(str(part) for part in item["loc"])
            problems.add(file, where, item["msg"])
        return None
    return LoadedAssessment(parsed, framework, file), Document(file, {}, {(): line})


def import_files(
    paths: Sequence[Path],
    *,
    frameworks: Sequence[Path] = (),
    forms: FormsSettings | None = None,
    assessor: str | None = None,
) -> Imported:
    """Read filled questionnaire workbooks and Forms exports (xlsx or CSV) into one assessment.

    Raises `ValidationError` with every located problem of every file, `InputError` for a file
    that cannot be read at all, `UsageError` for a file given twice.
    """
    import_openpyxl()
    from readiness.workbook.forms import read_forms

    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            raise UsageError(f"{path}: given twice")
        seen.add(path.resolve())
    problems = Problems()
    shelf = Shelf()  # every file names the same framework: read it once
    sources: list[tuple[LoadedAssessment, Document]] = []
    for path in paths:
        _check_file(path)
        if path.suffix.lower() == ".csv":
            sources += read_forms(path, None, forms or FormsSettings(), frameworks, problems, shelf)
            continue
        book = open_workbook(path)
        try:
            if q.FORMAT_SHEET in book.sheetnames or q.INSTRUCTIONS in book.sheetnames:
                source = read_questionnaire(path, book, frameworks, problems, shelf)
                sources += [source] if source else []
            else:
                sources += read_forms(
                    path, book, forms or FormsSettings(), frameworks, problems, shelf
                )
        finally:
            book.close()
    problems.raise_if_any()
    if not any(loaded.assessment.answers for loaded, _ in sources):
        raise ValidationError(f"{paths[0]}: holds no answers; nothing to import")
    names = [Path(p).name for p in paths]
    files = [(name, "") for name in names]
    made_by = "Imported by `readiness import`"
    if len(sources) == 1:
        loaded = sources[0][0]
        text = render_assessment(loaded.assessment, loaded.framework, files=files, made_by=made_by)
        return Imported(loaded.assessment, loaded.framework, text, tuple(names))
    merged = merge_assessments(sources, assessor=assessor)
    text = render_assessment(merged.assessment, merged.framework, files=files, made_by=made_by)
    return Imported(merged.assessment, merged.framework, text, tuple(names))


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InputError(f"{path}: not a workbook (.xlsx) or a Forms export (.xlsx, .csv)")


def open_workbook(path: Path) -> Any:
    """The workbook at `path`, read-only (each sheet is read as it is walked; close it when
    done), formulas kept as written; `InputError` if it is not one."""
    import zipfile

    import_openpyxl()
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise InputError(f"{path}: not a readable xlsx workbook ({type(error).__name__})") from None


def sheet_of(book: Any, name: str | None = None) -> Any:
    """A sheet of a workbook opened by `open_workbook` (the first when no name is given), read
    to its last row and column whatever size the file claims: some writers claim too small."""
    sheet = book[name] if name is not None else book.worksheets[0]
    sheet.reset_dimensions()
    return sheet


def _meta(path: Path, book: Any, problems: Problems) -> dict[str, str] | None:
    """The hidden sheet's rows, when present and unedited."""
    name = path.name
    if q.FORMAT_SHEET not in book.sheetnames:
        problems.add(name, "", f"its hidden '{q.FORMAT_SHEET}' sheet is missing; {FRESH}")
        return None
    sheet = sheet_of(book, q.FORMAT_SHEET)
    rows: list[tuple[str, str]] = []
    for key, value in sheet.iter_rows(min_col=1, max_col=2, values_only=True):
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


def read_questionnaire(
    path: Path, book: Any, frameworks: Sequence[Path], problems: Problems, shelf: Shelf
) -> tuple[LoadedAssessment, Document] | None:
    """One filled questionnaire workbook as one respondent's answers (None after problems);
    its framework taken from, and kept on, `shelf`."""
    from readiness.pipeline import locate_framework

    name = path.name
    meta = _meta(path, book, problems)
    if meta is None:
        return None
    try:
        framework = locate_framework(meta["framework"], frameworks=frameworks, shelf=shelf)
    except ReadinessError as error:
        problems.add(name, "", str(error))
        return None
    made_for = f"{meta['framework']}@{meta['version']}"
    if framework.manifest.version != meta["version"]:
        problems.add(
            name,
            "",
            f"made for {made_for}, but the framework here is {framework.ref}; {FRESH}",
        )
        return None
    if q.question_digest(framework) != meta["questions"]:
        problems.add(name, "", f"made for other questions than {framework.ref} asks today; {FRESH}")
        return None
    answers: dict[str, Any] = {}
    layout = q.LAYOUTS[meta["format"]]
    scale = framework.manifest.scale
    rows: dict[str, dict[int, tuple[Any, ...]]] = {}
    for key, question in framework.questions().items():
        sheet_name, _, row_text = meta.get(f"q:{key}", "").rpartition("!")
        if sheet_name not in book.sheetnames or not row_text.isdigit():
            problems.add(name, "", f"has no row for {key}; {FRESH}")
            continue
        if sheet_name not in rows:
            rows[sheet_name] = _question_rows(sheet_of(book, sheet_name))
        row = int(row_text)
        cells = rows[sheet_name].get(row, ())
        where = sheet_ref(sheet_name)
        if _cell(cells, layout.id).value != key:
            at = f"{where}{_letter(layout.id)}{row}"
            problems.add(name, at, f"the question rows were moved; {FRESH}")
            continue
        values: dict[int, Any] = {}
        for column in (layout.answer, layout.note, layout.evidence, layout.confidence):
            letter = _letter(column)
            cell = _cell(cells, column)
            if cell.data_type == "f":
                problems.add(
                    name,
                    f"{where}{letter}{row}",
                    "a formula is not an answer; type the value (start text with ' to keep "
                    "a leading =, + or @)",
                )
                values[column] = None
            else:
                values[column] = cell.value
        level = read_level(values[layout.answer], scale, question)
        if isinstance(level, Bad):
            problems.add(
                name, f"{where}{_letter(layout.answer)}{row}", level.message, level.allowed
            )
            continue
        entry: dict[str, Any] = {}
        note, evidence = read_text(values[layout.note]), read_text(values[layout.evidence])
        confidence = read_confidence(values[layout.confidence])
        if isinstance(confidence, Bad):
            at = f"{where}{_letter(layout.confidence)}{row}"
            problems.add(name, at, confidence.message, confidence.allowed)
            continue
        if level is None:
            if note or evidence or confidence:
                problems.add(
                    name,
                    f"{where}{_letter(layout.answer)}{row}",
                    "no answer, but a note, evidence or confidence is given; choose a level "
                    "(with confidence low when unsure), or clear the row",
                    _allowed(framework, key),
                )
            continue
        entry["level"] = level
        entry.update({"note": note, "evidence": evidence})
        entry["confidence"] = confidence
        answers[key] = {k: v for k, v in entry.items() if v is not None}
    who_name, role = _who(book)
    if not role:
        where = f"{sheet_ref(q.INSTRUCTIONS)}B{q.ROLE_CELL[0]}"
        problems.add(name, where, "the respondent's role is empty")
        return None
    respondent = {"id": meta["respondent"], "role": role}
    if who_name:
        respondent["name"] = who_name
    data = {
        "framework": made_for,
        "organization": {"name": meta["organization"]},
        "period": meta["period"],
        "date": meta["date"],
        # A workbook made without an assessor names none: the importing consultant is it.
        "assessor": meta["assessor"] or getpass.getuser(),
        "respondents": [respondent],
        "answers": answers,
    }
    return respondent_source(data, framework, name, 0, problems)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def _question_rows(sheet: Any) -> dict[int, tuple[Any, ...]]:
    """A question sheet's rows by number, from the first question row on, columns A to G:
    one pass over a read-only sheet, whose cells cannot be looked up one by one cheaply."""
    rows = sheet.iter_rows(min_row=q.FIRST_ROW, max_col=len(q.LAYOUT))
    return dict(enumerate(rows, start=q.FIRST_ROW))


def _cell(row: tuple[Any, ...], column: int) -> Any:
    """The cell of a row read by `_question_rows` at a 1-based column (an empty one past the
    end of a short row)."""
    from openpyxl.cell.read_only import EMPTY_CELL

    return row[column - 1] if column <= len(row) else EMPTY_CELL


def _who(book: Any) -> tuple[str | None, str | None]:
    """The respondent's name and role as the instructions sheet gives them."""
    if q.INSTRUCTIONS not in book.sheetnames:
        return None, None
    (name_row, column), (role_row, _) = q.NAME_CELL, q.ROLE_CELL
    values = {
        number: row[0]
        for number, row in enumerate(
            sheet_of(book, q.INSTRUCTIONS).iter_rows(
                min_row=name_row, max_row=role_row, min_col=column, max_col=column, values_only=True
            ),
            start=name_row,
        )
    }
    return read_text(values.get(name_row)), read_text(values.get(role_row))


def _allowed(framework: Framework, key: str) -> str:
    from readiness.workbook.answers import allowed_levels

    return allowed_levels(framework.manifest.scale, framework.questions()[key])
