"""The results workbook: every score a formula over the answers next to the engine's value;
LibreOffice opens both workbooks and, after recalculating, every formula equals the engine."""

from __future__ import annotations

import itertools
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from readiness.cli import main
from readiness.load import Shelf, load_assessment
from readiness.model import Answer, Assessment, Framework
from readiness.pipeline import plan
from readiness.score import Scorecard, score_assessment
from readiness.workbook.importing import import_files
from readiness.workbook.questionnaire import build_questionnaire
from readiness.workbook.results import build_results
from workbook_helpers import (
    ROOT,
    fill,
    framework,
    generated_answers,
    recipient,
    write_questionnaire,
)

NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"
LUMEN = ROOT / "examples" / "lumen-insurance" / "2026-Q4.yaml"
ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"


def _workshop(
    tmp_path: Path, aggregate: str, weighted: bool
) -> tuple[Assessment, Framework, Scorecard]:
    """Three respondents with n/a votes and gaps, from workbooks; one weighs more or less on
    two dimensions when `weighted`."""
    fw = framework()
    tmp_path.mkdir()
    books = []
    for seed, who in enumerate(("cto", "cdo", "cro")):
        book = write_questionnaire(tmp_path / f"{who}.xlsx", fw, recipient(who, who.upper()))
        fill(book, fw, generated_answers(fw, seed * 4))
        books.append(book)
    assessment = import_files(books).assessment
    people = list(assessment.respondents)
    if weighted:
        people[0] = people[0].model_copy(update={"weights": {"data": 2.0, "ethics": 0.5}})
    assessment = assessment.model_copy(update={"respondents": people, "vote_aggregate": aggregate})
    return assessment, fw, score_assessment(assessment, fw)


def _northwind(tmp_path: Path) -> tuple[Path, Scorecard]:
    planned = plan(NORTHWIND)
    loaded = planned.assessed.loaded
    card = planned.assessed.scorecard
    path = tmp_path / "northwind.xlsx"
    path.write_bytes(build_results(loaded.assessment, loaded.framework, card, planned.data()))
    return path, card


def _results(tmp_path: Path) -> dict[str, tuple[Path, Scorecard]]:
    out = {"northwind": _northwind(tmp_path)}
    loaded = load_assessment(NORTHWIND)
    # Sums of half-point answers per dimension and the minimum overall.
    lumen = load_assessment(LUMEN)
    card = score_assessment(lumen.assessment, lumen.framework)
    path = tmp_path / "lumen.xlsx"
    path.write_bytes(build_results(lumen.assessment, lumen.framework, card))
    out["lumen"] = (path, card)
    # A dimension score of exactly 1.78125: a tie at the fourth decimal.
    acme = load_assessment(ACME)
    card = score_assessment(acme.assessment, acme.framework)
    path = tmp_path / "acme.xlsx"
    path.write_bytes(build_results(acme.assessment, acme.framework, card))
    out["acme"] = (path, card)
    # A consensus of 0 on a critical question caps its dimension above a strong score.
    fw = loaded.framework
    answers = dict(loaded.assessment.answers)
    for dimension in fw.dimensions:
        critical = next((q for q in dimension.questions if q.critical), None)
        if critical is not None:
            key = f"{dimension.id}.{critical.id}"
            answers[key] = answers[key].model_copy(update={"level": 0.0})
            for question in dimension.questions:
                if not question.critical:
                    answers[f"{dimension.id}.{question.id}"] = Answer(level=4)
    capped = loaded.assessment.model_copy(update={"answers": answers})
    card = score_assessment(capped, fw)
    path = tmp_path / "capped.xlsx"
    path.write_bytes(build_results(capped, fw, card))
    out["capped"] = (path, card)
    for aggregate, weighted in (("mean", True), ("median", False), ("median", True)):
        name = f"{aggregate}-weighted" if weighted else aggregate
        assessment, fw, card = _workshop(tmp_path / name, aggregate, weighted)
        path = tmp_path / f"workshop-{name}.xlsx"
        path.write_bytes(build_results(assessment, fw, card))
        out[name] = (path, card)
    return out


