"""Which open disputes decide the stage, computed from the scoring.

For each open dispute, the question is scored again at every level of the scale from its lowest
vote to its highest, everything else as it is, and the stage that reaches is noted. A dispute
decides the stage when some level in that range gives another stage than today's: recorded at
its lowest vote the organization would fall back, or at its highest it would move up. The pack
puts those first and gives them more time; the report names them among the open questions.
The other disputes follow by topic, those the next stage's gate reads first (a requirement of
it turns on them, and what the organization funds next with it: the summary asks to settle
them by evidence before funding).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from readiness.index import framework_index
from readiness.model import Assessment, Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.provisional import stage_with
from readiness.score import Scorecard
from readiness.workshop import AgendaItem, WorkshopView, disputed_questions


@dataclass(frozen=True)
class Stake:
    """What each level in play would do to the stage."""

    key: str
    current: int
    """Today's stage index."""
    stages: tuple[tuple[float, int], ...]
    """(level, stage index reached were that level recorded), lowest level first."""
    required: bool = False
    """Whether the next stage's gate reads the answer: a requirement of it turns on the
    dispute."""

    @property
    def deciding(self) -> bool:
        """Whether some level in play gives another stage than today's."""
        return any(stage != self.current for _, stage in self.stages)

    @property
    def falls_to(self) -> int | None:
        """The stage index at the lowest vote, when below today's."""
        lowest = self.stages[0][1] if self.stages else self.current
        return lowest if lowest < self.current else None

    @property
    def rises_to(self) -> int | None:
        """The stage index at the highest vote, when above today's."""
        highest = self.stages[-1][1] if self.stages else self.current
        return highest if highest > self.current else None


def stage_stakes(
    items: tuple[AgendaItem, ...],
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
) -> dict[str, Stake]:
    """The stake of each open dispute, by question key (n/a votes left out)."""
    current = framework.stage_index(scorecard.stage)
    points = framework.manifest.scale.points()
    required = next_gate_reads(framework, scorecard)
    stakes = {}
    for item in items:
        cast = [v.vote for v in item.votes if v.vote is not None]
        low, high = (min(cast), max(cast)) if cast else (1.0, 0.0)
        stages = tuple(
            (level, stage_with(framework, assessment, scorecard, item.key, level))
            for level in points
            if low <= level <= high
        )
        stakes[item.key] = Stake(item.key, current, stages, item.key in required)
    return stakes


def next_gate_reads(framework: Framework, scorecard: Scorecard) -> frozenset[str]:
    """The facts the next stage's gate reads; none at the last stage."""
    if scorecard.next_stage is None:
        return frozenset()
    gate = framework_index(framework).gates[framework.stage_index(scorecard.next_stage)]
    return frozenset(gate.reads) if gate is not None else frozenset()


def deciding_first(
    items: tuple[AgendaItem, ...], stakes: dict[str, Stake]
) -> tuple[AgendaItem, ...]:
    """The agenda in the order the session takes it: the disputes that decide the stage first
    (most disputed first among them), then the others by topic, a topic being a dimension in
    the order its first dispute ranks, except that topics holding a dispute the next stage's
    gate reads come first, that dispute first within its topic; numbered again from 1 in that
    order."""
    deciding = [i for i in items if stakes[i.key].deciding]
    topics: dict[str, list[AgendaItem]] = {}
    for item in items:
        if not stakes[item.key].deciding:
            topics.setdefault(item.dimension, []).append(item)

    def later(item: AgendaItem) -> bool:
        return not stakes[item.key].required

    # Sorting is stable: otherwise the order stays the agenda's.
    ordered = deciding + [
        item
        for topic in sorted(topics.values(), key=lambda topic: all(map(later, topic)))
        for item in sorted(topic, key=later)
    ]
    return tuple(
        item.model_copy(update={"rank": rank}) for rank, item in enumerate(ordered, start=1)
    )


class SessionAgenda(NamedTuple):
    """The agenda as the session takes it, the stakes of its disputes, and what did not fit."""

    items: tuple[AgendaItem, ...]
    stakes: dict[str, Stake]
    left_off: tuple[str, ...]


def session_agenda(
    view: WorkshopView, framework: Framework, assessment: Assessment, scorecard: Scorecard
) -> SessionAgenda:
    """The view's agenda with the disputes that decide the stage first. When disputes were left
    off the agenda for its length, every open dispute is weighed, so that one deciding the stage
    takes the place of one that does not; the agenda keeps its length."""
    items = view.agenda
    if view.left_off:
        everything = disputed_questions(assessment, framework, scorecard)
        items = tuple(i for i in everything if i.consensus is None)
    stakes = stage_stakes(items, framework, assessment, scorecard)
    ordered = deciding_first(items, stakes)
    kept = len(view.agenda)
    return SessionAgenda(ordered[:kept], stakes, tuple(i.key for i in ordered[kept:]))


def stake_sentence(
    stake: Stake, framework: Framework, organization: str, words: Translator = ENGLISH
) -> str | None:
    """What the stage turns on, in a sentence: each run of levels with the stage it gives
    (`recorded at 2 · Repeatable, Northwind Bank stands at Pilot to production; at 3 · Defined
    or 4 · Optimized, at Department scale, today's stage`); None when the stage does not."""
    if not stake.deciding:
        return None
    scale = framework.manifest.scale
    stages = framework.manifest.stages
    runs: list[tuple[list[float], int]] = []
    for level, stage in stake.stages:
        if runs and runs[-1][1] == stage:
            runs[-1][0].append(level)
        else:
            runs.append(([level], stage))
    clauses = []
    for index, (levels, stage) in enumerate(runs):
        named = [f"{format_number(level)} · {scale.label(level)}" for level in levels]
        shown = (
            named[0]
            if len(named) == 1
            # TRANSLATORS: levels of the scale, `2 · Repeatable, 3 · Defined or 4 · Optimized`.
            else words.gettext(
                "%(levels)s or %(last)s", levels=", ".join(named[:-1]), last=named[-1]
            )
        )
        title = stages[stage].title
        if stage == stake.current:
            title = words.gettext("%(stage)s, today's stage", stage=title)
        clauses.append(
            words.gettext(
                "recorded at %(levels)s, %(organization)s stands at %(stage)s",
                levels=shown,
                organization=organization,
                stage=title,
            )
            if index == 0
            else words.gettext("at %(levels)s, at %(stage)s", levels=shown, stage=title)
        )
    # TRANSLATORS: clauses already translated, joined by semicolons.
    return words.gettext("The stage turns on this answer: %(clauses)s.", clauses="; ".join(clauses))
