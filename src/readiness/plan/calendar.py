"""Months of a plan: its default first month, parsing YYYY-MM, labels, and the limits of the
planning options."""

from __future__ import annotations

import datetime as dt
import re

from readiness.errors import UsageError

MAX_CAPACITY = 20
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def first_month(assessed: dt.date, weeks: int) -> int:
    """The month number of the first month that begins at least `weeks` weeks after the
    assessment date: the time owners need to confirm the people before work starts."""
    ready = assessed + dt.timedelta(weeks=weeks)
    month = ready.year * 12 + ready.month - 1
    return month if ready.day == 1 else month + 1


def parse_month(text: str, option: str = "--start") -> int:
    """`2027-01` -> a month number (year * 12 + month - 1); `UsageError` if it is not YYYY-MM."""
    match = _MONTH.match(text.strip())
    if not match:
        raise UsageError(f"invalid {option} '{text}': expected a month as YYYY-MM, e.g. 2027-01")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def parse_capacity(text: str | int) -> int:
    """A capacity from the command line: a whole number from 1 to 20, else `UsageError`."""
    value = str(text).strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_CAPACITY:
        raise UsageError(
            f"invalid --capacity '{text}': expected a whole number from 1 to {MAX_CAPACITY}"
        )
    return int(value)


def month_label(month: int) -> str:
    """A month number as YYYY-MM."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def quarter_label(month: int) -> str:
    """A month number as its calendar quarter, YYYY-Qn."""
    return f"{month // 12:04d}-Q{month % 12 // 3 + 1}"
