"""A blank assessment: every question of a framework, with its level descriptors, as comments.

A consultant runs `readiness init`, opens the file and uncomments one answer line per question
as the interview goes. The file validates as written (no answers yet) and after every edit.
For a workshop, the file speaks for one respondent (ready for `readiness merge`); for the next
quarter, it starts from the previous period's answers, notes and initiative statuses, each
marked for review. Every value from the user is written as a quoted YAML scalar with its
control and line-break characters escaped, and every comment stays on its line.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from readiness.errors import UsageError
from readiness.files import write_text_atomic
from readiness.load import Shelf, latest_assessment, load_assessment
from readiness.model import Answer, Assessment, Framework, Respondent, format_number
from readiness.printable import printable_json, printable_line

WIDTH = 96


def quarter_of(day: date) -> str:
    """The calendar quarter of a day, as a period: 2026-11-23 -> 2026-Q4."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


_PERIOD = re.compile(r"^\d{4}-(Q[1-4]|H[12]|(0[1-9]|1[0-2]))$")


def check_period(period: str) -> str:
    """`period` if it is a period (2026-Q4, 2026-H2, 2026-11), else `UsageError`: it names a
    file inside the client folder and must never lead outside it."""
    if not _PERIOD.match(period):
        raise UsageError(
            f"invalid --period '{printable_line(period)}': expected a period such as "
            "2026-Q4, 2026-H2 or 2026-11"
        )
    return period


def respondent_of(respondent_id: str, role: str | None) -> Respondent:
    """The respondent a per-respondent file speaks for; `UsageError` for an id or role the
    assessment could not hold."""
    try:
        return Respondent(id=respondent_id, role=role or respondent_id)
    except ValueError:
        raise UsageError(
            f"invalid --respondent '{printable_line(respondent_id)}' or --role: the id is "
            "lower-case letters, digits, '-' or '_' (e.g. cto), the role 1-200 characters"
        ) from None


@dataclass(frozen=True)
class Carried:
    """What the next period starts from: the previous period's assessment, its file name and
    the folder of its framework."""

    assessment: Assessment
    source: str
    framework: str
    path: Path | None = None
    """The file read (so the new period is never written over it)."""


def read_carried(
    client_dir: Path,
    earlier: Path,
    frameworks: Sequence[Path] = (),
    shelf: Shelf | None = None,
) -> Carried:
    """The earlier period to start from: `earlier` as given, else inside `client_dir` (its
    framework taken from, and kept on, `shelf`)."""
    source = earlier if earlier.exists() else client_dir / earlier
    loaded = load_assessment(source, frameworks=frameworks, shelf=shelf)
    return Carried(loaded.assessment, source.name, loaded.framework.folder, source)


@dataclass(frozen=True)
class Initialized:
    """A blank assessment written by `write_blank`: where, how many questions, and how many
    answers were carried forward."""

    path: Path
    questions: int
    carried: int


def write_blank(
    client_dir: Path,
    framework: Framework,
    *,
    organization: str | None,
    period: str | None,
    day: date,
    assessor: str | None,
    respondent: str | None = None,
    role: str | None = None,
    carried: Carried | None = None,
    force: bool = False,
) -> Initialized:
    """Write a blank assessment `<client_dir>/<period>.yaml` (period: the quarter of `day`
    unless given); for a `respondent` (and `role`) of a workshop, `<client_dir>/workshop-
    <period>/<respondent>.yaml`, ready for `readiness merge`. With `carried`, an earlier
    period's answers, notes, respondents and initiative statuses are written in, marked for
    review, and its organization is the default. Nothing is replaced without `force`.
    """
    period = check_period(quarter_of(day) if period is None else period)
    person = respondent_of(respondent, role) if respondent is not None else None
    organization = organization or (carried.assessment.organization.name if carried else None)
    if not organization:
        raise UsageError("--organization is required (unless --from names an earlier period)")
    # Who runs the assessment is named, never guessed from the machine's login.
    assessor = assessor or (carried.assessment.assessor if carried else None)
    if not assessor:
        named = latest_assessment(client_dir).get("assessor")
        assessor = named if isinstance(named, str) and named.strip() else None
    if not assessor:
        raise UsageError(
            "--assessor is required: name who runs the assessment (unless --from names an "
            "earlier period or the folder's latest assessment names one)"
        )
    target = client_dir / f"{period}.yaml"
    if person is not None:
        target = client_dir / f"workshop-{period}" / f"{person.id}.yaml"
    if (
        carried is not None
        and carried.path is not None
        and target.resolve() == carried.path.resolve()
    ):
        # Even with --force: the new period would replace the one it starts from.
        raise UsageError(
            f"{target}: this is the file --from reads; name another period (--period) to "
            "start from it"
        )
    schema_file = Path("schemas") / f"{framework.manifest.id}.schema.json"
    schema = None
    if schema_file.is_file():
        schema = os.path.relpath(schema_file.resolve(), target.parent.resolve())
    text = render_blank_assessment(
        framework,
        organization=organization,
        period=period,
        day=day,
        assessor=assessor,
        schema=schema,
        respondent=person,
        carried=carried,
    )
    write_text_atomic(target, text, force=force)
    count = len(carried.assessment.answers) if carried else 0
    return Initialized(target, len(framework.questions()), count)


def _quote(value: Any) -> str:
    """A YAML scalar (or flow mapping) that reads back as exactly `value`: JSON is valid YAML,
    and characters YAML would read as line breaks or that a terminal would act on are
    written as escapes."""
    return printable_json(json.dumps(value, ensure_ascii=False))


