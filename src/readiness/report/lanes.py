"""The one-page roadmap chart: workstream swimlanes by quarter, numbered bars, milestones.

Geometry only (the Jinja macro `lanes` in charts.html.j2 draws it). Bars carry a number and the
list beside the chart names them, so no title is ever clipped or struck through, whatever the
length of the plan; the chart scales its months to the page width and packs each lane's bars
into as few rows as they allow.
"""

from __future__ import annotations

import textwrap
from typing import NamedTuple

from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.story_plan import RoadmapStory

WIDTH = 660.0
LABEL_WIDTH = 118.0
LABEL_CHARS = 24
LABEL_LINE = 10.0
"""Height of one line of a lane label (the template steps its lines by this much)."""
"""Characters of a lane label per line at 8.5 pt semibold within LABEL_WIDTH."""
ROW = 13.0
ROW_GAP = 3.0
LANE_PAD = 3.0
AXIS = 34.0
CLEAR = 13.0
"""How far a quarter label's centre stays from a milestone diamond (6 wide each side) on its row."""
DIAMOND = 12.0
"""A milestone diamond's width: milestones of one month stand side by side, one diamond each."""
DIGIT = 4.6
"""Width of one digit of a bar's number (8 pt semibold); a milestone's line breaks around it."""
PRIORITY_DOT = 7.0
"""Room a priority's dot takes left of its bar's number."""
NUMBER_PAD = 2.0
# TRANSLATORS: the quarters of a year on the roadmap's time axis (a few characters wide).
QUARTER_NAMES = (N_("Q1"), N_("Q2"), N_("Q3"), N_("Q4"))


class LaneBarView(NamedTuple):
    """A numbered bar."""

    number: int
    x: float
    y: float
    width: float
    wave: int
    priority: bool
    in_progress: bool
    title: str
    when: str


class LaneView(NamedTuple):
    """A swimlane band and its label."""

    title: str
    y: float
    height: float
    label_y: float
    bars: tuple[LaneBarView, ...]
    lines: tuple[str, ...]
    """The label wrapped to the label column (a long workstream title never runs into bars)."""


class Tick(NamedTuple):
    """A quarter (or year) on the time axis."""

    x: float
    width: float
    label: str
    year: bool


class MilestoneMark(NamedTuple):
    """A milestone's dashed line and numbered diamond."""

    number: int
    x: float
    """Where the line stands: the milestone's month."""
    title: str
    when: str
    reachable: bool
    diamond_x: float
    """The diamond's centre: the month's, or beside another milestone of the same month."""
    segments: tuple[tuple[float, float], ...]
    """The line's pieces from top to bottom: it breaks where it would cross a bar's number."""


class LanesChart(NamedTuple):
    """The whole chart."""

    width: float
    height: float
    plot_x: float
    plot_width: float
    lanes: tuple[LaneView, ...]
    quarters: tuple[Tick, ...]
    years: tuple[Tick, ...]
    milestones: tuple[MilestoneMark, ...]
    title: str
    description: str
    label_line: float = LABEL_LINE

    @property
    def in_progress(self) -> bool:
        """Whether any bar is under way (the legend names the pattern only then)."""
        return any(bar.in_progress for lane in self.lanes for bar in lane.bars)


def _pack(spans: list[tuple[int, int]]) -> list[int]:
    """The row of each span (in order), first row where it fits after the previous bar."""
    ends: list[int] = []
    rows = []
    for start, end in spans:
        for row, last in enumerate(ends):
            if last <= start:
                ends[row] = end
                rows.append(row)
                break
        else:
            ends.append(end)
            rows.append(len(ends) - 1)
    return rows


def _number_box(bar: LaneBarView) -> tuple[float, float, float, float]:
    """The box (left, right, top, bottom) a bar's number takes, with a little room around it."""
    half = len(str(bar.number)) * DIGIT / 2 + NUMBER_PAD
    centre = bar.x + bar.width / 2
    # A priority's dot stands left of its number (charts.html.j2): the box takes it in.
    left = centre - half - (PRIORITY_DOT if bar.priority else 0)
    return (left, centre + half, bar.y, bar.y + ROW)


def _segments(
    x: float, top: float, bottom: float, boxes: list[tuple[float, float, float, float]]
) -> tuple[tuple[float, float], ...]:
    """A vertical line at `x` from `top` to `bottom`, broken around every box it would cross."""
    gaps = sorted((t, b) for left, right, t, b in boxes if left < x < right)
    pieces = []
    for gap_top, gap_bottom in gaps:
        if gap_top > top:
            pieces.append((top, gap_top))
        top = max(top, gap_bottom)
    if bottom > top:
        pieces.append((top, bottom))
    return tuple(pieces)


