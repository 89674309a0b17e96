"""The bad-input corpus: one small file per mistake, each with the exact lines it must produce.

Every case states its expected stderr lines in `# expect:` comments at its top (`# expect-start:`
matches the beginning of a line). Assessment cases are checked against the `mini` fixture
framework; a framework case `<name>.<file>.yaml` replaces `<file>.yaml` in a copy of `mini`;
a theme case is loaded as the report's `--theme` file. Cases that cannot be files in the
repository (a 10 MB file, an alias bomb, a binary file, a directory, an unreadable file, a named
pipe) are built by the tests at the end. Every case must exit 1 with no traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
ASSESSMENTS = sorted((HERE / "bad" / "assessments").glob("*.yaml"))
FRAMEWORKS = sorted((HERE / "bad" / "frameworks").glob("*.yaml"))


def _expectations(path: Path) -> tuple[list[str], list[str]]:
    exact, starts = [], []
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        if line.startswith("# expect: "):
            exact.append(line.removeprefix("# expect: "))
        elif line.startswith("# expect-start: "):
            starts.append(line.removeprefix("# expect-start: "))
    assert exact or starts, f"{path.name} states no expectation"
    return exact, starts


def _check(result_output: str, exit_code: int, exact: list[str], starts: list[str]) -> None:
    lines = [line for line in result_output.splitlines() if not line.endswith("checked")]
    assert "Traceback" not in result_output
    assert exit_code == 1, result_output
    if exact:
        assert lines == exact
    for start in starts:
        assert any(line.startswith(start) for line in lines), lines


@pytest.mark.parametrize("case", ASSESSMENTS, ids=[p.stem for p in ASSESSMENTS])
def test_bad_assessment(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exact, starts = _expectations(case)
    shutil.copy(case, tmp_path / case.name)
    shutil.copytree(FIXTURES / "mini", tmp_path / "frameworks" / "mini")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", case.name, "--frameworks", "frameworks"])
    _check(result.output, result.exit_code, exact, starts)


@pytest.mark.parametrize("case", FRAMEWORKS, ids=[p.stem for p in FRAMEWORKS])
def test_bad_framework(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exact, starts = _expectations(case)
    target = case.name.split(".")[1]
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    shutil.copy(case, tmp_path / "mini" / f"{target}.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "mini"])
    _check(result.output, result.exit_code, exact, starts)


# --- themes -----------------------------------------------------------------------------------

THEMES = sorted((HERE / "bad" / "themes").glob("*.yaml"))


@pytest.mark.parametrize("case", THEMES, ids=[p.stem for p in THEMES])
def test_bad_theme(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exact, starts = _expectations(case)
    shutil.copy(case, tmp_path / case.name)
    (tmp_path / "fake.png").write_bytes(b"GIF89a, not a PNG")
    monkeypatch.chdir(tmp_path)
    client = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
    result = CliRunner().invoke(
        main,
        ["report", str(client), "--theme", case.name, "--html", "-o", "report.html"],
        env={"READINESS_PATH": str(FIXTURES)},
    )
    _check(result.output, result.exit_code, exact, starts)
    assert not (tmp_path / "report.html").exists()


# --- cases built by code: too big, binary, not a file, unreadable ------------------------------

HEADER = (
    "framework: mini@1.2.0\norganization: {name: Mini Co}\nperiod: 2026-Q4\n"
    "date: 2026-11-20\nassessor: T. Ester\n"
)


def _validate(tmp_path: Path, *targets: str) -> tuple[int, list[str]]:
    shutil.copytree(FIXTURES / "mini", tmp_path / "frameworks" / "mini", dirs_exist_ok=True)
    result = CliRunner().invoke(main, ["validate", *targets, "--frameworks", "frameworks"])
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if not line.endswith("checked")]
    return result.exit_code, lines


def test_alias_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A billion-laughs document: refused from the node tree, never expanded."""
    monkeypatch.chdir(tmp_path)
    lines = [HEADER.rstrip("\n"), 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    lines.append("answers: {alpha.one: *a9}")
    Path("bomb.yaml").write_text("\n".join(lines) + "\n")
    code, output = _validate(tmp_path, "bomb.yaml")
    assert code == 1
    assert output[0] == (
        "bomb.yaml:7: a1[0]: YAML aliases are not allowed (8 more on this line) "
        "(allowed: write the value out in full)"
    )
    assert output[-1] == (
        "bomb.yaml:16: answers.alpha.one: YAML aliases are not allowed "
        "(allowed: write the value out in full)"
    )
    assert len(output) == 10


def test_ten_megabyte_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("big.yaml").write_text(HEADER + "# padding\n" * (1024 * 1024))
    assert _validate(tmp_path, "big.yaml") == (
        1,
        ["big.yaml: file is too large (10,485,864 bytes) (allowed: at most 2,097,152 bytes)"],
    )


def test_binary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("logo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert _validate(tmp_path, "logo.yaml") == (
        1,
        ["logo.yaml:3: binary data (a NUL byte) in a text file (allowed: UTF-8 text)"],
    )


def test_directory_passed_as_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("2026-Q4.yaml").mkdir()
    result = CliRunner().invoke(main, ["score", "2026-Q4.yaml"])
    assert (result.exit_code, result.output) == (
        1,
        "2026-Q4.yaml: is a directory (allowed: a YAML file)\n",
    )


def test_directory_in_place_of_a_dimension_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    (tmp_path / "mini" / "alpha.yaml").unlink()
    (tmp_path / "mini" / "alpha.yaml").mkdir()
    result = CliRunner().invoke(main, ["validate", "mini"])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        "mini/alpha.yaml: is a directory (allowed: a YAML file)",
    )


