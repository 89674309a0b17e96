"""The target profile and gaps, sizing by band, and a format 2.0 plan end to end: regulated
work pulled forward, workstreams, roles, the deadline, verify-first answers."""

from __future__ import annotations

from pathlib import Path

from planning_helpers import LOW, make_assessment
from readiness.load import load_assessment, load_framework
from readiness.model import Framework, Target
from readiness.pipeline import plan
from readiness.plan.sizing import is_regulated, size_band, size_work
from readiness.plan.target import measure_target, stage_levels
from readiness.score import score_assessment

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).parent.parent
BANK = FIXTURES / "planner2-clients" / "bank.yaml"


def test_a_stage_implies_its_profile_and_what_its_gate_asks(planner2: Framework) -> None:
    department = planner2.manifest.stages[1]
    # A dimension's level asks it of every question; a question's own level can be higher.
    assert stage_levels(planner2, department) == (
        {"data": 2, "ops": 2, "people": 1},
        {
            "data.inventory": 2,
            "data.quality": 2,
            "data.lineage": 2,
            "ops.deploy": 2,
            "ops.monitor": 2,
            "people.owner": 2,
            "people.skills": 1,
        },
    )
    plain = load_framework(FIXTURES / "planner")  # no profiles: what the gates ask
    levels, questions = stage_levels(plain, plain.manifest.stages[2])
    assert levels == {"data": 3, "ops": 3, "people": 3}
    assert set(questions.values()) == {3} and len(questions) == len(plain.questions())


def test_a_summing_dimension_is_targeted_in_its_points() -> None:
    """The ML Test Score sums 7 tests of 0 / 0.5 / 1 per section and takes the weakest
    section: `overall.score > 5` asks 5.5 of 7 points of every section, and no single test."""
    tests = load_framework(ROOT / "questionnaires" / "production-tests")
    stages = {s.id: s for s in tests.manifest.stages}
    levels, questions = stage_levels(tests, stages["exceptional"])
    assert levels == {d: 5.5 for d in tests.manifest.dimensions}
    assert questions == {}
    assert stage_levels(tests, stages["serious-holes"])[0] == {
        d: 0.5 for d in tests.manifest.dimensions
    }
    lumen = load_assessment(
        ROOT / "examples" / "lumen-insurance" / "2026-Q4.yaml", framework=tests
    ).assessment
    card = score_assessment(lumen, tests)
    target = measure_target(tests, lumen, card, stage="exceptional")
    scores = {d.id: d.score for d in card.dimensions}
    for gap in target.dimensions:
        score = scores[gap.dimension]
        assert score is not None
        assert gap.target == 5.5 and gap.gap == 5.5 - score
        assert gap.percent_to_target == round(100 * score / 5.5, 1)
    assert target.gaps == () and not target.at_target
    total = sum(s for s in scores.values() if s is not None)
    assert target.percent_to_target == round(100 * total / (5.5 * 4), 1)
    # A level the assessment sets is asked of every test: 0.5 each, 3.5 of 7 points.
    raised = lumen.model_copy(update={"target": Target(levels={"data": 0.5})})
    asked = measure_target(tests, raised, card, stage="serious-holes")
    assert asked.levels["data"] == 3.5
    assert all(asked.questions[f"data.{q.id}"] == 0.5 for q in tests.dimension("data").questions)


def test_target_profile_is_raised_by_the_assessment(planner2: Framework) -> None:
    assessment = make_assessment(
        planner2,
        {**LOW, "data.inventory": 4},
        target={"stage": "department", "levels": {"people": 3}, "questions": {"data.lineage": 4}},
    )
    card = score_assessment(assessment, planner2)
    target = measure_target(planner2, assessment, card, severe={"data.quality"})
    assert target.stage == "department"
    assert target.levels == {"data": 2, "ops": 2, "people": 3}
    assert target.questions == {
        "data.inventory": 2,
        "data.quality": 2,
        "data.lineage": 4,
        "ops.deploy": 2,
        "ops.monitor": 2,
        "people.owner": 3,
        "people.skills": 3,
    }
    gaps = {g.question: (g.gap, g.weighted_gap) for g in target.gaps}
    assert "data.inventory" not in gaps  # 4 is above its target
    assert gaps["data.quality"] == (2, 3.0)  # weight 1, read by a high-severity finding: x1.5
    assert gaps["data.lineage"] == (4, 4.0)
    data = target.dimensions[0]
    assert (data.dimension, data.target, data.percent_to_target) == ("data", 2, 40.0)
    assert not target.at_target
    plain = make_assessment(planner2, LOW)
    at_pilot = measure_target(planner2, plain, score_assessment(plain, planner2), stage="pilot")
    assert at_pilot.at_target and at_pilot.gaps == () and at_pilot.percent_to_target == 100


