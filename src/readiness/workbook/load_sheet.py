"""The load sheet of the results workbook: for each month of the plan, the FTE the running
initiatives take and how many run, as formulas over the Plan sheet's rows, against the
team's FTE and the limit of initiatives at once, so the team limit can be checked in Excel.

Beside each formula is the same figure summed from the plan's records, with a check cell, as
the scores have theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

TITLES = ("Month of the plan", "Month", "Load (FTE, formula)", "Load (FTE, plan)", "Check",
          "Team (FTE)", "Within the team", "Initiatives running (formula)",
          "Most at once", "Within the limit")  # fmt: skip
WIDTHS = (9, 11, 11, 11, 8, 9, 10, 12, 9, 10)


def write_load_sheet(
    ws: Any, plan: Mapping[str, Any], last_row: int, bold: Any, fill: Any, check: str
) -> None:
    """One row per month of `plan` (the `plan` part of `Planned.data()`); the Plan sheet's
    scheduled initiatives are its rows 2 to `last_row`. `check` is the check formula with
    `{a}` and `{b}` for the two cells it compares."""
    from readiness.workbook import cells

    cells.header_row(ws, TITLES, WIDTHS, bold, fill)
    items = plan.get("initiatives", [])
    start = str(plan.get("start") or "")
    if not items or len(start) != 7:
        return
    first = dt.date(int(start[:4]), int(start[5:]), 1)
    team, limit = plan.get("team_fte"), plan.get("capacity")

    def span(column: str) -> str:
        return f"Plan!${column}$2:${column}${last_row}"

    for month in range(int(plan.get("months") or 0)):
        row = month + 2
        total = month + first.month - 1
        day = dt.date(first.year + total // 12, total % 12 + 1, 1)
        running = f"(({span('F')}<=B{row})*({span('G')}>=B{row}))"
        load = sum(
            float(i.get("effort_fte") or 0)
            for i in items
            if int(i.get("start_month", 0)) <= month < int(i.get("end_month", 0))
        )
        centre = {"alignment": cells.CENTRE_LINE}
        cells.put_value(ws, row, 1, month + 1, **centre)
        cells.put_value(ws, row, 2, day, number_format="mmm yyyy", **centre)
        cells.put_value(ws, row, 3, f"=SUMPRODUCT({running}*{span('I')})", number_format="0.0")
        cells.put_value(ws, row, 4, round(load, 4), number_format="0.0")
        cells.put_value(ws, row, 5, check.format(a=f"C{row}", b=f"D{row}"), **centre)
        cells.put_value(ws, row, 6, team, number_format="0.0")
        cells.put_value(ws, row, 7, f'=IF(C{row}<=F{row}+1E-9,"yes","OVER")', **centre)
        cells.put_value(ws, row, 8, f"=SUMPRODUCT({running})", **centre)
        cells.put_value(ws, row, 9, limit, **centre)
        cells.put_value(ws, row, 10, f'=IF(H{row}<=I{row},"yes","OVER")', **centre)
