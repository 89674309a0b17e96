"""The geometry of the report's SVG charts: radar, Gantt and trend.

The numbers are worked out here, in Python, and the Jinja macros in `templates/charts.html.j2`
only draw what they are given, so templates keep no arithmetic. Charts are sized in CSS pixels
(1 unit = 1 px = 0.75 pt), so a font size of 10 prints at 7.5 pt whatever the paper. Every
series is told apart by shape, dash pattern or hatch and by a text label, never by colour
alone, so a grey-scale print reads the same.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

CHAR_WIDTH = 0.5
"""Average advance of a Source Sans Pro character, in em; used to wrap labels."""

MARKERS = ("circle", "square", "triangle", "diamond", "cross", "ring")
DASHES = ("", "6 3", "2 2", "8 3 2 3", "1 3", "10 4")


def wrap(text: str, width_px: float, font_px: float, max_lines: int = 3) -> tuple[str, ...]:
    """Break `text` into lines that fit `width_px` at `font_px`; the last line ends in '…'
    when the text is longer than `max_lines` lines."""
    chars = max(4, int(width_px / (font_px * CHAR_WIDTH)))
    lines = textwrap.wrap(text, chars, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, chars - 1)].rstrip() + "…"
    return tuple(lines)


def _pt(x: float, y: float) -> str:
    return f"{x:.1f},{y:.1f}"


@dataclass(frozen=True)
class Marker:
    """A point marker: circles are drawn from (x, y), every other shape from its path `d`."""

    shape: str
    x: float
    y: float
    d: str


def marker(shape: str, x: float, y: float) -> Marker:
    """A marker of `shape` (one of MARKERS) centred on (x, y)."""
    if shape == "square":
        d = f"M{_pt(x - 2.8, y - 2.8)} H{x + 2.8:.1f} V{y + 2.8:.1f} H{x - 2.8:.1f} Z"
    elif shape == "triangle":
        d = f"M{_pt(x, y - 3.6)} L{_pt(x + 3.4, y + 2.6)} L{_pt(x - 3.4, y + 2.6)} Z"
    elif shape == "diamond":
        d = f"M{_pt(x, y - 3.8)} L{_pt(x + 3.8, y)} L{_pt(x, y + 3.8)} L{_pt(x - 3.8, y)} Z"
    elif shape == "cross":
        d = f"M{_pt(x - 3, y - 3)} L{_pt(x + 3, y + 3)} M{_pt(x - 3, y + 3)} L{_pt(x + 3, y - 3)}"
    else:
        d = ""
    return Marker(shape, round(x, 1), round(y, 1), d)


def diamond(x: float, y: float, size: float) -> str:
    """The points of a diamond centred on (x, y) reaching `size` from its centre."""
    return " ".join(
        _pt(px, py) for px, py in ((x, y - size), (x + size, y), (x, y + size), (x - size, y))
    )


# --- radar ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RadarInput:
    """One axis of a radar: a dimension, its value and the gate's requirement, as fractions of
    the attainable range (0 = centre, 1 = rim)."""

    title: str
    value: float | None
    value_text: str
    required: float | None
    required_text: str | None = None


@dataclass(frozen=True)
class RadarAxis:
    """One drawn axis: spoke end, label position and lines, value and requirement points."""

    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    lines: tuple[str, ...]
    value_text: str
    value_x: float
    value_y: float
    missing: bool
    required_x: float | None
    required_y: float | None
    required_diamond: str | None


@dataclass(frozen=True)
class RadarRing:
    """A concentric guide at one scale point, with its label on the first spoke."""

    points: str
    label: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class RadarChart:
    """Everything the radar macro draws."""

    width: int
    height: int
    cx: float
    cy: float
    axes: tuple[RadarAxis, ...]
    rings: tuple[RadarRing, ...]
    value_points: str
    required_points: str | None
    value_label: str
    required_label: str | None
    title: str


def radar_chart(
    inputs: Sequence[RadarInput],
    rings: Sequence[tuple[float, str]],
    *,
    value_label: str,
    required_label: str | None,
    title: str,
    width: int = 384,
    radius: float = 96,
) -> RadarChart:
    """Lay out a radar of at least three axes; `rings` are (fraction, label) guides. The height
    follows from where the axis labels fall, so none is ever clipped."""
    count = len(inputs)
    if count < 3:
        raise ValueError("a radar needs at least three axes")
    cx, font, line = width / 2, 10.0, 11.5

    def at(index: int, fraction: float, cy: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return cx + radius * fraction * math.cos(angle), cy + radius * fraction * math.sin(angle)

    # Labels are placed around a centre at y = 0 first; the chart is then shifted down so that
    # the highest label starts at the top edge.
    placed: list[tuple[float, float, str, tuple[str, ...]]] = []
    top, bottom = -radius, radius
    for index, item in enumerate(inputs):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        cos, sin = math.cos(angle), math.sin(angle)
        lx, ly = cx + (radius + 12) * cos, (radius + 12) * sin
        anchor = "start" if cos > 0.3 else "end" if cos < -0.3 else "middle"
        room = (width / 2 - radius - 16) if anchor != "middle" else 150
        lines = wrap(item.title, room, font, max_lines=2)
        total = len(lines) + 1
        if sin < -0.3:
            ly -= (total - 1) * line + 2
        elif sin > 0.3:
            ly += font
        else:
            ly -= (total - 1) * line / 2 - font / 3
        top = min(top, ly - font)
        bottom = max(bottom, ly + (total - 1) * line + 3)
        placed.append((lx, ly, anchor, lines))
    cy = -top + 4
    height = math.ceil(bottom - top + 8)
    axes = []
    for index, (item, (lx, ly, anchor, lines)) in enumerate(zip(inputs, placed, strict=True)):
        x, y = at(index, 1, cy)
        vx, vy = at(index, min(max(item.value or 0.0, 0.0), 1.0), cy)
        rx = ry = None
        if item.required is not None:
            rx, ry = at(index, min(max(item.required, 0.0), 1.0), cy)
        axes.append(
            RadarAxis(
                x=round(x, 1),
                y=round(y, 1),
                label_x=round(lx, 1),
                label_y=round(ly + cy, 1),
                anchor=anchor,
                lines=lines,
                value_text=item.value_text,
                value_x=round(vx, 1),
                value_y=round(vy, 1),
                missing=item.value is None,
                required_x=None if rx is None else round(rx, 1),
                required_y=None if ry is None else round(ry, 1),
                required_diamond=None if rx is None or ry is None else diamond(rx, ry, 3.4),
            )
        )
    ring_shapes = []
    for fraction, label in rings:
        points = " ".join(_pt(*at(i, fraction, cy)) for i in range(count))
        lx, ly = at(0, fraction, cy)
        ring_shapes.append(RadarRing(points, label, round(lx + 3, 1), round(ly - 2, 1)))
    complete = all(a.required_x is not None for a in axes)
    return RadarChart(
        width=width,
        height=height,
        cx=cx,
        cy=round(cy, 1),
        axes=tuple(axes),
        rings=tuple(ring_shapes),
        value_points=" ".join(_pt(a.value_x, a.value_y) for a in axes),
        required_points=(
            " ".join(_pt(a.required_x or 0, a.required_y or 0) for a in axes)
            if complete and required_label
            else None
        ),
        value_label=value_label,
        required_label=required_label if any(a.required_x is not None for a in axes) else None,
        title=title,
    )


# --- bars (the radar's stand-in for fewer than three dimensions) -------------------------------


@dataclass(frozen=True)
class Bar:
    """One horizontal bar with its requirement tick."""

    y: float
    lines: tuple[str, ...]
    width: float
    value_text: str
    required_x: float | None
    text_y: float
    tick_top: float
    tick_bottom: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, for frameworks with fewer than three dimensions."""

    width: int
    height: int
    plot_x: float
    plot_width: float
    bar_height: float
    label_x: float
    value_x: float
    axis_bottom: float
    bars: tuple[Bar, ...]
    value_label: str
    required_label: str | None
    title: str


