"""Real PowerPoint tables: plain ones, and the heat map whose cells are filled by value.

Every row is as tall as its longest cell needs at the chosen font size, the size being the
largest at which the whole table fits the box it replaces. Heat-map cells print their value, so
the shade is never the only carrier of meaning, and the shades darken steadily so that they
read in grey as well as in colour.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readiness.deck.fit import clean_text, text_height, words_fit
from readiness.deck.palette import INK, MUTED, WHITE, Palette
from readiness.deck.slides import HeatmapSlide, TableSlide

if TYPE_CHECKING:
    from pptx.slide import Slide

    from readiness.deck.render import Box

EMU = 914400
SIZES = (20, 18, 16, 15, 14)
"""Table font sizes, largest first: the first at which the table fits and no word breaks; never
under 14 pt, the deck's smallest body text, which still reads projected and on a phone (a
slide holds less rather than smaller text)."""
MARGIN_IN = 0.08
ROW_PADDING_IN = 0.1
LEGEND_HEIGHT_IN = 0.45


def row_heights(rows: list[tuple[str, ...]], widths_in: list[float], size: int) -> list[float]:
    """Each row's height in inches: its tallest cell at `size`, plus padding."""
    return [
        max(
            text_height(text, w - 2 * MARGIN_IN, size)
            for text, w in zip(row, widths_in, strict=True)
        )
        + ROW_PADDING_IN
        for row in rows
    ]


def _layout(
    rows: list[tuple[str, ...]], weights: tuple[float, ...], box: Box, room_in: float
) -> tuple[int, list[float], list[float]]:
    """The font size, column widths and row heights (inches) at which `rows` fit `room_in`."""
    total = sum(weights)
    widths = [box.width_in * w / total for w in weights]
    for size in SIZES:
        heights = row_heights(rows, widths, size)
        whole = all(
            words_fit(text, w - 2 * MARGIN_IN, size)
            for row in rows
            for text, w in zip(row, widths, strict=True)
        )
        if sum(heights) <= room_in and whole:
            return size, widths, heights
    return SIZES[-1], widths, row_heights(rows, widths, SIZES[-1])


def _table(
    slide: Slide,
    box: Box,
    rows: list[tuple[str, ...]],
    weights: tuple[float, ...],
    room_in: float,
    name: str,
    *,
    tallest_in: float = 0.0,
    header: bool = True,
) -> tuple[Any, int]:
    """Add a table of `rows` (the first one the header) in `box`; give it and its font size.
    Rows share the room left over up to `tallest_in` each (all as tall when they can be)."""
    from pptx.util import Emu, Pt

    size, widths, heights = _layout(rows, weights, box, room_in)
    if tallest_in:
        even = min(tallest_in, room_in / len(rows))
        if all(h <= even for h in heights):
            heights = [even] * len(rows)
        else:
            # Some rows need more than an even share: each gets its own height and a share of
            # what is left, so the table still ends inside its box.
            spare = max(room_in - sum(heights), 0.0) / len(rows)
            heights = [h + min(spare, max(tallest_in - h, 0.0)) for h in heights]
    frame = slide.shapes.add_table(
        len(rows), len(weights), box.left, box.top, box.width, int(sum(heights) * EMU)
    )
    frame.name = name
    table = frame.table
    for index, width in enumerate(widths):
        table.columns[index].width = Emu(int(width * EMU))
    for index, height in enumerate(heights):
        table.rows[index].height = Emu(int(height * EMU))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Emu(int(MARGIN_IN * EMU))
            cell.margin_top = cell.margin_bottom = Emu(int(ROW_PADDING_IN / 2 * EMU))
            cell.text = clean_text(text)
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
                    run.font.bold = (header and r == 0) or None
    return table, size


def add_table(slide: Slide, box: Box, record: TableSlide, palette: Palette | None) -> None:
    """A table with a header row; without a firm template, the header in the theme's colour
    and alternate rows washed with it (a template's table style colours it otherwise)."""
    rows = [record.header, *record.rows]
    table, _ = _table(slide, box, rows, record.widths, box.height_in, "Table")
    if palette is None:
        return
    for r in range(len(rows)):
        fill = palette.primary if r == 0 else (palette.wash if r % 2 == 0 else WHITE)
        for c in range(len(record.header)):
            _fill(table.cell(r, c), fill, palette)


def add_heatmap(slide: Slide, box: Box, record: HeatmapSlide, palette: Palette) -> None:
    """The heat map: a label column, then one cell per item filled by its shade; a legend
    table of the shades below it when it has one."""
    columns = max(len(row.cells) for row in record.rows)
    rows = [
        (row.label, *(c.text for c in row.cells), *("",) * (columns - len(row.cells)))
        for row in record.rows
    ]
    weights = (record.label_weight, *(1.0,) * columns)
    room = box.height_in - (LEGEND_HEIGHT_IN + 0.15 if record.legend else 0.0)
    table, _ = _table(slide, box, rows, weights, room, record.name, tallest_in=1.2, header=False)
    table.first_row = False
    table.horz_banding = False
    for r, row in enumerate(record.rows):
        _fill(table.cell(r, 0), WHITE, palette, bold=True)
        for c in range(columns):
            cell = table.cell(r, c + 1)
            if c < len(row.cells) and row.cells[c].shade is not None:
                _fill(cell, palette.shade(row.cells[c].shade or 0.0), palette)
            else:
                _fill(cell, WHITE, palette, ink=MUTED)
    if not record.legend:
        return
    top = box.top + sum(int(table.rows[i].height) for i in range(len(rows))) + int(EMU * 0.15)
    from readiness.deck.render import Box as Area

    legend_box = Area(
        box.left,
        top,
        min(box.width, int(EMU * 2.3 * len(record.legend))),
        int(LEGEND_HEIGHT_IN * EMU),
    )
    legend, _ = _table(
        slide,
        legend_box,
        [tuple(c.text for c in record.legend)],
        tuple(1.0 for _ in record.legend),
        LEGEND_HEIGHT_IN,
        "Heat map legend",
    )
    legend.first_row = False
    legend.horz_banding = False
    for c, item in enumerate(record.legend):
        _fill(legend.cell(0, c), palette.shade(item.shade or 0.0), palette)


def _fill(
    cell: Any, colour: str, palette: Palette, *, ink: str | None = None, bold: bool | None = None
) -> None:
    """Fill a cell and colour its text to read on the fill."""
    cell.fill.solid()
    cell.fill.fore_color.rgb = palette.rgb(colour)
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.color.rgb = palette.rgb(ink or palette.ink_on(colour) or INK)
            if bold is not None:
                run.font.bold = bold
