"""What the first wave's money buys: every initiative in one part (what the next stage still
requires, high-severity findings, the rest), prerequisites with the most important work that
needs them, the parts summing to the wave, and the sentence and table that say it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings

from planning_helpers import LOW, make_assessment
from readiness.load import load_framework
from readiness.model import Assessment, Framework
from readiness.pipeline.assessing import assess
from readiness.plan.records import Plan, Reason
from readiness.plan.roadmap import plan_roadmap
from readiness.report.cost import Rate, person_months
from readiness.report.funding import FundingSplit, initiative_parts, split_funding
from readiness.report.funding_words import split_rows, split_words
from readiness.report.waves import plan_waves
from readiness.rules import FactReading, RuleResults, evaluate_rules
from readiness.score import Scorecard, score_assessment
from test_plan_properties import scenarios

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")
PLANNER2 = ROOT / "tests" / "fixtures" / "planner2"

Planned = tuple[Plan, Framework, Scorecard, RuleResults]


def _planned(framework: Framework, assessment: Assessment) -> Planned:
    card = score_assessment(assessment, framework)
    results = evaluate_rules(framework, card)
    return plan_roadmap(framework, assessment, card, results), framework, card, results


@pytest.fixture(scope="module")
def low() -> Planned:
    """planner2 with every answer low: pilot, department next (data and ops levels short)."""
    framework = load_framework(PLANNER2)
    return _planned(framework, make_assessment(framework, LOW, {"size": 4000}))


def _with_reasons(plan: Plan, reasons: dict[str, tuple[Reason, ...]]) -> Plan:
    """The plan with the reasons of some initiatives replaced."""
    return plan._replace(
        initiatives=tuple(i._replace(why=reasons.get(i.id, i.why)) for i in plan.initiatives)
    )


def _gap(question: str, value: float) -> Reason:
    return Reason("gap", None, f"Raises {question}", (FactReading(question, value),), None)


def _rule(rule: str, question: str, value: float) -> Reason:
    return Reason("rule", rule, rule, (FactReading(question, value),), None)


def _needs(needer: str) -> Reason:
    return Reason("prerequisite", None, f"Prerequisite of {needer}", (), needer)


def test_the_parts_of_a_low_organization(low: Planned) -> None:
    plan, framework, card, results = low
    parts = initiative_parts(plan, framework, card, results)
    # Data and ops levels are short of department's gate: the work on their questions that
    # ends by the milestone is required; the owner work answers a high-severity finding.
    assert parts["quality-checks"] == "required"
    assert parts["deploy-pipeline"] == "required"
    assert parts["ownership"] == "high"
    # Data lineage work would lift the data level too, but it ends after department is
    # reached: it is not what reaching it requires.
    lineage = next(i for i in plan.initiatives if i.id == "lineage")
    assert lineage.end_month > plan.milestones[0].month
    assert parts["lineage"] == "rest"


def test_a_prerequisite_shared_by_required_and_high_work_is_required(low: Planned) -> None:
    plan, framework, card, results = low
    # `inventory` is needed by `quality-checks` (required: a gap the gate asks for) and by
    # `lineage` (answering a high-severity finding only): it goes with the required work.
    plan = _with_reasons(
        plan,
        {
            "inventory": (_needs("quality-checks"), _needs("lineage")),
            "quality-checks": (_gap("data.quality", 0),),
            "lineage": (_rule("no-owner", "people.owner", 0),),
        },
    )
    parts = initiative_parts(plan, framework, card, results)
    assert (parts["quality-checks"], parts["lineage"], parts["inventory"]) == (
        "required",
        "high",
        "required",
    )
    # A finding on a practice the gate asks for is what the gate requires too; on another
    # practice, and of medium severity, it is the rest. Needed by high-severity work alone,
    # `inventory` answers that finding with it.
    plan = _with_reasons(plan, {"quality-checks": (_rule("quality-low", "data.quality", 0),)})
    assert initiative_parts(plan, framework, card, results)["quality-checks"] == "required"
    plan = _with_reasons(plan, {"quality-checks": (_rule("quality-low", "people.skills", 0),)})
    parts = initiative_parts(plan, framework, card, results)
    assert (parts["quality-checks"], parts["inventory"]) == ("rest", "high")


def test_a_rule_of_lower_severity_or_a_met_practice_is_the_rest(low: Planned) -> None:
    plan, framework, card, results = low
    plan = _with_reasons(
        plan,
        {
            # people is not in department's gate; a medium finding is not high.
            "ownership": (_gap("people.owner", 0), _rule("quality-low", "people.owner", 0)),
        },
    )
    assert initiative_parts(plan, framework, card, results)["ownership"] == "rest"


def test_northwind_pays_first_for_the_two_requirements_still_open() -> None:
    assessed = assess(ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml")
    framework, card = assessed.loaded.framework, assessed.scorecard
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessed.loaded.assessment, card, results)
    first = plan_waves(plan, framework)[0]
    split = split_funding(first, plan, framework, card, results)
    required, high, rest = split.parts
    # Operational monitoring at Defined (a chain of three: registry, serving, monitoring) and
    # data quality, held today only on a disputed answer (its checks, after the inventory).
    assert {i.id for i in required.initiatives} == {
        "model-registry",
        "api-model-serving",
        "production-monitoring",
        "data-source-inventory",
        "pilot-data-quality",
    }
    # What it takes names the two that close them; the table counts the three they build on.
    assert required.prerequisites == 3
    assert split_rows(split, None)[0].detail == "including 3 initiatives the others build on"
    assert "bias-testing" in {i.id for i in high.initiatives}
    assert "ethics-bias-detection-regulated" in high.findings
    assert rest.kind == "rest"


def _check_sum(split: FundingSplit, items_months: Decimal) -> None:
    assert sum((p.fte_months for p in split.parts), Decimal(0)) == items_months
    assert split.fte_months == items_months
    kinds = [p.kind for p in split.parts]
    assert kinds == sorted(kinds, key=("required", "high", "rest").index)
    assert all(p.initiatives for p in split.parts)


@pytest.mark.parametrize("client", BUNDLED)
def test_the_parts_sum_to_the_first_wave_of_every_bundled_example(client: str) -> None:
    assessed = assess(ROOT / "examples" / client / "2026-Q4.yaml")
    framework, card = assessed.loaded.framework, assessed.scorecard
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessed.loaded.assessment, card, results)
    first = plan_waves(plan, framework)[0]
    wave = first.initiatives
    split = split_funding(first, plan, framework, card, results)
    _check_sum(split, person_months(wave))
    assert sorted(i.id for p in split.parts for i in p.initiatives) == sorted(i.id for i in wave)
    rows = split_rows(split, None)
    if len(split.parts) > 1:
        assert rows[-1].effort == f"{person_months(wave):,f}".rstrip("0").rstrip(".")
        assert sum(r.initiatives for r in rows[:-1]) == rows[-1].initiatives == len(wave)
    else:
        assert rows == ()


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_the_parts_sum_to_every_wave_of_generated_plans(
    scenario: tuple[Framework, Assessment, object],
) -> None:
    framework, assessment, _ = scenario
    plan, _, card, results = _planned(framework, assessment)
    parts = initiative_parts(plan, framework, card, results)
    assert set(parts) == {i.id for i in plan.initiatives}
    by_id = {i.id: i for i in plan.initiatives}
    order = ("required", "high", "rest")
    for initiative in plan.initiatives:
        # A prerequisite is never in a less important part than work that needs it.
        for dependency in initiative.depends_on:
            if dependency in by_id:
                assert order.index(parts[dependency]) <= order.index(parts[initiative.id])
    for wave in plan_waves(plan, framework):
        split = split_funding(wave, plan, framework, card, results)
        _check_sum(split, person_months(wave.initiatives))


def test_the_sentence_in_money_and_in_person_months(low: Planned) -> None:
    plan, framework, card, results = low
    first = plan_waves(plan, framework)[0]
    split = split_funding(first, plan, framework, card, results)
    required, high, rest = split.parts
    assert [i.id for i in high.initiatives] == ["ownership"]
    assert [i.id for i in rest.initiatives] == ["academy"]
    months = [f"{p.fte_months:f}".removesuffix(".0") for p in split.parts]
    count = len(required.initiatives)
    assert split_words(split, None) == (
        f"Of it, {months[0]} person-months close what department still requires ({count} "
        f"initiatives), {months[1]} person-months answer 1 of the 3 high-severity findings and "
        f"{months[2]} person-months go to the other findings and higher practice levels."
    )
    euros = [f"EUR {int(p.fte_months * 10_000):,}" for p in split.parts]
    assert split_words(split, Rate(10_000, "EUR")) == (
        f"Of it, {euros[0]} closes what department still requires ({count} initiatives), "
        f"{euros[1]} answers 1 of the 3 high-severity findings and {euros[2]} goes to the other findings "
        "and higher practice levels."
    )
    rows = split_rows(split, Rate(10_000, "EUR"))
    assert [(r.part, r.initiatives, r.cost) for r in rows] == [
        ("What department still requires", count, euros[0]),
        ("1 of the 3 high-severity findings", 1, euros[1]),
        ("Other findings and higher practice levels", 1, euros[2]),
        ("The first wave", len(first.initiatives), f"EUR {int(split.fte_months * 10_000):,}"),
    ]


def test_one_part_says_nothing_more(low: Planned) -> None:
    plan, framework, card, results = low
    first = plan_waves(plan, framework)[0]
    only = first._replace(initiatives=tuple(i for i in first.initiatives if i.id == "ownership"))
    split = split_funding(only, plan, framework, card, results)
    assert len(split.parts) == 1
    assert split_words(split, None) is None and split_rows(split, None) == ()
