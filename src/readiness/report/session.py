"""The workshop session's plan in the facilitator's pack: a timed agenda by topic and the rule
by which the room agrees a level.

A topic is a dimension with open disputes, in the order its first dispute ranks on the agenda.
Each disputed question gets time to read the votes and notes, and more the further apart the
votes are (counted in steps of the framework's scale); the opening states the decision rule and
the close assigns who brings the evidence still missing. Pure: built from the workshop view.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.workshop import AgendaItem, WorkshopView

OPENING = 10
"""Minutes to open: the purpose, how the votes combine, the decision rule."""
CLOSING = 15
"""Minutes to close: agreed levels read back, an owner and a date for each missing evidence."""
READING = 5
"""Minutes per disputed question to read its votes and notes."""
PER_STEP = 5
"""Minutes per step of the scale between the lowest and the highest vote."""


@dataclass(frozen=True)
class Slot:
    """One line of the timed agenda."""

    starts: str
    ends: str
    topic: str
    what: str
    minutes: int


@dataclass(frozen=True)
class SessionPlan:
    """The timed agenda and the decision rule, as the pack prints them."""

    slots: tuple[Slot, ...]
    length: str
    rule: tuple[str, ...]
    minutes: dict[str, int]
    """Minutes per agenda question, by question key (each question's card shows its time)."""


def _clock(minutes: int) -> str:
    """Minutes from the start as h:mm (`1:05`)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def question_minutes(item: AgendaItem, step: float) -> int:
    """Time for one disputed question: reading, plus more the further apart the votes are."""
    steps = round(item.spread / step) if step > 0 else 0
    return READING + PER_STEP * steps


def _topics(agenda: tuple[AgendaItem, ...]) -> list[list[AgendaItem]]:
    """The agenda's questions grouped by dimension, topics in the order they first appear."""
    topics: dict[str, list[AgendaItem]] = {}
    for item in agenda:
        topics.setdefault(item.dimension, []).append(item)
    return list(topics.values())


def _rule(view: WorkshopView, framework: Framework, words: Translator) -> tuple[str, ...]:
    """The decision rule in plain sentences."""
    _ = words.gettext
    within = (
        _(
            "Agreement: after the discussion, every participant's level is within one level of every other's."
        )
        if framework.manifest.scale.step == 1
        else _(
            "Agreement: after the discussion, every participant's level is within one step of "
            "the scale of every other's."
        )
    )
    rule = [
        _(
            "%(within)s The agreed level is then the one the evidence in the room supports; "
            "where the evidence leaves two levels open, the lower of the two.",
            within=within,
        ),
        _(
            "When the room does not agree in the time given, the lower of the levels still "
            "argued is recorded as provisional, a participant takes on bringing the evidence "
            "that would settle it by a date set in the room, and the next re-score takes the "
            "level that evidence shows."
        ),
    ]
    weighted = sorted(
        {
            words.gettext(
                "%(who)s (%(times)s times on %(dimension)s)",
                who=v.label,
                times=format_number(v.weight),
                dimension=item.dimension_title,
            )
            for item in view.agenda
            for v in item.votes
            if v.weight != 1
        }
    )
    if weighted:
        rule.append(
            _(
                "Weights count in the value the votes give before the session: %(weighted)s. "
                "They give no casting vote: the agreed level is the room's.",
                weighted="; ".join(weighted),
            )
        )
    return tuple(rule)


def plan_session(
    view: WorkshopView, framework: Framework, words: Translator = ENGLISH
) -> SessionPlan:
    """The timed agenda (opening, one slot per topic, close) and the decision rule."""
    _ = words.gettext
    step = framework.manifest.scale.step
    minutes = {item.key: question_minutes(item, step) for item in view.agenda}
    slots = [
        Slot(
            _clock(0),
            _clock(OPENING),
            _("Opening"),
            _("The purpose of the session, how the votes combine, the decision rule."),
            OPENING,
        )
    ]
    clock = OPENING
    for topic in _topics(view.agenda):
        span = sum(minutes[item.key] for item in topic)
        widest = max(item.spread for item in topic)
        numbers = ", ".join(str(item.rank) for item in topic)
        what = words.ngettext(
            "Question %(numbers)s, votes %(spread)s levels apart.",
            "Questions %(numbers)s, votes up to %(spread)s levels apart.",
            len(topic),
            numbers=numbers,
            spread=format_number(widest),
        )
        slots.append(
            Slot(_clock(clock), _clock(clock + span), topic[0].dimension_title, what, span)
        )
        clock += span
    slots.append(
        Slot(
            _clock(clock),
            _clock(clock + CLOSING),
            _("Close"),
            _(
                "Each agreed or provisional level read back; for each piece of evidence still "
                "missing, who brings it and by when; the date of the next re-score."
            ),
            CLOSING,
        )
    )
    clock += CLOSING
    length = words.ngettext(
        "%(num)s minute (%(clock)s)", "%(num)s minutes (%(clock)s)", clock, clock=_clock(clock)
    )
    return SessionPlan(tuple(slots), length, _rule(view, framework, words), minutes)
