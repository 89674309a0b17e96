"""The steering-committee deck, read back with python-pptx: slide order, native charts whose
series are the numbers of `score`/`plan`/`progress`, real tables, no empty placeholder, text
that fits its box, the firm's template layouts, identical bytes for identical input, and
LibreOffice opening every bundled example's deck."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.dml import MSO_FILL
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches

from readiness.cli import main
from readiness.deck.fit import text_height
from readiness.errors import ReadinessError
from readiness.load import Shelf
from readiness.pipeline import deck, load_client
from readiness.plan.roadmap import plan_roadmap
from readiness.progress import build_progress
from readiness.report.story import Story, build_story
from readiness.report.words import score_digits
from readiness.rules import evaluate_rules
from test_deck_content import weighted_northwind

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FRAMEWORKS = (ROOT / "questionnaires",)
DAY = dt.date(2026, 12, 15)
HELIOS_DAY = dt.date(2026, 12, 5)
ACME_TITLES = [
    "Acme Retail: ML Scaling Readiness",
    "Fund the first wave: about EUR 1.44 million, Jan 2027 – Sep 2027, to reach department scale",
    "3 of 5 dimensions fall short of the level department scale requires",
    "2 practices below what department scale requires: operational monitoring and risk review "
    "before go-live",
    "What holds Acme Retail back most: drift in production goes unnoticed",
    "First wave: {wave}",
    # All three start in the plan's first month, the data exposure's containment (P1) with them.
    "3 priorities, all beginning {begins[0]}",
    "Department scale: 5 requirements to meet, by {closed}",
    "Every dimension improved since 2026-Q3; still at pilot to production",
    "What the committee decides today",
    "Next steps, and how the assessment was made",
]


def _json(*args: str) -> Any:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def decks(shelf: Shelf, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Acme (a client folder: latest period, previous as baseline), Northwind (a workshop),
    Northwind with the CTO weighted (at department scale, short of enterprise scale in every
    dimension, open disputes the stage turns on) and Helios (a target practice late), each
    written once."""
    folder = tmp_path_factory.mktemp("decks")
    written = {}
    for name, source in (
        ("acme", EXAMPLES / "acme-retail"),
        ("northwind", EXAMPLES / "northwind-bank" / "2026-Q4.yaml"),
        ("weighted", weighted_northwind(folder / "weighted")),
        ("helios", EXAMPLES / "helios-energy" / "2026-Q4.yaml"),
    ):
        written[name] = deck(
            source,
            generated=HELIOS_DAY if name == "helios" else DAY,
            output=folder / f"{name}.pptx",
            frameworks=FRAMEWORKS,
            shelf=shelf,
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
    story = _story()
    roadmap = story.roadmap
    assert roadmap is not None and story.what_it_takes is not None
    wave = [b for lane in roadmap.lanes for b in lane.bars if b.wave == 1]
    total = sum(len(lane.bars) for lane in roadmap.lanes)
    start = min(wave, key=lambda b: b.start_month).when.split(" – ")[0]
    end = max(wave, key=lambda b: b.end_month).when.split(" – ")[-1]
    said = (
        f"{len(wave)} initiatives, {start} – {end}; then {total - len(wave)} more to {roadmap.end}"
    )
    begins = [p.when.split(" – ")[0] for p in story.priorities]
    assert len(set(begins)) == 1
    assert _titles(decks["acme"]) == [
        t.format(wave=said, begins=begins, closed=story.what_it_takes.when) for t in ACME_TITLES
    ]


def _story() -> Story:
    """The report's story of Acme's latest period against its previous one."""
    periods = load_client(EXAMPLES / "acme-retail", frameworks=FRAMEWORKS)
    latest = periods[-1]
    results = evaluate_rules(latest.framework, latest.scorecard)
    plan = plan_roadmap(
        latest.framework, latest.assessment, latest.scorecard, results, what_it_takes=True
    )
    return build_story(
        latest.framework,
        latest.assessment,
        latest.scorecard,
        results,
        plan,
        progress=build_progress(periods),
    )


def test_the_words_are_the_story(decks: dict[str, Path]) -> None:
    story = _story()
    slides = list(Presentation(str(decks["acme"])).slides)
    headline = slides[1]
    said = [p.text for p in headline.placeholders[1].text_frame.paragraphs]
    assert headline.shapes.title.text.startswith("Fund the first wave: about EUR 1.44 million")
    # Three short points in the report's words, the target's with the decision it asks; the
    # paragraph itself is the presenter's.
    assert said == [
        "Today: pilot to production stage; overall score 1.2 → 1.8 since 2026-Q3",
        "Department scale by Sep 2027: 5 of 20 requirements to meet",
        "Enterprise scale in Mar 2030, after the Jun 2029 target",
        "No team size keeps Jun 2029: the committee decides the date",
    ]
    assert story.headline in headline.notes_slide.notes_text_frame.text
    themes, table = _tables(decks["acme"], "Table")[:2]
    assert [themes.cell(r, 0).text for r in range(1, len(themes.rows))] == [
        t.title for t in story.themes
    ]
    assert 3 <= len(themes.rows) - 1 <= 5
    assert [table.cell(r, 0).text for r in range(1, len(table.rows))] == [
        f"P{n} · {p.title}" for n, p in enumerate(story.priorities, start=1)
    ]
    # The owner is the role's title, as the committee knows it (the story's), never its id.
    assert [table.cell(r, 2).text for r in range(1, len(table.rows))] == [
        p.owner for p in story.priorities
    ]
    framework = load_client(EXAMPLES / "acme-retail", frameworks=FRAMEWORKS)[-1].framework
    titles = {role.title for role in framework.manifest.roles.values()}
    assert titles and not titles & set(framework.manifest.roles)
    assert {table.cell(r, 2).text for r in range(1, len(table.rows))} <= titles


def test_workshop_deck_has_the_disputes_and_no_progress(decks: dict[str, Path]) -> None:
    titles = _titles(decks["weighted"])
    assert "Where leadership disagrees: 7 questions still open" in titles
    assert not any(t.startswith("Progress since") for t in titles)
    assert 8 <= len(titles) <= 12
    (table,) = _tables(decks["weighted"], "Table")[-1:]
    assert [table.cell(0, c).text for c in range(4)] == [
        "Question",
        "Lowest vote",
        "Highest vote",
        "Status",
    ]
    assert "Chief" in table.cell(1, 1).text
    # The disputes the stage turns on come first, said so; the notes carry every vote.
    statuses = [table.cell(r, 3).text for r in range(1, len(table.rows))]
    assert statuses[0] == "open, decides the stage"
    assert statuses == sorted(statuses, key=lambda s: (s == "settled", s != statuses[0]))
    slide = next(
        s
        for s in Presentation(str(decks["weighted"])).slides
        if s.shapes.title and s.shapes.title.text.startswith("Where leadership disagrees")
    )
    assert "counts 2 times" in slide.notes_slide.notes_text_frame.text


def test_the_standing_chart_is_the_score(decks: dict[str, Path]) -> None:
    score = _json("score", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))
    standing, _progress = _charts(decks["acme"])
    assert standing.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    plot = standing.plots[0]
    assert list(plot.categories) == [d["title"] for d in score["dimensions"]]
    today = plot.series[0]
    assert today.name == "2026-Q4"
    assert list(today.values) == [d["level"] for d in score["dimensions"]]
    assert plot.series[1].name == "Department scale requires"
    # The client's target is a series of its own, its levels those of `plan`, drawn outlined.
    plan = _json("plan", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))["plan"]
    target = plot.series[2]
    assert target.name == "Target: Enterprise scale by Jun 2029"
    assert list(target.values) == [plan["target"]["levels"][d["id"]] for d in score["dimensions"]]
    # Hatched inside a heavy outline: it reads projected and in grey.
    assert target.format.fill.type == MSO_FILL.PATTERNED
    assert target.format.line.width.pt >= 2
    # The data is the chart's own (editable in PowerPoint): its workbook is embedded.
    assert standing.part.chart_workbook.xlsx_part is not None


