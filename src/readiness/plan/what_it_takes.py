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
from typing import NamedTuple

from readiness.model import Assessment, Framework
from readiness.plan.calendar import month_label
from readiness.plan.records import Route, TargetProfile, WhatItTakes
from readiness.plan.schedule import Job, schedule_jobs
from readiness.plan.select import raised_levels, unavailable
from readiness.plan.sizing import Sizing
from readiness.plan.target import stage_levels, summed_weight
from readiness.score import QuestionScore, Scorecard

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
    scores = {d.id: d.score for d in scorecard.dimensions}

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
        next_route = _route(
            framework,
            Goal("next stage", stages[current + 1].id, missing(wanted), short(points)),
            values,
            done,
            sizing,
            first,
        )
    target_route = _route(
        framework,
        Goal("target", target.stage, missing(target.questions), short(target.levels)),
        values,
        done,
        sizing,
        first,
    )
    return WhatItTakes(next_stage=next_route, target=target_route)


class Goal(NamedTuple):
    """What a route must achieve."""

    name: str
    """`next stage` or `target`."""
    stage: str
    needed: dict[str, float]
    """Question -> the level it must reach."""
    points: dict[str, float]
    """Summing dimension -> the points it is short of its target (any questions may add them)."""


def _route(
    framework: Framework,
    goal: Goal,
    values: Mapping[str, QuestionScore],
    done: frozenset[str],
    sizing: Sizing,
    first: int,
) -> Route:
    needed = goal.needed
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
    gains: dict[str, list[tuple[str, str, float]]] = {}
    for dimension_id, short in goal.points.items():
        options = _gains(framework, dimension_id, values, levels, done)
        best: dict[str, float] = {}
        for question, _, gain in options:
            best[question] = max(best.get(question, 0.0), gain)
        if sum(best.values()) < short - 1e-9:
            uncoverable.append(dimension_id)
        else:
            gains[dimension_id] = options
    # The candidates and, transitively, their prerequisites that are not done.
    pool: set[str] = set()
    todo = [i for raisers in covers.values() for i in raisers]
    todo += [i for options in gains.values() for _, i, _ in options]
    while todo:
        initiative_id = todo.pop()
        if initiative_id in pool:
            continue
        pool.add(initiative_id)
        todo.extend(d for d in by_id[initiative_id].depends_on if d in by_id and d not in done)
    candidates = sorted(pool)
    cost = {i: round(sizing.effort(by_id[i]) * sizing.duration(by_id[i]), 4) for i in candidates}
    wants = {d: (goal.points[d], options) for d, options in gains.items()}
    chosen, exact = (
        _solve(candidates, cost, covers, wants, by_id, done) if covers or wants else ([], True)
    )
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
    answers = dict(needed)
    for _, options in wants.values():
        for question, initiative_id, _ in options:
            if initiative_id in chosen:
                level = levels[initiative_id][question]
                answers[question] = max(answers.get(question, level), level)
    return Route(
        goal=goal.name,
        stage=goal.stage,
        initiatives=tuple(order),
        fte_months=round(sum(cost[i] for i in chosen), 2),
        months=months,
        date=month_label(first + months - 1) if months else None,
        answer_changes=dict(sorted(answers.items())),
        exact=exact,
        uncoverable=tuple(uncoverable),
    )


def _solve(
    candidates: Sequence[str],
    cost: Mapping[str, float],
    covers: Mapping[str, Sequence[str]],
    wants: Mapping[str, tuple[float, Sequence[tuple[str, str, float]]]],
    by_id: Mapping[str, object],
    done: frozenset[str],
) -> tuple[list[str], bool]:
    """The cheapest candidates covering every question and adding the points each summing
    dimension is short of, with their prerequisites.

    A summing dimension's points come from its questions: `share(q, i)` (between 0 and 1, no
    cost) is how much of initiative i's gain on question q counts; it needs i chosen, and the
    shares on one question add up to at most 1, so a question counts once, at most at the
    highest gain among the chosen initiatives raising it."""
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
    for short, options in wants.values():
        shares = solver.getNumCol()
        solver.addVars(len(options), [0.0] * len(options), [1.0] * len(options))
        by_question: dict[str, list[int]] = {}
        for n, (question, initiative_id, _) in enumerate(options):
            # share(q, i) <= chosen(i)
            solver.addRow(-infinite, 0.0, 2, [shares + n, index[initiative_id]], [1.0, -1.0])
            by_question.setdefault(question, []).append(shares + n)
        for columns in by_question.values():
            solver.addRow(-infinite, 1.0, len(columns), columns, [1.0] * len(columns))
        solver.addRow(
            short,
            infinite,
            len(options),
            [shares + n for n in range(len(options))],
            [gain for _, _, gain in options],
        )
    solver.run()
    status = solver.getModelStatus()
    values = solver.getSolution().col_value
    chosen = [i for i in candidates if values[index[i]] > 0.5]
    return chosen, status == _core.HighsModelStatus.kOptimal


def _gains(
    framework: Framework,
    dimension_id: str,
    values: Mapping[str, QuestionScore],
    levels: Mapping[str, Mapping[str, float]],
    done: frozenset[str],
) -> list[tuple[str, str, float]]:
    """(question, initiative, points it adds) for every initiative that raises a question of a
    summing dimension above today's answer; n/a questions add nothing."""
    floor = framework.manifest.scale.min
    found = []
    for question in framework.dimension(dimension_id).questions:
        key = f"{dimension_id}.{question.id}"
        scored = values.get(key)
        if scored is not None and scored.status == "n/a":
            continue
        current = floor if scored is None or scored.value is None else scored.value
        for initiative_id, raised in sorted(levels.items()):
            level = raised.get(key)
            if initiative_id in done or level is None or level <= current + 1e-9:
                continue
            found.append((key, initiative_id, round((level - current) * question.weight, 9)))
    return found
