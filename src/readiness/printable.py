"""Text made safe to print: control characters from files never reach a terminal raw.

An organization name, a role, a key or a file name comes from a file someone else may have
written; a terminal control sequence (ESC), a carriage return, a line or paragraph separator
or a bidirectional override in it could rewrite what the user sees. Every piece of text the
command line prints goes through `printable` (or `printable_json` for JSON).
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline excepted), DEL, line and paragraph separators, and the
# bidirectional embedding, override and isolate characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with every control character written as its escape (`\\x1b`, `\\u2028`)."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable_line(text: str) -> str:
    """As `printable`, and a newline or tab also escaped: for text shown on one line."""
    return printable(text).replace("\n", "\\n").replace("\t", "\\t")


def markdown_line(text: str) -> str:
    """As `printable_line`, for a line of Markdown: `<`, `>` and `&` written as entities, so a
    name can neither start a heading of its own nor carry HTML into the document."""
    return printable_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def printable_json(text: str) -> str:
    """JSON text with the control characters `json.dumps` leaves raw written as `\\uXXXX`
    (still the same JSON value)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
