"""What stands between a plan and its target when the plan does not reach the target by its
deadline (or at all), and the two ways past it a board can choose between.

The target holds once every gate up to its stage holds (decided as milestones decide it) and
every answer it asks for is raised to its level (`Rules.covers`). Work the plan defers past its
horizon is placed where the scheduler found it would run (its cause's months); of it, only what
the target needs is kept: all of it, less every initiative the target holds without (dearest
first, never a prerequisite of what stays).

(a) Plan that deferred work after the horizon: the target holds in the first month by whose
end the planned work and the kept deferred work make it hold; that work's person-months are
the extra cost.

(b) Keep the deadline with more people: the same work is scheduled again, from the plan's first
month, with a larger team (whole people, up to twice today's team) that ramps up as the
plan's does, each owner's limits on parallel work and on the people of the work it leads, and
the plan's limit of initiatives at once; in the plan's own order (planned
start, then deferred work in the order it would start). The answer is the smallest team found
by bisection whose schedule meets the deadline, checked on its own schedule. When no team up
to twice today's meets it, the month the target holds with as many people as the work can use
says whether anything would: prerequisites and owners' limits then set the pace.

Pure and deterministic: a handful of schedules of the plan's own work.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from readiness.model import Assessment, Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import LatePractice, Options, Plan
from readiness.plan.routing import GateCheck, Goal, Meets, Rules
from readiness.plan.schedule import Job, schedule_jobs
from readiness.score import Scorecard

LARGEST_TEAM = 2.0
"""The largest team option (b) tries, as a multiple of today's team."""

Placement = Mapping[str, tuple[int, int]]
"""Initiative id -> (start, exclusive end) months from the plan's first month."""


def target_options(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    plan: Plan,
    goal: Goal,
    rules: Rules,
) -> Options | None:
    """The options of the module docstring; None when the plan reaches the target by its
    deadline (or, without a deadline, at all)."""
    meets = _target_meets(framework, assessment, scorecard, goal, rules)
    first = parse_month(plan.start)
    deadline = parse_month(plan.deadline) - first + 1 if plan.deadline else None
    planned = dict(rules.placed)
    reached = _reached(planned, meets)
    if reached is not None and (deadline is None or reached <= deadline):
        return None
    after: dict[str, tuple[int, int]] = {}
    for deferred in plan.deferred:
        start = getattr(deferred.cause, "start_month", None)
        end = getattr(deferred.cause, "end_month", None)
        if isinstance(start, int) and isinstance(end, int):
            after[deferred.id] = (start, end)
    kept = _needed(planned, after, meets, rules) if reached is None else {}
    work = {**planned, **kept}
    when = reached if reached is not None else _reached(work, meets)
    options = Options(
        deferred=tuple(sorted(kept, key=lambda i: (kept[i][1], i))),
        extra_fte_months=round(sum(rules.cost[i] for i in kept), 2),
        date=_label(first, when),
        late=(),
        team_fte=None,
        team_date=None,
        unlimited_date=None,
    )
    if deadline is None or when is None:
        return options
    late = []
    for question, level in goal.needed.items():
        ends = [work[i][1] for i in rules.raisers(question, level) if i in work]
        closed = min(ends) if ends else None
        if closed is None or closed > deadline:
            late.append(LatePractice(question, level, _label(first, closed)))
    late.sort(key=lambda p: (p.date is None, p.date or "", p.question))
    team, team_month, unlimited = _team_for(work, deadline, meets, rules)
    if unlimited is not None and when < unlimited:
        # A larger team can always run today's schedule: greedy placement with more people
        # may end later, but the target never needs to hold later than it does with today's.
        unlimited = when
    return options._replace(
        late=tuple(late),
        team_fte=team,
        team_date=_label(first, team_month),
        unlimited_date=_label(first, unlimited),
    )


