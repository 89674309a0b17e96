"""What it takes: the least work, by FTE-months, that makes the next stage and the target hold,
with its earliest date and the answers that would be enough.

Target: the answers the target asks for (the profile of the stages up to it, raised by the
assessment's overrides) that today's answers miss. Each needs an initiative that raises the
question to at least that level (see `plan.select.raised_levels`); choosing an initiative means
choosing its prerequisites that are not done. That is a set cover with prerequisites, solved
exactly as a 0-1 program (`plan.cover`). A question nothing raises far enough is
listed as uncoverable.

Next stage: what matters is its gate, decided as milestones decide it (the work simulated as
done; never on a dimension without enough evidence). A stage's profile asks at least what its
gate does, and often more (a dimension's level becomes that level asked of each of its
questions), so the cover of the profile is only a start: every initiative the gate holds
without is dropped, dearest first. The same is done from every initiative that raises an answer
the profile misses, and the cheaper result kept; such a route is the best found, not proven.

Against the plan: given the plan (`plan`), its own work up to the month it reaches a goal is a
third start, pruned the same way, and the route is the cheapest start that ends no later than
the plan does; a route is never dearer or later than the plan's own way to the same goal. Each
start is scheduled alone with the plan's team, role limits and limit of initiatives at once,
the longest chain of work first, or on the plan's own schedule when that ends sooner.

The answer is deterministic and does not depend on the machine's speed or cores (the solver's
limits are in `plan.cover`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readiness.model import Assessment, Framework
from readiness.plan.calendar import month_label
from readiness.plan.cover import Gain, gained, solve_cover
from readiness.plan.pruning import prune_work
from readiness.plan.records import Plan, Route, TargetProfile, WhatItTakes
from readiness.plan.routing import GateCheck, Goal, Meets, Rules
from readiness.plan.schedule import Job, schedule_jobs
from readiness.plan.select import unavailable
from readiness.plan.sizing import Sizing
from readiness.plan.target import stage_levels, summed_weight
from readiness.plan.target_options import target_options
from readiness.score import Scorecard


def find_routes(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    target: TargetProfile,
    sizing: Sizing,
    first: int,
    *,
    plan: Plan | None = None,
    max_parallel: int | None = None,
) -> WhatItTakes:
    """The least work to the stage after today's and to the target, each scheduled with the
    plan's team, role limits and `max_parallel` (default: the assessment's `capacity`); with
    the `plan`, never dearer or later than the plan's own way to the same goal."""
    values = {q.key: q for d in scorecard.dimensions for q in d.questions}
    floor = framework.manifest.scale.min

    def missing(levels: Mapping[str, float]) -> dict[str, float]:
        found = {}
        for key, level in sorted(levels.items()):
            question = values.get(key)
            if question is None or question.status == "n/a":
                continue
            current = floor if question.value is None else question.value
            if current < level - 1e-9:
                found[key] = level
        return found

    scores = {d.id: d.score for d in scorecard.dimensions}

    def short(levels: Mapping[str, float]) -> dict[str, float]:
        """Per summing dimension, the points it is short of its target."""
        found = {}
        for dimension_id, wanted in sorted(levels.items()):
            weight = summed_weight(framework, dimension_id)
            if weight is None:
                continue
            score = scores.get(dimension_id)
            current = floor * weight if score is None else score
            if current < wanted - 1e-9:
                found[dimension_id] = round(wanted - current, 9)
        return found

    rules = Rules(
        framework,
        unavailable(framework, assessment, scorecard),
        frozenset(i for i, s in assessment.initiatives.items() if s == "in_progress"),
        sizing,
        first,
        assessment.capacity if max_parallel is None else max_parallel,
        plan,
        missing,
        values,
    )
    stages = framework.manifest.stages
    current = framework.stage_index(scorecard.stage)
    next_route = None
    if current + 1 < len(stages):
        wanted: dict[str, float] = {}
        points: dict[str, float] = {}
        for stage in stages[: current + 2]:
            dimensions, questions = stage_levels(framework, stage)
            for key, level in questions.items():
                wanted[key] = max(wanted.get(key, level), level)
            for key, level in dimensions.items():
                points[key] = max(points.get(key, level), level)
        gate = GateCheck(framework, assessment, scorecard, current + 1)
        reached = None
        if plan is not None:
            milestone = next((m for m in plan.milestones if m.stage == scorecard.stage), None)
            reached = milestone.month if milestone is not None and milestone.reachable else None
        next_route = _best_route(
            Goal("next stage", stages[current + 1].id, missing(wanted), short(points)),
            gate.holds,
            reached,
            rules,
        )
    goal = Goal("target", target.stage, missing(target.questions), short(target.levels))
    reached = _plan_reaches(plan, framework, scorecard, goal, rules)
    target_route = _best_route(goal, rules.covers(goal), reached, rules)
    options = (
        target_options(framework, assessment, scorecard, plan, goal, rules)
        if plan is not None
        else None
    )
    return WhatItTakes(next_stage=next_route, target=target_route, options=options)


