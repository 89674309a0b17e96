"""The answer cells of a questionnaire sheet: their drop-down lists, with what to pick when a
typed value is not on the list, and the red mark on a row with a note but no answer."""

from __future__ import annotations

from typing import Any

from readiness.workbook.answers import CONFIDENCES
from readiness.workbook.questionnaire import (
    ANSWER,
    CONFIDENCE,
    CONFIDENCE_MEANINGS,
    EVIDENCE,
    FIRST_ROW,
    FORMAT_SHEET,
    NOTE,
    letter,
)

PICK = "Click the arrow at the right of the cell and pick"


def drop_downs(ws: Any, choices: list[str]) -> tuple[Any, Any, Any]:
    """The sheet's three lists (the levels and n/a, the levels alone, the confidences), added
    to it; the cells they apply to are added by the caller. Each lists the hidden sheet's
    entries, and says what to pick when a typed value is not one of them."""
    from openpyxl.worksheet.datavalidation import DataValidation

    with_na = DataValidation(type="list", formula1=_list_ref(4, len(choices) + 1))
    without_na = DataValidation(type="list", formula1=_list_ref(5, len(choices)))
    sure = DataValidation(type="list", formula1=_list_ref(6, len(CONFIDENCES)))
    example = choices[-2] if len(choices) > 1 else choices[0]
    meanings = ", ".join(f"{word} ({meaning})" for word, meaning in CONFIDENCE_MEANINGS.items())
    for validation, prompt, error in (
        (
            with_na,
            f"{PICK} the level that is true today, or n/a where the question does not apply.",
            f"{PICK} a level from the list, e.g. {example}, or n/a.",
        ),
        (
            without_na,
            f"{PICK} the level that is true today.",
            f"{PICK} a level from the list, e.g. {example}.",
        ),
        (
            sure,
            f"How sure you are: {meanings}.",
            f"{PICK} low, medium or high. A note goes in the Note column.",
        ),
    ):
        # A typed value must match an entry exactly (a typed 3 is refused, though the import
        # reads it), so the refusal says what to pick, not only that it is not on the list.
        validation.error = error
        validation.errorTitle = "Pick from the list"
        validation.prompt = prompt
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.showInputMessage = True
        ws.add_data_validation(validation)
    return with_na, without_na, sure


def flag_unanswered(ws: Any, last: int) -> None:
    """Turn a question's answer cell red while its row has a note, evidence or confidence but
    no answer: the import refuses such a row, and the respondent sees it before sending."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    answer = f"${letter(ANSWER)}{FIRST_ROW}"
    given = ",".join(f'${letter(c)}{FIRST_ROW}<>""' for c in (NOTE, EVIDENCE, CONFIDENCE))
    rule = FormulaRule(  # type: ignore[no-untyped-call]
        formula=[f'AND({answer}="",OR({given}))'],
        fill=PatternFill("solid", fgColor="FFF4B6B6", bgColor="FFF4B6B6"),
    )
    target = f"{letter(ANSWER)}{FIRST_ROW}:{letter(ANSWER)}{last}"
    ws.conditional_formatting.add(target, rule)


def _list_ref(column: int, count: int) -> str:
    col = letter(column)
    return f"'{FORMAT_SHEET}'!${col}$1:${col}${count}"
