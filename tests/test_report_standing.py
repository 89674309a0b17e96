"""Where each dimension stands: a verdict that names the one disputed answer a met
requirement rests on."""

from __future__ import annotations

from pathlib import Path

from readiness.pipeline import assess
from readiness.report.standing import standing_rows

ROOT = Path(__file__).resolve().parent.parent


def test_a_requirement_met_only_on_one_disputed_answer_names_it() -> None:
    assessed = assess(ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml")
    rows = standing_rows(assessed.loaded.framework, assessed.scorecard)
    disputed = [r for r in rows if r.state == "disputed"]
    assert [r.dimension for r in disputed] == ["Data foundations"]
    (row,) = disputed
    (practice,) = [p for p in row.practices if p.asked and p.disputed]
    assert practice.name == "Data quality"
    assert row.verdict == "Rests on a disputed answer: data quality"
    # Rows that are not disputed keep their verdicts.
    assert {r.verdict for r in rows if r.state == "meets"} == {"In place"}
