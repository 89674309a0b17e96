"""The options when a plan misses its target: the deferred work the target needs, the month it
is reached with that work planned after the horizon, the practices short at the deadline, and
the team that keeps the deadline, which the planner itself confirms."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from readiness.pipeline import assess
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Options, Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.rules import evaluate_rules

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@cache
def planned(client: str, fte: float | None = None, by: str | None = None) -> Plan:
    """The client's plan with What it takes, with a delivery team of `fte` when given."""
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    assessment = loaded.assessment
    if fte is not None:
        assert assessment.team is not None
        team = assessment.team.model_copy(update={"fte": fte})
        assessment = assessment.model_copy(update={"team": team})
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    return plan_roadmap(
        loaded.framework, assessment, assessed.scorecard, results, by=by, what_it_takes=fte is None
    )


def options_of(client: str) -> Options:
    plan = planned(client)
    assert plan.what_it_takes is not None and plan.what_it_takes.options is not None
    return plan.what_it_takes.options


def test_the_deferred_work_the_target_needs_is_planned_after_the_horizon() -> None:
    plan, options = planned("acme-retail"), options_of("acme-retail")
    # Both deferred initiatives raise a practice the target asks for (standard tools, security).
    # The plan defers more than these; the target needs only these two, said in the order
    # they would end.
    assert set(options.deferred) == {"standard-tool-stack", "privacy-security-automation"}
    assert set(options.deferred) < {d.id for d in plan.deferred}
    ends = {d.id: getattr(d.cause, "end_month", None) for d in plan.deferred}
    assert list(options.deferred) == sorted(options.deferred, key=lambda i: (ends[i], i))
    # Where the scheduler found each would end: the later one sets the month.
    last = max(e for i, e in ends.items() if i in options.deferred and e is not None)
    assert options.date == month_label(parse_month(plan.start) + last - 1) == "2030-03"
    # Their person-months, from the plan's own sizing: 2 people for 6 months and 3 for 8.
    assert options.extra_fte_months == 36.0


def test_the_practices_short_at_the_deadline_are_listed_with_the_month_each_closes() -> None:
    options = options_of("acme-retail")
    dates = [p.date for p in options.late]
    assert dates == sorted(d for d in dates if d is not None)
    assert all(d is not None and d > "2029-06" for d in dates)
    assert {p.question for p in options.late} >= {
        "infrastructure.portability",
        "ethics.security",
    }
    assert options.late[-1].date == options.date


def test_the_team_that_keeps_the_deadline_is_the_planners_own_answer() -> None:
    # Helios reaches its target four months after its deadline with 14 people: a larger team,
    # ramping up as the plan's does, keeps it.
    options = options_of("helios-energy")
    assert planned("helios-energy").team_fte == 14.0
    assert options.team_fte == 18.0 and options.team_date is not None
    assert options.team_date <= "2028-12" and options.unlimited_date is None
    # The planner, given that team (its ramp and owners' bounds included), fits the deadline.
    assert planned("helios-energy", 18.0).deadline_fits is True


def test_a_team_the_owners_bounds_hold_back_is_never_offered() -> None:
    # Acme: each owner's bound on the people of the work it leads sets the pace, so no team up
    # to twice today's keeps Jun 2029; the planner agrees, even with twice the team.
    options = options_of("acme-retail")
    assert options.team_fte is None and options.team_date is None
    assert options.unlimited_date is not None and options.unlimited_date > "2029-06"
    assert planned("acme-retail", 48.0).deadline_fits is False


def test_a_plan_that_reaches_the_stage_late_lists_what_is_short() -> None:
    plan, options = planned("helios-energy"), options_of("helios-energy")
    assert plan.deadline == "2028-12" and plan.deadline_fits is False
    # Nothing deferred: the plan reaches the target, later than its deadline.
    assert options.deferred == () and options.extra_fte_months == 0
    # The guardrails are pulled forward as regulatory work; the evaluation of generative AI
    # applications is what is still short at the deadline.
    assert [(p.question, p.date) for p in options.late] == [
        ("infrastructure.llm_evaluation", options.date)
    ]
    assert options.date is not None and options.date > "2028-12"


def test_when_no_team_keeps_the_deadline_the_pace_the_work_sets_is_given() -> None:
    options = options_of("northwind-bank")
    assert options.team_fte is None and options.team_date is None
    # With as many people as the work can use, prerequisites and owners' limits set the pace.
    assert options.unlimited_date is not None and options.unlimited_date > "2029-06"
    # Never later than the deferred work planned after the horizon with today's team: a larger
    # team can always run that schedule.
    assert options.date is not None and options.unlimited_date <= options.date
    assert len(options.deferred) == 8
    # The planner agrees: twice the team still misses the deadline.
    assert planned("northwind-bank", 100.0).deadline_fits is False


def test_a_plan_that_meets_its_deadline_has_no_options() -> None:
    plan = planned("helios-energy", by="2029-12")
    assert plan.deadline_fits is True
    assert plan.what_it_takes is not None and plan.what_it_takes.options is None


def test_the_options_are_deterministic() -> None:
    planned.cache_clear()
    first = options_of("northwind-bank")
    planned.cache_clear()
    assert options_of("northwind-bank") == first
