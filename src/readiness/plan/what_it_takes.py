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

from collections.abc import Callable, Iterable, Mapping, Sequence

from readiness.condition_terms import gate_holds
from readiness.index import fact_space_for
from readiness.model import Assessment, Framework
from readiness.plan.calendar import month_label
from readiness.plan.cover import solve_cover
from readiness.plan.records import Plan, Route, TargetProfile, WhatItTakes
from readiness.plan.schedule import Job, schedule_jobs
from readiness.plan.select import raised_levels, unavailable
from readiness.plan.simulate import Simulator
from readiness.plan.sizing import Sizing
from readiness.plan.target import stage_levels
from readiness.score import Scorecard, assessed_facts

Meets = Callable[[Iterable[str]], bool]
"""Whether a goal holds once these initiatives are done."""


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

    rules = _Rules(
        framework,
        unavailable(framework, assessment, scorecard),
        frozenset(i for i, s in assessment.initiatives.items() if s == "in_progress"),
        sizing,
        first,
        assessment.capacity if max_parallel is None else max_parallel,
        plan,
        missing,
    )
    stages = framework.manifest.stages
    current = framework.stage_index(scorecard.stage)
    next_route = None
    if current + 1 < len(stages):
        wanted: dict[str, float] = {}
        for stage in stages[: current + 2]:
            dimensions, questions = stage_levels(framework, stage)
            for key in framework.questions():
                levels = [questions.get(key), dimensions.get(key.partition(".")[0])]
                present = [level for level in levels if level is not None]
                if present:
                    wanted[key] = max([wanted.get(key, present[0]), *present])
        gate = _GateCheck(framework, assessment, scorecard, current + 1)
        reached = None
        if plan is not None:
            milestone = next((m for m in plan.milestones if m.stage == scorecard.stage), None)
            reached = milestone.month if milestone is not None and milestone.reachable else None
        next_route = _best_route(
            "next stage", stages[current + 1].id, missing(wanted), gate.holds, reached, rules
        )
    needed = missing(target.questions)
    covers = rules.covers(needed)
    reached = _plan_reaches(plan, framework, scorecard, target.stage, needed, rules)
    target_route = _best_route("target", target.stage, needed, covers, reached, rules)
    return WhatItTakes(next_stage=next_route, target=target_route)


class _Rules:
    """What every route of one assessment shares: the catalogue, what is done or under way,
    the sizing and limits of the plan, the plan itself when given, and which answers a set of
    levels would change."""

    def __init__(
        self,
        framework: Framework,
        done: frozenset[str],
        under_way: frozenset[str],
        sizing: Sizing,
        first: int,
        max_parallel: int | None,
        plan: Plan | None,
        missing: Callable[[Mapping[str, float]], dict[str, float]],
    ) -> None:
        self.framework = framework
        self.by_id = {i.id: i for i in framework.initiatives}
        self.levels = raised_levels(framework)
        self.done = done
        self.under_way = under_way
        self.sizing = sizing
        self.first = first
        self.max_parallel = max_parallel
        self.placed = {i.id: (i.start_month, i.end_month) for i in plan.initiatives} if plan else {}
        self.missing = missing
        self.cost = {
            i: round(sizing.effort(item) * sizing.duration(item), 4)
            for i, item in self.by_id.items()
        }

    def raisers(self, question: str, level: float) -> list[str]:
        """Initiatives not done that raise a question to at least a level, by id."""
        return sorted(
            i
            for i, raised in self.levels.items()
            if i not in self.done and raised.get(question, -1e9) >= level - 1e-9
        )

    def covers(self, needed: Mapping[str, float]) -> Meets:
        """Whether a set raises every needed question some initiative can raise."""
        wanted = {q: set(self.raisers(q, level)) for q, level in needed.items()}
        wanted = {q: raisers for q, raisers in wanted.items() if raisers}
        return lambda chosen: all(raisers & set(chosen) for raisers in wanted.values())

    def closed(self, chosen: Iterable[str]) -> set[str]:
        """The set with the prerequisites that are not done, transitively (work under way
        waits for none, as in the plan)."""
        found: set[str] = set()
        todo = list(chosen)
        while todo:
            initiative_id = todo.pop()
            if initiative_id in found:
                continue
            found.add(initiative_id)
            if initiative_id not in self.under_way:
                todo.extend(
                    d
                    for d in self.by_id[initiative_id].depends_on
                    if d in self.by_id and d not in self.done
                )
        return found


