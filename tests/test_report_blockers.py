"""What holds an organization back from its next stage: the open requirements of its gate, and
the practices whose raising serves each."""

from __future__ import annotations

from priority_helpers import case
from readiness.report.blockers import stage_blockers


def test_northwind_fails_on_monitoring_and_holds_data_quality_only_on_a_disputed_answer() -> None:
    c = case("northwind-bank")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    assert [(b.text, b.today, b.disputed) for b in blockers] == [
        ("operational monitoring at Defined", "Repeatable", False),
        ("data quality at Repeatable", "Repeatable", True),
    ]


def test_a_dimension_level_is_served_only_by_its_practices_below_that_level() -> None:
    c = case("acme-retail")
    blockers = {b.text: b for b in stage_blockers(c.framework, c.scorecard, c.plan)}
    ethics = blockers["ethics, risk and governance at Repeatable overall"]
    assert ethics.today == "Ad hoc"
    # Accountability and model cards are at Repeatable already: raising them is not the way.
    assert "ethics.accountability" not in ethics.asks
    assert "ethics.documentation" not in ethics.asks
    assert (
        "infrastructure.serving"
        not in blockers["infrastructure and MLOps at Repeatable overall"].asks
    )
    facts = c.scorecard.facts
    for blocker in blockers.values():
        if len(blocker.asks) > 1:
            assert all((facts.get(key) or 0) < 2 for key in blocker.asks), blocker.text


def test_the_overall_minimum_is_read_through_the_dimensions_that_hold_it() -> None:
    c = case("lumen-insurance")
    (blocker,) = stage_blockers(c.framework, c.scorecard, c.plan)
    # The overall score is the weakest section's: model and infrastructure tests hold it.
    assert {key.partition(".")[0] for key in blocker.asks} == {"model", "infrastructure"}


def test_at_the_last_stage_the_practices_below_its_standard_hold_it_back() -> None:
    c = case("meridian-telecom")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    assert len(blockers) == 5
    assert all(len(b.asks) == 1 and not b.disputed for b in blockers)