def _best_route(goal: Goal, meets: Meets, reached: int | None, rules: Rules) -> Route:
    """The cheapest of the starts (the module docstring) that ends by the month the plan
    reaches the goal (`reached`), else the cheapest; ties: the earliest, then by ids."""
    needed = goal.needed
    questions = [q for q in needed if rules.raisers(q, needed[q])]
    wants = rules.wants(goal)
    uncoverable = tuple(q for q in needed if q not in questions) + tuple(
        d for d in goal.points if d not in wants
    )
    covered, exact = _cover({q: needed[q] for q in questions}, wants, rules)
    starts = [(sorted(covered), exact)]
    if reached is not None:
        own = rules.closed(i for i, (_, end) in rules.placed.items() if end <= reached)
        starts.append((_least(sorted(own), meets, rules), False))
    if goal.name == "next stage" and meets(covered):
        pool = rules.closed(
            [i for q in questions for i in rules.raisers(q, needed[q])]
            + [i for _, gains in wants.values() for _, i, _ in gains]
        )
        starts += [
            (_least(covered, meets, rules), False),
            (_least(sorted(pool), meets, rules), False),
        ]
    options = []
    for chosen, proven in starts:
        placed = _schedule(chosen, rules)
        months = max((end for _, end in placed.values()), default=0)
        cost = round(sum(rules.cost[i] for i in chosen), 4)
        late = reached is not None and months > reached
        options.append((late, cost, months, chosen, proven, placed))
    late, cost, months, chosen, proven, placed = min(options, key=lambda o: o[:4])
    if chosen != starts[0][0]:
        # The answers the chosen work brings: for the next stage every one it raises (a gate
        # on a dimension's level may hold through answers above the profile's); for the
        # target, up to the level asked.
        reach: dict[str, float] = {}
        for i in chosen:
            for question, level in rules.levels[i].items():
                reach[question] = max(level, reach.get(question, level))
        if goal.name == "target":
            reach = {q: min(level, reach[q]) for q, level in needed.items() if q in reach}
        needed = rules.missing(reach)
    if wants and (chosen == starts[0][0] or goal.name == "target"):
        # A summing dimension's answers: those the chosen work raises in it.
        reach = dict(needed)
        for _, gains in wants.values():
            for question, initiative_id, _ in gains:
                if initiative_id in chosen:
                    level = rules.levels[initiative_id][question]
                    reach[question] = max(level, reach.get(question, level))
        needed = rules.missing(reach)
    return Route(
        goal=goal.name,
        stage=goal.stage,
        initiatives=tuple(sorted(chosen, key=lambda i: (placed[i][0], i))),
        fte_months=round(cost, 2),
        months=months,
        date=month_label(rules.first + months - 1) if months else None,
        answer_changes=needed,
        exact=proven and chosen == starts[0][0],
        uncoverable=uncoverable,
    )


