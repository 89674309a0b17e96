"""What the first wave's money buys: every initiative in one part (what the next stage still
requires, high-severity findings, the rest), prerequisites with the most important work that
needs them, the parts summing to the wave, and the sentence and table that say it."""

from __future__ import annotations

import re
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
from readiness.report.cost import (
    Rate,
    cost_words,
    money_words,
    number_words,
    person_months,
    team_rate,
)
from readiness.report.fixing import Contained
from readiness.report.funding import FundingSplit, Goal, initiative_parts, split_funding
from readiness.report.funding_labels import part_labels
from readiness.report.funding_notes import split_notes
from readiness.report.funding_words import split_rows, split_words
from readiness.report.waves import plan_waves
from readiness.report.words import month_name
from readiness.rules import FactReading, RuleResults, evaluate_rules
from readiness.score import Scorecard, score_assessment
from test_plan_properties import scenarios

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")
PLANNER2 = ROOT / "tests" / "fixtures" / "planner2"
RATES = (Rate(12_345.5, "EUR"), Rate(18_500, "USD"), Rate(333_333, "GBP"))
"""Rates that give amounts below a million, around it, and well above it."""

Planned = tuple[Plan, Framework, Assessment, Scorecard, RuleResults]


def _planned(framework: Framework, assessment: Assessment) -> Planned:
    card = score_assessment(assessment, framework)
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
    return plan, framework, assessment, card, results


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
    plan, framework, assessment, card, results = low
    parts = initiative_parts(plan, framework, assessment, card, results)
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


def _unreached(framework: Framework) -> tuple[Goal, ...]:
    """Department as a goal the plan does not reach: the required part is then the work on
    what its gate asks, by the reasons of the work."""
    return (Goal(next(s for s in framework.manifest.stages if s.id == "department"), None),)


def test_a_prerequisite_shared_by_required_and_high_work_is_required(low: Planned) -> None:
    plan, framework, assessment, card, results = low
    goals = _unreached(framework)
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
    parts = initiative_parts(plan, framework, assessment, card, results, goals)
    assert (parts["quality-checks"], parts["lineage"], parts["inventory"]) == (
        "required",
        "high",
        "required",
    )
    # A finding on a practice the gate asks for is what the gate requires too; on another
    # practice, and of medium severity, it is the rest. Needed by high-severity work alone,
    # `inventory` answers that finding with it.
    plan = _with_reasons(plan, {"quality-checks": (_rule("quality-low", "data.quality", 0),)})
    parts = initiative_parts(plan, framework, assessment, card, results, goals)
    assert parts["quality-checks"] == "required"
    plan = _with_reasons(plan, {"quality-checks": (_rule("quality-low", "people.skills", 0),)})
    parts = initiative_parts(plan, framework, assessment, card, results, goals)
    assert (parts["quality-checks"], parts["inventory"]) == ("rest", "high")


def test_a_finding_makes_required_only_work_that_raises_its_practice(low: Planned) -> None:
    plan, framework, assessment, card, results = low
    # `ownership` raises no data practice: a finding on data quality, which department's gate
    # asks for, does not make it what the gate requires (a containment step moves no gate).
    plan = _with_reasons(plan, {"ownership": (_rule("quality-low", "data.quality", 0),)})
    goals = _unreached(framework)
    assert (
        initiative_parts(plan, framework, assessment, card, results, goals)["ownership"] == "rest"
    )


def test_acme_minimum_leaves_out_the_containment_step() -> None:
    split, _, _ = _bundled("acme-retail")
    # It answers two high-severity findings (a live generative AI exposure) on practices the
    # gate reads, raises none of them and nothing required builds on it: it is not the minimum
    # department scale requires, but work on high-severity findings.
    part = {i.id: p.kind for p in split.parts for i in p.initiatives}
    assert part["genai-exposure-containment"] == "high"
    assert part["production-monitoring"] == "required"