def bar_chart(
    inputs: Sequence[RadarInput],
    *,
    value_label: str,
    required_label: str | None,
    title: str,
    width: int = 400,
) -> BarChart:
    """Lay out one bar per input, values as fractions of the attainable range."""
    plot_x, row, bar_height = 150.0, 34.0, 14.0
    plot_width = width - plot_x - 60
    bars = []
    for index, item in enumerate(inputs):
        value = min(max(item.value or 0.0, 0.0), 1.0)
        required = (
            None
            if item.required is None
            else round(plot_x + plot_width * min(max(item.required, 0.0), 1.0), 1)
        )
        y = 20 + index * row
        bars.append(
            Bar(
                y=y,
                lines=wrap(item.title, plot_x - 10, 10, max_lines=2),
                width=round(plot_width * value, 1),
                value_text=item.value_text,
                required_x=required,
                text_y=y + 10,
                tick_top=y - 4,
                tick_bottom=y + bar_height + 4,
            )
        )
    height = int(20 + len(inputs) * row + 14)
    return BarChart(
        width=width,
        height=height,
        plot_x=plot_x,
        plot_width=plot_width,
        bar_height=bar_height,
        label_x=plot_x - 8,
        value_x=plot_x + plot_width + 6,
        axis_bottom=height - 6,
        bars=tuple(bars),
        value_label=value_label,
        required_label=required_label if any(b.required_x is not None for b in bars) else None,
        title=title,
    )


