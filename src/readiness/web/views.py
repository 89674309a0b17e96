"""How the workshop pages are rendered: the Jinja environment and the view models of a session.

Templates live in `templates/` inside the package (autoescape on, StrictUndefined); the
context is built here from stored rows and the framework, never computed in a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from readiness.load import Shelf
from readiness.model import Framework, Question
from readiness.web.seats import participants
from readiness.web.security import CSRF_COOKIE, csrf_token, set_cookie
from readiness.web.session import Tally, dimensions_of, framework_of, of_dimension, tally
from readiness.web.storage import (
    AgreedRow,
    ParticipantRow,
    Progress,
    SessionRow,
    Store,
    VoteRow,
)

TEMPLATES = Path(__file__).parent / "templates"
DISPUTE_THRESHOLD = 2.0


def environment() -> jinja2.Environment:
    """The strict, autoescaping Jinja environment of the workshop pages."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(
    env: jinja2.Environment,
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    secure: bool = False,
) -> HTMLResponse:
    """A page with the browser's CSRF value in its forms (and its cookie set when new)."""
    csrf = csrf_token(request)
    html = env.get_template(template).render(csrf=csrf, **context)
    response = HTMLResponse(html, status_code=status)
    if request.cookies.get(CSRF_COOKIE) != csrf:
        set_cookie(response, CSRF_COOKIE, csrf, secure=secure)
    return response


@dataclass(frozen=True)
class Level:
    """One choice on a question: a scale point with its label and descriptor, or n/a."""

    value: str
    label: str
    descriptor: str


@dataclass(frozen=True)
class QuestionView:
    """A question as the pages show it."""

    key: str
    number: int
    total: int
    dimension: str
    text: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class Reveal:
    """The revealed votes of a question: the tally, and who said what where the reveal is named."""

    tally: Tally
    bars: tuple[tuple[str, str, int, int], ...]
    voices: tuple[tuple[str, str, str | None], ...]

    @property
    def spread_text(self) -> str:
        """The spread as shown: 1 rather than 1.0, a dash without numeric votes."""
        spread = self.tally.spread
        return "–" if spread is None else _plain(spread)

    @property
    def mean_text(self) -> str:
        """The mean as shown: 2 rather than 2.0, a dash without numeric votes."""
        mean = self.tally.mean
        return "–" if mean is None else _plain(mean)


@dataclass(frozen=True)
class Status:
    """Where one question of a session stands, as the facilitator's list shows it: `kind` is
    agreed, disputed, revealed, open, voted or new."""

    key: str
    number: int
    text: str
    kind: str
    label: str


@dataclass(frozen=True)
class OpenQuestion:
    """A question open to votes: how it reads, its reveal, its agreed level, its vote count."""

    question: QuestionView
    reveal: Reveal | None
    agreed: AgreedRow | None
    agreed_text: str | None
    count: int


def level_text(value: float | None, framework: Framework) -> str:
    """A level as people read it: '3 · Defined', or 'n/a'."""
    if value is None:
        return "n/a"
    label = framework.manifest.scale.labels[value]
    shown = int(value) if float(value).is_integer() else value
    return f"{shown} · {label}"


def question_view(framework: Framework, spec: dict[str, Any], key: str) -> QuestionView:
    """The question `key` of a session, with its levels and n/a where it is allowed."""
    question: Question = framework.questions()[key]
    dimension_id = key.split(".")[0]
    dimension = next(d for d in framework.dimensions if d.id == dimension_id)
    levels = [
        Level(_plain(point), level_text(point, framework), question.levels[point])
        for point in framework.manifest.scale.points()
    ]
    if question.allow_na:
        levels.append(Level("n/a", "n/a", question.na_when or "The question does not apply."))
    return QuestionView(
        key,
        spec["questions"].index(key) + 1,
        len(spec["questions"]),
        dimension.title,
        question.text,
        tuple(levels),
    )


