"""What every workbook of the package shares: styles, text cells that never become formulas,
sizing, protection, print set-up, the metadata sheet and a deterministic save.

openpyxl is imported by the modules that build or read workbooks, inside the functions that
need it; this module imports it at the top because only those modules import this one.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_COLOUR = "1f4e79"

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""Characters that make a spreadsheet read a typed or imported text as a formula."""

_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
LEFT = Alignment(horizontal="left")
CENTRE_LINE = Alignment(horizontal="center")
"""Centred on the line of the cells beside it, for one-line values such as a check."""


def argb(colour: str) -> str:
    """`#1f4e79` as a spreadsheet colour, opaque: `FF1F4E79` (one given so stays as it is)."""
    digits = colour.lstrip("#").upper()
    return digits if len(digits) == 8 else "FF" + digits


def font(*, size: float = 11, **style: Any) -> Font:
    """The workbook's font (Calibri, as the body cells) with a style: without a name, a
    spreadsheet falls back to a font of its own choosing (LibreOffice: a serif)."""
    return Font(name="Calibri", size=size, **style)


def header_style(colour: str) -> tuple[Font, PatternFill]:
    """White bold text on the theme colour, for header rows."""
    return font(bold=True, color="FFFFFFFF"), PatternFill("solid", fgColor=argb(colour))


def header_row(
    ws: Worksheet, titles: Sequence[str], widths: Sequence[float], bold: Font, fill: PatternFill
) -> None:
    """Row 1 as wrapped header cells over columns of the given widths, tall enough to show
    every title in full."""
    for column, title in enumerate(titles, start=1):
        put_text(ws, 1, column, title, font=bold, fill=fill, alignment=WRAP)
    set_widths(ws, widths)
    # Bold headers are a little wider than body text: size them as if one character narrower.
    ws.row_dimensions[1].height = row_height(
        [(title, width - 1) for title, width in zip(titles, widths, strict=True)]
    )


def answer_fill() -> PatternFill:
    """The pale yellow that marks a cell the respondent fills in."""
    return PatternFill("solid", fgColor="FFFFF2CC")


def named_style(wb: Workbook, name: str, **style: Any) -> str:
    """A cell style of the workbook under `name`, added on first use (with the workbook's font
    unless `style` gives one). Setting a cell's `style` to the name costs one lookup, against
    one per attribute set one by one: what makes a sheet of many alike cells quick to build."""
    from openpyxl.styles import NamedStyle

    if name not in wb.named_styles:
        wb.add_named_style(NamedStyle(name=name, **{"font": font(), **style}))
    return name


def put_text(ws: Worksheet, row: int, column: int, text: str | None, **style: Any) -> None:
    """Write text that stays text: a value starting with `=`, `+`, `-` or `@` is stored as a
    string (never a formula) and shown with a quote prefix, so no spreadsheet runs it."""
    cell = ws.cell(row=row, column=column)
    if text is not None:
        cell.value = _CONTROL.sub("", text)
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    for name, value in style.items():
        setattr(cell, name, value)


