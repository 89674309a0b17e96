"""Which open disputes decide the stage: each level in play scored again, never said by hand."""

from __future__ import annotations

from pathlib import Path

from readiness.model import Answer, Assessment, Framework
from readiness.pipeline import assess
from readiness.report.stakes import deciding_first, session_agenda, stage_stakes, stake_sentence
from readiness.score import score_assessment
from readiness.workshop import build_workshop
from test_deck_content import weighted_northwind
from test_workshop import workshop


def agenda_of(assessment: Assessment, framework: Framework) -> list[tuple[str, str | None]]:
    card = score_assessment(assessment, framework)
    view = build_workshop(assessment, framework, card)
    assert view is not None
    stakes = stage_stakes(view.agenda, framework, assessment, card)
    name = assessment.organization.name
    return [
        (item.key, stake_sentence(stakes[item.key], framework, name))
        for item in deciding_first(view.agenda, stakes)
    ]


def test_a_dispute_whose_highest_vote_would_raise_the_stage(mini: Framework) -> None:
    # beta.one's votes give 1.67: the department gate wants 2; alpha is at level 3 either way.
    answers = {
        "alpha.one": 3,
        "alpha.two": 3,
        "alpha.three": {"votes": {"ann": 3, "bob": 1, "cy": 3}},
        "beta.one": {"votes": {"ann": 1, "bob": 3, "cy": 1}},
    }
    assert agenda_of(workshop(answers), mini) == [
        (
            "beta.one",
            "The stage turns on this answer: recorded at 1 · Ad hoc, Mini Co stands at Pilot, "
            "today's stage; at 2 · Repeatable or 3 · Defined, at Department.",
        ),
        ("alpha.three", None),
    ]


def test_the_bundled_workshop_puts_the_three_stage_deciding_disputes_first(tmp_path: Path) -> None:
    # Northwind with the CTO's infrastructure votes counting twice: three open disputes decide
    # its stage (the bundled workshop settled the one that did).
    result = assess(weighted_northwind(tmp_path / "weighted"))
    assessment, framework = result.loaded.assessment, result.loaded.framework
    agenda = agenda_of(assessment, framework)
    assert [key for key, _ in agenda[:3]] == [
        "infrastructure.monitoring",
        "measurement.adoption",
        "data.quality",
    ]
    assert all(stake is None for _, stake in agenda[3:])
    assert agenda[0][1] == (
        "The stage turns on this answer: recorded at 2 · Repeatable, Northwind Bank stands at "
        "Pilot to production; at 3 · Defined or 4 · Optimized, at Department scale, today's stage."
    )
    # Computed from the scoring: adoption decides through its dimension's level (the gate asks
    # for measurement at 2). With measurement's weaker practices answered at Defined, adoption at
    # its lowest vote no longer pulls the dimension below 2: the dispute stays on the agenda and
    # no longer decides the stage.
    answers = dict(assessment.answers)
    for key in ("baselines", "roi_tracking", "feedback_loops", "value_reporting", "unit_cost"):
        answers[f"measurement.{key}"] = Answer(level=3)
    changed = assessment.model_copy(update={"answers": answers})
    stakes = dict(agenda_of(changed, framework))
    assert "measurement.adoption" in stakes
    assert stakes["measurement.adoption"] is None


def test_a_dispute_that_decides_the_stage_takes_the_place_of_one_that_does_not(
    tmp_path: Path,
) -> None:
    # Northwind with the CTO's infrastructure votes counting twice: three open disputes decide
    # its stage (the bundled workshop settled the one that did).
    result = assess(weighted_northwind(tmp_path / "weighted"))
    assessment, framework = result.loaded.assessment, result.loaded.framework
    # An agenda of two: by spread alone, change management and monitoring.
    view = build_workshop(assessment, framework, result.scorecard, limit=2)
    assert view is not None
    assert [i.key for i in view.agenda] == ["teams.change_management", "infrastructure.monitoring"]
    agenda, stakes, left_off = session_agenda(view, framework, assessment, result.scorecard)
    assert [(i.rank, i.key) for i in agenda] == [
        (1, "infrastructure.monitoring"),
        (2, "measurement.adoption"),
    ]
    assert left_off[0] == "data.quality"  # deciding too, beyond the agenda's length
    assert "teams.change_management" in left_off and len(left_off) == 5
    assert all(stakes[key].deciding for key in ("data.quality", "measurement.adoption"))


def test_the_bundled_workshop_discusses_first_the_dispute_a_next_stage_requirement_reads() -> None:
    # No open dispute decides Northwind's stage; department scale's gate reads data quality, so
    # the session takes it first, as the summary asks to settle it before funding.
    result = assess(Path(__file__).resolve().parent.parent / "examples/northwind-bank/2026-Q4.yaml")
    assessment, framework = result.loaded.assessment, result.loaded.framework
    view = build_workshop(assessment, framework, result.scorecard)
    assert view is not None
    agenda, stakes, _ = session_agenda(view, framework, assessment, result.scorecard)
    assert not any(stake.deciding for stake in stakes.values())
    assert [stakes[i.key].required for i in agenda] == [True] + [False] * (len(agenda) - 1)
    assert agenda[0].key == "data.quality"
    # The others by topic, each dimension's questions together.
    dimensions = [i.dimension for i in agenda[1:]]
    assert dimensions == sorted(dimensions, key=dimensions.index)