def test_a_rule_of_lower_severity_or_a_met_practice_is_the_rest(low: Planned) -> None:
    plan, framework, assessment, card, results = low
    plan = _with_reasons(
        plan,
        {
            # people is not in department's gate; a medium finding is not high.
            "ownership": (_gap("people.owner", 0), _rule("quality-low", "people.owner", 0)),
        },
    )
    goals = _unreached(framework)
    assert (
        initiative_parts(plan, framework, assessment, card, results, goals)["ownership"] == "rest"
    )


def test_northwind_pays_first_for_the_one_requirement_still_open() -> None:
    split, _, _ = _bundled("northwind-bank")
    required, high, rest = split.parts
    # Operational monitoring at Defined: a chain of three (registry, serving, monitoring). Data
    # quality holds today, if on a disputed answer: gates are decided on today's answers, as
    # the milestones and What it takes decide them, so no work on it is the minimum.
    assert {i.id for i in required.initiatives} == {
        "model-registry",
        "api-model-serving",
        "production-monitoring",
    }
    assert split.least and required.fte_months == 67
    assert split_rows(split, None)[0].detail is None
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
    split = split_funding(first, plan, framework, assessed.loaded.assessment, card, results)
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
    plan, _, _, card, results = _planned(framework, assessment)
    parts = initiative_parts(plan, framework, assessment, card, results)
    assert set(parts) == {i.id for i in plan.initiatives}
    by_id = {i.id: i for i in plan.initiatives}
    order = ("required", "high", "rest")
    for initiative in plan.initiatives:
        # A prerequisite is never in a less important part than work that needs it (work
        # already under way waits for none: it passes nothing on).
        if initiative.status == "in_progress":
            continue
        for dependency in initiative.depends_on:
            if dependency in by_id:
                assert order.index(parts[dependency]) <= order.index(parts[initiative.id])
    for wave in plan_waves(plan, framework):
        split = split_funding(wave, plan, framework, assessment, card, results)
        _check_sum(split, person_months(wave.initiatives))
        _check_minimum(split, plan, framework)
        for rate in RATES:
            _check_shown_sums(split, rate)


def test_the_sentence_in_money_and_in_person_months(low: Planned) -> None:
    plan, framework, assessment, card, results = low
    first = plan_waves(plan, framework)[0]
    split = split_funding(first, plan, framework, assessment, card, results)
    required, high, rest = split.parts
    assert [i.id for i in high.initiatives] == ["ownership"]
    assert [i.id for i in rest.initiatives] == ["academy"]
    assert split.reached_by is not None
    months = [f"{p.fte_months:f}".removesuffix(".0") for p in split.parts]
    count = len(required.initiatives)
    starts = month_name(min(i.start for i in rest.initiatives))
    # What the stage cannot do without (the minimum, the high-severity fixes: each with its
    # own amount, as What it takes's table gives them), then the improvements that could wait,
    # from the month the plan starts them (the ask funds them from then: waiting is the
    # committee's choice).
    assert split_words(split, None) == (
        f"Of this, {months[0]} person-months is for the minimum department requires and "
        f"{months[1]} person-months for 1 high-severity fix; {months[2]} person-months goes to "
        f"improvements from {starts} that could wait without delaying "
        "department."
    )
    euros = [f"EUR {int(p.fte_months * 10_000):,}" for p in split.parts]
    assert split_words(split, Rate(10_000, "EUR")) == (
        f"Of this, {euros[0]} is for the minimum department requires and {euros[1]} for 1 "
        f"high-severity fix; {euros[2]} goes to improvements from {starts} that could wait "
        "without delaying department."
    )
    rows = split_rows(split, Rate(10_000, "EUR"))
    assert [(r.part, r.initiatives, r.cost) for r in rows] == [
        ("The minimum department requires", count, euros[0]),
        ("Fixing 1 high-severity finding", 1, euros[1]),
        ("Improvements beyond the minimum", 1, euros[2]),
        ("The first wave", len(first.initiatives), f"EUR {int(split.fte_months * 10_000):,}"),
    ]
    # When the plan does not reach the stage, the minimum is not bounded by a milestone: the
    # rest is only not needed for it.
    unreached = split._replace(reached_by=None)
    assert split_words(unreached, None) is not None
    assert split_words(unreached, None).endswith(  # type: ignore[union-attr]
        f"{months[2]} person-months goes to improvements from {starts}; "
        "department does not need them."
    )
    # Without a rest, nothing could wait: all of it goes to what the stage cannot do without.
    whole = split._replace(parts=split.parts[:2])
    assert split_words(whole, None) == (
        "All of it goes to the minimum department requires and 1 high-severity fix."
    )
    # A required part not proven the least is never called the minimum.
    guess = split._replace(least=False)
    said = split_words(guess, None) or ""
    assert "minimum" not in said
    assert said.startswith(f"Of this, {months[0]} person-months is for the work department asks")
    assert [r.part for r in split_rows(guess, None)][::2] == [
        "The work department asks for",
        "Other improvements",
    ]
    assert "minimum" not in " ".join(part_labels(guess).values())


