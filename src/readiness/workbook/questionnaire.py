"""The questionnaire a respondent fills in Excel or LibreOffice, and the questions to paste into
an online form.

The workbook has an instructions sheet (written by `instructions`), one sheet per dimension
with one row per question (the question, a drop-down answer and confidence beside it, the
level descriptors, note, evidence, the id), and a very hidden sheet that records the framework, a digest of its
questions, the respondent and where each question's row is, sealed with a checksum so that
`readiness import` refuses a workbook of another framework version or one whose hidden sheet
was edited. Every sheet is protected: only the answer cells and the respondent's name and role
can change.

The sheets' cells and labels, the sealed hidden sheet and the online form's text are one format
that `importing` reads back, kept in this module so they cannot drift apart; `LAYOUTS` keeps
the columns of every format it can read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, NamedTuple

from readiness.model import NA, Framework, Question, format_number
from readiness.workbook import import_openpyxl
from readiness.workbook.answers import CONFIDENCES, level_label

FORMAT = "readiness-questionnaire/2"
INSTRUCTIONS = "Instructions"
FORMAT_SHEET = "_readiness"
"""The very hidden sheet that says which framework and respondent a workbook is for."""
NAME_CELL = (6, 2)
ROLE_CELL = (7, 2)
HEADER_ROW = 4
ANSWERING = "Answering: "
"""How the line above a question sheet's headers starts: who answers."""
FIRST_ROW = 5
CONFIDENCE_MEANINGS = {
    "low": "a guess",
    "medium": "you have seen it",
    "high": "you could show the evidence now",
}
"""What each confidence means, as the instructions and a form's choices say it."""


class Layout(NamedTuple):
    """The columns (1 = A) of a question row in one format of the workbook."""

    id: int
    question: int
    levels: int
    answer: int
    note: int
    evidence: int
    confidence: int