def reveal(
    framework: Framework,
    session: SessionRow,
    key: str,
    votes: list[VoteRow],
    names: dict[str, str],
) -> Reveal:
    """The reveal of the open question `key`: bars per level, and the notes (named or not);
    `names` holds everyone who joined, by respondent."""
    question = framework.questions()[key]
    values = [v.value for v in votes]
    counted = tally(values, framework, question, DISPUTE_THRESHOLD, joined=len(names))
    top = max((c for _, _, c in counted.counts), default=0) or 1
    bars = tuple(
        (
            "n/a" if level is None else _plain(level),
            level_text(level, framework),
            count,
            round(100 * count / top),
        )
        for level, _label, count in counted.counts
    )
    if session.spec["named"]:
        voices = tuple(
            (names[v.respondent], level_text(v.value, framework), v.note)
            for v in sorted(votes, key=lambda v: (v.value is None, v.value or 0, v.respondent))
        )
    else:
        # Anonymous: the notes alone, without their level (a lone vote at a level would name
        # its author), in the order of their text (not of who wrote them, nor when).
        voices = tuple(("", "", note) for note in sorted(v.note for v in votes if v.note))
    return Reveal(counted, bars, voices)


def statuses(
    framework: Framework,
    session: SessionRow,
    progress: dict[str, Progress],
    agreed: dict[str, AgreedRow],
    votes: list[VoteRow],
    seated: int,
) -> list[Status]:
    """Where every question of a session stands, in the session's order."""
    found = []
    questions = framework.questions()
    for number, key in enumerate(session.spec["questions"], 1):
        cast = [v.value for v in votes if v.question == key]
        count = f"{len(cast)} {'vote' if len(cast) == 1 else 'votes'}"
        state = progress.get(key)
        question = questions[key]
        voting = state is not None and state.open and not session.revealed
        if key in agreed:
            kind, label = "agreed", f"Agreed {level_text(agreed[key].value, framework)}"
        elif state is None:
            kind, label = "new", "Not opened"
        elif voting or not state.revealed:
            kind = "open" if voting else "voted"
            label = f"{len(cast)} of {seated} votes" + ("" if voting else " · not revealed")
        elif tally(cast, framework, question, DISPUTE_THRESHOLD).disputed:
            kind, label = "disputed", f"Disputed · {count}"
        else:
            kind, label = "revealed", f"Revealed, not agreed · {count}"
        found.append(Status(key, number, question.text, kind, label))
    return found


@dataclass(frozen=True)
class Missing:
    """The joined participants who have not voted on every open question: how many, and
    (named sessions only: an anonymous room never learns who voted) who, with how many of
    the open questions each answered."""

    count: int
    joined: int
    open: int
    who: tuple[tuple[str, int], ...]


def missing_voters(
    session: SessionRow, people: list[ParticipantRow], votes: list[VoteRow]
) -> Missing:
    """Who has not voted yet on the open questions of `session`."""
    keys = set(session.opened)
    answered = {p.respondent: 0 for p in people}
    for vote in votes:
        if vote.question in keys and vote.respondent in answered:
            answered[vote.respondent] += 1
    behind = [p for p in people if answered[p.respondent] < len(keys)]
    who = tuple((seat_name(p), answered[p.respondent]) for p in behind if session.spec["named"])
    return Missing(len(behind), len(people), len(keys), who)


def seat_name(person: ParticipantRow) -> str:
    """A participant as the room reads them: 'Raj Patel (Chief Financial Officer)', or the
    role alone."""
    return f"{person.name} ({person.role})" if person.name else person.role


def session_context(store: Store, session: SessionRow, shelf: Shelf) -> dict[str, Any]:
    """What both views of a session show: the framework, the open question (or the open
    dimension's questions) with their reveals and agreed levels (the framework from the
    server's `shelf`)."""
    framework = framework_of(session.spec, shelf)
    people = participants(store, session.code)
    names = {p.respondent: seat_name(p) for p in people}
    agreed = store.agreed(session.code)
    keys = session.opened
    votes = store.votes(session.code) if keys else []
    items = []
    for key in keys:
        row = agreed.get(key)
        cast = [v for v in votes if v.question == key]
        items.append(
            OpenQuestion(
                question_view(framework, session.spec, key),
                reveal(framework, session, key, cast, names) if session.revealed else None,
                row,
                level_text(row.value, framework) if row else None,
                len(cast),
            )
        )
    current = session.current
    dimension = next((d.title for d in framework.dimensions if current and d.id == current), None)
    return {
        "session": session,
        "spec": session.spec,
        "framework": framework,
        "people": people,
        "items": items,
        "dimension": dimension,
        "dimensions": [
            (d.id, d.title, len(of_dimension(session.spec, d.id)))
            for d in framework.dimensions
            if d.id in dimensions_of(session.spec)
        ],
        "agreed_count": len(agreed),
        "missing": missing_voters(session, people, votes),
    }


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