def test_work_under_way_is_said_apart_from_what_can_follow() -> None:
    split, _, rate = _bundled("acme-retail")
    assert rate is not None
    # 51.5 person-months of minimum (What it takes's least work) and 38 of high-severity work:
    # ROI tracking fixes one finding, the containment step holds two live exposures until
    # their lasting fixes (the guardrails from Aug 2027, outside the wave), and the inventory,
    # privacy and data governance work are what they build on. Of the 25.5 beyond them, 15 are
    # already being spent (the quality checks): they are not offered as money that can wait.
    # The serving APIs, under way too, are in the minimum: the rest is "other" work under way.
    assert split_words(split, rate) == (
        "Of this, EUR 643,750 is for the minimum department scale requires and EUR 475,000 for "
        "1 high-severity fix and 2 live exposures contained until their lasting fixes (from Aug "
        "2027); EUR 187,500 continues other work already under way; EUR 131,250 goes "
        "to improvements from Feb 2027 that could wait without delaying department scale."
    )
    assert split_words(split, None) == (
        "Of this, 51.5 person-months is for the minimum department scale requires and 38 "
        "person-months for 1 high-severity fix and 2 live exposures contained until their "
        "lasting fixes (from Aug 2027); 15 person-months continue other work already "
        "under way; 10.5 person-months goes to improvements from Feb 2027 that could wait "
        "without delaying department scale."
    )
    labels = part_labels(split)
    rest = next(p for p in split.parts if p.kind == "rest")
    for item in rest.initiatives:
        said = labels[item.id]
        assert said.endswith("already under way" if item.status == "in_progress" else "phased")


def _bundled(client: str) -> tuple[FundingSplit, Plan, Rate | None]:
    assessed = assess(ROOT / "examples" / client / "2026-Q4.yaml")
    framework, card = assessed.loaded.framework, assessed.scorecard
    results = evaluate_rules(framework, card)
    assessment = assessed.loaded.assessment
    plan = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
    first = plan_waves(plan, framework)[0]
    split = split_funding(first, plan, framework, assessment, card, results)
    return split, plan, team_rate(assessment)


def _check_minimum(split: FundingSplit, plan: Plan, framework: Framework) -> None:
    """What "can be phased without delaying" rests on: the plan's milestone for the stage is
    not earlier than the last end of the minimum, and none of the minimum builds on work of
    another part."""
    required = next((p for p in split.parts if p.kind == "required"), None)
    if required is None or split.reached_by is None:
        return
    stages = [s.id for s in framework.manifest.stages]
    goal = next(s.id for s in framework.manifest.stages if s.title == split.stage)
    # A milestone is named by the stage the organization leaves there.
    milestone = next(m for m in plan.milestones if m.stage == stages[stages.index(goal) - 1])
    assert milestone.reachable
    assert milestone.month >= max(i.end_month for i in required.initiatives)
    ids = {i.id for i in required.initiatives}
    planned = {i.id for i in plan.initiatives}
    for item in required.initiatives:
        if item.status == "in_progress":
            continue  # under way: it waits for no prerequisite
        assert {d for d in item.depends_on if d in planned} <= ids, item.id


