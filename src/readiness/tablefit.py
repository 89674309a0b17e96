"""Fitting text to a terminal: bordered tables that never break a word or an id (records
instead on a terminal too narrow for that), plain lines wrapped at words, bold and dim text
on a terminal only.

Drawn with the standard library alone: a command that prints a table pays for no terminal
library. Text is a string or a tuple of styled spans (`bold("Overall")`), never markup, so
nothing a client wrote is read as formatting; control characters are shown escaped
(`readiness.printable`). The width is `COLUMNS` when set, else the terminal's (stdin, stdout
or stderr), else 80. Styles are written on a terminal (or with `FORCE_COLOR` set and not
empty) unless `TERM` is dumb; there are no colours, so `NO_COLOR` changes nothing.
"""

from __future__ import annotations

import errno
import itertools
import os
import re
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TextIO

Style = Literal["", "bold", "dim", "italic"]
Span = tuple[str, Style]
Text = str | tuple[Span, ...]
"""Text to show: a plain string, or spans each with its style."""

_CODES: dict[Style, str] = {"bold": "1", "dim": "2", "italic": "3"}
_WORD = re.compile(r"\s*\S+\s*")


def bold(text: str) -> tuple[Span, ...]:
    """`text` in bold."""
    return ((text, "bold"),)


def dim(text: str) -> tuple[Span, ...]:
    """`text` dimmed."""
    return ((text, "dim"),)


def spans(text: Text) -> tuple[Span, ...]:
    """`text` as spans (a plain string is one unstyled span)."""
    return ((text, ""),) if isinstance(text, str) else text


def plain(text: Text) -> str:
    """The characters of `text` without styles."""
    return text if isinstance(text, str) else "".join(part for part, _ in text)


def _shown(text: Text) -> str:
    """The characters of `text` as the terminal gets them (control characters escaped)."""
    from readiness.printable import printable

    return printable(plain(text))


def cell_len(text: str) -> int:
    """Columns `text` takes on a terminal: wide East Asian characters two, combining marks
    none."""
    if text.isascii():
        return len(text)
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


@dataclass(frozen=True)
class Line:
    """One line as styled runs, exactly `width` columns when padded."""

    runs: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(part for part, _ in self.runs)


def _lines(text: Text) -> list[list[tuple[str, Style]]]:
    """The lines of `text` (split at newlines), each a list of (character, style), control
    characters escaped."""
    from readiness.printable import printable

    lines: list[list[tuple[str, Style]]] = [[]]
    for part, style in spans(text):
        for index, piece in enumerate(part.split("\n")):
            if index:
                lines.append([])
            lines[-1].extend((c, style) for c in printable(piece.expandtabs(8)))
    return lines


def _breaks(line: str, width: int) -> list[int]:
    """Where to break `line` so that each piece fits `width` columns: before the word that
    does not fit (a word keeps the spaces after it), a word wider than a whole line cut."""
    found: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:
            pieces = _chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    found.append(start)
                start += len(piece)
            if start:
                found.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            found.append(start)
            offset = cell_len(word)
    return found


def _chop(word: str, width: int) -> list[str]:
    pieces = [""]
    for c in word:
        if pieces[-1] and cell_len(pieces[-1] + c) > width:
            pieces.append("")
        pieces[-1] += c
    return pieces


def wrap(text: Text, width: int, justify: Literal["", "left", "right"] = "") -> list[Line]:
    """`text` wrapped at words to `width` columns; with `justify` each line padded to
    exactly `width` (trailing spaces beyond the width dropped)."""
    out: list[Line] = []
    for chars in _lines(text):
        line = "".join(c for c, _ in chars)
        cuts = [0, *_breaks(line, width), len(chars)]
        for start, end in itertools.pairwise(cuts):
            piece = chars[start:end]
            while piece and piece[-1][0].isspace() and cell_len(_join(piece)) > width:
                piece = piece[:-1]
            if justify == "right":
                while piece and piece[-1][0].isspace():
                    piece = piece[:-1]
            pad = max(0, width - cell_len(_join(piece))) if justify else 0
            runs = _runs(piece)
            if justify == "right":
                runs = ((" " * pad, ""), *runs)
            elif pad:
                runs = (*runs, (" " * pad, ""))
            out.append(Line(runs))
    return out


