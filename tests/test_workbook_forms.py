"""Forms exports: Microsoft Forms and Google Forms layouts, each as xlsx and as CSV; translated
labels, columns matched by the question id (or text) and never by position, located errors."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from readiness.errors import ValidationError
from readiness.model import Framework
from readiness.workbook.importing import FormsSettings, import_files
from workbook_helpers import framework

SETTINGS = FormsSettings(organization="Acme Retail", period="2026-Q4", assessor="J. Whitaker")
GERMAN = {0: "Fehlt", 1: "Ad hoc", 2: "Wiederholbar", 3: "Definiert", 4: "Optimiert"}


def _title(fw: Framework, key: str) -> str:
    return f"[{key}] {fw.questions()[key].text}"


def _keys(fw: Framework) -> list[str]:
    return [*list(fw.questions())[:6], next(k for k, q in fw.questions().items() if q.allow_na)]


def _write(path: Path, rows: list[list[Any]], sheet: str = "Form1") -> Path:
    """The rows as the export's format: an xlsx sheet, or CSV as the service writes it."""
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8-sig") as stream:
            csv.writer(stream).writerows(
                [
                    [
                        v.strftime("%m/%d/%Y %H:%M:%S") if isinstance(v, dt.datetime) else v
                        for v in row
                    ]
                    for row in rows
                ]
            )
    else:
        book = Workbook()
        ws = book.active
        assert ws is not None
        ws.title = sheet
        for row in rows:
            ws.append(row)
        book.save(path)
    return path


def _microsoft(fw: Framework) -> list[list[Any]]:
    keys = _keys(fw)
    stamp = dt.datetime(2026, 11, 18, 9, 30)
    header = ["ID", "Start time", "Completion time", "Email", "Name", "[role] Your role"]
    return [
        header + [_title(fw, k) for k in keys],
        [1, stamp, stamp, "dana.kim@acme.example", "Dana Kim", "CTO"]
        + [f"{i % 5} – {GERMAN[i % 5]}: Beschreibung" for i in range(6)]
        + ["n/a: trifft nicht zu"],
        [
            2,
            stamp,
            stamp + dt.timedelta(days=1),
            "lee@acme.example",
            "anonymous",
            "CDO",
            3,
            2,
            1,
            0,
            4,
            None,
            "2 – Wiederholbar",
        ],
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_microsoft_forms_export_imports_as_votes(tmp_path: Path, suffix: str) -> None:
    fw = framework()
    keys = _keys(fw)
    path = _write(tmp_path / f"Readiness(1-2){suffix}", _microsoft(fw))
    assessment = import_files([path], forms=SETTINGS).assessment
    assert [(r.id, r.role, r.name) for r in assessment.respondents] == [
        ("dana-kim", "CTO", "Dana Kim"),
        ("lee", "CDO", "lee"),
    ]
    assert assessment.date == dt.date(2026, 11, 19)
    assert assessment.answers[keys[0]].votes == {"dana-kim": 0.0, "lee": 3.0}
    assert assessment.answers[keys[5]].votes == {"dana-kim": 0.0}
    assert assessment.answers[keys[6]].votes == {"dana-kim": None, "lee": 2.0}


def _google(fw: Framework, answer: str) -> list[list[Any]]:
    keys = _keys(fw)[:3]
    return [
        ["Timestamp", "Email Address", "[name] Your name", _title(fw, keys[2]),
         fw.questions()[keys[0]].text, _title(fw, keys[1])],
        ["2026/11/20 2:03:11 PM GMT+1", "ana@acme.example", "Ana Ruiz",
         "4 – Optimized", "1 – Ad hoc", answer],
    ]  # fmt: skip


@pytest.mark.parametrize(("suffix", "where"), [(".csv", "F2"), (".xlsx", "'Form responses 1'!F2")])
def test_google_forms_export_matches_columns_by_id_not_position(
    tmp_path: Path, suffix: str, where: str
) -> None:
    fw = framework()
    keys = _keys(fw)[:3]
    path = tmp_path / f"responses{suffix}"
    _write(path, _google(fw, '=HYPERLINK("x")'), sheet="Form responses 1")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS)
    assert error.value.lines() == [
        f"{path.name}: {where}: '=HYPERLINK(\"x\")' is not a level (allowed: 0, 1, 2, 3, 4)"
    ]
    _write(path, _google(fw, "2 – Repeatable"), sheet="Form responses 1")
    assessment = import_files([path], forms=SETTINGS).assessment
    assert assessment.date == dt.date(2026, 11, 20)
    assert assessment.respondents[0].id == "ana-ruiz"
    assert {k: a.level for k, a in assessment.answers.items()} == {
        keys[0]: 1.0,
        keys[1]: 2.0,
        keys[2]: 4.0,
    }


def test_unknown_question_ids_and_missing_organization_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text("Timestamp,[data.nope] Who?,[data.inventory] x\n2026-11-20 10:00:00,1,2\n")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS)
    assert error.value.lines() == [
        f"responses.csv: B1: [data.nope] is not a question of {framework().ref}"
    ]
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=FormsSettings())
    assert "a Forms export does not say whose assessment it is" in error.value.lines()[0]


def test_an_export_without_dates_needs_date(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text("[name] Your name,[data.inventory] x\nAna,2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS)
    assert error.value.lines() == [
        "responses.csv: no Completion time or Timestamp to date the answers (allowed: --date)"
    ]
    day = dt.date(2026, 11, 21)
    settings = FormsSettings(organization="Acme", period="2026-Q4", day=day)
    assert import_files([path], forms=settings).assessment.date == day
