"""The questionnaire a respondent fills in Excel or LibreOffice, and the questions to paste into
an online form.

The workbook has an instructions sheet (who answers, the scale, how to answer), one sheet per
dimension with one row per question (the question, the level descriptors, a drop-down answer,
note, evidence, confidence), and a very hidden sheet that records the framework, a digest of its
questions, the respondent and where each question's row is, sealed with a checksum so that
`readiness import` refuses a workbook of another framework version or one whose hidden sheet
was edited. Every sheet is protected: only the answer cells and the respondent's name and role
can change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from readiness.model import NA, Framework, Question, format_number

FORMAT = "readiness-questionnaire/1"
INSTRUCTIONS = "Instructions"
FORMAT_SHEET = "_readiness"
"""The very hidden sheet that says which framework and respondent a workbook is for."""
NAME_CELL = (6, 2)
ROLE_CELL = (7, 2)
HEADER_ROW = 4
FIRST_ROW = 5
ANSWER, NOTE, EVIDENCE, CONFIDENCE = 4, 5, 6, 7
CONFIDENCES = ("low", "medium", "high")
WIDTHS = (16, 48, 78, 17, 36, 32, 13)
HEADERS = (
    "Id",
    "Question",
    "What each level looks like",
    "Your answer",
    "Note (what you see today)",
    "Evidence you can show",
    "Confidence",
)


@dataclass(frozen=True)
class Recipient:
    """Who a questionnaire is for and whose engagement it belongs to."""

    organization: str
    period: str
    day: dt.date
    assessor: str
    respondent: str
    role: str
    name: str | None = None
    consultancy: str | None = None
    colour: str = "#1f4e79"


def question_digest(framework: Framework) -> str:
    """A digest of what the questions ask and accept: ids, texts, descriptors, n/a rules, scale."""
    scale = framework.manifest.scale
    data = {
        "scale": [format_number(p) for p in scale.points()],
        "questions": [
            [key, q.text, q.allow_na, [q.levels[p] for p in scale.points()]]
            for key, q in framework.questions().items()
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def seal(rows: list[tuple[str, str]]) -> str:
    """The checksum of the hidden sheet's rows; an edit to any of them changes it."""
    text = json.dumps(rows, ensure_ascii=False)
    return hashlib.sha256(("readiness\n" + text).encode("utf-8")).hexdigest()


def choice_label(framework: Framework, level: float) -> str:
    """A drop-down entry: the level number first, so any label maps back to its level."""
    return f"{format_number(level)} – {framework.manifest.scale.labels[level]}"


def na_label() -> str:
    """The drop-down entry for n/a."""
    return NA


def _descriptors(framework: Framework, question: Question) -> str:
    scale = framework.manifest.scale
    return "\n".join(
        f"{format_number(p)} {scale.labels[p]}: {question.levels[p]}" for p in scale.points()
    )


def _question_text(question: Question) -> str:
    parts = [question.text, f"Evidence to look for: {question.evidence}"]
    if question.allow_na:
        parts.append(f"Answer n/a when {question.na_when}".rstrip(".") + ".")
    if question.critical:
        parts.append("Critical: a low answer here caps the whole dimension.")
    return "\n\n".join(parts)


