"""Quarterly re-scoring: progress over periods, stage crossings, achieved and slipped
initiatives, questions that went down, the re-planned roadmap, and the progress command."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import ReadinessError, ValidationError
from readiness.load import Shelf
from readiness.pipeline import load_client, plan, progress
from readiness.progress import Period, compare_periods, render_progress_markdown

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
HISTORY = FIXTURES / "clients" / "mini-history"
ACME = ROOT / "examples" / "acme-retail"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def periods(shelf: Shelf) -> list[Period]:
    return load_client(HISTORY, frameworks=[FIXTURES], shelf=shelf)


def with_status(period: Period, **status: str) -> Period:
    statuses = {k.replace("_", "-"): v for k, v in status.items()}
    assessment = period.assessment.model_copy(update={"initiatives": statuses})
    return replace(period, assessment=assessment)


def test_three_periods_with_deltas_and_a_stage_crossing(
    shelf: Shelf, periods: list[Period]
) -> None:
    history = progress(HISTORY, frameworks=[FIXTURES], shelf=shelf)
    assert [(r.period, r.score, r.delta, r.stage, r.stage_change) for r in history.periods] == [
        ("2026-Q2", 1.0, None, "pilot", None),
        ("2026-Q3", 1.3333, 0.3333, "pilot", None),
        ("2026-Q4", 2.0, 0.6667, "department", "up"),
    ]
    assert [(d.id, d.score, d.delta) for d in history.periods[2].dimensions] == [
        ("alpha", 2.25, 1.0),
        ("beta", 1.5, 0.0),
    ]
    assert history.periods[0].dimensions[0].delta is None
    latest = history.latest
    assert latest is not None
    assert (latest.baseline_period, latest.current_period) == ("2026-Q3", "2026-Q4")
    assert (latest.stage_before, latest.stage_after, latest.stage_change) == (
        "pilot",
        "department",
        "up",
    )
    assert [(g.stage, g.change) for g in latest.gates] == [("department", "crossed")]


def test_achieved_by_exit_criterion(periods: list[Period]) -> None:
    q2, q3, _ = periods
    comparison = compare_periods(q2, q3)
    # groundwork's exit criterion alpha.two >= 2 holds in Q3; Q2's plan had it end in 2026-07.
    assert [(a.id, a.how, a.planned_end) for a in comparison.achieved] == [
        ("groundwork", "done_when", "2026-07")
    ]
    assert [(r.name, r.value) for r in comparison.achieved[0].reads] == [("alpha.two", 2.0)]
    assert comparison.slipped == ()


def test_slipped_and_questions_that_went_down(periods: list[Period]) -> None:
    _, q3, q4 = periods
    comparison = compare_periods(q3, q4)
    # Q3's plan starts 2026-08 with fix-alpha (in progress) for 3 months: due 2026-10.
    assert [
        (s.id, s.planned_start, s.planned_end, s.months_late, s.status) for s in comparison.slipped
    ] == [("fix-alpha", "2026-08", "2026-10", 1, "in_progress")]
    assert [(r.name, r.value) for r in comparison.slipped[0].reads] == [("alpha.one", 2.0)]
    assert comparison.achieved == ()
    assert [(q.key, q.before, q.after, q.delta, q.note) for q in comparison.went_down] == [
        ("beta.two", 2.0, 1.0, -1.0, "The beta team left")
    ]
    assert comparison.went_up == 4


def test_done_status_counts_as_achieved_and_dropped_is_not_slipped(
    periods: list[Period],
) -> None:
    _, q3, q4 = periods
    done = compare_periods(q3, with_status(q4, fix_alpha="done"))
    assert [(a.id, a.how, a.planned_end) for a in done.achieved] == [
        ("fix-alpha", "status", "2026-10")
    ]
    assert done.slipped == ()
    dropped = compare_periods(q3, with_status(q4, fix_alpha="dropped"))
    assert [d.id for d in dropped.dropped] == ["fix-alpha"]
    assert dropped.slipped == ()
    # Achieved at the baseline already: not achieved "since".
    again = compare_periods(with_status(q3, fix_alpha="done"), with_status(q4, fix_alpha="done"))
    assert again.achieved == ()


def test_not_due_yet_is_not_slipped(periods: list[Period]) -> None:
    _, q3, q4 = periods
    early = q4.assessment.model_copy(update={"date": q4.assessment.date.replace(month=10)})
    comparison = compare_periods(q3, replace(q4, assessment=early))
    assert comparison.slipped == ()


def test_replanned_from_the_new_date_without_achieved_work(shelf: Shelf) -> None:
    """The re-plan starts the month after the new period's date, leaves achieved initiatives
    out and keeps in-progress ones at the front of their stage."""
    planned = plan(HISTORY / "2026-Q3.yaml", frameworks=[FIXTURES], shelf=shelf)
    assert planned.plan.start == "2026-08"
    assert [a.id for a in planned.plan.achieved] == ["groundwork"]
    assert "groundwork" not in [i.id for i in planned.plan.initiatives]
    first = planned.plan.initiatives[0]
    assert (first.id, first.status, first.start_month) == ("fix-alpha", "in_progress", 0)
    latest = plan(HISTORY / "2026-Q4.yaml", frameworks=[FIXTURES], shelf=shelf)
    assert latest.plan.start == "2026-12"


def test_client_folder_errors(shelf: Shelf, tmp_path: Path) -> None:
    with pytest.raises(ReadinessError, match="holds no assessment files"):
        load_client(tmp_path, shelf=shelf)
    with pytest.raises(ReadinessError, match="not a folder"):
        load_client(tmp_path / "nowhere", shelf=shelf)
    shutil.copy(HISTORY / "2026-Q3.yaml", tmp_path / "2026-Q3.yaml")
    shutil.copy(HISTORY / "2026-Q3.yaml", tmp_path / "2026-Q3-copy.yaml")
    with pytest.raises(ValidationError) as caught:
        load_client(tmp_path, frameworks=[FIXTURES], shelf=shelf)
    assert caught.value.lines() == [
        f"{tmp_path / '2026-Q3.yaml'}: period: 2026-Q3 is also the period of "
        f"{tmp_path / '2026-Q3-copy.yaml'}; one file per period"
    ]


def test_progress_command_table_json_and_markdown(shelf: Shelf) -> None:
    args = ["progress", str(HISTORY), "--frameworks", str(FIXTURES)]
    code, output = run(*args)
    assert code == 0
    lines = [line.rstrip() for line in output.splitlines()]
    assert "│ Stage   │      Pilot │        Pilot │ Department ↑ │" in lines
    assert "│ Alpha   │       1.00 │ 1.25 (+0.25) │ 2.25 (+1.00) │" in lines
    assert lines[lines.index("  Slipped (1):") + 1].startswith(
        "    fix-alpha: Fix alpha (due 2026-10, 1 month late, in progress"
    )
    assert lines[-2:] == ["  Went down (1):", "    beta.two: 2 -> 1"]
    code, output = run(*args, "--format", "json")
    assert code == 0
    data = json.loads(output)
    assert [p["period"] for p in data["periods"]] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    assert data["latest"]["slipped"][0]["id"] == "fix-alpha"
    code, output = run(*args, "--format", "md")
    assert code == 0
    assert output == render_progress_markdown(progress(HISTORY, frameworks=[FIXTURES], shelf=shelf))
    assert (
        "| 2026-Q4 | 2026-11-20 | 2.00 (+0.67) | Department ↑ | 2.25 (+1.00) | 1.50 (±0.00) |"
        in output
    )


def test_progress_command_on_a_missing_folder() -> None:
    assert run("progress", "nowhere") == (
        1,
        "nowhere: not a folder (give a client folder of periods)\n",
    )


def test_bundled_client_shows_progress_and_slippage(shelf: Shelf) -> None:
    history = progress(ACME, shelf=shelf)
    assert [p.period for p in history.periods] == ["2026-Q2", "2026-Q3", "2026-Q4"]
    latest = history.latest
    assert latest is not None
    # Under the 2.0.0 gates Acme is still short of department scale in Q4 (every dimension
    # must be Repeatable), so its progress shows in levels and initiatives, not in the stage.
    assert latest.stage_change is None
    assert latest.achieved
    # Q3's plan starts in October, after the weeks to confirm the people: the work under way
    # then ends in November and December, not yet due on 19 November.
    assert latest.baseline_plan_start == "2026-10" and not latest.slipped
    assert all(d.delta is not None and d.delta > 0 for d in latest.dimensions)
