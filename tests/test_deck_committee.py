"""The slides of what the committee settles (`readiness.deck.committee`): the disputes slide
counts the open questions and says how many more there are and where; the decisions slide
first asks for the funding the report's headline asks for, then lists as many priorities as it asks to agree, and asks for a target date and a dispute
session only when they are needed."""

from __future__ import annotations

import datetime as dt

from readiness.deck.ask import funding, funding_ask, sentences
from readiness.deck.committee import (
    DISPUTES_SHOWN,
    closing_slide,
    decisions_slide,
    disputes_slide,
    options_slide,
)
from test_deck_content import ROOT, Northwind, example, northwind  # noqa: F401  (the fixture)

MEETING = dt.date(2026, 12, 15)
"""The day the committee meets (the deck's date)."""


def test_the_disputes_slide_counts_what_it_leaves_out(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    talk = story.workshop
    assert talk is not None and len(talk.disputes) > DISPUTES_SHOWN
    slide = disputes_slide(story)
    assert slide.title == f"Where leadership disagrees: {talk.open_disputes} questions still open"
    *listed, more = slide.rows
    assert len(listed) == DISPUTES_SHOWN
    listed_open = sum(row[3] != "settled" for row in listed)
    hidden_open = talk.open_disputes - listed_open
    hidden_settled = len(talk.disputes) - talk.open_disputes
    ranked = sorted(talk.disputes, key=lambda d: (d.settled, not d.deciding))
    areas = "; ".join(sorted({d.dimension for d in ranked[DISPUTES_SHOWN:] if not d.settled}))
    # The row says where the unlisted ones are, never that the votes are somewhere the client
    # cannot look (a deck sent as a PDF has no speaker notes).
    assert more[0] == f"+{hidden_open} more open ({areas}) and {hidden_settled} settled"
    assert "notes" not in more[0]
    assert all(d.question in slide.notes for d in talk.disputes)


def test_no_more_row_when_every_dispute_is_listed(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    assert story.workshop is not None
    few = story.workshop.disputes[:DISPUTES_SHOWN]
    slide = disputes_slide(story._replace(workshop=story.workshop._replace(disputes=few)))
    assert [row[0] for row in slide.rows] == [d.question for d in few]


def test_the_decisions_agree_as_many_priorities_as_they_list(northwind: Northwind) -> None:  # noqa: F811
    story, framework = northwind.story, northwind.framework
    for count in (len(story.priorities), 2, 1):
        slide = decisions_slide(
            story._replace(priorities=story.priorities[:count]), framework, MEETING, northwind.rate
        )
        assert slide is not None
        texts = [p.text for p in slide.points]
        listed = [t for t in texts if t.startswith("Agree P")]
        assert listed == [
            f"Agree P{n} · {p.title}" for n, p in enumerate(story.priorities[:count], 1)
        ]
        # Who and when; the effort and its cost are the priorities slide's, and in the notes.
        details = [p.detail for p in slide.points if p.text.startswith("Agree P")]
        assert details == [f"{p.owner}, {p.when}" for p in story.priorities[:count]]
        assert all(p.effort in slide.notes for p in story.priorities[:count])
        assert texts[1] == listed[0]


def test_the_funding_decision_carries_what_its_money_buys(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    slide = decisions_slide(story, northwind.framework, MEETING, northwind.rate)
    assert slide is not None
    ask = slide.points[0]
    # The decision in a line, as the headline slide's title says it.
    assert ask.text == (
        "Fund the first wave: about USD 10.03 million, Jan 2027 – May 2028, to reach department "
        "scale"
    )
    # The amount in the words of the report's key facts: "about" a rounded figure.
    assert story.ask is not None and story.ask.startswith("Fund now: about USD 10.03 million, ")
    # Below it, the report's tiers a line each, with its money: what the stage cannot do
    # without (the minimum and the high-severity fixes), what could wait.
    assert ask.detail.split("\n") == [
        "About USD 1.24 million is for the minimum department scale requires and about USD 4.55 "
        "million for 6 high-severity fixes and 1 live exposure contained until its lasting fix "
        "(from Dec 2027)",
        "About USD 4.24 million goes to improvements from Feb 2027 that could wait without "
        "delaying department scale",
    ]
    # The notes keep the report's sentences that ask for it, word for word.
    fund = story.headline.split(". ")[1] + "."
    assert fund.startswith("Fund") and funding(story) == [fund]
    assert slide.notes.splitlines()[0] == fund
    # A wave all of one part has no split: the decision stands alone.
    whole = decisions_slide(story._replace(split=None), northwind.framework, MEETING, None)
    assert whole is not None and whole.points[0].detail == ""
    # Without a rate, the ask is in person-months, as the report's key facts say it then.
    assert whole.points[0].text == (
        "Fund the first wave: 542 person-months, Jan 2027 – May 2028, to reach department scale"
    )


def test_the_funding_decision_is_found_wherever_the_headline_says_it(
    northwind: Northwind,  # noqa: F811
) -> None:
    story = northwind.story
    stage, fund, *_ = sentences(story.headline)
    # At the last stage the headline says more about the stage before it asks for money.
    longer = story._replace(
        headline=" ".join([stage, "The programme is for the rest of the stage's standard.", fund])
    )
    slide = decisions_slide(longer, northwind.framework, MEETING, northwind.rate)
    assert slide is not None
    assert slide.points[0].text == funding_ask(story, northwind.framework, northwind.rate)
    assert all("programme" not in p.text for p in slide.points)
    # Without a roadmap to date it, the report's sentence word for word.
    undated = decisions_slide(
        story._replace(roadmap=None), northwind.framework, MEETING, northwind.rate
    )
    assert undated is not None
    assert undated.points[0].text == fund
    # No funding sentence: nothing is invented.
    unfunded = decisions_slide(
        story._replace(headline=stage), northwind.framework, MEETING, northwind.rate
    )
    assert unfunded is not None
    assert unfunded.points[0].text.startswith("Agree P1 · ")


def test_the_target_date_is_a_decision_only_when_the_plan_misses_it(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    assert story.target_date is None and story.stage != story.target_stage
    slide = decisions_slide(story, northwind.framework, MEETING, northwind.rate)
    assert slide is not None
    # No route keeps Jun 2029 (no team size brings the target before May 2030): the decision
    # is the date the report proposes, the planned work with the deferred work it needs, said
    # with the report's own sentence from What it takes, word for word (it names the work and
    # its amount).
    target = next(p for p in slide.points if p.text.startswith("Decide the date"))
    assert target.text == (
        "Decide the date for enterprise scale: Dec 2030; no team size keeps Jun 2029"
    )
    takes = story.what_it_takes
    assert takes is not None and takes.to_target is not None and takes.choices is not None
    assert takes.earliest == "2030-12" and takes.choices.between < 2
    assert (
        "with 494.5 person-months (about USD 9.15 million) of work past the horizon"
        in target.detail
    )
    assert all("new date" not in p.text for p in slide.points)
    assert target.detail == takes.to_target
    assert takes.to_target in story.headline
    assert all(p.text != "Choose how to reach the target" for p in slide.points)
    unknown = story._replace(what_it_takes=takes._replace(to_target=None, choices=None))
    unknown_slide = decisions_slide(unknown, northwind.framework, MEETING, northwind.rate)
    assert unknown_slide is not None
    assert next(
        p for p in unknown_slide.points if p.text == "Choose how to reach the target"
    ).detail == (
        f"The planned work does not reach {story.target_stage.lower()} by {story.target_by}"
    )
    # Reached in time, nothing short at the deadline: no options, no decision on the target.
    reached = decisions_slide(
        story._replace(target_date="Jun 2029", what_it_takes=takes._replace(choices=None)),
        northwind.framework,
        MEETING,
        northwind.rate,
    )
    assert reached is not None
    assert all(p.text != "Choose how to reach the target" for p in reached.points)


def test_a_dispute_session_is_asked_for_while_disputes_are_open(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    assert story.workshop is not None
    slide = decisions_slide(story, northwind.framework, MEETING, northwind.rate)
    assert slide is not None
    session = slide.points[-1]
    assert session.text == (
        f"Hold the session that settles the {story.workshop.open_disputes} open disputes by "
        "29 December 2026"
    )
    # Northwind's stage waits on monitoring, which the session settled: no open dispute decides it.
    assert not any(d.deciding and not d.settled for d in story.workshop.disputes)
    assert session.detail == "each names the evidence that settles it"
    disputes = list(story.workshop.disputes)
    first = next(n for n, d in enumerate(disputes) if not d.settled)
    disputes[first] = disputes[first]._replace(deciding=True)
    deciding = decisions_slide(
        story._replace(workshop=story.workshop._replace(disputes=tuple(disputes))),
        northwind.framework,
        MEETING,
        northwind.rate,
    )
    assert deciding is not None
    assert deciding.points[-1].detail == (
        "1 of them decides the stage; each names the evidence that settles it"
    )
    assert story.what_it_takes is not None
    quiet = decisions_slide(
        story._replace(
            workshop=None,
            priorities=(),
            target_date="Jun 2029",
            what_it_takes=story.what_it_takes._replace(choices=None),
        ),
        northwind.framework,
        MEETING,
        northwind.rate,
    )
    assert quiet is None


def test_every_next_step_has_a_date(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    slide = closing_slide(story, northwind.framework, northwind.assessment, dt.date(2026, 12, 15))
    first = story.priorities[0]
    # Northwind's only milestone is the end of the plan, years away: not a next step.
    assert [(s.text, s.detail) for s in slide.left.points] == [
        (
            f"Owners confirm the people for the {len(story.priorities)} priorities",
            "by 29 December 2026",
        ),
        (f"P1 starts: {first.title}", f"{first.owner}, {first.when}"),
        ("Hold the dispute session and record the levels it settles", "by 29 December 2026"),
        ("Re-assess to measure progress", f"{northwind.assessment.assessor}, Mar 2027"),
    ]
    # The priority that starts first is the next step, whatever its number (Northwind's P1
    # begins with P2, in Jan 2027, and before P3).
    assert story.roadmap is not None
    starts = {b.title: b.start_month for lane in story.roadmap.lanes for b in lane.bars}
    assert starts[first.title] < starts[story.priorities[2].title]
    later = story._replace(priorities=(story.priorities[2], first))
    steps = closing_slide(later, northwind.framework, northwind.assessment, dt.date(2026, 12, 15))
    assert steps.left.points[1].text == f"P2 starts: {first.title}"
    # The people are confirmed before the plan's first initiative starts (Jan 2027), however
    # late in the month the meeting is.
    assert story.roadmap is not None and story.roadmap.first == "2027-01"
    late = closing_slide(story, northwind.framework, northwind.assessment, dt.date(2026, 12, 24))
    assert late.left.points[0].detail == "by 31 December 2026"
    # The method says how this framework scores: its answer points; and the stages in the
    # report's word, requirements.
    assert slide.right.points[0].text.endswith(
        "each answered 0 / 1 / 2 / 3 / 4 against a described level"
    )
    assert slide.right.points[-1].text.endswith(
        "each reached when its requirements are met (pilot to production today)"
    )
    assert not any("scores are met" in p.text for p in slide.right.points)


def test_a_target_stage_reached_with_levels_late_is_still_a_decision() -> None:
    # Helios reaches enterprise scale by its deadline, but a practice the target sets comes
    # later: the report gives the options, and the committee chooses among them.
    helios = example(ROOT / "examples" / "helios-energy")
    story = helios.story
    takes = story.what_it_takes
    assert story.target_date is not None and takes is not None and takes.choices is not None
    slide = decisions_slide(story, helios.framework, MEETING, helios.rate)
    assert slide is not None
    # Two routes (keep the plan and meet it in Apr 2029, or keep Dec 2028 with more people):
    # a slide of their own, side by side, the report's words, each with its cost.
    assert takes.choices.between == 2
    assert all("Option" not in p.detail for p in slide.points)
    assert "the next slide sets the two options side by side" in slide.notes
    options = options_slide(story)
    assert options is not None
    assert options.title == "Also decide today: how to reach the target"
    assert (options.left.heading, options.right.heading) == ("Option A", "Option B")
    assert [p.text for p in options.left.points] == [
        "Keep the plan, its team and its cost; the target is met in Apr 2029."
    ]
    assert [p.text for p in options.right.points] == [
        "Keep Dec 2028 with 4 people added from Jan 2027 (a team of 18 people): the same work, "
        "done sooner.",
        "It moves 18 person-months (EUR 189,000) into the months to Dec 2028: “Evaluate every "
        "generative AI application on a maintained test set before release”.",
    ]
    assert options.notes.split("\n")[1:3] == list(takes.choices.options[:2])
    # One route only: no slide of options.
    single = takes.choices._replace(between=1)
    assert options_slide(story._replace(what_it_takes=takes._replace(choices=single))) is None


def test_the_notes_say_what_the_amounts_count_and_what_runs_beside_the_ask(
    northwind: Northwind,  # noqa: F811
) -> None:
    story = northwind.story
    slide = decisions_slide(story, northwind.framework, MEETING, northwind.rate)
    assert slide is not None
    assert story.funding_notes and story.overlap is not None
    assert "software, cloud and contingency not included" in slide.notes
    assert all(note in slide.notes for note in story.funding_notes)
    assert story.overlap in slide.notes
