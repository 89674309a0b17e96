"""The auditable results workbook: answers, question values, dimension scores and levels, the
overall score, the stage and, from `plan`, the roadmap.

Every computed score is an Excel formula over the answer cells (the weighted mean of the votes,
the dimension's weighted mean, minimum or sum, the critical cap, the overall roll-up), written
next to the engine's value and a check column that says whether they agree, so an analyst can
follow each number in Excel or LibreOffice. The stage is the engine's; the Gates sheet decides
each gate condition that compares one cell with a number by a formula too.

Formulas are saved without computed values (openpyxl writes none; a spreadsheet computes them
on opening): the engine's value in the plain cell beside each is what a preview shows.

The module runs past 400 lines on purpose: each sheet's formulas address the cells the sheet
before it laid out (answers, then scores, then the summary), so the sheets are written side by
side where those addresses can be checked against each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import UsageError
from readiness.model import Assessment, Framework, Scale, format_number
from readiness.score import Scorecard
from readiness.workbook import import_openpyxl

if TYPE_CHECKING:
    from readiness.pipeline import Assessed
    from readiness.workbook.gates_sheet import GateSummary

CHECK_TOLERANCE = "0.000050001"
"""The engine reports values rounded to four decimals while a formula keeps full precision:
they agree when the engine's value is the formula's rounded to four decimals, so within half a
unit of the last decimal, plus a hair for binary fractions."""
NUMBER_FORMAT = "0.00"


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
    _summary_sheet(summary, assessment, framework, card, rows, gates, bold, fill)
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
        write_load_sheet(load, plan.get("plan", {}), last, bold, fill, _CHECK)
    for ws in wb.worksheets:
        ws.freeze_panes = "A2" if ws not in front else None
        cells.print_setup(ws, title_rows="1:1" if ws not in front else None)
        cells.fit_pages(ws)
        if ws not in front:
            cells.align_top(ws, first_row=2)
    return cells.save(wb, when=assessment.date, creator=assessment.assessor)


_CHECK = (
    '=IF(AND({a}="",{b}=""),"ok",IF(OR({a}="",{b}=""),"DIFFERS",IF(ABS({a}-{b})<'
    + CHECK_TOLERANCE
    + ',"ok","DIFFERS")))'
)


def _put_check(ws: Any, row: int, column: int, formula: str, engine: str) -> None:
    """A check cell: ok when the formula cell and the engine's cell agree, else DIFFERS."""
    from readiness.workbook import cells

    text = _CHECK.format(a=formula, b=engine)
    cells.put_value(ws, row, column, text, alignment=cells.CENTRE_LINE)


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


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


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
            votes = f"{_letter(first_vote)}{row}:{_letter(after - 1)}{row}" if people else None
            if votes is None:
                value = f'=IF(ISNUMBER({g}),{g},"")'
                na = f'=IF({g}="n/a",1,0)'
            else:
                w = f"Weights!$B${d_index + 2}:${_letter(len(people) + 1)}${d_index + 2}"
                if weighted:
                    from_votes = f"SUMPRODUCT({votes},{w})/SUMPRODUCT(--ISNUMBER({votes}),{w})"
                elif equal:
                    from_votes = f"MEDIAN({votes})"
                else:
                    lower = f"{_letter(lower_col)}{row}"
                    voters = [f"{_letter(c)}{row}" for c in range(first_vote, after)]
                    low, from_votes = _weighted_median(voters, w, lower)
                    cells.put_value(ws, row, lower_col, low, number_format=NUMBER_FORMAT)
                value = (
                    f'=IF({g}="n/a","",IF(ISNUMBER({g}),{g},IF(COUNT({votes})=0,"",{from_votes})))'
                )
                na = f'=IF({g}="n/a",1,IF(AND({g}="",COUNTA({votes})>0,COUNT({votes})=0),1,0))'
            v = f"{_letter(value_col)}{row}"
            cells.put_value(ws, row, value_col, value, number_format=NUMBER_FORMAT)
            if scored.value is not None:
                cells.put_value(ws, row, engine_col, scored.value, number_format=NUMBER_FORMAT)
            _put_check(ws, row, check_col, v, f"{_letter(engine_col)}{row}")
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
    value = _letter(ranges["value"][0])
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


