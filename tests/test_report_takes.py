"""What it takes in words: requirements counted by kind, one answer per target (the options when
the plan misses it), and the opening's sentence on the target that never tells the client to
move it."""

from __future__ import annotations

import re

from readiness.report.i18n import ENGLISH
from readiness.report.story_opening import reach_words
from test_report_story import story_of


def test_the_next_stage_is_said_in_requirements_met() -> None:
    story, wave = story_of("acme-retail")
    takes = story.what_it_takes
    assert takes is not None and takes.when is not None and story.effort is not None
    # The work that reaches the next stage is the first wave: its count and month are the plan's.
    assert takes.initiatives == len(wave)
    assert takes.sentence == (
        "Department scale has 20 requirements (5 dimension levels and 15 practices); 15 are "
        f"met, and the work planned to end by {takes.when} meets the other 5."
    )
    # Its effort, then the whole plan's as the story's effort says it, each with its cost.
    whole = re.fullmatch(
        r"([\d,.]+) person-months (\(about EUR [\d.]+ million\)) of work .+", story.effort
    )
    assert whole is not None, story.effort
    # Acme's target needs work past the horizon, which the summary's whole plan counts: this
    # one is the work planned to the horizon.
    assert re.fullmatch(
        r"[\d,.]+ person-months \(about EUR [\d.]+ million\), part of the "
        + re.escape(f"{whole[1]} person-months {whole[2]} planned to the horizon"),
        takes.effort,
    ), takes.effort


def test_a_target_the_plan_misses_gets_the_options_and_no_second_figure() -> None:
    story, _ = story_of("northwind-bank")  # its next stage is its target's stage
    takes = story.what_it_takes
    assert takes is not None and takes.choices is not None
    # The next stage's least work would be a second figure for the same target: not said.
    assert takes.to_next is None
    assert takes.to_target == takes.choices.summary
    options = takes.choices
    assert takes.earliest is not None and takes.earliest > "2029-06"
    assert "least work" not in takes.to_target
    assert options.summary in story.headline and "move the target" not in story.headline
    # More people bring the target sooner than the deferred work planned after the horizon
    # does, though not by the deadline: the month they can is said.
    assert options.summary.endswith("; no team size brings it before May 2030.")


def test_a_target_reached_late_names_its_practices_still_short() -> None:
    story, _ = story_of("helios-energy")
    takes = story.what_it_takes
    assert takes is not None and takes.choices is not None
    # Given What it takes's choices, the opening's sentence is their summary: it names them.
    said = reach_words(
        "Enterprise scale", "Dec 2028", "2028-12", False, ENGLISH, choices=takes.choices
    )
    assert said == takes.choices.summary
    assert (
        "evaluation of generative AI applications (Defined; the plan brings it in Apr 2029)" in said
    )
    # A target met in time keeps its own sentence, whatever the choices.
    assert reach_words(
        "Enterprise scale", "Dec 2028", "2029-06", True, ENGLISH, choices=takes.choices
    ).endswith("which meets the Jun 2029 target.")


def test_the_target_sentence_never_moves_the_target() -> None:
    said = [
        reach_words("Enterprise scale", None, "2029-06", False, ENGLISH, "2030-02"),
        reach_words("Enterprise scale", None, "2029-06", False, ENGLISH),
        reach_words("Enterprise scale", "Dec 2028", "2028-12", False, ENGLISH),
        reach_words("Enterprise scale", None, None, None, ENGLISH),
    ]
    assert said[0] == (
        "Enterprise scale by Jun 2029 needs work the plan defers past its horizon; with that "
        "work it comes in Feb 2030. What it takes gives the options."
    )
    assert "What it takes names what stands in the way" in said[1]
    assert "What it takes names them" in said[2]
    for sentence in said:
        assert "move the target" not in sentence and "least work" not in sentence
    assert reach_words("Enterprise scale", "Dec 2028", "2029-06", True, ENGLISH) == (
        "Enterprise scale is within reach by Dec 2028, which meets the Jun 2029 target."
    )
