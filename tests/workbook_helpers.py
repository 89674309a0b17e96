"""Shared by the workbook tests: a questionnaire for the bundled framework, filled as a
respondent would fill it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from readiness.model import Framework
from readiness.pipeline import locate_framework
from readiness.workbook.questionnaire import (
    ANSWER,
    CONFIDENCE,
    EVIDENCE,
    NOTE,
    Recipient,
    build_questionnaire,
    choice_label,
)

ROOT = Path(__file__).resolve().parent.parent
TRICKY = (
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd",
    "-2+3",
    "Überprüfung der Datenqualität, 数据质量 — ok",
)


def framework(name: str = "ml-scaling") -> Framework:
    return locate_framework(str(ROOT / "questionnaires" / name))


def recipient(respondent: str = "cto", role: str = "Chief Technology Officer") -> Recipient:
    return Recipient(
        organization="Acme Retail",
        period="2026-Q4",
        day=dt.date(2026, 11, 20),
        assessor="J. Whitaker",
        respondent=respondent,
        role=role,
        name="Dana Kim",
        preparer="Kestrel Advisory",
    )


def generated_answers(fw: Framework, seed: int) -> dict[str, dict[str, Any]]:
    """An answer for most questions: levels, n/a where allowed, tricky notes and evidence."""
    points = fw.manifest.scale.points()
    answers: dict[str, dict[str, Any]] = {}
    for index, (key, question) in enumerate(fw.questions().items()):
        if (index + seed) % 11 == 5:
            continue
        if question.allow_na and (index + seed) % 3 == 0:
            answers[key] = {"level": "n/a"}
        else:
            answers[key] = {"level": points[(index * 7 + seed) % len(points)]}
        if index % 2 == 0:
            answers[key]["note"] = TRICKY[index % len(TRICKY)]
        if index % 3 == 0:
            answers[key]["evidence"] = TRICKY[(index + 1) % len(TRICKY)]
        if index % 4 == 0:
            answers[key]["confidence"] = ("low", "medium", "high")[index % 3]
    return answers


def fill(path: Path, fw: Framework, answers: dict[str, dict[str, Any]], **cells: Any) -> None:
    """Fill the workbook at `path` as a respondent would: the drop-down label (or n/a), text
    typed as text; `cells` maps "Sheet!B7" to a raw value to put instead."""
    book = load_workbook(path)
    meta = {row[0]: row[1] for row in book["_readiness"].iter_rows(values_only=True) if row[0]}
    for key, answer in answers.items():
        sheet, _, row = meta[f"q:{key}"].rpartition("!")
        ws = book[sheet]
        level = answer["level"]
        ws.cell(int(row), ANSWER).value = level if level == "n/a" else choice_label(fw, level)
        for column, field in ((NOTE, "note"), (EVIDENCE, "evidence"), (CONFIDENCE, "confidence")):
            if field in answer:
                cell = ws.cell(int(row), column)
                cell.value = answer[field]
                cell.data_type = "s"
    for ref, value in cells.items():
        sheet, _, where = ref.rpartition("!")
        book[sheet][where].value = value
    book.save(path)


def write_questionnaire(path: Path, fw: Framework, who: Recipient) -> Path:
    path.write_bytes(build_questionnaire(fw, who))
    return path
