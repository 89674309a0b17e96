"""The standing chart of a framework whose dimensions sum their answers (`readiness.deck.points`),
read from the Lumen example (the ML Test Score: seven tests of 0, 0.5 or 1 per section, the
overall the weakest section): the bars are points, the stages' floors are the gates' thresholds,
and the sections below the next stage's floor are named and stand out."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.deck.points import points_slide, stage_floor
from test_deck_content import Example, example

ROOT = Path(__file__).resolve().parent.parent
LUMEN = ROOT / "examples" / "lumen-insurance"


Lumen = Example


@pytest.fixture(scope="module")
def lumen() -> Example:
    """The Lumen example's only period, built once."""
    return example(LUMEN)


def test_the_bars_are_points_against_the_floors_of_the_stages(lumen: Lumen) -> None:
    slide = points_slide(lumen.story, lumen.framework, lumen.scorecard)
    today, asked, target = slide.series
    assert today.values == tuple(d.score for d in lumen.scorecard.dimensions) == (4, 3, 3, 3.5)
    assert slide.axis_max == 7
    assert slide.axis_title == "Points (7: every practice 1 Automated)"
    # The next stage's gate is "overall score above 3", and the overall is the weakest section.
    assert asked.name == "Strong automated testing: needs more than this"
    assert asked.values == (3, 3, 3, 3)
    # The target is in points: 5.5 of 7 per section, the lowest score above 5 on a half-point
    # scale.
    assert target.name == "Target, Exceptional: needs at least this"
    assert target.values == (5.5, 5.5, 5.5, 5.5)
    assert slide.outline == 2
    assert slide.number_format == "General"


def test_the_sections_that_hold_the_score_are_named_and_stand_out(lumen: Lumen) -> None:
    slide = points_slide(lumen.story, lumen.framework, lumen.scorecard)
    assert slide.title == "Model tests and infrastructure tests hold FraudLens at 3 of 7"
    assert [slide.categories[i] for i in slide.muted] == ["Data tests", "Monitoring tests"]
    assert slide.side.heading == "Overall: the weakest dimension, 3 of 7"
    (stage, aim) = slide.side.points
    assert stage.text == "Strong automated testing needs every dimension above 3"
    assert stage.detail == "Model tests and infrastructure tests are not there yet"
    assert aim.text == "The target, Exceptional, needs every dimension 5.5 or more"
    assert aim.detail == f"the plan reaches it by {lumen.story.target_date}"
    # The target is said once, in points: never as a level for each practice.
    said = " ".join([slide.title, *(p.text + p.detail for p in slide.side.points)])
    assert "each practice" not in said and "%" not in said


def test_a_target_in_points_above_the_gate_is_the_clients(lumen: Lumen) -> None:
    story = lumen.story
    raised = story._replace(standing=tuple(r._replace(target_level=5.5) for r in story.standing))
    slide = points_slide(raised, lumen.framework, lumen.scorecard)
    assert slide.series[2].values == (5.5, 5.5, 5.5, 5.5)
    assert slide.series[2].name.endswith("needs at least this")
    assert slide.side.points[1].text == "The target, Exceptional, needs every dimension 5.5 or more"
    # A target below the gate's floor (a level per practice) does not lower it.
    low = story._replace(standing=tuple(r._replace(target_level=0.5) for r in story.standing))
    assert points_slide(low, lumen.framework, lumen.scorecard).series[2].values == (5, 5, 5, 5)


def test_a_stage_floor_is_read_from_its_gate(lumen: Lumen) -> None:
    floor = stage_floor(lumen.framework, "exceptional", "data")
    assert floor is not None and (floor.value, floor.strict) == (5, True)
    assert stage_floor(lumen.framework, "research", "data") is None
    assert stage_floor(lumen.framework, None, "data") is None


def test_without_a_section_short_the_title_gives_the_score(lumen: Lumen) -> None:
    card = lumen.scorecard
    # As if the team had reached the next stage: no section below its floor.
    raised = card._replace(
        dimensions=tuple(d._replace(score=4.0) for d in card.dimensions), score=4.0
    )
    slide = points_slide(lumen.story, lumen.framework, raised)
    assert slide.title == "FraudLens scores 4 of 7"
    assert slide.muted == ()
    assert slide.side.points[0].detail == "every dimension is there already"
