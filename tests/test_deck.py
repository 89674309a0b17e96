"""The steering-committee deck, read back with python-pptx: slide order, native charts whose
series are the numbers of `score`/`plan`/`progress`, real tables, no empty placeholder, text
that fits its box, the firm's template layouts, identical bytes for identical input, and
LibreOffice opening every bundled example's deck."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from readiness.cli import main
from readiness.deck.fit import text_height
from readiness.pipeline import deck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FRAMEWORKS = (ROOT / "questionnaires",)
DAY = dt.date(2026, 11, 30)
ACME_TITLES = [
    "Acme Retail: readiness to scale machine learning",
    None,  # the headline: checked against the report's below
    "Where Acme Retail stands against Enterprise scale",
    "Key practices by dimension",
    "What holds Acme Retail back",
    "The roadmap: Dec 2026 – Nov 2028",
    "The first 90 days",
    "What it takes",
    "Progress since 2026-Q3",
    "Method and next steps",
]


def _json(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Acme (a client folder: latest period, previous as baseline) and Northwind (a
    workshop), each written once."""
    folder = tmp_path_factory.mktemp("decks")
    written = {}
    for name, source in (
        ("acme", EXAMPLES / "acme-retail"),
        ("northwind", EXAMPLES / "northwind-bank" / "2026-Q4.yaml"),
    ):
        written[name] = deck(
            source, generated=DAY, output=folder / f"{name}.pptx", frameworks=FRAMEWORKS
        ).path
    return written


def _titles(path: Path) -> list[str]:
    return [
        slide.shapes.title.text if slide.shapes.title is not None else ""
        for slide in Presentation(str(path)).slides
    ]


def _charts(path: Path) -> list[Any]:
    return [
        shape.chart
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_chart
    ]


def _tables(path: Path, name: str) -> list[Any]:
    return [
        shape.table
        for slide in Presentation(str(path)).slides
        for shape in slide.shapes
        if shape.has_table and shape.name == name
    ]


def test_acme_slides_in_order(decks: dict[str, Path]) -> None:
    titles = _titles(decks["acme"])
    assert len(titles) == len(ACME_TITLES)
    for got, wanted in zip(titles, ACME_TITLES, strict=True):
        if wanted is not None:
            assert got == wanted
    assert titles[1].startswith("Acme Retail is at the department scale stage")


def test_workshop_deck_has_the_disputes_and_no_progress(decks: dict[str, Path]) -> None:
    titles = _titles(decks["northwind"])
    assert "Where leadership disagrees" in titles
    assert not any(t.startswith("Progress since") for t in titles)
    assert 8 <= len(titles) <= 12
    (table,) = _tables(decks["northwind"], "Table")[-1:]
    assert table.cell(0, 2).text == "Votes"


def test_the_standing_chart_is_the_score(decks: dict[str, Path]) -> None:
    score = _json("score", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))
    standing, _progress = _charts(decks["acme"])
    assert standing.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = standing.plots[0]
    assert list(plot.categories) == [d["title"] for d in score["dimensions"]]
    today = plot.series[0]
    assert today.name == "2026-Q4"
    assert list(today.values) == [d["level"] for d in score["dimensions"]]
    assert plot.series[1].name == "Needed for Enterprise scale"
    # The data is the chart's own (editable in PowerPoint): its workbook is embedded.
    assert standing.part.chart_workbook.xlsx_part is not None


def test_the_progress_chart_is_the_progress(decks: dict[str, Path]) -> None:
    progress = _json("progress", str(EXAMPLES / "acme-retail"))["latest"]
    chart = _charts(decks["acme"])[1]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    before, after = chart.plots[0].series
    assert (before.name, after.name) == ("2026-Q3", "2026-Q4")
    assert list(before.values) == [round(d["before"], 1) for d in progress["dimensions"]]
    assert list(after.values) == [round(d["after"], 1) for d in progress["dimensions"]]


