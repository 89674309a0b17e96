"""What it takes: a route makes its goal hold, and is never later or dearer than the plan's own
way to the same goal (bundled examples, generated assessments)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from readiness.condition_terms import check_gate
from readiness.index import fact_space_for
from readiness.load import Shelf, load_framework
from readiness.model import Assessment, Framework
from readiness.pipeline import assess
from readiness.plan.raising import raised_levels
from readiness.plan.records import Plan, WhatItTakes
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.simulate import simulate_done
from readiness.plan.sizing import size_work
from readiness.plan.what_it_takes import find_routes
from readiness.rules import evaluate_rules
from readiness.score import Scorecard, assessed_facts, score_assessment, unassessed_dimensions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/2026-Q4.yaml"))
GENERATED = 12
"""Generated assessments per bundled framework (bench/generate.py, seed 7)."""


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _routes(assessment: Assessment, framework: Framework) -> tuple[Plan, WhatItTakes, Scorecard]:
    """The plan of an assessment, and its routes found against it."""
    card = score_assessment(assessment, framework)
    plan = plan_roadmap(framework, assessment, card, evaluate_rules(framework, card))
    first = assessment.date.year * 12 + assessment.date.month
    sizing = size_work(framework, assessment)
    return (
        plan,
        find_routes(framework, assessment, card, plan.target, sizing, first, plan=plan),
        card,
    )


def _check_against_plan(assessment: Assessment, framework: Framework) -> None:
    """The next-stage route makes the gate hold; when the plan reaches a goal, its route ends
    no later and costs no more than the plan's own work up to then."""
    plan, routes, card = _routes(assessment, framework)
    by_id = {i.id: i for i in framework.initiatives}
    stages = [s.id for s in framework.manifest.stages]

    def own_work(month: int) -> float:
        return sum(i.fte_months for i in plan.initiatives if i.end_month <= month)

    route = routes.next_stage
    milestone = next((m for m in plan.milestones if m.stage == card.stage), None)
    if route is not None and milestone is not None and milestone.reachable:
        position = stages.index(card.stage) + 1
        facts = simulate_done(framework, assessment, [by_id[i] for i in route.initiatives], card)
        decided = assessed_facts(framework, position, facts, unassessed_dimensions(card.dimensions))
        gate = framework.manifest.stages[position].gate or "true"
        assert check_gate(gate, decided[0], fact_space_for(framework, include_stage=False)).holds
        assert route.months <= milestone.month
        assert route.fte_months <= own_work(milestone.month) + 0.01 * len(route.initiatives)
    route = routes.target
    reached: int | None = 0
    if stages.index(plan.target.stage) > stages.index(card.stage):
        before = stages[stages.index(plan.target.stage) - 1]
        milestone = next(m for m in plan.milestones if m.stage == before)
        reached = milestone.month if milestone.reachable else None
    levels = raised_levels(framework)
    ends = {i.id: i.end_month for i in plan.initiatives}
    for question, level in route.answer_changes.items():
        raised = [ends[i] for i in ends if levels[i].get(question, -1.0) >= level - 1e-9]
        reached = None if reached is None or not raised else max(reached, min(raised))
    if reached is not None and not route.uncoverable:
        assert route.months <= reached
        assert route.fte_months <= own_work(reached) + 0.01 * len(route.initiatives)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_an_example_route_is_never_later_or_dearer_than_the_plan(path: Path) -> None:
    loaded = assess(path).loaded
    _check_against_plan(loaded.assessment, loaded.framework)


@pytest.mark.parametrize("name", ["ml-scaling", "production-tests"])
def test_a_generated_route_is_never_later_or_dearer_than_the_plan(
    name: str, tmp_path: Path
) -> None:
    shelf = Shelf()
    framework = load_framework(ROOT / "questionnaires" / name)
    paths = _generator().write_portfolio(framework, tmp_path, GENERATED, 7)
    for path in paths:
        loaded = assess(path, frameworks=[ROOT / "questionnaires"], shelf=shelf).loaded
        _check_against_plan(loaded.assessment, loaded.framework)


def test_the_next_stage_route_asks_what_the_gate_needs_not_the_whole_profile() -> None:
    """Helios: the enterprise profile asks every practice at Defined; the gate holds sooner, on
    dimension levels. The route to it is the work the gate needs, by the plan's milestone."""
    loaded = assess(ROOT / "examples" / "helios-energy" / "2026-Q4.yaml").loaded
    plan, routes, _ = _routes(loaded.assessment, loaded.framework)
    (milestone,) = [m for m in plan.milestones if m.stage == "department"]
    assert (milestone.month, milestone.reachable) == (24, True)
    assert routes.next_stage is not None and routes.target is not None
    assert routes.next_stage.months <= 24 and not routes.next_stage.exact
    assert routes.next_stage.fte_months < routes.target.fte_months


def test_a_summing_dimension_is_reached_by_the_points_its_answers_add() -> None:
    """Lumen's next stage asks more than 3 of 7 points of every ML Test Score section, and
    its target 5.5: each route's answers, applied, put every section there."""
    from readiness.pipeline import plan
    from readiness.plan.target import stage_levels

    planned = plan(
        ROOT / "examples" / "lumen-insurance" / "2026-Q4.yaml",
        frameworks=(ROOT / "questionnaires",),
        what_it_takes=True,
    )
    framework, card = planned.assessed.loaded.framework, planned.assessed.scorecard
    routes = planned.plan.what_it_takes
    assert routes is not None and routes.next_stage is not None
    following = framework.manifest.stages[framework.stage_index(card.stage) + 1]
    for route, levels in (
        (routes.next_stage, stage_levels(framework, following)[0]),
        (routes.target, planned.plan.target.levels),
    ):
        assert route.initiatives and route.uncoverable == ()
        values = {q.key: q.value or 0.0 for d in card.dimensions for q in d.questions}
        values.update(route.answer_changes)
        for dimension, wanted in levels.items():
            weights = {
                f"{dimension}.{q.id}": q.weight for q in framework.dimension(dimension).questions
            }
            assert sum(values[k] * w for k, w in weights.items()) >= wanted
