"""The load sheet: the team's load per month as formulas over the plan rows."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from readiness.pipeline import plan
from readiness.workbook.results import build_results
from workbook_helpers import ROOT

ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"


def test_one_row_per_month_with_the_load_as_a_formula_beside_the_plans_figure() -> None:
    planned = plan(ACME)
    loaded = planned.assessed.loaded
    roadmap = planned.data()["plan"]
    data = build_results(
        loaded.assessment, loaded.framework, planned.assessed.scorecard, planned.data()
    )
    sheet = load_workbook(BytesIO(data))["Load"]
    assert sheet.max_row == roadmap["months"] + 1
    last = len(roadmap["initiatives"]) + 1
    assert sheet["C2"].value == (
        f"=SUMPRODUCT(((Plan!$F$2:$F${last}<=B2)*(Plan!$G$2:$G${last}>=B2))*Plan!$I$2:$I${last})"
    )
    assert sheet["B2"].value.strftime("%Y-%m") == roadmap["start"]
    assert sheet["B14"].value.strftime("%Y-%m") == "2028-01"
    # The plan's own figure: what runs in month 1, summed from the records.
    first = sum(i["effort_fte"] for i in roadmap["initiatives"] if i["start_month"] == 0)
    assert sheet["D2"].value == first
    assert all(sheet.cell(r, 6).value == roadmap["team_fte"] for r in range(2, sheet.max_row + 1))
    loads = [sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)]
    assert max(loads) <= roadmap["team_fte"]
