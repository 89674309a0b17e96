"""Every command in the README's `sh` blocks runs as written, in order, in a scratch copy of the
repository, and exits 0 (each is run in this process, its words split and its globs expanded
as the shell does).

PDF rendering takes seconds a report: by default the first command that renders a PDF runs as
written and the later ones write the same report as HTML (`--html`, same inputs and options);
`pytest -m readme_pdf` runs every one of them as written. The `make` lines are not run here,
each for the reason in `RUN_ELSEWHERE`; the test fails if the README gains a command it does
not know how to run.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COPIED = ("README.md", "examples", "questionnaires", "schemas")
RUN_ELSEWHERE = {
    "make demo": "creates .venv and runs `readiness score` and `readiness report`, run below",
    "make check": "runs this test suite",
    "make bench": "measures speed; bench/ is not a test",
}


def _strip_comment(line: str) -> str:
    """The command without its trailing `# comment` (a # inside quotes is kept)."""
    quote = ""
    for index, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1].isspace()):
            return line[:index].rstrip()
    return line.rstrip()


def readme_commands() -> list[str]:
    """Every command of the README's `sh` blocks, in order."""
    blocks = re.findall(r"^```sh\n(.*?)^```", README.read_text(), flags=re.S | re.M)
    return [c for block in blocks for c in map(_strip_comment, block.splitlines()) if c]


def _renders_pdf(command: str) -> bool:
    return command.startswith("readiness report ") and "--html" not in command


def _arguments(command: str) -> list[str]:
    """The arguments the shell would pass: words split as the shell does, globs expanded."""
    arguments: list[str] = []
    for word in shlex.split(command)[1:]:
        globbed = any(c in word for c in "*?[")
        matches = sorted(str(path) for path in Path().glob(word)) if globbed else []
        arguments.extend(matches or [word])
    return arguments


def _run_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, every_pdf: bool) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    for name in [k for k in os.environ if k.startswith("READINESS") or k == "SOURCE_DATE_EPOCH"]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    commands = readme_commands()
    assert {c for c in commands if not c.startswith("readiness ")} == set(RUN_ELSEWHERE)
    pdf_done = False
    for command in commands:
        if not command.startswith("readiness "):
            continue
        if _renders_pdf(command):
            if pdf_done and not every_pdf:
                command += " --html"
            pdf_done = True
        result = CliRunner().invoke(main, _arguments(command), env={"COLUMNS": "100"})
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert "Traceback" not in result.output, command


def test_readme_commands_run_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_all(tmp_path, monkeypatch, every_pdf=False)
    assert (tmp_path / "reports" / "acme-retail-2026-Q4.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "clients" / "acme-workshop" / "2026-Q4.yaml").is_file()
    assert (tmp_path / "reports" / "2026-Q4" / "acme-workshop-2026-Q4.html").is_file()


@pytest.mark.readme_pdf
def test_readme_commands_render_every_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run_all(tmp_path, monkeypatch, every_pdf=True)
    assert (tmp_path / "reports" / "2026-Q4" / "acme-workshop-2026-Q4.pdf").is_file()


def test_comments_are_stripped_outside_quotes() -> None:
    assert _strip_comment('readiness init x --role "A # B"   # note') == (
        'readiness init x --role "A # B"'
    )
    assert _strip_comment("make demo     # creates .venv") == "make demo"