def _marks(
    story: RoadmapStory,
    plot_x: float,
    per_month: float,
    months: int,
    bottom: float,
    numbers: list[tuple[float, float, float, float]],
) -> tuple[MilestoneMark, ...]:
    """The milestones' lines and diamonds: milestones of one month share the line and stand
    side by side on the axis (kept inside the drawing), each with its own numbered diamond."""
    lines = [round(plot_x + min(m.month, months) * per_month, 1) for m in story.milestones]
    marks = []
    for index, (m, x) in enumerate(zip(story.milestones, lines, strict=True), start=1):
        same = [n for n, other in enumerate(lines, start=1) if other == x]
        first = x - (len(same) - 1) * DIAMOND / 2
        first -= max(0.0, first + (len(same) - 1) * DIAMOND + DIAMOND / 2 - WIDTH)
        marks.append(
            MilestoneMark(
                number=index,
                x=x,
                title=m.title,
                when=m.when,
                reachable=m.reachable,
                diamond_x=round(first + same.index(index) * DIAMOND, 1),
                segments=_segments(x, 30.0, bottom, numbers),
            )
        )
    return tuple(marks)


YEAR_WIDTH = 26
"""The width a year's label needs in full; a narrower year is labelled `’26`."""


def lanes_chart(story: RoadmapStory, words: Translator = ENGLISH) -> LanesChart:
    """Lay out the roadmap: lanes in story order, bars numbered lane by lane (`words`: the
    language the story was told in, and the chart's own words)."""
    plot_x = LABEL_WIDTH + 6
    plot_width = WIDTH - plot_x - 8  # room for the last milestone's diamond
    months = max(story.months, 1)
    per_month = plot_width / months
    year, month = (int(p) for p in story.first.split("-")[:2])
    y = AXIS
    lanes = []
    # The priorities keep their numbers (1 to 3, as the summary ranks them); the other bars
    # follow, lane by lane.
    number = max((b.rank for lane in story.lanes for b in lane.bars), default=0)
    for lane in story.lanes:
        rows = _pack([(b.start_month, b.end_month) for b in lane.bars])
        count = max(rows, default=0) + 1
        lines = tuple(textwrap.wrap(lane.title, LABEL_CHARS)) or (lane.title,)
        height = max(count * ROW + (count - 1) * ROW_GAP, len(lines) * LABEL_LINE) + 2 * LANE_PAD
        bars = []
        for bar, row in zip(lane.bars, rows, strict=True):
            if not bar.rank:
                number += 1
            bars.append(
                LaneBarView(
                    number=bar.rank or number,
                    x=round(plot_x + bar.start_month * per_month, 1),
                    y=round(y + LANE_PAD + row * (ROW + ROW_GAP), 1),
                    width=round(max((bar.end_month - bar.start_month) * per_month - 1.5, 14), 1),
                    wave=bar.wave,
                    priority=bar.priority,
                    in_progress=bar.status == words.gettext("in progress"),
                    title=bar.title,
                    when=bar.when,
                )
            )
        lanes.append(LaneView(lane.title, y, height, y + height / 2, tuple(bars), lines))
        y += height
    quarters: list[Tick] = []
    years: list[Tick] = []
    offset = 0
    while offset < months:
        calendar_month = (month - 1 + offset) % 12
        length = min(3 - calendar_month % 3, months - offset)
        quarter = words.gettext(QUARTER_NAMES[calendar_month // 3])
        x = plot_x + offset * per_month
        quarters.append(Tick(round(x, 1), round(length * per_month, 1), quarter, False))
        this_year = year + (month - 1 + offset) // 12
        if not years or years[-1].label != str(this_year):
            years.append(Tick(round(x, 1), 0.0, str(this_year), True))
        offset += length
    years = [
        Tick(
            t.x,
            round((years[i + 1].x if i + 1 < len(years) else plot_x + plot_width) - t.x, 1),
            t.label,
            True,
        )
        for i, t in enumerate(years)
    ]
    # A year too narrow for its four digits (a plan starting in its last month) still names
    # itself, shortened: every quarter on the axis has its year.
    years = [t._replace(label=f"’{t.label[-2:]}") if t.width < YEAR_WIDTH else t for t in years]
    numbers = [_number_box(bar) for lane in lanes for bar in lane.bars]
    marks = _marks(story, plot_x, per_month, months, round(y + 4, 1), numbers)
    quarters = [  # a quarter's label gives way to a milestone's diamond drawn on its row
        q._replace(label="")
        if any(abs(q.x + q.width / 2 - m.diamond_x) < CLEAR for m in marks)
        else q
        for q in quarters
    ]
    count = sum(len(lane.bars) for lane in lanes)
    said = [
        words.gettext(
            "milestone %(number)s, %(milestone)s, %(month)s",
            number=m.number,
            milestone=m.title,
            month=m.when,
        )
        for m in marks
    ]
    return LanesChart(
        width=WIDTH,
        height=round(y + 4, 1),
        plot_x=plot_x,
        plot_width=plot_width,
        lanes=tuple(lanes),
        quarters=tuple(quarters),
        years=tuple(years),
        milestones=marks,
        title=words.gettext("Roadmap by workstream and quarter"),
        description=words.ngettext(
            "%(num)s initiative in %(lanes)s workstreams from %(start)s to %(end)s; "
            "%(milestones)s. The numbered list beside the chart names every initiative.",
            "%(num)s initiatives in %(lanes)s workstreams from %(start)s to %(end)s; "
            "%(milestones)s. The numbered list beside the chart names every initiative.",
            count,
            lanes=len(lanes),
            start=story.start,
            end=story.end,
            milestones="; ".join(said),
        ),
    )
