"""Microsoft Forms and Google Forms exports: one row per respondent, one column per question.

Columns are matched to questions by the id in brackets that starts each question as
`readiness questionnaire --forms` prints it (`[data.inventory] How complete ...`), or by the
exact question text; never by position. Each answer maps back to its level through the number
that starts the choice, whatever language the labels were translated into. Who answered comes
from the `[name]` and `[role]` questions, else from the export's Name or Email column; when it
was answered, from its Completion time (Microsoft) or Timestamp (Google) column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.errors import InputError, ReadinessError
from readiness.load import LoadedAssessment
from readiness.workbook.answers import Bad, read_level, read_text, sheet_ref
from readiness.workbook.importing import FormsSettings, Problems, respondent_source
from readiness.yamlfile import Document

_BRACKET = re.compile(r"^\s*\[([^\]]{1,80})\]")
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


def read_forms(
    path: Path,
    book: Any,
    settings: FormsSettings,
    frameworks: Sequence[Path],
    problems: Problems,
) -> list[tuple[LoadedAssessment, Document]]:
    """Every respondent of one Forms export (`book` is the opened workbook, None for CSV)."""
    from readiness.pipeline import locate_framework

    name = path.name
    if book is None:
        rows, prefix = _csv_rows(path), ""
    else:
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        prefix = sheet_ref(sheet.title)
    if not rows:
        problems.add(name, "", "the export is empty")
        return []
    try:
        framework = locate_framework(settings.framework, frameworks=frameworks)
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
    questions = framework.questions()
    by_text = {question.text: key for key, question in questions.items()}
    columns: dict[int, str] = {}
    header = [read_text(h) or "" for h in rows[0]]
    for index, title in enumerate(header):
        match = _BRACKET.match(title)
        ref = f"{prefix}{_letter(index)}1"
        if match:
            key = match.group(1).strip()
            if key in questions or key in ("name", "role"):
                columns[index] = key
            else:
                problems.add(name, ref, f"[{key}] is not a question of {framework.ref}")
        elif title in by_text:
            columns[index] = by_text[title]
    if not any(key in questions for key in columns.values()):
        problems.add(
            name,
            "",
            "no column is headed by a question",
            "columns titled as `readiness questionnaire --forms` prints them, "
            "e.g. [data.inventory] How complete ...",
        )
        return []
    lower = [h.strip().lower() for h in header]
    sources: list[tuple[LoadedAssessment, Document]] = []
    ids: set[str] = set()
    dates: list[dt.date] = []
    people: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], start=2):
        if all(read_text(v) is None for v in row):
            continue
        cell = dict(enumerate(row))
        answers: dict[str, Any] = {}
        person: dict[str, Any] = {}
        for index, key in columns.items():
            value = cell.get(index)
            if key in ("name", "role"):
                person[key] = read_text(value)
                continue
            level = read_level(value, framework.manifest.scale, questions[key])
            if isinstance(level, Bad):
                problems.add(
                    name, f"{prefix}{_letter(index)}{number}", level.message, level.allowed
                )
            elif level is not None:
                answers[key] = {"level": level}
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
    from readiness.workbook import load_openpyxl

    load_openpyxl()
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _first(cell: dict[int, Any], lower: list[str], names: Sequence[str]) -> str | None:
    for index, title in enumerate(lower):
        if title in names:
            text = read_text(cell.get(index))
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
