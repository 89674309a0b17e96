"""The last stage's standard, for an organization whose every gate holds: the practices still
below the level the stage expects of every practice, those the client's target lifts beyond
that level, and the month the plan lifts the last practice to the standard; and, for any plan,
the practices it brings to their target only after a given month.

The standard is the last stage's profile (`plan.target.stage_levels`); the practices come from
the plan's gaps to the target, which holds the profile, so both lists are gaps the plan counts.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.plan.calendar import parse_month
from readiness.plan.records import Options, Plan, PlannedInitiative
from readiness.plan.target import stage_levels


class Standard(NamedTuple):
    """Where an organization at the last stage stands against the stage's standard."""

    below: tuple[str, ...]
    """Questions (`dimension.question`) answered below the level the stage expects of them."""
    beyond: tuple[str, ...]
    """Questions at or above the standard that the target lifts further."""
    month: int | None
    """The exclusive month offset by which the plan lifts every practice of `below` to the
    standard; None when `below` is empty or some practice of it is never lifted."""


def last_stage_standard(framework: Framework, plan: Plan) -> Standard:
    """The practices below the last stage's standard and beyond it, from the plan's gaps (the
    questions answered below their target; unanswered ones are not counted as below)."""
    stage = framework.manifest.stages[-1]
    levels, questions = stage_levels(framework, stage)
    sums = {d for d in framework.manifest.dimensions if framework.dimension(d).aggregate == "sum"}

    def expected(key: str) -> float:
        dimension = key.partition(".")[0]
        floor = levels.get(dimension) if dimension not in sums else None
        return max(questions.get(key, framework.manifest.scale.min), floor or 0.0)

    answered = [g for g in plan.target.gaps if g.value is not None]
    below = tuple(
        g.question for g in answered if g.value is not None and g.value < expected(g.question)
    )
    beyond = tuple(
        g.question for g in answered if g.question not in below and g.target > expected(g.question)
    )
    ends = [_lifted(framework, plan, key, expected(key)) for key in below]
    month = None if None in ends else max((e for e in ends if e is not None), default=None)
    return Standard(below, beyond, month)


def _lifted(framework: Framework, plan: Plan, key: str, level: float) -> int | None:
    """The first month by which planned work brings a question to `level` (exclusive end of
    the first initiative that raises it that far); None when no planned work does."""
    first = _first_raiser(framework, plan, key, level)
    return first.end_month if first is not None else None


def _first_raiser(
    framework: Framework, plan: Plan, key: str, level: float
) -> PlannedInitiative | None:
    """The planned initiative that first brings a question to `level` (the earliest to end,
    the first in plan order on a tie); None when no planned work does."""
    catalogue = {i.id: i for i in framework.initiatives}
    raisers = [
        item
        for item in plan.initiatives
        if item.id in catalogue
        and any(
            t.name == key and t.value >= level - 1e-9 for t in raised_thresholds(catalogue[item.id])
        )
    ]
    return min(raisers, key=lambda item: item.end_month, default=None)


def brought_forward(
    options: Options, plan: Plan, framework: Framework
) -> tuple[PlannedInitiative, ...]:
    """The planned initiatives that first lift a practice the target sets and end after the
    deadline, in plan order: the work that keeping the deadline with more people (the same
    work, done sooner) pays for before the deadline rather than after it."""
    if plan.deadline is None:
        return ()
    deadline = parse_month(plan.deadline) - parse_month(plan.start) + 1
    firsts = {_first_raiser(framework, plan, p.question, p.level) for p in options.late}
    return tuple(item for item in plan.initiatives if item in firsts and item.end_month > deadline)


def raised_after(
    framework: Framework, plan: Plan, month: int
) -> tuple[tuple[str, int | None], ...]:
    """The questions below their target that the plan brings to it only after `month` (an
    exclusive offset), with the month it does (None: never), largest gap first: the target's
    levels that wait."""
    late = []
    for gap in plan.target.gaps:
        lifted = _lifted(framework, plan, gap.question, gap.target)
        if lifted is None or lifted > month:
            late.append((gap.question, lifted))
    return tuple(late)


def target_levels(aim: object) -> dict[str, float]:
    """The target level of each dimension, when the plan carries the client's target."""
    gaps = getattr(aim, "dimensions", ())
    return {
        str(g.dimension): float(g.target)
        for g in gaps
        if hasattr(g, "dimension") and hasattr(g, "target")
    }


def below_counts(plan: Plan | None, standard: Standard | None) -> dict[str, tuple[int, int]]:
    """Per dimension: the practices below the last stage's standard and those at it but below
    their target (every gap counted as the second when the standard is not known)."""
    counts: dict[str, tuple[int, int]] = {}
    if standard is not None:
        for keys, slot in ((standard.below, 0), (standard.beyond, 1)):
            for key in keys:
                pair = list(counts.get(key.partition(".")[0], (0, 0)))
                pair[slot] += 1
                counts[key.partition(".")[0]] = (pair[0], pair[1])
        return counts
    for gap in plan.target.gaps if plan is not None else ():
        dimension = gap.question.partition(".")[0]
        below, beyond = counts.get(dimension, (0, 0))
        counts[dimension] = (below, beyond + 1)
    return counts
