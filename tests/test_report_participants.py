"""Who is in the room: name and role, how their votes count, and why, as the assessment says."""

from __future__ import annotations

from readiness.model import Framework, Respondent
from readiness.report.participants import participants
from test_workshop import workshop


def test_a_weight_shows_its_reason_or_says_none_was_stated(mini: Framework) -> None:
    people = [
        {
            "id": "ann",
            "role": "CTO",
            "name": "Ann Archer",
            "weights": {"alpha": 2, "beta": 1},
            "weight_reason": "Runs the\tplatform\nevery alpha model uses.",
        },
        {"id": "bob", "role": "CDO", "weights": {"beta": 0.5}},
        {"id": "cy", "role": "COO", "weights": {"beta": 1}},
    ]
    assessment = workshop({"alpha.one": {"votes": {"ann": 1, "bob": 2, "cy": 3}}})
    assessment = assessment.model_copy(
        update={"respondents": [Respondent.model_validate(p) for p in people]}
    )
    assert [(p.who, p.weights, p.reason) for p in participants(assessment, mini)] == [
        # A weight of 1 is no weight; the reason is shown on one line.
        ("Ann Archer, CTO", "Alpha × 2", "Why: Runs the platform every alpha model uses."),
        ("CDO", "Beta × 0.5", "The assessment gives no reason for this weight."),
        ("COO", "Equally on every dimension", None),
    ]
