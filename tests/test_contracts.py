"""The import contracts of pyproject.toml bite: each fails on a violation planted in a copy.

The package and its contracts are copied to a temporary folder, one import is added to one
module, and lint-imports is run on the copy: the contract that forbids it must be reported
broken, and the untouched copy must keep every contract.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

LAYERS = "Pipeline layers point one way"
STAGES = "The stages read no files: no loader, no YAML, no click"
CLICK = "Only the CLI imports click"
WEASYPRINT = "Only the report package imports weasyprint"
COMMANDS = "The command line: command modules, each on its own"
MERGE = "The merge: combining respondents' files over writing"
RECORDS = "The records: a framework's and an assessment's, each on its own"

PLANTED = [
    ("score/scoring.py", "import readiness.load", STAGES),
    ("score/scoring.py", "import yaml", STAGES),
    ("rules.py", "import readiness.yamlfile", STAGES),
    ("report/words.py", "import click", STAGES),
    ("terminal.py", "import click", CLICK),
    ("score/scoring.py", "import readiness.rules", LAYERS),
    ("conditions.py", "import readiness.index", LAYERS),
    ("model/framework.py", "import readiness.conditions", LAYERS),
    ("model/base.py", "import readiness.model.assessment", RECORDS),
    ("model/assessment.py", "import readiness.model.framework", RECORDS),
    ("merge/render.py", "import readiness.merge.combine", MERGE),
    ("rules.py", "import weasyprint", WEASYPRINT),
    ("cli/scoring.py", "import readiness.cli.reporting", COMMANDS),
    ("cli/output.py", "import readiness.cli.options", COMMANDS),
    ("yamltree.py", "import readiness.yamlfile", LAYERS),
]


def _lint(tmp_path: Path, module: str | None, line: str | None) -> str:
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    if module is not None and line is not None:
        path = copy / "src" / "readiness" / module
        text = path.read_text(encoding="utf-8")
        marker = "from __future__ import annotations\n"
        path.write_text(text.replace(marker, f"{marker}\n{line}  # noqa\n", 1), encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(copy / "src")}
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "pyproject.toml"],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout + result.stderr + f"\nexit {result.returncode}"


def test_the_copy_keeps_every_contract(tmp_path: Path) -> None:
    output = _lint(tmp_path, None, None)
    assert "0 broken" in output and output.endswith("exit 0"), output


@pytest.mark.parametrize(("module", "line", "contract"), PLANTED, ids=lambda v: str(v))
def test_a_planted_violation_breaks_its_contract(
    tmp_path: Path, module: str, line: str, contract: str
) -> None:
    output = _lint(tmp_path, module, line)
    assert output.endswith("exit 1"), output
    broken = output.partition("Broken contracts")[2]
    assert f"\n{contract}" in broken, output
