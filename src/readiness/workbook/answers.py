"""Reading one answer cell, from a questionnaire workbook or a Forms export, into a level.

A level is a number on the scale, or text that starts with one (`2 – Repeatable`, `Level 2`,
or a translated `2 – Wiederholbar`); `n/a` where the question allows it. A confidence is low,
medium or high, or a choice that starts with one of them (`low: a guess`). Anything else, and
any formula, is refused with a message that says what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, get_args

from readiness.model import NA, Confidence, Question, Scale, format_number
from readiness.printable import control_character

CONFIDENCES: tuple[str, ...] = get_args(Confidence)
"""The confidence a respondent may give, least sure first."""

_LEADING_WORD = re.compile(r"^\s*([A-Za-z]+)")
# A level, alone or starting a label ("2 – Repeatable: ..."): the number ends the text or a
# separator follows it, so "0x2" or "1_0" is no level rather than read by its first digit.
# "Level 3" reads as 3, as a respondent may type it.
_LEADING_NUMBER = re.compile(r"^\s*(?:level\s*)?(-?\d+(?:[.,]\d+)?)(?=$|[\s–—:.,)/-])", re.I)
_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class Bad:
    """Why a cell cannot be read, and what it may hold."""

    message: str
    allowed: str | None = None


def level_label(scale: Scale, level: float) -> str:
    """A level as a drop-down shows it: its number first, so any label maps back to its level
    (`2 – Repeatable`)."""
    return f"{format_number(level)} – {scale.labels[level]}"


def allowed_levels(scale: Scale, question: Question, *, labelled: bool = False) -> str:
    """The values an answer to this question may take, as a message lists them: the numbers,
    or (`labelled`) the levels as the workbook's drop-down shows them."""
    points = [level_label(scale, p) if labelled else format_number(p) for p in scale.points()]
    return ", ".join([*points, NA] if question.allow_na else points)


def read_level(
    value: Any, scale: Scale, question: Question, *, labelled: bool = False
) -> float | str | Bad | None:
    """The level a cell holds: a scale point, `n/a`, None when empty, or why it is refused
    (what is allowed said as `allowed_levels` says it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    allowed = allowed_levels(scale, question, labelled=labelled)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Bad(f"{shown(value)} is not a level", allowed)
    if isinstance(value, str):
        text = value.strip()
        if text.lower() == NA or text.lower().startswith(NA + " ") or text.startswith(NA + ":"):
            if not question.allow_na:
                return Bad("n/a is not allowed for this question", allowed)
            return NA
        match = _LEADING_NUMBER.match(text)
        if match is None:
            return Bad(f"'{_clip(text)}' is not a level", allowed)
        level = float(match.group(1).replace(",", "."))
    else:
        level = float(value)
    if not scale.is_point(level):
        return Bad(f"level {format_number(level)} is not on the scale", allowed)
    return round(level, 9)


def read_confidence(value: Any) -> str | Bad | None:
    """The confidence a cell holds (`low`, `medium`, `high`), None when empty, or why it is
    refused; a choice label counts by its first word, whatever follows it."""
    text = read_text(value)
    if text is None:
        return None
    match = _LEADING_WORD.match(text)
    word = match.group(1).lower() if match else ""
    if word in CONFIDENCES:
        return word
    return Bad(f"'{_clip(text)}' is not a confidence", ", ".join(CONFIDENCES))


def read_text(value: Any) -> str | None:
    """A note, evidence or name cell as text; None when empty."""
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        text = value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = text.strip()
    return text or None


def read_note(value: Any) -> str | Bad | None:
    """A note or evidence cell as text (tabs and line breaks kept), None when empty, or why it
    is refused: a control character, which no note needs and a terminal would obey."""
    return _plain(read_text(value), one_line=False)


def read_line(value: Any) -> str | Bad | None:
    """A name or role cell as text, None when empty, or why it is refused: a control character
    or a line break (it is shown on one line)."""
    return _plain(read_text(value), one_line=True)


def _plain(text: str | None, *, one_line: bool) -> str | Bad | None:
    if text is None:
        return None
    text = text.replace("\r\n", "\n")
    found = control_character(text, one_line=one_line)
    if found is None:
        return text
    what = {"\t": "a tab", "\n": "a line break"}.get(found, "a control character")
    start = max(0, text.index(found) - 15)
    part = ("..." if start else "") + _clip(text[start:])
    allowed = "text on one line" if one_line else "text; tabs and line breaks"
    return Bad(f"holds {what} ('{part}')", f"{allowed}, no control characters")


def sheet_ref(sheet: str) -> str:
    """The prefix a cell reference on this sheet takes: `Instructions!` or `'Data foundations'!`."""
    if _PLAIN_SHEET.match(sheet):
        return f"{sheet}!"
    return "'" + sheet.replace("'", "''") + "'!"


def _clip(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters, its control characters escaped (`\\x1b`)."""
    from readiness.printable import printable_line

    text = printable_line(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(value: Any) -> str:
    """A value as a message quotes it: cut short, its control characters escaped."""
    return f"'{_clip(str(value))}'"