def test_the_first_90_days_are_the_plan(decks: dict[str, Path]) -> None:
    plan = _json("plan", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))["plan"]
    table = next(t for t in _tables(decks["acme"], "Table") if t.cell(0, 1).text == "Owner")
    rows = [(table.cell(r, 0).text, table.cell(r, 1).text) for r in range(1, len(table.rows))]
    assert rows == [(i["title"], i["owner"]) for i in plan["initiatives"] if i["start_month"] < 3]


def test_the_heat_map_is_the_answers_and_reads_in_grey(decks: dict[str, Path]) -> None:
    score = _json("score", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))
    (table,) = _tables(decks["acme"], "Heat map")
    assert [table.cell(r, 0).text for r in range(len(table.rows))] == [
        d["title"] for d in score["dimensions"]
    ]
    values = {q["key"]: q["value"] for d in score["dimensions"] for q in d["questions"]}
    # Every filled cell prints its value; a darker fill never holds a lower value.
    shades: dict[float, set[float]] = {}
    for r in range(len(table.rows)):
        for c in range(1, len(table.columns)):
            cell = table.cell(r, c)
            name, _, value = cell.text.rpartition("\n")
            if value in ("", "–", "n/a"):
                continue
            rgb = cell.fill.fore_color.rgb
            grey = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
            shades.setdefault(float(value), set()).add(grey)
            assert name
    assert float(next(iter(shades))) in set(values.values())
    ordered = [shades[v] for v in sorted(shades)]
    for lower, higher in itertools.pairwise(ordered):
        assert min(lower) > max(higher)


def test_no_placeholder_left_empty_and_notes_on_every_slide(decks: dict[str, Path]) -> None:
    for path in decks.values():
        for number, slide in enumerate(Presentation(str(path)).slides, start=1):
            for placeholder in slide.placeholders:
                assert placeholder.has_text_frame and placeholder.text_frame.text.strip(), (
                    f"{path.name} slide {number}: placeholder {placeholder.name} is empty"
                )
            assert slide.has_notes_slide
            assert slide.notes_slide.notes_text_frame.text.strip()


def test_text_fits_its_box(decks: dict[str, Path]) -> None:
    """Every placeholder's text, at its font sizes, needs no more height than the box has."""
    for path in decks.values():
        for number, slide in enumerate(Presentation(str(path)).slides, start=1):
            for shape in slide.placeholders:
                width = shape.width / Inches(1) - 0.25
                needed = 0.0
                for paragraph in shape.text_frame.paragraphs:
                    size = next((r.font.size.pt for r in paragraph.runs if r.font.size), 18)
                    indent = 0.35 * (paragraph.level + (0 if shape == slide.shapes.title else 1))
                    needed += text_height(paragraph.text, width - indent, size)
                assert needed <= shape.height / Inches(1), f"{path.name} slide {number}"


def test_same_input_same_bytes(tmp_path: Path, decks: dict[str, Path]) -> None:
    again = deck(
        EXAMPLES / "acme-retail",
        generated=DAY,
        output=tmp_path / "again.pptx",
        frameworks=FRAMEWORKS,
    )
    assert again.path.read_bytes() == decks["acme"].read_bytes()
    properties = Presentation(str(again.path)).core_properties
    assert properties.created == dt.datetime(2026, 11, 30)
    assert properties.title == "Acme Retail: ML Scaling Readiness, 2026-Q4"


def _firm_template(path: Path, *, drop: str | None) -> None:
    """A firm's template: 16:9, its own layout names and title position; `drop` removes one
    layout by its default name."""
    firm = Presentation()
    firm.slide_width, firm.slide_height = Inches(13.333), Inches(7.5)
    names = {
        "Title Slide": "Firm cover",
        "Title and Content": "Firm text",
        "Two Content": "Firm split",
    }
    layouts = firm.slide_masters[0].slide_layouts
    for layout in list(layouts):
        if layout.name == drop:
            layouts.remove(layout)
        elif layout.name in names:
            layout.name = names[layout.name]
        if layout.name == "Firm text":
            layout.placeholders[0].left = Inches(1.5)  # the firm's title sits further in
    firm.slides.add_slide(firm.slide_layouts[0]).shapes.title.text = "A sample slide"
    firm.save(str(path))


