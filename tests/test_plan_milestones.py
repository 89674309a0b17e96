"""Milestones: honest, and decided on assessed dimensions only."""

from __future__ import annotations

from pathlib import Path

from planning_helpers import make_assessment, plan_answers
from readiness.model import Framework
from readiness.score import score_assessment

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_gate_does_not_hold_on_a_dimension_without_evidence(planner2: Framework) -> None:
    answers = {"data.inventory": 1, "ops.deploy": 1, "ops.monitor": 1, "people.owner": 1}
    result = plan_answers(planner2, {**answers, "people.skills": 1})
    not_assessed = "data: not assessed (insufficient evidence)"
    assert [(m.stage, m.reachable, m.unaddressed) for m in result.milestones][:2] == [
        ("pilot", False, (not_assessed,)),
        ("department", False, (not_assessed,)),
    ]
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
