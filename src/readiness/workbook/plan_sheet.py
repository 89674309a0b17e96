"""The plan sheet of the results workbook: one row per initiative with its workstream, stage,
owner, start and end months, effort, dependencies and reasons, then the deferred initiatives."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.model import Framework


def write_plan_sheet(
    ws: Any, framework: Framework, plan: Mapping[str, Any], bold: Any, fill: Any
) -> None:
    """One row per initiative (then the deferred ones), with a filter on the header row to
    sort and filter by stage, owner, start or workstream. Start and end are dates (the first
    of their month) so they sort and filter as dates."""
    from openpyxl.utils import get_column_letter

    from readiness.workbook import cells

    titles = ["Id", "Initiative", "Workstream", "Stage", "Owner", "Start", "End",
              "Months", "Effort (FTE)", "Depends on (ids)", "Status", "Why"]  # fmt: skip
    widths = [24, 44, 26, 16, 22, 10, 10, 8, 9, 24, 11, 60]
    cells.header_row(ws, titles, widths, bold, fill)
    titles_by_id = {d.id: d.title for d in framework.dimensions}
    stages = {s.id: s.title for s in framework.manifest.stages}
    roadmap = plan.get("plan", {})
    row = 2
    for item in roadmap.get("initiatives", []):
        why = "; ".join(str(w.get("title", "")) for w in item.get("why", []))
        workstream = item.get("workstream") or titles_by_id.get(item.get("dimension", ""), "")
        stage = item.get("stage")
        texts = [item.get("id"), item.get("title"), workstream,
                 stages.get(stage, stage), item.get("owner")]  # fmt: skip
        for column, text in enumerate(texts, start=1):
            cells.put_text(
                ws, row, column, None if text is None else str(text), alignment=cells.WRAP
            )
        for column, key in ((6, "start"), (7, "end")):
            _put_month(ws, row, column, item.get(key))
        cells.put_value(ws, row, 8, item.get("duration_months"), alignment=cells.CENTRE)
        cells.put_value(ws, row, 9, item.get("effort_fte"), alignment=cells.CENTRE)
        depends = ", ".join(item.get("depends_on", []))
        cells.put_text(ws, row, 10, depends, alignment=cells.WRAP)
        cells.put_text(ws, row, 11, item.get("status"))
        cells.put_text(ws, row, 12, why, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height(
            [(str(texts[1]), 44), (str(texts[2]), 26), (depends, 24), (why, 60)]
        )
        row += 1
    for item in roadmap.get("deferred", []):
        title, reason = str(item.get("title", "")), str(item.get("reason", ""))
        cells.put_text(ws, row, 1, str(item.get("id", "")))
        cells.put_text(ws, row, 2, title, alignment=cells.WRAP)
        cells.put_text(ws, row, 11, "deferred")
        cells.put_text(ws, row, 12, reason, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height([(title, 44), (reason, 60)])
        row += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{max(row - 1, 1)}"


def _put_month(ws: Any, row: int, column: int, value: Any) -> None:
    """`2027-03` as the date 2027-03-01 shown `Mar 2027`; anything else as text."""
    import datetime as dt
    import re

    from readiness.workbook import cells

    if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        month = dt.date(int(value[:4]), int(value[5:]), 1)
        cells.put_value(ws, row, column, month, number_format="mmm yyyy")
    else:
        cells.put_text(ws, row, column, None if value is None else str(value))
