"""Forms exports: Microsoft Forms and Google Forms layouts, each as xlsx and as CSV; translated
labels, columns matched by the question id (or text) and never by position, notes and
confidence from the follow-up questions, located errors."""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from readiness.errors import ValidationError
from readiness.model import NA, Framework, format_number
from readiness.workbook.importing import FormsSettings, import_files
from readiness.workbook.questionnaire import render_form_questions
from workbook_helpers import ROOT, framework, generated_answers

SETTINGS = FormsSettings(organization="Acme Retail", period="2026-Q4")
ASSESSOR = "J. Whitaker"
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
        for cells in ws.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a typed answer, as the services store it
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
    assessment = import_files([path], forms=SETTINGS, assessor=ASSESSOR).assessment
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
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        f"{path.name}: {where}: '=HYPERLINK(\"x\")' is not a level (allowed: 0, 1, 2, 3, 4)"
    ]
    _write(path, _google(fw, "2 – Repeatable"), sheet="Form responses 1")
    assessment = import_files([path], forms=SETTINGS, assessor=ASSESSOR).assessment
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
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        f"responses.csv: B1: [data.nope] is not a question of {framework().ref}"
    ]
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=FormsSettings(), assessor=ASSESSOR)
    assert "a Forms export does not say whose assessment it is" in error.value.lines()[0]


def test_a_question_id_holding_an_invisible_mark_is_named_for_it(tmp_path: Path) -> None:
    # It looked like [data.inventory] and was reported as no question of the framework.
    path = tmp_path / "responses.csv"
    path.write_text("Timestamp,[data.inv\u202eentory] x,[data.silos] y\n2026-11-20 10:00:00,1,2\n")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "responses.csv: B1: [data.inv\u202eentory] holds an invisible character, U+202E "
        "(right-to-left override) (allowed: visible characters only; type the id again)"
    ]