# --- Gantt ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GanttItem:
    """One initiative to place on the Gantt chart (months are offsets from the plan start)."""

    id: str
    title: str
    stage: str
    start_month: int
    end_month: int
    in_progress: bool


@dataclass(frozen=True)
class GanttStage:
    """A stage: its title and the months its work spans."""

    id: str
    title: str


@dataclass(frozen=True)
class GanttMark:
    """A milestone: a stage expected to be reached at a month offset."""

    title: str
    month: int
    when: str
    reachable: bool


@dataclass(frozen=True)
class GanttRow:
    """A drawn row: a stage band (kind 'band') or an initiative bar (kind 'bar'), with every
    coordinate its label, bar and duration text need."""

    kind: str
    y: float
    height: float
    bottom: float
    lines: tuple[str, ...]
    label_y: float
    line_height: float
    bar_x: float
    bar_y: float
    bar_width: float
    in_progress: bool
    text: str
    text_inside: bool
    text_x: float
    text_y: float


@dataclass(frozen=True)
class GanttTick:
    """A time-axis division (a quarter or a year), with where its label goes."""

    x: float
    label_x: float
    label: str
    anchor: str = "middle"


@dataclass(frozen=True)
class GanttMilestone:
    """A drawn milestone: guide line, diamond and a label placed clear of its neighbours."""

    x: float
    y: float
    diamond: str
    lines: tuple[str, ...]
    reachable: bool
    anchor: str
    label_x: float
    label_y: float


@dataclass(frozen=True)
class GanttChart:
    """One page's worth of Gantt rows on the shared time axis."""

    width: int
    height: int
    plot_x: float
    plot_end: float
    axis_y: float
    bottom: float
    quarters: tuple[GanttTick, ...]
    years: tuple[GanttTick, ...]
    rows: tuple[GanttRow, ...]
    milestones: tuple[GanttMilestone, ...]
    milestone_title_y: float | None
    part: int
    parts: int


GANTT_FONT = 9.3
GANTT_LINE = 10.5
GANTT_BAND = 18.0
GANTT_HEADER = 34.0
MILESTONE_ROW = 24.0