def build_questionnaire(framework: Framework, recipient: Recipient) -> bytes:
    """The questionnaire workbook for one respondent, as xlsx bytes (deterministic)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, Protection
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    from readiness.workbook import cells

    colour = cells.argb(recipient.colour)
    wb = Workbook()
    intro = wb.active
    assert intro is not None
    intro.title = INSTRUCTIONS
    _instructions(intro, framework, recipient, colour)
    bold, fill = cells.header_style(colour)
    scale = framework.manifest.scale
    choices = [choice_label(framework, p) for p in scale.points()]
    meta_rows: list[tuple[str, str]] = [
        ("format", FORMAT),
        ("framework", framework.manifest.id),
        ("version", framework.manifest.version),
        ("questions", question_digest(framework)),
        ("organization", recipient.organization),
        ("period", recipient.period),
        ("date", recipient.day.isoformat()),
        ("assessor", recipient.assessor),
        ("respondent", recipient.respondent),
    ]
    taken = [INSTRUCTIONS, FORMAT_SHEET]
    for dimension in framework.dimensions:
        title = cells.sheet_title(dimension.title, taken)
        taken.append(title)
        ws = wb.create_sheet(title)
        cells.set_widths(ws, WIDTHS)
        cells.put_text(ws, 1, 1, dimension.title, font=Font(bold=True, size=14, color=colour))
        cells.put_text(ws, 2, 1, dimension.description, alignment=cells.WRAP)
        ws.merge_cells(start_row=2, end_row=2, start_column=1, end_column=7)
        ws.row_dimensions[2].height = cells.row_height([(dimension.description, sum(WIDTHS))])
        who = recipient.name or recipient.respondent
        cells.put_text(
            ws,
            3,
            1,
            f"Answering: {who} ({recipient.role}). Choose a level in the yellow column; "
            "add a note, the evidence you could show, and how sure you are.",
            font=Font(italic=True),
        )
        for column, header in enumerate(HEADERS, start=1):
            cells.put_text(
                ws, HEADER_ROW, column, header, font=bold, fill=fill, alignment=cells.WRAP
            )
        with_na = DataValidation(type="list", formula1=_list_ref(4, len(choices) + 1))
        without_na = DataValidation(type="list", formula1=_list_ref(5, len(choices)))
        sure = DataValidation(type="list", formula1=_list_ref(6, len(CONFIDENCES)))
        for validation, prompt in (
            (with_na, "Choose a level, or n/a where the question does not apply."),
            (without_na, "Choose a level."),
            (sure, "How sure you are: low, medium or high."),
        ):
            validation.error = "Choose a value from the list."
            validation.errorTitle = "Not on the list"
            validation.prompt = prompt
            validation.showErrorMessage = True
            validation.showInputMessage = True
            ws.add_data_validation(validation)
        for offset, question in enumerate(dimension.questions):
            row = FIRST_ROW + offset
            key = f"{dimension.id}.{question.id}"
            text, levels = _question_text(question), _descriptors(framework, question)
            cells.put_text(ws, row, 1, key, alignment=cells.WRAP, border=cells.BORDER)
            cells.put_text(ws, row, 2, text, alignment=cells.WRAP, border=cells.BORDER)
            cells.put_text(ws, row, 3, levels, alignment=cells.WRAP, border=cells.BORDER)
            for column in (ANSWER, NOTE, EVIDENCE, CONFIDENCE):
                cell = ws.cell(row=row, column=column)
                cell.protection = Protection(locked=False)
                cell.fill = cells.answer_fill()
                cell.border = cells.BORDER
                cell.alignment = cells.CENTRE if column in (ANSWER, CONFIDENCE) else cells.WRAP
            (with_na if question.allow_na else without_na).add(ws.cell(row=row, column=ANSWER))
            sure.add(ws.cell(row=row, column=CONFIDENCE))
            ws.row_dimensions[row].height = cells.row_height(
                [(text, WIDTHS[1]), (levels, WIDTHS[2])]
            )
            meta_rows.append((f"q:{key}", f"{title}!{row}"))
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)
        cells.protect(ws)
        cells.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    meta = cells.write_meta(wb, FORMAT_SHEET, [*meta_rows, ("check", seal(meta_rows))])
    for index, label in enumerate([*choices, na_label()], start=1):
        cells.put_text(meta, index, 4, label)
    for index, label in enumerate(choices, start=1):
        cells.put_text(meta, index, 5, label)
    for index, label in enumerate(CONFIDENCES, start=1):
        cells.put_text(meta, index, 6, label)
    wb.active = 0
    # Sheets cannot be added, removed, renamed or unhidden: the import finds rows by place.
    wb.security = WorkbookProtection(lockStructure=True)
    return cells.save(wb, when=recipient.day, creator=recipient.consultancy or recipient.assessor)


def _list_ref(column: int, count: int) -> str:
    letter = "ABCDEFG"[column - 1]
    return f"'{FORMAT_SHEET}'!${letter}$1:${letter}${count}"


def _instructions(ws: object, framework: Framework, recipient: Recipient, colour: str) -> None:
    from openpyxl.styles import Font, Protection
    from openpyxl.worksheet.worksheet import Worksheet

    from readiness.workbook import cells

    assert isinstance(ws, Worksheet)
    bold, fill = cells.header_style(colour)
    scale = framework.manifest.scale
    by = recipient.consultancy or recipient.assessor
    cells.set_widths(ws, (24, 100))
    cells.put_text(ws, 1, 1, framework.manifest.title, font=Font(bold=True, size=16, color=colour))
    cells.put_text(
        ws,
        2,
        1,
        f"Questionnaire for {recipient.organization}, {recipient.period}. Prepared by {by}.",
        font=Font(italic=True),
    )
    cells.put_text(ws, 4, 1, "Who answers", font=bold, fill=fill)
    cells.put_text(ws, 4, 2, "", fill=fill)
    cells.put_text(ws, 5, 1, "Respondent id")
    cells.put_text(ws, 5, 2, recipient.respondent)
    cells.put_text(ws, NAME_CELL[0], 1, "Your name")
    cells.put_text(ws, ROLE_CELL[0], 1, "Your role")
    for (row, column), value in ((NAME_CELL, recipient.name), (ROLE_CELL, recipient.role)):
        cells.put_text(ws, row, column, value or "", fill=cells.answer_fill(), border=cells.BORDER)
        cell = ws.cell(row=row, column=column)
        cell.protection = Protection(locked=False)
    steps = [
        "Each sheet after this one is one part of the assessment; each row is one question.",
        "Read the question and the description of each level, then choose in the yellow "
        "'Your answer' column the level that describes what is true today, not what is "
        "planned. When two levels fit, choose the lower one.",
        "Choose n/a only where the question offers it: it says when n/a is the right answer. "
        "Leave an answer empty when you do not know; say so in the note.",
        "Note: what you see today, in a sentence. Evidence: a document, a report or a system "
        "you could show. Confidence: low (a guess), medium (you have seen it), high (you "
        "could show the evidence now).",
        "Only the yellow cells can be changed. Save the workbook under its name and send it "
        "back; the answers are read from it as they are.",
    ]
    cells.put_text(ws, 9, 1, "How to answer", font=bold, fill=fill)
    cells.put_text(ws, 9, 2, "", fill=fill)
    for offset, step in enumerate(steps):
        row = 10 + offset
        cells.put_text(ws, row, 1, f"{offset + 1}.", alignment=cells.WRAP)
        cells.put_text(ws, row, 2, step, alignment=cells.WRAP)
        ws.row_dimensions[row].height = cells.row_height([(step, 100)])
    row = 11 + len(steps)
    cells.put_text(ws, row, 1, "The scale", font=bold, fill=fill)
    for offset, point in enumerate(scale.points(), start=1):
        cells.put_text(ws, row + offset, 1, choice_label(framework, point), font=Font(bold=True))
    cells.put_text(
        ws, row, 2, "Each question describes what every level looks like for it.", fill=fill
    )
    cells.protect(ws)
    cells.print_setup(ws, title_rows=None, landscape=False)


def render_form_questions(framework: Framework) -> str:
    """The questions and choices to paste into Microsoft Forms or Google Forms: the question id
    in brackets starts each question, the level number starts each choice, so an export maps
    back whatever language the labels are translated into."""
    lines = [
        f"# {framework.manifest.title} ({framework.ref}): {len(framework.questions())} "
        "questions to paste into a form.",
        "# One choice question per block; each line under it is one choice. Keep the [id] at "
        "the start of each question and the number at the start of each choice.",
        "",
        "[name] Your name (text, required)",
        "",
        "[role] Your role (text, required)",
        "",
    ]
    scale = framework.manifest.scale
    for key, question in framework.questions().items():
        lines.append(f"[{key}] {question.text}")
        for point in scale.points():
            lines.append(f"{choice_label(framework, point)}: {question.levels[point]}")
        if question.allow_na:
            lines.append(f"{NA}: {question.na_when}")
        lines.append("")
    return "\n".join(lines)
