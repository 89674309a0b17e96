"""Fitting text to a terminal: a rich console that escapes control characters, tables that
never break a word or an id (records instead on a terminal too narrow for that), and plain
lines wrapped at words with wrapped lines indented."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table


def console(stderr: bool = False) -> Console:
    """A console for tables (stdout) or progress and messages (stderr); control characters in
    the text it prints are shown escaped (`readiness.printable`)."""
    from rich.console import Console
    from rich.segment import Segment

    from readiness.printable import printable

    class PrintableConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Iterator[Segment]:
            for segment in super().render(renderable, options):
                if segment.control or not segment.text:
                    yield segment
                else:
                    yield Segment(printable(segment.text), segment.style)

    # No emoji codes: a `:name:` in a client's text is printed as written.
    return PrintableConsole(stderr=stderr, highlight=False, soft_wrap=False, emoji=False)


def show_table(out: Console, table: Table) -> None:
    """Print `table` so that no word or id is broken: each column at least as wide as its
    longest word, the rest of the width shared by how much each column could use; on a
    terminal too narrow for that, one record per row instead (the first cell as its heading,
    then `Column: value` lines, wrapped lines indented)."""
    from rich.text import Text

    def plain(cell: object) -> str:
        if isinstance(cell, Text):
            return cell.plain
        return Text.from_markup(cell, emoji=False).plain if isinstance(cell, str) else ""

    from rich.cells import cell_len

    # A column with nothing in it (no notes on any row) takes no room.
    table.columns = [
        c for c in table.columns if any(plain(cell).strip() for cell in c.cells) or not c.header
    ]
    columns = table.columns
    cells = [[plain(cell) for cell in column.cells] for column in columns]
    headers = [plain(column.header) for column in columns]
    least = [
        max((cell_len(word) for text in [h, *texts] for word in text.split()), default=1)
        for h, texts in zip(headers, cells, strict=True)
    ]
    most = [
        max((cell_len(line) for text in [h, *texts] for line in text.splitlines()), default=1)
        for h, texts in zip(headers, cells, strict=True)
    ]
    frame = 3 * len(columns) + 1  # a border and one space either side of each cell
    room = out.width - frame
    if sum(least) > room:
        if table.title:
            say(out, plain(table.title), bold=True)
        _show_records(out, headers, cells)
        return
    spare = min(room, sum(most)) - sum(least)
    wants = [m - n for m, n in zip(most, least, strict=True)]
    total = sum(wants) or 1
    widths = [n + spare * w // total for n, w in zip(least, wants, strict=True)]
    left = min(room, sum(most)) - sum(widths)  # what the rounding down kept back
    for index in sorted(range(len(widths)), key=lambda i: widths[i] - most[i]):
        if left > 0 and widths[index] < most[index]:
            widths[index] += 1
            left -= 1
    for column, width in zip(columns, widths, strict=True):
        column.width = width
        column.min_width = None
        column.ratio = None
        column.overflow = "fold"
        column.no_wrap = False
    table.expand = False
    out.print(table)


def _show_records(out: Console, headers: Sequence[str], cells: Sequence[Sequence[str]]) -> None:
    for row in range(len(cells[0]) if cells else 0):
        first, *more = cells[0][row].splitlines() or [headers[0]]
        say(out, first, bold=True)
        for line in more:
            say(out, line, indent="  ")
        for header, column in zip(headers[1:], cells[1:], strict=True):
            value = "; ".join(line for line in column[row].splitlines() if line.strip())
            if value:
                say(out, f"{header}: {value}" if header else value, indent="  ")


def say(out: Console, text: str, *, indent: str = "", bold: bool = False) -> None:
    """Print plain `text` wrapped at words to the terminal's width, wrapped lines indented two
    more spaces than the first."""
    import textwrap

    from rich.text import Text

    lines = textwrap.wrap(
        text,
        width=max(20, out.width),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )
    out.print(Text("\n".join(lines) or indent, style="bold" if bold else ""), soft_wrap=True)
