"""Too little evidence for a client report: `report` refuses below the framework's
`min_coverage`, and `--draft` writes the report with DRAFT on every page
(`readiness.report.draft`); `validate` warns, and `--strict` fails."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {"READINESS_PATH": str(FIXTURES)}


def _thin(tmp_path: Path) -> Path:
    """The mini client with one dimension answered for one question of three."""
    text = (FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml").read_text()
    kept = [line for line in text.splitlines() if not line.startswith("  alpha.t")]
    target = tmp_path / "thin-co" / "2026-Q4.yaml"
    target.parent.mkdir()
    target.write_text("\n".join(kept) + "\n")
    return target


def test_validate_warns_and_strict_fails(tmp_path: Path) -> None:
    target = _thin(tmp_path)
    result = CliRunner().invoke(main, ["validate", str(target)], env=ENV)
    assert result.exit_code == 0
    assert (
        "Alpha: 1 of 3 questions answered (33%), below the framework's minimum coverage of 50%"
        in (result.output)
    )
    strict = CliRunner().invoke(main, ["validate", "--strict", str(target)], env=ENV)
    assert strict.exit_code == 1


def test_report_refuses_without_draft(tmp_path: Path) -> None:
    target = _thin(tmp_path)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(target), "--html", "-o", str(out)], env=ENV)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"{target}: too few answers for a client report: Alpha 33% (the framework asks for "
        "50% of each dimension); answer more, or pass --draft for a report marked DRAFT on "
        "every page"
    )
    assert not out.exists()


def test_a_draft_says_so_on_every_page(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    target = _thin(tmp_path)
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["report", str(target), "--draft", "-o", str(out)], env=ENV)
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True).stdout
    pages = text.decode().split("\f")[:-1]
    assert len(pages) > 3
    # The cover carries the word across the page, drawn under its colour band.
    assert all("DRAFT" in page for page in pages[1:])


def test_a_draft_html_is_marked(tmp_path: Path) -> None:
    target = _thin(tmp_path)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        main, ["report", str(target), "--draft", "--html", "-o", str(out)], env=ENV
    )
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<title>DRAFT: " in html
    assert html.count('class="readiness-draft"') == 1
