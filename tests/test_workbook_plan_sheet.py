"""The plan sheet of the results workbook: sortable, with real dates and stage titles, every
prerequisite it cites traceable."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from readiness.pipeline import Planned, plan
from readiness.workbook.results import build_results
from workbook_helpers import ROOT

NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"
ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"


def _sheet(planned: Planned) -> Any:
    loaded = planned.assessed.loaded
    data = build_results(
        loaded.assessment, loaded.framework, planned.assessed.scorecard, planned.data()
    )
    return load_workbook(BytesIO(data))["Plan"]


@pytest.fixture(scope="module")
def acme() -> tuple[Planned, Any]:
    planned = plan(ACME)
    return planned, _sheet(planned)


def test_plan_sheet_sorts_and_filters_with_dates_and_stage_titles() -> None:
    planned = plan(NORTHWIND)
    loaded = planned.assessed.loaded
    sheet = _sheet(planned)
    roadmap = planned.data()["plan"]
    rows = len(roadmap["initiatives"]) + len(roadmap["deferred"])
    assert sheet.auto_filter.ref == f"A1:M{rows + 1}"
    first = roadmap["initiatives"][0]
    start = sheet["F2"]
    assert start.is_date and start.number_format == "mmm yyyy"
    assert start.value.strftime("%Y-%m") == first["start"]
    titles = {s.title for s in loaded.framework.manifest.stages}
    stages = {sheet.cell(row=r, column=4).value for r in range(2, rows + 2)} - {None}
    assert stages and stages <= titles
    # Every row is tall enough for its wrapped reasons, so no text runs into the next row.
    assert all(sheet.row_dimensions[r].height for r in range(2, rows + 2))


def test_every_cited_prerequisite_is_a_row_of_the_sheet(acme: tuple[Planned, Any]) -> None:
    planned, sheet = acme
    roadmap = planned.data()["plan"]
    ids = {sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)}
    cited = {d for item in roadmap["initiatives"] for d in item["depends_on"]}
    assert cited and cited <= ids
    achieved = {a["id"] for a in roadmap["achieved"]}
    assert cited & achieved  # the example cites achieved work: those rows say why
    why = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=13).value
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=12).value == "achieved"
    }
    assert set(why) == achieved
    assert why["model-registry"] == "marked done in the assessment"
    assert why["central-data-platform"].startswith("its exit criterion holds on today's answers: ")


def test_a_row_starting_before_its_prerequisite_ends_says_why(
    acme: tuple[Planned, Any],
) -> None:
    _, sheet = acme
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value == "pilot-data-quality"
    )
    assert sheet.cell(row=row, column=11).value == (
        "data-source-inventory (ends Feb 2027; this one is under way already, so it does not wait)"
    )
    serving = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=1).value == "api-model-serving"
    )
    assert sheet.cell(row=serving, column=11).value == "model-registry (achieved: see below)"