def test_an_export_without_dates_needs_date(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    path.write_text("[name] Your name,[data.inventory] x\nAna,2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "responses.csv: no Completion time or Timestamp to date the answers (allowed: --date)"
    ]
    day = dt.date(2026, 11, 21)
    settings = FormsSettings(organization="Acme", period="2026-Q4", day=day)
    assert import_files([path], forms=settings, assessor=ASSESSOR).assessment.date == day


def _printed(fw: Framework) -> dict[str, tuple[str, list[str]]]:
    """The form as `questionnaire --forms` prints it: each block's title and choices, by what
    its bracket says (`data.inventory`, `data.inventory note`, ...)."""
    blocks = {}
    for block in render_form_questions(fw).split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#")]
        if lines:
            blocks[lines[0][1 : lines[0].index("]")]] = (lines[0], lines[1:])
    return blocks


def _chosen(choices: list[str], start: str) -> str:
    return next(choice for choice in choices if choice.startswith(start))


def _export(fw: Framework, people: list[dict[str, dict[str, Any]]], layout: str) -> list[list[Any]]:
    """A Forms export of the printed form, one row per person's answers (levels as the chosen
    choice labels, notes as typed, confidence as chosen)."""
    form = _printed(fw)
    keys = list(fw.questions())
    titles = [form[f"{key}{field}"][0] for key in keys for field in ("", " note", " confidence")]
    stamp = dt.datetime(2026, 11, 18, 9, 30)
    rows = []
    for number, answers in enumerate(people, start=1):
        row: list[Any] = []
        for key in keys:
            answer = answers.get(key, {})
            level = answer.get("level")
            start = f"{NA}:" if level == NA else f"{format_number(level or 0)} – "
            row.append(_chosen(form[key][1], start) if level is not None else None)
            row.append(answer.get("note"))
            confidence = answer.get("confidence")
            row.append(_chosen(form[f"{key} confidence"][1], confidence) if confidence else None)
        if layout == "microsoft":
            rows.append([number, stamp, stamp, f"p{number}@acme.example", f"Person {number}", *row])
        else:
            rows.append([stamp, f"Person {number}", f"Role {number}", *row])
    header = (
        ["ID", "Start time", "Completion time", "Email", "Name"]
        if layout == "microsoft"
        else ["Timestamp", form["name"][0], form["role"][0]]
    )
    return [header + titles, *rows]


@pytest.mark.parametrize(("layout", "suffix"), [("microsoft", ".xlsx"), ("google", ".csv")])
def test_notes_and_confidence_come_back_exactly_as_given(
    tmp_path: Path, layout: str, suffix: str
) -> None:
    """The printed form, answered: levels, n/a, non-ASCII and formula-like notes (kept as text,
    never run) and confidence; one respondent gives them back as they were given."""
    fw = framework()
    given = {
        key: {field: value for field, value in answer.items() if field != "evidence"}
        for key, answer in generated_answers(fw, 4).items()
    }
    assert {a.get("note") for a in given.values()} >= {'=HYPERLINK("http://evil.example","click")'}
    path = _write(tmp_path / f"export{suffix}", _export(fw, [given], layout))
    answers = import_files([path], forms=SETTINGS, assessor=ASSESSOR).assessment.answers
    back = {
        key: {
            field: value
            for field, value in (
                ("level", NA if answer.na else answer.level),
                ("note", answer.note),
                ("confidence", answer.confidence),
            )
            if value is not None
        }
        for key, answer in answers.items()
    }
    assert back == given
    two = _write(tmp_path / f"two{suffix}", _export(fw, [given, generated_answers(fw, 5)], layout))
    workshop = import_files([two], forms=SETTINGS, assessor=ASSESSOR).assessment
    key = next(k for k, a in given.items() if "note" in a and "confidence" in a)
    first = workshop.respondents[0].id
    assert workshop.answers[key].notes[first].startswith(given[key]["note"])
    assert workshop.answers[key].notes[first].endswith(f"Confidence: {given[key]['confidence']}.")


def test_every_bad_note_and_confidence_cell_is_located_at_once(tmp_path: Path) -> None:
    fw = framework()
    keys = list(fw.questions())
    rows = [
        [
            "Timestamp",
            f"[{keys[0]}] {fw.questions()[keys[0]].text}",
            f"[{keys[0]} confidence] How sure are you?",
            f"[{keys[0]} note] Your note",
            f"[{keys[1]}] x",
            f"[{keys[1]} confidence] How sure?",
            f"[{keys[2]} note] A note on a question the form does not ask",
            f"[{keys[1]} evidence] Evidence",
            f"[{keys[1]} confidence] Again",
        ],
        ["2026-11-20 10:00:00", "2 – Repeatable", "certain", "Gut, 数据 ok", "", "high: sure", "x", "", ""],
        ["2026-11-20 11:00:00", "3", "Low – eine Vermutung", "=1+1", "1", "sicher", "", "", ""],
    ]  # fmt: skip
    path = _write(tmp_path / "export.xlsx", rows, sheet="Sheet1")
    book = load_workbook(path)
    book["Sheet1"]["D3"].value = "=1+1"  # a formula, as only an edit after the export makes one
    book.save(path)
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    expected = [
        f"export.xlsx: Sheet1!H1: [{keys[1]} evidence] does not say what the column holds "
        f"(allowed: [{keys[1]}], [{keys[1]} note], [{keys[1]} confidence])",
        f"export.xlsx: Sheet1!I1: a second column for [{keys[1]} confidence] (the first is Sheet1!F1)",
        f"export.xlsx: Sheet1!G1: [{keys[2]} note] comes without the question [{keys[2]}] itself "
        f"(allowed: the [{keys[2]}] question in the same form)",
        "export.xlsx: Sheet1!C2: 'certain' is not a confidence (allowed: low, medium, high)",
        "export.xlsx: Sheet1!E2: no answer, but a confidence is given; answer "
        f"[{keys[1]}] or clear them (allowed: 0, 1, 2, 3, 4)",
        "export.xlsx: Sheet1!D3: a formula is not an answer; the export holds typed values only",
        "export.xlsx: Sheet1!F3: 'sicher' is not a confidence (allowed: low, medium, high)",
    ]
    assert error.value.lines() == expected
    with pytest.raises(ValidationError) as error:
        import_files([_write(tmp_path / "export.csv", rows)], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [  # in CSV, `=1+1` is a note like any other text
        line.replace("export.xlsx", "export.csv").replace("Sheet1!", "")
        for line in expected
        if "formula" not in line
    ]


def test_an_export_that_claims_a_smaller_sheet_is_read_in_full(tmp_path: Path) -> None:
    """Some writers record too small a sheet size (`<dimension ref="A1"/>`); every row and
    column is read all the same."""
    fw = framework()
    path = _write(tmp_path / "export.xlsx", _microsoft(fw))
    expected = import_files([path], forms=SETTINGS, assessor=ASSESSOR).assessment
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', parts[sheet])
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert b'<dimension ref="A1"' in zipfile.ZipFile(path).read(sheet)
    assert import_files([path], forms=SETTINGS, assessor=ASSESSOR).assessment == expected


def test_an_export_names_no_assessor_so_the_client_folder_or_assessor_must(
    tmp_path: Path,
) -> None:
    """Never the login name: without --assessor, the client folder's latest assessment names
    the assessor, and gives the organization with its industry and size."""
    import getpass

    from cli_helpers import run
    from readiness.load import load_assessment

    path = _write(tmp_path / "export.csv", _microsoft(framework()))
    elsewhere = tmp_path / "out" / "2026-Q4.yaml"
    elsewhere.parent.mkdir()
    code, output = run("import", str(path), "--organization", "Acme", "-o", str(elsewhere))
    assert (code, output) == (
        2,
        "error: export.csv: names no assessor; pass --assessor NAME, or write the assessment "
        "into the client's folder, whose latest assessment names one\n",
    )
    assert not elsewhere.exists()
    bank = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"
    client = tmp_path / "northwind"
    client.mkdir()
    (client / "2026-Q3.yaml").write_text(bank.read_text())
    code, output = run("import", str(path), "-o", str(client / "2026-Q4.yaml"))
    assert code == 0, output
    imported = load_assessment(client / "2026-Q4.yaml").assessment
    expected = load_assessment(bank).assessment
    assert imported.organization == expected.organization
    assert imported.organization.industry == "Banking"
    assert imported.assessor == expected.assessor != getpass.getuser()


def test_names_roles_and_notes_with_formulas_or_control_characters_are_refused(
    tmp_path: Path,
) -> None:
    fw = framework()
    key = _keys(fw)[0]
    rows = _microsoft(fw)
    rows[0].append(f"[{key} note] Your note")
    rows[1][4] = '=HYPERLINK("http://evil.example","Dana")'
    rows[1].append("ok\nsecond line")
    rows[2][5] = "CDO\u202e"
    rows[2].append("seen\x7f")
    path = _write(tmp_path / "export.xlsx", rows)
    book = load_workbook(path)
    book.active["E2"].value = rows[1][4]  # typed as a formula
    book.save(path)
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "export.xlsx: Form1!E2: a formula is not an answer; the export holds typed values only",
        "export.xlsx: Form1!F3: holds a control character ('CDO\\u202e') (allowed: text on one "
        "line, no control characters)",
        "export.xlsx: Form1!N3: holds a control character ('seen\\x7f') (allowed: text; tabs "
        "and line breaks, no control characters)",
    ]
    csv_rows = [["Timestamp", "Name", "[role] Your role", f"[{key}] x"]]
    csv_rows.append(["2026-11-20 10:00:00", "Ana\x1b[2J", "CTO", "2"])
    csv_rows.append(["2026-11-20 10:00:00", "Lee", "R" * 201, "3"])
    with pytest.raises(ValidationError) as error:
        import_files([_write(tmp_path / "e.csv", csv_rows)], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "e.csv: B2: holds a control character ('Ana\\x1b[2J') (allowed: text on one line, no "
        "control characters)",
        f"e.csv: C3: role: String should have at most 200 characters (got '{'R' * 37}...')",
    ]


def test_an_export_the_system_refuses_to_read_is_one_problem_among_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _write(tmp_path / "locked.csv", _microsoft(framework()))
    other = tmp_path / "other.csv"
    other.write_text("Timestamp,[data.nope] x,[data.inventory] y\n2026-11-20 10:00:00,1,2\n")
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "locked.csv":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ValidationError) as error:
        import_files([locked, other], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "locked.csv: cannot be read (Permission denied)",
        f"other.csv: B1: [data.nope] is not a question of {framework().ref}",
    ]


