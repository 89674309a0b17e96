"""What the plan spends when: the years add up to the whole plan as the key facts give it, an
initiative's months fall in the right years, and the later waves' work that starts while the
first wave runs is counted only for the months it overlaps the first wave."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from readiness.pipeline.assessing import assess
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.report.cost import Rate, money_words, people, person_months, team_rate
from readiness.report.spend import (
    months_by_year,
    overlap_clause,
    overlap_of,
    overlap_words,
    spend_rows,
)
from readiness.report.waves import Wave, plan_waves
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")


def _planned(client: str) -> tuple[Plan, tuple[Wave, ...], Rate | None]:
    assessed = assess(ROOT / "examples" / client / "2026-Q4.yaml")
    framework, card = assessed.loaded.framework, assessed.scorecard
    plan = plan_roadmap(
        framework, assessed.loaded.assessment, card, evaluate_rules(framework, card)
    )
    return plan, plan_waves(plan, framework), team_rate(assessed.loaded.assessment)


def _months(start: str, count: int) -> list[str]:
    """`count` calendar months from `start`, counted one by one (an independent calendar)."""
    year, month = (int(x) for x in start.split("-"))
    said = []
    for _ in range(count):
        said.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return said


@pytest.mark.parametrize("client", BUNDLED)
def test_the_years_add_up_to_the_whole_plan(client: str) -> None:
    plan, _, rate = _planned(client)
    spent = months_by_year(plan.initiatives)
    assert sum(spent.values(), Decimal(0)) == person_months(plan.initiatives)
    # Month by month, on an independent calendar: each initiative's months end on its last.
    expected: dict[int, Decimal] = {}
    for item in plan.initiatives:
        months = _months(item.start, item.duration_months)
        assert months[-1] == item.end
        for month in months:
            expected[int(month[:4])] = expected.get(int(month[:4]), Decimal(0)) + people(
                item.effort_fte
            )
    assert spent == expected
    rows = spend_rows(plan, rate)
    if len(expected) < 2:
        assert rows == ()
        return
    assert [r.year for r in rows[:-1]] == [str(y) for y in sorted(expected)]
    if rate is not None:
        # Each year is what its own person-months cost (never moved to make the years add up
        # to a rounded whole); the whole is the sum of the exact amounts, rounded alike.
        years = sorted(expected)
        assert [r.cost for r in rows[:-1]] == [
            money_words(float(expected[y]) * rate.per_month, rate.currency) for y in years
        ]
        total = sum(expected.values(), Decimal(0))
        assert rows[-1].cost == money_words(float(total) * rate.per_month, rate.currency)
        amounts = [_amount(r.cost) for r in rows]
        if rows[-1].note is None:
            assert sum(amounts[:-1]) == pytest.approx(amounts[-1])


def _amount(said: str | None) -> float:
    assert said is not None
    number = float(re.sub(r"[^0-9.]", "", said.split(" ", 1)[1].split(" million")[0]))
    return number * 1_000_000 if "million" in said else number


@pytest.mark.parametrize("client", BUNDLED)
def test_the_overlap_counts_later_work_only_in_the_first_waves_months(client: str) -> None:
    _, waves, rate = _planned(client)
    overlap = overlap_of(waves)
    if len(waves) < 2:
        assert overlap is None
        return
    end = max(i.end for i in waves[0].initiatives)
    early = [i for w in waves[1:] for i in w.initiatives if i.start <= end]
    if not early:
        assert overlap is None
        return
    assert overlap is not None
    said = overlap_words(overlap, rate)
    within = sum(
        (
            people(i.effort_fte) * sum(1 for m in _months(i.start, i.duration_months) if m <= end)
            for i in early
        ),
        Decimal(0),
    )
    assert f"starts {len(early)} initiative" in said
    shown = f"{within:,.1f}".removesuffix(".0")
    assert f": {shown} person-month" in said
    first = min(early, key=lambda i: (i.start, i.title))
    assert f"“{first.title}”" in said


def test_acme_retails_overlap_says_what_the_first_waves_ask_leaves_out() -> None:
    _, waves, rate = _planned("acme-retail")
    overlap = overlap_of(waves)
    assert overlap is not None
    # The ask (115 person-months), and the later waves' 69 in its months (69 x 12,500) said
    # as more than it: a sum of the two read as the later waves' cost.
    assert overlap.wave == person_months(waves[0].initiatives) == Decimal(115)
    assert overlap_clause(overlap, rate) == "Later waves by Sep 2027: EUR 862,500"
    assert overlap_clause(overlap, None) == "Later waves by Sep 2027: 69 person-months"
    assert overlap_words(overlap, rate) == (
        "While the first wave runs, to Sep 2027, the plan also starts 7 initiatives of later "
        "waves, the first “Establish an ML center of excellence with a mandate and budget” in "
        "Feb 2027: 69 person-months (EUR 862,500) in those months, not counted in the first "
        "wave's cost."
    )


def test_northwind_banks_years_do_not_add_up_as_shown_and_say_so() -> None:
    plan, _, rate = _planned("northwind-bank")
    rows = spend_rows(plan, rate)
    # 498, 571.5 and 344.5 person-months at USD 18,500: 9,213,000, 10,572,750 and 6,373,250,
    # shown as 26.15 million against the whole plan's 26,159,000.
    assert [(r.year, r.cost) for r in rows] == [
        ("2027", "USD 9.21 million"),
        ("2028", "USD 10.57 million"),
        ("2029", "USD 6.37 million"),
        ("The whole plan", "USD 26.16 million"),
    ]
    assert rows[-1].note == "Amounts are rounded, so the parts may not add up to the total."
    assert all(r.note is None for r in rows[:-1])


def test_the_years_end_with_the_work_to_the_horizon_when_the_target_needs_more() -> None:
    # Acme's Jun 2029 target needs work past the horizon: the summary's whole plan counts it
    # (EUR 9.84 million), so the table's last row, EUR 9.39 million, read as a second whole plan.
    from test_report_story import story_of

    story, _ = story_of("acme-retail")
    assert story.whole_plan is not None and "about EUR 9.84 million" in story.whole_plan
    assert (story.spend[-1].year, story.spend[-1].cost) == (
        "Planned to the horizon",
        "EUR 9.39 million",
    )
    meridian, _ = story_of("meridian-telecom")
    assert meridian.spend and meridian.spend[-1].year == "The whole plan"
