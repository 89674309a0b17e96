"""Text made safe for a slide, and how much room it needs.

Assessment text can hold characters XML cannot carry (control characters pasted from other
tools); `clean_text` removes them. `text_height` estimates the height a text takes when it wraps
in a box of a given width, from an average glyph width: the renderer sizes boxes and fonts with
it, and the tests check with it that no text needs more room than its box has.
"""

from __future__ import annotations

import math
import re

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
AVERAGE_GLYPH_EM = 0.58
"""Average advance of a glyph in em, sized for the widest common face: DejaVu Sans, which
LibreOffice substitutes where Calibri is missing (Calibri and Carlito measure about 0.47,
Liberation Sans 0.52, DejaVu Sans 0.57 on English text)."""
LINE_SPACING = 1.2
POINTS_PER_INCH = 72


def clean_text(text: str) -> str:
    """`text` without control characters (tabs and line breaks become spaces), stripped."""
    return _UNSAFE.sub("", text.replace("\t", " ").replace("\r\n", " ").replace("\r", " ")).strip()


def wrapped_lines(text: str, width_in: float, size_pt: float) -> int:
    """How many lines `text` takes at `size_pt` in a box `width_in` inches wide (words wrap;
    a word longer than a line takes the lines it needs)."""
    per_line = max(1, int(width_in * POINTS_PER_INCH / (size_pt * AVERAGE_GLYPH_EM)))
    lines = 0
    for paragraph in text.split("\n"):
        used = 0
        lines += 1
        for word in paragraph.split():
            length = len(word)
            if used and used + 1 + length > per_line:
                lines += 1
                used = 0
            if length > per_line:
                lines += math.ceil(length / per_line) - 1
                used = length % per_line or per_line
            else:
                used += (1 if used else 0) + length
    return lines


def text_height(text: str, width_in: float, size_pt: float) -> float:
    """The height in inches `text` takes in a box `width_in` inches wide at `size_pt`."""
    return wrapped_lines(text, width_in, size_pt) * size_pt * LINE_SPACING / POINTS_PER_INCH


def words_fit(text: str, width_in: float, size_pt: float) -> bool:
    """Whether every word of `text` fits on one line of a box `width_in` inches wide (a
    renderer breaks a longer word in the middle)."""
    per_line = max(1, int(width_in * POINTS_PER_INCH / (size_pt * AVERAGE_GLYPH_EM)))
    return all(len(word) <= per_line for word in text.split())
