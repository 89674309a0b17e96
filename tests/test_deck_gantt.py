"""The roadmap slide (`readiness.deck.gantt`): the first wave as named bars by quarter, the
priorities first as P1, P2, P3, every other initiative counted in its workstream's row as the
report's lanes count them, and the milestones in their column."""

from __future__ import annotations

import re

import pytest

from readiness.deck.gantt import NAMED_BARS, TimeColumn, roadmap_slide, time_columns
from readiness.deck.slides import HeatmapSlide, HeatRow
from readiness.report.story import LaneBar
from test_deck_content import ROOT, Example, example


def test_columns_are_quarters_while_the_first_wave_runs_then_years() -> None:
    # A first wave ending in plan month 10 (Oct 2027): quarters to the end of 2027, then years.
    assert time_columns("2026-12", 36, 10) == [
        TimeColumn(-2, 1, "Q4 2026"),
        TimeColumn(1, 4, "Q1 2027"),
        TimeColumn(4, 7, "Q2 2027"),
        TimeColumn(7, 10, "Q3 2027"),
        TimeColumn(10, 13, "Q4 2027"),
        TimeColumn(13, 25, "2028"),
        TimeColumn(25, 37, "2029"),
    ]
    # At most eight quarters; the rest of a year they leave is one column.
    labels = [c.label for c in time_columns("2027-01", 40, 39)]
    assert labels == [f"Q{q} {y}" for y in (2027, 2028) for q in (1, 2, 3, 4)] + ["2029", "2030"]
    assert [c.label for c in time_columns("2027-04", 40, 39)][8:] == ["Q2–Q4 2029", "2030"]
    # Every plan month is in exactly one column.
    columns = time_columns("2026-11", 31, 14)
    assert all(sum(c.start <= m < c.end for c in columns) == 1 for m in range(31))


@pytest.fixture(scope="module")
def acme() -> Example:
    """Acme Retail: a first wave of 20 of the plan's 51 initiatives, P2 starting after P3."""
    return example(ROOT / "examples" / "acme-retail")


def _filled(row: HeatRow) -> list[int]:
    return [i for i, c in enumerate(row.cells) if c.shade is not None]


def _check(slide: HeatmapSlide, example: Example) -> None:
    """The slide against the story's roadmap: named bars in the columns their months fall in,
    P1..P3 first, each workstream's row counting the rest of its lane."""
    story = example.story
    roadmap = story.roadmap
    assert roadmap is not None
    bars = {b.title: b for lane in roadmap.lanes for b in lane.bars}
    header, *rows, milestones = slide.rows
    columns = time_columns(
        roadmap.first,
        roadmap.months,
        max(b.end_month for b in bars.values() if b.wave == 1) - 1,
    )
    assert [c.text for c in header.cells] == [c.label for c in columns]
    named = [r for r in rows if ": " not in r.label or " · " in r.label]
    lanes = rows[len(named) :]
    # Six bars at most, unless a bar each takes no more rows than the workstreams would.
    assert 0 < len(named) <= NAMED_BARS or (len(named) == len(bars) and not lanes)
    # The priorities first, in their order, then first-wave work.
    # (an initiative's own title may begin with a P: `Put tested guardrails ...`)
    numbers = [r.label.split(" · ")[0] for r in named if re.match(r"P\d+ · ", r.label)]
    assert numbers == [f"P{n}" for n in range(1, len(story.priorities) + 1)]
    assert all(" · " in r.label for r in named[: len(numbers)])
    drawn: set[str] = set()
    for row in named:
        bar: LaneBar = bars[row.label.split(" · ", 1)[-1]]
        drawn.add(bar.title)
        assert bar.wave == 1 or bar.priority or len(named) == len(bars)
        expected = [
            i for i, c in enumerate(columns) if bar.start_month < c.end and bar.end_month > c.start
        ]
        assert _filled(row) == expected
    # Each workstream's row counts what it holds beyond the named bars, as the report's lane.
    by_lane = {lane.title: lane for lane in roadmap.lanes}
    for row in lanes:
        title, _, count = row.label.partition(": ")
        lane = by_lane[title]
        rest = [b for b in lane.bars if b.title not in drawn]
        total = f" of its {len(lane.bars)}" if len(rest) < len(lane.bars) else ""
        assert count == f"{len(rest)} more{total}"
    assert {r.label.partition(": ")[0] for r in lanes} == {
        lane.title for lane in roadmap.lanes if any(b.title not in drawn for b in lane.bars)
    }
    assert milestones.label.startswith("◆ ")
    for m in roadmap.milestones:
        column = next(i for i, c in enumerate(columns) if c.start <= max(m.month - 1, 0) < c.end)
        assert milestones.cells[column].text == "◆"


