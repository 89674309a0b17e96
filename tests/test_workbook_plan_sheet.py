"""The plan sheet of the results workbook: sortable, with real dates and stage titles."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from readiness.pipeline import plan
from readiness.workbook.results import build_results
from workbook_helpers import ROOT

NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"


def test_plan_sheet_sorts_and_filters_with_dates_and_stage_titles() -> None:
    planned = plan(NORTHWIND)
    loaded = planned.assessed.loaded
    data = build_results(
        loaded.assessment, loaded.framework, planned.assessed.scorecard, planned.data()
    )
    sheet = load_workbook(BytesIO(data))["Plan"]
    assert sheet.auto_filter.ref == f"A1:M{sheet.max_row}"
    first = planned.data()["plan"]["initiatives"][0]
    start = sheet["F2"]
    assert start.is_date and start.number_format == "mmm yyyy"
    assert start.value.strftime("%Y-%m") == first["start"]
    titles = {s.title for s in loaded.framework.manifest.stages}
    stages = {sheet.cell(row=r, column=4).value for r in range(2, sheet.max_row + 1)} - {None}
    assert stages and stages <= titles
    # Every row is tall enough for its wrapped reasons, so no text runs into the next row.
    assert all(sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1))