def _best_route(
    goal: str,
    stage: str,
    needed: dict[str, float],
    meets: Meets,
    reached: int | None,
    rules: _Rules,
) -> Route:
    """The cheapest of the starts (the module docstring) that ends by the month the plan
    reaches the goal (`reached`), else the cheapest; ties: the earliest, then by ids."""
    questions = [q for q in needed if rules.raisers(q, needed[q])]
    uncoverable = tuple(q for q in needed if q not in questions)
    covered, exact = _cover({q: needed[q] for q in questions}, rules)
    starts = [(sorted(covered), exact)]
    if reached is not None:
        own = rules.closed(i for i, (_, end) in rules.placed.items() if end <= reached)
        starts.append((_least(sorted(own), meets, rules), False))
    if goal == "next stage" and meets(covered):
        pool = rules.closed(i for q in questions for i in rules.raisers(q, needed[q]))
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
        if goal == "target":
            reach = {q: min(level, reach[q]) for q, level in needed.items() if q in reach}
        needed = rules.missing(reach)
    return Route(
        goal=goal,
        stage=stage,
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
    stage: str,
    needed: Mapping[str, float],
    rules: _Rules,
) -> int | None:
    """The month by which the plan's own work reaches the target: its stage's milestone, and
    every answer it misses raised; None without a plan or when the plan does not."""
    if plan is None:
        return None
    order = [s.id for s in framework.manifest.stages]
    month = 0
    if order.index(stage) > order.index(scorecard.stage):
        before = order[order.index(stage) - 1]
        milestone = next((m for m in plan.milestones if m.stage == before), None)
        if milestone is None or not milestone.reachable:
            return None
        month = milestone.month
    for question, level in needed.items():
        ends = [rules.placed[i][1] for i in rules.raisers(question, level) if i in rules.placed]
        if not ends:
            return None
        month = max(month, min(ends))
    return month


def _cover(needed: Mapping[str, float], rules: _Rules) -> tuple[list[str], bool]:
    """The cheapest initiatives raising every needed question to its level, with their
    prerequisites, and whether that is proven."""
    covers = {question: rules.raisers(question, level) for question, level in needed.items()}
    candidates = sorted(rules.closed(i for raisers in covers.values() for i in raisers))
    if not covers:
        return [], True
    return solve_cover(candidates, rules.cost, covers, rules.by_id, rules.done)


def _least(chosen: Sequence[str], meets: Meets, rules: _Rules) -> list[str]:
    """`chosen` without every initiative the goal holds without, dearest tried first, never
    one that what stays needs; `chosen` itself when the goal does not hold with it."""
    kept = set(chosen)
    if not meets(kept):
        return sorted(chosen)
    dropped = True
    while dropped:
        dropped = False
        for initiative_id in sorted(kept, key=lambda i: (-rules.cost[i], i)):
            needed = any(
                initiative_id in rules.by_id[i].depends_on for i in kept if i not in rules.under_way
            )
            if not needed and meets(kept - {initiative_id}):
                kept.discard(initiative_id)
                dropped = True
    return sorted(kept)


class _GateCheck:
    """Whether a stage's gate holds once some initiatives are done, decided as milestones
    decide it: the work simulated as done, and never on a dimension without enough evidence."""

    def __init__(
        self, framework: Framework, assessment: Assessment, scorecard: Scorecard, position: int
    ) -> None:
        self.framework = framework
        self.position = position
        self.gate = framework.manifest.stages[position].gate
        self.space = fact_space_for(framework, include_stage=False)
        self.simulator = Simulator(framework, assessment, scorecard)
        self.by_id = {i.id: i for i in framework.initiatives}

    def holds(self, chosen: Iterable[str]) -> bool:
        facts = self.simulator.done((self.by_id[i] for i in chosen), include_stage=False)
        decided_on = assessed_facts(
            self.framework, self.position, facts, self.simulator.unassessed
        )[0]
        return self.gate is None or gate_holds(self.gate, decided_on, self.space)


def _schedule(chosen: Sequence[str], rules: _Rules) -> dict[str, tuple[int, int]]:
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
    ).placed
    if all(i in rules.placed for i in chosen):
        planned = {i: rules.placed[i] for i in chosen}
        last = max((end for _, end in planned.values()), default=0)
        if last < max((end for _, end in alone.values()), default=0):
            return planned
    return alone


def _tails(chosen: Sequence[str], rules: _Rules) -> dict[str, int]:
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