def _plan_reaches(
    plan: Plan | None,
    framework: Framework,
    scorecard: Scorecard,
    goal: Goal,
    rules: Rules,
) -> int | None:
    """The month by which the plan's own work reaches the target: its stage's milestone, every
    answer it misses raised and every summing dimension's points added; None without a plan or
    when the plan does not."""
    if plan is None:
        return None
    order = [s.id for s in framework.manifest.stages]
    month = 0
    if order.index(goal.stage) > order.index(scorecard.stage):
        before = order[order.index(goal.stage) - 1]
        milestone = next((m for m in plan.milestones if m.stage == before), None)
        if milestone is None or not milestone.reachable:
            return None
        month = milestone.month
    for question, level in goal.needed.items():
        ends = [rules.placed[i][1] for i in rules.raisers(question, level) if i in rules.placed]
        if not ends:
            return None
        month = max(month, min(ends))
    for dimension_id, points in goal.points.items():
        gains = rules.gains(dimension_id)
        ends = sorted({rules.placed[i][1] for _, i, _ in gains if i in rules.placed})
        by = next(
            (
                end
                for end in ends
                if gained((i for i, (_, e) in rules.placed.items() if e <= end), gains)
                >= points - 1e-9
            ),
            None,
        )
        if by is None:
            return None
        month = max(month, by)
    return month


def _cover(
    needed: Mapping[str, float],
    wants: Mapping[str, tuple[float, Sequence[Gain]]],
    rules: Rules,
) -> tuple[list[str], bool]:
    """The cheapest initiatives raising every needed question to its level and adding the
    points each summing dimension is short of, with their prerequisites, and whether that is
    proven."""
    covers = {question: rules.raisers(question, level) for question, level in needed.items()}
    if not covers and not wants:
        return [], True
    candidates = sorted(
        rules.closed(
            [i for raisers in covers.values() for i in raisers]
            + [i for _, gains in wants.values() for _, i, _ in gains]
        )
    )
    return solve_cover(candidates, rules.cost, covers, rules.by_id, rules.done, wants)


def _least(chosen: Sequence[str], meets: Meets, rules: Rules) -> list[str]:
    """`chosen` pruned of every initiative the goal holds without (`pruning.prune_work`);
    `chosen` itself when the goal does not hold with it."""

    def waits_for(initiative_id: str) -> Sequence[str]:
        return () if initiative_id in rules.under_way else rules.by_id[initiative_id].depends_on

    pruned = prune_work(set(chosen), meets, rules.cost, waits_for)
    return sorted(chosen if pruned is None else pruned)


def _schedule(chosen: Sequence[str], rules: Rules) -> dict[str, tuple[int, int]]:
    """Where each chosen initiative runs: scheduled alone with the plan's team and limits, the
    longest chain of work first; or where the plan runs it, when the plan runs all of them
    and ends them sooner (a plan's schedule holds for any part of its work)."""
    by_id, sizing = rules.by_id, rules.sizing
    tails = _tails(chosen, rules)
    alone = schedule_jobs(
        [
            Job(
                i,
                sizing.duration(by_id[i]),
                sizing.effort(by_id[i]),
                by_id[i].owner,
                tuple(d for d in by_id[i].depends_on if d in tails),
                (-tails[i], i),
                under_way=i in rules.under_way,
            )
            for i in chosen
        ],
        team_fte=sizing.team_fte,
        role_limit=sizing.role_limit,
        horizon=10_000,
        max_parallel=rules.max_parallel,
        ramp_months=sizing.ramp_months,
        owner_fte=sizing.owner_fte,
    ).placed
    if all(i in rules.placed for i in chosen):
        planned = {i: rules.placed[i] for i in chosen}
        last = max((end for _, end in planned.values()), default=0)
        if last < max((end for _, end in alone.values()), default=0):
            return planned
    return alone


def _tails(chosen: Sequence[str], rules: Rules) -> dict[str, int]:
    """Per chosen initiative, the months from its start to the end of the longest chain of
    chosen work that waits for it (its own duration included)."""
    members = set(chosen)
    dependents: dict[str, list[str]] = {i: [] for i in members}
    for i in members:
        for d in rules.by_id[i].depends_on:
            if d in members and i not in rules.under_way:
                dependents[d].append(i)
    tails: dict[str, int] = {}

    def tail(i: str) -> int:
        if i not in tails:
            later = max((tail(j) for j in dependents[i]), default=0)
            tails[i] = rules.sizing.duration(rules.by_id[i]) + later
        return tails[i]

    for i in sorted(members):
        tail(i)
    return tails
