"""The summary sheet of the results workbook: who and what was assessed, the overall score and
level as formulas beside the engine's values, each stage gate with how many of its conditions
hold and which fail, and how to follow a score back through the sheets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from readiness.model import Assessment, Framework
from readiness.score import Scorecard
from readiness.workbook.formulas import NUMBER_FORMAT, floor_formula, put_check

if TYPE_CHECKING:
    from readiness.workbook.gates_sheet import GateSummary


def write_summary_sheet(
    ws: Any,
    assessment: Assessment,
    framework: Framework,
    card: Scorecard,
    rows: dict[str, int],
    gates: Sequence[GateSummary],
    bold: Any,
    fill: Any,
) -> None:
    """The overall score and level, each with its check, and the stage's gates."""
    from readiness.workbook import cells

    manifest = framework.manifest
    first, last = min(rows.values()), max(rows.values())
    rounded, weights = f"Scores!N{first}:N{last}", f"Scores!C{first}:C{last}"
    overall = {
        "mean": f"SUMPRODUCT({rounded},{weights})/SUMPRODUCT(--ISNUMBER({rounded}),{weights})",
        "min": f"MIN({rounded})",
        "sum": f"SUMPRODUCT({rounded},{weights})",
    }[manifest.aggregate]
    sums = manifest.aggregate == "sum" or any(d.aggregate == "sum" for d in framework.dimensions)
    cells.set_widths(ws, [30, 16, 16, 10, 90])
    cells.put_text(
        ws,
        1,
        1,
        f"{card.organization}: results, {card.period}",
        font=cells.font(bold=True, size=14),
    )
    facts: list[tuple[str, str | dt.date]] = [
        ("Framework", card.framework),
        ("Assessed on", assessment.date),
        ("Assessor", assessment.assessor),
        ("Respondents", "; ".join(f"{r.id} ({r.role})" for r in assessment.respondents) or "-"),
    ]
    for row, (label, fact) in enumerate(facts, start=3):
        cells.put_text(ws, row, 1, label, font=cells.font(bold=True))
        if isinstance(fact, str):
            cells.put_text(ws, row, 2, fact)
        else:  # the date, as a date a spreadsheet sorts and formats
            cells.put_value(ws, row, 2, fact, number_format="yyyy-mm-dd", alignment=cells.LEFT)
    for column, title in enumerate(("", "Formula", "Engine", "Check"), start=1):
        cells.put_text(ws, 8, column, title, font=bold, fill=fill)
    cells.put_text(ws, 9, 1, "Overall score")
    cells.put_value(ws, 9, 2, f'=IF(COUNT({rounded})=0,"",{overall})', number_format=NUMBER_FORMAT)
    if card.score is not None:
        cells.put_value(ws, 9, 3, card.score, number_format=NUMBER_FORMAT)
    put_check(ws, 9, 4, "B9", "C9")
    cells.put_text(ws, 10, 1, "Overall level")
    level = floor_formula(manifest.scale, "B9", clamp=not sums)
    cells.put_value(ws, 10, 2, f'=IF(B9="","",{level})')
    if card.level is not None:
        cells.put_value(ws, 10, 3, card.level)
    put_check(ws, 10, 4, "B10", "C10")
    cells.put_text(ws, 11, 1, "Stage (engine)")
    cells.put_text(ws, 11, 3, card.stage_title)
    titles = ("Stage gate", "Result", "Conditions that hold", "", "Conditions that fail")
    for column, title in enumerate(titles, start=1):
        cells.put_text(ws, 13, column, title or None, font=bold, fill=fill)
    for row, gate in enumerate(gates, start=14):
        holds = {True: "holds", False: "does not hold", None: "undetermined"}[gate.holds]
        failing = "; ".join(gate.failing) or "none"
        cells.put_text(ws, row, 1, gate.title, alignment=cells.WRAP)
        cells.put_text(ws, row, 2, holds, alignment=cells.WRAP)
        cells.put_text(ws, row, 3, f"{gate.met} of {gate.total}", alignment=cells.WRAP)
        cells.put_text(ws, row, 5, failing, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height([(failing, 90)])
    note = len(gates) + 15
    how = (
        "Each Check cell says ok when the formula over the answers equals the engine's value "
        "to four decimals. Follow a score back: the Answers sheet turns each answer (or the "
        "votes) into a question value; the Scores sheet rolls the values up into each "
        "dimension's score and level; the overall score above rolls up the Scores sheet's "
        "four-decimal scores. The Gates sheet lists each gate's conditions one per row, with a "
        "formula where a condition compares one cell with a number."
    )
    cells.put_text(ws, note, 1, how, font=cells.font(italic=True), alignment=cells.WRAP)
    ws.merge_cells(start_row=note, end_row=note, start_column=1, end_column=5)
    ws.row_dimensions[note].height = cells.row_height([(how, 162)])
