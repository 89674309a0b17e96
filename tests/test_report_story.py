"""The report's story: headline, priorities, themes, standing, workshop, what it takes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.pipeline import assess
from readiness.report.story import Story, build_story
from readiness.report.story_plan import first_wave
from readiness.roadmap import plan_roadmap
from readiness.rules import evaluate_rules
from readiness.workshop import build_workshop

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUNDLED = ("acme-retail", "northwind-bank", "helios-energy", "lumen-insurance")
ID_PATTERN = re.compile(r"\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b|>=|<=|==")


def story_of(client: str) -> tuple[Story, tuple[str, ...]]:
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    workshop = build_workshop(loaded.assessment, loaded.framework, assessed.scorecard)
    story = build_story(
        loaded.framework, loaded.assessment, assessed.scorecard, results, plan, workshop=workshop
    )
    return story, tuple(i.title for i in first_wave(plan))


@pytest.fixture(scope="module", params=BUNDLED)
def told(request: pytest.FixtureRequest) -> tuple[Story, tuple[str, ...]]:
    return story_of(request.param)


def test_the_priorities_are_first_wave_actions(told: tuple[Story, tuple[str, ...]]) -> None:
    story, wave = told
    assert story.priorities
    assert len(story.priorities) == min(3, len(wave))
    assert all(p.title in wave for p in story.priorities)


def test_the_headline_names_the_stage_what_holds_back_and_the_first_action(
    told: tuple[Story, tuple[str, ...]],
) -> None:
    story, _ = told
    assert story.stage.lower() in story.headline
    assert story.holds_back is not None and story.holds_back[1:] in story.headline
    assert story.priorities[0].title[1:] in story.headline


def test_themes_are_three_to_five_when_findings_spread(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    assert 1 <= len(story.themes) <= 5
    severities = ["High", "Medium", "Low"]
    ranks = [severities.index(t.severity) for t in story.themes]
    assert ranks == sorted(ranks)


def test_no_sentence_carries_ids_or_operators(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    texts = [story.headline, *story.summary, *(t.summary for t in story.themes)]
    if story.what_it_takes:
        texts += [c.text for c in story.what_it_takes.conditions]
    for text in texts:
        assert not ID_PATTERN.search(text), text


def test_headlines_differ_between_clients() -> None:
    headlines = {story_of(client)[0].headline for client in ("acme-retail", "helios-energy")}
    assert len(headlines) == 2


def test_a_disputed_answer_is_never_a_strength() -> None:
    story, _ = story_of("northwind-bank")
    disputed = {p.name for row in story.standing for p in row.practices if p.disputed}
    assert disputed
    assert story.workshop is not None and story.workshop.disputes
    assert not {s.practice for s in story.strengths} & disputed


def test_the_target_date_is_when_the_target_gate_holds() -> None:
    story, _ = story_of("acme-retail")
    assert story.what_it_takes is not None
    assert story.target_date == story.what_it_takes.when
    assert story.target_date in story.headline


def test_the_roadmap_marks_the_same_priorities(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    assert story.roadmap is not None
    marked = {b.title for lane in story.roadmap.lanes for b in lane.bars if b.priority}
    assert marked == {p.title for p in story.priorities}


def test_a_score_shown_never_suggests_a_higher_level() -> None:
    from readiness.report.words import score_shown

    assert score_shown(1.96, 1) == "1.9"
    assert score_shown(2.0, 1) == "2.0"
    assert score_shown(2.25, 2) == "2.25"
    assert score_shown(None, 1) == "–"