def _join(chars: Sequence[tuple[str, Style]]) -> str:
    return "".join(c for c, _ in chars)


def _runs(chars: Sequence[tuple[str, Style]]) -> tuple[Span, ...]:
    runs: list[Span] = []
    for c, style in chars:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + c, style)
        else:
            runs.append((c, style))
    return tuple(runs)


@dataclass
class Table:
    """A table being filled: columns (a header each, right-aligned or not), rows of cells,
    and where a ruled line separates sections (`lines`: between every row)."""

    title: str = ""
    lines: bool = False
    headers: list[Text] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    rows: list[list[Text]] = field(default_factory=list)
    ends: set[int] = field(default_factory=set)

    def add_column(self, header: Text, *, right: bool = False) -> None:
        self.headers.append(header)
        self.right.append(right)

    def add_row(self, *cells: Text) -> None:
        self.rows.append(list(cells))

    def add_section(self) -> None:
        """A ruled line under the last row added."""
        self.ends.add(len(self.rows) - 1)


class Terminal:
    """Where tables and lines are printed: a stream, its width in columns, and whether it
    shows styles."""

    def __init__(self, stream: TextIO | None = None) -> None:
        given = stream if stream is not None else sys.stdout
        if given is None:
            # The process started with its standard output closed (`>&-`): said as the system
            # would say a write to it, on one line, by the command's error handling.
            raise OSError(errno.EBADF, "standard output is closed", "<stdout>")
        self.stream = given
        self.width = _width()
        force = os.environ.get("FORCE_COLOR")
        terminal = force != "" if force is not None else _isatty(self.stream)
        self.styled = terminal and os.environ.get("TERM", "").lower() not in ("dumb", "unknown")

    def write(self, lines: Sequence[Line]) -> None:
        """Each line, its styles shown when the terminal shows them."""
        for line in lines:
            self.stream.write("".join(self._styled(part, style) for part, style in line.runs))
            self.stream.write("\n")

    def _styled(self, part: str, style: Style) -> str:
        if not style or not self.styled or not part:
            return part
        return f"\x1b[{_CODES[style]}m{part}\x1b[0m"

    def print(self, text: Text) -> None:
        """`text` wrapped at words to the width, as it is otherwise."""
        self.write(wrap(text, self.width))

    def say(self, text: str, *, indent: str = "", style: Style = "") -> None:
        """Plain `text` wrapped at words to the width, wrapped lines indented two more
        spaces than the first."""
        from readiness.printable import printable

        lines = textwrap.wrap(
            printable(text),
            width=max(20, self.width),
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        self.write([Line(_runs([(c, style) for c in line])) for line in lines or [indent]])

    def table(self, table: Table) -> None:
        """`table` so that no word or id is broken: each column at least as wide as its
        longest word, the rest of the width shared by how much each column could use; on a
        terminal too narrow for that, one record per row instead (the first cell as its
        heading, then `Column: value` lines, wrapped lines indented)."""
        keep = [
            i
            for i, header in enumerate(table.headers)
            if not plain(header) or any(plain(row[i]).strip() for row in table.rows)
        ]
        headers = [table.headers[i] for i in keep]
        right = [table.right[i] for i in keep]
        rows = [[row[i] for i in keep] for row in table.rows]
        columns = [[_shown(h), *(_shown(row[i]) for row in rows)] for i, h in enumerate(headers)]
        least = [max((cell_len(w) for t in c for w in t.split()), default=1) for c in columns]
        most = [max((cell_len(n) for t in c for n in t.splitlines()), default=1) for c in columns]
        room = self.width - (3 * len(columns) + 1)  # a border and one space either side
        if sum(least) > room:
            if table.title:
                self.say(table.title, style="bold")
            self._records([plain(h) for h in headers], rows)
            return
        widths = _share(least, most, room)
        self.write(_draw(table.title, headers, right, rows, widths, table))

    def _records(self, headers: Sequence[str], rows: Sequence[Sequence[Text]]) -> None:
        for row in rows:
            first, *more = plain(row[0]).splitlines() or [headers[0]]
            self.say(first, style="bold")
            for line in more:
                self.say(line, indent="  ")
            for header, cell in zip(headers[1:], row[1:], strict=True):
                value = "; ".join(line for line in plain(cell).splitlines() if line.strip())
                if value:
                    self.say(f"{header}: {value}" if header else value, indent="  ")

    def grid(self, rows: Sequence[tuple[str, Text]]) -> None:
        """Two columns without borders: a right-aligned label that never wraps, and text
        wrapped to the rest of the width."""
        first = max((cell_len(label) for label, _ in rows), default=0)
        room = max(1, self.width - first - 1)
        most = max((cell_len(n) for _, t in rows for n in _shown(t).splitlines()), default=1)
        width = min(room, most)
        for label, text in rows:
            for index, line in enumerate(wrap(text, width, "left")):
                head = label.rjust(first) if index == 0 else " " * first
                self.write([Line(((head + " ", ""), *line.runs))])


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False


def _width() -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns):
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            size = os.get_terminal_size(descriptor).columns
        except (OSError, ValueError):
            continue
        if size:
            return size
    return 80


