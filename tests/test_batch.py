"""Batches (`pipeline.run_batch`): every item runs, a failing one is reported and never stops the
others, outcomes come back in item order whatever the number of worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from readiness.batch import Outcome, run_batch
from readiness.errors import Issue, UsageError, ValidationError


def _square_or_fail(item: str) -> int:
    if item == "broken":
        issue = Issue("bad.yaml", 3, "period", "not in the expected form", got="'2026-Q5'")
        raise ValidationError("bad.yaml: the assessment is not valid", [issue, issue])
    if item == "bug":
        raise ZeroDivisionError("division by zero")
    if item == "die":
        os._exit(3)
    if item == "locked":
        raise PermissionError(13, "Permission denied", "clients/locked/2026-Q4.yaml")
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


def test_a_file_the_system_refuses_is_a_one_line_failure() -> None:
    [outcome] = run_batch(["locked"], _square_or_fail)
    assert outcome.summary() == "locked: clients/locked/2026-Q4.yaml: permission denied"


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

    import readiness.loading.discovery
    from readiness.cli import main

    checked: list[Path] = []
    stamps = readiness.loading.discovery.framework_stamps

    def counted(folder: Path) -> Any:
        checked.append(folder)
        return stamps(folder)

    monkeypatch.setattr(readiness.loading.discovery, "framework_stamps", counted)
    monkeypatch.chdir(tmp_path)
    targets = _clients(tmp_path)
    result = CliRunner().invoke(
        main,
        ["report", *targets, "--html", "-o", "out", "--jobs", jobs, "--frameworks", str(FIXTURES)],
    )
    assert "Traceback" not in result.output
    # The framework is found and checked once per client folder, before the jobs start: not
    # again for each report, nor for each period of mini-history.
    assert len(checked) == len(targets)
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


# --- stopping a batch -------------------------------------------------------------------------

_SLOW_REPORTS = """
import sys, time
import readiness.pipeline.batches as batches
real = batches.report
def slow(*arguments, **options):
    time.sleep(0.5)
    return real(*arguments, **options)
batches.report = slow
from readiness.cli import main
sys.argv = ["readiness", *sys.argv[1:]]
main()
"""


_BATCH_OPTIONS = ("--html", "-o", "out", "--jobs", "2", "--force")


def _slow_batch(tmp_path: Path, count: int = 8) -> tuple[subprocess.Popen[bytes], Path]:
    """A real `report --jobs 2 --force` over `count` clients, each report taking 0.5 s, over
    reports that exist already; started once the first report is written."""
    import shutil

    out = tmp_path / "out"
    out.mkdir()
    names = []
    for number in range(count):
        name = f"client-{number}"
        shutil.copytree(FIXTURES / "clients" / "mini-co", tmp_path / name)
        (out / f"{name}-2026-Q4.html").write_text("the previous report")
        names.append(name)
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_REPORTS, "report", *names, *_BATCH_OPTIONS],
        cwd=tmp_path,
        env={**os.environ, "READINESS_PATH": str(FIXTURES)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell gives a command
    )
    assert process.stdout is not None
    assert process.stdout.readline().startswith(b"wrote ")
    return process, out


def _replaced(out: Path) -> dict[str, float]:
    return {
        p.name: p.stat().st_mtime
        for p in out.iterdir()
        if p.suffix == ".html" and p.read_text() != "the previous report"
    }


def _group_gone(pgid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


@pytest.mark.parametrize("how", ["SIGINT to the group", "SIGTERM"])
def test_a_signal_stops_the_batch_at_once(how: str, tmp_path: Path) -> None:
    process, out = _slow_batch(tmp_path)
    stopped = time.time()
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGINT)
    try:
        code = process.wait(timeout=2)
    finally:
        process.kill()
    assert code != 0
    assert _group_gone(process.pid, within=1), "a worker outlived the command"
    replaced = _replaced(out)
    assert 1 <= len(replaced) < 8
    assert all(when <= stopped + 0.05 for when in replaced.values()), replaced
    time.sleep(0.6)
    assert _replaced(out) == replaced


def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    process, out = _slow_batch(tmp_path)
    process.send_signal(signal.SIGKILL)
    stopped = time.time()
    process.wait(timeout=5)
    assert _group_gone(process.pid, within=2), "the workers outlived their parent"
    replaced = _replaced(out)
    assert all(when <= stopped + 0.05 for when in replaced.values()), replaced
