"""Importing workbooks: every located error at once and nothing written, version safety,
several respondents merged as votes, and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from cli_helpers import run
from readiness.cli import main
from readiness.errors import ValidationError
from readiness.load import load_assessment
from readiness.workbook.importing import import_files
from workbook_helpers import (
    ROOT,
    fill,
    framework,
    generated_answers,
    recipient,
    write_questionnaire,
)


def test_every_located_error_is_reported_at_once_and_nothing_is_written(tmp_path: Path) -> None:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(
        book,
        fw,
        {},
        **{
            "Data foundations!B6": 5,
            "Data foundations!B7": "5 – Beyond",
            "Data foundations!B8": "n/a",
            "Data foundations!B9": "=1+1",
            "Data foundations!C10": "certain",
            "Data foundations!B10": 2,
            "Data foundations!E11": "a note without an answer",
            "Instructions!B7": None,
        },
    )
    out = tmp_path / "2026-Q4.yaml"
    result = CliRunner().invoke(main, ["import", str(book), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "acme-cto.xlsx: 'Data foundations'!B6: level 5 is not on the scale (allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
        "acme-cto.xlsx: 'Data foundations'!B7: level 5 is not on the scale (allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
        "acme-cto.xlsx: 'Data foundations'!B8: n/a is not allowed for this question (allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
        "acme-cto.xlsx: 'Data foundations'!B9: a formula is not an answer; type the value (start text with ' to keep a leading =, + or @)",
        "acme-cto.xlsx: 'Data foundations'!C10: 'certain' is not a confidence (allowed: low, medium, high)",
        "acme-cto.xlsx: 'Data foundations'!B11: no answer, but a note, evidence or confidence is given; choose a level (with confidence low when unsure), or clear the row",
        "acme-cto.xlsx: Instructions!B7: the respondent's role is empty",
    ]
    assert not out.exists()


def test_na_is_listed_as_allowed_where_the_question_allows_it(tmp_path: Path) -> None:
    fw = framework()
    key, _question = next((k, q) for k, q in fw.questions().items() if q.allow_na)
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    meta = {
        r[0]: r[1] for r in load_workbook(book)["_readiness"].iter_rows(values_only=True) if r[0]
    }
    fill(book, fw, {}, **{meta[f"q:{key}"].replace("!", "!B"): 7})
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines()[0].endswith(
        "level 7 is not on the scale (allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized, n/a)"
    )


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        (lambda book: book.remove(book["_readiness"]), "hidden '_readiness' sheet is missing"),
        (lambda book: book["_readiness"].cell(2, 2, "other-framework"), "sheet was edited"),
        (lambda book: book["_readiness"].cell(3, 2, "0.9.0"), "sheet was edited"),
    ],
)
def test_a_workbook_whose_hidden_sheet_was_removed_or_edited_is_refused(
    tmp_path: Path, edit: object, says: str
) -> None:
    fw = framework()
    path = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(path, fw, generated_answers(fw, 0))
    book = load_workbook(path)
    edit(book)  # type: ignore[operator]
    book.save(path)
    with pytest.raises(ValidationError) as error:
        import_files([path])
    (line,) = error.value.lines()
    assert says in line
    assert "make a fresh one with `readiness questionnaire" in line


def test_a_workbook_of_another_framework_version_is_refused(tmp_path: Path) -> None:
    import shutil

    fw = framework()
    path = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(path, fw, generated_answers(fw, 0))
    moved = tmp_path / "frameworks" / "ml-scaling"
    shutil.copytree(fw.folder, moved)
    manifest = moved / "framework.yaml"
    version = f"version: {fw.manifest.version}\n"
    text = manifest.read_text()
    assert version in text
    manifest.write_text(text.replace(version, "version: 9.9.9\n"))
    with pytest.raises(ValidationError) as error:
        import_files([path], frameworks=[tmp_path / "frameworks"])
    (line,) = error.value.lines()
    assert line == (
        f"acme-cto.xlsx: made for {fw.ref}, but the framework here is ml-scaling@9.9.9; make a "
        "fresh workbook with `readiness questionnaire CLIENT_DIR --respondent cto --role "
        "'Chief Technology Officer'` and copy the answers into it"
    )


def test_several_workbooks_become_votes_as_merge_writes_them(tmp_path: Path) -> None:
    fw = framework()
    cto = write_questionnaire(tmp_path / "cto.xlsx", fw, recipient("cto", "CTO"))
    cdo = write_questionnaire(tmp_path / "cdo.xlsx", fw, recipient("cdo", "CDO"))
    fill(cto, fw, generated_answers(fw, 0))
    fill(cdo, fw, generated_answers(fw, 1))
    out = tmp_path / "2026-Q4.yaml"
    result = CliRunner().invoke(main, ["import", str(cto), str(cdo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    loaded = load_assessment(out).assessment
    assert [r.id for r in loaded.respondents] == ["cto", "cdo"]
    answer = loaded.answers["data.inventory"]
    assert set(answer.votes) <= {"cto", "cdo"} and answer.votes
    assert out.read_text().startswith("# Workshop assessment: 2 respondents")


def test_one_workbook_is_said_as_one_respondent(tmp_path: Path) -> None:
    # It said "... answers from 1 respondents".
    fw = framework()
    cto = write_questionnaire(tmp_path / "cto.xlsx", fw, recipient("cto", "CTO"))
    fill(cto, fw, generated_answers(fw, 0))
    out = tmp_path / "2026-Q4.yaml"
    result = CliRunner().invoke(main, ["import", str(cto), "-o", str(out)])
    assert result.exit_code == 0, result.output
    answered = len(load_assessment(out).assessment.answers)
    assert result.output == f"wrote {out}: {answered} answers from 1 respondent\n"


def test_two_workbooks_for_the_same_respondent_are_refused(tmp_path: Path) -> None:
    fw = framework()
    one = write_questionnaire(tmp_path / "one.xlsx", fw, recipient("cto"))
    two = write_questionnaire(tmp_path / "two.xlsx", fw, recipient("cto"))
    fill(one, fw, generated_answers(fw, 0))
    fill(two, fw, generated_answers(fw, 1))
    with pytest.raises(ValidationError) as error:
        import_files([one, two])
    assert error.value.lines() == [
        "two.xlsx: respondent: 'cto' also answers in one.xlsx; each respondent answers in one file"
    ]


def test_questionnaire_command_writes_the_workbook_next_to_the_client(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["questionnaire", str(tmp_path), "--organization", "Acme", "--date", "2026-11-20"]
    result = runner.invoke(main, [*args, "--respondent", "cto", "--role", "CTO"])
    assert result.exit_code == 0, result.output
    count = len(framework().questions())
    assert result.output == f"wrote {tmp_path / '2026-Q4-cto.xlsx'}: {count} questions for cto\n"
    again = runner.invoke(main, [*args, "--respondent", "cto", "--role", "CTO"])
    assert again.exit_code == 1 and "already exists; pass --force" in again.output
    missing = runner.invoke(main, args)
    assert missing.exit_code == 2
    assert "needs --respondent ID and --role ROLE" in missing.output


def test_a_workbook_that_names_no_assessor_needs_one_and_never_gets_the_login_name(
    tmp_path: Path,
) -> None:
    import dataclasses
    import getpass

    fw = framework()
    who = dataclasses.replace(recipient(), assessor="")
    book = write_questionnaire(tmp_path / "cto.xlsx", fw, who)
    fill(book, fw, generated_answers(fw, 1))
    out = tmp_path / "out" / "2026-Q4.yaml"
    out.parent.mkdir()
    code, output = run("import", str(book), "-o", str(out))
    assert (code, output) == (
        2,
        "error: cto.xlsx: names no assessor; pass --assessor NAME, or write the assessment "
        "into the client's folder, whose latest assessment names one\n",
    )
    assert not out.exists()
    # Into the client's folder, the latest assessment names the assessor.
    client = tmp_path / "acme"
    client.mkdir()
    (client / "2026-Q3.yaml").write_text(
        (ROOT / "examples" / "acme-retail" / "2026-Q3.yaml").read_text()
    )
    assert run("import", str(book), "-o", str(client / "2026-Q4.yaml"))[0] == 0
    imported = load_assessment(client / "2026-Q4.yaml").assessment
    assert imported.assessor == "J. Whitaker, Kestrel Advisory" != getpass.getuser()
    # --assessor names whoever ran it, over what the files say.
    assert import_files([book], assessor="R. Osei").assessment.assessor == "R. Osei"


def test_every_file_is_read_and_every_problem_of_every_file_reported_at_once(
    tmp_path: Path,
) -> None:
    import zipfile

    from readiness.workbook.importing import MAX_BYTES

    fw = framework()
    good = write_questionnaire(tmp_path / "cfo.xlsx", fw, recipient("cfo", "CFO"))
    fill(good, fw, generated_answers(fw, 0))
    bad_cell = write_questionnaire(tmp_path / "cto.xlsx", fw, recipient())
    fill(bad_cell, fw, generated_answers(fw, 0), **{"Data foundations!B6": 9})
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with (tmp_path / "huge.xlsx").open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    (tmp_path / "export.csv").write_bytes(b"\x80\x81\x82")
    no_sheet = write_questionnaire(tmp_path / "cdo.xlsx", fw, recipient("cdo", "CDO"))
    book = load_workbook(no_sheet)
    book.remove(book["_readiness"])
    book.save(no_sheet)
    with zipfile.ZipFile(good) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet2.xml"]
    parts["xl/worksheets/sheet2.xml"] = sheet[: len(sheet) // 2]  # the XML cut short
    with zipfile.ZipFile(tmp_path / "cio.xlsx", "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    names = ["cfo.xlsx", "notes.xlsx", "missing.xlsx", "old.xls", "huge.xlsx"]
    names += ["export.csv", "cdo.xlsx", "cio.xlsx", "cto.xlsx"]
    out = tmp_path / "2026-Q4.yaml"
    code, output = run(
        "import", *(str(tmp_path / n) for n in names), "-o", str(out), "--assessor", "J. W."
    )
    assert code == 1
    assert output.splitlines() == [
        "notes.xlsx: not a readable xlsx workbook (BadZipFile)",
        "missing.xlsx: no such file",
        "old.xls: not a workbook (.xlsx) or a Forms export (.xlsx, .csv)",
        "huge.xlsx: larger than 20 MiB",
        "export.csv: not UTF-8: byte 0x80 on line 1 (allowed: UTF-8 or UTF-16 text; save the "
        "export as CSV UTF-8)",
        "cdo.xlsx: its hidden '_readiness' sheet is missing; make a fresh one with "
        "`readiness questionnaire CLIENT_DIR --xlsx --respondent ID --role ROLE` and copy the "
        "answers over",
        "cio.xlsx: not a readable xlsx workbook (ParseError)",
        "cto.xlsx: 'Data foundations'!B6: level 9 is not on the scale (allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
    ]
    assert not out.exists()


def test_every_bad_cell_of_a_question_row_is_reported(tmp_path: Path) -> None:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    cells = {
        "Data foundations!B6": "7 – Beyond",
        "Data foundations!C6": "certain",
        "Data foundations!E6": "seen \u202ein the audit",
        "Data foundations!F6": '=HYPERLINK("http://evil.example","report")',
    }
    fill(book, fw, {}, **cells)
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        "acme-cto.xlsx: 'Data foundations'!B6: level 7 is not on the scale "
        "(allowed: 0 – Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
        "acme-cto.xlsx: 'Data foundations'!C6: 'certain' is not a confidence "
        "(allowed: low, medium, high)",
        "acme-cto.xlsx: 'Data foundations'!E6: holds a control character "
        "('seen \\u202ein the audit') (allowed: text; tabs and line breaks, no control "
        "characters)",
        "acme-cto.xlsx: 'Data foundations'!F6: a formula is not an answer; type the value "
        "(start text with ' to keep a leading =, + or @)",
    ]


def test_the_respondents_name_and_role_are_checked_at_their_cells(tmp_path: Path) -> None:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    fill(
        book,
        fw,
        generated_answers(fw, 0),
        **{"Instructions!B6": '=HYPERLINK("http://evil.example","Dana")'},
        **{"Instructions!B7": "Chief \x9b31mTechnology Officer"},
    )
    code, output = run("import", str(book), "-o", str(tmp_path / "2026-Q4.yaml"))
    assert code == 1
    assert output.splitlines() == [
        "acme-cto.xlsx: Instructions!B6: name: a formula is not an answer; type the value "
        "(start text with ' to keep a leading =, + or @)",
        "acme-cto.xlsx: Instructions!B7: role: holds a control character "
        "('Chief \\x9b31mTechnology Officer') (allowed: text on one line, no control "
        "characters)",
    ]
    assert "\x9b" not in output
    fill(book, fw, {}, **{"Instructions!B6": "Dana\nKim", "Instructions!B7": "R" * 201})
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        "acme-cto.xlsx: Instructions!B6: name: holds a line break ('Dana\\nKim') "
        "(allowed: text on one line, no control characters)",
    ]
    fill(book, fw, {}, **{"Instructions!B6": "Dana Kim"})
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        "acme-cto.xlsx: Instructions!B7: role: String should have at most 200 characters "
        f"(got '{'R' * 37}...')",
    ]


def test_text_that_only_looks_like_a_formula_and_line_breaks_in_notes_import_as_typed(
    tmp_path: Path,
) -> None:
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cto.xlsx", fw, recipient())
    note = "+cmd|' /C calc'!A0\nsecond line\twith a tab"
    fill(book, fw, {"data.inventory": {"level": 2, "note": note, "evidence": "@SUM(1)"}})
    answer = import_files([book]).assessment.answers["data.inventory"]
    assert (answer.note, answer.evidence) == (note, "@SUM(1)")


def test_the_organizations_industry_and_size_come_back_with_the_answers(
    tmp_path: Path,
) -> None:
    from readiness.workbook.making import QuestionnaireRequest, make_questionnaire

    request = QuestionnaireRequest(
        client_dir=ROOT / "examples" / "northwind-bank",
        respondent="cro",
        role="Chief Risk Officer",
        output=tmp_path / "cro.xlsx",
    )
    target, _ = make_questionnaire(request)
    fw = framework()
    fill(target, fw, generated_answers(fw, 3))
    out = tmp_path / "2026-Q4.yaml"
    assert run("import", str(target), "-o", str(out))[0] == 0
    organization = load_assessment(out).assessment.organization
    bank = load_assessment(ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml")
    assert organization == bank.assessment.organization
    assert organization.industry == "Banking"


def test_a_workbook_in_the_first_column_order_still_imports(tmp_path: Path) -> None:
    """Format 1 had the id first and the answer in column D; one sent out before the change
    comes back in that order."""
    from readiness.workbook import questionnaire as q

    fw = framework()
    book = write_questionnaire(tmp_path / "new.xlsx", fw, recipient())
    fill(book, fw, generated_answers(fw, 5))
    expected = import_files([book]).assessment
    wb = load_workbook(book)
    old, new = q.LAYOUTS["readiness-questionnaire/1"], q.LAYOUT
    for ws in wb.worksheets[1:]:
        if ws.title == q.FORMAT_SHEET:
            continue
        for row in range(q.FIRST_ROW, ws.max_row + 1):
            cells = {field: ws.cell(row, column) for field, column in new._asdict().items()}
            values = {field: (cell.value, cell.data_type) for field, cell in cells.items()}
            for field, column in old._asdict().items():
                cell = ws.cell(row, column)
                cell.value, cell.data_type = values[field]
    meta = wb[q.FORMAT_SHEET]
    rows = []
    for line in range(1, meta.max_row + 1):
        key = meta.cell(line, 1).value
        if key == "format":
            meta.cell(line, 2).value = "readiness-questionnaire/1"
        if key == "check":
            meta.cell(line, 2).value = q.seal(rows)
            break
        rows.append((str(key), str(meta.cell(line, 2).value or "")))
    wb.save(tmp_path / "old.xlsx")
    assert import_files([tmp_path / "old.xlsx"]).assessment == expected


def test_a_zip_bomb_or_a_sheet_of_too_many_rows_is_refused_with_a_clear_message(
    tmp_path: Path,
) -> None:
    # Both were read in full: a 65 MiB part of a 70 KiB file, and a questionnaire sheet
    # padded past 10,000 rows (a million took 14 seconds).
    import zipfile

    fw = framework()
    bomb = write_questionnaire(tmp_path / "bomb.xlsx", fw, recipient("cto", "CTO"))
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(65 * 1024 * 1024))
    assert bomb.stat().st_size < 200_000
    rows = write_questionnaire(tmp_path / "rows.xlsx", fw, recipient("cdo", "CDO"))
    fill(rows, fw, generated_answers(fw, 3), **{"Data foundations!A10010": "x"})
    with pytest.raises(ValidationError) as error:
        import_files([bomb, rows], assessor="A. Consultant")
    assert error.value.lines() == [
        "bomb.xlsx: unpacks to 65 MiB (allowed: at most 64 MiB; a questionnaire unpacks to "
        "under 1 MiB)",
        "rows.xlsx: sheet 'Data foundations' has more than 10,000 rows (allowed: at most "
        "10,000 a sheet)",
    ]


def test_a_folder_or_a_device_given_as_a_workbook_is_named_for_what_it_is(
    tmp_path: Path,
) -> None:
    # Both were reported as "no such file".
    (tmp_path / "answers.xlsx").mkdir()
    with pytest.raises(ValidationError) as error:
        import_files([tmp_path / "answers.xlsx", Path("/dev/null")], assessor="A. Consultant")
    assert error.value.lines() == [
        "answers.xlsx: is a folder (allowed: a workbook (.xlsx) or a Forms export (.csv))",
        "null: not a regular file (a pipe, socket or device) (allowed: a workbook (.xlsx) or a "
        "Forms export (.csv))",
    ]


@pytest.mark.parametrize(
    ("part", "written", "damaged", "error"),
    [
        ("xl/worksheets/sheet2.xml", 'r="B5"', 'r="1A"', "ValueError"),
        ("xl/worksheets/sheet2.xml", 'defaultRowHeight="15"', 'defaultRowHeight="x"', "TypeError"),
        ("xl/workbook.xml", 'sheetId="1"', 'sheetId="x"', "TypeError"),
        ("xl/styles.xml", 'numFmtId="0"', 'numFmtId="x"', "TypeError"),
    ],
    ids=["cell-reference", "row-height", "sheet-id", "number-format"],
)
def test_a_value_in_a_workbooks_xml_that_cannot_be_read_is_one_line(
    part: str, written: str, damaged: str, error: str, tmp_path: Path
) -> None:
    # Each was a traceback from inside openpyxl, on opening the workbook or reading a sheet.
    import zipfile

    fw = framework()
    good = write_questionnaire(tmp_path / "good.xlsx", fw, recipient())
    fill(good, fw, generated_answers(fw, 0))
    with zipfile.ZipFile(good) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    assert written.encode() in parts[part]
    parts[part] = parts[part].replace(written.encode(), damaged.encode(), 1)
    with zipfile.ZipFile(tmp_path / "cto.xlsx", "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    code, output = run("import", str(tmp_path / "cto.xlsx"), "-o", str(tmp_path / "2026-Q4.yaml"))
    assert (code, output) == (1, f"cto.xlsx: not a readable xlsx workbook ({error})\n")


def test_a_bug_reading_a_workbook_is_not_passed_off_as_a_damaged_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness.workbook import filled

    fw = framework()
    good = write_questionnaire(tmp_path / "cto.xlsx", fw, recipient())

    def broken(*_: object) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(filled, "read_questionnaire", broken)
    with pytest.raises(TypeError, match="a bug"):
        import_files([good])


def test_a_units_short_name_is_recorded_with_the_unit() -> None:
    """The hidden sheet keeps what the report calls the unit, so an imported assessment of one
    model still names it as the client folder's assessments do."""
    from readiness.workbook.making import known_organization

    latest = {
        "organization": {
            "name": "Lumen Insurance",
            "unit": "Claims Analytics, FraudLens claims fraud-triage model",
            "unit_short": "FraudLens",
        }
    }
    assert known_organization(latest, "Lumen Insurance") == {
        "unit": "Claims Analytics, FraudLens claims fraud-triage model",
        "unit_short": "FraudLens",
    }


