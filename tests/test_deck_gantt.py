"""The roadmap slide (`readiness.deck.gantt`): the first wave as named bars by quarter, the
priorities first as P1, P2, P3, every other initiative counted in its workstream's row as the
report's lanes count them, and the milestones in their column."""

from __future__ import annotations

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
    """Acme Retail: a first wave of 11 of the plan's 52 initiatives, P1 starting after P2, P3."""
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
    numbers = [r.label.split(" · ")[0] for r in named if r.label.startswith("P")]
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
    # P1 starts after P2 and P3 and still comes first.
    assert slide.rows[1].label.startswith("P1 · ")
    assert _filled(slide.rows[1])[0] > _filled(slide.rows[2])[0]


def test_a_plan_of_one_wave_names_it_as_the_roadmap() -> None:
    meridian = example(ROOT / "examples" / "meridian-telecom")
    story = meridian.story
    assert story.roadmap is not None
    # Every initiative in one wave: the roadmap is the first wave.
    lanes = tuple(
        lane._replace(bars=tuple(b._replace(wave=1) for b in lane.bars))
        for lane in story.roadmap.lanes
    )
    roadmap = story.roadmap._replace(lanes=lanes)
    one = meridian._replace(story=story._replace(roadmap=roadmap))
    slide = roadmap_slide(one.story, roadmap)
    _check(slide, one)
    total = sum(len(lane.bars) for lane in roadmap.lanes)
    # Ten bars take no more rows than six and four workstream rows: every one is named.
    assert total == 10 and len(lanes) >= 4
    assert slide.title == f"The roadmap: {total} initiatives, {roadmap.start} – {roadmap.end}"
    assert len(slide.rows) == 1 + total + 1
