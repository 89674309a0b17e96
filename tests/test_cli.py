"""The command line as a whole (`readiness.cli`): every command documented with examples,
usage errors, and each command importing only what it uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from cli_helpers import CLIENT, FIXTURES, run
from readiness.cli import COMMANDS, main

README = (Path(__file__).parent.parent / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_and_is_documented(name: str) -> None:
    code, output = run(name, "--help")
    assert code == 0
    assert "Usage: main" in output or "Usage: readiness" in output
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.help
    assert f"readiness {name}" in README, f"README does not show `readiness {name}`"


@pytest.mark.parametrize("name", ["", *sorted(COMMANDS)])
def test_every_help_has_examples(name: str) -> None:
    code, output = run(*[name][: bool(name)], "--help")
    assert code == 0
    examples = output.split("Examples:\n")[1].split("\n\n")[0].splitlines()
    assert examples, output
    command = f"readiness {name} " if name else "readiness "
    assert all(line.strip().startswith(command) for line in examples if line[6:7] != " ")


def test_an_unknown_command_is_a_usage_error() -> None:
    code, output = run("scroe")
    assert code == 2
    assert "No such command 'scroe'" in output


def test_usage_error_exits_2() -> None:
    code, _ = run("score")
    assert code == 2
    code, _ = run("score", str(CLIENT), "--format", "xml")
    assert code == 2


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'rule_engine', 'pydantic', 'rich', 'jinja2', 'openpyxl') "
        "if m in sys.modules]\nprint('HEAVY=' + ','.join(heavy))"
    )
    output = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output == "HEAVY="


def test_score_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        f"try:\n    main(['score', {str(CLIENT)!r}, '--frameworks', {str(FIXTURES)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print('weasyprint' in sys.modules)"
    )
    output = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output == "False"


def test_score_imports_no_terminal_library_and_looks_for_no_pydantic_plugin() -> None:
    """The score table is drawn without rich, and pydantic is told the package has no
    plugins (a scan of every installed package's entry points would fail here)."""
    code = (
        "import importlib.metadata, sys\n"
        "def refuse(**_):\n    raise SystemExit('entry points scanned')\n"
        "importlib.metadata.entry_points = refuse\n"
        "from readiness.cli import main\n"
        f"try:\n    main(['score', {str(CLIENT)!r}, '--frameworks', {str(FIXTURES)!r}, "
        "'--disputes'])\n"
        "except SystemExit as stop:\n    if stop.code:\n        raise\n"
        "print('rich' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_score_imports_its_command_module_and_stages_only() -> None:
    """`score` loads neither the other command modules nor the planner, the report or the
    batch machinery."""
    code = (
        "import sys; from readiness.cli import main\n"
        f"try:\n    main(['score', {str(CLIENT)!r}, '--frameworks', {str(FIXTURES)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(('readiness.cli.', "
        "'readiness.pipeline.', 'readiness.plan.roadmap', 'readiness.progress', "
        "'readiness.report', 'readiness.batch', 'readiness.workshop', 'openpyxl')))))"
    )
    output = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output.split(",") == [
        "readiness.cli.options",
        "readiness.cli.output",
        "readiness.cli.scoring",
        "readiness.pipeline.assessing",
    ]


def test_a_terminal_or_pipe_that_cannot_show_a_character_gets_its_escape(
    tmp_path: Path,
) -> None:
    # Printing to an ASCII or Latin-1 stream (PYTHONIOENCODING, a Windows pipe in cp1252) was a
    # UnicodeEncodeError traceback at the first table border or accented name.
    client = tmp_path / "2026-Q4.yaml"
    client.write_text(CLIENT.read_text().replace("Mini Co", "Zoë – Ünïcødé"), "utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "READINESS_PATH": str(FIXTURES)}
    done = subprocess.run(
        [sys.executable, "-c", "from readiness.cli import main; main()", "score", str(client)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert b"Zo\\xeb \\u2013 \\xdcn\\xefc\\xf8d\\xe9" in done.stdout
