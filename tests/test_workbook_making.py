"""`readiness questionnaire`: where the workbook goes, whose it is, what is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from readiness.errors import UsageError
from readiness.workbook.making import QuestionnaireRequest, make_questionnaire
from workbook_helpers import ROOT, framework


def test_organization_comes_from_the_client_folder_and_theme_colours_it(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text('consultancy: Kestrel Advisory\nprimary: "#7a1f5c"\n', encoding="utf-8")
    request = QuestionnaireRequest(
        client_dir=ROOT / "examples" / "acme-retail",
        respondent="cfo",
        role="Chief Financial Officer",
        day=dt.date(2026, 11, 20),
        assessor="J. Whitaker",
        theme=theme,
        output=tmp_path / "cfo.xlsx",
    )
    target, said = make_questionnaire(request)
    count = len(framework().questions())
    assert target == tmp_path / "cfo.xlsx" and said == f"{count} questions for cfo"
    book = load_workbook(target)
    intro = book["Instructions"]
    assert intro["A2"].value == (
        "Questionnaire for Acme Retail, 2026-Q4. Prepared by Kestrel Advisory."
    )
    assert book["Data foundations"]["A4"].fill.fgColor.rgb == "FF7A1F5C"


@pytest.mark.parametrize(
    ("assessor", "line"),
    [
        (None, "Questionnaire for Acme, 2026-Q4."),  # never the login name
        ("J. Whitaker", "Questionnaire for Acme, 2026-Q4. Prepared by J. Whitaker."),
    ],
)
def test_the_instructions_name_who_prepared_it_only_when_told(
    tmp_path: Path, assessor: str | None, line: str
) -> None:
    request = QuestionnaireRequest(
        client_dir=tmp_path,
        respondent="cto",
        role="CTO",
        organization="Acme",
        day=dt.date(2026, 11, 20),
        assessor=assessor,
    )
    target, _ = make_questionnaire(request)
    book = load_workbook(target)
    assert book["Instructions"]["A2"].value == line
    assert book.properties.creator == (assessor or "readiness")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"respondent": None}, "needs --respondent ID and --role ROLE"),
        ({"respondent": "Chief Tech"}, "invalid --respondent 'Chief Tech'"),
        ({"organization": None}, "holds no assessment naming the organization"),
        ({"forms": True, "xlsx": True}, "--forms and --xlsx: choose one"),
    ],
)
def test_bad_requests_are_refused(tmp_path: Path, changes: dict[str, object], message: str) -> None:
    fields: dict[str, object] = {
        "client_dir": tmp_path,
        "respondent": "cto",
        "role": "CTO",
        "organization": "Acme",
    }
    fields.update(changes)
    with pytest.raises(UsageError, match=message.replace("[", r"\[")):
        make_questionnaire(QuestionnaireRequest(**fields))  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())
