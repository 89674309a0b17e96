"""The roadmap slide: the first wave as named bars by quarter, the priorities first (P1, P2, P3,
as the priorities slide numbers them), then the rest of the plan one row per workstream, and the
stage milestones in their column.

The columns are calendar quarters while the first wave runs (to the end of the year it ends in,
at most `MAX_QUARTERS`), then calendar years, so the work the committee funds now reads by
quarter and the years after it still fit. A workstream's row counts the initiatives it holds
beyond the named bars and how many the workstream has in all, as the report's roadmap lanes do.
The bars are table cells filled by the palette, so the slide stays editable and reads in grey.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.deck.slides import HeatCell, HeatmapSlide, HeatRow
from readiness.report.story import LaneBar, RoadmapStory, Story
from readiness.report.words import month_name, plural

NAMED_BARS = 3
"""Initiatives drawn by name at most (the priorities first); the rest go to their workstream's
row. An initiative's title takes two lines at 14 pt beside the quarters: three of them, six
workstreams and two milestones fill the slide."""
MAX_QUARTERS = 8
"""Quarter columns at most; the plan's later months are in calendar years."""
LABEL_ROOM = 18
"""The table's width in column widths: the label column takes what the time columns leave."""
PRIORITY_SHADE = 1.0
WAVE_SHADE = 0.75
LATER_SHADE = 0.35
MILESTONE_MARK = "◆"


class TimeColumn(NamedTuple):
    """A column of the roadmap: the plan months it covers (from `start`, up to `end`) and its
    label."""

    start: int
    end: int
    label: str


def time_columns(first: str, months: int, quarters_until: int) -> list[TimeColumn]:
    """Calendar quarters from the plan's first month (YYYY-MM) through the year in which plan
    month `quarters_until` falls (at most `MAX_QUARTERS`), then calendar years to the plan's end."""
    year, month = (int(part) for part in first.split("-"))
    base = year * 12 + month - 1
    last_year = (base + max(quarters_until, 0)) // 12
    columns: list[TimeColumn] = []
    start = -((month - 1) % 3)
    while start < months and len(columns) < MAX_QUARTERS and (base + start) // 12 <= last_year:
        calendar_year, calendar_month = divmod(base + start, 12)
        columns.append(TimeColumn(start, start + 3, f"Q{calendar_month // 3 + 1} {calendar_year}"))
        start += 3
    while start < months:
        calendar_year, calendar_month = divmod(base + start, 12)
        part = {0: "", 3: "Q2–Q4 ", 6: "H2 ", 9: "Q4 "}[calendar_month]
        columns.append(TimeColumn(start, start + 12 - calendar_month, f"{part}{calendar_year}"))
        start += 12 - calendar_month
    return columns


def plan_month(first: str, month: int) -> str:
    """Plan month `month` (0 is `first`, YYYY-MM) as the report names a month: `Dec 2026`."""
    year, start = (int(part) for part in first.split("-"))
    calendar_year, calendar_month = divmod(year * 12 + start - 1 + month, 12)
    return month_name(f"{calendar_year}-{calendar_month + 1:02d}")


def month_span(first: str, bars: list[LaneBar]) -> str:
    """The months `bars` run, `Jan 2027 – May 2028` (one month named once), from the plan's
    first month `first` (YYYY-MM)."""
    start = plan_month(first, min(b.start_month for b in bars))
    end = plan_month(first, max(b.end_month for b in bars) - 1)
    return start if start == end else f"{start} – {end}"


def _row(label: str, bars: list[LaneBar], shade: float, columns: list[TimeColumn]) -> HeatRow:
    """A row filled in every column where any of `bars` runs."""
    cells = [
        HeatCell("", shade)
        if any(b.start_month < c.end and b.end_month > c.start for b in bars)
        else HeatCell("", None)
        for c in columns
    ]
    return HeatRow(label, tuple(cells))


def _lane_row(
    title: str, rest: list[LaneBar], wave: list[LaneBar], columns: list[TimeColumn]
) -> HeatRow:
    """A workstream's initiatives not drawn by name, counted by wave (`Data foundations: 3 first
    wave, 2 later`, a line at 14 pt) and filled dark where its first-wave work runs, light where
    only later work does: first-wave work reads as first wave wherever it is drawn."""
    first = [b for b in rest if b in wave]
    later = [b for b in rest if b not in wave]
    counts = [f"{len(first)} first wave"] if first else []
    counts += [f"{len(later)} later"] if later else []
    dark, light = _row("", first, WAVE_SHADE, columns), _row("", later, LATER_SHADE, columns)
    cells = tuple(
        d if d.shade is not None else c for d, c in zip(dark.cells, light.cells, strict=True)
    )
    return HeatRow(f"{title}: {', '.join(counts)}", cells)


