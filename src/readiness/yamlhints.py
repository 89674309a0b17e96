"""How to fix the YAML syntax errors people make most: text with a colon left unquoted, a tab
used to indent, a backslash in double quotes (a Windows path), an apostrophe inside single
quotes, a quote never closed and a byte-order mark inside the file. The YAML parser says what it found; this says what to do."""

from __future__ import annotations

import re

_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s")
_ESCAPE = (
    "; in double quotes a backslash starts an escape: write \\\\ for one, or use single quotes"
)
_CLOSED_TOO_SOON = re.compile(r"(?:^|[\s\[{,])'[^']*'[^'\s,\]}#]")
"""A single-quoted text that ends where a word goes on: `'it's'`, whose apostrophe closed it."""
_APOSTROPHE = "; inside single quotes write an apostrophe twice ('it''s'), or use double quotes"


def syntax_hint(text: str, line: int, problem: str = "") -> str:
    """A hint to append to the parser's `problem` on 1-based `line` of `text` ("" if none)."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1]
    if "\t" in source[: len(source) - len(source.lstrip())] or (
        "\t" in source and not source.strip()
    ):
        return "; indent with spaces, not tabs"
    if "\ufeff" in source:
        return "; delete the invisible byte-order mark (U+FEFF) on this line: joining two files leaves one"
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return _ESCAPE
    rest = _KEY.sub("", source, count=1)
    if _CLOSED_TOO_SOON.search(rest):
        return _APOSTROPHE
    if ": " in rest or (rest.rstrip().endswith(":") and "{" in rest):
        return '; quote the text that holds a colon, e.g. note: "Owner: the CDO"'
    return ""
