"""A workshop session: its settings, the checks on what people type, and the tally of a question.

A session is created from the client folder: the newest period file there gives the
organization, the framework and the assessor (all may be typed instead); the facilitator
chooses the period, the respondents' roles, the questions and whether the reveal names
people. Every value typed in a form is checked here, with a message a person can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.blank import quarter_of
from readiness.checks import in_period, period_bounds
from readiness.errors import ReadinessError
from readiness.load import Shelf, load_assessment
from readiness.model import Framework, Question
from readiness.pipeline import locate_framework
from readiness.printable import control_character

MAX_NOTE = 1000
MAX_TEXT = 200
MAX_ROLES = 30
DEFAULT_FRAMEWORK = "ml-scaling"
PERIOD = re.compile(r"^\d{4}-(Q[1-4]|H[12]|(0[1-9]|1[0-2]))$")


class InputProblem(ReadinessError):
    """Raised when a value typed in the workshop is not acceptable; the message says why."""


@dataclass(frozen=True)
class Defaults:
    """What the client folder says about a new session."""

    organization: str
    industry: str | None
    framework: Framework
    assessor: str
    period: str
    problem: str | None = None


def period_files(client_dir: Path) -> list[Path]:
    """The period files of a client folder (2026-Q4.yaml, ...), oldest first."""
    return sorted(p for p in client_dir.glob("*.yaml") if PERIOD.match(p.stem))


def client_defaults(client_dir: Path, today: dt.date, shelf: Shelf) -> Defaults:
    """The organization, framework and assessor of the newest period in the client folder
    (the default framework and blanks when the folder holds none), and today's quarter, as
    `readiness questionnaire` and `readiness init` default to (an export to a period file
    that exists asks first); the framework is taken from the server's `shelf`."""
    period = quarter_of(today)
    files = period_files(client_dir)
    problem = None
    if files:
        try:
            loaded = load_assessment(files[-1], shelf=shelf)
        except ReadinessError as error:
            problem = (
                f"{files[-1].name} could not be read ({error.lines()[0]}); type the "
                "organization, and fix the file before the export joins it"
            )
        else:
            a = loaded.assessment
            return Defaults(
                a.organization.name, a.organization.industry, loaded.framework, a.assessor, period
            )
    return Defaults("", None, locate_framework(DEFAULT_FRAMEWORK, shelf=shelf), "", period, problem)


def framework_of(spec: Mapping[str, Any], shelf: Shelf) -> Framework:
    """The framework a stored session was created with, from the server's `shelf` (read
    again only when its files changed)."""
    return locate_framework(str(spec["framework"]).split("@")[0], shelf=shelf)