@pytest.mark.parametrize("client", BUNDLED)
def test_the_minimum_is_done_by_the_milestone_without_the_rest(client: str) -> None:
    split, plan, _ = _bundled(client)
    assessed = assess(ROOT / "examples" / client / "2026-Q4.yaml")
    _check_minimum(split, plan, assessed.loaded.framework)
    if client in ("northwind-bank", "acme-retail", "helios-energy"):
        # Each reaches its next stage with the first wave: the claim is made, and holds.
        assert split.reached_by is not None
        said = split_words(split, None)
        assert said is not None and "that could wait without delaying" in said


def _money(said: str) -> Decimal:
    """`USD 2.17 million`, `about USD 2.17 million` or `EUR 450,000` as an amount."""
    figure = re.fullmatch(r"(?:about )?[A-Z]{3} ([\d,.]+)( million)?", said)
    assert figure is not None, said
    return Decimal(figure[1].replace(",", "")) * (1_000_000 if figure[2] else 1)


def _check_shown_sums(split: FundingSplit, rate: Rate) -> None:
    """Each amount shown is what its own person-months cost at the rate (never moved to make
    parts add up to a rounded whole); the whole is the sum of the exact amounts, rounded alike,
    and the figure the headline says; when some amount is rounded, a note says so."""
    rows = split_rows(split, rate)
    if not rows:
        return

    def cost(months: Decimal) -> str:
        return money_words(float(months) * rate.per_month, rate.currency)

    assert [r.cost for r in rows[:-1]] == [cost(p.fte_months) for p in split.parts]
    assert rows[-1].cost == cost(split.fte_months)
    exact = all(
        _money(cost(m)) == m * Decimal(str(rate.per_month))
        for m in (*(p.fte_months for p in split.parts), split.fte_months)
    )
    assert (rows[-1].note is None) == exact
    if exact:
        # Exact amounts add up as shown.
        assert sum(_money(r.cost or "") for r in rows[:-1]) == _money(rows[-1].cost or "")
    # The sentence's amounts are the work's own too: what is approved now, what is under way,
    # what can follow; together the first wave's.
    said = split_words(split, rate) or ""
    amounts = re.findall(r"(?:about )?[A-Z]{3} [\d,.]+(?: million)?", said)
    rest = next((p for p in split.parts if p.kind == "rest"), None)
    if rest is not None:
        now = [p.fte_months for p in split.parts if p.kind != "rest"]
        under_way = person_months([i for i in rest.initiatives if i.status == "in_progress"])
        expected = [*now, *([under_way] if under_way else [])]
        expected += [rest.fte_months - under_way] if rest.fte_months > under_way else []
        assert amounts == [cost_words(m, rate) for m in expected]
        assert sum(expected, Decimal(0)) == split.fte_months
    months = [Decimal(r.effort.replace(",", "")) for r in rows]
    assert sum(months[:-1]) == months[-1]


@pytest.mark.parametrize("client", BUNDLED)
def test_the_shown_parts_add_up_on_every_bundled_example(client: str) -> None:
    split, _, rate = _bundled(client)
    assert rate is not None
    _check_shown_sums(split, rate)


