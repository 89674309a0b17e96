"""Batches (`pipeline.run_batch`): every item runs, a failing one is reported and never stops the
others, outcomes come back in item order whatever the number of worker processes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readiness.errors import Issue, UsageError, ValidationError
from readiness.pipeline import Outcome, run_batch


def _square_or_fail(item: str) -> int:
    if item == "broken":
        issue = Issue("bad.yaml", 3, "period", "not in the expected form", got="'2026-Q5'")
        raise ValidationError("bad.yaml: the assessment is not valid", [issue, issue])
    if item == "bug":
        raise ZeroDivisionError("division by zero")
    if item == "die":
        os._exit(3)
    return int(item) ** 2


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_item_does_not_stop_the_others(jobs: int) -> None:
    seen: list[str] = []
    outcomes = run_batch(
        ["1", "broken", "3", "bug", "5"],
        _square_or_fail,
        jobs=jobs,
        on_outcome=lambda o: seen.append(o.item),
    )
    assert [o.item for o in outcomes] == ["1", "broken", "3", "bug", "5"]
    assert [o.value for o in outcomes] == [1, None, 9, None, 25]
    assert [o.ok for o in outcomes] == [True, False, True, False, True]
    assert sorted(seen) == sorted(["1", "broken", "3", "bug", "5"])
    bad = outcomes[1]
    assert bad.summary() == (
        "broken: bad.yaml:3: period: not in the expected form (got '2026-Q5') "
        "(and 1 more problem: readiness validate broken)"
    )
    assert outcomes[3].summary() == (
        "bug: internal error (please report it): ZeroDivisionError: division by zero"
    )


def test_a_worker_that_dies_is_reported_and_only_its_item_fails() -> None:
    outcomes = run_batch(["1", "die", "3", "4", "5"], _square_or_fail, jobs=2)
    assert [o.value for o in outcomes] == [1, None, 9, 16, 25]
    assert outcomes[1].summary() == "die: the worker process died"


def test_jobs_below_one_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--jobs"):
        run_batch(["1"], _square_or_fail, jobs=0)


def test_summary_keeps_a_line_that_names_its_file(tmp_path: Path) -> None:
    outcome: Outcome[int] = Outcome(str(tmp_path), errors=(f"{tmp_path}: holds no files",))
    assert outcome.summary() == f"{tmp_path}: holds no files"


# --- readiness report over several clients ----------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"


def _clients(tmp_path: Path) -> list[str]:
    import shutil

    shutil.copytree(FIXTURES / "clients" / "mini-co", tmp_path / "mini-co")
    shutil.copytree(FIXTURES / "clients" / "mini-history", tmp_path / "mini-history")
    broken = tmp_path / "broken-co"
    broken.mkdir()
    text = (FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml").read_text()
    (broken / "2026-Q4.yaml").write_text(text.replace("period: 2026-Q4", "period: 2026-Q5"))
    return ["mini-co", "broken-co", "mini-history"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_report_batch_goes_on_past_a_failing_client(
    jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from readiness.cli import main

    monkeypatch.chdir(tmp_path)
    targets = _clients(tmp_path)
    result = CliRunner().invoke(
        main,
        ["report", *targets, "--html", "-o", "out", "--jobs", jobs, "--frameworks", str(FIXTURES)],
    )
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert sorted(result.stdout.splitlines()) == [
        "wrote out/mini-co-2026-Q4.html",
        "wrote out/mini-history-2026-Q4.html",
    ]
    assert result.stderr.splitlines() == [
        "broken-co/2026-Q4.yaml:3: period: not in the expected form (got '2026-Q5'; "
        "allowed: a period such as 2026-Q4, 2026-H2 or 2026-11)",
        "1 of 3 reports failed",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "mini-co-2026-Q4.html",
        "mini-history-2026-Q4.html",
    ]


def test_report_batch_leaves_existing_reports_alone_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from readiness.cli import main

    monkeypatch.chdir(tmp_path)
    _clients(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mini-co-2026-Q4.html").write_text("earlier report")
    arguments = ["report", "mini-co", "mini-history", "--html", "-o", "out"]
    result = CliRunner().invoke(main, [*arguments, "--frameworks", str(FIXTURES)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "mini-co: out/mini-co-2026-Q4.html: already exists; pass --force to replace it",
        "1 of 2 reports failed",
    ]
    assert (tmp_path / "out" / "mini-co-2026-Q4.html").read_text() == "earlier report"
    assert (tmp_path / "out" / "mini-history-2026-Q4.html").is_file()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["mini-co", "mini-history", "--baseline", "mini-co/2026-Q4.yaml"],
            "error: --baseline applies to one report; a client folder uses its own history",
        ),
        (
            ["mini-co", "mini-co/2026-Q4.yaml"],
            "error: mini-co and mini-co/2026-Q4.yaml would write the same report; give them "
            "in separate runs with different -o folders",
        ),
        (
            ["mini-co", "mini-history", "-o", "all.pdf"],
            "error: -o all.pdf: with several reports, give a folder",
        ),
        (["mini-co", "mini-co"], "error: mini-co is given twice"),
    ],
)
def test_report_batch_usage_errors(
    arguments: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from readiness.cli import main

    monkeypatch.chdir(tmp_path)
    _clients(tmp_path)
    result = CliRunner().invoke(main, ["report", *arguments, "--frameworks", str(FIXTURES)])
    assert (result.exit_code, result.stderr.strip()) == (2, message)
    assert not (tmp_path / "reports").exists()