def test_the_progress_chart_is_the_progress(decks: dict[str, Path]) -> None:
    progress = _json("progress", str(EXAMPLES / "acme-retail"))["latest"]
    chart = _charts(decks["acme"])[1]
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    before, after = chart.plots[0].series
    assert (before.name, after.name) == ("2026-Q3", "2026-Q4")
    # Cut to the report's decimal, never rounded up past it: 1.78 is 1.7, as in the report.
    assert list(before.values) == [score_digits(d["before"], 1) for d in progress["dimensions"]]
    assert list(after.values) == [score_digits(d["after"], 1) for d in progress["dimensions"]]
    raw = [d["after"] for d in progress["dimensions"]]
    assert any(round(v, 1) != score_digits(v, 1) for v in raw)
    assert chart.plots[0].data_labels.number_format == "0.0"
    # The presenter reads the scores as the slide shows them, not as raw means.
    (slide,) = [
        s
        for s in Presentation(str(decks["acme"])).slides
        if s.shapes.title.text.startswith("Every dimension improved since")
    ]
    lines = slide.notes_slide.notes_text_frame.text.splitlines()
    first = progress["dimensions"][0]
    assert lines[0] == f"{first['title']}: {first['before']:.1f} to {first['after']:.1f}"


def test_the_priorities_are_first_wave_work_of_the_plan(
    shelf: Shelf, decks: dict[str, Path]
) -> None:
    plan = _json("plan", str(EXAMPLES / "acme-retail" / "2026-Q4.yaml"))["plan"]
    # The first wave is the work that ends by the first milestone (a year out for Acme).
    reached = next(m["month"] for m in plan["milestones"] if m["reachable"])
    owners = {i["title"]: i["owner"] for i in plan["initiatives"] if i["end_month"] <= reached}
    table = next(t for t in _tables(decks["acme"], "Table") if t.cell(0, 0).text == "Priority")
    roles = load_client(EXAMPLES / "acme-retail", frameworks=FRAMEWORKS, shelf=shelf)[-1].framework
    named = {k: role.title for k, role in roles.manifest.roles.items()}
    rows = [
        (table.cell(r, 0).text.split(" · ", 1)[1], table.cell(r, 2).text)
        for r in range(1, len(table.rows))
    ]
    assert len(rows) == 3
    assert all(named[owners[title]] == owner for title, owner in rows)


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
            value = value.split(",")[0]
            if cell.text.startswith("+"):
                # The cell that counts the practices left out: it has no value of its own.
                assert "more" in cell.text
                continue
            if value in ("", "–"):
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
    """Every placeholder's text, at its font sizes and spacing, needs no more height than its
    box has; every table ends on the slide."""
    for path in decks.values():
        built = Presentation(str(path))
        for number, slide in enumerate(built.slides, start=1):
            where = f"{path.name} slide {number}"
            for shape in slide.placeholders:
                width = shape.width / Inches(1) - 0.25
                needed = 0.0
                for paragraph in shape.text_frame.paragraphs:
                    size = next((r.font.size.pt for r in paragraph.runs if r.font.size), 18)
                    title = shape == slide.shapes.title
                    indent = 0 if title else 0.4 + 0.5 * paragraph.level
                    needed += text_height(paragraph.text, width - indent, size)
                    needed += paragraph.space_before.pt / 72 if paragraph.space_before else 0
                assert needed <= shape.height / Inches(1), where
                assert shape.text_frame.auto_size == MSO_AUTO_SIZE.NONE, where
            # A table ends inside the body it took the place of (the roadmap's last milestone
            # row included), above the layout's footer.
            body = max(
                (p.top + p.height for p in slide.slide_layout.placeholders if p.top is not None),
                default=built.slide_height,
            )
            for shape in slide.shapes:
                if shape.has_table:
                    bottom = shape.top + sum(row.height for row in shape.table.rows)
                    assert bottom <= min(body, built.slide_height), (where, shape.name)


