"""Microsoft Forms and Google Forms exports: one row per respondent, one column per question.

Columns are matched to questions by the bracket that starts each question as
`readiness questionnaire --forms` prints it (`[data.inventory] How complete ...`), or by the
exact question text; never by position. Each answer maps back to its level through the number
that starts the choice, whatever language the labels were translated into. A column headed
`[data.inventory note] ...` carries the respondent's note on that question and one headed
`[data.inventory confidence] ...` their confidence (a choice starting with low, medium or
high); both are optional. Who answered comes from the `[name]` and `[role]` questions, else
from the export's Name or Email column; when it was answered, from its Completion time
(Microsoft) or Timestamp (Google) column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.errors import ReadinessError
from readiness.load import LoadedAssessment
from readiness.model import Framework
from readiness.printable import invisible_mark
from readiness.workbook import import_openpyxl
from readiness.workbook.answers import (
    Bad,
    allowed_levels,
    read_confidence,
    read_level,
    read_line,
    read_note,
    read_text,
    sheet_ref,
    shown,
)
from readiness.workbook.csvrows import csv_rows
from readiness.workbook.importing import (
    FormsSettings,
    Problems,
    Reading,
    respondent_source,
    rows_of,
    sheet_of,
)
from readiness.yamlfile import Document

_BRACKET = re.compile(r"^\s*\[\s*([^\]\s]{1,80})(?:\s+([^\]\s]{1,20}))?\s*\]")
LEVEL, NOTE, CONFIDENCE = "level", "note", "confidence"
"""What a question's column carries: the answer, or one of the two follow-ups after it."""
_PERSON = ("name", "role")
_NAME_COLUMNS = ("name", "full name")
_EMAIL_COLUMNS = ("email", "email address", "e-mail")
_TIME_COLUMNS = ("completion time", "timestamp", "submitted at")
_TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %I:%M:%S %p",
    "%Y/%m/%d %H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
)
_SLUG = re.compile(r"[^a-z0-9]+")
_FORMULA = "a formula is not an answer; the export holds typed values only"


@dataclass(frozen=True)
class _Formula:
    """A cell of an xlsx export that holds a formula, refused wherever it is read."""

    text: str


