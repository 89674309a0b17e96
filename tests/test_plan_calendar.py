"""Months of a plan: the default first month leaves the weeks to confirm the people."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.plan.calendar import first_month, month_label


@pytest.mark.parametrize(
    ("assessed", "weeks", "first"),
    [
        (dt.date(2026, 11, 19), 4, "2027-01"),  # 17 December: January
        (dt.date(2026, 11, 3), 4, "2026-12"),  # 1 December: December itself
        (dt.date(2026, 11, 4), 4, "2027-01"),
        (dt.date(2026, 12, 3), 4, "2027-01"),  # 31 December: January
        (dt.date(2026, 12, 5), 4, "2027-02"),
        (dt.date(2026, 11, 19), 0, "2026-12"),  # no weeks: the next month to begin
        (dt.date(2026, 12, 1), 0, "2026-12"),
        (dt.date(2026, 5, 14), 6, "2026-07"),
    ],
)
def test_the_first_month_begins_at_least_the_weeks_after_the_assessment(
    assessed: dt.date, weeks: int, first: str
) -> None:
    assert month_label(first_month(assessed, weeks)) == first