def put_rich(
    ws: Worksheet, row: int, column: int, parts: Sequence[tuple[str, bool]], **style: Any
) -> None:
    """Write text made of parts, each bold or not (a rich-text string: never a formula)."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    bold = InlineFont(rFont="Calibri", sz=11, b=True)
    cell = ws.cell(row=row, column=column)
    cell.value = CellRichText(
        [TextBlock(bold, _CONTROL.sub("", text)) if strong else _CONTROL.sub("", text)
         for text, strong in parts if text]
    )  # fmt: skip
    for name, value in style.items():
        setattr(cell, name, value)


def put_value(ws: Worksheet, row: int, column: int, value: Any, **style: Any) -> None:
    """Write a number, a formula (a string starting with `=` built by this package) or nothing."""
    cell = ws.cell(row=row, column=column)
    cell.value = value
    for name, item in style.items():
        setattr(cell, name, item)


def month_words(value: object) -> str:
    """`2027-08` as `Aug 2027`; anything else as it is."""
    text = str(value or "")
    try:
        return dt.date(int(text[:4]), int(text[5:7]), 1).strftime("%b %Y")
    except ValueError:
        return text


def sheet_title(title: str, taken: Iterable[str]) -> str:
    """A valid, unused sheet name (at most 31 characters, none of `[]:*?/\\` and no control
    character)."""
    base = _SHEET_NAME_BAD.sub(" ", title).strip().strip("'")[:31] or "Sheet"
    used = {t.lower() for t in taken}
    name, number = base, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    return name


def row_height(texts: Sequence[tuple[str, float]], *, line: float = 14.0) -> float:
    """A row height (points) that shows every (text, column width) pair wrapped in full: the
    lines are counted as a spreadsheet wraps them, word by word, a word longer than the line
    (a long id) broken across lines."""
    lines = 1
    for text, width in texts:
        per_line = max(int(width * 1.25) - 2, 8)
        count = sum(_wrapped_lines(part, per_line) for part in text.split("\n"))
        lines = max(lines, count)
    return min(lines * line + 4, 409)


def _wrapped_lines(text: str, per_line: int) -> int:
    """How many lines of `per_line` characters a paragraph takes, wrapped at spaces."""
    lines, used = 0, per_line
    for word in text.split():
        if used + 1 + len(word) <= per_line:
            used += 1 + len(word)
        else:
            taken = math.ceil(len(word) / per_line)
            lines, used = lines + taken, len(word) - (taken - 1) * per_line
    return max(lines, 1)


def align_top(ws: Worksheet, *, first_row: int) -> None:
    """Top-align every cell from `first_row` down that has no vertical alignment yet, so a
    row's short values line up with the first line of its wrapped text."""
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            old = cell.alignment
            if old.vertical is None:
                cell.alignment = Alignment(
                    horizontal=old.horizontal, vertical="top", wrap_text=old.wrap_text
                )


def set_widths(ws: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in characters, from column A on."""
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def protect(ws: Worksheet) -> None:
    """Lock the sheet (no password: it guards against slips, not people); cells left unlocked
    stay editable, and columns and rows may still be resized."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def print_setup(ws: Worksheet, *, title_rows: str | None, landscape: bool = True) -> None:
    """A4, fit to the page width, header rows repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
    if ws.oddFooter is not None and ws.oddFooter.center is not None:
        ws.oddFooter.center.text = "&A - page &P of &N"


PRINTED_WIDTH = 170
"""The column widths (in characters) A4 landscape prints at 82% or more, which keeps 11-point
text at 9 points or more on paper."""


def fit_pages(ws: Worksheet) -> None:
    """Print the sheet as many pages wide as keeps its text at 9 points or more (see
    `PRINTED_WIDTH`), the first column repeated on each, rather than shrunk onto one."""
    from openpyxl.utils import get_column_letter

    widths = [
        ws.column_dimensions[get_column_letter(c)].width or 13 for c in range(1, ws.max_column + 1)
    ]
    pages = 1
    if sum(widths) > PRINTED_WIDTH:
        # Each page repeats the first column; a page breaks between whole columns, so leave
        # room for the widest column not to fit at the end of a page.
        room = PRINTED_WIDTH - widths[0] - max(widths[1:]) / 2
        pages = math.ceil((sum(widths) - widths[0]) / room)
    ws.page_setup.fitToWidth = pages
    if pages > 1:  # the rest of a row's columns on the very next page
        ws.print_title_cols = "A:A"
        ws.page_setup.pageOrder = "overThenDown"


def write_meta(wb: Workbook, title: str, rows: Sequence[tuple[str, str]]) -> Worksheet:
    """A very hidden metadata sheet: one key and value a row, all text."""
    ws: Worksheet = wb.create_sheet(title)
    for index, (key, value) in enumerate(rows, start=1):
        put_text(ws, index, 1, key)
        put_text(ws, index, 2, value)
    ws.sheet_state = "veryHidden"
    protect(ws)
    return ws


def save(wb: Workbook, *, when: dt.date, creator: str) -> bytes:
    """The workbook as xlsx bytes that depend on nothing but its content: fixed document dates
    and creator, and fixed timestamps on every part of the zip."""
    stamp = dt.datetime(when.year, when.month, when.day)
    creator = _CONTROL.sub("", creator)  # what XML cannot carry (an assessor's name is free)
    wb.properties.creator = creator
    wb.properties.lastModifiedBy = creator
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps `modified` with the clock when it saves, and the zip entries too.
    moment = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + moment.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(
                info.filename, date_time=(when.year, when.month, when.day, 0, 0, 0)
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()