def text(value: str | None, label: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    """A typed text, trimmed; refused when required and empty, or longer than `limit`."""
    # Browsers send a textarea's line breaks as CRLF.
    value = (value or "").replace("\r\n", "\n").strip()
    if required and not value:
        raise InputProblem(f"{label}: required")
    if len(value) > limit:
        raise InputProblem(f"{label}: {len(value)} characters; at most {limit}")
    if control_character(value):  # line breaks and tabs are allowed
        raise InputProblem(
            f"{label}: contains control or text-direction characters; type plain text"
        )
    return value


def build_spec(
    form: Mapping[str, str], questions: Sequence[str], defaults: Defaults, today: dt.date
) -> dict[str, Any]:
    """A session's settings from the facilitator's form; `InputProblem` for any bad value."""
    period = text(form.get("period"), "Period")
    if not PERIOD.match(period):
        raise InputProblem(f"Period: '{period}' is not a period; write 2026-Q4, 2026-H2 or 2026-11")
    if not in_period(period, today):
        first, last = period_bounds(period)
        raise InputProblem(
            f"Period: {period} runs from {first} to {last}, and the export is dated the day "
            f"the session is created, {today}; choose a period that holds that date, such as "
            f"{quarter_of(today)}"
        )
    roles = [r.strip() for r in text(form.get("roles"), "Roles", limit=4000).splitlines()]
    roles = list(dict.fromkeys(r for r in roles if r))
    if len(roles) > MAX_ROLES:
        raise InputProblem(f"Roles: {len(roles)} given; at most {MAX_ROLES}")
    for role in roles:
        text(role, f"Role '{role[:40]}'")
    known = defaults.framework.questions()
    unknown = [q for q in questions if q not in known]
    if unknown:
        raise InputProblem(f"Questions: unknown question '{unknown[0][:80]}'")
    if not questions:
        raise InputProblem("Questions: choose at least one question")
    manifest = defaults.framework.manifest
    organization = text(form.get("organization"), "Organization")
    return {
        "organization": organization,
        "industry": defaults.industry if organization == defaults.organization else None,
        "period": period,
        "assessor": text(form.get("assessor"), "Facilitator"),
        "framework": f"{manifest.id}@{manifest.version}",
        "roles": roles,
        "questions": [q for q in known if q in set(questions)],
        "named": form.get("reveal") == "named",
        "created": today.isoformat(),
    }


def questions_to_open(spec: Mapping[str, Any], target: str, agreed: Collection[str]) -> list[str]:
    """The questions that opening `target` opens to votes: a question key ('data.catalogue')
    opens that question; a dimension id ('data') opens every question of that dimension the
    session covers and the room has not agreed yet."""
    if "." in target:
        return [target]
    return [k for k in spec["questions"] if k.split(".")[0] == target and k not in agreed]


def of_dimension(spec: Mapping[str, Any], dimension: str) -> list[str]:
    """The questions of a dimension the session covers."""
    return [k for k in spec["questions"] if k.split(".")[0] == dimension]


def dimensions_of(spec: Mapping[str, Any]) -> list[str]:
    """The ids of the dimensions a session covers, in the order of its questions."""
    return list(dict.fromkeys(k.split(".")[0] for k in spec["questions"]))


def parse_level(value: str | None, question: Question, framework: Framework) -> float | None:
    """A level chosen in a form: a point on the scale, or None for n/a where it is allowed."""
    if value == "n/a":
        if not question.allow_na:
            raise InputProblem("Level: this question cannot be answered n/a")
        return None
    points = framework.manifest.scale.points()
    try:
        level = float(value or "")
    except ValueError:
        raise InputProblem("Level: choose one of the levels") from None
    if level not in points:
        raise InputProblem(f"Level: {value[:10] if value else ''} is not on the scale")
    return level


def respondent_id(role: str, taken: set[str]) -> str:
    """A short respondent id from a role ('Chief Data Officer' -> 'chief-data-officer'),
    numbered when the role is taken already."""
    base = re.sub(r"[^a-z0-9]+", "-", role.lower()).strip("-")[:40].strip("-")
    if not base or not base[0].isalpha():
        base = "p-" + base if base else "participant"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@dataclass(frozen=True)
class Tally:
    """The votes on one question as the reveal shows them: `votes` counts every vote, `levels`
    those on the scale (the mean and the spread are theirs), `na` the n/a votes; `status` is
    none, disputed, few or aligned (see `tally`)."""

    counts: tuple[tuple[float | None, str, int], ...]
    votes: int
    spread: float | None
    mean: float | None
    disputed: bool
    levels: int = 0
    na: int = 0
    status: str = "none"


def tally(
    values: Sequence[float | None],
    framework: Framework,
    question: Question,
    threshold: float,
    *,
    joined: int = 0,
) -> Tally:
    """How many voted each level (and n/a where allowed), the spread and the dispute flag.

    The status: `none` without votes; `disputed` when the levels voted are `threshold` or more
    apart (however few they are: two votes that far apart are a disagreement); `few` when
    fewer than two of the `joined` participants, or fewer than half of them, voted a level
    (n/a is no level): one vote, or a third of the room, is no consensus; else `aligned`."""
    scale = framework.manifest.scale
    levels: list[float | None] = list(scale.points())
    if question.allow_na:
        levels.append(None)
    counts = tuple(
        (level, "n/a" if level is None else scale.labels[level], values.count(level))
        for level in levels
    )
    numbers = [v for v in values if v is not None]
    spread = max(numbers) - min(numbers) if numbers else None
    mean = round(sum(numbers) / len(numbers), 2) if numbers else None
    disputed = spread is not None and spread >= threshold
    if not values:
        status = "none"
    elif disputed:
        status = "disputed"
    elif len(numbers) < 2 or 2 * len(numbers) < joined:
        status = "few"
    else:
        status = "aligned"
    return Tally(
        counts,
        len(values),
        spread,
        mean,
        disputed,
        len(numbers),
        len(values) - len(numbers),
        status,
    )
