"""Native, editable bar charts: the data lives in the chart's own workbook, so a consultant
changes a number in PowerPoint and the bars follow.

The embedded workbook's creation date is the deck's date, not the clock, so that the same input
gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter

from readiness.deck.fit import clean_text
from readiness.deck.palette import WHITE
from readiness.deck.slides import ChartSlide

if TYPE_CHECKING:
    from pptx.slide import Slide

    from readiness.deck.palette import Palette
    from readiness.deck.render import Box

CHART_FONT_PT = 14
"""The chart's text: category names, legend, axis numbers (the deck's smallest body size)."""
LABEL_FONT_PT = 14
"""The values on the bars: a bar is at least as thick as a line of them, so none overprints."""


class _DatedWorkbookWriter(CategoryWorkbookWriter):  # type: ignore[misc]
    """Writes the chart's workbook with a fixed creation date."""

    def __init__(self, chart_data: CategoryChartData, created: dt.datetime) -> None:
        super().__init__(chart_data)
        self._created = created

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
        with super()._open_worksheet(xlsx_file) as (workbook, worksheet):
            workbook.set_properties({"created": self._created})
            yield workbook, worksheet


class DatedChartData(CategoryChartData):  # type: ignore[misc]
    """Category chart data whose embedded workbook carries `created` as its date."""

    def __init__(self, created: dt.datetime, number_format: str = "General") -> None:
        super().__init__(number_format=number_format)
        self._writer = _DatedWorkbookWriter(self, created)

    @property
    def _workbook_writer(self) -> CategoryWorkbookWriter:
        return self._writer


def _label_every_category(axis: Any) -> None:
    """Name every category: without a skip of 1 a viewer may leave out labels it finds
    crowded (LibreOffice names every other dimension)."""
    from pptx.oxml.ns import qn

    element = axis._element
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    # The schema's order: the skips come after the label offset, before the last two.
    after = element.find(qn("c:noMultiLvlLbl"))
    for tag in ("c:tickLblSkip", "c:tickMarkSkip"):
        skip = element.makeelement(qn(tag), {"val": "1"})
        if after is not None:
            after.addprevious(skip)
        else:
            element.append(skip)


LINE_EM = 1.25
"""A line of chart text, in em of its size."""


class _Layout:
    """Where the plot, the value axis's title and the legend go, as shares of the chart's box
    from its top left: the plot first, then the axis title on a line of its own, then the
    legend, a line a series (LibreOffice stacks a bottom legend's entries)."""

    def __init__(self, record: ChartSlide, box: Box) -> None:
        longest = max((len(clean_text(c)) for c in record.categories), default=0)
        # Half an em a character, and a margin: the category names are set in the chart's font.
        self.left = min(0.45, (longest * CHART_FONT_PT * 0.5 / 72 + 0.3) / box.width_in)
        line = CHART_FONT_PT * LINE_EM / 72 / box.height_in
        entries = len(record.series) if len(record.series) > 1 else 0
        self.legend_h = entries * line
        self.legend_y = 1 - 0.05 / box.height_in - self.legend_h
        self.title_h = LABEL_FONT_PT * LINE_EM / 72 / box.height_in
        self.title_y = self.legend_y - 0.04 / box.height_in - self.title_h
        self.top = 0.08
        # The bars end above the axis title, with a gap for the labels of the last category.
        self.height = max(0.3, self.title_y - 0.04 / box.height_in - self.top)


def _manual(element: Any, place: dict[str, float], target: bool = False) -> None:
    """Replace `element`'s layout with a manual one at `place` (shares of the chart's box)."""
    from pptx.oxml.ns import qn

    for old in element.findall(qn("c:layout")):
        element.remove(old)
    layout = element.makeelement(qn("c:layout"), {})
    manual = layout.makeelement(qn("c:manualLayout"), {})
    values = {"layoutTarget": "inner"} if target else {}
    values |= {"xMode": "edge", "yMode": "edge"}
    values |= {tag: f"{share:.4f}" for tag, share in place.items()}
    for tag, value in values.items():
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": value}))
    layout.append(manual)
    # The schema's order: a title's layout follows its text, a legend's its entries, a plot
    # area's comes first.
    anchor = None
    for tag in ("c:tx", "c:legendEntry", "c:legendPos"):
        found = element.findall(qn(tag))
        if found:
            anchor = found[-1]
            break
    if anchor is not None:
        anchor.addnext(layout)
    else:
        element.insert(0, layout)