def _comment(text: str, indent: str, first: str = "", rest: str = "") -> list[str]:
    wrapped = textwrap.wrap(
        text,
        width=WIDTH - len(indent) - 2 - len(first),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [""]
    lines = [f"{indent}# {first}{wrapped[0]}".rstrip()]
    lines.extend(f"{indent}# {rest}{line}".rstrip() for line in wrapped[1:])
    return lines


def render_blank_assessment(
    framework: Framework,
    *,
    organization: str,
    period: str,
    day: date,
    assessor: str,
    schema: str | None = None,
    respondent: Respondent | None = None,
    carried: Carried | None = None,
) -> str:
    """The text of a blank assessment for `framework`: for one `respondent` of a workshop
    when given, and starting from the `carried` answers of an earlier period when given."""
    manifest = framework.manifest
    scale = manifest.scale
    points = ", ".join(f"{format_number(p)} {scale.labels[p]}" for p in scale.points())
    carried_name = printable_line(carried.source) if carried else ""
    lines: list[str] = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    lines += [
        printable_line(
            f"# {manifest.title} ({framework.ref}): assessment of {organization}, {period}."
        ),
        *_comment(
            f"Scale: {points}. Answer each question with a level, `n/a` where the question "
            "allows it, or a mapping {level: "
            f"{format_number(scale.max)}, note: ..., evidence: ..., confidence: "
            "low|medium|high}. In a workshop, give {votes: {<respondent>: level, ...}}.",
            "",
        ),
        "# Uncomment an answer line and fill it in; unanswered questions lower the coverage.",
        *_carried_header(carried),
        "",
        f"framework: {framework.ref}",
        "organization:",
        f"  name: {_quote(organization)}",
        *_organization_details(carried),
        f"period: {period}",
        f"date: {day.isoformat()}",
        f"assessor: {_quote(assessor)}",
        "# capacity: 3             # optional: at most this many initiatives at once",
        *_respondents(respondent, carried),
        "",
        "answers:",
    ]
    previous = carried.assessment.answers if carried else {}
    for dimension in framework.dimensions:
        lines.append("")
        lines.append(
            f"  # === {dimension.title} ({dimension.id}) "
            + "=" * max(3, WIDTH - 12 - len(dimension.title) - len(dimension.id))
        )
        for question in dimension.questions:
            key = f"{dimension.id}.{question.id}"
            flags = [f"weight {format_number(question.weight)}"]
            if question.critical:
                flags.append("critical")
            if question.allow_na:
                flags.append("n/a allowed")
            lines.append("")
            lines.extend(
                _comment(
                    f"{question.text} ({', '.join(flags)})", "  ", f"{key}: ", " " * (len(key) + 2)
                )
            )
            for point in scale.points():
                label = f"{format_number(point)} {scale.labels[point]}: "
                lines.extend(
                    _comment(
                        question.levels.get(point, ""), "  ", "  " + label, " " * (len(label) + 2)
                    )
                )
            if question.na_when:
                lines.extend(_comment(question.na_when, "  ", "  n/a: ", "       "))
            lines.extend(_comment(question.evidence, "  ", "  Evidence: ", "            "))
            if key in previous:
                lines.append(f"  {key}: {_answer(previous[key])}  # review ({carried_name})")
            else:
                lines.append(f"  # {key}: ")
    lines.append("")
    if carried and carried.assessment.initiatives:
        lines.append(f"initiatives:  # statuses from {carried_name}: review each")
        lines.extend(
            f"  {name}: {status}" for name, status in carried.assessment.initiatives.items()
        )
    elif framework.initiatives:
        lines.append(
            "# Status of roadmap initiatives from earlier periods (planned, in_progress, "
            "done, dropped):"
        )
        lines.append("# initiatives:")
        lines.append(f"#   {framework.initiatives[0].id}: done")
    return "\n".join(lines) + "\n"


def _organization_details(carried: Carried | None) -> list[str]:
    if carried is None:
        return ["  # industry: Retail", "  # size: 4000            # employees"]
    details = carried.assessment.organization.model_dump(exclude_none=True, exclude={"name"})
    return [f"  {key}: {_quote(value)}" for key, value in details.items()]


def _carried_header(carried: Carried | None) -> list[str]:
    if carried is None:
        return []
    return [
        printable_line(
            f"# Answers, notes and initiative statuses carried forward from {carried.source} "
            f"({carried.assessment.period}) end in `# review`: confirm or change each, then "
            "delete the mark."
        )
    ]


def _respondents(respondent: Respondent | None, carried: Carried | None) -> list[str]:
    if respondent is not None:
        entry = {"id": respondent.id, "role": respondent.role}
        return [
            "respondents:            # this file holds one person's answers",
            f"  - {_quote(entry)}",
        ]
    if carried and carried.assessment.respondents:
        people = [r.model_dump(exclude_defaults=True) for r in carried.assessment.respondents]
        return ["respondents:", *(f"  - {_quote(person)}" for person in people)]
    return [
        "# respondents:            # for a leadership workshop",
        "#   - {id: cto, role: Chief Technology Officer}",
    ]


def _answer(answer: Answer) -> str:
    """An earlier answer as one flow mapping: its level (or n/a), votes and every note."""
    entry: dict[str, Any] = {}
    if answer.na or answer.level is not None:
        entry["level"] = "n/a" if answer.na else _plain(answer.level)
    if answer.votes:
        entry["votes"] = {who: "n/a" if v is None else _plain(v) for who, v in answer.votes.items()}
    for field in ("notes", "note", "evidence", "confidence"):
        value = getattr(answer, field)
        if value:
            entry[field] = value
    return _quote(entry)


def _plain(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value
