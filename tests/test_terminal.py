"""Terminal output (`readiness.terminal`) at 60 and 100 columns: no id or word broken mid-way,
no line wider than the terminal, wrapped lines indented; `plan` lists its findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.load import Shelf
from readiness.pipeline import plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
CLIENT = ROOT / "examples" / "acme-retail"
WORD = re.compile(r"[A-Za-z0-9][\w.-]*[\w]")


def _output(width: int, *arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.stdout


def _words(text: str) -> set[str]:
    return set(WORD.findall(text))


@pytest.mark.parametrize("width", [60, 100])
def test_plan_keeps_every_id_and_word_whole(shelf: Shelf, width: int) -> None:
    output = _output(width, "plan", str(EXAMPLE))
    assert max(len(line.rstrip()) for line in output.splitlines()) <= width
    planned = plan(EXAMPLE, shelf=shelf)
    shown = _words(output)
    for item in planned.plan.initiatives:
        assert item.id in shown, item.id
        assert _words(item.title) <= shown, item.title
        assert _words(item.owner) <= shown, item.owner
    for finding in planned.results.findings:
        assert f"{finding.rule}: {finding.title}" in " ".join(output.split())


@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize(
    "command", [["score", str(EXAMPLE), "--questions"], ["progress", str(CLIENT)]]
)
def test_tables_keep_words_whole(width: int, command: list[str]) -> None:
    output = _output(width, *command)
    assert max(len(line.rstrip()) for line in output.splitlines()) <= width
    shown = _words(output)
    for title in ("Data foundations", "Infrastructure and MLOps", "Ethics, risk and governance"):
        assert _words(title) <= shown
    if command[0] == "score":
        assert {"data.inventory", "infrastructure.architecture"} <= shown


def test_wrapped_lines_are_indented(shelf: Shelf) -> None:
    output = _output(60, "plan", str(EXAMPLE))
    lines = output.splitlines()
    start = lines.index("Warnings")
    section = lines[start + 1 :]
    firsts = [line for line in section if line.startswith("  - ")]
    assert len(firsts) == len(plan(EXAMPLE, shelf=shelf).plan.warnings)
    assert section[0].startswith("  - ")
    assert all(line.startswith(("  - ", "    ")) for line in section)
    assert len(section) > len(firsts), "no warning wraps at 60 columns"


def test_emoji_codes_in_a_clients_text_are_printed_as_written(tmp_path: Path) -> None:
    text = EXAMPLE.read_text().replace("name: Acme Retail", 'name: ":warning: Acme :fire:"', 1)
    assert ":warning: Acme" in text
    assessment = tmp_path / "2026-Q4.yaml"
    assessment.write_text(text)
    output = _output(100, "score", str(assessment), "--frameworks", str(ROOT / "questionnaires"))
    assert ":warning: Acme :fire:" in output
    assert "\u26a0" not in output and "\U0001f525" not in output
