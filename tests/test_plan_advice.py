"""What the reader of a plan should know: warnings and the answers to verify first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planning_helpers import LOW, plan_answers
from readiness.model import Framework

FIXTURES = Path(__file__).parent / "fixtures"


def test_low_confidence_answers_a_gate_reads_are_verified_first(planner2: Framework) -> None:
    answers: dict[str, Any] = {
        **LOW,
        "data.quality": {"level": 0, "confidence": "low"},
        "people.skills": {"level": 1, "confidence": "low"},
        "ops.deploy": {"level": 1, "confidence": "high"},
    }
    result = plan_answers(planner2, answers)
    assert [(v.question, v.depends) for v in result.verify_first] == [
        ("data.quality", ("gate department", "gate enterprise", "finding data-gaps")),
        ("people.skills", ("gate enterprise",)),
    ]
