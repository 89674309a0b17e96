"""What the command-line tests share: running a command as a user would, in this process."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"


def run(*args: str) -> tuple[int, str]:
    """Exit code and output (stdout and stderr) of `readiness ARGS`; never a traceback."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output