def test_the_firm_template_layouts_are_used(tmp_path: Path) -> None:
    template = tmp_path / "firm.pptx"
    _firm_template(template, drop=None)
    result = deck(
        EXAMPLES / "acme-retail" / "2026-Q4.yaml",
        generated=DAY,
        output=tmp_path / "firm-deck.pptx",
        template=template,
        frameworks=FRAMEWORKS,
    )
    assert result.warnings == ()
    built = Presentation(str(result.path))
    used = [slide.slide_layout.name for slide in built.slides]
    assert used[0] == "Firm cover"
    assert {"Firm text", "Firm split"} <= set(used)
    text_slide = next(s for s in built.slides if s.slide_layout.name == "Firm text")
    assert text_slide.shapes.title.left == Inches(1.5)
    assert "A sample slide" not in _titles(result.path)  # the template's own slides are gone
    assert not any(s.name == "Theme band" for slide in built.slides for s in slide.shapes)


def test_a_missing_layout_falls_back_with_a_warning(tmp_path: Path) -> None:
    template = tmp_path / "firm.pptx"
    _firm_template(template, drop="Two Content")
    result = deck(
        EXAMPLES / "acme-retail" / "2026-Q4.yaml",
        generated=DAY,
        output=tmp_path / "firm-deck.pptx",
        template=template,
        frameworks=FRAMEWORKS,
    )
    (warning,) = result.warnings
    assert warning.format() == (
        f"{template}: no two-column layout; those slides use its 'Firm text' layout instead "
        "[warning]"
    )
    built = Presentation(str(result.path))
    assert "Firm split" not in {slide.slide_layout.name for slide in built.slides}
    for slide in built.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip()
    assert len(_charts(result.path)) == 1


def test_control_characters_are_removed(tmp_path: Path) -> None:
    client = tmp_path / "client"
    client.mkdir()
    text = (EXAMPLES / "acme-retail" / "2026-Q4.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Acme Retail", 'name: "Acme\\a Retail\\x1b"', 1)
    (client / "2026-Q4.yaml").write_text(text, encoding="utf-8")
    result = deck(
        client / "2026-Q4.yaml", generated=DAY, output=tmp_path / "d.pptx", frameworks=FRAMEWORKS
    )
    assert _titles(result.path)[0] == "Acme Retail: readiness to scale machine learning"


def test_command_refuses_to_overwrite_and_wrong_names(tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"mine")
    source = str(EXAMPLES / "helios-energy" / "2026-Q4.yaml")
    runner = CliRunner()
    refused = runner.invoke(main, ["deck", source, "-o", str(target)])
    assert refused.exit_code == 1
    assert refused.output == f"{target}: already exists; pass --force to replace it\n"
    assert target.read_bytes() == b"mine"
    wrong = runner.invoke(main, ["deck", source, "-o", str(tmp_path / "deck.pdf")])
    assert wrong.exit_code == 2
    assert "a deck must be written to a file ending in .pptx" in wrong.output
    bad = tmp_path / "firm.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    broken = runner.invoke(
        main, ["deck", source, "-o", str(target), "--force", "--template", str(bad)]
    )
    assert broken.exit_code == 1
    assert broken.output.startswith(f"--template {bad}: cannot be read as a PowerPoint")
    assert target.read_bytes() == b"mine"
    written = runner.invoke(main, ["deck", source, "-o", str(target), "--force"])
    assert written.exit_code == 0, written.output
    assert written.output == f"wrote {target}\n"


def test_help_does_not_import_python_pptx() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        "try:\n    main(['deck', '--help'])\nexcept SystemExit:\n    pass\n"
        "print('pptx' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_converts_every_example(tmp_path: Path) -> None:
    decks = [
        deck(
            folder, generated=DAY, output=tmp_path / f"{folder.name}.pptx", frameworks=FRAMEWORKS
        ).path
        for folder in sorted(EXAMPLES.iterdir())
    ]
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, decks),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    from pypdf import PdfReader

    for path in decks:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file(), f"{pdf.name} not written: {run.stdout} {run.stderr}"
        assert len(PdfReader(pdf).pages) == len(Presentation(str(path)).slides)
