"""KPI months sized with the work: the months of the work a KPI names move with the duration
the size band gives it, so a target within the work is never due after the work ends or
before it starts, in the plan and on the report's cards; a target set after the work stays
after it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readiness.load import load_framework
from readiness.model import Assessment, Framework, Kpi
from readiness.pipeline.assessing import assess
from readiness.plan.calendar import parse_month
from readiness.plan.records import PlannedInitiative
from readiness.plan.sizing import scaled_bands, sized_kpis, work_month
from readiness.report.cards import _kpis
from readiness.report.words import ENGLISH, month_name
from test_plan_properties import PROPERTY, build_framework, framework_data, run

ROOT = Path(__file__).resolve().parent.parent
PHRASES = ("by month", "by the end of month", "after month", "in month", "from month")
"""How KPIs name a month of the work: its end (the first three), or its start."""
MONTH = re.compile(r"\b(by month|by the end of month|after month|in month|from month) (\d+)\b")
MONTHS = [month_name(f"2000-{m:02d}", ENGLISH).split()[0] for m in range(1, 13)]
CALENDAR = re.compile(rf"\b({'|'.join(MONTHS)}) (\d{{4}})\b")
HANDOFF = re.compile(r"; the .* holds it after the work ends in \w+ \d{4}")
"""What a card adds to a target due after the work ends: who holds it then."""


@pytest.mark.parametrize(
    ("month", "base", "months", "due", "sized"),
    [
        (3, 3, 4, True, 4),  # Northwind's registry: 100% by month 3 of 3, now of 4
        (1, 1, 2, True, 2),  # containment: none by the end of month 1, now of 2
        (5, 5, 7, True, 7),  # serving: by month 5 of 5, now of 7
        (4, 5, 7, True, 6),  # 5.6 rounds up: due no sooner than its share of the work
        (9, 5, 7, True, 13),  # a target after the work ends stays after it
        (1, 4, 5, False, 1),  # measured in month 1 stays in month 1
        (3, 3, 4, False, 3),  # from month 3 of 3: the start of the last month, now of 4
        (5, 5, 4, False, 4),  # shorter work (a small organization): still within it
        (5, 5, 4, True, 4),
        (6, 6, 6, True, 6),  # the base duration: unchanged
    ],
)
def test_a_month_of_the_work_moves_in_proportion(
    month: int, base: int, months: int, due: bool, sized: int
) -> None:
    assert work_month(month, base, months, due=due) == sized


def test_northwind_targets_fall_by_the_end_of_the_work() -> None:
    assessed = assess(ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    by_id = {i.id: i for i in framework.initiatives}
    registry = by_id["model-registry"]
    assert registry.duration_months == 3
    (kpi,) = sized_kpis(registry, 4)
    assert isinstance(kpi, Kpi)
    assert (kpi.baseline, kpi.target) == ("Measured in month 1", "100% by month 4")
    (kpi,) = sized_kpis(by_id["genai-exposure-containment"], 2)
    assert isinstance(kpi, Kpi) and kpi.target == "None by the end of month 2"
    assert sized_kpis(registry, 3) == tuple(registry.kpis)
    # The plan, the JSON made from it and the report's cards say the sized month.
    _, plan = run(framework, assessed.loaded.assessment)
    row = next(i for i in plan.initiatives if i.id == "model-registry")
    assert (row.start, row.end) == ("2027-01", "2027-04")
    assert row.kpis[0].endswith("target: 100% by month 4)")
    assert "target 100% by Apr 2027" in _kpis(row, framework, ENGLISH)[0]


@st.composite
def sized_scenarios(draw: st.DrawFn) -> tuple[Framework, list[Assessment]]:
    """A generated framework with size bands and KPIs naming months of the work, and one
    assessment per band (its organization's size picks the band)."""
    documents = draw(framework_data())
    bands = draw(st.integers(1, 3))
    documents["framework.yaml"]["size_bands"] = [
        {
            "id": f"b{n}",
            "title": f"Band {n}",
            **({"max_size": 100 * (n + 1)} if n < bands - 1 else {}),
            "effort": draw(st.sampled_from([0.6, 1.0, 1.6])),
            "duration": draw(st.sampled_from([0.5, 0.8, 1.0, 1.25, 1.6, 2.5])),
        }
        for n in range(bands)
    ]
    for item in documents["initiatives.yaml"]["initiatives"]:
        base = item["duration_months"]
        item["kpis"] = [
            {
                "name": f"Measure {n}",
                "baseline": f"Measured {draw(st.sampled_from(PHRASES))} "
                f"{draw(st.integers(1, base))}",
                "target": f"Met {draw(st.sampled_from(PHRASES))} {draw(st.integers(1, 2 * base))}",
            }
            for n in range(draw(st.integers(1, 2)))
        ]
    framework = build_framework(documents)
    answers = {
        key: value
        for key in framework.questions()
        if (value := draw(st.sampled_from([None, 0, 1, 2, 3, 4]))) is not None
    }
    assessments = [
        Assessment.model_validate(
            {
                "framework": "generated@1.0.0",
                "organization": {"name": "Generated", "size": 100 * n + 50},
                "period": "2026-Q4",
                "date": "2026-11-20",
                "assessor": "Hypothesis",
                "answers": answers,
            }
        )
        for n in range(bands)
    ]
    return framework, assessments


def _base_months(framework: Framework, row: PlannedInitiative) -> list[int]:
    """The months of the work the row's KPIs name, as the framework writes them."""
    initiative = next(i for i in framework.initiatives if i.id == row.id)
    return [
        int(found[2])
        for k in initiative.kpis
        if isinstance(k, Kpi)
        for text in (k.baseline or "", k.target or "")
        for found in MONTH.finditer(text)
    ]


@PROPERTY
@given(sized_scenarios())
def test_no_kpi_month_falls_outside_its_work_in_any_size_band(
    scenario: tuple[Framework, list[Assessment]],
) -> None:
    framework, assessments = scenario
    for assessment in assessments:
        _, plan = run(framework, assessment)
        for row in plan.initiatives:
            initiative = next(i for i in framework.initiatives if i.id == row.id)
            base = initiative.duration_months
            named = _base_months(framework, row)
            sized = [int(found[2]) for text in row.kpis for found in MONTH.finditer(text)]
            assert len(sized) == len(named)
            start, end = parse_month(row.start), parse_month(row.end)
            cards = _kpis(row, framework, ENGLISH)
            dates = [
                parse_month(f"{year}-{MONTHS.index(name) + 1:02d}")
                for text in cards
                for name, year in CALENDAR.findall(HANDOFF.sub("", text))
            ]
            assert len(dates) == len(named)
            for was, month, date in zip(named, sized, dates, strict=True):
                assert month >= 1 and date >= start
                if was <= base:  # within the work: never after it ends
                    assert month <= row.duration_months and date <= end, (was, month, row)
                else:  # set after the work ends: still after it
                    assert month > row.duration_months and date > end, (was, month, row)


def test_every_bundled_kpi_month_within_the_work_stays_within_it() -> None:
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    for months in (scaled.months for scaled in scaled_bands(framework).values()):
        for initiative in framework.initiatives:
            base, sized = initiative.duration_months, months[initiative.id]
            for before, after in zip(initiative.kpis, sized_kpis(initiative, sized), strict=True):
                assert isinstance(before, Kpi) and isinstance(after, Kpi)
                for was, now in ((before.target, after.target), (before.baseline, after.baseline)):
                    named = [
                        (int(old[2]), int(new[2]))
                        for old, new in zip(
                            MONTH.finditer(was or ""), MONTH.finditer(now or ""), strict=True
                        )
                    ]
                    for old_month, new_month in named:
                        assert new_month >= 1
                        assert (old_month <= base) == (new_month <= sized), initiative.id