def _calendar(start: str, offset: int) -> tuple[int, int]:
    year, month = (int(p) for p in start.split("-")[:2])
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def _milestones(
    marks: Sequence[GanttMark], x_of: Callable[[float], float], top: float, right: float
) -> tuple[list[GanttMilestone], int]:
    """Milestone diamonds on a shared line, labels stacked in as many rows as it takes for
    none to overlap another; returns them and the number of label rows."""
    font = 8.5
    rows: list[list[tuple[float, float]]] = []
    placed = []
    for mark in marks:
        x = x_of(mark.month)
        lines = (mark.title, mark.when)
        width = max(len(line) for line in lines) * font * CHAR_WIDTH + 4
        anchor = "end" if x + 8 + width > right else "start"
        span = (x - 8 - width, x + 2) if anchor == "end" else (x - 2, x + 8 + width)
        others = [x_of(m.month) for m in marks if m is not mark]
        row = next(
            (
                n
                for n, taken in enumerate(rows)
                if all(span[1] < a or span[0] > b for a, b in taken)
                # The first row sits beside the diamonds: keep clear of the other guide lines.
                and (n > 0 or not any(span[0] - 6 < o < span[1] + 6 for o in others))
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        placed.append((mark, x, lines, anchor, row))
    line_y = top + 8
    milestones = [
        GanttMilestone(
            x=x,
            y=line_y,
            diamond=f"{x},{line_y - 5} {x + 5},{line_y} {x},{line_y + 5} {x - 5},{line_y}",
            lines=lines,
            reachable=mark.reachable,
            anchor=anchor,
            label_x=round(x - 8 if anchor == "end" else x + 8, 1),
            label_y=round(line_y + 3 + row * MILESTONE_ROW, 1),
        )
        for mark, x, lines, anchor, row in placed
    ]
    return milestones, len(rows)


def gantt_charts(
    items: Sequence[GanttItem],
    stages: Sequence[GanttStage],
    marks: Sequence[GanttMark],
    *,
    start: str,
    months: int,
    width: int = 640,
    first_height: float = 700,
    page_height: float = 880,
) -> tuple[GanttChart, ...]:
    """Lay out the plan as Gantt charts on one calendar axis by quarter starting at `start`
    ("YYYY-MM"), rows grouped by stage, split so that the first chart fits in `first_height`
    pixels and each further one in `page_height` (a stage carried over repeats its band)."""
    months = max(months, max((i.end_month for i in items), default=1), 1)
    label_width = 236.0
    plot_x = label_width + 8
    plot_end = width - 4.0
    per_month = (plot_end - plot_x) / months

    def x_of(month: float) -> float:
        return round(plot_x + month * per_month, 1)

    quarters, years = _time_axis(start, months, x_of)
    Row = tuple[str, tuple[str, ...], GanttItem | None]
    rows: list[Row] = []
    for stage in stages:
        members = [i for i in items if i.stage == stage.id]
        if members:
            rows.append(("band", (stage.title.upper(),), None))
            rows += [("bar", wrap(i.title, label_width - 6, GANTT_FONT, 2), i) for i in members]

    def height_of(row: Row) -> float:
        return GANTT_BAND if row[0] == "band" else 7 + GANTT_LINE * len(row[1])

    _, label_rows = _milestones(marks, x_of, 0, plot_end)
    milestone_room = 22 + label_rows * MILESTONE_ROW if marks else 0.0
    chunks: list[list[Row]] = [[]]
    used, budget, band = GANTT_HEADER + 4, first_height, ""
    for index, row in enumerate(rows):
        if row[0] == "band":
            band = row[1][0]
        # A band is never the last row of a chart: it moves on with its first bar.
        need = height_of(row) + (height_of(rows[index + 1]) if row[0] == "band" else 0)
        last = index == len(rows) - 1
        if chunks[-1] and used + need + (milestone_room if last else 0) > budget:
            chunks.append([])
            used, budget = GANTT_HEADER + 4, page_height
            if row[0] == "bar":
                carried: Row = ("band", (f"{band} (CONTINUED)",), None)
                chunks[-1].append(carried)
                used += height_of(carried)
        chunks[-1].append(row)
        used += height_of(row)
    charts = []
    for part, chunk in enumerate(chunks, start=1):
        y = GANTT_HEADER + 4
        drawn = []
        for kind, lines, item in chunk:
            height = height_of((kind, lines, item))
            middle = y + height / 2
            label_y = round(middle - (len(lines) - 1) * GANTT_LINE / 2 + 3.2, 1)
            if item is None:
                drawn.append(
                    GanttRow(
                        kind,
                        y,
                        height,
                        y + height,
                        lines,
                        label_y,
                        GANTT_LINE,
                        0,
                        0,
                        0,
                        False,
                        "",
                        False,
                        0,
                        0,
                    )
                )
            else:
                x0, x1 = x_of(item.start_month), x_of(item.end_month)
                # Text on a hatched bar would be hard to read: it goes beside it.
                inside = (x1 - x0) >= 26 and not item.in_progress
                drawn.append(
                    GanttRow(
                        kind=kind,
                        y=y,
                        height=height,
                        bottom=round(y + height, 1),
                        lines=lines,
                        label_y=label_y,
                        line_height=GANTT_LINE,
                        bar_x=x0,
                        bar_y=round(middle - 5.5, 1),
                        bar_width=round(x1 - x0, 1),
                        in_progress=item.in_progress,
                        text=f"{item.end_month - item.start_month} mo",
                        text_inside=inside,
                        text_x=round((x0 + x1) / 2 if inside else x1 + 3, 1),
                        text_y=round(middle + 2.8, 1),
                    )
                )
            y += height
        milestones: list[GanttMilestone] = []
        title_y = None
        if part == len(chunks) and marks:
            milestones, _ = _milestones(marks, x_of, y + 6, plot_end)
            title_y = round(y + 6 + 8 + 3, 1)
            y += milestone_room
        charts.append(
            GanttChart(
                width=width,
                height=int(y + 4),
                plot_x=plot_x,
                plot_end=plot_end,
                axis_y=GANTT_HEADER,
                bottom=round(y, 1),
                quarters=quarters,
                years=years,
                rows=tuple(drawn),
                milestones=tuple(milestones),
                milestone_title_y=title_y,
                part=part,
                parts=len(chunks),
            )
        )
    return tuple(charts)


def _time_axis(
    start: str, months: int, x_of: Callable[[float], float]
) -> tuple[tuple[GanttTick, ...], tuple[GanttTick, ...]]:
    """Quarter and year divisions from `start` over `months` months."""
    quarters: list[GanttTick] = []
    spans: list[tuple[str, float, float]] = []
    offset = 0
    while offset < months:
        year, month = _calendar(start, offset)
        length = min(3 - (month - 1) % 3, months - offset)
        x0, x1 = x_of(offset), x_of(offset + length)
        quarters.append(GanttTick(x0, round((x0 + x1) / 2, 1), f"Q{(month - 1) // 3 + 1}"))
        if spans and spans[-1][0] == str(year):
            spans[-1] = (spans[-1][0], spans[-1][1], x1)
        else:
            spans.append((str(year), x0, x1))
        offset += length
    # A year with a month or two on the chart gets its label from its first line rightwards.
    years = tuple(
        GanttTick(x0, round((x0 + x1) / 2, 1), label)
        if x1 - x0 >= 30
        else GanttTick(x0, round(x0 + 2, 1), label, "start")
        for label, x0, x1 in spans
    )
    return tuple(quarters), years


# --- trend ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendInput:
    """One line of a trend chart: a label and a value per period (None: no score)."""

    label: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class TrendSeries:
    """A drawn line: its points, marker shape, dash pattern and end label."""

    label: str
    markers: tuple[Marker, ...]
    path: str
    marker: str
    dash: str
    key: Marker
    text_x: float
    label_y: float
    value_text: str


@dataclass(frozen=True)
class TrendTick:
    """An axis tick, and where its label's baseline goes."""

    position: float
    label: str
    label_at: float


@dataclass(frozen=True)
class TrendChart:
    """Everything the trend macro draws."""

    width: int
    height: int
    plot_x: float
    plot_y: float
    plot_width: float
    plot_height: float
    plot_right: float
    plot_bottom: float
    y_label_x: float
    x_ticks: tuple[TrendTick, ...]
    y_ticks: tuple[TrendTick, ...]
    series: tuple[TrendSeries, ...]
    title: str


def trend_chart(
    periods: Sequence[str],
    lines: Sequence[TrendInput],
    *,
    minimum: float,
    maximum: float,
    ticks: Sequence[tuple[float, str]],
    title: str,
    format_value: Callable[[float], str] = lambda v: f"{v:g}",
    width: int = 640,
    height: int = 250,
) -> TrendChart:
    """Lay out one line per input across the periods, on a fixed vertical range."""
    plot_x, plot_y = 34.0, 12.0
    label_room = 215.0
    plot_width = width - plot_x - label_room
    plot_height = height - plot_y - 26
    count = len(periods)
    span = maximum - minimum or 1.0

    def x_of(index: int) -> float:
        if count == 1:
            return plot_x + plot_width / 2
        return round(plot_x + 12 + (plot_width - 24) * index / (count - 1), 1)

    def y_of(value: float) -> float:
        return round(plot_y + plot_height * (1 - (value - minimum) / span), 1)

    label_x = round(plot_x + plot_width + 10, 1)
    ends: list[float] = []
    drafts = []
    for index, line in enumerate(lines):
        points = [(x_of(i), y_of(v)) for i, v in enumerate(line.values) if v is not None]
        path = " ".join(("M" if n == 0 else "L") + _pt(x, y) for n, (x, y) in enumerate(points))
        last = next((v for v in reversed(line.values) if v is not None), None)
        shape = MARKERS[index % len(MARKERS)]
        drafts.append((line, points, path, shape, "–" if last is None else format_value(last)))
        ends.append(points[-1][1] if points else plot_y + plot_height)
    baselines = _spread_labels(ends, gap=12.5, low=plot_y + 4, high=plot_y + plot_height + 4)
    series = [
        TrendSeries(
            label=line.label,
            markers=tuple(marker(shape, x, y) for x, y in points),
            path=path,
            marker=shape,
            dash=DASHES[index % len(DASHES)],
            key=marker(shape, label_x + 3, baseline - 3),
            text_x=round(label_x + 10, 1),
            label_y=baseline,
            value_text=shown,
        )
        for index, ((line, points, path, shape, shown), baseline) in enumerate(
            zip(drafts, baselines, strict=True)
        )
    ]
    return TrendChart(
        width=width,
        height=height,
        plot_x=plot_x,
        plot_y=plot_y,
        plot_width=round(plot_width, 1),
        plot_height=round(plot_height, 1),
        plot_right=round(plot_x + plot_width, 1),
        plot_bottom=round(plot_y + plot_height, 1),
        y_label_x=plot_x - 6,
        x_ticks=tuple(
            TrendTick(x_of(i), p, round(plot_y + plot_height + 16, 1))
            for i, p in enumerate(periods)
        ),
        y_ticks=tuple(TrendTick(y_of(v), label, round(y_of(v) + 3, 1)) for v, label in ticks),
        series=tuple(series),
        title=title,
    )


def _spread_labels(ends: list[float], *, gap: float, low: float, high: float) -> list[float]:
    """Label baselines near each line's end, moved apart so that none overlaps another."""
    order = sorted(range(len(ends)), key=lambda i: (ends[i], i))
    positions = [ends[i] for i in order]
    for n in range(1, len(positions)):
        positions[n] = max(positions[n], positions[n - 1] + gap)
    overflow = positions[-1] - high if positions else 0
    if overflow > 0:
        positions = [p - overflow for p in positions]
        for n in range(len(positions) - 2, -1, -1):
            positions[n] = min(positions[n], positions[n + 1] - gap)
    positions = [max(p, low) for p in positions]
    baselines = [0.0] * len(ends)
    for n, index in enumerate(order):
        baselines[index] = round(positions[n] + 3, 1)
    return baselines
