"""The roadmap slide: every planned initiative on one page as a bar across the quarters (or
half-years, for a long plan) it runs in, the priorities numbered as the priorities slide
numbers them, and the stage milestones in their quarter.

Nothing is left out: the plan's whole shape is what the committee approves. The bars are
table cells filled by the palette, so the slide stays editable and reads in grey.
"""

from __future__ import annotations

from readiness.deck.slides import HeatCell, HeatmapSlide, HeatRow
from readiness.report.story import LaneBar, RoadmapStory, Story
from readiness.report.words import month_name, plural

BARS_SHOWN = 12
"""Initiatives drawn one bar each; a longer plan shows its priorities as bars and the rest
one row per workstream."""
QUARTERS_SHOWN = 8
"""Columns of a quarter each at most; a longer plan gets a column per half-year."""
PRIORITY_SHADE = 1.0
OTHER_SHADE = 0.45
MILESTONE_MARK = "◆"

Grid = tuple[int, list[tuple[int, str]]]
"""A column's length in months, and each column's first plan month and label."""


def _column_months(first: str, months: int) -> Grid:
    """The length in months of a column and each column's first month (plan months from 0)
    with its label, calendar-aligned: `Q4 2026`, or `H2 2026` for a long plan."""
    year, month = (int(part) for part in first.split("-"))
    quarters = (month - 1) % 3 + months
    span = 3 if quarters <= QUARTERS_SHOWN * 3 else 6
    # The first column starts at the calendar quarter (or half) the plan starts in.
    offset = (month - 1) % span
    columns = []
    start = -offset
    while start < months:
        index = year * 12 + month - 1 + start
        calendar_year, calendar_month = divmod(index, 12)
        part = calendar_month // span + 1
        columns.append((start, f"{'Q' if span == 3 else 'H'}{part} {calendar_year}"))
        start += span
    return span, columns


def _month(first: str, month: int) -> str:
    """The short name of plan month `month` (0 is `first`, YYYY-MM): `Dec`."""
    year, start = (int(part) for part in first.split("-"))
    calendar_year, calendar_month = divmod(year * 12 + start - 1 + month, 12)
    return month_name(f"{calendar_year}-{calendar_month + 1:02d}").split()[0]


def _bar_row(bar: LaneBar, label: str, shade: float, first: str, grid: Grid) -> HeatRow:
    """One initiative as a bar: its cells filled, its first cell naming its first month and its
    last cell its last month."""
    span, columns = grid
    running = [s for s, _ in columns if bar.start_month < s + span and bar.end_month > s]
    cells = []
    for start, _ in columns:
        months = [
            _month(first, bar.start_month) if start == running[0] else "",
            _month(first, bar.end_month - 1) if start == running[-1] else "",
        ]
        text = "–".join(dict.fromkeys(m for m in months if m)) if start in running else ""
        cells.append(HeatCell(text, shade if start in running else None))
    return HeatRow(label, tuple(cells))


def _lane_row(title: str, bars: list[LaneBar], grid: Grid) -> HeatRow:
    """A workstream's initiatives in one row: each cell filled where any runs, with how many."""
    span, columns = grid
    cells = []
    for start, _ in columns:
        running = sum(1 for b in bars if b.start_month < start + span and b.end_month > start)
        cells.append(HeatCell(str(running) if running else "", OTHER_SHADE if running else None))
    return HeatRow(f"{title}: {plural(len(bars), 'initiative')}", tuple(cells))


def roadmap_slide(story: Story, roadmap: RoadmapStory) -> HeatmapSlide:
    """The roadmap across its quarters: every initiative as a bar when there are at most
    `BARS_SHOWN`, else the priorities as bars and the rest one row per workstream, counting
    the initiatives running in each column; the milestones marked in their column."""
    grid = _column_months(roadmap.first, roadmap.months)
    span, columns = grid
    numbers = {p.title: n for n, p in enumerate(story.priorities, start=1)}
    bars = sorted(
        (bar for lane in roadmap.lanes for bar in lane.bars),
        key=lambda b: (b.start_month, b.end_month, b.title),
    )
    whole = len(bars) <= BARS_SHOWN
    key = "P1, P2…: the priorities, in darker bars" if numbers else ""
    if not whole:
        key += ("; " if key else "") + "other rows: initiatives running"
    rows = [HeatRow(key, tuple(HeatCell(label, None) for _, label in columns))]
    for bar in bars:
        number = numbers.get(bar.title)
        if number or whole:
            label = f"P{number} · {bar.title}" if number else bar.title
            shade = PRIORITY_SHADE if number else OTHER_SHADE
            rows.append(_bar_row(bar, label, shade, roadmap.first, grid))
    if not whole:
        for lane in roadmap.lanes:
            others = [b for b in lane.bars if b.title not in numbers]
            if others:
                rows.append(_lane_row(lane.title, others, grid))
    if roadmap.milestones:
        # A milestone's month is the end of the work it waits for: it falls in the month before.
        marks = [
            HeatCell(
                MILESTONE_MARK
                if any(start <= max(m.month - 1, 0) < start + span for m in roadmap.milestones)
                else "",
                None,
            )
            for start, _ in columns
        ]
        said = "; ".join(f"{m.title}: {m.when}" for m in roadmap.milestones)
        rows.append(HeatRow(f"{MILESTONE_MARK} {said}", tuple(marks)))
    notes = [f"{b.title}: {b.when}, {b.status}" for b in bars]
    notes += [f"{m.title}, {m.when}: {m.sentence}" for m in roadmap.milestones]
    notes += list(roadmap.not_reached)
    if roadmap.deferred:
        notes.append(f"{plural(roadmap.deferred, 'initiative')} deferred beyond the horizon.")
    return HeatmapSlide(
        f"The roadmap: {plural(len(bars), 'initiative')}, {roadmap.start} – {roadmap.end}",
        tuple(rows),
        (),
        "\n".join(notes),
        label_weight=len(columns) * 0.9,
        name="Roadmap",
    )
