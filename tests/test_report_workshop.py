"""The report's workshop section: context built from the workshop view, heatmap geometry."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.model import Framework
from readiness.pipeline import assess, report
from readiness.report.heatmap import HeatInput, heatmap_chart
from readiness.report.html import font_folder
from readiness.report.workshop import build_workshop_section
from readiness.score import score_assessment
from readiness.workshop import build_workshop
from test_deck_content import weighted_northwind
from test_workshop import workshop

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"


def test_section_from_a_small_workshop(mini: Framework) -> None:
    answers = {
        "alpha.one": {"votes": {"ann": 0, "bob": 2, "cy": 3}, "notes": {"cy": "Mostly done"}},
        "alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}, "level": 2},
        "alpha.three": {"votes": {"ann": "n/a", "bob": 1, "cy": 1}},
        "beta.one": {"votes": {"ann": 1, "bob": 1, "cy": 2}},
    }
    assessment = workshop(answers)
    scored = score_assessment(assessment, mini)
    view = build_workshop(assessment, mini, scored)
    assert view is not None
    section = build_workshop_section(view, assessment, mini, scored)
    assert section.lead == (
        "3 respondents voted on 4 questions. On 2 questions their votes are 2 or more levels "
        "apart; the workshop settled 1 of them with an agreed level, which leaves 1 to discuss."
    )
    (card,) = section.agenda
    assert card.stake is None  # the mini workshop is at Pilot whatever alpha.one's level
    assert (card.rank, card.key, card.spread, card.stdev, card.today) == (
        1,
        "alpha.one",
        "3",
        "1.25",
        "1",
    )
    assert card.cells == ("0", "2", "3")
    # ann weighs 3 on alpha: (0*3 + 2 + 3) / 5 = 1.
    assert card.aggregate == "1 (Ad hoc), the weighted mean of the votes"
    assert [(v.who, v.vote, v.label, v.weight, v.note) for v in card.votes] == [
        (
            "Ann Archer (CTO)",
            "0",
            "Absent",
            "weighted: the vote counts 3 times toward the value",
            None,
        ),
        ("CDO", "2", "Repeatable", None, None),
        ("COO", "3", "Defined", None, "Mostly done"),
    ]
    assert [(lv.level, lv.label, lv.voters) for lv in card.levels] == [
        ("0", "Absent", "CTO"),
        ("2", "Repeatable", "CDO"),
        ("3", "Defined", "COO"),
    ]
    assert card.choices == ("0", "1", "2", "3", "4")
    assert [(r.key, r.votes, r.votes_gave, r.consensus) for r in section.settled] == [
        ("alpha.two", "ANN 4, BOB 1, CY 1", "2.80", "2 · Repeatable")
    ]
    assert section.columns == ("ANN", "BOB", "CY")
    # Who is in the room: the name where the assessment gives one, the weight and its reason.
    assert [(p.who, p.weights, p.reason) for p in section.participants] == [
        (
            "Ann Archer, CTO",
            "Alpha × 3",
            "The assessment gives no reason for this weight.",
        ),
        ("CDO", "Equally on every dimension", None),
        ("COO", "Equally on every dimension", None),
    ]
    (request,) = section.requests
    assert (request.rank, request.anchor, request.deciding) == (1, card.anchor, False)
    assert request.ask == (
        "COO, who voted 3 · Defined: what shows that level is met.",
        "Ann Archer (CTO), who voted 0 · Absent: the cases behind that level.",
    )
    assert [r.label_lines[0] for r in section.heatmap.rows][-1] == "Workshop: mean of the votes"


def test_heatmap_geometry_shades_by_value_and_keeps_text() -> None:
    chart = heatmap_chart(
        ["Data", "Overall"],
        [
            HeatInput("CTO", "stage", ((0.0, "0.0"), (1.0, "4.0")), False),
            HeatInput("Workshop", "stage", ((None, "–"), (0.5, "2.0")), True),
        ],
        [("1", True), ("–", False)],
        title="t",
        spread_label="Spread",
        width=400,
        label_width=100,
    )
    first, second = chart.rows
    assert [c.opacity for c in first.cells] == [0.1, 0.88]
    assert [c.light_text for c in first.cells] == [False, True]
    assert second.cells[0].missing and second.cells[0].text == "–"
    assert second.y == first.y + first.height + 6  # the workshop row stands apart
    assert [c.x for c in chart.columns] == [100, 250]
    assert [s.strong for s in chart.spreads] == [True, False]


def test_bundled_workshop_section(tmp_path: Path) -> None:
    # Northwind with the CTO's infrastructure votes counting twice: three open disputes decide
    # its stage (the bundled workshop settled the one that did).
    result = assess(weighted_northwind(tmp_path / "weighted"))
    loaded = result.loaded
    view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
    assert view is not None
    section = build_workshop_section(view, loaded.assessment, loaded.framework, result.scorecard)
    assert len(section.heatmap.rows) == 5
    assert len(section.agenda) == len(view.agenda) >= 5
    assert len(section.settled) == 2
    for card in section.agenda:
        assert all(level.descriptor for level in card.levels)
        assert card.evidence
        assert len(card.cells) == 4
    # The pages, the overview and the requests run in the session's order: the three disputes
    # that decide the stage first, numbered from 1.
    assert [c.rank for c in section.agenda] == list(range(1, 8))
    assert [c.key for c in section.agenda if c.stake] == [
        "infrastructure.monitoring",
        "measurement.adoption",
        "data.quality",
    ]
    assert [c.stake is not None for c in section.agenda] == [True] * 3 + [False] * 4
    assert [(r.rank, r.anchor) for r in section.requests] == [
        (c.rank, c.anchor) for c in section.agenda
    ]
    numbers = [s.what.split(",")[0] for s in section.session.slots[1:-1]]
    assert numbers == [
        "Question 1",
        "Question 2",
        "Question 3",
        "Questions 4",
        "Question 6",
        "Question 7",
    ]
    # Then the topics holding a dispute the enterprise gate reads (explainability and bias
    # testing; CI/CD), each saying so; change management last.
    topics = [s.topic for s in section.session.slots[4:-1]]
    assert topics == [
        "Ethics, risk and governance: a requirement of Enterprise scale",
        "Infrastructure and MLOps: a requirement of Enterprise scale",
        "Teams and operating model",
    ]


# --- the report: snapshots of a workshop and of a client with history ------------------------

SNAPSHOTS = Path(__file__).parent / "snapshots"
ACME = ROOT / "examples" / "acme-retail"
FIXTURES = ROOT / "tests" / "fixtures"
GENERATED = dt.date(2026, 12, 1)


def report_html(path: Path, tmp_path: Path, **options: Any) -> str:
    """The report HTML of an assessment or a client folder, date fixed and font paths neutral."""
    target = tmp_path / "report.html"
    report(path, generated=GENERATED, output=target, html=True, force=True, **options)
    return target.read_text(encoding="utf-8").replace(font_folder().as_uri(), "FONTS")


def check_snapshot(name: str, html: str) -> None:
    snapshot = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(html, encoding="utf-8")
    if not snapshot.exists():
        pytest.fail(f"no snapshot at {snapshot}; create it with UPDATE_SNAPSHOTS=1")
    assert html == snapshot.read_text(encoding="utf-8"), (
        f"the report HTML changed; if intended, run UPDATE_SNAPSHOTS=1 .venv/bin/pytest "
        f"{Path(__file__).name} and review the diff of tests/snapshots/{name}"
    )


def test_html_snapshot_of_the_bundled_workshop(tmp_path: Path) -> None:
    html = report_html(NORTHWIND, tmp_path)
    check_snapshot("northwind-bank-2026-Q4.html", html)
    # The leadership report keeps one page on the disagreement; the worksheet is in the pack.
    assert '<section class="chapter" id="disagreement">' in html
    assert '<a href="#disagreement">Where leadership disagrees</a>' in html
    assert '<article class="agenda-item"' not in html
    assert "Agreed level" not in html
    # Every disputed question, open or settled, is in the report itself (appendix F): the
    # client has no facilitator's pack to be sent to.
    assert "workshop pack" not in html
    assert "are in appendix F." in html
    appendix = html.partition('<h2 id="disputes">')[2]
    assert appendix.count("<tr><td>") == 9  # 6 open, 3 settled
    assert appendix.count("settled in the workshop") == 3
    assert '<a href="#disputes">Every disputed question</a>' in html
    # Every vote counts equally here: no weight is said. Where the stage turns on an
    # unexplained weight (the CTO's, doubled), the summary says so, once.
    assert "a weight the assessment gives no reason for" not in html
    weighted = report_html(weighted_northwind(tmp_path / "weighted"), tmp_path)
    assert weighted.count("a weight the assessment gives no reason for") == 1
    pack = report_html(NORTHWIND, tmp_path, workshop_pack=True)
    assert "Workshop pack for the facilitator" in pack
    assert "Settled by consensus" in pack
    assert pack.count('<article class="agenda-item"') == 6
    assert "Agreed level" in pack
    assert pack.count("<tr><td><b>") >= 55  # every practice with its votes


def test_html_snapshot_of_a_client_with_history(tmp_path: Path) -> None:
    html = report_html(ACME, tmp_path)
    check_snapshot("acme-retail-history.html", html)
    assert "<h1>Progress since 2026-Q3</h1>" in html
    for period in ("2026-Q2", "2026-Q3", "2026-Q4"):
        assert f">{period}</text>" in html  # every period on the trend chart
    # Q3's plan starts in October, after the weeks to confirm the people: nothing it holds is
    # due by 19 November (test_report_reading re-scores in December to show a slip).
    assert "Due by now, not achieved" not in html
    assert "Answers that went down" in html
    assert 'id="disagreement"' not in html  # no respondents, no workshop page


def test_client_folder_report_takes_the_previous_period_unless_told(tmp_path: Path) -> None:
    history = FIXTURES / "clients" / "mini-history"
    html = report_html(history, tmp_path, frameworks=[FIXTURES])
    assert "<h1>Progress since 2026-Q3</h1>" in html
    # The slipped initiative says its new end in the new roadmap, not only how late it is.
    assert "Fix alpha" in html
    assert (
        "planned to end Oct 2026, now planned to end Feb 2027 (4 months later); in progress" in html
    )
    assert (
        '<tr><td>Beta: two<div class="small muted">The beta team left</div></td>'
        "<td>2 (Repeatable)</td><td>1 (Ad hoc)</td>" in html
    )
    html = report_html(history, tmp_path, frameworks=[FIXTURES], baseline=history / "2026-Q2.yaml")
    assert "<h1>Progress since 2026-Q2</h1>" in html
    assert ">2026-Q3</text>" in html  # the trend still spans every period


def test_report_command_on_a_client_folder(tmp_path: Path) -> None:
    target = tmp_path / "acme.html"
    result = CliRunner().invoke(
        main, ["report", str(ACME), "--html", "-o", str(target), "--vote-aggregate", "median"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"wrote {target}\n")
    assert "Progress since 2026-Q3" in target.read_text(encoding="utf-8")


def test_consensus_is_reported_as_settled(tmp_path: Path) -> None:
    html = report_html(NORTHWIND, tmp_path, dispute_threshold=1, workshop_pack=True)
    # A lower threshold puts more questions on the agenda, the limit keeps it to ten.
    assert html.count('<article class="agenda-item"') == 10
    assert "did not fit the agenda" in html


def test_combined_values_read_alike() -> None:
    from readiness.report.agenda_cards import value_shown

    assert [value_shown(v) for v in (3.0, 2.25, 2.2, 1.5)] == ["3", "2.25", "2.20", "1.50"]