def read_forms(
    path: Path, book: Any, settings: FormsSettings, reading: Reading
) -> list[tuple[LoadedAssessment, Document]]:
    """Every respondent of one Forms export (`book` is the opened workbook, None for CSV);
    the framework taken from, and kept on, the reading's shelf; the organization named on the
    command line, else by the client folder's latest assessment."""
    from readiness.pipeline import locate_framework

    name, problems = path.name, reading.problems
    if book is None:
        rows, prefix = csv_rows(path), ""
    else:
        sheet = sheet_of(book)
        rows = [[_value(cell) for cell in row] for row in rows_of(sheet)]
        prefix = sheet_ref(sheet.title)
    if not rows:
        problems.add(name, "", "the export is empty")
        return []
    try:
        framework = locate_framework(
            settings.framework, frameworks=reading.frameworks, shelf=reading.shelf
        )
    except ReadinessError as error:
        problems.add(name, "", str(error))
        return []
    organization = settings.organization or reading.organization_name()
    if not organization or not settings.period:
        problems.add(
            name,
            "",
            "a Forms export does not say whose assessment it is",
            "--organization NAME (or an output in the client's folder) and --period (or an "
            "output named after the period)",
        )
        return []
    header = [read_text(h) if not isinstance(h, _Formula) else None for h in rows[0]]
    columns = _columns([h or "" for h in header], framework, name, prefix, problems)
    if not any(field == LEVEL for _, field in columns.values()):
        problems.add(
            name,
            "",
            "no column is headed by a question",
            "columns titled as `readiness questionnaire --forms` prints them, "
            "e.g. [data.inventory] How complete ...",
        )
        return []
    lower = [(h or "").strip().lower() for h in header]
    sources: list[tuple[LoadedAssessment, Document]] = []
    ids: set[str] = set()
    dates: list[dt.date] = []
    unread: tuple[str, str] | None = None
    """The first time cell that is no date and time, and its text."""
    people: list[tuple[int, dict[str, Any], dict[str, Any], dict[Any, str]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(read_text(v) is None for v in row):
            continue
        cell = dict(enumerate(row))
        at = _At(name, prefix, number, problems)
        person, answers, cells = _answers(cell, columns, framework, at)
        for field, titles in (("name", _NAME_COLUMNS), ("email", _EMAIL_COLUMNS)):
            if "name" not in person:
                person |= _who(cell, lower, titles, field, at, cells)
        who = person.get("name")
        respondent_id = _unique(_slug(who or "") or f"respondent-{number - 1}", ids)
        respondent = {"id": respondent_id, "role": person.get("role") or "Respondent"}
        if who:
            respondent["name"] = who
        when = _when(cell, lower)
        if when is not None:
            dates.append(when)
        elif unread is None:
            unread = next(
                ((at.ref(i), text) for i, t in enumerate(lower)
                 if t in _TIME_COLUMNS and (text := read_text(cell.get(i))) is not None),
                None,
            )  # fmt: skip
        people.append((number, respondent, answers, cells))
    day = settings.day or (max(dates) if dates else None)
    if day is None and unread is not None:
        problems.add(
            name,
            unread[0],
            f"{shown(unread[1])} is not a date and time the export could hold",
            "e.g. 2026-11-20 10:00:00 or 11/20/2026 10:00:00, or --date",
        )
        return []
    if day is None:
        problems.add(name, "", "no Completion time or Timestamp to date the answers", "--date")
        return []
    assessor = reading.assessor_for(name, None)
    if assessor is None:
        return []
    for number, respondent, answers, cells in people:
        data = {
            "framework": framework.ref,
            "organization": reading.organization_for(organization, {}),
            "period": settings.period,
            "date": day.isoformat(),
            "assessor": assessor,
            "respondents": [respondent],
            "answers": answers,
        }
        source = respondent_source(data, framework, name, number, problems, cells)
        if source is not None:
            sources.append(source)
    return sources


def _columns(
    header: list[str], framework: Framework, name: str, prefix: str, problems: Problems
) -> dict[int, tuple[str, str]]:
    """Which question (or `name`, `role`) and what of it each column carries, by index."""
    questions = framework.questions()
    by_text = {question.text: key for key, question in questions.items()}
    columns: dict[int, tuple[str, str]] = {}
    seen: dict[tuple[str, str], str] = {}
    for index, title in enumerate(header):
        ref = f"{prefix}{_letter(index)}1"
        match = _BRACKET.match(title)
        if match is None:
            if title not in by_text:
                continue
            key, field = by_text[title], LEVEL
        else:
            key, field = match.group(1), (match.group(2) or LEVEL).lower()
            if key not in questions and key not in _PERSON:
                mark = invisible_mark(key)
                problems.add(
                    name,
                    ref,
                    f"[{key}] holds an invisible character, {mark}"
                    if mark
                    else f"[{key}] is not a question of {framework.ref}",
                    "visible characters only; type the id again" if mark else None,
                )
                continue
            if field not in (LEVEL, NOTE, CONFIDENCE) or (key in _PERSON and field != LEVEL):
                allowed = (
                    f"[{key}]" if key in _PERSON else f"[{key}], [{key} note], [{key} confidence]"
                )
                problems.add(
                    name, ref, f"[{key} {field}] does not say what the column holds", allowed
                )
                continue
        if (key, field) in seen:
            first = seen[key, field]
            problems.add(
                name, ref, f"a second column for {_label(key, field)} (the first is {first})"
            )
            continue
        seen[key, field] = ref
        columns[index] = (key, field)
    for index, (key, field) in list(columns.items()):
        if field != LEVEL and (key, LEVEL) not in seen:
            problems.add(
                name,
                seen[key, field],
                f"{_label(key, field)} comes without the question [{key}] itself",
                f"the [{key}] question in the same form",
            )
            del columns[index]
    return columns


@dataclass(frozen=True)
class _At:
    """One row of an export: where its cells are, to locate their problems."""

    file: str
    prefix: str
    row: int
    problems: Problems

    def ref(self, index: int) -> str:
        """The reference of the row's cell in a column (0 = A)."""
        return f"{self.prefix}{_letter(index)}{self.row}"

    def refuse(self, index: int, bad: Bad) -> None:
        """Record why the row's cell in a column is refused."""
        self.problems.add(self.file, self.ref(index), bad.message, bad.allowed)


def _answers(
    cell: dict[int, Any], columns: dict[int, tuple[str, str]], framework: Framework, at: _At
) -> tuple[dict[str, Any], dict[str, Any], dict[Any, str]]:
    """One row's respondent fields (`name`, `role`) and answers, each answer with the note and
    confidence its follow-up columns give; and the cell each field was read from."""
    questions, scale = framework.questions(), framework.manifest.scale
    person: dict[str, Any] = {}
    given: dict[str, dict[str, Any]] = {}
    cells: dict[Any, str] = {}
    refused: set[str] = set()
    for index, (key, field) in columns.items():
        value = cell.get(index)
        read: Any
        if key in _PERSON:
            read, cells["respondents", 0, key] = _typed(value, read_line), at.ref(index)
        elif field == LEVEL:
            read = _typed(value, lambda v, key=key: read_level(v, scale, questions[key]))
            cells["answers", key] = at.ref(index)
        else:
            read = _typed(value, read_note if field == NOTE else read_confidence)
            cells["answers", key, field] = at.ref(index)
        if isinstance(read, Bad):
            at.refuse(index, read)
            refused.add(key)
        elif read is not None and key in _PERSON:
            person[key] = read
        elif read is not None:
            given.setdefault(key, {})[field] = read
    answers: dict[str, Any] = {}
    for key, entry in given.items():
        if LEVEL in entry:
            answers[key] = entry
        elif key not in refused:
            at.problems.add(
                at.file,
                cells["answers", key],
                f"no answer, but a {' and a '.join(entry)} is given; answer [{key}] or clear them",
                allowed_levels(scale, questions[key]),
            )
    return person, answers, cells


def _typed(value: Any, reader: Any) -> Any:
    """What `reader` makes of a cell's value; a formula refused whatever it shows."""
    return Bad(_FORMULA) if isinstance(value, _Formula) else reader(value)


def _who(
    cell: dict[int, Any],
    lower: list[str],
    titles: Sequence[str],
    field: str,
    at: _At,
    cells: dict[Any, str],
) -> dict[str, str]:
    """The respondent's name from the export's own Name column (or the part of the address
    before the @ from its Email column), unless it says anonymous; empty when there is none."""
    for index, title in enumerate(lower):
        if title not in titles:
            continue
        read = _typed(cell.get(index), read_line)
        if isinstance(read, Bad):
            at.refuse(index, read)
            return {}
        if read and read.lower() != "anonymous":
            cells["respondents", 0, "name"] = at.ref(index)
            return {"name": read.split("@")[0] if field == "email" else read}
    return {}


def _label(key: str, field: str) -> str:
    return f"[{key}]" if field == LEVEL else f"[{key} {field}]"


def _value(cell: Any) -> Any:
    """A cell's value as typed; a formula is marked, never taken for the text it shows."""
    if getattr(cell, "data_type", None) == "f":
        return _Formula(str(cell.value))
    return cell.value


def _letter(index: int) -> str:
    import_openpyxl()
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _slug(text: str) -> str:
    slug = _SLUG.sub("-", text.lower()).strip("-")[:60]
    return slug if slug[:1].isalpha() else ""


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _when(cell: dict[int, Any], lower: list[str]) -> dt.date | None:
    for index, title in enumerate(lower):
        if title not in _TIME_COLUMNS:
            continue
        value = cell.get(index)
        if isinstance(value, dt.datetime | dt.date):
            return value if not isinstance(value, dt.datetime) else value.date()
        text = re.sub(r"\s*(GMT|UTC)[+-]?\d*(:\d\d)?$", "", str(value or "").strip())
        for pattern in _TIME_FORMATS:
            try:
                return dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
    return None
