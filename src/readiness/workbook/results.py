"""The auditable results workbook: answers, question values, dimension scores and levels, the
overall score, the stage and, from `plan`, the roadmap.

Every computed score is an Excel formula over the answer cells (the weighted mean of the votes,
the dimension's weighted mean, minimum or sum, the critical cap, the overall roll-up), written
next to the engine's value and a check column that says whether they agree, so an analyst can
follow each number in Excel or LibreOffice. The stage is the engine's; the Gates sheet decides
each gate condition that compares one cell with a number by a formula too.

Formulas are saved without computed values (openpyxl writes none; a spreadsheet computes them
on opening): the engine's value in the plain cell beside each is what a preview shows.

Each sheet's formulas address the cells the sheet before it laid out: the answers and scores
sheets are written here, side by side; the summary, gates, verdict, plan and load sheets in
modules of their own, given the addresses they read (the formulas in `formulas`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import UsageError
from readiness.model import Assessment, Framework, format_number
from readiness.score import Scorecard
from readiness.workbook import import_openpyxl
from readiness.workbook.formulas import (
    CHECK,
    NUMBER_FORMAT,
    floor_formula,
    letter,
    put_check,
    round4,
    weighted_median,
)
from readiness.workbook.summary_sheet import write_summary_sheet

if TYPE_CHECKING:
    from readiness.pipeline import Assessed


def build_results(
    assessment: Assessment,
    framework: Framework,
    card: Scorecard,
    plan: Mapping[str, Any] | None = None,
) -> bytes:
    """The results workbook as xlsx bytes (deterministic); `plan` is `Planned.data()`."""
    import_openpyxl()
    from openpyxl import Workbook

    from readiness.workbook import cells

    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Summary"
    people = [r.id for r in assessment.respondents]
    weights = wb.create_sheet("Weights") if people else None
    answers = wb.create_sheet("Answers")
    scores = wb.create_sheet("Scores")
    colour = "1f4e79"
    bold, fill = cells.header_style(colour)
    if weights is not None:
        _weights_sheet(weights, assessment, framework, bold, fill)
    ranges = _answers_sheet(answers, assessment, framework, card, bold, fill)
    rows = _scores_sheet(scores, framework, card, ranges, bold, fill)
    from readiness.workbook.gates_sheet import write_gates_sheet

    addresses = _addresses(framework, ranges, rows)
    gates = write_gates_sheet(wb.create_sheet("Gates"), framework, card, addresses, bold, fill)
    write_summary_sheet(summary, assessment, framework, card, rows, gates, bold, fill)
    front = [summary]
    if plan is not None:
        from readiness.workbook.plan_sheet import write_plan_sheet
        from readiness.workbook.verdict import write_verdict_sheet

        verdict = wb.create_sheet("Verdict", 0)
        wb.active = verdict
        write_verdict_sheet(verdict, framework, plan, bold, fill)
        front.append(verdict)
        last = write_plan_sheet(wb.create_sheet("Plan"), framework, plan, bold, fill)
        from readiness.workbook.load_sheet import write_load_sheet

        load = wb.create_sheet("Load")
        write_load_sheet(load, plan.get("plan", {}), last, bold, fill, CHECK)
    for ws in wb.worksheets:
        ws.freeze_panes = "A2" if ws not in front else None
        cells.print_setup(ws, title_rows="1:1" if ws not in front else None)
        cells.fit_pages(ws)
        if ws not in front:
            cells.align_top(ws, first_row=2)
    return cells.save(wb, when=assessment.date, creator=assessment.assessor)


def _weights_sheet(
    ws: Any, assessment: Assessment, framework: Framework, bold: Any, fill: Any
) -> None:
    """One row per dimension, one column per respondent: the weight of their votes."""
    from readiness.workbook import cells

    people = assessment.respondents
    titles = ["Dimension: the weight of each respondent's votes", *[r.id for r in people]]
    cells.header_row(ws, titles, [30, *[12] * len(people)], bold, fill)
    for column in range(2, len(people) + 2):
        ws.cell(row=1, column=column).alignment = cells.CENTRE
    for row, dimension in enumerate(framework.dimensions, start=2):
        cells.put_text(ws, row, 1, dimension.id)
        for column, person in enumerate(people, start=2):
            weight = person.weights.get(dimension.id, 1.0)
            cells.put_value(ws, row, column, weight, alignment=cells.CENTRE)


def _answers_sheet(
    ws: Any,
    assessment: Assessment,
    framework: Framework,
    card: Scorecard,
    bold: Any,
    fill: Any,
) -> dict[str, tuple[int, int]]:
    """One row per question; returns each dimension's first and last row."""
    from readiness.workbook import cells

    people = [r.id for r in assessment.respondents]
    first_vote = 8
    after = first_vote + len(people)
    value_col, engine_col, check_col, critical_col, na_col = range(after, after + 5)
    titles = [
        "Question",
        "Dimension",
        "Text",
        "Weight",
        "Critical: caps its dimension (1 = yes)",
        "Status (engine)",
        "Answer",
        *[f"Vote: {p}" for p in people],
        "Value (formula)",
        "Value (engine)",
        "Check",
        "Critical value",
        "n/a",
        "Note",
        "Evidence",
        "Confidence",
    ]
    widths = [30, 14, 50, 8, 8, 12, 9, *[10] * len(people), 12, 12, 9, 10, 6, 50, 40, 11]
    weighted = assessment.vote_aggregate == "mean"
    uneven = any(w != 1 for r in assessment.respondents for w in r.weights.values())
    lower_col = na_col + 4  # the weighted median's lower value, where weights differ
    if people and not weighted and uneven:
        titles.append("Weighted median: lower value (formula)")
        widths.append(14)
    cells.header_row(ws, titles, widths, bold, fill)
    spans: dict[str, tuple[int, int]] = {}
    row = 2
    for d_index, dimension in enumerate(framework.dimensions):
        start = row
        equal = all(r.weights.get(dimension.id, 1.0) == 1.0 for r in assessment.respondents)
        for question in dimension.questions:
            key = f"{dimension.id}.{question.id}"
            scored = card.question(key)
            answer = assessment.answers.get(key)
            cells.put_text(ws, row, 1, key)
            cells.put_text(ws, row, 2, dimension.id)
            cells.put_text(ws, row, 3, question.text, alignment=cells.WRAP)
            cells.put_value(ws, row, 4, question.weight)
            cells.put_value(ws, row, 5, 1 if question.critical else 0)
            cells.put_text(ws, row, 6, scored.status)
            if answer is not None and answer.na:
                cells.put_text(ws, row, 7, "n/a")
            elif answer is not None and answer.level is not None:
                cells.put_value(ws, row, 7, answer.level)
            for offset, person in enumerate(people):
                vote = answer.votes.get(person, "") if answer is not None else ""
                column = first_vote + offset
                if vote is None:
                    cells.put_text(ws, row, column, "n/a")
                elif vote != "":
                    cells.put_value(ws, row, column, vote)
            g = f"G{row}"
            votes = f"{letter(first_vote)}{row}:{letter(after - 1)}{row}" if people else None
            if votes is None:
                value = f'=IF(ISNUMBER({g}),{g},"")'
                na = f'=IF({g}="n/a",1,0)'
            else:
                w = f"Weights!$B${d_index + 2}:${letter(len(people) + 1)}${d_index + 2}"
                if weighted:
                    from_votes = f"SUMPRODUCT({votes},{w})/SUMPRODUCT(--ISNUMBER({votes}),{w})"
                elif equal:
                    from_votes = f"MEDIAN({votes})"
                else:
                    lower = f"{letter(lower_col)}{row}"
                    voters = [f"{letter(c)}{row}" for c in range(first_vote, after)]
                    low, from_votes = weighted_median(voters, w, lower)
                    cells.put_value(ws, row, lower_col, low, number_format=NUMBER_FORMAT)
                value = (
                    f'=IF({g}="n/a","",IF(ISNUMBER({g}),{g},IF(COUNT({votes})=0,"",{from_votes})))'
                )
                na = f'=IF({g}="n/a",1,IF(AND({g}="",COUNTA({votes})>0,COUNT({votes})=0),1,0))'
            v = f"{letter(value_col)}{row}"
            cells.put_value(ws, row, value_col, value, number_format=NUMBER_FORMAT)
            if scored.value is not None:
                cells.put_value(ws, row, engine_col, scored.value, number_format=NUMBER_FORMAT)
            put_check(ws, row, check_col, v, f"{letter(engine_col)}{row}")
            cells.put_value(ws, row, critical_col, f'=IF(AND(E{row}=1,ISNUMBER({v})),{v},"")')
            cells.put_value(ws, row, na_col, na)
            texts = _texts(answer)
            for offset, text in enumerate(texts):
                cells.put_text(ws, row, na_col + 1 + offset, text, alignment=cells.WRAP)
            ws.row_dimensions[row].height = cells.row_height(
                [(question.text, 50), (texts[0] or "", 50), (texts[1] or "", 40)]
            )
            row += 1
        spans[dimension.id] = (start, row - 1)
    # Small numbers and flags sit centred, so none runs into the text of the next column.
    for column in (4, 5, 7, *range(first_vote, after), na_col):
        for line in range(2, row):
            ws.cell(row=line, column=column).alignment = cells.CENTRE
    return {"value": (value_col, 0), "critical": (critical_col, 0), "na": (na_col, 0), **spans}


