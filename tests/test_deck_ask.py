"""The funding decision in a line and the headline's sentences as whole thoughts
(`readiness.deck.ask`)."""

from __future__ import annotations

from readiness.deck.ask import REFERS_BACK, funding_ask, sentences, split_lines, whole_thoughts
from test_deck_content import Northwind, northwind  # noqa: F401  (the fixture)


def test_a_sentence_that_refers_back_stays_with_the_one_before() -> None:
    text = (
        "Acme has reached the pilot stage. Fund the wave: USD 1.5 million. Of this, USD 1 "
        "million is the minimum. Enterprise scale needs 8 more initiatives. With them, the "
        "target comes in Dec 2030. That misses the Jun 2029 target. The effort: 3 years"
    )
    assert whole_thoughts(text) == [
        "Acme has reached the pilot stage.",
        "Fund the wave: USD 1.5 million. Of this, USD 1 million is the minimum.",
        "Enterprise scale needs 8 more initiatives. With them, the target comes in Dec 2030. "
        "That misses the Jun 2029 target.",
        "The effort: 3 years",
    ]
    # A full stop inside a sentence (a number) does not end it.
    assert sentences("It costs USD 2.5 million. Fund it.") == [
        "It costs USD 2.5 million.",
        "Fund it.",
    ]
    # A first sentence is never joined to nothing, whatever it opens with.
    assert whole_thoughts("This plan starts now. It ends later.") == [
        "This plan starts now. It ends later."
    ]
    assert all(opening[0].isupper() for opening in REFERS_BACK)


def test_the_ask_names_the_whole_wave(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    assert funding_ask(story, northwind.framework, northwind.rate) == (
        "Fund the first wave: about USD 10.03 million, Jan 2027 – May 2028, to reach department "
        "scale"
    )
    # The amount as the report's key facts say it, "about" and all.
    assert story.ask == "Fund now: about USD 10.03 million, Jan 2027 – May 2028"
    assert story.roadmap is not None
    # A plan that is one wave is funded as the plan.
    lanes = tuple(
        lane._replace(bars=tuple(b._replace(wave=1) for b in lane.bars))
        for lane in story.roadmap.lanes
    )
    one = story._replace(roadmap=story.roadmap._replace(lanes=lanes))
    assert (funding_ask(one, northwind.framework, northwind.rate) or "").startswith(
        "Fund the plan: "
    )
    # A wave that reaches no milestone says no goal.
    unreached = story._replace(
        roadmap=story.roadmap._replace(
            milestones=tuple(m._replace(reachable=False) for m in story.roadmap.milestones)
        )
    )
    assert funding_ask(unreached, northwind.framework, northwind.rate) == (
        "Fund the first wave: about USD 10.03 million, Jan 2027 – May 2028"
    )
    # Without a rate, the wave's person-months.
    assert (funding_ask(story, northwind.framework, None) or "").startswith(
        "Fund the first wave: 542 person-months, "
    )


def test_the_split_in_lines_is_the_story_s_split(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    lines = split_lines(story)
    # The report's tiers word for word, after its "Of this,", each line opening as a sentence
    # does.
    assert story.split is not None and story.split.startswith("Of this, about USD 1.24 million")
    parts = story.split.removeprefix("Of this, ").removesuffix(".").split("; ")
    assert lines == tuple(part[:1].upper() + part[1:] for part in parts)
    assert lines[1].startswith("About USD 4.24 million goes to improvements")
    # Northwind's three parts in two tiers: what the stage needs, what could wait.
    assert len(lines) == 2 and len(story.funding) - 1 == 3
    assert split_lines(story._replace(split=None)) == ()
