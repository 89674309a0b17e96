"""Where each question's row is in a filled questionnaire, found by the id in its row, and what
else its sheets hold.

The hidden sheet says which sheet each question is on and the row it was written to; the row is
then found by the question's id in it, so a row inserted or deleted above it changes nothing.
A question whose id is on no row is reported at the cell where its id was: typed over, cleared,
or its whole row deleted. Text anywhere else on a question sheet (a row inserted between the
questions, a comment typed below them or beside a row) is not imported, and a warning names
its cells, so nothing a respondent wrote is dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readiness.model import Framework
from readiness.workbook import questionnaire as q
from readiness.workbook.answers import sheet_ref, shown
from readiness.workbook.importing import Problems, rows_of, sheet_of

FRESH = (
    "make a fresh one with `readiness questionnaire CLIENT_DIR --xlsx --respondent ID "
    "--role ROLE` and copy the answers over"
)


@dataclass(frozen=True)
class Placed:
    """A question's row as found: its sheet, its number and its cells (A on)."""

    sheet: str
    row: int
    cells: tuple[Any, ...]

    def ref(self, column: int) -> str:
        """The reference of one of the row's cells (`'Data foundations'!B7`)."""
        return f"{sheet_ref(self.sheet)}{letter(column)}{self.row}"

    def cell(self, column: int) -> Any:
        """The row's cell at a 1-based column (an empty one past the end of a short row)."""
        return cell_at(self.cells, column)


def place_questions(
    file: str, book: Any, meta: dict[str, str], framework: Framework, problems: Problems
) -> dict[str, Placed]:
    """Each question's row, by the id in it (a question without one is reported), after
    warning of every other row or cell of a question sheet that holds text."""
    layout = q.LAYOUTS[meta["format"]]
    written: dict[str, list[tuple[str, int]]] = {}
    for key in framework.questions():
        sheet, _, row = meta.get(f"q:{key}", "").rpartition("!")
        if sheet not in book.sheetnames or not row.isdigit():
            problems.add(file, "", f"has no row for {key}; {FRESH}")
            continue
        written.setdefault(sheet, []).append((key, int(row)))
    placed: dict[str, Placed] = {}
    for sheet, keys in written.items():
        rows = list(rows_of(sheet_of(book, sheet)))
        found, reported = _place_on_sheet(file, sheet, rows, dict(keys), layout, problems)
        placed |= found
        questions = {p.row: p for p in found.values()}
        _warn_of_text(file, sheet, rows, questions, reported, framework, layout, problems)
    return placed


def _place_on_sheet(
    file: str,
    sheet: str,
    rows: list[tuple[Any, ...]],
    written: dict[str, int],
    layout: q.Layout,
    problems: Problems,
) -> tuple[dict[str, Placed], set[int]]:
    """The rows of one sheet's questions by the id in each, and the rows reported already (an
    id typed over, a question's row twice). A question whose id is on no row is reported where
    its id would be: the row it was written to, moved as far as the question above it moved."""
    placed: dict[str, Placed] = {}
    reported: set[int] = set()
    for number, cells in enumerate(rows, start=1):
        key = cell_at(cells, layout.id).value
        if not isinstance(key, str) or key not in written:
            continue
        if key in placed:
            problems.add(
                file,
                f"{sheet_ref(sheet)}{letter(layout.id)}{number}",
                f"question {key} is also on row {placed[key].row}; delete one of the two rows",
            )
            reported.add(number)
            continue
        placed[key] = Placed(sheet, number, cells)
    shift = 0
    for key, row in sorted(written.items(), key=lambda item: item[1]):
        if key in placed:
            shift = placed[key].row - row
            continue
        number = row + shift
        found = rows[number - 1] if number <= len(rows) else ()
        there, asked = cell_at(found, layout.id).value, cell_at(found, layout.question).value
        at = f"{sheet_ref(sheet)}{letter(layout.id)}{number}"
        if (isinstance(there, str) and there in written) or not _holds_text(asked):
            problems.warn(
                file,
                f"{sheet_ref(sheet)}row {number}",
                f"the row of question {key} was deleted, so it has no answer; undo the change "
                "to answer it",
            )
            continue
        what = "overwritten" if _holds_text(there) else "cleared"
        problems.add(file, at, f"the question id was {what} (it was {key}): undo the change")
        reported.add(number)
    return placed, reported


def _warn_of_text(
    file: str,
    sheet: str,
    rows: list[tuple[Any, ...]],
    questions: dict[int, Placed],
    reported: set[int],
    framework: Framework,
    layout: q.Layout,
    problems: Problems,
) -> None:
    """A warning for each row of the sheet that holds text the import does not read: a row
    that is no question's (past the header rows, and not reported already), or cells past a
    question row's last column. The header rows hold only what the questionnaire wrote there."""
    if not questions:
        return
    first, last = min(questions), max(questions)
    written = _header_texts(framework)
    for number, cells in enumerate(rows, start=1):
        if number in reported:
            continue
        question = questions.get(number)
        above = number < first
        start = len(layout) + 1 if question is not None or above else 1
        found = [
            (column, cell.value)
            for column, cell in enumerate(cells, start=1)
            if column >= start and _holds_text(cell.value)
        ]
        if above:
            found += [
                (column, cell.value)
                for column, cell in enumerate(cells[: len(layout)], start=1)
                if _holds_text(cell.value) and not _written(cell.value, written)
            ]
            found.sort(key=lambda item: item[0])
        if not found:
            continue
        where = f"{letter(found[0][0])}{number}"
        if len(found) > 1:
            where += f":{letter(found[-1][0])}{number}"
        quoted = ", ".join(shown(value) for _, value in found[:2])
        quoted += ", ..." if len(found) > 2 else ""
        if question is not None:
            note = question.ref(layout.note).rpartition("!")[2]
            what = f"text beside the question, outside its cells, is not imported ({quoted}): "
            what += f"move it into the question's note ({note})"
        elif first < number < last:
            what = f"row {number} is not a question, so its text is not imported ({quoted}): "
            what += "move the text into a question's note, then delete the row"
        else:
            what = f"text outside the questions is not imported ({quoted}): move it into a "
            what += "question's note"
        problems.warn(file, f"{sheet_ref(sheet)}{where}", what)


def _header_texts(framework: Framework) -> set[str]:
    """What the questionnaire writes above the questions on a sheet: the dimension's title and
    description and the column headers (the line that says who answers is matched by its
    start)."""
    texts = set(q.HEADERS)
    for dimension in framework.dimensions:
        texts |= {dimension.title, dimension.description}
    return texts


def _written(value: Any, texts: set[str]) -> bool:
    return isinstance(value, str) and (
        value in texts or value.startswith((q.ANSWERING, f'="{q.ANSWERING}'))
    )


def _holds_text(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def cell_at(cells: tuple[Any, ...], column: int) -> Any:
    """The cell of a row read by `rows_of` at a 1-based column (an empty one past the end of
    a short row)."""
    from openpyxl.cell.read_only import EMPTY_CELL

    return cells[column - 1] if column <= len(cells) else EMPTY_CELL


def letter(column: int) -> str:
    """A column's letter (1 = A)."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)
