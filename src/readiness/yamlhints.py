"""How to fix the YAML syntax errors people make most: text with a colon left unquoted, and a
tab used to indent. The YAML parser says what it found; this says what to do."""

from __future__ import annotations

import re

_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s")


def syntax_hint(text: str, line: int) -> str:
    """A hint to append to the parser's message on 1-based `line` of `text` ("" if none)."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    source = lines[line - 1]
    if "\t" in source[: len(source) - len(source.lstrip())] or (
        "\t" in source and not source.strip()
    ):
        return "; indent with spaces, not tabs"
    rest = _KEY.sub("", source, count=1)
    if ": " in rest or (rest.rstrip().endswith(":") and "{" in rest):
        return '; quote the text that holds a colon, e.g. note: "Owner: the CDO"'
    return ""
