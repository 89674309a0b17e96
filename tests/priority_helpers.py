"""The bundled examples' 2026-Q4 assessments as the priorities see them (shared by the tests of
the blockers and the priorities)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from readiness.model import Framework
from readiness.pipeline import assess
from readiness.plan.records import Plan, PlannedInitiative
from readiness.plan.roadmap import plan_roadmap
from readiness.report.story_themes import Theme, themes
from readiness.report.waves import plan_waves
from readiness.rules import evaluate_rules
from readiness.score import Scorecard

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUNDLED = ("acme-retail", "helios-energy", "lumen-insurance", "meridian-telecom", "northwind-bank")


class Case(NamedTuple):
    framework: Framework
    scorecard: Scorecard
    plan: Plan
    wave: tuple[PlannedInitiative, ...]
    grouped: tuple[Theme, ...]


@functools.cache
def case(client: str) -> Case:
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    grouped = themes(results, loaded.framework, plan, assessed.scorecard, loaded.assessment)
    wave = plan_waves(plan, loaded.framework)[0].initiatives
    return Case(loaded.framework, assessed.scorecard, plan, wave, grouped)
