"""Output files (`readiness.files`): published in one step, never over an existing file without
`force` (even when another process creates it meanwhile), temporary files short-named and
cleaned up after a kill, backups written the same way, and every refusal of the system said
on one line."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import OutputError, OutputExistsError
from readiness.files import (
    PART_PREFIX,
    back_up,
    check_output_folder,
    remove_stale_parts,
    write_text_atomic,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_file_created_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creates the target after every check this one could make: without
    --force the publication itself must fail, not replace that file."""
    target = tmp_path / "report.pdf"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_text("the other process's report")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    monkeypatch.setattr(Path, "exists", lambda self: False)  # every check lost the race
    with pytest.raises(OutputExistsError, match="already exists"):
        write_text_atomic(target, "mine")
    assert target.read_text() == "the other process's report"
    assert _parts(tmp_path) == []


_RACER = """
import sys, time
from pathlib import Path
from readiness.errors import OutputExistsError
from readiness.files import write_text_atomic
folder, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for round_ in range(rounds):
    (folder / f"ready-{round_}-{name}").touch()
    while not (folder / f"go-{round_}").exists():
        time.sleep(0.0005)
    try:
        write_text_atomic(folder / f"out-{round_}.txt", f"writer {name};" * 1000)
        print("won", flush=True)
    except OutputExistsError:
        print("lost", flush=True)
"""


def test_concurrent_writers_without_force_exactly_one_wins(tmp_path: Path) -> None:
    """Six processes write the same new file at the same moment, five times over."""
    writers, rounds = 6, 5
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(tmp_path), str(n), str(rounds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(writers)
    ]
    try:
        for round_ in range(rounds):
            deadline = time.monotonic() + 30
            while len(list(tmp_path.glob(f"ready-{round_}-*"))) < writers:
                assert time.monotonic() < deadline, "the writers did not start"
                time.sleep(0.005)
            (tmp_path / f"go-{round_}").touch()
        results = [p.communicate(timeout=30)[0].split() for p in processes]
    finally:
        for process in processes:
            process.kill()
    for round_ in range(rounds):
        said = [result[round_] for result in results]
        assert said.count("won") == 1, said
        winner = said.index("won")
        assert (tmp_path / f"out-{round_}.txt").read_text() == f"writer {winner};" * 1000
    assert _parts(tmp_path) == []


def test_force_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old")
    write_text_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert _parts(tmp_path) == []


def test_a_255_character_name_can_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 251 + ".pdf")
    write_text_atomic(target, b"%PDF")
    assert target.read_bytes() == b"%PDF"
    assert _parts(tmp_path) == []


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_temporary_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / f"{PART_PREFIX}{_dead_pid()}-abc123.part"
    stale.write_bytes(b"x" * 1000)
    alive = tmp_path / f"{PART_PREFIX}{os.getppid()}-def456.part"
    alive.write_bytes(b"in progress")
    unrelated = tmp_path / ".notes.part"
    unrelated.write_text("not ours")
    write_text_atomic(tmp_path / "new.txt", "new")
    assert _parts(tmp_path) == sorted([alive.name, unrelated.name])
    assert remove_stale_parts(tmp_path) == []


_SLOW_WRITE = """
import os, sys, time
flag = sys.argv[1]
def slow_fsync(fd):
    open(flag, "w").close()
    time.sleep(60)
os.fsync = slow_fsync
from pathlib import Path
from readiness.files import write_text_atomic
write_text_atomic(Path(sys.argv[2]), b"x" * 1_000_000)
"""


def test_a_write_killed_outright_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    flag, out = tmp_path / "writing", tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-c", _SLOW_WRITE, str(flag), str(out / "a")])
    try:
        while not flag.exists():
            assert process.poll() is None
            os.sched_yield()
        assert len(_parts(out)) == 1
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert len(_parts(out)) == 1  # SIGKILL cannot be caught
    write_text_atomic(out / "b", "next")
    assert sorted(p.name for p in out.iterdir()) == ["b"]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "no space left on the device"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EDQUOT, "disk quota exceeded"),
    ],
)
def test_the_system_refusing_a_write_is_one_line(
    code: int, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema", "mini", "-o", "out.json"], env=_ENV)
    assert (result.exit_code, result.output) == (1, f"out.json: cannot write: {reason}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


_ENV = {"READINESS_PATH": str(FIXTURES)}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["schema", "mini", "-o", "folder.json", "--force"],
            "folder.json: cannot write: it is a folder",
        ),
        (
            ["schema", "mini", "-o", "afile/x.json"],
            "afile/x.json: cannot write: a folder on its path is a file",
        ),
        (
            ["schema", "mini", "-o", "n" * 300 + ".json"],
            "n" * 300 + ".json: cannot write: the file name is too long",
        ),
        (
            ["report", "mini-a.yaml", "mini-b.yaml", "-o", "afile"],
            "error: -o afile: is a file; with several reports, give a folder",
        ),
        (
            ["report", "mini-a.yaml", "mini-b.yaml", "-o", "afile/reports"],
            "error: -o afile/reports: afile is a file, not a folder",
        ),
    ],
    ids=["folder-with-force", "parent-is-a-file", "name-too-long", "batch-o-file", "batch-under"],
)
def test_unwritable_outputs_are_one_line(
    arguments: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "afile").write_text("a file")
    result = CliRunner().invoke(main, arguments, env=_ENV)
    assert result.exit_code in (1, 2)
    assert result.output.startswith(message)
    assert len(result.output.splitlines()) == 1
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert (tmp_path / "afile").read_text() == "a file"