def test_every_score_is_a_formula_over_the_answers(shelf: Shelf, tmp_path: Path) -> None:
    path, card = _northwind(tmp_path)
    book = load_workbook(path)
    scores = book["Scores"]
    for row in range(2, 2 + len(card.dimensions)):
        for column in ("E", "H", "K", "O", "P"):
            assert scores[f"{column}{row}"].data_type == "f"
    assert book["Summary"]["B9"].value.startswith("=IF(COUNT(Scores!N2:N6)=0")
    answers = book["Answers"]
    assert answers["L2"].value.startswith('=IF(G2="n/a"')
    assert "SUMPRODUCT(H2:K2,Weights!$B$2:$E$2)" in answers["L2"].value
    # The plan's rows end at the blank row above the achieved initiatives.
    rows = book["Plan"].iter_rows(min_row=2, values_only=True)
    plan_rows = list(itertools.takewhile(lambda line: line[0] is not None, rows))
    header = [c.value for c in book["Plan"][1]]
    owner, start, fte, fte_months, status, why = (
        header.index(t)
        for t in ("Owner", "Start", "Effort (FTE)", "Effort (FTE-months)", "Status", "Why")
    )
    scheduled = [line for line in plan_rows if line[status] != "deferred"]
    deferred = [line for line in plan_rows if line[status] == "deferred"]
    assert scheduled
    assert all(line[0] and line[owner] and line[start] and line[why] for line in scheduled)
    assert all(line[0] and line[owner] and line[why] and not line[start] for line in deferred)
    months = header.index("Months")
    for line in scheduled:
        assert line[fte_months] == pytest.approx(float(line[fte]) * float(line[months]))  # type: ignore[arg-type]
    # Owners and workstreams read as the framework names them, not as ids.
    manifest = load_assessment(NORTHWIND, shelf=shelf).framework.manifest
    assert {line[owner] for line in plan_rows} <= {r.title for r in manifest.roles.values()}
    workstreams = {w.title for w in manifest.workstreams}
    assert {line[header.index("Workstream")] for line in plan_rows} <= workstreams


def test_dates_are_dates_coverage_a_percentage_and_the_formulas_explained(
    tmp_path: Path,
) -> None:
    path, _ = _northwind(tmp_path)
    book = load_workbook(path)
    assert book["Summary"]["A4"].value == "Assessed on"
    assert book["Summary"]["B4"].is_date and book["Summary"]["B4"].number_format == "yyyy-mm-dd"
    scores = book["Scores"]
    assert scores["H2"].number_format == "0%" and scores["I2"].number_format == "0%"
    note = scores.cell(len(framework().dimensions) + 3, 1).value
    assert note.startswith("How the formulas read. Answered counts the questions")
    assert "a tie to the even digit" in note


def test_a_weighted_median_is_recomputed_not_copied_from_the_engine(tmp_path: Path) -> None:
    assessment, fw, card = _workshop(tmp_path / "w", "median", True)
    answers = load_workbook(BytesIO(build_results(assessment, fw, card)))["Answers"]
    header = [c.value for c in answers[1]]
    value = header.index("Value (formula)") + 1
    engine = answers.cell(1, header.index("Value (engine)") + 1).column_letter
    lower = answers.cell(1, header.index("Weighted median: lower value (formula)") + 1)
    formula = str(answers.cell(2, value).value)
    assert f"{lower.column_letter}2" in formula and f"{engine}2" not in formula


def test_headers_show_in_full_and_rows_read_from_the_top(shelf: Shelf) -> None:
    loaded = load_assessment(NORTHWIND, shelf=shelf)
    card = score_assessment(loaded.assessment, loaded.framework)
    book = load_workbook(BytesIO(build_results(loaded.assessment, loaded.framework, card)))
    # "Score (formula)" and "Score (engine)" wrap onto two lines: the header row shows both.
    assert book["Scores"].row_dimensions[1].height >= 2 * 14
    answers = book["Answers"]
    assert {cell.alignment.vertical for cell in answers[2]} == {"top"}
    # Flags and small numbers are centred, so a right-aligned 0 never touches the next text.
    assert {answers[f"{c}2"].alignment.horizontal for c in "DEG"} == {"center"}


