"""`readiness questionnaire`: where the workbook goes, whose it is, what is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from readiness.errors import UsageError
from readiness.workbook.making import QuestionnaireRequest, make_questionnaire
from workbook_helpers import ROOT, fill, framework, generated_answers


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
        "Questionnaire for Acme Retail, October to December 2026 (2026-Q4)."
    )
    assert intro["A3"].value == "Prepared by Kestrel Advisory."
    assert book["Data foundations"]["A4"].fill.fgColor.rgb == "FF7A1F5C"


@pytest.mark.parametrize(
    ("assessor", "line"),
    [
        (None, None),  # never the login name
        ("J. Whitaker", "Prepared by J. Whitaker."),
    ],
)
def test_the_instructions_name_who_prepared_it_only_when_told(
    tmp_path: Path, assessor: str | None, line: str | None
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
    assert book["Instructions"]["A3"].value == line
    assert book.properties.creator == (assessor or "readiness")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"respondent": None}, "needs --respondent ID and --role ROLE"),
        ({"respondent": "Chief Tech"}, "invalid --respondent 'Chief Tech'"),
        ({"organization": None}, "holds no assessment naming the organization"),
        ({"forms": True, "xlsx": True}, "--forms and --xlsx: choose one"),
        ({"return_to": " "}, "invalid --return-to: expected who to send the workbook back to"),
        ({"return_to": "a\nb"}, "invalid --return-to"),
        ({"return_to": "J. Whitaker\u202e"}, "invalid --return-to"),  # was accepted
        ({"return_to": "J.\u2028Whitaker"}, "invalid --return-to"),
        ({"return_to": "x" * 201}, "invalid --return-to"),
        (
            {"day": dt.date(2026, 11, 20), "due": dt.date(2026, 11, 19)},
            "invalid --due '2026-11-19': the date to return it by is before the "
            "questionnaire's date 2026-11-20",
        ),
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


def _meta(path: Path) -> dict[str, object]:
    book = load_workbook(path)
    return {row[0]: row[1] for row in book["_readiness"].iter_rows(values_only=True)}


@pytest.mark.parametrize(
    ("assessor", "consultancy", "recorded"),
    [
        (None, None, None),  # never the machine's login name
        (None, "Kestrel Advisory", "Kestrel Advisory"),
        ("J. Whitaker", "Kestrel Advisory", "J. Whitaker"),
    ],
)
def test_the_hidden_sheet_records_the_assessor_given_or_the_consultancy(
    tmp_path: Path, assessor: str | None, consultancy: str | None, recorded: str | None
) -> None:
    theme = None
    if consultancy:
        theme = tmp_path / "theme.yaml"
        theme.write_text(f"consultancy: {consultancy}\n", encoding="utf-8")
    request = QuestionnaireRequest(
        client_dir=tmp_path,
        respondent="cto",
        role="CTO",
        organization="Acme",
        day=dt.date(2026, 11, 20),
        assessor=assessor,
        theme=theme,
    )
    target, _ = make_questionnaire(request)
    assert _meta(target)["assessor"] == recorded


def test_the_instructions_say_where_to_send_it_by_when_and_how_long_it_takes(
    tmp_path: Path,
) -> None:
    request = QuestionnaireRequest(
        client_dir=tmp_path,
        respondent="cto",
        role="CTO",
        organization="Acme",
        day=dt.date(2026, 11, 20),
        return_to="  J. Whitaker <jw@kestrel.example> ",
        due=dt.date(2026, 12, 11),
    )
    target, _ = make_questionnaire(request)
    intro = load_workbook(target)["Instructions"]
    assert intro["A2"].value == "Questionnaire for Acme, October to December 2026 (2026-Q4)."
    assert intro["A3"].value == "Please return it by 11 December 2026."
    rows = {row[0]: row[1] for row in intro.iter_rows(values_only=True) if row[0]}
    assert rows["Return it to"] == "J. Whitaker <jw@kestrel.example>"
    assert rows["By"] == "11 December 2026"
    count = len(framework().questions())
    assert rows["Time it takes"] == (
        f"About 1 to 2 hours for the {count} questions (a minute or two each); "
        "you can save and come back to it."
    )
    assert rows["Confidential"] == (
        "Your answers describe Acme from the inside: keep this file within Acme and send it "
        "only to J. Whitaker <jw@kestrel.example>."
    )


def test_no_question_tells_the_respondent_it_is_critical(tmp_path: Path) -> None:
    request = QuestionnaireRequest(
        client_dir=tmp_path, respondent="cto", role="CTO", organization="Acme"
    )
    target, _ = make_questionnaire(request)
    book = load_workbook(target)
    texts = [
        str(cell.value)
        for ws in book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value
    ]
    assert any(q.critical for q in framework().questions().values())
    assert not [t for t in texts if "Critical:" in t or "caps the level" in t]


def test_the_assessor_comes_from_the_client_folder_so_an_import_never_names_the_login(
    tmp_path: Path,
) -> None:
    from readiness.workbook.importing import import_files

    request = QuestionnaireRequest(
        client_dir=ROOT / "examples" / "acme-retail",
        respondent="cfo",
        role="Chief Financial Officer",
        day=dt.date(2026, 11, 20),
        output=tmp_path / "cfo.xlsx",
    )
    target, _ = make_questionnaire(request)
    fw = framework()
    fill(target, fw, generated_answers(fw, 2))
    # The import knows whose assessment it is: the client's assessor, not the login name.
    assessor = import_files([target]).assessment.assessor
    assert assessor == "J. Whitaker, Kestrel Advisory"
    # The instructions name no preparer that was not given.
    assert "Prepared by" not in str(load_workbook(target)["Instructions"]["A2"].value)


def test_a_name_or_role_the_import_would_refuse_is_refused_before_writing(tmp_path: Path) -> None:
    request = QuestionnaireRequest(
        client_dir=tmp_path, respondent="cto", role="CTO\u202e", organization="Acme"
    )
    with pytest.raises(UsageError) as error:
        make_questionnaire(request)
    assert str(error.value) == (
        "invalid --role: holds a control character ('CTO\\u202e') (allowed: text on one "
        "line, no control characters)"
    )
    assert not list(tmp_path.iterdir())