def _tall_plot(chart: Any, record: ChartSlide, box: Box) -> None:
    """Give the bars the height the chart has, and the value axis's title and the legend each
    a place of their own below them (`_Layout`). Left to itself a viewer sizes the plot, and
    LibreOffice leaves the bars half the height, too thin for their labels, or prints the
    axis title over the legend."""
    place = _Layout(record, box)
    area = chart._chartSpace.chart.plotArea
    plot = {"x": place.left, "y": place.top, "w": 0.95 - place.left, "h": place.height}
    _manual(area, plot, target=True)
    if chart.value_axis.has_title:
        title = chart.value_axis.axis_title._title
        _manual(title, {"x": place.left, "y": place.title_y})
    if chart.has_legend:
        legend = chart._chartSpace.chart.legend
        _manual(legend, {"x": 0.02, "y": place.legend_y, "w": 0.96, "h": place.legend_h})


def add_bar_chart(
    slide: Slide, box: Box, record: ChartSlide, palette: Palette | None, created: dt.datetime
) -> None:
    """A clustered bar chart of `record`'s series in `box`, categories top to bottom in their
    order: values labelled on the bars, the axis from 0 to `record.axis_max`, a legend below."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.enum.dml import MSO_PATTERN
    from pptx.util import Pt

    data = DatedChartData(created, number_format=record.number_format)
    data.categories = [clean_text(c) for c in record.categories]
    for series in record.series:
        data.add_series(clean_text(series.name), series.values)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, box.left, box.top, box.width, box.height, data
    )
    frame.name = "Chart"
    chart = frame.chart
    chart.font.size = Pt(CHART_FONT_PT)
    chart.has_title = False
    chart.has_legend = len(record.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(CHART_FONT_PT)
    _label_every_category(chart.category_axis)
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.maximum_scale = record.axis_max
    axis.major_unit = 1 if record.axis_max <= 10 else record.axis_max / 5
    axis.has_major_gridlines = True
    axis.has_title = True
    axis.axis_title.text_frame.text = clean_text(record.axis_title)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(LABEL_FONT_PT)
    _tall_plot(chart, record, box)
    plot = chart.plots[0]
    plot.gap_width = 40
    plot.overlap = 0
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = record.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(LABEL_FONT_PT)
    if palette is not None:
        for index, series in enumerate(plot.series):
            colour = palette.primary if index == record.highlight else palette.light
            if index == record.outline:
                # A third series reads apart from the other two in grey too, and projected:
                # hatched in the primary on white inside a heavy outline.
                fill = series.format.fill
                fill.patterned()
                fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
                fill.fore_color.rgb = palette.rgb(palette.primary)
                fill.back_color.rgb = palette.rgb(WHITE)
                series.format.line.color.rgb = palette.rgb(palette.primary)
                series.format.line.width = Pt(2.25)
                continue
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = palette.rgb(colour)
            if index == record.highlight and record.muted:
                # Every bar keeps its series' colour, as the legend says it; those that hold
                # the organization back stand out by a dark outline (a lighter fill read as
                # another series).
                for category in range(len(record.categories)):
                    if category not in record.muted:
                        # A point's own format replaces the series': its fill is said again.
                        bar = series.points[category].format
                        bar.fill.solid()
                        bar.fill.fore_color.rgb = palette.rgb(colour)
                        line = bar.line
                        line.color.rgb = palette.rgb(palette.dark)
                        line.width = Pt(2.25)