def test_same_input_gives_the_same_bytes(shelf: Shelf) -> None:
    loaded = load_assessment(NORTHWIND, shelf=shelf)
    card = score_assessment(loaded.assessment, loaded.framework)
    one = build_results(loaded.assessment, loaded.framework, card)
    assert one == build_results(loaded.assessment, loaded.framework, card)
    assert load_workbook(BytesIO(one)).properties.creator == loaded.assessment.assessor


def test_score_and_plan_write_the_workbook_with_format_xlsx(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "results.xlsx"
    done = runner.invoke(main, ["score", str(NORTHWIND), "--format", "xlsx", "-o", str(target)])
    assert done.exit_code == 0, done.output
    assert "Plan" not in load_workbook(target).sheetnames
    again = runner.invoke(main, ["plan", str(NORTHWIND), "--format", "xlsx", "-o", str(target)])
    assert again.exit_code == 1 and "already exists; pass --force" in again.output
    forced = ["plan", str(NORTHWIND), "--format", "xlsx", "-o", str(target), "--force"]
    assert runner.invoke(main, forced).exit_code == 0
    assert "Plan" in load_workbook(target).sheetnames
    missing = runner.invoke(main, ["score", str(NORTHWIND), "--format", "xlsx"])
    assert missing.exit_code == 2 and "give it a name with -o FILE.xlsx" in missing.output


def _soffice(args: list[str], profile: Path) -> None:
    command = [
        "soffice",
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr


def _smallest_text(pdf: Path) -> float:
    """The smallest font size of the text on any page, in points (page footers included)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    sizes = set()
    for page in pdfium.PdfDocument(pdf):
        text = page.get_textpage()
        for index in range(text.count_chars()):
            if text.get_text_range(index, 1).strip():
                sizes.add(round(raw.FPDFText_GetFontSize(text.raw, index), 1))
    return min(sizes)


def _same(formula: object, engine: object) -> bool:
    if engine is None or engine == "":
        return formula in (None, "")
    assert isinstance(formula, int | float), formula
    assert isinstance(engine, int | float)
    return round(formula, 2) == round(engine, 2)


def _calibri_stand_in() -> str:
    """The font LibreOffice sets Calibri in here (fontconfig's match); empty when unknown."""
    if shutil.which("fc-match") is None:
        return ""
    done = subprocess.run(
        ["fc-match", "-f", "%{family}", "Calibri"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip()


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
@pytest.mark.skipif(
    _calibri_stand_in().split(",")[0] not in ("Calibri", "Carlito"),
    reason="neither Calibri nor Carlito (its metric twin, Debian's fonts-crosextra-carlito) is "
    "installed: LibreOffice would print the workbooks in a wider font, shrunk to fit",
)
def test_printed_workbooks_keep_their_text_at_nine_points_or_more(tmp_path: Path) -> None:
    results = _results(tmp_path)
    questionnaire = tmp_path / "questionnaire.xlsx"
    questionnaire.write_bytes(build_questionnaire(framework(), recipient()))
    profile, out = tmp_path / "profile", tmp_path / "out"
    printed = [str(questionnaire), str(results["northwind"][0])]
    _soffice(["--convert-to", "pdf", "--outdir", str(out), *printed], profile)
    assert (out / "questionnaire.pdf").stat().st_size > 10_000
    # Printed on A4, every sheet's text is 9 points or more.
    assert _smallest_text(out / "questionnaire.pdf") >= 9
    assert _smallest_text(out / "northwind.pdf") >= 9


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_opens_both_workbooks_and_recalculates_the_engine_values(
    tmp_path: Path,
) -> None:
    results = _results(tmp_path)
    fw = framework()
    answers = generated_answers(fw, 2)
    filled = write_questionnaire(tmp_path / "filled.xlsx", fw, recipient())
    fill(filled, fw, answers)
    profile, out = tmp_path / "profile", tmp_path / "out"
    # An engine value one unit of the fourth decimal off: its check must say so.
    tampered = load_workbook(results["northwind"][0])
    for cell in (tampered["Scores"]["L2"], tampered["Summary"]["C9"]):
        cell.value += 0.0001
    tampered.save(tmp_path / "tampered.xlsx")
    # A note on an unanswered row: the instructions count it, so the respondent finds it.
    noted = write_questionnaire(tmp_path / "noted.xlsx", fw, recipient())
    second = f"data.{fw.dimension('data').questions[1].id}"  # on row 6
    some = {key: answer for key, answer in answers.items() if key != second}
    role = {"Instructions!B7": "CFO & Treasurer"}
    fill(noted, fw, some, **{"Data foundations!E6": "no answer yet"}, **role)
    answered = sum(key.startswith("data.") for key in some)
    paths = [str(path) for path, _ in results.values()] + [str(filled), str(noted)]
    paths.append(str(tmp_path / "tampered.xlsx"))
    _soffice(["--convert-to", "xlsx", "--outdir", str(out), *paths], profile)
    # Saved again by LibreOffice, the filled questionnaire still imports to the same answers.
    again = import_files([out / "filled.xlsx"]).assessment
    assert again == import_files([filled]).assessment
    assert len(again.answers) == len(answers)
    intro = load_workbook(out / "noted.xlsx", data_only=True)["Instructions"]
    counts = {row[0]: row[1] for row in intro.iter_rows(values_only=True) if row[0]}
    assert counts["Data foundations"].startswith(f"{answered} of ")
    assert counts["Data foundations"].endswith(
        "; 1 red answer cell: choose a level or clear its row"
    )
    # Each sheet names who answers as the instructions' role cell says it, once corrected.
    line = load_workbook(out / "noted.xlsx", data_only=True)["Data foundations"]["A3"].value
    assert line.startswith("Answering: Dana Kim (CFO & Treasurer). Choose a level")
    assert counts["Teams and operating model"].endswith(" of 11")
    capped = 0
    for path, card in results.values():
        book = load_workbook(out / path.name, data_only=True)
        answers, scores, summary = book["Answers"], book["Scores"], book["Summary"]
        header = [c.value for c in answers[1]]
        value, engine = header.index("Value (formula)") + 1, header.index("Value (engine)") + 1
        for row in range(2, answers.max_row + 1):
            key = answers.cell(row, 1).value
            assert _same(answers.cell(row, value).value, answers.cell(row, engine).value), key
            assert answers.cell(row, engine + 1).value == "ok", key
        for row, dimension in enumerate(card.dimensions, start=2):
            cells = [scores.cell(row, c).value for c in range(1, 19)]
            assert cells[0] == dimension.id
            assert cells[4] == dimension.answered and cells[5] == dimension.not_applicable
            assert _same(cells[7], dimension.coverage) and cells[9] == "ok"
            assert _same(cells[10], dimension.score) and cells[12] == "ok"
            # Rounded to four decimals as the engine rounds, a tie to the even digit.
            assert cells[13] == dimension.score, (path.name, dimension.id)
            assert _same(cells[15], dimension.level) and cells[17] == "ok", dimension.id
            capped += dimension.capped_by is not None
        assert _same(summary["B9"].value, card.score) and summary["D9"].value == "ok"
        assert _same(summary["B10"].value, card.level) and summary["D10"].value == "ok"
        gates = book["Gates"]  # each condition decided by its formula as by the engine
        for row in range(2, gates.max_row + 1):
            assert gates.cell(row, 6).value in ("ok", None), gates.cell(row, 2).value
        assert any(gates.cell(row, 6).value == "ok" for row in range(2, gates.max_row + 1))
        if "Load" in book.sheetnames:  # each month's load as the plan's records sum it
            load = book["Load"]
            assert load.max_row > 12
            assert all(load.cell(r, 5).value == "ok" for r in range(2, load.max_row + 1))
    ties = [d.score for d in results["acme"][1].dimensions if d.score is not None]
    assert 1.7812 in ties, (
        "no score ended in a tie at the fourth decimal: the rounding went untested"
    )
    assert capped, "no dimension was capped by a critical question: the cap went untested"
    tampered = load_workbook(out / "tampered.xlsx", data_only=True)
    assert tampered["Scores"]["M2"].value == "DIFFERS"
    assert tampered["Summary"]["D9"].value == "DIFFERS"
    assert tampered["Scores"]["M3"].value == "ok"
