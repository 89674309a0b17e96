"""The roadmap slide (`readiness.deck.gantt`): every initiative of a short plan is a bar across
the quarters it runs in, with its first and last month, the priorities numbered as the
priorities slide numbers them, and the milestones in their column."""

from __future__ import annotations

import pytest

from readiness.deck.gantt import BARS_SHOWN, _column_months, roadmap_slide
from test_deck_content import Example, example
from test_deck_points import ROOT


def test_columns_are_calendar_quarters_or_half_years() -> None:
    assert _column_months("2026-12", 17) == (
        3,
        [
            (-2, "Q4 2026"),
            (1, "Q1 2027"),
            (4, "Q2 2027"),
            (7, "Q3 2027"),
            (10, "Q4 2027"),
            (13, "Q1 2028"),
            (16, "Q2 2028"),
        ],
    )
    span, columns = _column_months("2026-12", 31)
    assert span == 6
    assert [label for _, label in columns] == [
        "H2 2026",
        "H1 2027",
        "H2 2027",
        "H1 2028",
        "H2 2028",
        "H1 2029",
    ]


@pytest.fixture(scope="module")
def meridian() -> Example:
    """The Meridian example: a plan of 10 initiatives."""
    return example(ROOT / "examples" / "meridian-telecom")


def test_every_initiative_of_a_short_plan_is_a_bar(meridian: Example) -> None:
    story = meridian.story
    roadmap = story.roadmap
    assert roadmap is not None
    bars = [b for lane in roadmap.lanes for b in lane.bars]
    assert len(bars) <= BARS_SHOWN
    slide = roadmap_slide(story, roadmap)
    header, *rows, milestones = slide.rows
    assert [c.text for c in header.cells][:2] == ["H1 2027", "H2 2027"]  # a plan over two years
    assert slide.title == f"The roadmap: {len(bars)} initiatives, {roadmap.start} – {roadmap.end}"
    titles = [r.label.split(" · ", 1)[-1] for r in rows]
    assert sorted(titles) == sorted(b.title for b in bars)
    # The priorities carry the numbers of the priorities slide.
    numbered = {
        r.label.split(" · ")[0]: r.label.split(" · ", 1)[1] for r in rows if " · " in r.label
    }
    assert numbered == {f"P{n}": p.title for n, p in enumerate(story.priorities, start=1)}
    for row in rows:
        bar = next(b for b in bars if b.title == row.label.split(" · ", 1)[-1])
        filled = [i for i, c in enumerate(row.cells) if c.shade is not None]
        # One bar, unbroken, whose first cell names the month it starts.
        assert filled == list(range(filled[0], filled[-1] + 1))
        assert row.cells[filled[0]].text.split("–")[0] == bar.when.split()[0]
        assert bar.when.split(" – ")[-1].split()[0] in row.cells[filled[-1]].text
    # Meridian plans toward its target from the last stage: every practice at the standard,
    # then the plan's end, each in its column.
    assert milestones.label.startswith("◆ ")
    assert [c.text for c in milestones.cells].count("◆") == len(roadmap.milestones) == 2
