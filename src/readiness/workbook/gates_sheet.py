"""The gates sheet of the results workbook: each stage gate's conditions one per row, with
today's value, whether the engine finds it holds and, where the condition compares one cell
of the workbook with a number (a question's value, a dimension's score, level or coverage, the
overall score or level), a formula that decides it from that cell, with a check.

A dimension flagged insufficient evidence is not assessed: a condition reading it gets no
formula, since the engine decides it without the dimension's facts (see `readiness.score`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from readiness.conditions import ConditionError, compile_condition, term_bound
from readiness.index import fact_space_for
from readiness.model import Framework, format_number
from readiness.score import Scorecard
from readiness.score.gates import assessed_facts, unassessed_dimensions

TITLES = ("Stage", "Condition", "Today", "Holds (engine)", "Holds (formula)", "Check",
          "Why the stage asks it")  # fmt: skip
WIDTHS = (20, 38, 12, 13, 24, 8, 52)
_OPERATORS = {"==": "=", "!=": "<>"}
_OUTCOME = {True: "holds", False: "fails", None: "undetermined"}


class GateSummary(NamedTuple):
    """One stage gate for the Summary sheet: its result and the conditions that fail."""

    title: str
    holds: bool | None
    met: int
    total: int
    failing: tuple[str, ...]


def write_gates_sheet(
    ws: Any,
    framework: Framework,
    card: Scorecard,
    addresses: Mapping[str, str],
    bold: Any,
    fill: Any,
) -> list[GateSummary]:
    """One row per condition of every stage gate; `addresses` gives the cell holding each fact
    (`Scores!P3` for `infrastructure.level`). Returns each gate's summary, in stage order."""
    from readiness.workbook import cells

    cells.header_row(ws, TITLES, WIDTHS, bold, fill)
    space = fact_space_for(framework, include_stage=False)
    unassessed = unassessed_dimensions(card.dimensions)
    stages = framework.manifest.stages
    summaries: list[GateSummary] = []
    row = 2
    for position, gate in enumerate(card.gates):
        if gate.condition is None:
            continue
        facts, thin = assessed_facts(framework, position, card.facts, unassessed)
        try:
            condition = compile_condition(gate.condition, space)
        except ConditionError:  # the loader refuses such a gate; shown whole if one slips by
            condition = None
        terms = condition.terms() if condition is not None else ()
        reasons = stages[position].gate_reasons if position < len(stages) else []
        failing: list[str] = []
        for index, term in enumerate(terms):
            outcome = term.evaluate(facts)
            if outcome is not True:
                failing.append(term.text)
            today = ", ".join(_value(card.facts.get(name)) for name in term.reads)
            reason = reasons[index] if index < len(reasons) else None
            texts = (gate.title, term.text, today, _OUTCOME[outcome])
            for column, text in enumerate(texts, start=1):
                cells.put_text(ws, row, column, text, alignment=cells.WRAP)
            formula = _formula(term.tree, addresses, thin)
            if formula.startswith("="):
                cells.put_value(ws, row, 5, formula, alignment=cells.CENTRE)
                check = f'=IF(D{row}=E{row},"ok","DIFFERS")'
                cells.put_value(ws, row, 6, check, alignment=cells.CENTRE)
            else:
                cells.put_text(ws, row, 5, formula, alignment=cells.WRAP)
            cells.put_text(ws, row, 7, reason, alignment=cells.WRAP)
            ws.row_dimensions[row].height = cells.row_height(
                [(gate.title, 20), (term.text, 38), (formula, 24), (reason or "", 52)]
            )
            row += 1
        summaries.append(
            GateSummary(
                gate.title, gate.holds, len(terms) - len(failing), len(terms), tuple(failing)
            )
        )
    ws.auto_filter.ref = f"A1:G{max(row - 1, 1)}"
    return summaries


def _value(value: object) -> str:
    if value is None:
        return "none"
    return format_number(value) if isinstance(value, int | float) else str(value)


def _formula(tree: Any, addresses: Mapping[str, str], thin: tuple[str, ...]) -> str:
    """The formula deciding a term from one cell, or why there is none."""
    bound = term_bound(tree)
    if bound is None:
        return "no formula: not one value compared with a number"
    if bound.fact.split(".")[0] in thin:
        return "no formula: the dimension has too few answers to be assessed"
    cell = addresses.get(bound.fact)
    if cell is None:
        return "no formula: the value has no cell in this workbook"
    test = f"{cell}{_OPERATORS.get(bound.op, bound.op)}{format_number(bound.value)}"
    return f'=IF(ISNUMBER({cell}),IF({test},"holds","fails"),"undetermined")'
