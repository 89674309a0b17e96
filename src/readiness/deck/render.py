"""Draw slide records onto a python-pptx presentation.

Text goes into the layout's placeholders (a consultant restyles it with the template); a chart
or a table takes the place and size of the body placeholder it replaces. Font sizes are chosen
with `fit` so that text stays inside its box; without the firm's template the theme's colour
marks the slides and its logo sits top right.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from pptx.enum.text import MSO_AUTO_SIZE

from readiness.deck.fit import clean_text, text_height
from readiness.deck.layouts import Layouts, Role
from readiness.deck.palette import Palette
from readiness.deck.slides import (
    ChartSlide,
    Column,
    HeatmapSlide,
    Point,
    Slide,
    TableSlide,
    TextSlide,
    TitleSlide,
    TwoColumnSlide,
)

if TYPE_CHECKING:
    from pptx.slide import Slide as PptxSlide
    from pptx.text.text import TextFrame

EMU = 914400
BODY_SIZES = (24, 22, 20, 18, 16, 14)
TITLE_SIZES = (32, 28, 26, 24, 22, 20)
TEXT_MARGIN_IN = 0.25
"""Room a placeholder keeps from its width for insets; bullets indent a further `INDENT_IN`."""
INDENT_IN = 0.4
CELL_MARGIN_IN = 0.08
POINT_GAP_PT = 8
DETAIL_GAP_PT = 2


class Box:
    """A rectangle on the slide, in EMU."""

    def __init__(self, left: int, top: int, width: int, height: int) -> None:
        self.left, self.top, self.width, self.height = left, top, width, height

    @property
    def width_in(self) -> float:
        return self.width / EMU

    @property
    def height_in(self) -> float:
        return self.height / EMU


def render_slide(
    record: Slide, layouts: Layouts, palette: Palette | None, created: dt.datetime
) -> None:
    """Add one slide for `record`; `palette` marks it when there is no firm template;
    `created` dates the workbook of a chart."""
    role: Role = {
        TitleSlide: "title",
        TextSlide: "content",
        TwoColumnSlide: "two",
        ChartSlide: "two",
        TableSlide: "content",
        HeatmapSlide: "content",
    }[type(record)]  # type: ignore[assignment]
    slide = layouts.presentation.slides.add_slide(layouts.layout(role))
    logo_left = None
    if palette is not None:
        logo_left = palette.mark(slide, layouts.presentation, cover=isinstance(record, TitleSlide))
    if (
        logo_left is not None
        and slide.shapes.title is not None
        and not isinstance(record, TitleSlide)
    ):
        # Read all four first: setting one writes the shape's own box, the others then 0.
        title = slide.shapes.title
        left, top = title.left or 0, title.top or 0
        width, height = title.width or 0, title.height or 0
        title.left, title.top = left, top
        title.width = min(width, logo_left - int(EMU * 0.15) - left)
        title.height = height
    if isinstance(record, TitleSlide):
        _title(slide, record.title, palette, sizes=(40, 36, 32, 28))
        first, *others = _bodies(slide, layouts, subtitle=True)
        for other in others:
            _take(other)
        if palette is not None and slide.shapes.title is not None:
            # The title is set left: the subtitle starts where it does, as wide.
            title = slide.shapes.title
            top, height = first.top or 0, first.height or 0
            first.left, first.top = title.left or 0, top
            first.width, first.height = title.width or 0, height
        lines = tuple(Point(line) for line in record.subtitle.split("\n"))
        _points(slide, first, (Column("", lines),), left=palette is not None)
    elif isinstance(record, TextSlide):
        _title(slide, record.title, palette)
        _points(slide, _one_body(slide, layouts), (Column("", record.points),))
    elif isinstance(record, TwoColumnSlide):
        _title(slide, record.title, palette)
        _columns(slide, layouts, record.left, record.right)
    elif isinstance(record, ChartSlide):
        _title(slide, record.title, palette)
        chart_box, side = _split(slide, layouts)
        from readiness.deck.charts import add_bar_chart

        add_bar_chart(slide, chart_box, record, palette, created)
        _points(slide, side, (record.side,))
    elif isinstance(record, TableSlide | HeatmapSlide):
        _title(slide, record.title, palette)
        area = _take(_one_body(slide, layouts))
        from readiness.deck.tables import add_heatmap, add_table

        if isinstance(record, TableSlide):
            add_table(slide, area, record, palette)
        else:
            add_heatmap(slide, area, record, palette or Palette.neutral())
    slide.notes_slide.notes_text_frame.text = clean_text(record.notes)


# --- placeholders -----------------------------------------------------------------------------


def _title(
    slide: PptxSlide,
    text: str,
    palette: Palette | None,
    sizes: tuple[int, ...] = TITLE_SIZES,
) -> None:
    """The slide's title placeholder (or, on a layout without one, a text box) holds `text`."""
    shape = slide.shapes.title
    if shape is None:
        width = (slide.part.package.presentation_part.presentation.slide_width or 0) - EMU
        shape = slide.shapes.add_textbox(EMU // 2, EMU // 3, width, int(EMU * 1.1))
    box = Box(shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0)
    frame = shape.text_frame
    frame.word_wrap = True
    # The layout may ask the viewer to shrink text that overflows; sizes are chosen here to
    # fit, and shrinking would make slides of one deck differ in size.
    frame.auto_size = MSO_AUTO_SIZE.NONE
    text = clean_text(text)
    size = _fitting(sizes, lambda s: text_height(text, box.width_in - TEXT_MARGIN_IN, s), box)
    frame.text = text
    from pptx.util import Pt

    for paragraph in frame.paragraphs:
        if palette is not None:
            from pptx.enum.text import PP_ALIGN

            paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size = Pt(size)
            if palette is not None:
                run.font.color.rgb = palette.rgb(palette.dark)


def _bodies(slide: PptxSlide, layouts: Layouts, *, subtitle: bool = False) -> list[Any]:
    """The slide's body placeholders left to right (a subtitle counts as a body when asked);
    on a layout without any, one text box below the title."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    kinds = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.CHART}
    kinds |= {PP_PLACEHOLDER.TABLE} | ({PP_PLACEHOLDER.SUBTITLE} if subtitle else set())
    found = [p for p in slide.placeholders if p.placeholder_format.type in kinds]
    if found:
        return sorted(found, key=lambda p: (p.left or 0, p.top or 0))
    presentation = layouts.presentation
    width, height = presentation.slide_width or 0, presentation.slide_height or 0
    return [slide.shapes.add_textbox(EMU // 2, int(EMU * 1.6), width - EMU, height - 2 * EMU)]


def _one_body(slide: PptxSlide, layouts: Layouts) -> Any:
    """The body of a one-body slide: the first body; any other the fallback layout has is
    removed, so no placeholder is left empty."""
    first, *others = _bodies(slide, layouts)
    for other in others:
        _take(other)
    return first


def _take(shape: Any) -> Box:
    """Remove a placeholder from the slide and give back the box it occupied."""
    box = Box(shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0)
    element = shape._element
    element.getparent().remove(element)
    return box


def _split(slide: PptxSlide, layouts: Layouts) -> tuple[Box, Any]:
    """Room for a chart and the placeholder for the text beside it: the two bodies of a
    two-column layout, or one body split 60:40."""
    bodies = _bodies(slide, layouts)
    if len(bodies) >= 2:
        for extra in bodies[2:]:
            _take(extra)
        return _take(bodies[0]), bodies[1]
    body = bodies[0]
    box = Box(body.left or 0, body.top or 0, body.width or 0, body.height or 0)
    chart_width = int(box.width * 0.6)
    # All four, so that a placeholder that inherited its place gets a whole one of its own.
    body.left, body.top = box.left + chart_width, box.top
    body.width, body.height = box.width - chart_width, box.height
    return Box(box.left, box.top, chart_width, box.height), body


def _columns(slide: PptxSlide, layouts: Layouts, left: Column, right: Column) -> None:
    """Two columns into the two bodies, or one after the other into a single body."""
    bodies = _bodies(slide, layouts)
    if len(bodies) >= 2:
        for extra in bodies[2:]:
            _take(extra)
        size = min(_size_for(bodies[0], (left,)), _size_for(bodies[1], (right,)))
        _points(slide, bodies[0], (left,), size=size)
        _points(slide, bodies[1], (right,), size=size)
    else:
        _points(slide, bodies[0], (left, right))


def _size_for(shape: Any, columns: tuple[Column, ...]) -> int:
    """The largest body size at which `columns` fit `shape`."""
    box = Box(shape.left or 0, shape.top or 0, shape.width or 0, shape.height or 0)
    return _fitting(BODY_SIZES, lambda s: _points_height(columns, box, s), box)


def _points(
    slide: PptxSlide,
    shape: Any,
    columns: tuple[Column, ...],
    *,
    left: bool = False,
    size: int | None = None,
) -> None:
    """Write `columns` into a placeholder: each heading bold and without a bullet, then one
    paragraph per point (its detail a second-level paragraph), at the largest size at which
    they fit its box; set `left` when asked (else as the layout aligns them)."""
    from pptx.util import Pt

    size = size or _size_for(shape, columns)
    frame: TextFrame = shape.text_frame
    frame.word_wrap = True
    # The layout may ask the viewer to shrink text that overflows; sizes are chosen here to
    # fit, and shrinking would make slides of one deck differ in size.
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.clear()
    lines = [
        (level, text, level < 0)
        for column in columns
        for level, text in [(-1, column.heading)]
        + [
            (lvl, t)
            for p in column.points
            for lvl, t in ((0, p.text), *((1, line) for line in p.detail.split("\n")))
        ]
        if text
    ]
    for index, (level, text, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.level = max(level, 0)
        run = paragraph.add_run()
        run.text = clean_text(text)
        run.font.size = Pt(_detail(size) if level == 1 else size)
        if bold:
            run.font.bold = True
            paragraph._p.get_or_add_pPr().insert(0, paragraph._p.makeelement(_qn("a:buNone")))
        paragraph.space_before = Pt(POINT_GAP_PT if index and level <= 0 else DETAIL_GAP_PT)
        if left:
            from pptx.enum.text import PP_ALIGN

            paragraph.alignment = PP_ALIGN.LEFT


def _qn(tag: str) -> str:
    from pptx.oxml.ns import qn

    return str(qn(tag))


def _detail(size: int) -> int:
    """A point's detail: up to 4 pt smaller than the point, never below 16 pt unless the point
    itself is (legible when projected)."""
    return max(min(size, 16), size - 4)


def _points_height(columns: tuple[Column, ...], box: Box, size: int) -> float:
    """Estimated height of `columns` at `size` in `box`, inches."""
    width = box.width_in - TEXT_MARGIN_IN
    total = 0.0
    for column in columns:
        if column.heading:
            total += text_height(column.heading, width, size) + POINT_GAP_PT / 72
        for point in column.points:
            total += text_height(point.text, width - INDENT_IN, size) + POINT_GAP_PT / 72
            for line in point.detail.split("\n") if point.detail else ():
                detail = text_height(line, width - 2 * INDENT_IN - 0.1, _detail(size))
                total += detail + DETAIL_GAP_PT / 72
    return total


def _fitting(sizes: tuple[int, ...], height: Any, box: Box) -> int:
    """The largest of `sizes` whose estimated height fits `box` (else the smallest)."""
    room = box.height_in * 0.92 - 0.1
    return next((s for s in sizes if height(s) <= room), sizes[-1])