def test_the_period_of_an_export_is_checked_where_it_comes_from(tmp_path: Path) -> None:
    # Both gave "period: String should match pattern '^\d{4}-(Q[1-4]|H[12]|(0[1-9]|1[0-2]))$'".
    from click.testing import CliRunner

    from readiness.cli import main

    export = _write(tmp_path / "export.csv", [["Timestamp", "[data.inventory] x"], ["", "2"]])
    base = ["import", str(export), "--organization", "Acme", "--assessor", ASSESSOR]
    named = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "assessment.yaml")])
    assert named.exit_code == 1
    assert named.output.startswith(
        "export.csv: a Forms export does not say whose assessment it is (allowed: "
    )
    given = CliRunner().invoke(main, [*base, "-o", str(tmp_path / "a.yaml"), "--period", "Q4"])
    assert (given.exit_code, given.output) == (
        2,
        "error: invalid --period 'Q4': expected a period such as 2026-Q4, 2026-H2 or 2026-11\n",
    )


def test_a_completion_time_that_is_no_date_is_named_at_its_cell(tmp_path: Path) -> None:
    # It read "no Completion time or Timestamp to date the answers" beside the column.
    path = tmp_path / "responses.csv"
    path.write_text("Timestamp,[data.inventory] x\n2026-02-30 10:00:00,2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        import_files([path], forms=SETTINGS, assessor=ASSESSOR)
    assert error.value.lines() == [
        "responses.csv: A2: '2026-02-30 10:00:00' is not a date and time the export could hold "
        "(allowed: e.g. 2026-11-20 10:00:00 or 11/20/2026 10:00:00, or --date)"
    ]
