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

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.errors import InputError, ReadinessError
from readiness.load import LoadedAssessment, Shelf
from readiness.model import Framework
from readiness.workbook import import_openpyxl
from readiness.workbook.answers import (
    Bad,
    allowed_levels,
    read_confidence,
    read_level,
    read_text,
    sheet_ref,
)
from readiness.workbook.importing import FormsSettings, Problems, respondent_source, sheet_of
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
    path: Path,
    book: Any,
    settings: FormsSettings,
    frameworks: Sequence[Path],
    problems: Problems,
    shelf: Shelf,
) -> list[tuple[LoadedAssessment, Document]]:
    """Every respondent of one Forms export (`book` is the opened workbook, None for CSV);
    the framework taken from, and kept on, `shelf`."""
    from readiness.pipeline import locate_framework

    name = path.name
    if book is None:
        rows, prefix = _csv_rows(path), ""
    else:
        sheet = sheet_of(book)
        rows = [[_value(cell) for cell in row] for row in sheet.iter_rows()]
        prefix = sheet_ref(sheet.title)
    if not rows:
        problems.add(name, "", "the export is empty")
        return []
    try:
        framework = locate_framework(settings.framework, frameworks=frameworks, shelf=shelf)
    except ReadinessError as error:
        problems.add(name, "", str(error))
        return []
    if not settings.organization or not settings.period:
        problems.add(
            name,
            "",
            "a Forms export does not say whose assessment it is",
            "--organization NAME and --period (or an output named after the period)",
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
    people: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(read_text(v) is None for v in row):
            continue
        cell = dict(enumerate(row))
        person, answers = _answers(cell, columns, framework, name, prefix, number, problems)
        who = person.get("name") or _first(cell, lower, _NAME_COLUMNS) or _email(cell, lower)
        respondent_id = _unique(_slug(who or "") or f"respondent-{number - 1}", ids)
        respondent = {"id": respondent_id, "role": person.get("role") or "Respondent"}
        if who:
            respondent["name"] = who
        when = _when(cell, lower)
        if when is not None:
            dates.append(when)
        people.append((number, respondent, answers))
    day = settings.day or (max(dates) if dates else None)
    if day is None:
        problems.add(name, "", "no Completion time or Timestamp to date the answers", "--date")
        return []
    for number, respondent, answers in people:
        data = {
            "framework": framework.ref,
            "organization": {"name": settings.organization},
            "period": settings.period,
            "date": day.isoformat(),
            "assessor": settings.assessor,
            "respondents": [respondent],
            "answers": answers,
        }
        source = respondent_source(data, framework, name, number, problems)
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
                problems.add(name, ref, f"[{key}] is not a question of {framework.ref}")
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


def _answers(
    cell: dict[int, Any],
    columns: dict[int, tuple[str, str]],
    framework: Framework,
    name: str,
    prefix: str,
    number: int,
    problems: Problems,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One row's respondent fields (`name`, `role`) and answers, each answer with the note and
    confidence its follow-up columns give."""
    questions, scale = framework.questions(), framework.manifest.scale
    person: dict[str, Any] = {}
    given: dict[str, dict[str, Any]] = {}
    level_refs: dict[str, str] = {}
    refused: set[str] = set()
    for index, (key, field) in columns.items():
        value, ref = cell.get(index), f"{prefix}{_letter(index)}{number}"
        if field == LEVEL:
            level_refs[key] = ref
        if isinstance(value, _Formula):
            problems.add(name, ref, _FORMULA)
            refused.add(key)
            continue
        read: Any
        if key in _PERSON:
            person[key] = read_text(value)
            continue
        if field == LEVEL:
            read = read_level(value, scale, questions[key])
        elif field == NOTE:
            read = read_text(value)
        else:
            read = read_confidence(value)
        if isinstance(read, Bad):
            problems.add(name, ref, read.message, read.allowed)
            refused.add(key)
        elif read is not None:
            given.setdefault(key, {})[field] = read
    answers: dict[str, Any] = {}
    for key, entry in given.items():
        if LEVEL in entry:
            answers[key] = entry
        elif key not in refused:
            problems.add(
                name,
                level_refs[key],
                f"no answer, but a {' and a '.join(entry)} is given; answer [{key}] or clear them",
                allowed_levels(scale, questions[key]),
            )
    return person, answers


def _label(key: str, field: str) -> str:
    return f"[{key}]" if field == LEVEL else f"[{key} {field}]"


def _value(cell: Any) -> Any:
    """A cell's value as typed; a formula is marked, never taken for the text it shows."""
    if getattr(cell, "data_type", None) == "f":
        return _Formula(str(cell.value))
    return cell.value


def _csv_rows(path: Path) -> list[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{path}: not UTF-8 or UTF-16 text")
    header = text.split("\n", 1)[0]
    dialect = "excel-tab" if header.count("\t") > header.count(",") else "excel"
    return [list(r) for r in csv.reader(io.StringIO(text), dialect=dialect)]


def _letter(index: int) -> str:
    import_openpyxl()
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _first(cell: dict[int, Any], lower: list[str], names: Sequence[str]) -> str | None:
    for index, title in enumerate(lower):
        value = cell.get(index)
        if title in names and not isinstance(value, _Formula):
            text = read_text(value)
            if text and text.lower() != "anonymous":
                return text
    return None


def _email(cell: dict[int, Any], lower: list[str]) -> str | None:
    address = _first(cell, lower, _EMAIL_COLUMNS)
    return address.split("@")[0] if address else None


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
