"""The geometry of the report's trend chart, and the helpers the charts share (markers, label
wrapping). The one-page roadmap's geometry is in `lanes`.

The numbers are worked out here, in Python, and the Jinja macros in `templates/charts.html.j2`
only draw what they are given, so templates keep no arithmetic. Charts are sized in CSS pixels
(1 unit = 1 px = 0.75 pt), so a font size of 10 prints at 7.5 pt whatever the paper. Every
series is told apart by shape, dash pattern or hatch and by a text label, never by colour
alone, so a grey-scale print reads the same.
"""

from __future__ import annotations

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