def test_parent_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("clients").write_text("not a folder")
    assert _validate(tmp_path, "clients/2026-Q4.yaml") == (
        1,
        ["clients/2026-Q4.yaml: no such file (part of the path is a file, not a folder)"],
    )


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert _validate(tmp_path, "2026-Q4.yaml") == (1, ["2026-Q4.yaml: no such file"])


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, whoever runs the tests (root reads a chmod 000 file regardless)."""
    monkeypatch.chdir(tmp_path)
    Path("2026-Q4.yaml").write_text(HEADER)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "2026-Q4.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    assert _validate(tmp_path, "2026-Q4.yaml") == (
        1,
        ["2026-Q4.yaml: cannot be read: permission denied"],
    )


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads a chmod 000 file; test_unreadable_file_simulated covers the message",
)
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("2026-Q4.yaml").write_text(HEADER)
    Path("2026-Q4.yaml").chmod(0)
    try:
        assert _validate(tmp_path, "2026-Q4.yaml") == (
            1,
            ["2026-Q4.yaml: cannot be read: permission denied"],
        )
    finally:
        Path("2026-Q4.yaml").chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Opening a FIFO blocks until someone writes to it: the loader must not open it. Run in a
    subprocess with a timeout, so a regression fails instead of hanging the suite."""
    os.mkfifo(tmp_path / "2026-Q4.yaml")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from readiness.cli import main; main()",
            "validate",
            "2026-Q4.yaml",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stderr) == (
        1,
        "2026-Q4.yaml: not a regular file (a pipe, socket or device) (allowed: a YAML file)\n"
        "1 problem in 1 file checked\n",
    )


def test_corpus_covers_every_file_type() -> None:
    kinds = {p.name.split(".")[1] for p in FRAMEWORKS}
    assert {"framework", "alpha", "beta", "rules", "initiatives"} <= kinds
    runners = {"test_bad_assessment", "test_bad_framework", "test_bad_theme"}
    generated = [
        name
        for name in globals()
        if name.startswith("test_")
        and name not in runners
        and name != "test_corpus_covers_every_file_type"
    ]
    assert len(ASSESSMENTS) + len(FRAMEWORKS) + len(THEMES) + len(generated) >= 40
