"""What it takes's table of the first wave's funded work: a row per part, named as the summary
names it, then the whole; the parts that could be phased are named with their cost when few."""

from __future__ import annotations

from readiness.report.cost import money_words, person_months
from readiness.report.funding_table import FundingRow, split_rows
from test_report_funding import _bundled


def test_acme_s_table_names_each_part_and_sums_to_the_first_wave() -> None:
    split, _, rate = _bundled("acme-retail")
    assert split_rows(split, rate) == (
        FundingRow("The minimum department scale requires", 8, "51.5", "EUR 643,750"),
        FundingRow("Fixing 2 high-severity findings", 2, "18", "EUR 225,000"),
        FundingRow("Improvements beyond the minimum", 7, "57.5", "EUR 718,750"),
        FundingRow(
            "The first wave",
            17,
            "127",
            "EUR 1.59 million",
            None,
            "Amounts are rounded, so the parts may not add up to the total.",
        ),
    )
    # Without a rate: the same rows in person-months, no cost and no rounding note.
    assert [(r.part, r.effort, r.cost, r.note) for r in split_rows(split, None)][-1] == (
        "The first wave",
        "127",
        None,
        None,
    )


def test_prerequisites_in_a_part_are_counted_on_its_row() -> None:
    split, _, rate = _bundled("northwind-bank")
    rows = {r.part: r for r in split_rows(split, rate)}
    assert rows["Fixing 5 high-severity findings"].detail == (
        "including 5 initiatives the others build on"
    )
    assert rows["The minimum department scale requires"].detail is None


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
