"""A gate's conditions are counted in business words: requirements, dimension levels and
practices, the same way on every page."""

from __future__ import annotations

import pytest

from readiness.load import load_framework
from readiness.pipeline import assess
from readiness.report.gates import gate_view, requirements_words, stage_track, term_reads
from readiness.report.i18n import ENGLISH
from readiness.report.progress import _gate_detail
from readiness.report.takes import what_it_takes
from test_report_priorities import BUNDLED
from test_report_story import EXAMPLES, ROOT

FRAMEWORK = load_framework(ROOT / "questionnaires" / "ml-scaling")
GATE = "data.level >= 2 and infrastructure.level >= 2 and data.inventory >= 2"


def test_requirements_are_counted_by_kind() -> None:
    reads = term_reads(GATE, FRAMEWORK)
    assert reads == [("data.level",), ("infrastructure.level",), ("data.inventory",)]
    assert requirements_words(reads, FRAMEWORK) == (
        "3 requirements (2 dimension levels and 1 practice)"
    )
    assert requirements_words(reads[:2], FRAMEWORK) == "2 dimension levels"
    assert requirements_words(reads[2:], FRAMEWORK) == "1 practice"
    # An overall score is neither a dimension level nor a practice.
    overall = term_reads("overall.score >= 2 and data.inventory >= 2", FRAMEWORK)
    assert requirements_words(overall, FRAMEWORK) == "2 requirements (1 practice)"
    assert requirements_words(term_reads("overall.score >= 2", FRAMEWORK), FRAMEWORK) == (
        "1 requirement"
    )


def test_the_stage_track_counts_requirements() -> None:
    assessed = assess(EXAMPLES / "acme-retail" / "2026-Q4.yaml")
    framework, scorecard = assessed.loaded.framework, assessed.scorecard
    gate = next(g for g in scorecard.gates if g.stage == scorecard.next_stage)
    steps = stage_track(framework, scorecard, gate_view(gate, framework, scorecard))
    assert steps[1].note == "Next: 15 of 20 requirements met"


def test_a_crossed_or_lost_gate_counts_its_requirements() -> None:
    assert _gate_detail(GATE, "crossed", FRAMEWORK, ENGLISH) == (
        "all 3 requirements (2 dimension levels and 1 practice) now met"
    )
    assert _gate_detail(GATE, "lost", FRAMEWORK, ENGLISH) == (
        "not all of its 3 requirements (2 dimension levels and 1 practice) met any more"
    )
    for said in (_gate_detail(GATE, c, FRAMEWORK, ENGLISH) for c in ("crossed", "lost")):
        assert "thing" not in said


@pytest.mark.parametrize("client", BUNDLED)
def test_the_stage_bar_and_the_summary_count_what_is_in_place_alike(client: str) -> None:
    # One count on every page: a requirement met only through a disputed answer is open on
    # the stage bar, the dimension table and the summary alike.
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    framework, scorecard = assessed.loaded.framework, assessed.scorecard
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    if gate is None:
        pytest.skip(f"{client} is at the last stage: no next gate to count")
    view = gate_view(gate, framework, scorecard)
    takes = what_it_takes(framework, scorecard, None, client)
    assert takes is not None
    in_place = sum(1 for c in takes.conditions if c.met)
    assert view.met == in_place
    assert [t.holds for t in view.terms] == [c.met for c in takes.conditions]
    assert [t.disputed for t in view.terms] == [c.disputed for c in takes.conditions]
    step = stage_track(framework, scorecard, view)[framework.stage_index(scorecard.stage) + 1]
    assert step.note == (
        f"Next: {in_place} of {len(takes.conditions)} requirements met"
        if len(takes.conditions) > 1
        else "Next: what it requires is in place"
        if in_place
        else "Next: what it requires is not in place yet"
    )


def test_a_requirement_held_only_by_a_disputed_answer_is_counted_open() -> None:
    assessed = assess(EXAMPLES / "northwind-bank" / "2026-Q4.yaml")
    framework, scorecard = assessed.loaded.framework, assessed.scorecard
    gate = next(g for g in scorecard.gates if g.stage == scorecard.next_stage)
    view = gate_view(gate, framework, scorecard)
    contested = [t for t in view.terms if t.disputed]
    assert [t.reads for t in contested] == [("data.quality",)]
    assert contested[0].state == "met" and not contested[0].holds
    assert (view.met, len(view.terms)) == (18, 20)
