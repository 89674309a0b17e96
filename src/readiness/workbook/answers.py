"""Reading one answer cell, from a questionnaire workbook or a Forms export, into a level.

A level is a number on the scale, or text that starts with one (`2 – Repeatable`, or a
translated `2 – Wiederholbar`); `n/a` where the question allows it. A confidence is low, medium
or high, or a choice that starts with one of them (`low: a guess`). Anything else, and any
formula, is refused with a message that says what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, get_args

from readiness.model import NA, Confidence, Question, Scale, format_number

CONFIDENCES: tuple[str, ...] = get_args(Confidence)
"""The confidence a respondent may give, least sure first."""

_LEADING_WORD = re.compile(r"^\s*([A-Za-z]+)")
_LEADING_NUMBER = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)")
_PLAIN_SHEET = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class Bad:
    """Why a cell cannot be read, and what it may hold."""

    message: str
    allowed: str | None = None


def allowed_levels(scale: Scale, question: Question) -> str:
    """The values an answer to this question may take, as a message lists them."""
    points = [format_number(p) for p in scale.points()]
    return ", ".join([*points, NA] if question.allow_na else points)


def read_level(value: Any, scale: Scale, question: Question) -> float | str | Bad | None:
    """The level a cell holds: a scale point, `n/a`, None when empty, or why it is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    allowed = allowed_levels(scale, question)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return Bad(f"{_show(value)} is not a level", allowed)
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


def sheet_ref(sheet: str) -> str:
    """The prefix a cell reference on this sheet takes: `Instructions!` or `'Data foundations'!`."""
    if _PLAIN_SHEET.match(sheet):
        return f"{sheet}!"
    return "'" + sheet.replace("'", "''") + "'!"


def _clip(text: str, limit: int = 40) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: Any) -> str:
    return f"'{_clip(str(value))}'"
