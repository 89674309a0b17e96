"""Determinism: the same input gives the same bytes, in a fresh process, whatever the hash seed.

JSON (score, plan, progress, validate) and the report's HTML are byte-identical run to run; the
PDF too when SOURCE_DATE_EPOCH is set, which then also gives the report its date and the PDF its
creation and modification dates. Each run is a separate process with its own PYTHONHASHSEED, so
an order that came from iterating a set of strings would show.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
EPOCH = "1798761600"  # 2027-01-01 00:00:00 UTC
RUN = "import sys; from readiness.cli import main; sys.argv[0] = 'readiness'; main()"


def _run(arguments: list[str], seed: int, cwd: Path, **env: str) -> bytes:
    environment = {
        **os.environ,
        "PYTHONHASHSEED": str(seed),
        "READINESS_PATH": str(FIXTURES),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", RUN, *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.mark.parametrize(
    "arguments",
    [
        ["score", str(EXAMPLE), "--format", "json"],
        ["plan", str(EXAMPLE), "--format", "json", "--start", "2027-01"],
        ["plan", str(FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"), "--format", "json"],
        ["progress", str(ROOT / "examples" / "acme-retail"), "--format", "json"],
        ["validate", str(ROOT / "questionnaires" / "ml-scaling"), "--format", "json"],
    ],
    ids=["score", "plan", "plan-mini", "progress", "validate"],
)
def test_json_is_byte_identical(arguments: list[str], tmp_path: Path) -> None:
    first = _run(arguments, 1, tmp_path)
    second = _run(arguments, 2, tmp_path)
    assert first == second
    assert first.startswith(b"{")


def test_html_is_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for seed in (1, 2):
        target = tmp_path / f"report-{seed}.html"
        _run(
            ["report", str(ROOT / "examples" / "acme-retail"), "--html", "-o", str(target)],
            seed,
            tmp_path,
            SOURCE_DATE_EPOCH=EPOCH,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert b'<meta name="dcterms.created" content="2027-01-01">' in outputs[0]


def test_pdf_is_byte_identical_with_source_date_epoch(tmp_path: Path) -> None:
    import pypdf

    client = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
    outputs = []
    for seed in (1, 2):
        target = tmp_path / f"report-{seed}.pdf"
        _run(["report", str(client), "-o", str(target)], seed, tmp_path, SOURCE_DATE_EPOCH=EPOCH)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    metadata = pypdf.PdfReader(tmp_path / "report-1.pdf").metadata
    assert metadata is not None
    assert metadata["/CreationDate"].startswith("D:20270101")
    assert metadata["/ModDate"].startswith("D:20270101")


def test_source_date_epoch_must_be_a_number(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from readiness.cli import main

    client = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
    result = CliRunner().invoke(
        main,
        ["report", str(client), "--html", "-o", str(tmp_path / "r.html")],
        env={"SOURCE_DATE_EPOCH": "yesterday", "READINESS_PATH": str(FIXTURES)},
    )
    assert (result.exit_code, result.output) == (
        2,
        "error: invalid SOURCE_DATE_EPOCH 'yesterday': expected seconds since 1970-01-01\n",
    )
    assert not (tmp_path / "r.html").exists()


def test_report_date_is_today_without_source_date_epoch(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from readiness.cli import main

    client = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
    result = CliRunner().invoke(
        main,
        ["report", str(client), "--html", "-o", str(tmp_path / "r.html")],
        env={"SOURCE_DATE_EPOCH": None, "READINESS_PATH": str(FIXTURES)},
    )
    assert result.exit_code == 0, result.output
    today = dt.date.today().isoformat()
    assert f'content="{today}"'.encode() in (tmp_path / "r.html").read_bytes()
