"""The report's HTML: context, theme, charts, the snapshot of a bundled example, the command.

PDF structure and the renderer's security are in test_report_pdf.py. Regenerate the HTML
snapshot after an intended change with `UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_report.py`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import OutputExistsError, ReadinessError, UsageError
from readiness.files import report_path
from readiness.load import Shelf
from readiness.pipeline import assess, report
from readiness.plan.roadmap import plan_roadmap
from readiness.report.answers import level_boxes
from readiness.report.charts import (
    TrendInput,
    trend_chart,
    wrap,
)
from readiness.report.context import ReportContext, build_context
from readiness.report.gates import gate_requirements
from readiness.report.html import STATIC, default_fonts, font_folder, render_html
from readiness.report.lanes import lanes_chart
from readiness.report.story_plan import Lane, LaneBar, Milestone, RoadmapStory
from readiness.report.theme import load_theme
from readiness.report.words import condition_words, first_sentence, humanize_id, lower_first
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ACME = EXAMPLES / "acme-retail" / "2026-Q4.yaml"
ACME_BASELINE = EXAMPLES / "acme-retail" / "2026-Q3.yaml"
SNAPSHOT = Path(__file__).parent / "snapshots" / "acme-retail-2026-Q4.html"
GENERATED = dt.date(2026, 12, 1)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def example_context(baseline: Path | None = ACME_BASELINE, **options: object) -> ReportContext:
    """The example's report context, generated on a fixed date."""
    assessed = assess(ACME)
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    progress = None
    if baseline is not None:
        from readiness.pipeline.reporting import _baseline_progress

        progress = _baseline_progress(baseline, assessed, ())
    return build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        plan,
        generated=GENERATED,
        progress=progress,
        **options,  # type: ignore[arg-type]
    )


def example_html(baseline: Path | None = ACME_BASELINE, **options: object) -> str:
    """The example's report HTML with the generation date fixed and font paths neutral."""
    html = render_html(example_context(baseline, **options)).replace(
        font_folder().as_uri(), "FONTS"
    )
    # The stylesheets are the package's own files, inlined as they are: keep them out of the
    # snapshot so that it follows the templates.
    for sheet in sorted(STATIC.glob("*.css")):
        html = html.replace(sheet.read_text(encoding="utf-8"), f"/* {sheet.name} */\n")
    return html


# --- the snapshot ---------------------------------------------------------------------------


def test_html_snapshot_of_the_bundled_example() -> None:
    html = example_html()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(html, encoding="utf-8")
    if not SNAPSHOT.exists():
        pytest.fail(f"no snapshot at {SNAPSHOT}; create it with UPDATE_SNAPSHOTS=1")
    expected = SNAPSHOT.read_text(encoding="utf-8")
    assert html == expected, (
        "the report HTML changed; if intended, run UPDATE_SNAPSHOTS=1 .venv/bin/pytest "
        "tests/test_report.py and review the diff of tests/snapshots/"
    )


def test_html_is_deterministic_and_reads_no_clock() -> None:
    assert example_html() == example_html()
    html = example_html()
    assert "1 December 2026" in html
    assert '<meta name="dcterms.created" content="2026-12-01">' in html


def test_html_has_language_title_author_and_every_section() -> None:
    html = example_html()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "<title>Acme Retail: ML Scaling Readiness, 2026-Q4</title>" in html
    assert '<meta name="author" content="' in html
    for anchor in (
        "summary",
        "progress",
        "standing",
        "themes",
        "roadmap",
        "first-wave",
        "what-it-takes",
        "appendix",
    ):
        assert f'id="{anchor}"' in html
        assert f'href="#{anchor}"' in html
    for dimension in ("data", "infrastructure", "teams", "ethics", "measurement"):
        assert f'id="dimension-{dimension}"' in html


def test_without_a_baseline_there_is_no_progress_section() -> None:
    html = example_html(baseline=None)
    assert 'id="progress"' not in html