def _weighted_median(cells: list[str], weights: str, lower: str) -> tuple[str, str]:
    """The formulas of the weighted median of the vote cells, as the engine takes it: the
    lowest vote whose votes at or below it weigh at least half the total (for the cell
    `lower`), and the value: the midpoint of that and the next higher vote when the votes at
    or below it weigh exactly half, else that vote."""
    votes = f"{cells[0]}:{cells[-1]}"
    total = f"SUMPRODUCT(--ISNUMBER({votes}),{weights})"

    def upto(x: str) -> str:
        return f"SUMPRODUCT(--({votes}<={x}),--ISNUMBER({votes}),{weights})"

    def least(test: str) -> str:
        terms = [f"IF(ISNUMBER({v}),IF({test.format(v=v)},{v},1E+9),1E+9)" for v in cells]
        return f"MIN({','.join(terms)})"

    low = f'=IF(COUNT({votes})=0,"",{least(upto("{v}") + f">={total}/2-1E-9")})'
    higher = least("{v}>" + lower)
    value = f"IF(ABS({upto(lower)}-{total}/2)<1E-9,({lower}+{higher})/2,{lower})"
    return low, value


def _texts(answer: Any) -> tuple[str | None, str | None, str | None]:
    if answer is None:
        return None, None, None
    notes = [answer.note] if answer.note else []
    notes += [f"{who}: {text}" for who, text in sorted(answer.notes.items())]
    return ("\n".join(notes) or None), answer.evidence, answer.confidence


def _round4(cell: str) -> str:
    """`cell` rounded to four decimals as the engine rounds: a tie to the even last digit
    (1.78125 to 1.7812), where a spreadsheet's ROUND rounds it away from zero (1.7813)."""
    scaled = f"{cell}*10000"
    low = f"INT({scaled})"
    even = f"IF(ISEVEN({low}),{low},{low}+1)/10000"
    return f"IF({scaled}-{low}=0.5,{even},ROUND({cell},4))"


def _floor(scale: Scale, value: str, *, clamp: bool = True) -> str:
    low, step, high = (format_number(x) for x in (scale.min, scale.step, scale.max))
    raw = f"({low}+INT(({value}-{low})/{step}+1E-9)*{step})"
    return f"MIN(MAX({raw},{low}),{high})" if clamp else raw


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
            return f"Answers!{_letter(column)}{first}:{_letter(column)}{last}"

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
        _put_check(ws, row, 10, f"H{row}", f"I{row}")
        cells.put_value(ws, row, 11, f'=IF(E{row}=0,"",{aggregate})', number_format=NUMBER_FORMAT)
        if scored.score is not None:
            cells.put_value(ws, row, 12, scored.score, number_format=NUMBER_FORMAT)
        _put_check(ws, row, 13, f"K{row}", f"L{row}")
        cells.put_value(
            ws, row, 14, f'=IF(K{row}="","",{_round4(f"K{row}")})', number_format="0.0000"
        )
        uncapped = _floor(scale, f"K{row}", clamp=dimension.aggregate != "sum")
        cells.put_value(ws, row, 15, f'=IF(K{row}="","",{uncapped})')
        critical = span(critical_col)
        cap = f"{_floor(scale, f'MIN({critical})')}+{format_number(scale.step)}"
        cells.put_value(
            ws,
            row,
            16,
            f'=IF(O{row}="","",IF(COUNT({critical})=0,O{row},MIN(O{row},{cap})))',
        )
        if scored.level is not None:
            cells.put_value(ws, row, 17, scored.level)
        _put_check(ws, row, 18, f"P{row}", f"Q{row}")
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


def _summary_sheet(
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
    _put_check(ws, 9, 4, "B9", "C9")
    cells.put_text(ws, 10, 1, "Overall level")
    level = _floor(manifest.scale, "B9", clamp=not sums)
    cells.put_value(ws, 10, 2, f'=IF(B9="","",{level})')
    if card.level is not None:
        cells.put_value(ws, 10, 3, card.level)
    _put_check(ws, 10, 4, "B10", "C10")
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