def test_size_bands_regulation_and_team(planner2: Framework) -> None:
    assert [size_band(planner2, size).id for size in (10, 999, 1000, 12000)] == [  # type: ignore[union-attr]
        "small",
        "small",
        "mid",
        "large",
    ]
    assert size_band(planner2, None).id == "mid"  # type: ignore[union-attr]
    assert size_band(load_framework(FIXTURES / "planner"), 50) is None
    assert is_regulated(planner2, "Retail banking")
    assert not is_regulated(planner2, "Retail")
    small = size_work(planner2, make_assessment(planner2, LOW, {"size": 200}))
    platform = planner2.initiative("platform")
    assert (small.team_fte, small.duration(platform), small.effort(platform)) == (3, 5, 2.0)
    assert small.role_limit("cdo") == 2 and small.role_limit("head-of-data") == 1
    team = size_work(planner2, make_assessment(planner2, LOW, team={"fte": 9, "roles": {"cdo": 1}}))
    assert (team.team_fte, team.role_limit("cdo")) == (9, 1)


def test_a_bank_plan_in_format_2() -> None:
    result = plan(BANK, frameworks=[FIXTURES], what_it_takes=True).plan
    assert (result.size_band, result.team_fte, result.deadline) == ("large", 4, "2028-06")
    rows = {i.id: i for i in result.initiatives}
    # Large band: effort x2, duration x1.5 rounded up; a 4-FTE team.
    assert (rows["deploy-pipeline"].effort_fte, rows["deploy-pipeline"].duration_months) == (4, 5)
    assert rows["lineage"].regulatory and not rows["inventory"].regulatory
    # The team of 4 ramps up over 3 months: 1, 2.5, then 4 people. The quick win (2 people)
    # starts in month 1, the first with room for it.
    assert rows["inventory"].quick_win and rows["inventory"].start_month == 1
    assert rows["inventory"].workstream == "data-foundations"
    # Its KPI's target, by month 2 of 2 months, is by the end of its 3 months in this band.
    assert rows["inventory"].duration_months == 3
    assert rows["inventory"].kpis == (
        "Share of sources listed (baseline: Measured in month 1; target: 100% by month 3)",
    )
    for month in range(result.months):
        running = [i for i in result.initiatives if i.start_month <= month < i.end_month]
        assert sum(i.effort_fte for i in running) <= 4
        assert sum(1 for i in running if i.owner == "head-of-data") <= 1
    assert [w.id for w in result.workstreams] == ["data-foundations", "delivery", "people"]
    assert result.fte_months == sum(i.fte_months for i in result.initiatives)
    assert [(g.question, g.reason) for g in result.open_gaps] == [
        ("data.lineage", "no initiative in the catalogue raises data.lineage to 4")
    ]
    assert result.deadline_fits is False
    assert [d.id for d in result.deferred] == ["platform"]
    routes = result.what_it_takes
    assert routes is not None and routes.next_stage is not None
    assert routes.target.uncoverable == ("data.lineage",)
    assert routes.target.exact and routes.target.fte_months <= result.fte_months
    assert routes.next_stage.stage == "department"
    # Department's profile asks people.owner at 2, its gate only data and ops levels: the route
    # is the work the gate needs, by the plan's own milestone (month 14).
    assert "people.owner" not in routes.next_stage.answer_changes
    assert routes.next_stage.initiatives == (
        "deploy-pipeline",
        "inventory",
        "monitoring",
        "quality-checks",
    )
    assert (routes.next_stage.months, routes.next_stage.exact) == (13, False)
    assert [(m.stage, m.month) for m in result.milestones][:1] == [("pilot", 14)]