def test_letter_paper_sets_the_page_size() -> None:
    assert "@page { size: letter; }" in example_html(baseline=None, paper="letter")
    assert "@page { size: A4; }" in example_html(baseline=None)


# --- escaping -------------------------------------------------------------------------------

HOSTILE = Path(__file__).parent / "report_fixtures" / "evil-corp" / "2026-Q4.yaml"


def client_html(path: Path, **options: Any) -> str:
    """The report HTML of an assessment (`options` for `assess`), without a baseline, its plan
    with what it takes."""
    assessed = assess(path, **options)
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    context = build_context(
        loaded.framework, loaded.assessment, assessed.scorecard, results, plan, generated=GENERATED
    )
    return render_html(context)


def hostile_html() -> str:
    """The report HTML of an assessment whose texts carry markup."""
    return client_html(HOSTILE, frameworks=(Path(__file__).parent / "fixtures",))


def test_user_text_is_escaped() -> None:
    html = hostile_html()
    assert "&lt;link rel=attachment href=file:///etc/passwd&gt;Evil Corp" in html
    assert "&lt;img src=http://127.0.0.1:9/x.png&gt;" in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;CTO&lt;/b&gt;" in html
    for tag in ("<link", "<img", "<script", "<iframe", "<a rel", "<image", "<b>CTO"):
        assert tag not in html
    assert "&lt;style&gt;@import url(http://127.0.0.1:9/a.css);&lt;/style&gt;" in html
    assert html.count("<style>") == 1


# --- theme ----------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def theme_error(path: Path) -> list[str]:
    with pytest.raises(ReadinessError) as caught:
        load_theme(path)
    return caught.value.lines()


def test_theme_with_logo(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "logo.png").write_bytes(PNG)
    theme = load_theme(
        write(
            tmp_path / "theme.yaml",
            'consultancy: Kestrel Advisory\nlogo: brand/logo.png\nprimary: "#1F4E7A"\n',
        )
    )
    assert theme.consultancy == "Kestrel Advisory"
    assert theme.logo == (tmp_path / "brand" / "logo.png").resolve()
    assert theme.primary == "#1f4e7a"
    assert load_theme(write(tmp_path / "short.yaml", 'primary: "#147"\n')).primary == "#114477"


def test_theme_errors_are_located(tmp_path: Path) -> None:
    assert theme_error(write(tmp_path / "a.yaml", "consultancy: K\nprimary: #1f4e79\n")) == [
        f"{tmp_path / 'a.yaml'}:2: primary: the colour is empty; quote it, e.g. primary: "
        '"#1f4e79" (an unquoted # starts a YAML comment) (got an empty value)'
    ]
    assert theme_error(write(tmp_path / "b.yaml", 'primary: "blue"\nlogoo: x.png\n')) == [
        f'{tmp_path / "b.yaml"}:1: primary: must be a hex colour such as "#1f4e79" or "#147" '
        "(got 'blue')",
        f"{tmp_path / 'b.yaml'}:2: logoo: unknown key (did you mean 'logo'?) "
        "(allowed: consultancy, logo, primary)",
    ]
    assert theme_error(write(tmp_path / "c.yaml", "logo: missing.png\n")) == [
        f"{tmp_path / 'c.yaml'}:1: logo: no such file (the path is relative to the theme file) "
        f"(got {tmp_path / 'missing.png'})"
    ]
    assert theme_error(write(tmp_path / "d.yaml", "logo: notes.txt\n")) == [
        f"{tmp_path / 'd.yaml'}:1: logo: not a supported image type "
        f"(got {tmp_path / 'notes.txt'}; allowed: .jpeg, .jpg, .png, .svg)"
    ]
    (tmp_path / "fake.png").write_bytes(b"not a png at all")
    assert theme_error(write(tmp_path / "e.yaml", "logo: fake.png\n")) == [
        f"{tmp_path / 'e.yaml'}:1: logo: the file's content is not PNG (got {tmp_path / 'fake.png'})"
    ]


