"""Effort in money: the team's rate turns person-months into an amount, and without a rate the
report says person-months only."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from readiness.model import Assessment
from readiness.report.cost import (
    Rate,
    amount_words,
    basis_words,
    cost_words,
    money_parts,
    money_words,
    number_words,
    people,
    person_months,
    rate_words,
    team_rate,
    work_words,
)
from test_report_story import EXAMPLES, story_of


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        (12_500.0, "EUR 12,500"),  # below a million: exact, what a reader multiplies out
        (125_000.0, "EUR 125,000"),  # 10 person-months at Acme's rate, never "EUR 130,000"
        (187_500.0, "EUR 187,500"),
        (112_500.5, "EUR 112,501"),  # to the whole unit, halves up
        (999_999.4, "EUR 999,999"),
        (999_999.5, "EUR 1 million"),
        (2_231_250.0, "EUR 2.23 million"),  # from a million: to the nearest 10,000
        (9_762_500.0, "EUR 9.76 million"),
        (11_640_000.0, "EUR 11.64 million"),
        (123_456_789.0, "EUR 123.46 million"),
        (0.0, "EUR 0"),
    ],
)
def test_one_rounding_rule_for_money(amount: float, said: str) -> None:
    assert money_words(amount, "EUR") == said


@pytest.mark.parametrize(
    ("months", "rate", "parts", "whole"),
    [
        # Northwind: each part what its own months give (117 x 18,500 = 2,164,500: 2.16, not
        # moved to 2.17 to make the parts add up to the rounded whole).
        (
            (117, 164, 261),
            18_500,
            ("USD 2.16 million", "USD 3.03 million", "USD 4.83 million"),
            "USD 10.03 million",
        ),
        # Helios: a part below a million is exact, never "0.05 million".
        ((273, 4.5), 10_500, ("USD 2.87 million", "USD 47,250"), "USD 2.91 million"),
        # Acme: EUR 900,000, not "0.90 million"; the whole is the sum of the exact amounts.
        ((72, 43), 12_500, ("USD 900,000", "USD 537,500"), "USD 1.44 million"),
        # Acme's years: 3.16 + 3.43 + 2.71 = 9.30 against the whole's 9.29, and the note says so.
        (
            (252.5, 274, 216.5),
            12_500,
            ("USD 3.16 million", "USD 3.43 million", "USD 2.71 million"),
            "USD 9.29 million",
        ),
    ],
)
def test_each_part_is_what_its_own_months_cost(
    months: tuple[float, ...], rate: int, parts: tuple[str, ...], whole: str
) -> None:
    figures = [Decimal(str(m)) for m in months]
    priced = money_parts(figures, Rate(rate, "USD"))
    assert priced.parts == parts
    # Each part is said as any amount of the report is: its months at the rate, alone.
    assert priced.parts == tuple(money_words(float(m) * rate, "USD") for m in figures)
    assert priced.whole == whole == money_words(float(sum(figures)) * rate, "USD")
    # A rounded whole comes with the note that the parts may not add up to it.
    assert priced.note == "Amounts are rounded, so the parts may not add up to the total."


def test_parts_below_a_million_are_exact_and_need_no_note() -> None:
    priced = money_parts([Decimal(72), Decimal("3.5")], Rate(12_500, "EUR"))
    assert priced == (("EUR 900,000", "EUR 43,750"), "EUR 943,750", None)
    # At a rate with cents, amounts are said to the whole unit: then they may not add up.
    halves = money_parts([Decimal("0.5"), Decimal("0.5")], Rate(333_333, "GBP"))
    assert halves.parts == ("GBP 166,667", "GBP 166,667") and halves.whole == "GBP 333,333"
    assert halves.note is not None


def test_what_the_amounts_count() -> None:
    rate = Rate(12_500, "EUR")
    assert basis_words(rate) == (
        "Team effort at EUR 12,500 a person-month; software, cloud and contingency not included."
    )
    # Under a heading that says team effort, only what is left out.
    assert basis_words(rate, headed=True) == "No software, cloud or contingency."


def test_the_rate_is_said_as_agreed() -> None:
    assert rate_words(Rate(12_500, "EUR")) == "EUR 12,500 a person-month"
    assert rate_words(Rate(9_750.5, "GBP")) == "GBP 9,750.50 a person-month"


def test_work_is_costed_only_at_a_given_rate() -> None:
    assert work_words(776.4, None) == "776.4 person-months"
    assert work_words(Decimal(3), None) == "3 person-months"
    assert work_words(1, None) == "1 person-month"
    assert work_words(776.4, Rate(12_500, "EUR")) == "776.4 person-months (about EUR 9.71 million)"
    assert work_words(10, Rate(12_500, "EUR")) == "10 person-months (EUR 125,000)"
    assert cost_words(15, Rate(12_500, "EUR")) == "EUR 187,500"
    # Below a million, exact, never a fraction of a million.
    assert amount_words(72, Rate(12_500, "EUR")) == "EUR 900,000"
    assert amount_words(Decimal("4.5"), Rate(10_500, "EUR")) == "EUR 47,250"
    assert cost_words(3, None) is None


def test_team_sizes_and_person_months_are_shown_to_one_decimal_and_add_up() -> None:
    from types import SimpleNamespace

    assert people(1.5) == Decimal("1.5") and people(4.75) == Decimal("4.8")
    assert number_words(Decimal("1295.20")) == "1,295.2" and number_words(3.0) == "3"
    items = [
        SimpleNamespace(effort_fte=1.5, duration_months=2),
        SimpleNamespace(effort_fte=2.44, duration_months=3),
    ]
    # Each team as shown (1.5 and 2.4) times its months, summed: 3 + 7.2.
    assert person_months(items) == Decimal("10.2")


def test_the_rate_comes_from_the_delivery_team() -> None:
    base = {
        "framework": "mini@1.2.0",
        "organization": {"name": "Mini Co"},
        "period": "2026-Q4",
        "date": "2026-11-20",
        "assessor": "T. Ester",
    }
    assert team_rate(Assessment.model_validate(base)) is None
    assert team_rate(Assessment.model_validate({**base, "team": {"fte": 3}})) is None
    costed = {**base, "team": {"cost_per_fte_month": 9000, "currency": "GBP"}}
    assert team_rate(Assessment.model_validate(costed)) == Rate(9000, "GBP")


def _millions(person_months: str) -> float:
    """Person-months at Acme's EUR 12,500, in millions."""
    return float(person_months.replace(",", "")) * 12_500 / 1e6


