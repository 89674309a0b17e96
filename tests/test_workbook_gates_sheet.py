"""The gates sheet: each stage gate's conditions one per row, decided by a formula where a
condition compares one cell with a number."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from readiness.load import load_assessment
from readiness.score import score_assessment
from readiness.workbook.results import build_results
from workbook_helpers import ROOT

ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"


@pytest.fixture(scope="module")
def book() -> Any:
    loaded = load_assessment(ACME)
    card = score_assessment(loaded.assessment, loaded.framework)
    return load_workbook(BytesIO(build_results(loaded.assessment, loaded.framework, card)))


def test_one_row_per_condition_of_every_gate(book: Any) -> None:
    rows = list(book["Gates"].iter_rows(min_row=2, values_only=True))
    department = [r for r in rows if r[0] == "Department scale"]
    assert len(department) == 20
    assert department[1][:4] == ("Department scale", "infrastructure.level >= 2", "1", "fails")
    assert department[1][6].startswith("A second team cannot reuse infrastructure")
    assert all(r[3] in ("holds", "fails", "undetermined") for r in rows)


def test_a_level_or_question_condition_is_a_formula_over_its_cell(book: Any) -> None:
    sheet = book["Gates"]
    by_text = {sheet.cell(r, 2).value: r for r in range(2, sheet.max_row + 1)}
    level = by_text["infrastructure.level >= 2"]
    assert sheet.cell(level, 5).value == (
        '=IF(ISNUMBER(Scores!P3),IF(Scores!P3>=2,"holds","fails"),"undetermined")'
    )
    monitoring = by_text["infrastructure.monitoring >= 3"]
    answers = book["Answers"]
    row = next(
        r
        for r in range(2, answers.max_row + 1)
        if answers.cell(r, 1).value == "infrastructure.monitoring"
    )
    assert f"Answers!H{row}>=3" in sheet.cell(monitoring, 5).value
    assert sheet.cell(monitoring, 6).value == f'=IF(D{monitoring}=E{monitoring},"ok","DIFFERS")'


def test_the_summary_says_how_many_conditions_hold_and_which_fail(book: Any) -> None:
    summary = book["Summary"]
    gate = next(r for r in range(13, 20) if summary.cell(r, 1).value == "Department scale")
    assert summary.cell(gate, 2).value == "does not hold"
    assert summary.cell(gate, 3).value == "15 of 20"
    assert summary.cell(gate, 5).value == (
        "infrastructure.level >= 2; ethics.level >= 2; measurement.level >= 2; "
        "infrastructure.monitoring >= 3; ethics.risk_review >= 2"
    )