def test_theme_colours_reach_the_stylesheet(tmp_path: Path) -> None:
    theme = load_theme(write(tmp_path / "t.yaml", 'consultancy: Kestrel\nprimary: "#7a1f1f"\n'))
    html = example_html(baseline=None, theme=theme)
    assert "--primary: #7a1f1f;" in html
    assert '<span class="name">Kestrel</span>' in html


# --- words and charts -------------------------------------------------------------------------


def test_words(shelf: Shelf) -> None:
    assert humanize_id("business_kpis") == "Business KPIs"
    assert humanize_id("coe_roles") == "CoE roles"
    assert lower_first("Integrate the sources") == "integrate the sources"
    assert lower_first("ML platform") == "ML platform"
    assert lower_first("CoE roles") == "CoE roles"
    assert first_sentence("One thing. Another thing.") == "One thing."
    framework = assess(ACME, shelf=shelf).loaded.framework
    assert (
        condition_words("data.inventory >= 2 and teams.level < 3", framework)
        == "Data foundations: data inventory at least 2 (Repeatable) and "
        "Teams and operating model level below 3 (Defined)"
    )
    # A level asked of practices reads as a client says it, never as a comparison: a practice
    # by its name, a dimension's level as the dimension's overall, no scale numbers.
    assert (
        condition_words("infrastructure.monitoring >= 3 and data.inventory >= 2", framework)
        == "Operational monitoring at Defined and data inventory at Repeatable"
    )
    assert (
        condition_words("infrastructure.level >= 3 and infrastructure.portability >= 3", framework)
        == "Infrastructure and MLOps at Defined overall and portability across vendors at Defined"
    )
    assert condition_words("data.inventory <= 1", framework) == "Data inventory at Ad hoc or lower"
    assert lower_first("Pre-ML baselines") == "pre-ML baselines"


def test_gate_requirements_take_the_higher_of_dimension_and_question_thresholds(
    shelf: Shelf,
) -> None:
    framework = assess(ACME, shelf=shelf).loaded.framework
    found = gate_requirements(
        "data.level >= 1 and data.inventory >= 2 and teams.level >= 3", framework
    )
    assert found["data"] == (0.5, "2 (Repeatable) on 1 question")
    assert found["teams"] == (0.75, "level 3 (Defined)")
    assert "ethics" not in found


def test_level_boxes(shelf: Shelf) -> None:
    framework = assess(ACME, shelf=shelf).loaded.framework
    assert level_boxes(2, framework) == ("on", "on", "off", "off")
    assert level_boxes(2.5, framework) == ("on", "on", "half", "off")
    assert level_boxes(None, framework) == ("off",) * 4


