"""The workshop session's plan in the facilitator's pack: a timed agenda and the rule by which
the room agrees a level.

The disputes that decide the stage come first, one slot each and more time each; then the other
disputes by topic, a topic being a dimension in the order its first dispute ranks. Each disputed
question gets time to read the votes and notes, and more the further apart the votes are (counted
in steps of the framework's scale); the opening states the decision rule and the close assigns who
brings the evidence still missing. Pure: built from the agenda in session order and its stakes.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.stakes import Stake
from readiness.workshop import AgendaItem, WorkshopView

OPENING = 10
"""Minutes to open: the purpose, how the votes combine, the decision rule."""
CLOSING = 15
"""Minutes to close: agreed levels read back, an owner and a date for each missing evidence."""
READING = 5
"""Minutes per disputed question to read its votes and notes."""
PER_STEP = 5
"""Minutes per step of the scale between the lowest and the highest vote."""
DECIDING = 10
"""More minutes for a question that decides the stage: the room must not run out of time on it."""


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


def question_minutes(item: AgendaItem, step: float, deciding: bool = False) -> int:
    """Time for one disputed question: reading, more the further apart the votes are, and
    more again when it decides the stage."""
    steps = round(item.spread / step) if step > 0 else 0
    return READING + PER_STEP * steps + (DECIDING if deciding else 0)


def _topics(
    agenda: tuple[AgendaItem, ...], stakes: dict[str, Stake]
) -> list[tuple[bool, list[AgendaItem]]]:
    """The slots' questions in agenda order: each deciding question alone, then the others
    grouped by dimension (the agenda already has each dimension's questions together)."""
    topics: list[tuple[bool, list[AgendaItem]]] = []
    for item in agenda:
        deciding = stakes[item.key].deciding
        previous = topics[-1] if topics else (True, [item])
        if not (deciding or previous[0]) and previous[1][0].dimension == item.dimension:
            previous[1].append(item)
            continue
        topics.append((deciding, [item]))
    return topics


def _numbers(items: list[AgendaItem]) -> str:
    return ", ".join(str(item.rank) for item in items)


def _stakes_said(
    agenda: tuple[AgendaItem, ...],
    stakes: dict[str, Stake],
    framework: Framework,
    organization: str,
    words: Translator,
) -> list[str]:
    """What recording the lowest (or the highest) vote of a deciding question does to the
    stage, one sentence per stage it would lead to."""
    stages = framework.manifest.stages
    said = []
    for falls in (True, False):
        by_stage: dict[int, list[AgendaItem]] = {}
        for item in agenda:
            stake = stakes[item.key]
            moved = stake.falls_to if falls else stake.rises_to
            if moved is not None:
                by_stage.setdefault(moved, []).append(item)
        for stage, items in sorted(by_stage.items()):
            values = {
                "numbers": _numbers(items),
                "organization": organization,
                "current": stages[stakes[items[0].key].current].title,
                "stage": stages[stage].title,
            }
            said.append(
                words.ngettext(
                    "Question %(numbers)s decides the stage: recorded at its lowest vote, it "
                    "takes %(organization)s from %(current)s back to %(stage)s, and the "
                    "leadership report then says %(stage)s. Agree it on the evidence before "
                    "moving on.",
                    "Questions %(numbers)s decide the stage: recorded at its lowest vote, any "
                    "one of them takes %(organization)s from %(current)s back to %(stage)s, and "
                    "the leadership report then says %(stage)s. Agree each on the evidence "
                    "before moving on.",
                    len(items),
                    **values,
                )
                if falls
                else words.ngettext(
                    "Question %(numbers)s could raise the stage: recorded at its highest vote, "
                    "it takes %(organization)s from %(current)s to %(stage)s.",
                    "Questions %(numbers)s could raise the stage: recorded at its highest vote, "
                    "any one of them takes %(organization)s from %(current)s to %(stage)s.",
                    len(items),
                    **values,
                )
            )
    return said


def _rule(
    view: WorkshopView,
    agenda: tuple[AgendaItem, ...],
    stakes: dict[str, Stake],
    framework: Framework,
    organization: str,
    words: Translator,
) -> tuple[str, ...]:
    """The decision rule in plain sentences, with what it does to the stage."""
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
        *_stakes_said(agenda, stakes, framework, organization, words),
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
    view: WorkshopView,
    agenda: tuple[AgendaItem, ...],
    stakes: dict[str, Stake],
    framework: Framework,
    organization: str,
    words: Translator = ENGLISH,
) -> SessionPlan:
    """The timed agenda (opening, a slot per deciding question, a slot per other topic, close;
    a topic holding a requirement of the next stage says so)
    and the decision rule, from the agenda in session order (`stakes.deciding_first`)."""
    _ = words.gettext
    step = framework.manifest.scale.step
    minutes = {item.key: question_minutes(item, step, stakes[item.key].deciding) for item in agenda}
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
    for deciding, topic in _topics(agenda, stakes):
        span = sum(minutes[item.key] for item in topic)
        widest = max(item.spread for item in topic)
        what = words.ngettext(
            "Question %(numbers)s, votes %(spread)s levels apart.",
            "Questions %(numbers)s, votes up to %(spread)s levels apart.",
            len(topic),
            numbers=_numbers(topic),
            spread=format_number(widest),
        )
        title = topic[0].dimension_title
        required = stakes[topic[0].key]
        if not deciding and required.required:
            # A topic holding a dispute the next stage's gate reads has it first.
            title = _(
                "%(dimension)s: a requirement of %(stage)s",
                dimension=title,
                stage=framework.manifest.stages[required.current + 1].title,
            )
        if deciding:
            title = _("%(dimension)s: decides the stage", dimension=title)
            what = (
                _(
                    "%(what)s Recorded at the lowest vote, the stage falls; more time to agree "
                    "it on the evidence.",
                    what=what,
                )
                if stakes[topic[0].key].falls_to is not None
                else _("%(what)s Recorded at the highest vote, the stage rises.", what=what)
            )
        slots.append(Slot(_clock(clock), _clock(clock + span), title, what, span))
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
    rule = _rule(view, agenda, stakes, framework, organization, words)
    return SessionPlan(tuple(slots), length, rule, minutes)