LAYOUTS = {
    "readiness-questionnaire/1": Layout(1, 2, 3, 4, 5, 6, 7),
    FORMAT: Layout(id=7, question=1, answer=2, confidence=3, levels=4, note=5, evidence=6),
}
"""Every format `import` reads, by the name its hidden sheet records. Format 2 puts the answer
and confidence beside the question and the id last, so that on a 1,366-pixel screen the
question, its answer and the level descriptors are in view together, and printed on A4
landscape (the id left out) the text stays at 9 points or more."""
LAYOUT = LAYOUTS[FORMAT]
ANSWER, NOTE, EVIDENCE, CONFIDENCE = LAYOUT.answer, LAYOUT.note, LAYOUT.evidence, LAYOUT.confidence
WIDTHS = (30, 15, 11, 68, 22, 20, 12)
"""Column widths in characters, A to G: the printed columns A to F sum to about 170, which
A4 landscape fits at 82% (11-point text prints at 9 points); the id overflows into the empty
column after it."""
ID_FONT_SIZE = 9
INTRO_WIDTHS = (26, 70)
"""The instructions' two columns: narrow enough for A4 portrait at 9 points or more."""
HEADERS = (
    "Question",
    "Your answer",
    "Confidence",
    "What each level looks like",
    "Note (what you see today)",
    "Evidence you can show",
    "Id",
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
    preparer: str | None = None
    """Who the instructions say prepared it (the consultancy, or an assessor named on the
    command line); when None they name nobody, rather than a login name."""
    colour: str = "#1f4e79"
    return_to: str | None = None
    """Who the filled workbook goes back to (a name, an e-mail address)."""
    due: dt.date | None = None
    """The date it is due back."""
    industry: str | None = None
    """The organization's industry, as its assessments record it: recorded in the hidden
    sheet so that an import keeps it (the roadmap's regulatory ordering depends on it)."""
    size: int | None = None
    """The organization's number of employees, recorded likewise."""
    unit: str | None = None
    """The part of the organization assessed, recorded likewise."""
    unit_short: str | None = None
    """The unit's short name, as the report calls it, recorded likewise."""


ORGANIZATION_FIELDS = ("industry", "size", "unit", "unit_short")
"""What the hidden sheet records of the organization besides its name, when known."""


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
    return level_label(framework.manifest.scale, level)


def na_label() -> str:
    """The drop-down entry for n/a."""
    return NA


def _descriptors(framework: Framework, question: Question) -> list[tuple[str, bool]]:
    """Each level's descriptor on a line of its own, the level number and label in bold."""
    scale = framework.manifest.scale
    parts: list[tuple[str, bool]] = []
    for point in scale.points():
        newline = "\n" if parts else ""
        parts += [
            (f"{newline}{choice_label(framework, point)}:", True),
            (f" {question.levels[point]}", False),
        ]
    return parts


def _question_text(question: Question) -> str:
    parts = [question.text, f"Evidence to look for: {question.evidence}"]
    if question.allow_na:
        when = _continued(question.na_when or "it does not apply to the organization")
        parts.append(f"Answer n/a when {when}".rstrip(".") + ".")
    # Whether a question is critical is left out on purpose: a respondent who knows which
    # answers cap a whole sheet is invited to answer them up (the results workbook says it).
    return "\n\n".join(parts)


def _continued(text: str) -> str:
    """A sentence that continues another: its first word in lower case unless it is an
    acronym or a name in capitals (`The organization` becomes `the organization`; `ML` stays)."""
    first = text.split(" ", 1)[0]
    return text if first[1:2].isupper() else text[:1].lower() + text[1:]


def build_questionnaire(framework: Framework, recipient: Recipient) -> bytes:
    """The questionnaire workbook for one respondent, as xlsx bytes (deterministic)."""
    import_openpyxl()
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    from readiness.workbook import cells
    from readiness.workbook.answer_cells import drop_downs, flag_unanswered

    colour = cells.argb(recipient.colour)
    wb = Workbook()
    intro = wb.active
    assert intro is not None
    intro.title = INSTRUCTIONS
    from readiness.workbook.instructions import write_instructions, write_progress

    write_instructions(intro, framework, recipient, colour)
    bold, fill = cells.header_style(colour)
    styles = _styles(wb)
    scale = framework.manifest.scale
    choices = [choice_label(framework, p) for p in scale.points()]
    meta_rows: list[tuple[str, str]] = [
        ("format", FORMAT),
        ("framework", framework.manifest.id),
        ("version", framework.manifest.version),
        ("questions", question_digest(framework)),
        ("organization", recipient.organization),
        *[
            (field, str(getattr(recipient, field)))
            for field in ORGANIZATION_FIELDS
            if getattr(recipient, field) is not None
        ],
        ("period", recipient.period),
        ("date", recipient.day.isoformat()),
        ("assessor", recipient.assessor),
        ("respondent", recipient.respondent),
    ]
    # Who answers, as the instructions' name and role cells say it: a corrected role shows.
    name, role = (f"{INSTRUCTIONS}!${letter(c)}${r}" for r, c in (NAME_CELL, ROLE_CELL))
    answering = (
        f'="{ANSWERING}"&IF({name}="",{role},{name}&" ("&{role}&")")&". Choose a level in the '
        'yellow column; add a note, the evidence you could show, and how sure you are."'
    )
    taken = [INSTRUCTIONS, FORMAT_SHEET]
    sheets: list[tuple[str, int]] = []
    for dimension in framework.dimensions:
        title = cells.sheet_title(dimension.title, taken)
        taken.append(title)
        sheets.append((title, len(dimension.questions)))
        ws = wb.create_sheet(title)
        widths = WIDTHS
        cells.set_widths(ws, widths)
        cells.put_text(ws, 1, 1, dimension.title, font=cells.font(bold=True, size=14, color=colour))
        cells.put_text(ws, 2, 1, dimension.description, alignment=cells.WRAP)
        ws.merge_cells(start_row=2, end_row=2, start_column=1, end_column=LAYOUT.evidence)
        printed = sum(widths[: LAYOUT.evidence])
        ws.row_dimensions[2].height = cells.row_height([(dimension.description, printed)])
        cells.put_value(ws, 3, 1, answering, font=cells.font(italic=True))
        for column, header in enumerate(HEADERS, start=1):
            cells.put_text(
                ws, HEADER_ROW, column, header, font=bold, fill=fill, alignment=cells.WRAP
            )
        # Bold headers are a little wider than body text: sized as if a character narrower.
        ws.row_dimensions[HEADER_ROW].height = cells.row_height(
            [(header, width - 1) for header, width in zip(HEADERS, widths, strict=True)]
        )
        with_na, without_na, sure = drop_downs(ws, choices)
        for offset, question in enumerate(dimension.questions):
            row = FIRST_ROW + offset
            key = f"{dimension.id}.{question.id}"
            text, levels = _question_text(question), _descriptors(framework, question)
            cells.put_text(ws, row, LAYOUT.id, key, style=styles["id"])
            cells.put_text(ws, row, LAYOUT.question, text, style=styles["text"])
            cells.put_rich(ws, row, LAYOUT.levels, levels, style=styles["text"])
            for column in (ANSWER, NOTE, EVIDENCE, CONFIDENCE):
                choice = column in (ANSWER, CONFIDENCE)
                ws.cell(row=row, column=column).style = styles["choice" if choice else "answer"]
            (with_na if question.allow_na else without_na).add(ws.cell(row=row, column=ANSWER))
            sure.add(ws.cell(row=row, column=CONFIDENCE))
            ws.row_dimensions[row].height = cells.row_height(
                [
                    (text, widths[LAYOUT.question - 1]),
                    ("".join(part for part, _ in levels), widths[LAYOUT.levels - 1]),
                ]
            )
            meta_rows.append((f"q:{key}", f"{title}!{row}"))
        # The header rows and the question stay in view while the respondent scrolls.
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=LAYOUT.question + 1)
        last = FIRST_ROW + len(dimension.questions) - 1
        flag_unanswered(ws, last)
        cells.protect(ws)
        cells.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
        ws.print_area = f"A1:{letter(LAYOUT.evidence)}{last}"
    meta = cells.write_meta(wb, FORMAT_SHEET, [*meta_rows, ("check", seal(meta_rows))])
    for index, label in enumerate([*choices, na_label()], start=1):
        cells.put_text(meta, index, 4, label)
    for index, label in enumerate(choices, start=1):
        cells.put_text(meta, index, 5, label)
    for index, label in enumerate(CONFIDENCES, start=1):
        cells.put_text(meta, index, 6, label)
    write_progress(intro, sheets, colour)
    wb.active = 0
    # Sheets cannot be added, removed, renamed or unhidden: the import finds them by name.
    wb.security = WorkbookProtection(lockStructure=True)
    return cells.save(wb, when=recipient.day, creator=recipient.preparer or "readiness")