def test_the_first_wave_is_named_and_the_rest_counted_by_workstream(acme: Example) -> None:
    story = acme.story
    roadmap = story.roadmap
    assert roadmap is not None
    slide = roadmap_slide(story, roadmap)
    _check(slide, acme)
    total = sum(len(lane.bars) for lane in roadmap.lanes)
    wave = [b for lane in roadmap.lanes for b in lane.bars if b.wave == 1]
    start = min(wave, key=lambda b: b.start_month).when.split(" – ")[0]
    end = max(wave, key=lambda b: b.end_month).when.split(" – ")[-1]
    assert slide.title == (
        f"First wave: {len(wave)} initiatives, {start} – {end} ({NAMED_BARS} named); "
        f"{total - len(wave)} more to {roadmap.end}"
    )
    assert [r.label.split(" · ")[0] for r in slide.rows[1:4]] == ["P1", "P2", "P3"]


def test_the_priorities_are_drawn_by_number_not_by_start() -> None:
    northwind = example(ROOT / "examples" / "northwind-bank")
    # Northwind's priorities begin in three different months: numbered latest first, P1
    # starts after P2 and P3 and comes before them.
    story = northwind.story._replace(priorities=northwind.story.priorities[::-1])
    assert story.roadmap is not None
    slide = roadmap_slide(story, story.roadmap)
    starts = {b.title: b.start_month for lane in story.roadmap.lanes for b in lane.bars}
    first, second, third = (starts[p.title] for p in story.priorities)
    assert first > second > third
    assert [r.label for r in slide.rows[1:4]] == [
        f"P{n} · {p.title}" for n, p in enumerate(story.priorities, start=1)
    ]


def test_a_plan_of_one_wave_names_it_as_the_roadmap() -> None:
    meridian = example(ROOT / "examples" / "meridian-telecom")
    story = meridian.story
    assert story.roadmap is not None
    # Every initiative in one wave: the roadmap is the first wave. Meridian's 11 bars take
    # more rows than six named and the four workstream rows the other five need.
    lanes = tuple(
        lane._replace(bars=tuple(b._replace(wave=1) for b in lane.bars))
        for lane in story.roadmap.lanes
    )
    roadmap = story.roadmap._replace(lanes=lanes)
    one = meridian._replace(story=story._replace(roadmap=roadmap))
    slide = roadmap_slide(one.story, roadmap)
    _check(slide, one)
    assert sum(len(lane.bars) for lane in lanes) == 11
    assert slide.title == (
        f"The roadmap: 11 initiatives, {roadmap.start} – {roadmap.end} ({NAMED_BARS} named)"
    )
    assert len(slide.rows) == 1 + NAMED_BARS + 4 + 1
    # Without the last bar of the largest workstream, ten bars take no more rows than six
    # and four workstream rows: every one is named.
    largest = max(range(len(lanes)), key=lambda n: len(lanes[n].bars))
    fewer = list(lanes)
    fewer[largest] = lanes[largest]._replace(bars=lanes[largest].bars[:-1])
    roadmap = roadmap._replace(lanes=tuple(fewer))
    ten = meridian._replace(story=story._replace(roadmap=roadmap))
    slide = roadmap_slide(ten.story, roadmap)
    _check(slide, ten)
    assert slide.title == f"The roadmap: 10 initiatives, {roadmap.start} – {roadmap.end}"
    assert len(slide.rows) == 1 + 10 + 1