def test_northwind_says_which_high_severity_findings_wait_and_what_the_cost_is() -> None:
    split, _, rate = _bundled("northwind-bank")
    high = next(p for p in split.parts if p.kind == "high")
    assert len(high.findings) == 6 and split.fixed_by_required == 1
    # The guardrails' exposure is fixed in the wave; the retrieval one is only contained: its
    # lasting fix (governed prompts and indexes) starts in the next wave.
    assert high.contained == (Contained("data-prompt-retrieval-data-at-1", "2027-12"),)
    assert [(w.title, w.start, w.contained) for w in split.waiting] == [
        ("Management of prompts and retrieval data: Ad hoc, not yet Repeatable", "2027-12", True),
        ("No structured ML skills program exists", "2028-02", False),
        (
            "Automated decisions about people lack the oversight a supervisor expects",
            "2028-08",
            False,
        ),
    ]
    fixed, basis = split_notes(split, rate)
    assert fixed == (
        "The first wave fixes 7 of the 10 high-severity findings, 1 of them with the minimum "
        "department scale requires. The other 3 wait for work outside it: “Management of "
        "prompts and retrieval data: Ad hoc, not yet Repeatable” (contained by Feb 2027, "
        "lasting fix from Dec 2027), “No structured ML skills program exists” (from Feb 2028) and "
        "“Automated decisions about people lack the oversight a supervisor expects” (from Aug "
        "2028)."
    )
    assert basis == (
        "Team effort at USD 18,500 a person-month; software, cloud and contingency not included."
    )
    # Without a rate there is no money to explain.
    assert split_notes(split, None) == (fixed,)


def test_helios_fixes_every_high_severity_finding_most_with_the_minimum() -> None:
    split, _, rate = _bundled("helios-energy")
    # 13 problems, each said once (the regulated finding on explainability, independent
    # validation and regulatory classification, not also the level finding).
    assert split.waiting == () and split.fixed_by_required == 11 and split.high_findings == 13
    # The other 2 are the high-severity part's fixes: the table's row says so.
    assert split_notes(split, rate)[0] == (
        "The first wave fixes every one of the 13 high-severity findings, 11 of them with the "
        "minimum enterprise scale requires."
    )
    assert "Fixing 2 high-severity findings" in [r.part for r in split_rows(split, rate)]


def test_acme_counts_the_work_already_under_way() -> None:
    split, plan, rate = _bundled("acme-retail")
    under_way = [i for i in plan.initiatives if i.status == "in_progress"]
    assert len(under_way) == 3
    months = person_months(under_way)
    # The part of it beyond what is approved now is the figure the summary gives.
    beyond = person_months(
        i for p in split.parts if p.kind == "rest" for i in p.initiatives if i in under_way
    )
    assert f"EUR {int(beyond * 12_500):,} continues other work already under way" in (
        split_words(split, rate) or ""
    )
    assert split_notes(split, rate)[-1].endswith(
        f"Work already under way is counted: 3 initiatives, {number_words(months)} person-months "
        f"(EUR {int(months * 12_500):,}); EUR {int(beyond * 12_500):,} of it is in “Improvements "
        "beyond the minimum”."
    )


def test_one_part_says_nothing_more(low: Planned) -> None:
    plan, framework, assessment, card, results = low
    first = plan_waves(plan, framework)[0]
    only = first._replace(initiatives=tuple(i for i in first.initiatives if i.id == "ownership"))
    split = split_funding(only, plan, framework, assessment, card, results)
    assert len(split.parts) == 1
    assert split_words(split, None) is None and split_rows(split, None) == ()


def test_the_work_that_can_be_phased_is_named_with_its_cost() -> None:
    split, _, rate = _bundled("helios-energy")
    rows = split_rows(split, rate)
    (rest,) = [p for p in split.parts if p.kind == "rest"]
    assert 0 < len(rest.initiatives) <= 5
    row = next(r for r in rows if r.part == "Improvements beyond the minimum")
    assert row.detail is not None
    named = row.detail.split("; ")
    assert [n.split(": ")[0] for n in named] == [i.title for i in rest.initiatives]
    for said, item in zip(named, rest.initiatives, strict=True):
        assert said.endswith(", under way") == (item.status == "in_progress")
        assert money_words(float(person_months((item,))) * 10_500, "EUR") in said


