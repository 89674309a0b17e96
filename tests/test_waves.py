"""The waves of the roadmap: one funded list on every page that shows the first wave."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from readiness.model import Framework
from readiness.pipeline import assess
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.report.context import ReportContext, build_context
from readiness.report.cost import number_words, person_months
from readiness.report.funding_labels import part_labels
from readiness.report.waves import MAX_FIRST_WAVE_MONTHS, MIN_WAVE_MONTHS, plan_waves, wave_lines
from readiness.report.words import month_name
from readiness.rules import evaluate_rules

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CLIENTS = (
    "acme-retail/2026-Q2.yaml",
    "acme-retail/2026-Q4.yaml",
    "helios-energy/2026-Q4.yaml",
    "lumen-insurance/2026-Q4.yaml",
    "meridian-telecom/2026-Q4.yaml",
    "northwind-bank/2026-Q4.yaml",
)


class Told(NamedTuple):
    framework: Framework
    plan: Plan
    context: ReportContext


@pytest.fixture(scope="module", params=CLIENTS)
def told(request: pytest.FixtureRequest) -> Told:
    assessed = assess(EXAMPLES / request.param)
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    context = build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        plan,
        generated=dt.date(2026, 12, 5),
    )
    return Told(loaded.framework, plan, context)


def test_waves_partition_the_plan_and_end_at_their_milestones(told: Told) -> None:
    waves = plan_waves(told.plan, told.framework)
    ids = [i.id for w in waves for i in w.initiatives]
    assert sorted(ids) == sorted(i.id for i in told.plan.initiatives)
    assert [w.number for w in waves] == list(range(1, len(waves) + 1))
    previous = 0
    for wave in waves:
        assert wave.initiatives
        if wave.end is None:
            assert wave is waves[-1] and not wave.reaches
            assert all(i.end_month > previous for i in wave.initiatives)
            continue
        # The work up to the milestone and after the previous one; the wave ends at it.
        assert all(previous < i.end_month <= wave.end.month for i in wave.initiatives)
        assert max(i.end_month for i in wave.initiatives) == wave.end.month
        assert max(i.end for i in wave.initiatives) == wave.end.date
        if wave.end.kind != "year":
            assert wave.reaches[-1] == wave.end
        previous = wave.end.month
    # A milestone closes a wave of its own only once the wave has run long enough, unless no
    # later milestone follows.
    closed = [w.end.month for w in waves if w.end is not None]
    for start, end in zip([0, *closed], closed[:-1], strict=False):
        assert end - start >= MIN_WAVE_MONTHS


def test_the_funded_list_is_the_first_wave_everywhere(told: Told) -> None:
    story = told.context.story
    first = plan_waves(told.plan, told.framework)[0]
    titles = {i.title for i in first.initiatives}
    # The first-wave pages.
    assert {c.title for c in told.context.first_wave} == titles
    # The roadmap's shading: wave 1 bars are the same list.
    assert story.roadmap is not None
    bars = [b for lane in story.roadmap.lanes for b in lane.bars]
    assert {b.title for b in bars if b.wave == 1} == titles
    # The priorities are first-wave work and the ask is led by the first of them.
    assert {p.title for p in story.priorities} <= titles
    assert f"led by “{story.priorities[0].title}”" in story.headline
    # The deck takes the decision as the headline's second sentence: it is the funding ask,
    # with the wave's count, its span and its person-months.
    sentences = story.headline.replace(". ", ".\n").splitlines()
    ask = sentences[1]
    assert ask.startswith(("Fund now the first wave, ", "Fund the plan now: "))
    assert f"the {len(titles)} initiatives " in ask or f": {len(titles)} initiatives" in ask
    assert f"{number_words(person_months(first.initiatives))} person-months" in ask
    end = max(first.initiatives, key=lambda i: i.end_month)
    assert re.search(rf"– {re.escape(_month(end.end))}, ", ask), ask
    # The appendix says what each initiative is for: wave 1 work outside the funding split's
    # minimum by its part, the rest from its wave, by the milestone the wave ends at, when it
    # ends at one.
    if first.end is not None and first.end.kind != "year":
        reach = _month(first.end.date)
        cards = (
            {c.title: c for c in told.context.roadmap.initiatives} if told.context.roadmap else {}
        )
        parts = part_labels(story.funding_split)
        for item in first.initiatives:
            goal = cards[item.title].stage
            if item.id in parts:
                assert goal == parts[item.id]
                assert goal.startswith(
                    ("fixes ", "contains ", "prepares ", "beyond the minimum")
                ), goal
                continue
            assert goal.startswith("for ") and re.search(r"\w{3} \d{4}$", goal), goal
            assert goal.endswith(reach) or any(
                goal.endswith(_month(b.date)) for b in first.reaches
            ), goal


def _month(label: str) -> str:
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    year, month = label.split("-")
    return f"{names[int(month) - 1]} {year}"


def test_a_first_milestone_two_years_out_leaves_the_first_wave_to_the_first_year() -> None:
    assessed = assess(EXAMPLES / "acme-retail" / "2026-Q2.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    # Acme in June 2026 is at pilot. Let the next gate hold only 30 months in, more than
    # MAX_FIRST_WAVE_MONTHS away, and no later one within the plan.
    month = 30
    assert 24 < month < plan.end_month and MAX_FIRST_WAVE_MONTHS == 24
    date = month_label(parse_month(plan.start) + month - 1)
    plan = plan._replace(
        milestones=tuple(
            m._replace(reachable=True, month=month, date=date)
            if m.stage == "pilot"
            else m._replace(reachable=False)
            for m in plan.milestones
        )
    )
    reached = [m for m in plan.milestones if m.reachable and m.stage == "pilot"]
    first, second = plan_waves(plan, loaded.framework)[:2]
    assert first.end is not None and first.end.kind == "year" and not first.reaches
    assert max(i.end_month for i in first.initiatives) <= 12
    assert second.end is not None and second.reaches == (second.end,)
    assert second.end.month == reached[0].month


def test_wave_captions_agree_with_the_bars_and_milestones(told: Told) -> None:
    # A caption names the milestone the later work ends after (its bars may start before it),
    # and says a wave overlaps the previous one exactly when its first bar starts first.
    waves = plan_waves(told.plan, told.framework)
    lines = wave_lines(told.plan, told.framework)
    reached = [b for w in waves for b in w.reaches]
    previous_end = 0
    for wave, line in zip(waves, lines, strict=True):
        assert "after the last milestone" not in line and "alongside" not in line
        first = min(i.start_month for i in wave.initiatives)
        overlaps = wave.number > 1 and first < previous_end
        assert line.endswith(f"; it starts while wave {wave.number - 1} runs") == overlaps, line
        previous_end = max(previous_end, *(i.end_month for i in wave.initiatives))
        if wave.end is None and reached and "toward" not in line:
            assert f"ends after the {month_name(reached[-1].date)} milestone" in line, line
            assert all(i.end_month > reached[-1].month for i in wave.initiatives)
    roadmap = told.context.story.roadmap
    assert roadmap is not None
    # The plan's last milestone says work is all done only when nothing waits past the horizon.
    titles = [m.title for m in roadmap.milestones]
    ends = "Work within the horizon complete" if told.plan.deferred else "All planned work complete"
    assert ("All planned work complete" in titles) == (
        ends == "All planned work complete" and ends in titles
    )
    assert told.plan.deferred or "Work within the horizon complete" not in titles
