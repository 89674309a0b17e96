"""The summary's three priorities: first-wave work that serves the next stage and starts soon."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

import pytest

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.pipeline import assess
from readiness.plan.records import Plan, PlannedInitiative
from readiness.plan.roadmap import plan_roadmap
from readiness.report.priorities import SOON_MONTHS, choose, priorities, stage_blockers
from readiness.report.story_themes import Theme, themes
from readiness.report.waves import plan_waves
from readiness.rules import evaluate_rules
from readiness.score import Scorecard

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")


class Case(NamedTuple):
    framework: Framework
    scorecard: Scorecard
    plan: Plan
    wave: tuple[PlannedInitiative, ...]
    grouped: tuple[Theme, ...]


@functools.cache
def case(client: str) -> Case:
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    grouped = themes(results, loaded.framework, plan, assessed.scorecard, loaded.assessment)
    wave = plan_waves(plan, loaded.framework)[0].initiatives
    return Case(loaded.framework, assessed.scorecard, plan, wave, grouped)


def chosen_items(c: Case) -> list[PlannedInitiative]:
    by_title = {i.title: i for i in c.wave}
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    return [by_title[p.title] for p in found]


def serving(c: Case) -> set[str]:
    """First-wave work that raises what a blocker reads, or that such work waits for."""
    catalogue = {i.id: i for i in c.framework.initiatives}
    in_wave = {i.id: i for i in c.wave}
    closers = set()
    for blocker in stage_blockers(c.framework, c.scorecard, c.plan):
        for item in c.wave:
            raised = {t.name: t.value for t in raised_thresholds(catalogue[item.id])}
            for key, level in blocker.asks.items():
                today = c.scorecard.facts.get(key)
                if key in raised and (
                    raised[key] >= level if level is not None else raised[key] > (today or -1)
                ):
                    closers.add(item.id)
    found = set(closers)
    while True:
        more = {d for i in found for d in in_wave[i].depends_on if d in in_wave} - found
        if not more:
            return found
        found |= more


@pytest.mark.parametrize("client", BUNDLED)
def test_no_priority_starts_late_while_work_that_serves_the_next_stage_starts_sooner(
    client: str,
) -> None:
    c = case(client)
    chosen = chosen_items(c)
    assert len(chosen) == min(3, len(c.wave))
    early = [i for i in c.wave if i.id in serving(c) and i.start_month <= SOON_MONTHS]
    assert early, client
    # Helios's third priority started 13 months out, Meridian's 7; a chief executive reads
    # "priority" as "start now".
    assert all(i.start_month <= SOON_MONTHS for i in chosen), [(i.title, i.start) for i in chosen]
    # And each serves the next stage (or the last stage's standard) while such work is left.
    assert all(i.id in serving(c) for i in chosen), [i.title for i in chosen]


def test_northwind_priorities_start_the_work_on_the_practice_that_holds_its_stage() -> None:
    c = case("northwind-bank")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    # Operational monitoring fails outright; data quality is met only on a disputed answer.
    assert [(b.text, b.disputed) for b in blockers] == [
        ("operational monitoring at Defined", False),
        ("data quality at Repeatable", True),
    ]
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    # The monitoring work itself starts Dec 2027, after the serving it builds on; the first
    # priority starts that path now, and says why.
    monitoring = next(i for i in c.wave if i.id == "production-monitoring")
    assert monitoring.start_month > SOON_MONTHS
    first = next(i for i in c.wave if i.title == found[0].title)
    assert first.start_month == 0
    path = {"model-registry", "api-model-serving"}
    assert first.id in path
    assert found[0].why == (
        "Department scale needs operational monitoring at Defined (today Repeatable). "
        "What brings it builds on this."
    )
    # The disputed practice comes next, with its prerequisite (the data inventory).
    assert found[1].title == "Automate quality checks on the data feeding production models"
    assert (
        found[1].why
        == "Department scale needs data quality at Repeatable (today's answer disputed)."
    )


def test_each_term_gets_its_first_step_before_a_second_step_on_any() -> None:
    # Acme's department gate fails on three dimension levels and two practices: the three
    # priorities are the first steps of different terms, each starting in the first month.
    c = case("acme-retail")
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    needs = [p.why.rpartition("Department scale needs ")[2].split(" (today")[0] for p in found]
    assert len(set(needs)) == 3, needs
    assert all(i.start_month == 0 for i in chosen_items(c))


def test_the_overall_minimum_is_served_by_the_dimensions_that_hold_it() -> None:
    c = case("lumen-insurance")
    (blocker,) = stage_blockers(c.framework, c.scorecard, c.plan)
    # The overall score is the weakest section's: model and infrastructure tests hold it.
    assert {key.partition(".")[0] for key in blocker.asks} == {"model", "infrastructure"}
    assert all(i.dimension in ("model", "infrastructure") for i in chosen_items(c))


def test_at_the_last_stage_the_practices_below_its_standard_hold_it_back() -> None:
    c = case("meridian-telecom")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    assert len(blockers) == 5
    assert all(len(b.asks) == 1 and not b.disputed for b in blockers)
    chosen = chosen_items(c)
    # Releases gated on a risk approval (Aug 2027) served no practice below the standard.
    assert "release-approval-gate" not in [i.id for i in chosen]


def test_with_nothing_that_serves_the_next_stage_the_earliest_then_most_severe_work_leads() -> None:
    c = case("acme-retail")
    rank = {"high": 0, "medium": 1, "low": 2}
    chosen = choose(c.wave, (), c.grouped, c.framework, c.scorecard)
    first = sorted(c.wave, key=lambda i: (i.start_month, rank.get(i.severity or "", 3)))
    assert [ch.item.start_month for ch in chosen] == [i.start_month for i in first[:3]]
    assert all(ch.blocker is None for ch in chosen)


def test_late_work_is_a_priority_only_when_nothing_else_serves_the_next_stage() -> None:
    c = case("acme-retail")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    monitoring = tuple(b for b in blockers if b.text == "operational monitoring at Defined")
    # Monitoring alone, and the serving it builds on taken out of the wave: only the late
    # monitoring work serves it, so it is a priority.
    wave = tuple(i for i in c.wave if i.id != "api-model-serving")
    chosen = choose(wave, monitoring, c.grouped, c.framework, c.scorecard)
    assert chosen[0].item.id == "production-monitoring"
    assert chosen[0].item.start_month > SOON_MONTHS
    # With the serving in the wave, it is the step on the path that starts now.
    chosen = choose(c.wave, monitoring, c.grouped, c.framework, c.scorecard)
    assert chosen[0].item.id == "api-model-serving"
    assert chosen[0].path_to is not None and chosen[0].path_to.id == "production-monitoring"
    assert all(ch.item.start_month <= SOON_MONTHS for ch in chosen)
