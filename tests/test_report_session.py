"""The workshop session's plan in the facilitator's pack: timed agenda and decision rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readiness.model import Assessment, Framework
from readiness.pipeline import report
from readiness.report.session import CLOSING, DECIDING, OPENING, READING, SessionPlan, plan_session
from readiness.report.stakes import deciding_first, stage_stakes
from readiness.score import score_assessment
from readiness.workshop import build_workshop
from test_workshop import workshop

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"


def session_of(assessment: Assessment, mini: Framework) -> SessionPlan:
    card = score_assessment(assessment, mini)
    view = build_workshop(assessment, mini, card)
    assert view is not None
    stakes = stage_stakes(view.agenda, mini, assessment, card)
    agenda = deciding_first(view.agenda, stakes)
    return plan_session(view, agenda, stakes, mini, assessment.organization.name)


def test_topics_are_timed_by_how_many_questions_and_how_far_apart(mini: Framework) -> None:
    answers = {
        "alpha.one": {"votes": {"ann": 0, "bob": 2, "cy": 3}},  # 3 levels apart
        "alpha.three": {"votes": {"ann": 1, "bob": 3, "cy": 2}},  # 2 levels apart
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 1}},  # 2 levels apart
        "alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}, "level": 2},  # settled: no time
    }
    session = session_of(workshop(answers), mini)
    assert session.minutes == {"alpha.one": 20, "alpha.three": 15, "beta.one": 15}
    # The department gate reads beta.one: its topic comes first, and says so.
    opening, beta, alpha, close = session.slots
    assert (opening.minutes, close.minutes) == (OPENING, CLOSING)
    assert (alpha.minutes, beta.minutes) == (35, 15)  # two questions take longer than one
    assert beta.topic == "Beta: a requirement of Department"
    assert not alpha.topic.endswith("Department")
    # Numbered in the order the session takes them, so the pages follow the agenda.
    assert beta.what == "Question 1, votes 2 levels apart."
    assert alpha.what == "Questions 2, 3, votes up to 3 levels apart."
    assert [(s.starts, s.ends) for s in session.slots] == [
        ("0:00", "0:10"),
        ("0:10", "0:25"),
        ("0:25", "1:00"),
        ("1:00", "1:15"),
    ]
    assert session.length == "75 minutes (1:15)"
    agreement, no_agreement, weights = session.rule
    assert "within one level of every other's" in agreement
    assert "recorded as provisional" in no_agreement
    # ann's vote weighs 3 on alpha: said, and said to give no casting vote.
    assert weights.startswith("Weights count in the value the votes give before the session: ")
    assert "3 times on Alpha" in weights and "no casting vote" in weights


def test_an_unweighted_room_is_not_told_about_weights(mini: Framework) -> None:
    assessment = workshop({"beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 1}}})
    assert len(session_of(assessment, mini).rule) == 2


def test_a_dispute_that_decides_the_stage_goes_first_with_more_time(mini: Framework) -> None:
    # Alpha at level 2 and beta.one at 2 (the mean of 1, 3, 2) pass the department gate;
    # beta.one recorded at its lowest vote, 1, would not. alpha.three's dispute moves no stage:
    # alpha stays at level 2 from 0 to 2.
    answers = {
        "alpha.one": 3,
        "alpha.two": 3,
        "alpha.three": {"votes": {"ann": 2, "bob": 0, "cy": 2}},
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 2}},
    }
    session = session_of(workshop(answers), mini)
    _, first, second, _ = session.slots
    assert first.topic == "Beta: decides the stage"
    assert first.what.startswith("Question 1, votes 2 levels apart. Recorded at the lowest vote")
    assert first.minutes == READING + 2 * 5 + DECIDING
    assert (second.topic, second.what) == ("Alpha", "Question 2, votes 2 levels apart.")
    assert session.minutes == {"beta.one": first.minutes, "alpha.three": READING + 2 * 5}
    assert session.rule[2] == (
        "Question 1 decides the stage: recorded at its lowest vote, it takes Mini Co from "
        "Department back to Pilot, and the leadership report then says Pilot. Agree it on the "
        "evidence before moving on."
    )


def test_the_pack_is_dated_before_the_session_it_prepares(tmp_path: Path) -> None:
    target = tmp_path / "pack.html"
    report(NORTHWIND, generated=dt.date(2027, 1, 9), output=target, html=True, workshop_pack=True)
    pack = target.read_text(encoding="utf-8")
    # Not the day it is run: the day the votes were in (the assessment's date).
    assert '<th scope="row">Prepared on</th><td>5 November 2026</td>' in pack
    assert '<th scope="row">Votes as of</th><td>5 November 2026</td>' in pack
    assert "9 January 2027" not in pack
    assert "Running the session" in pack and "How the room decides" in pack
    report(
        NORTHWIND,
        generated=dt.date(2026, 11, 12),
        date_given=True,
        output=target,
        html=True,
        workshop_pack=True,
        force=True,
    )
    assert "<td>12 November 2026</td>" in target.read_text(encoding="utf-8")
