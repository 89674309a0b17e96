"""The bad-input corpus: one small file per mistake, each with the exact lines it must produce.

Every case states its expected stderr lines in `# expect:` comments at its top (`# expect-start:`
matches the beginning of a line). Assessment cases are checked against the `mini` fixture
framework; a framework case `<name>.<file>.yaml` replaces `<file>.yaml` in a copy of `mini`.
"""

from __future__ import annotations

import shutil
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
