"""Helpers shared by the rules, roadmap and property tests: assessments built in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.model import Assessment, Framework
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.rules import evaluate_rules
from readiness.score import score_assessment


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


LOW = {
    "data.inventory": 1,
    "data.quality": 0,
    "data.lineage": 0,
    "ops.deploy": 1,
    "ops.monitor": 0,
    "people.owner": 0,
    "people.skills": 1,
}
"""Low answers to every question of the planner2 framework."""


def plan_answers(framework: Framework, answers: dict[str, Any], **extra: Any) -> Plan:
    """The plan of an assessment of a 4,000-person organization with these answers."""
    assessment = make_assessment(framework, answers, {"size": 4000}, **extra)
    card = score_assessment(assessment, framework)
    return plan_roadmap(framework, assessment, card, evaluate_rules(framework, card))


def stage_targets(framework: Framework, stage: str) -> dict[str, float]:
    """Each question's target for an organization aiming at `stage`: the highest level the
    profiles of that stage and every earlier one ask of the question or its dimension."""
    targets = dict.fromkeys(framework.questions(), framework.manifest.scale.min)
    for item in framework.manifest.stages:
        profile = item.profile
        if profile is not None:
            for key in targets:
                dimension = key.split(".")[0]
                asked = (profile.levels.get(dimension, 0), profile.questions.get(key, 0))
                targets[key] = max(targets[key], *asked)
        if item.id == stage:
            break
    return targets