def _share(least: Sequence[int], most: Sequence[int], room: int) -> list[int]:
    """Column widths: each its `least`, the spare room shared by how much more each wants."""
    spare = min(room, sum(most)) - sum(least)
    wants = [m - n for m, n in zip(most, least, strict=True)]
    total = sum(wants) or 1
    widths = [n + spare * w // total for n, w in zip(least, wants, strict=True)]
    left = min(room, sum(most)) - sum(widths)  # what the rounding down kept back
    for index in sorted(range(len(widths)), key=lambda i: widths[i] - most[i]):
        if left > 0 and widths[index] < most[index]:
            widths[index] += 1
            left -= 1
    return widths


def _rule(widths: Sequence[int], left: str, line: str, cross: str, right: str) -> Line:
    return Line(((left + cross.join(line * (w + 2) for w in widths) + right, ""),))


def _row(
    cells: Sequence[Text], widths: Sequence[int], right: Sequence[bool], bar: str, style: Style
) -> list[Line]:
    wrapped = [
        wrap(_restyled(cell, style), w, "right" if r else "left")
        for cell, w, r in zip(cells, widths, right, strict=True)
    ]
    height = max(len(lines) for lines in wrapped)
    out: list[Line] = []
    for index in range(height):
        runs: list[Span] = [(bar, "")]
        for lines, w in zip(wrapped, widths, strict=True):
            cell = lines[index].runs if index < len(lines) else ((" " * w, ""),)
            runs.extend([(" ", ""), *cell, (" " + bar, "")])
        out.append(Line(tuple(runs)))
    return out


def _restyled(text: Text, style: Style) -> Text:
    """`text` with `style` on its unstyled spans (a header's bold)."""
    if not style:
        return text
    return tuple((part, own or style) for part, own in spans(text))


def _draw(
    title: str,
    headers: Sequence[Text],
    right: Sequence[bool],
    rows: Sequence[Sequence[Text]],
    widths: Sequence[int],
    table: Table,
) -> list[Line]:
    """The lines of a bordered table: a heavy frame around the header, light below it."""
    total = sum(widths) + 3 * len(widths) + 1
    lines = wrap(((title, "italic"),), total, "left") if title else []
    lines.append(_rule(widths, "┏", "━", "┳", "┓"))
    lines.extend(_row(headers, widths, right, "┃", "bold"))
    lines.append(_rule(widths, "┡", "━", "╇", "┩"))
    for index, row in enumerate(rows):
        lines.extend(_row(row, widths, right, "│", ""))
        if (table.lines or index in table.ends) and index < len(rows) - 1:
            lines.append(_rule(widths, "├", "─", "┼", "┤"))
    lines.append(_rule(widths, "└", "─", "┴", "┘"))
    return lines