def test_wrap_truncates_with_an_ellipsis() -> None:
    assert wrap("a b c", 100, 10) == ("a b c",)
    lines = wrap("word " * 40, 60, 10, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")


def lanes_story(months: int, bars: list[tuple[str, int, int]]) -> RoadmapStory:
    return RoadmapStory(
        start="Feb 2027",
        end="Mar 2032",
        first="2027-02",
        months=months,
        lanes=(
            Lane("Data", tuple(LaneBar(t, s, e, "", 1, "planned", False) for t, s, e in bars)),
            Lane("Teams", (LaneBar("Only", 0, 3, "", 2, "in progress", True),)),
        ),
        milestones=(Milestone("Ready for B", "Sep 2029", months, True, ""),),
        waves=(),
        deferred=0,
    )


def test_lanes_pack_bars_into_rows_and_number_them_in_order() -> None:
    chart = lanes_chart(lanes_story(24, [("a", 0, 6), ("b", 2, 8), ("c", 6, 9), ("d", 9, 24)]))
    data, teams = chart.lanes
    assert [b.number for b in data.bars] == [1, 2, 3, 4] and teams.bars[0].number == 5
    rows = {b.title: b.y for b in data.bars}
    assert rows["a"] == rows["c"] == rows["d"] != rows["b"]  # b overlaps a: a second row
    assert data.height > teams.height
    assert teams.bars[0].in_progress and teams.bars[0].priority
    # Every bar and milestone inside the drawing, whatever the plan's length.
    for months in (6, 24, 62):
        chart = lanes_chart(lanes_story(months, [("a", 0, months)]))
        right = max(b.x + b.width for lane in chart.lanes for b in lane.bars)
        assert right <= chart.width
        assert all(m.diamond_x + 6 <= chart.width for m in chart.milestones)
    assert chart.quarters[0].label == "Q1" and chart.years[0].label == "2027"
    assert "milestone 1, Ready for B" in chart.description


def test_milestones_of_one_month_each_keep_a_diamond_and_lines_break_around_numbers() -> None:
    story = lanes_story(24, [("a", 0, 24)])
    both = story.milestones[0]
    story = story._replace(milestones=(both, both._replace(title="Ready for C", reachable=False)))
    chart = lanes_chart(story)
    first, second = chart.milestones
    assert first.x == second.x  # one line, the month's
    assert second.diamond_x - first.diamond_x == 12  # two diamonds side by side
    assert second.diamond_x + 6 <= chart.width  # the last month: kept inside the drawing
    number = chart.lanes[0].bars[0]  # bar "a" spans the chart: its number sits mid-plot
    middle = lanes_chart(story._replace(milestones=(both._replace(month=12),)))
    (mark,) = middle.milestones
    assert abs(mark.x - (number.x + number.width / 2)) < 3
    assert not any(top < number.y + 13 and bottom > number.y for top, bottom in mark.segments)
    assert mark.segments[0][0] == 30 and mark.segments[-1][1] == middle.height


def test_trend_labels_never_overlap() -> None:
    chart = trend_chart(
        ["2026-Q2", "2026-Q3", "2026-Q4"],
        [TrendInput(f"D{n}", (1.0, 1.5, 2.0)) for n in range(5)],
        minimum=0,
        maximum=4,
        ticks=[(0, "0"), (4, "4")],
        title="t",
    )
    ys = sorted(s.label_y for s in chart.series)
    assert all(b - a >= 10.9 for a, b in itertools.pairwise(ys))
    assert len({s.marker for s in chart.series}) == 5
    assert len({s.dash for s in chart.series}) == 5


# --- the library function and the command ------------------------------------------------------


def test_report_path() -> None:
    assert report_path(ACME, "2026-Q4") == Path("reports/acme-retail-2026-Q4.pdf")
    assert report_path(ACME, "2026-Q4", html=True) == Path("reports/acme-retail-2026-Q4.html")
    assert report_path(ACME, "x", output=Path("out/r.pdf"), html=True) == Path("out/r.html")


def test_html_report_is_written_and_never_replaced_without_force(
    shelf: Shelf, tmp_path: Path
) -> None:
    steps: list[str] = []
    target = tmp_path / "acme.pdf"
    result = report(
        ACME, generated=GENERATED, output=target, html=True, on_step=steps.append, shelf=shelf
    )
    assert result.path == tmp_path / "acme.html"
    assert steps == ["scoring", "planning"]
    assert result.path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(OutputExistsError):
        report(ACME, generated=GENERATED, output=target, html=True, shelf=shelf)
    report(ACME, generated=GENERATED, output=target, html=True, force=True, shelf=shelf)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.html"]


def test_report_refuses_bad_paper_and_a_later_baseline(shelf: Shelf, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        report(ACME, generated=GENERATED, output=tmp_path / "r.pdf", paper="a5", shelf=shelf)
    with pytest.raises(ReadinessError) as caught:
        report(
            ACME_BASELINE,
            generated=GENERATED,
            output=tmp_path / "r.pdf",
            baseline=ACME,
            shelf=shelf,
        )
    assert "cannot be the baseline: it is not earlier" in str(caught.value)
    assert not list(tmp_path.iterdir())


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_report_command_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("report", str(ACME), "--html")
    assert code == 0
    assert output.endswith("wrote reports/acme-retail-2026-Q4.html\n")
    assert "scoring..." in output and "planning..." in output
    assert (tmp_path / "reports" / "acme-retail-2026-Q4.html").is_file()
    code, output = run("report", str(ACME), "--html")
    assert (code, output.splitlines()[-1]) == (
        1,
        "reports/acme-retail-2026-Q4.html: already exists; pass --force to replace it",
    )


def test_report_command_usage_errors(tmp_path: Path) -> None:
    code, output = run("report", str(ACME), "--paper", "a5", "-o", str(tmp_path / "r.pdf"))
    assert code == 2
    assert "Invalid value for '--paper'" in output
    code, output = run("report", str(tmp_path / "missing.yaml"))
    assert code == 1
    assert output.splitlines()[-1] == f"{tmp_path / 'missing.yaml'}: no such file"


def test_report_command_date_variant_and_workshop_pack(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    code, output = run("report", str(ACME), "--html", "-o", str(target), "--date", "2026-11-01")
    assert code == 0, output  # a date before the assessment, given on purpose
    assert "1 November 2026" in target.read_text(encoding="utf-8")
    code, output = run("report", str(ACME), "--pdf-variant", "pdf/x-4", "-o", str(target))
    assert code == 2 and "Invalid value for '--pdf-variant'" in output
    code, output = run(
        "report", str(ACME), "--workshop-pack", "--html", "-o", str(target), "--force"
    )
    assert code == 1
    assert output.splitlines()[-1] == (
        f"{ACME}: no workshop votes, so there is no workshop pack to write"
    )


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["validate", str(ACME)], ["score", str(ACME)], ["report", "--help"]],
    ids=["help", "validate", "score", "report-help"],
)
def test_commands_other_than_report_do_not_import_weasyprint(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from readiness.cli import main\n"
        "try:\n"
        f"    main({argv!r}, standalone_mode=False)\n"
        "finally:\n"
        "    assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert done.returncode == 0, done.stderr


def test_default_fonts_are_the_packaged_ttf_files() -> None:
    fonts = default_fonts()
    for url in (fonts.regular, fonts.italic, fonts.semibold, fonts.bold):
        assert url.startswith(font_folder().as_uri()) and url.endswith(".ttf")


def test_reports_are_written_readable_by_others(shelf: Shelf, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        result = report(
            ACME, generated=GENERATED, output=tmp_path / "r.pdf", html=True, shelf=shelf
        )
    finally:
        os.umask(previous)
    assert result.path.stat().st_mode & 0o777 == 0o644


def test_the_heat_map_caption_says_what_is_drawn() -> None:
    # No workshop: no "disputed" mark to explain. Acme has a next stage: its frames.
    acme = example_html()
    assert "A bold frame marks a practice below what the next stage requires of it." in acme
    assert "marks an answer leadership did not agree on" not in acme
    # At the last stage the frames mark the practices below its standard.
    meridian = " ".join(client_html(EXAMPLES / "meridian-telecom" / "2026-Q4.yaml").split())
    assert "A bold frame marks a practice below the enterprise scale standard." in meridian
    assert meridian.count('class="cell shade-2 short"') == 5
    assert "what the next stage requires" not in meridian
    # With a workshop, the mark is explained.
    northwind = " ".join(client_html(EXAMPLES / "northwind-bank" / "2026-Q4.yaml").split())
    assert "“Disputed” marks an answer leadership did not agree on." in northwind


def test_the_key_facts_at_the_last_stage_read_as_facts() -> None:
    meridian = " ".join(client_html(EXAMPLES / "meridian-telecom" / "2026-Q4.yaml").split())
    assert "<b>Already at the last stage</b>" in meridian
    assert "<b>Reached: every requirement met</b>" in meridian
    assert "None: the last stage" not in meridian
    assert "Its gates hold today" not in meridian
    # A target reached only with the work the plan defers shows that month.
    acme = " ".join(client_html(ACME).split())
    assert "<b>Mar 2030</b>" in acme
    assert "Target: Jun 2029; with work the plan defers" in acme
