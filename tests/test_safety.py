"""File safety: an interrupted write leaves the previous file intact and no partial file, and
no command replaces an existing file without --force."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import OutputExistsError
from readiness.files import write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CLIENT = FIXTURES / "clients" / "mini-co"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


class _Boom(Exception):
    pass


def test_a_write_that_fails_midway_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the previous report")
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, stream: object) -> None:
            self.stream = stream

        def __enter__(self) -> HalfWriter:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> None:
            self.stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
            raise _Boom("disk unplugged")

        def fileno(self) -> int:
            return self.stream.fileno()  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(_Boom):
        write_text_atomic(target, b"%PDF-1.7 the new report" * 1000, force=True)
    assert target.read_bytes() == b"the previous report"
    assert _leftovers(tmp_path) == []


def test_report_that_fails_while_writing_keeps_the_previous_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command: the writer raises after half the bytes; exit non-zero, the earlier
    report untouched, nothing else in the folder."""
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("the previous report")

    def fail_midway(self: Path, target: Path) -> Path:
        raise _Boom("killed while renaming")

    monkeypatch.setattr(Path, "replace", fail_midway)
    result = CliRunner().invoke(
        main,
        ["report", str(CLIENT / "2026-Q4.yaml"), "--html", "-o", "out/report.html", "--force"],
        env={"READINESS_PATH": str(FIXTURES)},
    )
    assert result.exit_code != 0
    assert isinstance(result.exception, _Boom)
    assert (out / "report.html").read_text() == "the previous report"
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]


_SLOW_WRITE = """
import os, sys, time
real_fsync = os.fsync
flag = sys.argv[1]
def slow_fsync(fd):
    open(flag, "w").close()   # tell the test the temporary file is being written
    time.sleep(60)
    real_fsync(fd)
os.fsync = slow_fsync
from readiness.cli import main
sys.argv = ["readiness", *sys.argv[2:]]
main()
"""


def _run_until(flag: Path, arguments: list[str], cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "READINESS_PATH": str(FIXTURES)}
    process = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(flag), *arguments],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while not flag.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise AssertionError(process.stderr.read().decode() if process.stderr else "")
        time.sleep(0.05)
    return process


@pytest.mark.parametrize("kill", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_report_killed_during_the_write_leaves_no_partial_file(
    kill: signal.Signals, tmp_path: Path
) -> None:
    """A real process, stopped by a signal while its temporary file is half written."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("the previous report")
    arguments = ["report", str(CLIENT / "2026-Q4.yaml"), "--html", "-o", "out/report.html"]
    process = _run_until(tmp_path / "writing", [*arguments, "--force"], tmp_path)
    assert _leftovers(out), "the temporary file should exist while the write is under way"
    process.send_signal(kill)
    assert process.wait(timeout=30) != 0
    assert (out / "report.html").read_text() == "the previous report"
    assert sorted(p.name for p in out.iterdir()) == ["report.html"]


def test_report_killed_outright_during_rendering_writes_nothing(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the report is rendered in memory, and the file exists under
    its name only once complete, so a kill before the write leaves the old report alone."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.pdf").write_bytes(b"the previous report")
    env = {**os.environ, "READINESS_PATH": str(FIXTURES)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from readiness.cli import main; main()",
            "report",
            str(CLIENT / "2026-Q4.yaml"),
            "-o",
            "out/report.pdf",
            "--force",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    # "rendering PDF..." is said before WeasyPrint starts; kill during the render.
    for line in process.stderr:
        if line.startswith(b"rendering PDF"):
            break
    process.kill()
    process.wait(timeout=30)
    assert (out / "report.pdf").read_bytes() == b"the previous report"
    assert sorted(p.name for p in out.iterdir()) == ["report.pdf"]


# --- never overwrite without --force ----------------------------------------------------------


def _invoke(tmp_path: Path, *arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments), env={"READINESS_PATH": str(FIXTURES)})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_init_never_overwrites_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "acme" / "2026-Q4.yaml"
    target.parent.mkdir()
    target.write_text("my answers")
    arguments = [
        "init",
        "acme",
        "--organization",
        "Acme",
        "--framework",
        "mini",
        "--assessor",
        "A. Consultant",
    ]
    code, output = _invoke(tmp_path, *arguments, "--period", "2026-Q4")
    assert (code, output) == (1, "acme/2026-Q4.yaml: already exists; pass --force to replace it\n")
    assert target.read_text() == "my answers"
    code, _ = _invoke(tmp_path, *arguments, "--period", "2026-Q4", "--force")
    assert code == 0
    assert target.read_text().startswith("# ")


def test_merge_never_overwrites_without_force(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    people = sorted((FIXTURES / "workshop").glob("*.yaml"))
    if len(people) < 2:
        pytest.skip("no per-respondent fixture files to merge")
    for person in people:
        shutil.copy(person, tmp_path / person.name)
    target = tmp_path / "merged.yaml"
    target.write_text("an earlier merge")
    names = [p.name for p in people]
    code, output = _invoke(tmp_path, "merge", *names, "-o", "merged.yaml")
    assert (code, output.splitlines()[-1]) == (
        1,
        "merged.yaml: already exists; pass --force to replace it",
    )
    assert target.read_text() == "an earlier merge"
    code, _ = _invoke(tmp_path, "merge", *names, "-o", "merged.yaml", "--force")
    assert code == 0
    assert target.read_text() != "an earlier merge"


@pytest.mark.parametrize(
    "arguments",
    [
        ["report", str(CLIENT / "2026-Q4.yaml"), "--html", "-o", "existing.html"],
        ["schema", "mini", "-o", "existing.json"],
        ["trace", "mini", "-o", "existing.md"],
    ],
    ids=["report", "schema", "trace"],
)
def test_other_outputs_never_overwrite_without_force(
    arguments: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = arguments[-1]
    (tmp_path / target).write_text("keep me")
    code, output = _invoke(tmp_path, *arguments)
    assert (code, output.splitlines()[-1]) == (
        1,
        f"{target}: already exists; pass --force to replace it",
    )
    assert (tmp_path / target).read_text() == "keep me"


def test_write_text_atomic_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    with pytest.raises(OutputExistsError):
        write_text_atomic(target, "new")
    assert target.read_text() == "old"
    assert _leftovers(tmp_path) == []