def _styles(wb: object) -> dict[str, str]:
    """The named styles of the question rows, by what their cells hold: the id, the question
    and level texts, and the answer cells (a choice, centred; or a text)."""
    from openpyxl.styles import Alignment, Protection
    from openpyxl.workbook.workbook import Workbook

    from readiness.workbook import cells

    assert isinstance(wb, Workbook)
    answer = {"protection": Protection(locked=False), "fill": cells.answer_fill()}
    kinds: dict[str, tuple[str, dict[str, Any]]] = {
        "id": (
            "Question id",
            {
                "font": cells.font(size=ID_FONT_SIZE, color="FF595959"),
                "alignment": Alignment(vertical="top"),  # unwrapped: runs on past the column
            },
        ),
        "text": ("Question", {}),
        "choice": ("Answer (choice)", {**answer, "alignment": cells.CENTRE}),
        "answer": ("Answer (text)", answer),
    }
    return {
        kind: cells.named_style(
            wb, name, **{"alignment": cells.WRAP, "border": cells.BORDER, **style}
        )
        for kind, (name, style) in kinds.items()
    }


def letter(column: int) -> str:
    """The letter of a question sheet's column (1 = A)."""
    return "ABCDEFG"[column - 1]


def render_form_questions(framework: Framework) -> str:
    """The questions and choices to paste into Microsoft Forms or Google Forms.

    The question id in brackets starts each question and the level number starts each choice,
    so an export maps back whatever language the labels are translated into. After each
    question come two optional follow-ups whose bracket names the id and what they carry
    (`[data.inventory note]`, a text; `[data.inventory confidence]`, a choice starting with
    low, medium or high): they import as the respondent's note and confidence.
    """
    lines = [
        f"# {framework.manifest.title} ({framework.ref}): {len(framework.questions())} "
        "questions to paste into a form.",
        "# One question per block; each line under it is one choice. Keep the [id] at the "
        "start of each question, the number at the start of each level choice and the first "
        "word of each confidence choice; the rest may be translated.",
        "# After each question, a note (text) and a confidence (choice) question, both "
        "optional; leave them out of the form if you do not want them. With them the form "
        f"has {3 * len(framework.questions()) + 2} questions, without them "
        f"{len(framework.questions()) + 2} (Microsoft Forms takes up to 200).",
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
        lines += [
            "",
            f"[{key} note] Your note: what you see today, and evidence you could show "
            "(text, optional)",
            "",
            f"[{key} confidence] How sure are you of this answer? (choice, optional)",
            *(f"{word}: {meaning}" for word, meaning in CONFIDENCE_MEANINGS.items()),
            "",
        ]
    return "\n".join(lines)