def test_the_report_shows_cost_beside_effort_only_with_a_rate(tmp_path: Path) -> None:
    costed, _ = story_of("acme-retail")  # team: 12,500 EUR a person-month
    assert costed.effort is not None
    whole = re.match(r"([\d,.]+) person-months \(about EUR ([\d.]+) million\)", costed.effort)
    assert whole is not None, costed.effort
    assert _millions(whole[1]) == pytest.approx(float(whole[2]), rel=0.01)
    assert all(", EUR " in p.effort for p in costed.priorities)
    # The rate is said once, where money first appears: the headline's first wave.
    wave = re.search(
        r", ([\d,.]+) person-months of first-wave work \(about EUR ([\d.]+) million at EUR 12,500 "
        r"a person-month\)",
        costed.headline,
    )
    assert wave is not None, costed.headline
    assert _millions(wave[1]) == pytest.approx(float(wave[2]), rel=0.01)
    assert costed.headline.count("a person-month") == 1
    # The key facts lead with that ask, the headline's figures; the whole plan comes under it.
    assert costed.ask == f"Fund now: about EUR {wave[2]} million, Jan 2027 – Sep 2027"
    # Acme's Jun 2029 target comes only in Mar 2030, with work past the horizon: the whole
    # plan is the bill to that month, the figure the options under What it takes give "in
    # all", then what falls within the horizon (once "Whole plan: about EUR 9.29 million",
    # beside a Mar 2030 that then cost EUR 10.09 million; now EUR 9.84 million, 787
    # person-months, of which 751 to the horizon).
    assert costed.whole_plan == (
        f"Whole plan to Mar 2030: about EUR 9.84 million (about EUR {whole[2]} million by the "
        "horizon, Dec 2029), 24 people at peak"
    )
    assert costed.target_later == "Mar 2030"
    choices = costed.what_it_takes.choices if costed.what_it_takes else None
    assert choices is not None
    assert any(o.endswith("(about EUR 9.84 million) in all.") for o in choices.options)
    assert costed.what_it_takes is not None and "(about EUR " in costed.what_it_takes.effort
    # Northwind without its rate: no money invented.
    folder = tmp_path / "northwind-bank"
    folder.mkdir()
    text = (EXAMPLES / "northwind-bank" / "2026-Q4.yaml").read_text("utf-8")
    rate = "  cost_per_fte_month: 18500\n  currency: USD\n"
    assert rate in text
    (folder / "2026-Q4.yaml").write_text(text.replace(rate, ""), "utf-8")
    plain, _ = story_of(folder / "2026-Q4.yaml")
    assert plain.effort is not None and "person-months" in plain.effort
    told = [plain.effort, *(p.effort for p in plain.priorities)]
    assert not any("(EUR" in t or "USD" in t for t in told)
    assert plain.ask == "Fund now: 542 person-months, Jan 2027 – May 2028"
    assert plain.whole_plan == (
        "Whole plan to Dec 2030: 1,908.5 person-months (1,414 person-months by the horizon, Dec "
        "2029), 50 people at peak"
    )
    assert "542 person-months of first-wave work" in plain.headline
    # What the money buys, in person-months.
    assert plain.split == (
        "Of this, 67 person-months is for the minimum department scale requires and 246 "
        "person-months for 6 high-severity fixes and 1 live exposure contained until its lasting "
        "fix (from Dec 2027); 229 person-months goes to improvements from Feb 2027 that could "
        "wait without delaying department scale."
    )
    # Without money, no line on what the cost counts.
    assert not any("software, cloud" in n for n in plain.funding_notes)


def test_an_item_shows_its_person_months_beside_its_cost() -> None:
    costed, _ = story_of("acme-retail")  # team: 12,500 EUR a person-month
    for priority in costed.priorities:
        said = re.search(r"\(([\d,.]+) person-months?, EUR ([\d,]+)\)", priority.effort)
        assert said is not None, priority.effort
        months, cost = (float(v.replace(",", "")) for v in said.groups())
        # Below a million the arithmetic checks exactly at the rate said once.
        assert months * 12_500 == cost