def _addresses(
    framework: Framework, ranges: dict[str, tuple[int, int]], rows: dict[str, int]
) -> dict[str, str]:
    """The cell that holds each fact a gate can compare: a question's value, a dimension's
    score (four decimals, as the engine's), level and coverage, the overall score and level."""
    value = letter(ranges["value"][0])
    found = {"overall.score": "Summary!B9", "overall.level": "Summary!B10"}
    for dimension in framework.dimensions:
        first = ranges[dimension.id][0]
        for offset, question in enumerate(dimension.questions):
            found[f"{dimension.id}.{question.id}"] = f"Answers!{value}{first + offset}"
        row = rows[dimension.id]
        found.update(
            {
                f"{dimension.id}.score": f"Scores!N{row}",
                f"{dimension.id}.level": f"Scores!P{row}",
                f"{dimension.id}.coverage": f"Scores!H{row}",
            }
        )
    return found


def _texts(answer: Any) -> tuple[str | None, str | None, str | None]:
    if answer is None:
        return None, None, None
    notes = [answer.note] if answer.note else []
    notes += [f"{who}: {text}" for who, text in sorted(answer.notes.items())]
    return ("\n".join(notes) or None), answer.evidence, answer.confidence


def _scores_sheet(
    ws: Any,
    framework: Framework,
    card: Scorecard,
    ranges: dict[str, tuple[int, int]],
    bold: Any,
    fill: Any,
) -> dict[str, int]:
    """One row per dimension; returns the row of each dimension."""
    from readiness.workbook import cells

    scale = framework.manifest.scale
    titles = [
        "Dimension", "Title", "Weight", "Aggregate", "Answered", "n/a", "Questions",
        "Coverage (formula)", "Coverage (engine)", "Check",
        "Score (formula)", "Score (engine)", "Check", "Score, 4 decimals",
        "Level before cap", "Level (formula)", "Level (engine)", "Check",
    ]  # fmt: skip
    cells.header_row(
        ws, titles, [16, 28, 8, 11, 11, 6, 11, 11, 11, 8, 11, 11, 8, 11, 10, 10, 10, 8], bold, fill
    )
    value_col, critical_col, na_col = ranges["value"][0], ranges["critical"][0], ranges["na"][0]
    rows: dict[str, int] = {}
    for row, dimension in enumerate(framework.dimensions, start=2):
        rows[dimension.id] = row
        first, last = ranges[dimension.id]
        scored = card.dimension(dimension.id)

        def span(column: int, first: int = first, last: int = last) -> str:
            return f"Answers!{letter(column)}{first}:{letter(column)}{last}"

        values, weights = span(value_col), span(4)
        counted = f"SUMPRODUCT(--ISNUMBER({values}),{weights})"
        aggregate = {
            "mean": f"SUMPRODUCT({values},{weights})/{counted}",
            "min": f"MIN({values})",
            "sum": f"SUMPRODUCT({values},{weights})",
        }[dimension.aggregate]
        cells.put_text(ws, row, 1, dimension.id)
        cells.put_text(ws, row, 2, dimension.title)
        cells.put_value(ws, row, 3, dimension.weight)
        cells.put_text(ws, row, 4, dimension.aggregate, alignment=cells.CENTRE)
        cells.put_value(ws, row, 5, f"=COUNT({values})")
        cells.put_value(ws, row, 6, f"=SUM({span(na_col)})")
        cells.put_value(ws, row, 7, last - first + 1)
        cells.put_value(ws, row, 8, f"=(E{row}+F{row})/G{row}", number_format="0%")
        cells.put_value(ws, row, 9, scored.coverage, number_format="0%")
        put_check(ws, row, 10, f"H{row}", f"I{row}")
        cells.put_value(ws, row, 11, f'=IF(E{row}=0,"",{aggregate})', number_format=NUMBER_FORMAT)
        if scored.score is not None:
            cells.put_value(ws, row, 12, scored.score, number_format=NUMBER_FORMAT)
        put_check(ws, row, 13, f"K{row}", f"L{row}")
        cells.put_value(
            ws, row, 14, f'=IF(K{row}="","",{round4(f"K{row}")})', number_format="0.0000"
        )
        uncapped = floor_formula(scale, f"K{row}", clamp=dimension.aggregate != "sum")
        cells.put_value(ws, row, 15, f'=IF(K{row}="","",{uncapped})')
        critical = span(critical_col)
        cap = f"{floor_formula(scale, f'MIN({critical})')}+{format_number(scale.step)}"
        cells.put_value(
            ws,
            row,
            16,
            f'=IF(O{row}="","",IF(COUNT({critical})=0,O{row},MIN(O{row},{cap})))',
        )
        if scored.level is not None:
            cells.put_value(ws, row, 17, scored.level)
        put_check(ws, row, 18, f"P{row}", f"Q{row}")
    note = len(framework.dimensions) + 3
    cells.put_text(ws, note, 1, SCORES_NOTE, font=cells.font(italic=True), alignment=cells.WRAP)
    ws.merge_cells(start_row=note, end_row=note, start_column=1, end_column=len(titles))
    ws.row_dimensions[note].height = cells.row_height([(SCORES_NOTE, 190)])
    return rows


SCORES_NOTE = (
    "How the formulas read. Answered counts the questions with a value on the Answers sheet, "
    "n/a those answered n/a; Coverage is answered plus n/a over all questions. Score is the "
    "mean of the question values weighted by their Weight column (or their minimum, or their "
    "weighted sum, as Aggregate says); Score, 4 decimals rounds it as the engine does, a tie "
    "to the even digit. Level before cap is the score rounded down to a point of the scale; "
    "Level is the lower of that and one step above the lowest value of a critical question. "
    "Each Check says ok when the formula and the engine's value agree."
)


def write_results(
    target: Path | None,
    assessed: Assessed,
    plan: Mapping[str, Any] | None = None,
    *,
    force: bool = False,
) -> str:
    """Write the results workbook of a scored (and, with `plan`, planned) assessment; returns
    what to print. `UsageError` without a target file."""
    from readiness.files import write_text_atomic

    if target is None:
        raise UsageError("--format xlsx writes a workbook: give it a name with -o FILE.xlsx")
    loaded = assessed.loaded
    data = build_results(loaded.assessment, loaded.framework, assessed.scorecard, plan)
    write_text_atomic(target, data, force=force)
    return f"wrote {target}: every score as a formula next to the engine's value"