def test_nothing_under_14_pt(decks: dict[str, Path]) -> None:
    """Every text of every slide, in placeholders, tables and charts, is 14 pt or more: it reads
    on a projector and on a phone."""
    for path in decks.values():
        for number, slide in enumerate(Presentation(str(path)).slides, start=1):
            frames = [s.text_frame for s in slide.shapes if s.has_text_frame]
            frames += [
                cell.text_frame
                for s in slide.shapes
                if s.has_table
                for row in s.table.rows
                for cell in row.cells
            ]
            sizes = [
                run.font.size.pt
                for frame in frames
                for paragraph in frame.paragraphs
                for run in paragraph.runs
                if run.text.strip() and run.font.size is not None
            ]
            for chart in (s.chart for s in slide.shapes if s.has_chart):
                sizes.append(chart.font.size.pt)
                sizes.append(chart.category_axis.tick_labels.font.size.pt)
                sizes.append(chart.plots[0].data_labels.font.size.pt)
            assert sizes and min(sizes) >= 14, f"{path.name} slide {number}: {min(sizes)} pt"


def test_a_unit_on_the_cover_keeps_the_cover_size(
    shelf: Shelf, tmp_path: Path, decks: dict[str, Path]
) -> None:
    # Lumen's cover said the unit in full ("Scope: Claims Analytics, FraudLens claims
    # fraud-triage model (motor and home claims)"), which set the whole subtitle at 14 pt: it
    # names the unit as the slides do, in a line that keeps the subtitle legible.
    from pptx import Presentation

    written = deck(
        EXAMPLES / "lumen-insurance" / "2026-Q4.yaml",
        generated=DAY,
        output=tmp_path / "lumen.pptx",
        frameworks=FRAMEWORKS,
        shelf=shelf,
    ).path

    def cover(path: Path) -> tuple[list[str], set[float], str]:
        slide = Presentation(str(path)).slides[0]
        body = next(s for s in slide.placeholders if s != slide.shapes.title)
        sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        lines = [p.text for p in body.text_frame.paragraphs]
        return lines, sizes, slide.notes_slide.notes_text_frame.text

    lines, sizes, notes = cover(written)
    assert lines[0] == "Scope: FraudLens"
    assert notes.startswith(
        "Scope: Claims Analytics, FraudLens claims fraud-triage model (motor and home claims)"
    )
    assert min(sizes) >= 18 and cover(decks["acme"])[1] == {24.0}