def test_a_finding_the_wave_only_contains_is_not_counted_as_fixed() -> None:
    # Acme: the containment step answers the two live generative AI exposures and raises no
    # practice; the work that raises them (guardrails from Aug 2027, governed prompts and
    # indexes from Sep 2027) is in later waves. ROI tracking raises the practice its finding
    # read: a fix. The baselines answer that finding too, but raise another practice: the
    # minimum does not fix it, ROI tracking does.
    split, _, rate = _bundled("acme-retail")
    high = next(p for p in split.parts if p.kind == "high")
    assert high.findings == ("sponsorship-without-roi",)
    assert high.contained == (
        Contained("data-prompt-retrieval-data-at-1", "2027-09"),
        Contained("infrastructure-llm-guardrails-at-1", "2027-08"),
    )
    assert high.steps == frozenset({"genai-exposure-containment"})
    assert "sponsorship-without-roi" not in split.required_findings
    waiting = {w.rule: (w.start, w.contained) for w in split.waiting}
    assert waiting == {
        "bias-untested": ("2027-05", False),
        "infrastructure-llm-guardrails-at-1": ("2027-08", True),
        "data-prompt-retrieval-data-at-1": ("2027-09", True),
        "skills-not-developed": ("2027-11", False),
    }
    rows = split_rows(split, rate)
    assert rows[1].part == "Fixing 1 high-severity finding and containing 2 live exposures"
    note = split_notes(split, rate)[0]
    assert note.startswith(
        "The first wave fixes 4 of the 8 high-severity findings, 3 of them with the minimum "
        "department scale requires. The other 4 wait for work outside it:"
    )
    assert "(contained by Jan 2027, lasting fix from Aug 2027)" in note
    assert part_labels(split)["genai-exposure-containment"] == "contains 2 live exposures"
    assert part_labels(split)["roi-tracking"] == "fixes a high-severity finding"


def test_a_containment_whose_lasting_fix_is_funded_too_is_no_fix_of_its_own() -> None:
    # Helios and Meridian fund the guardrails and governed prompts in the first wave: the two
    # findings are fixed; the containment step only holds them until then.
    for client in ("helios-energy", "meridian-telecom"):
        split, _, rate = _bundled(client)
        high = next(p for p in split.parts if p.kind == "high")
        assert high.contained == () and split.waiting == ()
        assert len(high.findings) == 2
        assert part_labels(split)["genai-exposure-containment"] == "contains 2 live exposures"
    # Had the containment step been the part alone, its findings fixed by other work, it would
    # be said as a containment until the lasting fixes, not as groundwork or fixes.
    step = next(i for i in high.initiatives if i.id == "genai-exposure-containment")
    alone = high._replace(
        initiatives=(step,),
        findings=(),
        contained=(Contained("data-prompt-retrieval-data-at-2", "2027-02"),),
        fte_months=Decimal(str(step.fte_months)),
    )
    split = split._replace(parts=tuple(alone if p is high else p for p in split.parts))
    assert (split_words(split, rate) or "").startswith(
        "Of this, EUR 34,500 is for 1 live exposure contained until its lasting fix (from Feb "
        "2027);"
    )
    assert split_rows(split, rate)[0].part == "Containing 1 live exposure"


def test_a_contained_finding_with_no_lasting_fix_planned_says_so() -> None:
    split, _, rate = _bundled("acme-retail")
    high = next(p for p in split.parts if p.kind == "high")
    none = high._replace(
        findings=(), contained=tuple(c._replace(lasting=None) for c in high.contained)
    )
    split = split._replace(
        parts=tuple(none if p is high else p for p in split.parts),
        waiting=tuple(w._replace(start=None) if w.contained else w for w in split.waiting),
    )
    said = split_words(split, rate) or ""
    assert "EUR 475,000 for 2 live exposures contained, no lasting fix planned yet;" in said
    note = split_notes(split, rate)[0]
    assert "(contained by Jan 2027, no lasting fix planned yet)" in note
