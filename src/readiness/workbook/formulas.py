"""The formulas the results workbook writes: the check beside each engine value, rounding and
flooring as the engine does, and the weighted median of votes.

Each returns formula text (or writes a check cell); the sheets put them where they belong.
"""

from __future__ import annotations

from typing import Any

from readiness.model import Scale, format_number

CHECK_TOLERANCE = "0.000050001"
"""The engine reports values rounded to four decimals while a formula keeps full precision:
they agree when the engine's value is the formula's rounded to four decimals, so within half a
unit of the last decimal, plus a hair for binary fractions."""
NUMBER_FORMAT = "0.00"

CHECK = (
    '=IF(AND({a}="",{b}=""),"ok",IF(OR({a}="",{b}=""),"DIFFERS",IF(ABS({a}-{b})<'
    + CHECK_TOLERANCE
    + ',"ok","DIFFERS")))'
)
"""A check cell's formula: `{a}` and `{b}` are the cells it compares."""


def put_check(ws: Any, row: int, column: int, formula: str, engine: str) -> None:
    """A check cell: ok when the formula cell and the engine's cell agree, else DIFFERS."""
    from readiness.workbook import cells

    text = CHECK.format(a=formula, b=engine)
    cells.put_value(ws, row, column, text, alignment=cells.CENTRE_LINE)


def letter(column: int) -> str:
    """The column letter of a 1-based column number."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def weighted_median(cells: list[str], weights: str, lower: str) -> tuple[str, str]:
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


def round4(cell: str) -> str:
    """`cell` rounded to four decimals as the engine rounds: a tie to the even last digit
    (1.78125 to 1.7812), where a spreadsheet's ROUND rounds it away from zero (1.7813)."""
    scaled = f"{cell}*10000"
    low = f"INT({scaled})"
    even = f"IF(ISEVEN({low}),{low},{low}+1)/10000"
    return f"IF({scaled}-{low}=0.5,{even},ROUND({cell},4))"


def floor_formula(scale: Scale, value: str, *, clamp: bool = True) -> str:
    """`value` rounded down to a point of the scale (kept within it unless `clamp` is off)."""
    low, step, high = (format_number(x) for x in (scale.min, scale.step, scale.max))
    raw = f"({low}+INT(({value}-{low})/{step}+1E-9)*{step})"
    return f"MIN(MAX({raw},{low}),{high})" if clamp else raw