def test_same_input_same_bytes(shelf: Shelf, tmp_path: Path, decks: dict[str, Path]) -> None:
    again = deck(
        EXAMPLES / "acme-retail",
        generated=DAY,
        output=tmp_path / "again.pptx",
        frameworks=FRAMEWORKS,
        shelf=shelf,
    )
    assert again.path.read_bytes() == decks["acme"].read_bytes()
    properties = Presentation(str(again.path)).core_properties
    assert properties.created == dt.datetime(2026, 12, 15)
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


def _firm_deck(tmp_path: Path, *, drop: str | None) -> tuple[Path, Any]:
    """A firm template (less the `drop` layout) and the deck of Acme's latest period on it."""
    template = tmp_path / "firm.pptx"
    _firm_template(template, drop=drop)
    result = deck(
        EXAMPLES / "acme-retail" / "2026-Q4.yaml",
        generated=DAY,
        output=tmp_path / "firm-deck.pptx",
        template=template,
        frameworks=FRAMEWORKS,
    )
    return template, result


def test_the_firm_template_layouts_are_used(tmp_path: Path) -> None:
    _, result = _firm_deck(tmp_path, drop=None)
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
    template, result = _firm_deck(tmp_path, drop="Two Content")
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
    # The chart and its text share the one body: side by side, both below the title.
    chart_slide = next(s for s in built.slides if any(x.has_chart for x in s.shapes))
    chart = next(x for x in chart_slide.shapes if x.has_chart)
    (text,) = [p for p in chart_slide.placeholders if p != chart_slide.shapes.title]
    title = chart_slide.shapes.title
    assert text.top >= title.top + title.height
    assert text.left >= chart.left + chart.width


def test_control_characters_are_removed(shelf: Shelf, tmp_path: Path) -> None:
    client = tmp_path / "client"
    client.mkdir()
    text = (EXAMPLES / "acme-retail" / "2026-Q4.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Acme Retail", 'name: "Acme\\a Retail\\x1b"', 1)
    (client / "2026-Q4.yaml").write_text(text, encoding="utf-8")
    result = deck(
        client / "2026-Q4.yaml",
        generated=DAY,
        output=tmp_path / "d.pptx",
        frameworks=FRAMEWORKS,
        shelf=shelf,
    )
    assert _titles(result.path)[0] == "Acme Retail: ML Scaling Readiness"


