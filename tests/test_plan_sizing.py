"""Sizing: teams in whole or half people, durations whose people x months cover the scaled
person-months, the band's team and owner bound, and every bundled plan's figures in halves."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from readiness.load import load_framework
from readiness.pipeline import plan
from readiness.plan.sizing import half_people, scaled_bands

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/2026-Q*.yaml"))


@pytest.mark.parametrize(
    ("fte", "people"),
    [(0.25, 0.5), (0.3, 0.5), (0.8, 1), (1.25, 1.5), (1.6, 1.5), (3.2, 3), (4.8, 5), (9.6, 9.5)],
)
def test_people_are_rounded_to_the_nearest_half(fte: float, people: float) -> None:
    assert half_people(fte) == people


@pytest.mark.parametrize("name", ["ml-scaling", "production-tests"])
def test_every_band_staffs_every_initiative_in_halves_that_cover_its_work(name: str) -> None:
    framework = load_framework(ROOT / "questionnaires" / name)
    bands = framework.manifest.size_bands
    for position, scaled in scaled_bands(framework).items():
        band = bands[position] if position is not None else None
        effort, duration = (band.effort, band.duration) if band else (1.0, 1.0)
        for initiative in framework.initiatives:
            people, months = scaled.fte[initiative.id], scaled.months[initiative.id]
            assert people >= 0.5 and people * 2 == int(people * 2), initiative.id
            work = initiative.effort_fte * effort * initiative.duration_months * duration
            assert months >= math.ceil(initiative.duration_months * duration - 1e-9)
            assert people * months >= work - 1e-9, initiative.id
            # The fewest whole months that do both.
            shorter = months - 1
            assert (
                shorter < initiative.duration_months * duration - 1e-9
                or people * shorter < work - 1e-9
            ), initiative.id


def test_a_large_organization_gets_whole_or_half_people_for_longer() -> None:
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    large = scaled_bands(framework)[2]  # effort x1.6, duration x1.25
    expected = {
        # (effort_fte, duration_months): (people, months)
        (1, 4): (1.5, 6),  # 1.6 people for 5 months (8 person-months)
        (3, 6): (5, 8),  # 4.8 people for 7.5 months (36)
        (0.5, 2): (1, 3),  # 0.8 people for 2.5 months (2)
        (6, 12): (9.5, 16),  # 9.6 people for 15 months (144)
    }
    seen = set()
    for initiative in framework.initiatives:
        key = (initiative.effort_fte, initiative.duration_months)
        if key in expected:
            seen.add(key)
            assert (large.fte[initiative.id], large.months[initiative.id]) == expected[key]
    assert seen == set(expected)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_figure_of_a_bundled_plan_is_in_whole_or_half_people(path: Path) -> None:
    result = plan(path, what_it_takes=False).plan
    assert result.team_fte * 2 == int(result.team_fte * 2)
    assert all(people * 2 == int(people * 2) for people in result.team_ramp)
    for item in result.initiatives:
        assert item.effort_fte * 2 == int(item.effort_fte * 2), item.id
        assert item.fte_months == item.effort_fte * item.duration_months, item.id
    for month in range(result.months):
        running = [i for i in result.initiatives if i.start_month <= month < i.end_month]
        available = result.team_ramp[month] if month < len(result.team_ramp) else result.team_fte
        assert sum(i.effort_fte for i in running) <= available + 1e-9
    assert result.fte_months == sum(i.fte_months for i in result.initiatives)
