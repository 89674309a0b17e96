"""The roadmap slide (`readiness.deck.gantt`): the first wave as named bars by quarter, the
priorities first as P1, P2, P3, every other initiative counted in its workstream's row by wave
and drawn dark where first-wave work runs, and each milestone in its column on a row of its
own."""

from __future__ import annotations

import re

import pytest

from readiness.deck.gantt import (
    LATER_SHADE,
    NAMED_BARS,
    WAVE_SHADE,
    TimeColumn,
    roadmap_slide,
    time_columns,
)
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
    marked = len(roadmap.milestones)
    header, *rows = slide.rows[: len(slide.rows) - marked]
    milestones = slide.rows[len(slide.rows) - marked :]
    columns = time_columns(
        roadmap.first,
        roadmap.months,
        max(b.end_month for b in bars.values() if b.wave == 1) - 1,
    )
    assert [c.text for c in header.cells] == [c.label for c in columns]
    named = [r for r in rows if ": " not in r.label or " · " in r.label]
    lanes = rows[len(named) :]
    # Three bars at most, unless a bar each takes no more rows than the workstreams would.
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
    # Each workstream's row counts what it holds beyond the named bars by wave, and is dark
    # wherever its first-wave work runs, light where only later work does: no first-wave
    # initiative reads as later work.
    by_lane = {lane.title: lane for lane in roadmap.lanes}
    ranks = {p.title for p in story.priorities}
    for row in lanes:
        title, _, count = row.label.partition(": ")
        rest = [b for b in by_lane[title].bars if b.title not in drawn]
        first = [b for b in rest if b.wave == 1 or b.title in ranks]
        later = [b for b in rest if b not in first]
        said = [f"{len(first)} first wave"] if first else []
        said += [f"{len(later)} later"] if later else []
        assert count == ", ".join(said)
        for c, (column, cell) in enumerate(zip(columns, row.cells, strict=True)):
            runs = [b for b in rest if b.start_month < column.end and b.end_month > column.start]
            shade = WAVE_SHADE if any(b in first for b in runs) else LATER_SHADE if runs else None
            assert cell.shade == shade, (row.label, c)
    assert {r.label.partition(": ")[0] for r in lanes} == {
        lane.title for lane in roadmap.lanes if any(b.title not in drawn for b in lane.bars)
    }
    # A row for each milestone, a line each, marked in its column.
    for m, row in zip(roadmap.milestones, milestones, strict=True):
        assert row.label == f"◆ {m.title}: {m.when}"
        column = next(i for i, c in enumerate(columns) if c.start <= max(m.month - 1, 0) < c.end)
        assert [c.text for c in row.cells] == [
            "◆" if i == column else "" for i in range(len(columns))
        ]


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
        f"First wave: {len(wave)} initiatives, {start} – {end}; "
        f"then {total - len(wave)} more to {roadmap.end}"
    )
    assert [r.label.split(" · ")[0] for r in slide.rows[1:4]] == ["P1", "P2", "P3"]
    # The key says what the shades mean: first-wave work is dark wherever it is drawn.
    assert (
        slide.rows[0].label == "Darkest: the priorities; dark: the first wave; light: later waves"
    )


def test_the_priorities_are_drawn_by_number_not_by_start() -> None:
    meridian = example(ROOT / "examples" / "meridian-telecom")
    # Meridian's priorities begin in three different months: numbered latest first, P1
    # starts after P2 and P3 and comes before them.
    story = meridian.story._replace(priorities=meridian.story.priorities[::-1])
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
    # more rows than three named and the workstream rows the other eight need.
    lanes = tuple(
        lane._replace(bars=tuple(b._replace(wave=1) for b in lane.bars))
        for lane in story.roadmap.lanes
    )
    roadmap = story.roadmap._replace(lanes=lanes)
    one = meridian._replace(story=story._replace(roadmap=roadmap))
    slide = roadmap_slide(one.story, roadmap)
    _check(slide, one)
    assert sum(len(lane.bars) for lane in lanes) == 11
    assert slide.title == (f"The roadmap: 11 initiatives, {roadmap.start} – {roadmap.end}")
    # One wave: no later waves to key.
    assert slide.rows[0].label == "Darkest: the priorities; dark: the rest of the plan"
    named = {r.label.split(" · ", 1)[-1] for r in slide.rows[1 : 1 + NAMED_BARS]}
    counted = sum(any(b.title not in named for b in lane.bars) for lane in lanes)
    assert len(slide.rows) == 1 + NAMED_BARS + counted + len(roadmap.milestones)
    # The priorities and a bar for each other workstream: the bars take no more rows than
    # three named and the workstream rows the others need, so every one is named.
    ranks = {p.title for p in story.priorities}
    single = tuple(
        lane._replace(bars=tuple(b for b in lane.bars if b.title in ranks) or lane.bars[:1])
        for lane in lanes
    )
    assert sum(len(lane.bars) for lane in single) > NAMED_BARS
    roadmap = roadmap._replace(lanes=single)
    few = meridian._replace(story=story._replace(roadmap=roadmap))
    slide = roadmap_slide(few.story, roadmap)
    _check(slide, few)
    assert slide.title == (
        f"The roadmap: {sum(len(lane.bars) for lane in single)} initiatives, "
        f"{roadmap.start} – {roadmap.end}"
    )
    assert len(slide.rows) == 1 + sum(len(lane.bars) for lane in single) + len(roadmap.milestones)
