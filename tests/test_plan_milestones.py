"""Milestones: honest, and decided on assessed dimensions only."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from planning_helpers import make_assessment, plan_answers
from readiness.condition_terms import failing_terms
from readiness.conditions import Condition
from readiness.index import fact_space_for
from readiness.model import Assessment, Framework
from readiness.plan.causes import NotAssessed
from readiness.plan.milestones import _changing, _next_change
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.simulate import simulate_done
from readiness.report.story_plan import roadmap_story
from readiness.rules import evaluate_rules
from readiness.score import assessed_facts, score_assessment, unassessed_dimensions

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_gate_does_not_hold_on_a_dimension_without_evidence(planner2: Framework) -> None:
    answers = {"data.inventory": 1, "ops.deploy": 1, "ops.monitor": 1, "people.owner": 1}
    result = plan_answers(planner2, {**answers, "people.skills": 1})
    not_assessed = "data: not assessed (insufficient evidence)"
    assert [(m.stage, m.reachable, m.unaddressed) for m in result.milestones][:2] == [
        ("pilot", False, (not_assessed,)),
        ("department", False, (not_assessed,)),
    ]
    assert [m.open_terms for m in result.milestones][:2] == [(NotAssessed("data"),)] * 2
    # The report names the dimension by its title, from the record.
    roadmap = roadmap_story(result, planner2)
    assert roadmap.not_reached[0] == (
        "Department is not reached by the plan's end: Data, not assessed on enough answers "
        "stays open."
    )
    assert (
        "Data has too few answers to count as evidence: no gate that reads it holds until "
        "data.quality, data.lineage are answered"
    ) in result.warnings


def test_the_score_and_the_plan_agree_on_a_dimension_without_evidence(
    planner2: Framework,
) -> None:
    """Data has one answer of three (below the framework's 0.5 coverage): at 4 it would make
    the Department gate hold; it is not assessed, so neither the scorecard nor the plan's
    milestones count it."""
    answers = {"data.inventory": 4, "ops.deploy": 4, "ops.monitor": 4}
    answers |= {"people.owner": 4, "people.skills": 4}
    result = plan_answers(planner2, answers)
    card = score_assessment(make_assessment(planner2, answers, {"size": 4000}), planner2)
    assert card.dimension("data").insufficient and card.dimension("data").level == 4
    assert card.stage == "pilot"
    department = card.gates[1]
    assert department.holds is None and department.unassessed == ("data",)
    assert department.missing == ("data.quality", "data.lineage")
    assert [(m.stage, m.reachable) for m in result.milestones][:1] == [("pilot", False)]
    # Once answered, the same levels reach the stage.
    answered = {**answers, "data.quality": 4, "data.lineage": 4}
    assert score_assessment(make_assessment(planner2, answered), planner2).stage == "enterprise"


def _overall_variant(framework: Framework) -> Framework:
    """The framework with one initiative raising the overall level: how far the simulation
    then raises each dimension depends on every other."""
    initiatives = [
        i.model_copy(update={"raises": {}, "done_when": "overall.level >= 3"})
        if i.id == "inventory"
        else i
        for i in framework.initiatives
    ]
    return framework.model_copy(update={"initiatives": tuple(initiatives)})


def _first_months(framework: Framework, assessment: Assessment) -> list[tuple[int, int]]:
    """Each reachable milestone's month, and the first end month by whose end its gate holds,
    found month by month; on the way, that a term failing at an end month fails at every end
    month before the one `_next_change` gives."""
    gate_space = fact_space_for(framework, include_stage=False)
    by_id = {i.id: i for i in framework.initiatives}
    card = score_assessment(assessment, framework)
    plan = plan_roadmap(framework, assessment, card, evaluate_rules(framework, card))
    unassessed = unassessed_dimensions(card.dimensions)
    ends = sorted({row.end_month for row in plan.initiatives})
    changing = _changing(framework, ((r.id, r.end_month) for r in plan.initiatives))

    def failing(position: int, gate: str, month: int) -> tuple[Condition, ...]:
        work = [by_id[r.id] for r in plan.initiatives if r.end_month <= month]
        facts = simulate_done(framework, assessment, work, card, include_stage=False)
        decided_on = assessed_facts(framework, position, facts, unassessed)[0]
        return failing_terms(gate, decided_on, gate_space)

    found = []
    earliest = 0
    for milestone in plan.milestones:
        if milestone.gate is None or not milestone.reachable:
            continue
        position = framework.stage_index(milestone.stage) + 1
        months = [m for m in ends if m >= earliest] or [plan.months]
        failing_at = {m: failing(position, milestone.gate, m) for m in months}
        for month, terms in failing_at.items():
            for term in terms:
                following = _next_change(term, month, changing, plan.months)
                assert all(term in failing_at[m] for m in months if month < m < following)
        earliest = next(m for m in months if not failing_at[m])
        found.append((milestone.month, earliest))
    return found


@pytest.mark.parametrize("overall", [False, True], ids=["questions", "overall"])
def test_a_milestone_is_the_first_month_its_gate_holds(planner2: Framework, overall: bool) -> None:
    """Against the definition, month by month: the search starts where the question terms
    allow and skips the months before a failing term's facts may change, and lands on the
    same month."""
    framework = _overall_variant(planner2) if overall else planner2
    rng = random.Random(11)
    reached = 0
    for _ in range(30):
        answers = {k: rng.randrange(4) for k in framework.questions() if rng.random() < 0.9}
        capacity = rng.randrange(1, 4)
        assessment = make_assessment(framework, answers, {"size": 4000}, capacity=capacity)
        for month, first in _first_months(framework, assessment):
            assert month == first
            reached += 1
    assert reached >= 10


def test_work_raising_an_overall_fact_may_change_every_dimension_at_every_end(
    planner2: Framework,
) -> None:
    """Per dimension, the end months of the work that may change its facts; once some work
    raises an overall fact, how far it raises each dimension depends on all the others."""
    ends = [("quality-checks", 2), ("lineage", 5), ("academy", 7)]
    assert _changing(planner2, ends) == {"data": [2, 5], "people": [7]}
    every = {"overall": [2, 5, 7], "data": [2, 5, 7], "ops": [2, 5, 7], "people": [2, 5, 7]}
    assert _changing(_overall_variant(planner2), [("inventory", 5), *ends]) == every