def test_ordinary_mistakes_are_said_in_the_respondents_words(tmp_path: Path) -> None:
    """A level typed as 'Level 3' is read; a note typed in the Confidence column is told to
    move to the note cell; the levels allowed read as the drop-down shows them."""
    fw = framework()
    book = write_questionnaire(tmp_path / "acme-cfo.xlsx", fw, recipient("cfo", "CFO"))
    fill(
        book,
        fw,
        {"data.inventory": {"level": 2}},
        **{
            "Value and measurement!B5": "Level 3",
            "Data foundations!B7": "2 – Repeatable",
            "Data foundations!C7": "Finance only, the rest I do not know",
            "Data foundations!B8": "Repeatable",
            "Data foundations!C8": "very sure",
        },
    )
    with pytest.raises(ValidationError) as error:
        import_files([book])
    assert error.value.lines() == [
        "acme-cfo.xlsx: 'Data foundations'!C7: 'Finance only, the rest I do not know' reads as "
        "a note, not a confidence: move it to the note (E7), and choose low, medium or high "
        "here",
        "acme-cfo.xlsx: 'Data foundations'!B8: 'Repeatable' is not a level (allowed: 0 – "
        "Absent, 1 – Ad hoc, 2 – Repeatable, 3 – Defined, 4 – Optimized)",
        "acme-cfo.xlsx: 'Data foundations'!C8: 'very sure' is not a confidence (allowed: low, "
        "medium, high)",
    ]
    fill(book, fw, {}, **{"Data foundations!C7": None, "Data foundations!B8": None})
    fill(book, fw, {}, **{"Data foundations!C8": None})
    answers = import_files([book]).assessment.answers
    assert answers["measurement.use_case_alignment"].level == 3
