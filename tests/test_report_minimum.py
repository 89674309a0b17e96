"""The least planned work that reaches a wave's stages: the funding split's minimum, the same
set What it takes finds, proven the cheapest, with its prerequisites, done by the milestone."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from planning_helpers import LOW, make_assessment
from readiness.load import load_framework
from readiness.model import Assessment, Framework
from readiness.pipeline.assessing import assess
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.routing import GateCheck
from readiness.report import minimum
from readiness.report.cost import person_months
from readiness.report.funding import split_funding
from readiness.report.minimum import Target, least_work
from readiness.report.waves import plan_waves
from readiness.rules import RuleResults, evaluate_rules
from readiness.score import Scorecard, score_assessment

ROOT = Path(__file__).resolve().parent.parent

Planned = tuple[Plan, Framework, Assessment, Scorecard, RuleResults]


def _bundled(client: str) -> Planned:
    assessed = assess(ROOT / "examples" / client / "2026-Q4.yaml")
    framework, card = assessed.loaded.framework, assessed.scorecard
    assessment = assessed.loaded.assessment
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
    return plan, framework, assessment, card, results


def _low() -> Planned:
    framework = load_framework(ROOT / "tests" / "fixtures" / "planner2")
    assessment = make_assessment(framework, LOW, {"size": 4000})
    card = score_assessment(assessment, framework)
    results = evaluate_rules(framework, card)
    return plan_roadmap(framework, assessment, card, results), framework, assessment, card, results


def _next_target(plan: Plan, card: Scorecard, framework: Framework) -> Target:
    stages = [s.id for s in framework.manifest.stages]
    milestone = next(m for m in plan.milestones if m.stage == card.stage)
    assert milestone.reachable
    return Target(stages[stages.index(card.stage) + 1], milestone.month)


@pytest.mark.parametrize("client", ("acme-retail", "northwind-bank", "helios-energy"))
def test_the_minimum_is_what_it_takes_s_least_work(client: str) -> None:
    # Each first wave reaches the next stage alone: the minimum the summary and the funding
    # table state is What it takes's least work to it, initiative for initiative.
    plan, framework, assessment, card, results = _bundled(client)
    split = split_funding(
        plan_waves(plan, framework)[0], plan, framework, assessment, card, results
    )
    required = next(p for p in split.parts if p.kind == "required")
    route = plan.what_it_takes.next_stage if plan.what_it_takes else None
    assert route is not None
    assert split.least
    assert {i.id for i in required.initiatives} == set(route.initiatives)
    assert float(required.fte_months) == route.fte_months


def test_acme_s_minimum_is_eight_initiatives() -> None:
    plan, framework, assessment, card, results = _bundled("acme-retail")
    split = split_funding(
        plan_waves(plan, framework)[0], plan, framework, assessment, card, results
    )
    required = split.parts[0]
    assert (required.kind, len(required.initiatives), required.fte_months) == ("required", 8, 51.5)


def test_no_cheaper_set_of_the_planned_work_reaches_the_stage() -> None:
    # Every subset of the work that ends by the milestone, with its prerequisites, checked.
    plan, framework, assessment, card, _ = _low()
    target = _next_target(plan, card, framework)
    least = least_work(plan, framework, assessment, card, [target])
    assert least is not None and least.proven
    stages = [s.id for s in framework.manifest.stages]
    gate = GateCheck(framework, assessment, card, stages.index(target.stage))
    items = {i.id: i for i in plan.initiatives if i.end_month <= target.by}
    assert gate.holds(least.initiatives)
    cost = person_months(items[i] for i in least.initiatives)
    for size in range(len(items) + 1):
        for chosen in combinations(sorted(items), size):
            closed = all(d in chosen for i in chosen for d in items[i].depends_on if d in items)
            if closed and gate.holds(chosen):
                assert person_months(items[i] for i in chosen) >= cost, chosen


@pytest.mark.parametrize("client", ("acme-retail", "northwind-bank", "lumen-insurance"))
def test_the_minimum_builds_on_nothing_outside_it_and_holds_every_gate(client: str) -> None:
    plan, framework, assessment, card, results = _bundled(client)
    wave = plan_waves(plan, framework)[0]
    split = split_funding(wave, plan, framework, assessment, card, results)
    ids = {i.id for p in split.parts if p.kind == "required" for i in p.initiatives}
    planned = {i.id: i for i in plan.initiatives}
    for initiative_id in ids:
        if planned[initiative_id].status != "in_progress":
            assert {d for d in planned[initiative_id].depends_on if d in planned} <= ids
    stages = [s.id for s in framework.manifest.stages]
    for boundary in wave.reaches:
        position = stages.index(boundary.stage) + 1
        done = [i for i in ids if planned[i].end_month <= boundary.month]
        assert GateCheck(framework, assessment, card, position).holds(done), boundary


def _cut_short(
    client: str, checks: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[minimum.Least, GateCheck, Planned]:
    """The least work to a bundled example's next stage found within `checks` gate checks
    (not proven the least), with that stage's gate."""
    planned = _bundled(client)
    plan, framework, assessment, card, _ = planned
    monkeypatch.setattr(minimum, "MAX_CHECKS", checks)
    target = _next_target(plan, card, framework)
    least = least_work(plan, framework, assessment, card, [target])
    assert least is not None and not least.proven
    stages = [s.id for s in framework.manifest.stages]
    return least, GateCheck(framework, assessment, card, stages.index(target.stage)), planned


def test_a_search_that_runs_out_of_checks_is_not_the_minimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    least, gate, (plan, framework, assessment, card, results) = _cut_short(
        "acme-retail", 3, monkeypatch
    )
    # The least found still reaches the stage; it is not said to be the least there is.
    assert gate.holds(least.initiatives)
    split = split_funding(
        plan_waves(plan, framework)[0], plan, framework, assessment, card, results
    )
    assert not split.least


def test_a_stage_the_planned_work_does_not_reach_has_no_least_work() -> None:
    plan, framework, assessment, card, _ = _low()
    target = _next_target(plan, card, framework)
    # By the first month nothing has ended: no set of planned work reaches it.
    assert least_work(plan, framework, assessment, card, [target._replace(by=0)]) is None
    assert least_work(plan, framework, assessment, card, []) is None


def test_the_search_starts_from_work_nothing_more_can_be_taken_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With no checks left the least found is the pruned start: each initiative in it is one
    # another waits for, or the stage is not reached without it. Northwind's dearest planned
    # work is tried while cheaper work that waits for it is still kept: pruned once, 8 stay.
    least, gate, (plan, *_) = _cut_short("northwind-bank", 0, monkeypatch)
    planned = {i.id: i for i in plan.initiatives}
    kept = least.initiatives
    for initiative_id in kept:
        waited_for = any(
            initiative_id in planned[i].depends_on
            for i in kept
            if planned[i].status != "in_progress"
        )
        assert waited_for or not gate.holds(kept - {initiative_id}), initiative_id
    assert len(kept) == 3
