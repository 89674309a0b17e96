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


def _tall_plot(chart: Any, record: ChartSlide, box: Box) -> None:
    """Give the bars the height the chart has: left of them room for the longest category at
    `CHART_FONT_PT`, below them room for the axis title and the legend (a line a series when
    there are three, as viewers stack them). Left to itself a viewer sizes the plot, and
    LibreOffice leaves the bars half the height, too thin for their labels."""
    from pptx.oxml.ns import qn

    longest = max((len(clean_text(c)) for c in record.categories), default=0)
    # Half an em a character, and a margin: the category names are set in the chart's font.
    left = min(0.45, (longest * CHART_FONT_PT * 0.5 / 72 + 0.3) / box.width_in)
    lines = len(record.series) if len(record.series) > 2 else 1
    bottom = (0.4 + lines * CHART_FONT_PT * 1.25 / 72) / box.height_in
    area = chart._chartSpace.chart.plotArea
    for old in area.findall(qn("c:layout")):
        area.remove(old)
    layout = area.makeelement(qn("c:layout"), {})
    manual = layout.makeelement(qn("c:manualLayout"), {})
    place = {"x": left, "y": 0.08, "w": 0.95 - left, "h": max(0.3, 1 - 0.08 - bottom)}
    values = {"layoutTarget": "inner", "xMode": "edge", "yMode": "edge"}
    values |= {tag: f"{share:.4f}" for tag, share in place.items()}
    for tag, value in values.items():
        manual.append(manual.makeelement(qn(f"c:{tag}"), {"val": value}))
    layout.append(manual)
    area.insert(0, layout)


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
    _tall_plot(chart, record, box)
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.maximum_scale = record.axis_max
    axis.major_unit = 1 if record.axis_max <= 10 else record.axis_max / 5
    axis.has_major_gridlines = True
    axis.has_title = True
    axis.axis_title.text_frame.text = clean_text(record.axis_title)
    axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(LABEL_FONT_PT)
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
            if index == record.highlight:
                for category in record.muted:
                    bar = series.points[category].format.fill
                    bar.solid()
                    bar.fore_color.rgb = palette.rgb(palette.shade(0.45))
