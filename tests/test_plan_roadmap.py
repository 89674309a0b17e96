"""The roadmap planner on the small `planner` framework: selection, reasons, schedule,
horizon, milestones and gate coverage; then a smoke test on every bundled example."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from planning_helpers import make_assessment, stage_targets
from readiness.condition_syntax import parse_condition
from readiness.condition_terms import check_gate
from readiness.errors import UsageError
from readiness.index import fact_space_for
from readiness.load import Shelf, load_framework
from readiness.model import SEVERITY_ORDER, Framework, Horizon, Initiative, Severity
from readiness.pipeline import plan
from readiness.plan.calendar import month_label, parse_capacity, parse_month, quarter_label
from readiness.plan.causes import (
    Dropped,
    GateStillFails,
    InitiativesDropped,
    PastHorizon,
    TermFails,
    WaitsForDeferred,
    WorkDeferred,
    describe_cause,
)
from readiness.plan.records import Plan
from readiness.plan.roadmap import _severe_questions, plan_roadmap, priority
from readiness.plan.select import Item
from readiness.plan.simulate import simulate_done
from readiness.plan.sizing import size_work, sized_kpis
from readiness.plan.text import describe_reason
from readiness.report.story_plan import roadmap_story
from readiness.rules import evaluate_rules
from readiness.score import score_assessment

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CLIENTS = FIXTURES / "planner-clients"
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))

LOW = {
    "data.inventory": 1,
    "data.quality": 0,
    "data.lineage": 0,
    "ops.deploy": 1,
    "ops.monitor": 0,
    "people.owner": 0,
    "people.skills": 1,
}


@pytest.fixture(scope="module")
def planner() -> Framework:
    return load_framework(FIXTURES / "planner")


def plan_for(
    framework: Framework,
    answers: dict[str, Any],
    *,
    start: str | None = None,
    capacity: int | None = None,
    **extra: Any,
) -> Plan:
    assessment = make_assessment(framework, answers, {"size": 4000}, **extra)
    card = score_assessment(assessment, framework)
    results = evaluate_rules(framework, card)
    return plan_roadmap(framework, assessment, card, results, start=start, capacity=capacity)


def schedule(result: Plan) -> list[tuple[str, str, int, int]]:
    return [(i.stage, i.id, i.start_month, i.end_month) for i in result.initiatives]


def test_low_maturity_plan(shelf: Shelf) -> None:
    result = plan(CLIENTS / "low.yaml", frameworks=[FIXTURES], shelf=shelf).plan
    # Waves overlap: Department and Enterprise work starts as soon as its prerequisites end.
    assert schedule(result) == [
        ("pilot", "deploy-pipeline", 0, 3),
        ("pilot", "inventory", 0, 2),
        ("pilot", "ownership", 0, 1),
        ("enterprise", "academy", 1, 5),
        ("pilot", "quality-checks", 2, 4),
        ("department", "lineage", 2, 5),
        ("department", "monitoring", 3, 5),
        ("enterprise", "platform", 5, 11),  # a rule that fires once the work above is done
    ]
    assert (result.start, result.end, result.months, result.team_fte, result.fte_months) == (
        "2027-01",
        "2027-11",
        11,
        8,
        43.5,
    )
    platform = next(i for i in result.initiatives if i.id == "platform")
    assert [r.title for r in platform.why] == [
        "Operations are not yet a platform (once the planned work is done)"
    ]
    inventory = next(i for i in result.initiatives if i.id == "inventory")
    assert [describe_reason(r) for r in inventory.why] == [
        "rule data-gaps: data.inventory = 1, data.quality = 0",
        "raises data.inventory to 3 (data.inventory = 1)",
        "prerequisite of lineage",
        "prerequisite of quality-checks",
    ]
    assert (inventory.start, inventory.end) == ("2027-01", "2027-02")
    assert (inventory.start_quarter, inventory.end_quarter) == ("2027-Q1", "2027-Q1")
    assert inventory.severity == "high" and inventory.fte_months == 2
    monitoring = next(i for i in result.initiatives if i.id == "monitoring")
    assert [r.kind for r in monitoring.why] == ["gap", "prerequisite"]  # no rule asks for it
    assert [(m.stage, m.month, m.date, m.reachable, m.unaddressed) for m in result.milestones] == [
        ("pilot", 5, "2027-05", True, ()),
        ("department", 5, "2027-05", True, ()),
        ("enterprise", 11, "2027-11", True, ()),
    ]
    assert result.target.stage == "enterprise" and result.target.percent_to_target == 16.7
    assert result.open_gaps == () and result.deferred == () and result.achieved == ()


def test_high_maturity_plan_keeps_status_and_says_what_stays_open(shelf: Shelf) -> None:
    result = plan(CLIENTS / "high.yaml", frameworks=[FIXTURES], shelf=shelf).plan
    assert schedule(result) == [
        ("department", "lineage", 0, 3),
        ("department", "monitoring", 0, 2),
        ("department", "ownership", 0, 1),
        ("enterprise", "academy", 1, 5),
        ("enterprise", "platform", 3, 9),
    ]
    ownership = next(i for i in result.initiatives if i.id == "ownership")
    assert ownership.status == "in_progress"
    assert [r.kind for r in ownership.why] == ["in_progress", "rule", "gap", "prerequisite"]
    assert [(a.id, a.how) for a in result.achieved] == [
        ("deploy-pipeline", "done_when"),
        ("inventory", "status"),
    ]
    assert [(d.id, d.reason) for d in result.deferred] == [
        ("quality-checks", "dropped: marked `dropped` in the assessment")
    ]
    assert [d.cause for d in result.deferred] == [Dropped(())]
    assert [(g.question, g.reason) for g in result.open_gaps] == [
        ("data.quality", "the initiatives that would raise it were dropped: quality-checks"),
        (
            "data.level >= 3",
            "gate of Enterprise: still fails with every initiative that raises what it reads",
        ),
    ]
    assert [g.cause for g in result.open_gaps] == [
        InitiativesDropped(("quality-checks",)),
        GateStillFails("enterprise", "Enterprise"),
    ]
    # Honest milestones: Enterprise is never shown as reached past a gate that is not.
    assert [(m.stage, m.reachable, m.unaddressed) for m in result.milestones] == [
        ("department", False, ("data.level >= 3",)),
        ("enterprise", False, ()),
    ]
    # The open term is a record: the term parsed, worded by the report from its tree.
    assert result.milestones[0].open_terms == (
        TermFails("data.level >= 3", parse_condition("data.level >= 3", None)),
    )
    framework = load_framework(FIXTURES / "planner")
    assert roadmap_story(result, framework).not_reached == (
        "Enterprise is not reached by the plan's end: data at Defined overall stays open.",
    )
    assert result.warnings == (
        "the plan does not reach Enterprise: once all of its work is done, `data.level >= 3` "
        "still fails",
        "2 gaps to the target stay open: see open_gaps",
    )


@pytest.mark.parametrize("target", ["department", "enterprise"])
def test_a_less_mature_organization_never_gets_a_shorter_plan(
    planner: Framework, target: str
) -> None:
    plans = [
        plan_for(planner, dict.fromkeys(LOW, level), target={"stage": target}) for level in range(5)
    ]
    lengths = [p.months for p in plans]
    assert lengths == sorted(lengths, reverse=True)
    efforts = [p.fte_months for p in plans]
    assert efforts == sorted(efforts, reverse=True)
    for level_plan in plans:
        # Empty only at target.
        assert bool(level_plan.initiatives) or level_plan.target.at_target


def test_in_progress_goes_first_in_its_stage(planner: Framework) -> None:
    result = plan_for(planner, LOW, initiatives={"inventory": "in_progress"})
    pilot = [i for i in result.initiatives if i.stage == "pilot" and i.start_month == 0]
    assert pilot[0].id == "inventory" or "inventory" in [i.id for i in pilot]
    inventory = next(i for i in result.initiatives if i.id == "inventory")
    assert inventory.start_month == 0
    assert inventory.why[0].kind == "in_progress"


def test_in_progress_is_planned_even_when_no_rule_asks(planner: Framework) -> None:
    answers = {**dict.fromkeys(LOW, 4), "data.lineage": "n/a"}
    result = plan_for(planner, answers, initiatives={"lineage": "in_progress"})
    assert schedule(result) == [("enterprise", "lineage", 0, 3)]
    lineage = result.initiatives[0]
    assert lineage.severity is None and [r.kind for r in lineage.why] == ["in_progress"]
    assert describe_reason(lineage.why[0]) == "in progress"


def test_achieved_prerequisite_is_not_planned_again(planner: Framework) -> None:
    result = plan_for(planner, {**LOW, "data.inventory": 3}, capacity=3)
    ids = [i.id for i in result.initiatives]
    assert "inventory" not in ids
    assert ("inventory", "done_when") in [(a.id, a.how) for a in result.achieved]
    quality = next(i for i in result.initiatives if i.id == "quality-checks")
    assert quality.start_month == 0  # does not wait for an achieved prerequisite


def test_dropped_prerequisite_is_deferred_and_its_dependents_warned(planner: Framework) -> None:
    result = plan_for(planner, LOW, initiatives={"inventory": "dropped"})
    assert "inventory" not in [i.id for i in result.initiatives]
    assert [(d.id, d.reason) for d in result.deferred] == [
        (
            "inventory",
            "dropped: marked `dropped` in the assessment; needed by lineage, quality-checks",
        )
    ]
    assert (
        "Trace training data depends on Inventory the data sources, which the organization dropped: "
        "it is planned without it; check that it still makes sense"
    ) in result.warnings


def test_done_status_is_trusted_but_checked(planner: Framework) -> None:
    result = plan_for(planner, LOW, initiatives={"inventory": "done"})
    assert ("inventory", "status") in [(a.id, a.how) for a in result.achieved]
    assert (
        "inventory is marked done, but its exit criterion `data.inventory >= 3` does not hold "
        "yet (data.inventory = 1): it is not planned again"
    ) in result.warnings


def test_start_leaves_the_weeks_to_confirm_the_people(planner: Framework) -> None:
    # Assessed 20 November: four weeks later is 18 December, so work starts in January.
    assert plan_for(planner, LOW).start == "2027-01"
    moved = plan_for(planner, LOW, start="2026-12")
    assert (moved.start, moved.initiatives[0].start_quarter) == ("2026-12", "2026-Q4")
    assert plan_for(planner, LOW, date="2026-12-05").start == "2027-02"
    assert plan_for(planner, LOW, date="2026-11-03").start == "2026-12"
    # Four weeks after 4 February is 4 March: the first month beginning after it is April.
    assert plan_for(planner, LOW, date="2027-02-04").start == "2027-04"
    # Four weeks after 1 February 2027 is 1 March: March itself leaves the time.
    assert plan_for(planner, LOW, date="2027-02-01").start == "2027-03"
    weeks = planner.manifest.model_copy(update={"mobilization_weeks": 0})
    immediate = planner.model_copy(update={"manifest": weeks})
    assert plan_for(immediate, LOW).start == "2026-12"


@pytest.mark.parametrize("bad", ["2027-13", "2027-1", "27-01", "2027/01", "", "soon"])
def test_bad_start_is_a_usage_error(planner: Framework, bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        plan_for(planner, LOW, start=bad)
    assert str(caught.value) == (
        f"invalid --start '{bad}': expected a month as YYYY-MM, e.g. 2027-01"
    )


@pytest.mark.parametrize("bad", ["0", "21", "-1", "two", "1.5"])
def test_bad_capacity_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_capacity(bad)
    assert str(caught.value) == (
        f"invalid --capacity '{bad}': expected a whole number from 1 to 20"
    )


def test_capacity_caps_initiatives_at_once_on_top_of_the_team(planner: Framework) -> None:
    free = plan_for(planner, LOW)
    assert free.capacity == 4  # no cap stated: the most the schedule ran at once
    serial = plan_for(planner, LOW, capacity=1)
    for month in range(serial.months):
        running = [i for i in serial.initiatives if i.start_month <= month < i.end_month]
        assert len(running) <= 1
    assert (serial.capacity, serial.months) == (1, 23)
    assessment = make_assessment(planner, LOW, capacity=3)
    card = score_assessment(assessment, planner)
    results = evaluate_rules(planner, card)
    assert plan_roadmap(planner, assessment, card, results).capacity == 3
    assert plan_roadmap(planner, assessment, card, results, capacity=1).capacity == 1


def test_horizon_defers_with_reasons(planner: Framework) -> None:
    short = planner.model_copy(
        update={
            "manifest": planner.manifest.model_copy(
                update={"horizon": Horizon(min_months=1, max_months=4)}
            )
        }
    )
    result = plan_for(short, LOW)
    assert [i.id for i in result.initiatives] == [
        "deploy-pipeline",
        "inventory",
        "ownership",
        "quality-checks",
    ]
    assert all(i.end_month <= 4 for i in result.initiatives)
    reasons = {d.id: d.reason for d in result.deferred}
    assert {k: v for k, v in reasons.items() if k != "platform"} == {
        "academy": "would end in month 5, past the 4-month horizon (it takes 4 months and could "
        "start only in month 2)",
        "lineage": "would end in month 5, past the 4-month horizon (it takes 3 months and could "
        "start only in month 3)",
        "monitoring": "would end in month 5, past the 4-month horizon (it takes 2 months and "
        "could start only in month 4)",
    }
    assert [g.question for g in result.open_gaps] == [
        "people.skills",
        "data.lineage",
        "ops.monitor",
    ]
    assert (
        "4 initiatives do not fit the 4-month horizon with a team of 8 FTE and are deferred: grow "
        "the team or re-plan at a later assessment"
    ) in result.warnings
    assert reasons["platform"] == "waits for lineage, deferred"
    causes = {d.id: d.cause for d in result.deferred}
    assert causes["lineage"] == PastHorizon(2, 5, 3, 4)
    assert causes["platform"] == WaitsForDeferred("lineage")
    gaps = {g.question: g.cause for g in result.open_gaps}
    assert gaps["data.lineage"] == WorkDeferred("lineage", PastHorizon(2, 5, 3, 4))
    assert [(m.stage, m.reachable) for m in result.milestones] == [
        ("pilot", False),
        ("department", False),
    ]


def test_short_plan_is_kept_and_said(planner: Framework) -> None:
    result = plan_for(planner, {**dict.fromkeys(LOW, 4), "data.lineage": 1})
    assert schedule(result) == [("enterprise", "lineage", 0, 3)]
    assert ("inventory", "done_when") in [(a.id, a.how) for a in result.achieved]
    assert (
        "the plan takes 3 months, less than the framework's 6-month minimum: the horizon is a "
        "planning window, not a target; re-assess when this work is done"
    ) in result.warnings


def test_at_target_there_is_nothing_to_plan(planner: Framework) -> None:
    result = plan_for(planner, dict.fromkeys(LOW, 4))
    assert result.initiatives == () and result.months == 0
    assert result.milestones == () and result.target.at_target
    assert result.warnings == (
        "at target: every answer meets the Enterprise profile; nothing to plan",
    )


def test_priority_is_severity_then_gap_then_id(planner: Framework) -> None:
    # ownership and deploy-pipeline are both high: the bigger gap to `done_when` goes first
    top = dict.fromkeys(LOW, 4)
    for owner, deploy, first in ((0, 1, "ownership"), (1, 0, "deploy-pipeline")):
        answers = {**top, "people.owner": owner, "ops.deploy": deploy}
        result = plan_for(planner, answers, capacity=1)
        high = [i.id for i in result.initiatives if i.severity == "high"]
        assert high[0] == first
        assert result.initiatives[0].id == first
    # equal severity and gap: by id
    result = plan_for(planner, {**top, "people.owner": 0, "ops.deploy": 0}, capacity=1)
    assert [i.id for i in result.initiatives][:2] == ["deploy-pipeline", "ownership"]


def test_high_severity_work_goes_before_a_quick_win_of_lesser_severity(
    planner2: Framework,
) -> None:
    # Among the work pulled forward, the high-severity work is tried first; a quick win goes
    # first only among work of its own part (a high-severity containment before the work it
    # protects; a medium quick win before other medium work pulled forward).
    sizing = size_work(planner2, make_assessment(planner2, LOW, {"industry": "Retail banking"}))
    quick = planner2.initiative("inventory")
    lasting = planner2.initiative("quality-checks").model_copy(update={"regulatory": True})
    assert quick.quick_win and not lasting.quick_win and sizing.regulated

    def key(initiative: Initiative, severity: Severity | None) -> tuple[object, ...]:
        item = Item(initiative.id, initiative, 0, [])
        if severity is not None:
            item.severity = SEVERITY_ORDER[severity]
        return priority(item, sizing)

    order = [
        key(quick, "high"),
        key(lasting, "high"),
        key(quick, "medium"),
        key(lasting, "medium"),  # regulatory in a regulated industry: pulled forward too
        key(lasting.model_copy(update={"regulatory": False}), "medium"),
    ]
    assert order == sorted(order) and len(set(order)) == len(order)


def test_lumen_s_first_person_starts_on_high_severity_work(shelf: Shelf) -> None:
    # Lumen's team ramps from 1 person in Jan 2027. That person once ran two medium quick wins
    # while every high-severity finding waited for February; a quick win now takes only the
    # people the high-severity work leaves free.
    result = plan(ROOT / "examples" / "lumen-insurance" / "2026-Q4.yaml", shelf=shelf).plan
    assert result.team_ramp[0] == 1
    first = [i for i in result.initiatives if i.start_month == 0]
    assert first and all(i.severity == "high" for i in first), [(i.id, i.severity) for i in first]
    waiting = [i for i in result.initiatives if i.quick_win and i.severity != "high"]
    assert waiting and all(i.start_month > 0 for i in waiting)


def test_simulate_done_raises_questions_and_dimensions(planner: Framework) -> None:
    assessment = make_assessment(planner, LOW)
    by_id = {i.id: i for i in planner.initiatives}
    facts = simulate_done(planner, assessment, [by_id["inventory"], by_id["platform"]])
    assert facts["data.inventory"] == 3
    assert facts["ops.level"] == 4
    assert facts["ops.deploy"] == 4 and facts["ops.monitor"] == 4
    assert facts["people.owner"] == 0  # untouched
    space = fact_space_for(planner, include_stage=False)
    check = check_gate("data.level >= 2 and ops.level >= 2", facts, space)
    assert (check.holds, check.failing) == (False, ("data.level >= 2",))


def test_calendar_labels() -> None:
    assert month_label(parse_month("2027-01")) == "2027-01"
    assert quarter_label(parse_month("2027-12")) == "2027-Q4"
    assert quarter_label(parse_month("2027-04")) == "2027-Q2"


def test_planning_takes_milliseconds(planner: Framework) -> None:
    assessment = make_assessment(planner, LOW, {"size": 4000})
    card = score_assessment(assessment, planner)
    results = evaluate_rules(planner, card)
    plan_roadmap(planner, assessment, card, results)
    began = time.perf_counter()
    for _ in range(10):
        plan_roadmap(planner, assessment, card, results)
    assert (time.perf_counter() - began) / 10 < 0.05


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_every_bundled_example_plans(shelf: Shelf, path: Path) -> None:
    planned = plan(path, shelf=shelf)
    result = planned.plan
    recommended = {i for f in planned.results.findings for i in f.recommend}
    accounted = (
        {i.id for i in result.initiatives}
        | {d.id for d in result.deferred}
        | {a.id for a in result.achieved}
    )
    assert recommended <= accounted
    assert all(i.why for i in result.initiatives)
    # Every reason is the English of its cause record, one kind the planner knows.
    assert all(d.reason == describe_cause(d.cause) for d in result.deferred)
    assert all(g.reason == describe_cause(g.cause) for g in result.open_gaps)
    # A row carries its initiative's own fields as the framework writes them.
    framework = planned.assessed.loaded.framework
    initiatives = {i.id: i for i in framework.initiatives}
    for row in result.initiatives:
        own = initiatives[row.id]
        assert (row.title, row.dimension, row.owner, row.description) == (
            own.title,
            own.dimension,
            own.owner,
            own.description,
        )
        assert row.workstream == (own.workstream or own.dimension)
        assert (row.deliverables, row.depends_on) == (
            tuple(own.deliverables),
            tuple(own.depends_on),
        )
        assert (row.exit_criterion, row.done_when) == (own.exit_criterion, own.done_when)
        # Its KPIs with the months of the work they name sized to its duration.
        sized = sized_kpis(own, row.duration_months)
        assert row.kpis == tuple(k if isinstance(k, str) else k.text() for k in sized)
    assert (
        result.months
        <= load_framework(
            Path(planned.assessed.loaded.framework.folder)
        ).manifest.horizon.max_months
    )


def test_lower_maturity_example_gets_a_longer_plan(shelf: Shelf) -> None:
    by_framework: dict[str, list[tuple[float, int, str]]] = {}
    for path in EXAMPLES:
        planned = plan(path, shelf=shelf)
        card = planned.assessed.scorecard
        if card.percent is not None:
            by_framework.setdefault(card.framework, []).append(
                (card.percent, planned.plan.months, str(path))
            )
    compared = 0
    for examples in by_framework.values():
        if len({p for p, _, _ in examples}) < 2:
            continue
        examples.sort()
        lowest, highest = examples[0], examples[-1]
        assert lowest[1] > highest[1], f"{lowest} should plan longer than {highest}"
        compared += 1
    if not compared:
        pytest.skip("no framework has two bundled examples of different maturity yet")


def test_the_deadline_is_met_only_when_the_last_target_gap_closes() -> None:
    """Helios reaches enterprise scale's gate by its Dec 2028 deadline, but the target also
    asks questions raised by work that ends later: the deadline is not met."""
    from readiness.plan.raising import raised_levels

    root = Path(__file__).resolve().parent.parent
    planned = plan(
        root / "examples" / "helios-energy" / "2026-Q4.yaml", frameworks=(root / "questionnaires",)
    )
    result, framework = planned.plan, planned.assessed.loaded.framework
    assert result.deadline == "2028-12" and not result.open_gaps
    gate = next(m for m in result.milestones if m.stage == "department")
    assert gate.reachable and gate.date is not None and gate.date <= result.deadline
    raised = raised_levels(framework)
    closing = {
        gap.question: min(
            i.end
            for i in result.initiatives
            if raised[i.id].get(gap.question, -1.0) >= gap.target - 1e-9
        )
        for gap in result.target.gaps
    }
    assert max(closing.values()) > result.deadline
    assert result.deadline_fits is False


def test_a_question_a_high_finding_reads_only_to_step_aside_is_not_made_severe() -> None:
    # "No structured ML skills program exists" (high) steps aside where self-service is open,
    # for the rule on self-service without training: it reads self-service, but is not about it.
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    answers = {
        **stage_targets(framework, "department"),
        "teams.upskilling": 1,
        "teams.self_service": 1,
    }
    assessment = make_assessment(framework, answers, {"industry": "Retail", "size": 3000})
    results = evaluate_rules(framework, score_assessment(assessment, framework))
    skills = next(f for f in results.findings if f.rule == "skills-not-developed")
    assert skills.severity == "high"
    assert "teams.self_service" in {r.name for r in skills.reads}
    severe = _severe_questions(framework, results)
    assert "teams.upskilling" in severe and "teams.self_service" not in severe