def _target_meets(
    framework: Framework, assessment: Assessment, scorecard: Scorecard, goal: Goal, rules: Rules
) -> Meets:
    """Whether the target holds once a set of initiatives is done: every gate after today's
    stage up to the target's, and every answer the target asks for."""
    current = framework.stage_index(scorecard.stage)
    gates = [
        GateCheck(framework, assessment, scorecard, position)
        for position in range(current + 1, framework.stage_index(goal.stage) + 1)
    ]
    covers = rules.covers(goal)

    def meets(chosen: Iterable[str]) -> bool:
        done = list(chosen)
        return covers(done) and all(gate.holds(done) for gate in gates)

    return meets


def _reached(work: Placement, meets: Meets) -> int | None:
    """The first month (exclusive end, counted from 1) by whose end `work` makes the target
    hold; None when all of it does not. Bisection over the months work ends (holding is
    monotone: more work done never undoes an answer)."""
    if not meets(work):
        return None
    ends = sorted({end for _, end in work.values()})
    low, high = 0, len(ends) - 1
    if meets(()):
        return 0
    while low < high:
        middle = (low + high) // 2
        if meets(i for i, (_, end) in work.items() if end <= ends[middle]):
            high = middle
        else:
            low = middle + 1
    return ends[low] if ends else 0


def _needed(
    planned: Placement, after: Placement, meets: Meets, rules: Rules
) -> dict[str, tuple[int, int]]:
    """The deferred work the target needs (the module docstring); none when even all of it
    does not make the target hold."""
    if not meets([*planned, *after]):
        return {}
    kept = dict(after)
    for initiative_id in sorted(after, key=lambda i: (-rules.cost[i], i)):
        waited_for = any(initiative_id in rules.by_id[i].depends_on for i in kept)
        rest = [i for i in kept if i != initiative_id]
        if not waited_for and meets([*planned, *rest]):
            del kept[initiative_id]
    return kept


def _team_for(
    work: Placement, deadline: int, meets: Meets, rules: Rules
) -> tuple[float | None, int | None, int | None]:
    """Option (b): the smallest team found up to `LARGEST_TEAM` times today's whose schedule
    of `work` makes the target hold by `deadline`, with the month it holds; else None, None
    and the month it holds with as many people as the work can use."""
    today = rules.sizing.team_fte
    lowest, highest = math.floor(today) + 1, math.floor(today * LARGEST_TEAM)
    found: tuple[float, int] | None = None
    low, high = lowest, highest
    while low <= high:
        team = (low + high) // 2
        month = _reached(_rescheduled(work, float(team), rules), meets)
        if month is not None and month <= deadline:
            found, high = (float(team), month), team - 1
        else:
            low = team + 1
    if found is not None:
        return found[0], found[1], None
    everyone = sum(rules.sizing.effort(rules.by_id[i]) for i in work)
    return None, None, _reached(_rescheduled(work, max(everyone, today), rules), meets)


def _rescheduled(work: Placement, team: float, rules: Rules) -> dict[str, tuple[int, int]]:
    """`work` scheduled again from the first month with a team of `team` people, ramping up
    and bounded per owner as the plan is, in the plan's own order (where it starts it), with
    no horizon."""
    by_id, sizing = rules.by_id, rules.sizing
    return schedule_jobs(
        [
            Job(
                i,
                sizing.duration(by_id[i]),
                sizing.effort(by_id[i]),
                by_id[i].owner,
                tuple(d for d in by_id[i].depends_on if d in work),
                (start, i),
                under_way=i in rules.under_way,
            )
            for i, (start, _) in work.items()
        ],
        team_fte=team,
        role_limit=sizing.role_limit,
        horizon=10_000,
        max_parallel=rules.max_parallel,
        ramp_months=sizing.ramp_months,
        owner_fte=sizing.owner_fte,
    ).placed


def _label(first: int, month: int | None) -> str | None:
    """The calendar month (YYYY-MM) whose end is `month` months after the plan's start."""
    return None if month is None else month_label(first + max(month, 1) - 1)
