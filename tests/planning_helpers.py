"""Helpers shared by the rules, roadmap and property tests: assessments built in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.model import Assessment, Framework


def make_assessment(
    framework: Framework,
    answers: dict[str, Any],
    organization: dict[str, Any] | None = None,
    **extra: Any,
) -> Assessment:
    """An assessment of `framework` with these answers (None: leave unanswered)."""
    return Assessment.model_validate(
        {
            "framework": framework.ref,
            "organization": {"name": "Case Co", **(organization or {})},
            "period": "2026-Q4",
            "date": dt.date(2026, 11, 20),
            "assessor": "T. Ester",
            "answers": {k: v for k, v in answers.items() if v is not None},
            **extra,
        }
    )
