"""The report's workshop section: context built from the workshop view, heatmap geometry."""

from __future__ import annotations

from pathlib import Path

from readiness.model import Framework
from readiness.pipeline import assess
from readiness.report.workshop import HeatInput, build_workshop_section, heatmap_chart
from readiness.score import score_assessment
from readiness.workshop import build_workshop
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
    view = build_workshop(assessment, mini, score_assessment(assessment, mini))
    assert view is not None
    section = build_workshop_section(view, mini)
    assert section.lead == (
        "3 respondents voted on 4 questions. On 2 questions their votes are 2 or more levels "
        "apart; the workshop settled 1 of them with an agreed level, which leaves 1 to discuss."
    )
    (card,) = section.agenda
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
        ("Ann Archer (CTO)", "0", "Absent", "weight 3", None),
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
        ("alpha.two", "ann 4, bob 1, cy 1", "2.80", "2 · Repeatable")
    ]
    assert section.columns == ("ann", "bob", "cy")
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


def test_bundled_workshop_section() -> None:
    result = assess(NORTHWIND)
    loaded = result.loaded
    view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
    assert view is not None
    section = build_workshop_section(view, loaded.framework)
    assert len(section.heatmap.rows) == 5
    assert len(section.agenda) == len(view.agenda) >= 5
    assert len(section.settled) == 2
    for card in section.agenda:
        assert all(level.descriptor for level in card.levels)
        assert card.evidence
        assert len(card.cells) == 4