def test_validate_on_an_unreadable_file_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Running as root, a folder cannot be made unreadable: the refusal is simulated where
    the file system would give it."""
    hidden = tmp_path / "locked" / "a.yaml"
    real_stat = Path.stat

    def stat(self: Path, **kwargs: object) -> os.stat_result:
        if "locked" in self.parts and self.name != "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", stat)
    result = CliRunner().invoke(main, ["validate", str(hidden)], env=_ENV)
    assert result.exit_code == 1
    assert result.output == f"{hidden}: permission denied\n"


def test_write_refuses_a_folder_even_with_force(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="it is a folder"):
        write_text_atomic(tmp_path, "x", force=True)


def test_check_output_folder_accepts_a_new_folder(tmp_path: Path) -> None:
    check_output_folder(tmp_path / "new" / "reports")


@pytest.mark.parametrize(
    ("args", "refusal"),
    [
        (
            ["questionnaire", "{client}", "--respondent", "cto", "--role", "CTO"],
            "a questionnaire workbook must be written to a file ending in .xlsx",
        ),
        (["schema", "mini"], "a JSON Schema must be written to a file ending in .json"),
        (["trace", "mini"], "the trace as Markdown must be written to a file ending in .md"),
        (["import", "{assessment}"], "this is one of the import's inputs; choose another file"),
        (
            ["import", "{client}/cto.xlsx"],
            "an assessment must be written to a file ending in .yaml or .yml",
        ),
    ],
    ids=["questionnaire", "schema", "trace", "import-yaml", "import-xlsx"],
)
def test_no_output_replaces_an_input_or_a_file_of_another_kind_even_with_force(
    args: list[str], refusal: str, tmp_path: Path
) -> None:
    # Each of these wrote over the assessment (or the workbook it read) with --force.
    client = tmp_path / "mini-co"
    client.mkdir()
    assessment = client / "2026-Q4.yaml"
    original = (FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml").read_bytes()
    assessment.write_bytes(original)
    (client / "cto.xlsx").write_bytes(b"a workbook")
    target = client / "cto.xlsx" if args[1] == "{client}/cto.xlsx" else assessment
    filled = [a.format(client=client, assessment=assessment) for a in args]
    result = CliRunner().invoke(
        main, [*filled, "-o", str(target), "--force", "--frameworks", str(FIXTURES)]
    )
    assert (result.exit_code, result.output) == (2, f"error: -o {target}: {refusal}\n")
    assert (assessment.read_bytes(), (client / "cto.xlsx").read_bytes()) == (
        original,
        b"a workbook",
    )


def test_the_form_questions_go_to_a_text_file_only(tmp_path: Path) -> None:
    # `questionnaire --forms -o ASSESSMENT --force` wrote the questions over the assessment.
    assessment = tmp_path / "2026-Q4.yaml"
    assessment.write_text("kept")
    args = ["questionnaire", str(tmp_path), "--forms", "--framework", "mini", "--force"]
    result = CliRunner().invoke(main, [*args, "-o", str(assessment)], env=_ENV)
    assert (result.exit_code, result.output) == (
        2,
        f"error: -o {assessment}: the form questions must be written to a file ending in .txt "
        "or .md\n",
    )
    assert assessment.read_text() == "kept"
    assert CliRunner().invoke(main, [*args, "-o", str(tmp_path / "q.txt")], env=_ENV).exit_code == 0


def test_a_backup_is_a_copy_beside_the_file_that_never_replaces_an_earlier_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "2026-Q4.yaml"
    path.write_text("first\n")
    path.chmod(0o600)
    assert back_up(path, "20261201T010203") == tmp_path / "2026-Q4.yaml.bak-20261201T010203"
    path.write_text("second\n")
    again = back_up(path, "20261201T010203")
    assert again == tmp_path / "2026-Q4.yaml.bak-20261201T010203-2"
    assert (tmp_path / "2026-Q4.yaml.bak-20261201T010203").read_text() == "first\n"
    assert again.read_text() == "second\n"
    assert again.stat().st_mode & 0o777 == 0o600  # a private file's backup stays private
    assert _parts(tmp_path) == []


def test_an_interrupted_backup_leaves_no_half_written_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The copy was written in place: Ctrl-C (or a full disk) halfway left a truncated
    # backup under the backup's name.
    path = tmp_path / "2026-Q4.yaml"
    path.write_text("answers: {}\n" * 1000)

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        back_up(path, "20261201T010203")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2026-Q4.yaml"]


def test_a_backup_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "2026-Q4.yaml").mkdir()
    with pytest.raises(OutputError) as error:
        back_up(tmp_path / "2026-Q4.yaml", "20261201T010203")
    assert (
        str(error.value)
        == f"{tmp_path / '2026-Q4.yaml'}: cannot write: it is a folder; give a file name"
    )
