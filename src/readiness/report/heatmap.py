"""The heat map of a workshop's votes, placed: columns, rows, cells and their shades.

Every cell is placed here so that the macro in `heatmap.html.j2` only draws; the report's
"where leadership disagrees" section (`workshop`) builds its inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness.report.charts import wrap


@dataclass(frozen=True)
class HeatColumn:
    """A column of the heatmap: a dimension (or the overall score) and its header lines."""

    x: float
    width: float
    centre: float
    lines: tuple[str, ...]
    strong: bool


@dataclass(frozen=True)
class HeatCellView:
    """One drawn cell: its box, its shade and its text."""

    x: float
    y: float
    width: float
    height: float
    opacity: float
    text: str
    text_x: float
    text_y: float
    light_text: bool
    missing: bool


@dataclass(frozen=True)
class HeatRowView:
    """One drawn row: a respondent, or the workshop as a whole."""

    y: float
    height: float
    label_lines: tuple[str, ...]
    sub: str
    label_y: float
    cells: tuple[HeatCellView, ...]
    workshop: bool


@dataclass(frozen=True)
class HeatSpread:
    """The spread between respondents under one column."""

    x: float
    text: str
    strong: bool


@dataclass(frozen=True)
class HeatmapChart:
    """Everything the heatmap macro draws."""

    width: int
    height: int
    label_width: float
    header_height: float
    columns: tuple[HeatColumn, ...]
    rows: tuple[HeatRowView, ...]
    rule_y: float
    spread_y: float
    spread_label: str
    spreads: tuple[HeatSpread, ...]
    title: str


@dataclass(frozen=True)
class HeatInput:
    """A row to draw: its label, what it implies, and a (fraction, text) per column."""

    label: str
    sub: str
    values: tuple[tuple[float | None, str], ...]
    workshop: bool


def heatmap_chart(
    headers: Sequence[str],
    rows: Sequence[HeatInput],
    spreads: Sequence[tuple[str, bool]],
    *,
    title: str,
    spread_label: str,
    width: int = 640,
    label_width: float = 170,
    row_height: float = 30,
) -> HeatmapChart:
    """Lay out a grid of rows x columns; each value is a fraction of the attainable range
    (None: no score) shaded from pale to the theme colour, its text printed in the cell."""
    count = len(headers)
    column_width = (width - label_width) / count
    font = 9.0
    header_lines = [wrap(h, column_width - 10, font, max_lines=3) for h in headers]
    header_height = 12.0 + 11 * max(len(lines) for lines in header_lines)
    columns = tuple(
        HeatColumn(
            x=round(label_width + i * column_width, 1),
            width=round(column_width, 1),
            centre=round(label_width + (i + 0.5) * column_width, 1),
            lines=header_lines[i],
            strong=i == count - 1,
        )
        for i in range(count)
    )
    drawn: list[HeatRowView] = []
    y = header_height
    for row in rows:
        if row.workshop:
            y += 6
        label_lines = wrap(row.label, label_width - 12, 10, max_lines=2)
        height = max(row_height, 8 + 11 * len(label_lines) + 10)
        cells = []
        for column, (fraction, text) in zip(columns, row.values, strict=True):
            opacity = (
                0.0 if fraction is None else round(0.1 + 0.78 * max(0.0, min(1.0, fraction)), 3)
            )
            cells.append(
                HeatCellView(
                    x=round(column.x + 1, 1),
                    y=round(y + 1, 1),
                    width=round(column.width - 2, 1),
                    height=round(height - 2, 1),
                    opacity=opacity,
                    text=text,
                    text_x=column.centre,
                    text_y=round(y + height / 2 + 3.5, 1),
                    light_text=opacity > 0.56,
                    missing=fraction is None,
                )
            )
        drawn.append(
            HeatRowView(
                y=round(y, 1),
                height=round(height, 1),
                label_lines=label_lines,
                sub=row.sub,
                label_y=round(y + (height - 11 * (len(label_lines) + 1)) / 2 + 9, 1),
                cells=tuple(cells),
                workshop=row.workshop,
            )
        )
        y += height
    rule_y = round(y + 3, 1)
    spread_y = round(y + 17, 1)
    return HeatmapChart(
        width=width,
        height=round(y + 26),
        label_width=label_width,
        header_height=header_height,
        columns=columns,
        rows=tuple(drawn),
        rule_y=rule_y,
        spread_y=spread_y,
        spread_label=spread_label,
        spreads=tuple(
            HeatSpread(x=column.centre, text=text, strong=strong)
            for column, (text, strong) in zip(columns, spreads, strict=True)
        ),
        title=title,
    )
