"""Text made safe to print: control characters from files never reach a terminal raw.

An organization name, a role, a key or a file name comes from a file someone else may have
written; a terminal control sequence (ESC), a carriage return, a line or paragraph separator
or a bidirectional override in it could rewrite what the user sees, and an invisible mark
(a zero-width space, a right-to-left mark) could make two different names look the same.
Every piece of text the command line prints goes through `printable` (or `printable_json` for
JSON), which writes each of them as its escape.

Text keeps its invisible marks: a right-to-left mark or a zero-width non-joiner belongs in
Arabic, Hebrew or Persian notes and names, and the report shows them as written. A key or an
id may not hold one (`invisible_mark` finds it): the loader refuses it where it is written.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""The invisible direction and formatting marks: the Arabic letter mark, zero-width space,
non-joiner and joiner, the left-to-right and right-to-left marks, the bidirectional embedding,
override and isolate characters, the word joiner and invisible operators, and a byte-order
mark inside text."""
# C0 and C1 controls (tab and newline excepted), DEL, line and paragraph separators, and the
# bidirectional embedding, override and isolate characters: what no line of text may hold.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile(_CONTROL.pattern[:-1] + "\t\n]")
_ESCAPED = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_MARKS}]")
"""What is never printed raw: the controls and every invisible mark."""
_INVISIBLE = re.compile(f"[{_MARKS}]")


def invisible_mark(text: str) -> str | None:
    """The first invisible direction or formatting mark in `text`, named for a message
    (`U+202E (right-to-left override)`); None when it holds none."""
    # Every mark is outside ASCII, and whether a string is ASCII is known without reading it:
    # most files are, and the loader asks this of every file it reads.
    found = None if text.isascii() else _INVISIBLE.search(text)
    if found is None:
        return None
    mark = found.group()
    return f"U+{ord(mark):04X} ({unicodedata.name(mark, 'format character').lower()})"


def control_character(text: str, *, one_line: bool = False) -> str | None:
    """The first character no typed text may hold, None when it holds none: a control, a line
    or paragraph separator or a bidirectional control (tab and newline are text, unless the
    text is shown on `one_line`)."""
    found = (_CONTROL_OR_BREAK if one_line else _CONTROL).search(text)
    return None if found is None else found.group()


def printable(text: str) -> str:
    """`text` with every control character and invisible mark written as its escape (`\\x1b`,
    `\\u2028`, `\\u200b`)."""
    return _ESCAPED.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable_line(text: str) -> str:
    """As `printable`, and a newline or tab also escaped: for text shown on one line."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


def markdown_line(text: str) -> str:
    """As `printable_line`, for a line of Markdown: `<`, `>` and `&` written as entities, so a
    name can neither start a heading of its own nor carry HTML into the document."""
    return printable_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def printable_json(text: str) -> str:
    """JSON text with the control characters `json.dumps` leaves raw written as `\\uXXXX`
    (still the same JSON value), and so are the invisible marks."""
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
