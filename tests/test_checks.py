"""Checks beyond the format (`readiness.checks`): the date against the period and today, and
coverage against the framework's minimum."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.checks import future_date_warnings, period_bounds
from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"READINESS_PATH": str(FIXTURES)}
CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"  # dated 2026-11-20


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
        ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
        ("2026-H1", (date(2026, 1, 1), date(2026, 6, 30))),
        ("2028-02", (date(2028, 2, 1), date(2028, 2, 29))),
    ],
)
def test_period_bounds(period: str, bounds: tuple[date, date]) -> None:
    assert period_bounds(period) == bounds


@pytest.mark.parametrize(
    ("day", "warned"),
    [("2026-11-20", False), ("2027-01-20", False), ("2027-02-05", True), ("2026-09-30", True)],
)
def test_a_date_outside_its_period_is_warned(day: str, warned: bool, tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    target.write_text(CLIENT.read_text().replace("date: 2026-11-20", f"date: {day}"))
    result = CliRunner().invoke(
        main, ["validate", "--strict", str(target)], env={**ENV, "SOURCE_DATE_EPOCH": "1830000000"}
    )
    message = f"{target}:4: date: {day} is not in the period 2026-Q4 (2026-10-01 to 2026-12-31)"
    assert (message in result.output) is warned
    assert result.exit_code == (1 if warned else 0)


def test_a_date_in_the_future_is_warned_by_validate(tmp_path: Path) -> None:
    # SOURCE_DATE_EPOCH 1794700000 is 2026-11-14: six days before the file's date is fine,
    # three weeks before is not.
    for epoch, warned in (("1794700000", False), ("1792200000", True)):
        result = CliRunner().invoke(
            main, ["validate", str(CLIENT)], env={**ENV, "SOURCE_DATE_EPOCH": epoch}
        )
        assert result.exit_code == 0
        assert ("date: 2026-11-20 is in the future" in result.output) is warned


def test_future_dates_skip_what_cannot_be_read(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("date: [")
    assert future_date_warnings([str(broken), str(FIXTURES / "mini")], date(2020, 1, 1)) == []
    [issue] = future_date_warnings([str(CLIENT)], date(2020, 1, 1))
    assert issue.format() == (
        f"{CLIENT}:4: date: 2026-11-20 is in the future (today is 2020-01-01) [warning]"
    )
