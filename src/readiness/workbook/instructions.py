"""The questionnaire's instructions sheet: who answers, how to answer, where and by when to send
it back, how long it takes, that it is confidential, the scale, and how far each sheet is
answered. `importing` reads the respondent's name and role back from it."""

from __future__ import annotations

import datetime as dt

from readiness.model import Framework, format_number
from readiness.workbook.questionnaire import (
    ANSWER,
    CONFIDENCE,
    CONFIDENCE_MEANINGS,
    EVIDENCE,
    FIRST_ROW,
    INTRO_WIDTHS,
    NAME_CELL,
    NOTE,
    ROLE_CELL,
    Recipient,
    choice_label,
    letter,
)


def write_instructions(ws: object, framework: Framework, recipient: Recipient, colour: str) -> None:
    """Who answers (name and role to correct), how to answer, where and when to send it back,
    how long it takes, that it is confidential, and the scale."""
    from openpyxl.styles import Protection
    from openpyxl.worksheet.worksheet import Worksheet

    from readiness.workbook import cells

    assert isinstance(ws, Worksheet)
    bold, fill = cells.header_style(colour)
    scale = framework.manifest.scale
    by = [f"Prepared by {recipient.preparer}."] if recipient.preparer else []
    if recipient.due is not None:
        by.append(f"Please return it by {_day(recipient.due)}.")
    cells.set_widths(ws, INTRO_WIDTHS)
    cells.put_text(
        ws, 1, 1, framework.manifest.title, font=cells.font(bold=True, size=16, color=colour)
    )
    cells.put_text(
        ws,
        2,
        1,
        f"Questionnaire for {recipient.organization}, {period_words(recipient.period)}.",
        font=cells.font(italic=True),
    )
    if by:
        cells.put_text(ws, 3, 1, " ".join(by), font=cells.font(italic=True))
    # The name and role stay on rows 6 and 7, where workbooks already sent out have them.
    cells.put_text(ws, NAME_CELL[0] - 1, 1, "Who answers", font=bold, fill=fill)
    cells.put_text(ws, NAME_CELL[0] - 1, 2, "", fill=fill)
    cells.put_text(ws, NAME_CELL[0], 1, "Your name")
    cells.put_text(ws, ROLE_CELL[0], 1, "Your role")
    for (row, column), value in ((NAME_CELL, recipient.name), (ROLE_CELL, recipient.role)):
        cells.put_text(ws, row, column, value or "", fill=cells.answer_fill(), border=cells.BORDER)
        cell = ws.cell(row=row, column=column)
        cell.protection = Protection(locked=False)
    count, parts = len(framework.questions()), len(framework.dimensions)
    steps = [
        f"There are {count} questions on the {parts} sheets after this one (listed below, "
        "with how many you have answered); each row of a sheet is one question.",
        "Read the question and the description of each level, then click the yellow "
        "'Your answer' cell and pick from its list the level that describes what is true "
        "today, not what is planned. When two levels fit, choose the lower one.",
        "n/a is in the list only where the question allows it, and the question says when "
        "it applies.",
        "Unsure? Choose the level you believe and set Confidence to low. Cannot judge a "
        "question at all? Leave its whole row empty (answer, note, evidence and "
        "confidence). A row with a note but no answer turns its answer cell red: choose a "
        "level there, or clear the row.",
        "Note: what you see today, in a sentence. Evidence: a document, a report or a system "
        "you could show. Confidence: "
        + ", ".join(f"{word} ({meaning})" for word, meaning in CONFIDENCE_MEANINGS.items())
        + ".",
        "Anything you want to say about a question goes in its Note: text typed anywhere "
        "else does not reach the assessment. Only the yellow cells can be changed. Keep the "
        "file as .xlsx under its name and send it back.",
    ]
    cells.put_text(ws, 9, 1, "How to answer", font=bold, fill=fill)
    cells.put_text(ws, 9, 2, "", fill=fill)
    for offset, step in enumerate(steps):
        row = 10 + offset
        cells.put_text(ws, row, 1, f"{offset + 1}.", alignment=cells.WRAP)
        cells.put_text(ws, row, 2, step, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height([(step, INTRO_WIDTHS[1])])
    row = 11 + len(steps)
    cells.put_text(ws, row, 1, "Sending it back", font=bold, fill=fill)
    cells.put_text(ws, row, 2, "", fill=fill)
    for label, text in _sending(recipient, count):
        row += 1
        cells.put_text(ws, row, 1, label, alignment=cells.WRAP)
        cells.put_text(ws, row, 2, text, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height([(text, INTRO_WIDTHS[1])])
    row += 2
    cells.put_text(ws, row, 1, "The scale", font=bold, fill=fill)
    for offset, point in enumerate(scale.points(), start=1):
        cells.put_text(
            ws, row + offset, 1, choice_label(framework, point), font=cells.font(bold=True)
        )
    cells.put_text(
        ws,
        row,
        2,
        "Each question describes what every level looks like for it.",
        font=bold,
        fill=fill,
    )
    cells.protect(ws)
    cells.print_setup(ws, title_rows=None, landscape=False)


def period_words(period: str) -> str:
    """A period as a reader says it, its code after it: `October to December 2026 (2026-Q4)`,
    `November 2026 (2026-11)`."""
    from readiness.checks import period_bounds

    first, last = period_bounds(period)
    months = first.strftime("%B")
    if last.month != first.month:
        months += f" to {last.strftime('%B')}"
    return f"{months} {first.year} ({period})"


def _day(day: dt.date) -> str:
    """`2026-12-11` as `11 December 2026`, which no reader takes for another date."""
    return f"{day.day} {day.strftime('%B %Y')}"


def _sending(recipient: Recipient, count: int) -> list[tuple[str, str]]:
    """Who to return the workbook to and by when, how long it takes, and who may see it."""
    hours = (count / 60, count * 2 / 60)  # a minute or two a question
    low, high = (max(0.5, round(h * 2) / 2) for h in hours)
    rows = []
    if recipient.return_to:
        rows.append(("Return it to", recipient.return_to))
    if recipient.due is not None:
        rows.append(("By", _day(recipient.due)))
    rows.append(
        (
            "Time it takes",
            f"About {format_number(low)} to {format_number(high)} hours for the {count} "
            "questions (a minute or two each); you can save and come back to it.",
        )
    )
    who = recipient.return_to or recipient.preparer or "the people running the assessment"
    rows.append(
        (
            "Confidential",
            f"Your answers describe {recipient.organization} from the inside: keep this file "
            f"within {recipient.organization} and send it only to {who}.",
        )
    )
    return rows


def write_progress(ws: object, sheets: list[tuple[str, int]], colour: str) -> None:
    """Under the instructions, one row per question sheet: its name, how many of its questions
    have an answer so far and how many rows have a note, evidence or confidence but no answer
    (formulas over its columns)."""
    from openpyxl.worksheet.worksheet import Worksheet

    from readiness.workbook import cells
    from readiness.workbook.answers import sheet_ref

    assert isinstance(ws, Worksheet)
    bold, fill = cells.header_style(colour)
    top = ws.max_row + 2
    cells.put_text(ws, top, 1, "The sheets", font=bold, fill=fill)
    cells.put_text(ws, top, 2, "Answered so far", font=bold, fill=fill)
    for offset, (title, count) in enumerate(sheets, start=1):
        last = FIRST_ROW + count - 1

        def span(column: int, title: str = title, last: int = last) -> str:
            col = letter(column)
            return f"{sheet_ref(title)}{col}{FIRST_ROW}:{col}{last}"

        given = "+".join(f'({span(c)}<>"")' for c in (NOTE, EVIDENCE, CONFIDENCE))
        red = f'SUMPRODUCT(({span(ANSWER)}="")*(({given})>0))'
        # Short enough for the column: "11 of 12; 10 red answer cells: choose levels or
        # clear their rows" fits its 70 characters.
        cells.put_text(ws, top + offset, 1, title, alignment=cells.WRAP)
        cells.put_value(
            ws,
            top + offset,
            2,
            f'=COUNTA({span(ANSWER)})&" of {count}"&IF({red}=0,"","; "&{red}&IF({red}=1,'
            '" red answer cell: choose a level or clear its row",'
            '" red answer cells: choose levels or clear their rows"))',
        )
