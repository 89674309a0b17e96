"""What a deck says, slide by slide, free of any presentation library.

`content` builds these records from the models; `render` draws them. Every string is the
client's text as it will read on the slide; `notes` is what the presenter reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TitleSlide:
    """The cover: title and subtitle (a line of it per newline)."""

    title: str
    subtitle: str
    notes: str


@dataclass(frozen=True)
class TextSlide:
    """A title and a list of points (a point may carry a second line of detail)."""

    title: str
    points: tuple[Point, ...]
    notes: str


@dataclass(frozen=True)
class Point:
    """A line of text and, below it, an optional smaller detail (a line per paragraph, lines
    separated by newlines)."""

    text: str
    detail: str = ""


@dataclass(frozen=True)
class Column:
    """One column of a two-column slide: a heading and its points."""

    heading: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class TwoColumnSlide:
    """A title and two columns of points side by side."""

    title: str
    left: Column
    right: Column
    notes: str


@dataclass(frozen=True)
class Series:
    """One series of a chart: its name and a value per category (None: no value)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartSlide:
    """A native bar chart (one bar per category and series) beside a column of points."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis_max: float
    axis_title: str
    side: Column
    notes: str
    highlight: int = 0
    """The series drawn in the strong colour (the others in a light tint)."""
    outline: int | None = None
    """The series drawn as outlined bars (the target), when there is one."""
    number_format: str = "0.0"
    """How the bars' values are labelled (an Excel number format)."""
    muted: tuple[int, ...] = ()
    """Categories whose bar of the `highlight` series does not hold the organization back: the
    others are outlined so that they stand out (every bar keeps its series' colour)."""


@dataclass(frozen=True)
class TableSlide:
    """A title and a table: a header row and rows of cells; `widths` are relative."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    notes: str
    footnote: str = ""


@dataclass(frozen=True)
class HeatCell:
    """A cell of the heat map: its text and its shade, 0 (lightest) to 1 (darkest)."""

    text: str
    shade: float | None


@dataclass(frozen=True)
class HeatRow:
    """A row of the heat map: its label and cells."""

    label: str
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True)
class HeatmapSlide:
    """A table whose cells are filled by value; `legend` says what the shades mean."""

    title: str
    rows: tuple[HeatRow, ...]
    legend: tuple[HeatCell, ...]
    notes: str
    footnote: str = ""
    label_weight: float = 1.2
    """The width of the label column against a cell's (1)."""
    name: str = "Heat map"
    """The table's shape name (what it is, for whoever edits the deck)."""


@dataclass(frozen=True)
class Slides:
    """A whole deck: its document properties and slides in order."""

    title: str
    author: str
    subject: str
    keywords: str
    slides: tuple[Slide, ...] = field(default_factory=tuple)


Slide = TitleSlide | TextSlide | TwoColumnSlide | ChartSlide | TableSlide | HeatmapSlide
