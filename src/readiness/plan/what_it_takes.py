"""What it takes: the cheapest set of initiatives, by FTE-months, that makes the next stage and
the target hold, with its earliest date and the answers that would be enough.

The answers that would be enough are the question levels the goal asks for (the profile of the
stages up to the goal; for the target, raised by the assessment's overrides) that today's
answers miss. Each needs an initiative that raises the question to at least that level (see
`plan.select.raised_levels`); choosing an initiative means choosing its prerequisites that are
not done. That is a set cover with prerequisites, solved exactly as a 0-1 program by HiGHS
(imported here only). A question nothing raises far enough is listed as uncoverable. The
earliest date schedules the chosen set alone with the plan's team and role limits.

The answer is deterministic and does not depend on the machine's speed or cores: the solver
runs on one thread with a fixed random seed, is asked for the proven optimum (no relative gap;
costs are FTE-months to 4 decimals, so an absolute gap of a millionth separates any two), and
its only limit is a count of branch-and-bound nodes (`MAX_NODES`), never a clock. The programs
the bundled frameworks give (up to about 70 candidates) solve at the root in a few
milliseconds; if the node limit is ever reached, the best set found is returned, marked
`exact: false`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readiness.model import Assessment, Framework
from readiness.plan.calendar import month_label
from readiness.plan.records import Route, TargetProfile, WhatItTakes
from readiness.plan.schedule import Job, schedule_jobs
from readiness.plan.select import raised_levels, unavailable
from readiness.plan.sizing import Sizing
from readiness.plan.target import stage_levels
from readiness.score import Scorecard

MAX_NODES = 100_000
"""Branch-and-bound nodes the solver may explore: a limit on work, not time, so it binds the
same way on any machine."""


def find_routes(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    target: TargetProfile,
    sizing: Sizing,
    first: int,
) -> WhatItTakes:
    """The cheapest routes to the stage after today's and to the target."""
    done = unavailable(framework, assessment, scorecard)
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
        next_route = _route(
            framework, "next stage", stages[current + 1].id, missing(wanted), done, sizing, first
        )
    target_route = _route(
        framework, "target", target.stage, missing(target.questions), done, sizing, first
    )
    return WhatItTakes(next_stage=next_route, target=target_route)


def _route(
    framework: Framework,
    goal: str,
    stage: str,
    needed: dict[str, float],
    done: frozenset[str],
    sizing: Sizing,
    first: int,
) -> Route:
    levels = raised_levels(framework)
    by_id = {i.id: i for i in framework.initiatives}
    covers: dict[str, list[str]] = {}
    uncoverable = []
    for question, level in needed.items():
        raisers = sorted(
            i
            for i, raised in levels.items()
            if i not in done and raised.get(question, -1e9) >= level - 1e-9
        )
        if raisers:
            covers[question] = raisers
        else:
            uncoverable.append(question)
    # The candidates and, transitively, their prerequisites that are not done.
    pool: set[str] = set()
    todo = [i for raisers in covers.values() for i in raisers]
    while todo:
        initiative_id = todo.pop()
        if initiative_id in pool:
            continue
        pool.add(initiative_id)
        todo.extend(d for d in by_id[initiative_id].depends_on if d in by_id and d not in done)
    candidates = sorted(pool)
    cost = {i: round(sizing.effort(by_id[i]) * sizing.duration(by_id[i]), 4) for i in candidates}
    chosen, exact = _solve(candidates, cost, covers, by_id, done) if covers else ([], True)
    schedule = schedule_jobs(
        [
            Job(
                i,
                sizing.duration(by_id[i]),
                sizing.effort(by_id[i]),
                by_id[i].owner,
                tuple(d for d in by_id[i].depends_on if d in chosen),
                (i,),
            )
            for i in chosen
        ],
        team_fte=sizing.team_fte,
        role_limit=sizing.role_limit,
        horizon=10_000,
    )
    months = max((end for _, end in schedule.placed.values()), default=0)
    order = sorted(chosen, key=lambda i: (schedule.placed[i][0], i))
    return Route(
        goal=goal,
        stage=stage,
        initiatives=tuple(order),
        fte_months=round(sum(cost[i] for i in chosen), 2),
        months=months,
        date=month_label(first + months - 1) if months else None,
        answer_changes=needed,
        exact=exact,
        uncoverable=tuple(uncoverable),
    )


def _solve(
    candidates: Sequence[str],
    cost: Mapping[str, float],
    covers: Mapping[str, Sequence[str]],
    by_id: Mapping[str, object],
    done: frozenset[str],
) -> tuple[list[str], bool]:
    """The cheapest candidates covering every question, with their prerequisites."""
    # The public `highspy.Highs` prints a banner on standard output when it is built, which
    # would corrupt `--format json`; the core class underneath it does not.
    import numpy
    from highspy import _core

    index = {initiative_id: n for n, initiative_id in enumerate(candidates)}
    solver = _core._Highs()
    solver.setOptionValue("output_flag", False)
    # Deterministic: one thread, a fixed seed, the proven optimum, a limit on work not time.
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("parallel", "off")
    solver.setOptionValue("random_seed", 0)
    solver.setOptionValue("mip_rel_gap", 0.0)
    solver.setOptionValue("mip_abs_gap", 1e-6)
    solver.setOptionValue("mip_max_nodes", MAX_NODES)
    count = len(candidates)
    solver.addVars(count, [0.0] * count, [1.0] * count)
    solver.changeColsCost(count, list(range(count)), [cost[i] for i in candidates])
    integer = numpy.full(count, _core.HighsVarType.kInteger.value, dtype=numpy.uint8)
    solver.changeColsIntegrality(count, numpy.arange(count, dtype=numpy.int32), integer)
    infinite = _core.kHighsInf
    for raisers in covers.values():
        columns = [index[i] for i in raisers]
        solver.addRow(1.0, infinite, len(columns), columns, [1.0] * len(columns))
    for initiative_id in candidates:
        for dependency in getattr(by_id[initiative_id], "depends_on", ()):
            if dependency in index and dependency not in done:
                # chosen(initiative) <= chosen(dependency)
                solver.addRow(
                    0.0, infinite, 2, [index[dependency], index[initiative_id]], [1.0, -1.0]
                )
    solver.run()
    status = solver.getModelStatus()
    values = solver.getSolution().col_value
    chosen = [i for i in candidates if values[index[i]] > 0.5]
    return chosen, status == _core.HighsModelStatus.kOptimal