def _named(story: Story, roadmap: RoadmapStory) -> tuple[list[LaneBar], list[LaneBar]]:
    """The first wave in the order it is drawn (the priorities by number, then the rest by
    start), and the bars drawn by name: the first `NAMED_BARS` of the wave, or every bar of
    the plan when that takes no more rows than the workstream rows would."""
    ranks = {p.title: n for n, p in enumerate(story.priorities, start=1)}
    bars = [bar for lane in roadmap.lanes for bar in lane.bars]
    first = min((b.wave for b in bars), default=1)
    wave = [b for b in bars if b.wave == first or b.title in ranks]
    wave.sort(key=lambda b: (b.title not in ranks, ranks.get(b.title, 0), b.start_month, b.title))
    named = wave[:NAMED_BARS]
    drawn = {b.title for b in named}
    lanes = sum(any(b.title not in drawn for b in lane.bars) for lane in roadmap.lanes)
    if len(bars) <= len(named) + lanes:
        later = sorted((b for b in bars if b not in wave), key=lambda b: (b.start_month, b.title))
        named = wave + later
    return wave, named


def roadmap_slide(story: Story, roadmap: RoadmapStory) -> HeatmapSlide:
    """The first wave as named bars by quarter, the priorities first; every other initiative
    in its workstream's row; the milestones marked in their column."""
    ranks = {p.title: n for n, p in enumerate(story.priorities, start=1)}
    bars = [bar for lane in roadmap.lanes for bar in lane.bars]
    wave, named = _named(story, roadmap)
    wave_end = max((b.end_month for b in wave), default=roadmap.months)
    columns = time_columns(roadmap.first, roadmap.months, wave_end - 1)
    header = _key(ranks, wave, len(bars))
    rows = [HeatRow(header, tuple(HeatCell(c.label, None) for c in columns))]
    for bar in named:
        number = ranks.get(bar.title)
        label = f"P{number} · {bar.title}" if number else bar.title
        shade = PRIORITY_SHADE if number else WAVE_SHADE if bar in wave else LATER_SHADE
        rows.append(_row(label, [bar], shade, columns))
    drawn = {b.title for b in named}
    for lane in roadmap.lanes:
        rest = [b for b in lane.bars if b.title not in drawn]
        if rest:
            rows.append(_lane_row(lane.title, rest, wave, columns))
    for milestone in roadmap.milestones:
        # A milestone's month is the end of the work it waits for: it falls in the month before.
        month = max(milestone.month - 1, 0)
        marks = tuple(
            HeatCell(MILESTONE_MARK if c.start <= month < c.end else "", None) for c in columns
        )
        # A row each, a line each: the milestones stay on the slide however long the plan.
        rows.append(HeatRow(f"{MILESTONE_MARK} {milestone.title}: {milestone.when}", marks))
    return HeatmapSlide(
        _title(roadmap, wave, named),
        tuple(rows),
        (),
        _notes(roadmap, wave, bars),
        # The label column as wide as leaves each column room for `Q4 2026` in two lines.
        label_weight=min(len(columns) * 1.5, LABEL_ROOM - len(columns)),
        name="Roadmap",
    )


def _key(ranks: dict[str, int], wave: list[LaneBar], total: int) -> str:
    """What the shades mean, for the header row: only the kinds of row the slide has."""
    parts = ["darkest: the priorities"] if ranks else []
    whole = len(wave) == total
    if any(b.title not in ranks for b in wave):
        parts.append("dark: the rest of the plan" if whole else "dark: the first wave")
    if not whole:
        parts.append("light: later waves")
    said = "; ".join(parts)
    return said[:1].upper() + said[1:]


def _title(roadmap: RoadmapStory, wave: list[LaneBar], named: list[LaneBar]) -> str:
    """`First wave: 11 initiatives, Dec 2026 – Oct 2027; then 41 more to Nov 2029` (the rows
    count what is not drawn as a bar of its own: the title needs no count of the named)."""
    total = sum(len(lane.bars) for lane in roadmap.lanes)
    if len(wave) == total:
        return f"The roadmap: {plural(total, 'initiative')}, {roadmap.start} – {roadmap.end}"
    span = month_span(roadmap.first, wave)
    return (
        f"First wave: {plural(len(wave), 'initiative')}, {span}; "
        f"then {total - len(wave)} more to {roadmap.end}"
    )


def _notes(roadmap: RoadmapStory, wave: list[LaneBar], bars: list[LaneBar]) -> str:
    """Every initiative with its months and status, the first wave's first; the milestones,
    the stages not reached and what is deferred."""
    ordered = wave + sorted(
        (b for b in bars if b not in wave), key=lambda b: (b.start_month, b.title)
    )
    notes = [f"{b.title}: {b.when}, {b.status}" for b in ordered]
    notes += [f"{m.title}, {m.when}: {m.sentence}" for m in roadmap.milestones]
    notes += list(roadmap.not_reached)
    if roadmap.deferred:
        notes.append(f"{plural(roadmap.deferred, 'initiative')} deferred beyond the horizon.")
    return "\n".join(notes)
