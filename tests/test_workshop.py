"""Workshops: aggregation (mean, median, role weights), disagreement, consensus, the agenda,
the heatmap of respondents' own scores, and the score command's options."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.model import Assessment, Framework
from readiness.pipeline import assess
from readiness.score import score_assessment
from readiness.workshop import build_workshop, disputed_questions, score_respondent

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"
PEOPLE = [
    {"id": "ann", "role": "CTO", "name": "Ann Archer", "weights": {"alpha": 3}},
    {"id": "bob", "role": "CDO"},
    {"id": "cy", "role": "COO"},
]


def workshop(answers: dict[str, Any], **extra: Any) -> Assessment:
    return Assessment.model_validate(
        {
            "framework": "mini@1.2.0",
            "organization": {"name": "Mini Co"},
            "period": "2026-Q4",
            "date": "2026-11-20",
            "assessor": "T. Ester",
            "respondents": PEOPLE,
            "answers": answers,
            **extra,
        }
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


# --- aggregation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("aggregate", "question", "expected"),
    [
        # beta has no weights: plain mean and median of 0, 1, 4.
        ("mean", "beta.one", 5 / 3),
        ("median", "beta.one", 1.0),
        # ann weighs 3 on alpha: (4*3 + 1 + 1) / 5, and the weighted median is ann's 4.
        ("mean", "alpha.two", 14 / 5),
        ("median", "alpha.two", 4.0),
    ],
)
def test_mean_median_and_role_weights(
    mini: Framework, aggregate: str, question: str, expected: float
) -> None:
    answers = {
        "alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}},
        "beta.one": {"votes": {"ann": 0, "bob": 1, "cy": 4}},
    }
    card = score_assessment(workshop(answers, vote_aggregate=aggregate), mini)
    assert card.question(question).value == pytest.approx(expected, abs=1e-4)
    assert card.question(question).status == "votes"


def test_weights_only_apply_to_their_dimension(mini: Framework) -> None:
    answers = {"beta.two": {"votes": {"ann": 4, "bob": 0}}}
    card = score_assessment(workshop(answers), mini)
    assert card.question("beta.two").value == 2.0


def test_n_a_votes_are_left_out_of_the_aggregate(mini: Framework) -> None:
    answers = {"alpha.three": {"votes": {"ann": "n/a", "bob": 1, "cy": 3}}}
    question = score_assessment(workshop(answers), mini).question("alpha.three")
    assert (question.value, question.spread) == (2.0, 2.0)
    answers = {"alpha.three": {"votes": {"ann": "n/a", "bob": "n/a"}}}
    assert score_assessment(workshop(answers), mini).question("alpha.three").status == "n/a"


# --- disagreement ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "disputed"),
    [
        (1, ["alpha.one", "alpha.two", "beta.one"]),
        (2, ["alpha.two", "beta.one"]),
        (3, ["alpha.two"]),
        (3.5, []),
    ],
)
def test_dispute_threshold(mini: Framework, threshold: float, disputed: list[str]) -> None:
    answers = {
        "alpha.one": {"votes": {"ann": 2, "bob": 3, "cy": 2}},  # spread 1
        "alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}},  # spread 3
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 2}},  # spread 2
        "beta.two": {"votes": {"ann": 2, "bob": 2, "cy": 2}},  # spread 0
    }
    card = score_assessment(workshop(answers, dispute_threshold=threshold), mini)
    assert [q.key for d in card.dimensions for q in d.questions if q.disputed] == disputed
    alpha_two = card.question("alpha.two")
    assert (alpha_two.spread, alpha_two.stdev) == (3.0, pytest.approx(1.4142, abs=1e-4))


def test_agenda_order_is_spread_then_stdev_then_weight(mini: Framework) -> None:
    answers = {
        "alpha.one": {"votes": {"ann": 0, "bob": 2, "cy": 2}},  # spread 2, stdev .94, weight 2
        "alpha.two": {"votes": {"ann": 0, "bob": 2, "cy": 2}},  # spread 2, stdev .94, weight 1
        "alpha.three": {"votes": {"ann": 0, "bob": 1, "cy": 2}},  # spread 2, stdev .82
        "beta.one": {"votes": {"ann": 0, "bob": 4, "cy": 2}},  # spread 4
        "beta.two": {"votes": {"ann": 0, "bob": 0, "cy": 3}},  # spread 3
    }
    assessment = workshop(answers)
    card = score_assessment(assessment, mini)
    view = build_workshop(assessment, mini, card)
    assert view is not None
    assert [i.key for i in view.agenda] == [
        "beta.one",
        "beta.two",
        "alpha.one",
        "alpha.two",
        "alpha.three",
    ]
    assert [i.rank for i in view.agenda] == [1, 2, 3, 4, 5]
    short = build_workshop(assessment, mini, card, limit=2)
    assert short is not None
    assert [i.key for i in short.agenda] == ["beta.one", "beta.two"]
    assert short.left_off == ("alpha.one", "alpha.two", "alpha.three")


def test_agenda_item_shows_votes_notes_and_the_levels_in_play(mini: Framework) -> None:
    answers = {
        "alpha.three": {
            "votes": {"ann": 3, "bob": "n/a", "cy": 1},
            "notes": {"bob": "We do not run alpha three", "cy": "Only a pilot"},
            "note": "Discussed at length",
        }
    }
    assessment = workshop(answers)
    view = build_workshop(assessment, mini, score_assessment(assessment, mini))
    assert view is not None
    (item,) = view.agenda
    assert [(v.who, v.label, v.vote, v.weight, v.note) for v in item.votes] == [
        ("ann", "Ann Archer (CTO)", 3.0, 3.0, None),
        ("bob", "CDO", None, 1.0, "We do not run alpha three"),
        ("cy", "COO", 1.0, 1.0, "Only a pilot"),
    ]
    assert [(lv.level, lv.label, lv.descriptor, lv.voters) for lv in item.levels] == [
        (1.0, "Ad hoc", "c1", ("cy",)),
        (3.0, "Defined", "c3", ("ann",)),
        (None, "n/a", "Nothing to assess.", ("bob",)),
    ]
    assert (item.evidence, item.note, item.text) == (
        "A document.",
        "Discussed at length",
        "Third alpha question?",
    )


# --- consensus ------------------------------------------------------------------------------------


def test_consensus_takes_precedence_and_leaves_the_agenda(mini: Framework) -> None:
    answers = {
        "alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}, "level": 2},
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 3}},
    }
    assessment = workshop(answers)
    card = score_assessment(assessment, mini)
    settled = card.question("alpha.two")
    assert (settled.value, settled.status, settled.vote_value) == (2.0, "consensus", 2.8)
    assert settled.disputed  # the votes were still far apart: the report says it was settled
    view = build_workshop(assessment, mini, card)
    assert view is not None
    assert [i.key for i in view.agenda] == ["beta.one"]
    assert [(i.key, i.consensus, i.vote_value, i.value) for i in view.settled] == [
        ("alpha.two", 2.0, 2.8, 2.0)
    ]
    assert view.disputed == 2


# --- heatmap --------------------------------------------------------------------------------------


def test_heatmap_scores_each_respondent_alone(mini: Framework) -> None:
    answers = {
        "alpha.one": {"votes": {"ann": 1, "bob": 3, "cy": 2}},
        "alpha.two": {"votes": {"ann": 4, "bob": 1}},
        "alpha.three": {"votes": {"ann": "n/a", "bob": 2, "cy": 2}},
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 2}, "level": 2},
        "beta.two": 3,
    }
    assessment = workshop(answers)
    card = score_assessment(assessment, mini)
    view = build_workshop(assessment, mini, card)
    assert view is not None
    rows = {row.who: row for row in view.heatmap}
    assert list(rows) == ["ann", "bob", "cy", "workshop"]
    # ann alone: alpha (1*2 + 4) / 3 = 2; three is n/a. beta: only her vote on beta.one.
    assert [c.score for c in rows["ann"].cells] == [2.0, 1.0]
    # bob alone: alpha (3*2 + 1 + 2) / 4 = 2.25; beta.one 3 (beta.two has no votes).
    assert [c.score for c in rows["bob"].cells] == [2.25, 3.0]
    assert [c.answered for c in rows["cy"].cells] == [2, 1]
    assert rows["bob"].stage == "department"
    assert rows["ann"].stage == "pilot"
    # The last row is the workshop itself, consensus and direct levels included.
    assert [c.score for c in rows["workshop"].cells] == [d.score for d in card.dimensions]
    assert rows["workshop"].label == "Workshop (mean)"
    assert [(d.id, d.spread) for d in view.dimensions] == [("alpha", 0.25), ("beta", 2.0)]
    assert score_respondent(assessment, mini, "cy").dimension("beta").score == 2.0


def test_no_respondents_no_workshop(mini: Framework) -> None:
    assessment = workshop({"alpha.one": 2}, respondents=[])
    assert build_workshop(assessment, mini, score_assessment(assessment, mini)) is None


def test_bundled_workshop_gives_a_runnable_agenda() -> None:
    result = assess(NORTHWIND)
    loaded = result.loaded
    view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
    assert view is not None
    assert len(view.respondents) == 4
    assert 1 <= len(view.agenda) <= 10
    assert view.settled, "the example records consensus levels"
    for item in view.agenda:
        assert len(item.votes) == 4
        assert item.spread >= 2
        assert len(item.levels) >= 2
        assert all(level.descriptor for level in item.levels)
    keys = [
        i.key for i in disputed_questions(loaded.assessment, loaded.framework, result.scorecard)
    ]
    assert len(keys) == view.disputed


# --- command line ---------------------------------------------------------------------------------

CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"


def test_score_vote_aggregate_and_dispute_threshold_options() -> None:
    def alpha_two(*options: str) -> dict[str, Any]:
        code, output = run(
            "score", str(CLIENT), "--format", "json", "--frameworks", str(FIXTURES), *options
        )
        assert code == 0
        question: dict[str, Any] = json.loads(output)["dimensions"][0]["questions"][1]
        return question

    # ann (weight 2 on alpha) votes 1, bob 3.
    assert alpha_two()["value"] == pytest.approx(5 / 3, abs=1e-4)
    assert alpha_two("--vote-aggregate", "median")["value"] == 1.0
    assert alpha_two()["disputed"] is True
    assert alpha_two("--dispute-threshold", "2.5")["disputed"] is False
    code, output = run("score", str(CLIENT), "--dispute-threshold", "0")
    assert code == 2
    assert "0<x" in output or "range" in output


def test_score_disputes_lists_every_vote() -> None:
    code, output = run("score", str(CLIENT), "--disputes", "--frameworks", str(FIXTURES))
    assert code == 0
    lines = output.splitlines()
    assert "Disputed: 1 question (votes far apart); list them with --disputes" in lines
    start = lines.index("Disputed questions (1): votes 2 or more levels apart, combined by mean")
    assert [line.rstrip() for line in lines[start + 1 :]] == [
        "1. alpha.two: spread 2, stdev 1.00; value 1.67",
        "   Second alpha question?",
        "   ann 1, bob 3",
        "Respondents: ann = CTO; bob = CDO",
    ]


def test_score_disputes_without_votes() -> None:
    code, output = run(
        "score",
        str(FIXTURES / "clients" / "mini-history" / "2026-Q2.yaml"),
        "--disputes",
        "--frameworks",
        str(FIXTURES),
    )
    assert code == 0
    assert output.endswith("No disputes: the assessment has no respondents' votes.\n")


def test_plan_takes_the_vote_options() -> None:
    code, output = run(
        "plan",
        str(CLIENT),
        "--format",
        "json",
        "--vote-aggregate",
        "median",
        "--frameworks",
        str(FIXTURES),
    )
    assert code == 0
    assert json.loads(output)["stage"] == "pilot"
