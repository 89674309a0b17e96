"""What changed since the last period, as the summary opens with it: where the stage and the
overall score went, as the report prints them, and the counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.load import load_framework
from readiness.pipeline import progress as client_progress
from readiness.progress import Progress
from readiness.report.i18n import ENGLISH
from readiness.report.story_change import story_change

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def acme() -> Progress:
    return client_progress(ROOT / "examples" / "acme-retail")


def _said(history: Progress, **latest: object) -> str:
    assert history.latest is not None
    changed = history.model_copy(update={"latest": history.latest.model_copy(update=latest)})
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    change = story_change(changed, framework, frozenset(), ENGLISH, {})
    assert change is not None
    return change.sentence


def test_the_sentence_says_the_stage_and_the_overall_score(acme: Progress) -> None:
    said = _said(acme)
    assert said == (
        "Since 2026-Q3 Acme Retail has stayed at the Pilot to production stage, its overall "
        "score up from 1.2 to 1.8: every dimension improved, 5 initiatives achieved."
    )


def test_a_score_that_prints_the_same_is_unchanged(acme: Progress) -> None:
    # 1.81 and 1.84 both print 1.8: the report never says a score moved that it shows alike.
    said = _said(acme, score_before=1.81, score_after=1.84)
    assert "its overall score unchanged at 1.8:" in said
    assert "its overall score down from 2.1 to 1.8:" in _said(
        acme, score_before=2.1, score_after=1.84
    )
    assert "its overall score now 1.8:" in _said(acme, score_before=None, score_after=1.84)


def test_a_stage_moved_is_said_with_the_score(acme: Progress) -> None:
    said = _said(
        acme,
        stage_change="up",
        stage_before_title="Pilot to production",
        stage_after_title="Department scale",
    )
    assert said.startswith(
        "Since 2026-Q3 Acme Retail has moved up a stage, from “Pilot to production” to "
        "“Department scale”, its overall score up from 1.2 to 1.8: "
    )


def test_a_re_assessment_opens_with_what_moved() -> None:
    from readiness.clients import load_client
    from readiness.plan.roadmap import plan_roadmap
    from readiness.progress import build_progress
    from readiness.report.story import build_story
    from readiness.rules import evaluate_rules

    periods = load_client(ROOT / "examples" / "acme-retail")
    latest = periods[-1]
    results = evaluate_rules(latest.framework, latest.scorecard)
    plan = plan_roadmap(latest.framework, latest.assessment, latest.scorecard, results)
    story = build_story(
        latest.framework,
        latest.assessment,
        latest.scorecard,
        results,
        plan,
        progress=build_progress(periods),
    )
    assert story.change is not None
    # Said once, first: the headline opens with it and the summary does not repeat it.
    assert story.headline.startswith(story.change.sentence + " Fund now the first wave")
    assert not any(story.change.sentence in s for s in story.summary)