def test_command_refuses_to_overwrite_and_wrong_names(shelf: Shelf, tmp_path: Path) -> None:
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"mine")
    source = str(EXAMPLES / "helios-energy" / "2026-Q4.yaml")
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, ["deck", source, "--date", "2026-12-15", *args])

    refused = run("-o", str(target))
    assert refused.exit_code == 1
    assert refused.output == f"{target}: already exists; pass --force to replace it\n"
    assert target.read_bytes() == b"mine"
    wrong = run("-o", str(tmp_path / "deck.pdf"))
    assert wrong.exit_code == 2
    assert "a deck must be written to a file ending in .pptx" in wrong.output
    bad = tmp_path / "firm.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    broken = run("-o", str(target), "--force", "--template", str(bad))
    assert broken.exit_code == 1
    assert broken.output.startswith(f"--template {bad}: cannot be read as a PowerPoint")
    assert target.read_bytes() == b"mine"
    written = run("-o", str(target), "--force")
    assert written.exit_code == 0, written.output
    assert written.output == f"wrote {target}\n"
    # Dated before the assessment only when the date is given on purpose.
    with pytest.raises(ReadinessError, match="the deck would be dated 2026-11-01, before"):
        deck(
            Path(source),
            generated=dt.date(2026, 11, 1),
            output=tmp_path / "early.pptx",
            shelf=shelf,
        )
    early = deck(
        Path(source),
        generated=dt.date(2026, 11, 1),
        output=tmp_path / "early.pptx",
        date_given=True,
        shelf=shelf,
    )
    assert early.path.is_file()


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
def test_libreoffice_converts_every_example(shelf: Shelf, tmp_path: Path) -> None:
    decks = [
        deck(
            folder,
            generated=DAY,
            output=tmp_path / f"{folder.name}.pptx",
            frameworks=FRAMEWORKS,
            shelf=shelf,
        ).path
        for folder in sorted(EXAMPLES.iterdir())
        if folder.is_dir() and any(folder.glob("20*.yaml"))
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


def test_the_theme_colours_and_logo_the_slides(shelf: Shelf, tmp_path: Path) -> None:
    from PIL import Image

    from readiness.report.raster import svg_png

    Image.new("RGB", (40, 20), "#aa3300").save(tmp_path / "logo.png")
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    shutil.copy(EXAMPLES / "logo.svg", tmp_path / "brand.svg")

    def themed(logo: str, consultancy: str = "") -> Any:
        """Lumen's deck with a theme of this logo."""
        theme = tmp_path / "theme.yaml"
        theme.write_text(f'{consultancy}logo: {logo}\nprimary: "#aa3300"\n')
        return deck(
            EXAMPLES / "lumen-insurance" / "2026-Q4.yaml",
            generated=DAY,
            output=tmp_path / f"{logo}.pptx",
            theme=theme,
            frameworks=FRAMEWORKS,
            shelf=shelf,
        )

    result = themed("logo.png", "consultancy: Kestrel\n")
    assert result.warnings == ()
    for slide in Presentation(str(result.path)).slides:
        names = {s.name: s for s in slide.shapes}
        assert str(names["Theme band"].fill.fore_color.rgb) == "AA3300"
        assert names["Logo"].left + names["Logo"].width <= Inches(13.34)
    # An SVG logo reaches the slides too, drawn as a PNG of a fixed height, the same bytes
    # each time.
    svg = themed("brand.svg")
    assert svg.warnings == ()
    for slide in Presentation(str(svg.path)).slides:
        (logo,) = [s for s in slide.shapes if s.name == "Logo"]
        assert logo.image.content_type == "image/png"
        assert logo.image.size[1] == 240
        assert logo.left + logo.width <= Inches(13.34)
    assert svg_png(tmp_path / "brand.svg") == svg_png(tmp_path / "brand.svg")
    # An SVG that draws nothing is left off, said so.
    blank = themed("logo.svg")
    (warning,) = blank.warnings
    assert warning.format().endswith(
        "theme.yaml: logo: the SVG logo draws nothing; the slides go without a logo [warning]"
    )
    assert not any(s.name == "Logo" for s in Presentation(str(blank.path)).slides[0].shapes)


def test_the_target_and_what_it_takes_to_reach_it(decks: dict[str, Path]) -> None:
    story = _story()
    assert story.target_by is not None and story.what_it_takes is not None
    slides = list(Presentation(str(decks["acme"])).slides)
    (takes,) = [s for s in slides if s.shapes.title.text.startswith("Department scale:")]
    said = [
        p.text
        for shape in takes.placeholders
        if shape != takes.shapes.title
        for p in shape.text_frame.paragraphs
    ]
    assert f"Target: {story.target_stage} by {story.target_by}" in said
    # The report's word: requirements, 20 of them, 15 met.
    assert "Still open: 5 of its 20 requirements, 15 met" in said
    assert f"The planned work meets them by {story.what_it_takes.when}" in said
    assert not any("condition" in text for text in said)
    # The whole plan's effort is the headline's; this slide does not repeat it.
    assert all(story.effort not in text for text in said)


def test_the_roadmap_names_workstreams_as_the_framework_titles_them(
    shelf: Shelf,
    decks: dict[str, Path],
) -> None:
    framework = load_client(EXAMPLES / "acme-retail", frameworks=FRAMEWORKS, shelf=shelf)[
        -1
    ].framework
    titles = {w.title for w in framework.manifest.workstreams}
    story = _story()
    (table,) = _tables(decks["acme"], "Roadmap")
    labels = [
        table.cell(r, 0).text
        for r in range(1, len(table.rows))
        if not table.cell(r, 0).text.startswith("◆")
    ]
    # The first wave by name, the priorities first and numbered as the priorities slide
    # numbers them; every other initiative counted in its workstream's row.
    named = [label for label in labels if ": " not in label or " · " in label]
    priorities = [label for label in named if label.startswith("P")]
    assert priorities == [f"P{n} · {p.title}" for n, p in enumerate(story.priorities, start=1)]
    assert named[: len(priorities)] == priorities
    lanes = [label.rsplit(": ", 1) for label in labels if label not in named]
    assert lanes and {lane for lane, _ in lanes} <= titles
    # `3 first wave, 4 later`: the workstream's initiatives not named, by wave.
    counted = sum(int(part.split()[0]) for _, count in lanes for part in count.split(", "))
    assert story.roadmap is not None
    every = sum(len(lane.bars) for lane in story.roadmap.lanes)
    assert counted + len(named) == every
    wave = sum(b.wave == 1 for lane in story.roadmap.lanes for b in lane.bars)
    assert _titles(decks["acme"])[5].endswith(f"{every - wave} more to {story.roadmap.end}")
    assert [table.cell(r, 0).text for r in range(len(table.rows) - 2, len(table.rows))] == [
        f"◆ {m.title}: {m.when}" for m in story.roadmap.milestones
    ]


def test_every_short_dimension_is_named_beside_the_chart(decks: dict[str, Path]) -> None:
    slide = list(Presentation(str(decks["weighted"])).slides)[2]
    assert (
        slide.shapes.title.text
        == "Every dimension falls short of the level enterprise scale requires"
    )
    (body,) = [p for p in slide.placeholders if p != slide.shapes.title]
    named = [p.text.split(":")[0] for p in body.text_frame.paragraphs if p.level == 0][1:]
    story_rows = [c.label for c in _charts(decks["weighted"])[0].plots[0].categories]
    assert named == story_rows


def test_the_decision_slide_lists_the_split_under_the_ask(decks: dict[str, Path]) -> None:
    """The funding decision on the decisions slide with what its money buys, a second-level
    line per tier of the report's split (what the stage cannot do without, under way, what
    could wait)."""
    for name, parts in (("northwind", 2), ("acme", 3), ("helios", 2)):
        slide = next(
            s
            for s in Presentation(str(decks[name])).slides
            if s.shapes.title.text == "What the committee decides today"
        )
        (body,) = [p for p in slide.placeholders if p != slide.shapes.title]
        paragraphs = body.text_frame.paragraphs
        assert paragraphs[0].level == 0 and paragraphs[0].text.startswith("Fund the first wave: ")
        split = [p for p in itertools.takewhile(lambda p: p.level == 1, paragraphs[1:])]
        assert len(split) == parts, name
        assert " is for the minimum " in split[0].text or " high-severity" in split[0].text, name
        assert all(re.search(r"(USD|EUR) [\d,.]+", p.text) for p in split), name


def test_every_category_of_a_chart_is_labelled(decks: dict[str, Path]) -> None:
    """Each chart names every dimension (a label skip of 1, so no viewer leaves one out) and
    gives its bars the chart's height, so that a value label is no taller than its bar and
    the labels of two bars side by side do not overprint."""
    from pptx.oxml.ns import qn

    for name in ("acme", "northwind"):
        for chart in _charts(decks[name]):
            axis = chart.category_axis._element
            assert axis.find(qn("c:tickLblSkip")).get("val") == "1", name
            assert axis.find(qn("c:tickMarkSkip")).get("val") == "1", name
            layout = chart._chartSpace.chart.plotArea.find(qn("c:layout"))
            manual = layout.find(qn("c:manualLayout"))
            assert manual.find(qn("c:layoutTarget")).get("val") == "inner"
            assert float(manual.find(qn("c:h")).get("val")) >= 0.6, name
            plot = chart.plots[0]
            # Each bar (the plot's height over the bars and the gaps between categories) is
            # at least as thick as its 14 pt label is tall.
            bars = len(plot.categories) * (len(plot.series) + plot.gap_width / 100)
            frame = next(
                s
                for slide in Presentation(str(decks[name])).slides
                for s in slide.shapes
                if s.has_chart and s.chart.plots[0].categories[0] == chart.plots[0].categories[0]
            )
            height = frame.height / Inches(1) * float(manual.find(qn("c:h")).get("val"))
            assert height / bars >= plot.data_labels.font.size.pt / 72, name


def test_the_decision_on_the_target_is_the_date_the_report_proposes(
    decks: dict[str, Path],
) -> None:
    slide = next(
        s
        for s in Presentation(str(decks["acme"])).slides
        if s.shapes.title.text == "What the committee decides today"
    )
    (body,) = [p for p in slide.placeholders if p != slide.shapes.title]
    paragraphs = [p.text for p in body.text_frame.paragraphs]
    at = paragraphs.index(
        "Decide the date for enterprise scale: Mar 2030; no team size keeps Jun 2029"
    )
    # Under it, the report's sentence: the deferred work it needs and its amount.
    assert "with 36 person-months (EUR 450,000) of work past the horizon" in paragraphs[at + 1]
    assert not any("new date" in p for p in paragraphs)


def test_the_sample_theme_brands_every_slide_and_the_cover(shelf: Shelf, tmp_path: Path) -> None:
    """The shipped theme's SVG logo is on every slide, as on the report's cover; the cover
    names the assessor, its subtitle set left under the title."""
    from pptx.enum.text import PP_ALIGN

    result = deck(
        EXAMPLES / "acme-retail",
        generated=DAY,
        output=tmp_path / "branded.pptx",
        theme=EXAMPLES / "theme.yaml",
        frameworks=FRAMEWORKS,
        shelf=shelf,
    )
    assert result.warnings == ()
    slides = list(Presentation(str(result.path)).slides)
    assert all(any(s.name == "Logo" for s in slide.shapes) for slide in slides)
    cover = slides[0]
    title = cover.shapes.title
    (subtitle,) = [p for p in cover.placeholders if p != title]
    lines = [p.text for p in subtitle.text_frame.paragraphs]
    assert lines[-1] == "by J. Whitaker, Kestrel Advisory"
    assert subtitle.left == title.left and subtitle.width == title.width
    assert all(p.alignment == PP_ALIGN.LEFT for p in subtitle.text_frame.paragraphs)
    assert all(p.alignment == PP_ALIGN.LEFT for p in title.text_frame.paragraphs)


def _shares(element: Any) -> dict[str, float]:
    """The manual layout of a chart element (plot area, title, legend) as shares of the chart."""
    from pptx.oxml.ns import qn

    manual = element.find(qn("c:layout")).find(qn("c:manualLayout"))
    return {
        tag: float(manual.find(qn(f"c:{tag}")).get("val"))
        for tag in ("x", "y", "w", "h")
        if manual.find(qn(f"c:{tag}")) is not None
    }


def test_no_chart_prints_its_axis_title_over_its_legend(decks: dict[str, Path]) -> None:
    """The bars, the value axis's title and the legend each have a place of their own, top to
    bottom: LibreOffice printed Helios's axis title over its legend when only the plot was
    placed. The legend has a line for each series (LibreOffice stacks them)."""
    for name in ("acme", "northwind", "helios"):
        presentation = Presentation(str(decks[name]))
        for frame in (s for slide in presentation.slides for s in slide.shapes if s.has_chart):
            chart, height = frame.chart, frame.height / Inches(1)
            space = chart._chartSpace.chart
            plot = _shares(space.plotArea)
            title = _shares(chart.value_axis.axis_title._title)
            line = 14 * 1.25 / 72 / height
            assert plot["y"] + plot["h"] <= title["y"], name
            if chart.has_legend:
                legend = _shares(space.legend)
                assert title["y"] + line <= legend["y"], name
                assert legend["h"] >= len(chart.plots[0].series) * line - 1e-4, name
                assert legend["y"] + legend["h"] <= 1, name


def test_every_bar_has_its_series_colour(tmp_path: Path) -> None:
    """A bar that does not hold the organization back keeps its series' colour (Lumen's
    2026-Q4 bars of data and monitoring tests were drawn in the light colour of the other
    series); the bars that do are outlined."""
    from readiness.deck.build import build_deck
    from readiness.deck.slides import ChartSlide, Column, Series, Slides

    record = ChartSlide(
        "Two dimensions",
        ("Data tests", "Model tests"),
        (Series("2026-Q4", (4.0, 1.0)), Series("Needs", (3.0, 3.0))),
        axis_max=7.0,
        axis_title="Points",
        side=Column("", ()),
        notes="n",
        muted=(0,),
    )
    built = build_deck(Slides("t", "a", "s", "k", (record,)), generated=DAY)
    path = tmp_path / "chart.pptx"
    path.write_bytes(built.data)
    (chart,) = _charts(path)
    today, needs = chart.plots[0].series
    colour = today.format.fill.fore_color.rgb
    assert colour != needs.format.fill.fore_color.rgb
    for index in range(2):
        point = today.points[index].format
        assert point.fill.type is None or point.fill.fore_color.rgb == colour, index
    assert today.points[1].format.fill.fore_color.rgb == colour
    # The bar that holds it back stands out by its outline, the other has none of its own.
    assert today.points[1].format.line.width.pt == 2.25
    assert today.points[0].format.line.width == 0


def test_the_decision_slide_is_as_large_with_options_for_the_target(
    decks: dict[str, Path],
) -> None:
    """Helios's two routes to the target have a slide of their own after the decisions: the
    decisions stay at 18 pt or more with their details at 16 (every line was 14 pt, 60% of the
    slide empty), and the routes are side by side, each with its cost."""
    slides = list(Presentation(str(decks["helios"])).slides)
    titles = [s.shapes.title.text for s in slides]
    at = titles.index("What the committee decides today")
    assert titles[at + 1] == "Also decide today: how to reach the target"
    (body,) = [p for p in slides[at].placeholders if p != slides[at].shapes.title]
    sizes = [
        (paragraph.level, run.font.size.pt)
        for paragraph in body.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert min(size for level, size in sizes if level == 0) >= 18
    assert min(size for _, size in sizes) >= 16
    options = [p for p in slides[at + 1].placeholders if p != slides[at + 1].shapes.title]
    said = [p.text for shape in options for p in shape.text_frame.paragraphs]
    assert said[0] == "Option A" and "Option B" in said
    assert any("(EUR 189,000)" in line for line in said)
