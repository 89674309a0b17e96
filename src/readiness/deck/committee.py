"""The deck's slides about what the steering committee settles: where leadership still
disagrees, and the decisions and next steps it is asked for.

The priorities, disputes, target and dates are the story's (`readiness.report.story`); this
module only lays them out and counts them, so a slide never promises more than it lists.
"""

from __future__ import annotations

import datetime as dt

from readiness.deck.ask import funding, funding_ask, sentences, split_lines
from readiness.deck.slides import Column, Point, TableSlide, TextSlide, TwoColumnSlide
from readiness.model import Assessment, Framework, format_number
from readiness.report.cost import Rate
from readiness.report.story import Priority, Story
from readiness.report.words import long_date, month_name, plural, upper_first

CONFIRM_DAYS = 14
"""Days after the meeting by which the owners confirm their people (sooner when the plan's
first initiative starts before then: the day before it)."""
REASSESS_DAYS = 91
"""Days after the meeting to the re-assessment: the next quarter."""
MILESTONE_MONTHS = 12
"""How far into the plan a milestone still counts as a next step."""
DISPUTES_SHOWN = 5
"""Disputes listed on the slide (open ones first); the rest are counted, all in the notes."""


def disputes_slide(story: Story) -> TableSlide:
    """The questions leadership answered far apart, open ones first, and how many more there are."""
    talk = story.workshop
    assert talk is not None
    # Open disputes the stage turns on first, then other open ones, then settled ones.
    ranked = sorted(talk.disputes, key=lambda d: (d.settled, not d.deciding))
    shown = ranked[:DISPUTES_SHOWN]
    rows = [
        (
            d.question,
            f"{d.low}: {', '.join(d.low_voters)}",
            f"{d.high}: {', '.join(d.high_voters)}",
            "settled" if d.settled else "open, decides the stage" if d.deciding else "open",
        )
        for d in shown
    ]
    rest = ranked[DISPUTES_SHOWN:]
    if rest:
        still_open = sum(not d.settled for d in rest)
        # Where the disputes not listed are, so the committee sees every one is accounted for.
        areas = "; ".join(sorted({d.dimension for d in rest if not d.settled}))
        parts = [f"{still_open} more open ({areas})"] if still_open else []
        if still_open < len(rest):
            parts.append(f"{len(rest) - still_open} settled")
        rows.append((f"+{' and '.join(parts)}", "", "", ""))
    notes = [talk.sentence, talk.consensus]
    notes += [
        f"{d.question} Votes: {'; '.join(d.votes)}. {d.value} To settle it: {d.evidence}"
        for d in talk.disputes
    ]
    return TableSlide(
        f"Where leadership disagrees: {plural(talk.open_disputes, 'question')} still open"
        if talk.open_disputes
        else "Where leadership disagreed: every question settled",
        ("Question", "Lowest vote", "Highest vote", "Status"),
        tuple(rows),
        (3.2, 2.0, 2.0, 0.8),
        "\n".join(notes),
    )


def closing_slide(
    story: Story, framework: Framework, assessment: Assessment, generated: dt.date
) -> TwoColumnSlide:
    """How the assessment was made, beside the next steps: each dated, with who does it."""
    manifest = framework.manifest
    scale = manifest.scale
    method = [
        Point(
            f"{len(framework.questions())} practices in {len(framework.dimensions)} dimensions, "
            "each answered "
            + " / ".join(format_number(p) for p in scale.points())
            + " against a described level"
        )
    ]
    if all(d.aggregate == "sum" for d in framework.dimensions):
        method.append(
            Point(
                "A dimension's score is the sum of its practices; the overall score "
                + ("is the weakest dimension" if manifest.aggregate == "min" else "combines them")
            )
        )
    method.append(
        Point(
            "Stages: "
            + " → ".join(s.title for s in manifest.stages)
            + f", each reached when its requirements are met ({story.stage.lower()} today)"
        )
    )
    return TwoColumnSlide(
        "Next steps, and how the assessment was made",
        Column("Next steps", tuple(_next_steps(story, assessment, generated))),
        Column("How we assessed", tuple(method)),
        f"Assessment of {assessment.period} dated {long_date(assessment.date)} by "
        f"{assessment.assessor}, against {manifest.title} {manifest.version}.",
    )


def _next_steps(story: Story, assessment: Assessment, generated: dt.date) -> list[Point]:
    """What happens after the meeting, each with its date and who does it: the priorities
    staffed, the first one started, the first milestone, the dispute session, the re-assessment."""
    steps = []
    confirm = long_date(_confirm_by(story, generated))
    if story.priorities:
        number, first = _first_to_start(story)
        steps.append(
            Point(
                f"Owners confirm the people for the {plural(len(story.priorities), 'priority', 'priorities')}"
                if len(story.priorities) > 1
                else "The owner confirms the people for the priority",
                f"by {confirm}",
            )
        )
        steps.append(Point(f"P{number} starts: {first.title}", f"{first.owner}, {first.when}"))
    milestones = story.roadmap.milestones if story.roadmap else ()
    # The first milestone is a next step when it falls within the coming year.
    soon = [m for m in milestones if m.month <= MILESTONE_MONTHS]
    if soon:
        steps.append(Point(soon[0].title, soon[0].when))
    if story.workshop is not None and story.workshop.open_disputes:
        steps.append(
            Point("Hold the dispute session and record the levels it settles", f"by {confirm}")
        )
    again = generated + dt.timedelta(days=REASSESS_DAYS)
    steps.append(
        Point(
            "Re-assess to measure progress",
            f"{assessment.assessor}, {month_name(f'{again.year}-{again.month:02d}')}",
        )
    )
    return steps


def _confirm_by(story: Story, generated: dt.date) -> dt.date:
    """The day the owners confirm their people: `CONFIRM_DAYS` after the meeting, or the day
    before the plan's first initiative starts when that comes sooner (never before the
    meeting)."""
    by = generated + dt.timedelta(days=CONFIRM_DAYS)
    roadmap = story.roadmap
    bars = [b for lane in roadmap.lanes for b in lane.bars] if roadmap else []
    if roadmap is None or not bars:
        return by
    year, month = (int(part) for part in roadmap.first.split("-"))
    start_year, start_month = divmod(year * 12 + month - 1 + min(b.start_month for b in bars), 12)
    before_start = dt.date(start_year, start_month + 1, 1) - dt.timedelta(days=1)
    return max(generated, min(by, before_start))


def options_slide(story: Story) -> TwoColumnSlide | None:
    """The two routes to the target the report gives (`routes.Choices`), side by side after
    the decisions: each its sentences a point, when it is met, its team and what it costs;
    None unless there are two to choose between."""
    takes = story.what_it_takes
    choices = takes.choices if takes is not None else None
    if choices is None or choices.between != 2:
        return None
    columns = []
    for option in choices.options[:2]:
        name, _, said = option.partition(": ")
        columns.append(Column(name, tuple(Point(upper_first(s)) for s in sentences(said))))
    notes = [choices.standing, *choices.options, choices.summary]
    return TwoColumnSlide(
        "Also decide today: how to reach the target", columns[0], columns[1], "\n".join(notes)
    )


def _first_to_start(story: Story) -> tuple[int, Priority]:
    """The priority that starts first (the lower number on a tie), with its number: P1 is the
    most pressing, not always the first to begin."""
    starts = (
        {b.title: b.start_month for lane in story.roadmap.lanes for b in lane.bars}
        if (story.roadmap)
        else {}
    )
    numbered = list(enumerate(story.priorities, start=1))
    return min(numbered, key=lambda item: (starts.get(item[1].title, 0), item[0]))


def decisions_slide(
    story: Story, framework: Framework, generated: dt.date, rate: Rate | None
) -> TextSlide | None:
    """What the committee must decide today: the funding the report asks for (in a line, with
    what its money buys a line per part), the priorities it agrees (as many as the story has,
    each with its owner), how to reach the target when the plan does not reach it in time (the
    report's options), and the session that settles the open disputes, by the date the next
    steps give it (the meeting on `generated`); None when there is nothing to decide."""
    points = _decisions(story, framework, generated, rate)
    if not points:
        return None
    notes = [f"{p.text}: {p.detail}" if p.detail else p.text for p in points]
    # The report's funding sentences in full (the slide says them in a line).
    notes[:0] = funding(story) if story.priorities else []
    # The slide leaves each priority's effort and cost to the priorities slide; the notes keep it.
    notes += [f"P{n}: {p.effort}" for n, p in enumerate(story.priorities, start=1)]
    # What the amounts count and what the plan spends beside the ask, as What it takes says it.
    notes += [*story.funding_notes, *([story.overlap] if story.overlap else [])]
    if options_slide(story) is not None:
        notes.append(
            "Then how to reach the target: the next slide sets the two options side by side."
        )
    return TextSlide("What the committee decides today", tuple(points), "\n".join(notes))


def _decisions(
    story: Story, framework: Framework, generated: dt.date, rate: Rate | None
) -> list[Point]:
    """The decisions of `decisions_slide`, each priority a point of its own."""
    steps = []
    if story.priorities:
        # The report's funding decision: in a line with its split below it, as the headline
        # slide's title says it; without a roadmap to date it, the headline's sentences that
        # ask for it, word for word.
        ask = funding_ask(story, framework, rate)
        steps += (
            [Point(ask, "\n".join(split_lines(story)))]
            if ask
            else [Point(sentence) for sentence in funding(story)]
        )
        # Each priority as the other slides number it, with its owner and months (its effort
        # and cost are the priorities slide's): a line each, so the slide fits at 14 pt.
        steps += [
            Point(f"Agree P{n} · {p.title}", f"{p.owner}, {p.when}")
            for n, p in enumerate(story.priorities, start=1)
        ]
    takes = story.what_it_takes
    missed = story.stage != story.target_stage and story.target_date is None
    choices = takes.choices if takes is not None else None
    # Two routes to choose between are the decision of the slide after this one
    # (`options_slide`), side by side with what each costs: here they made every line 14 pt.
    routes = choices is not None and choices.between == 2
    if (missed or choices is not None) and not routes:
        # The report's options for the target (its stage not reached, or reached with levels
        # short at the deadline), as What it takes says them; the committee chooses.
        aim = story.target_stage.lower() + (f" by {story.target_by}" if story.target_by else "")
        if choices is not None and story.target_by and takes is not None and takes.earliest:
            # No team size keeps the deadline: the decision is the date the report proposes
            # (the planned work with the deferred work it needs), as its summary says it.
            steps.append(
                Point(
                    f"Decide the date for {story.target_stage.lower()}: "
                    f"{month_name(takes.earliest)}; no team size keeps {story.target_by}",
                    takes.to_target or choices.summary,
                )
            )
        else:
            steps.append(
                Point(
                    "Choose how to reach the target",
                    takes.to_target
                    if takes is not None and takes.to_target
                    else choices.summary
                    if choices is not None
                    else f"The planned work does not reach {aim}",
                )
            )
    talk = story.workshop
    if talk is not None and talk.open_disputes:
        deciding = sum(d.deciding and not d.settled for d in talk.disputes)
        steps.append(
            Point(
                "Hold the session that settles the "
                + plural(talk.open_disputes, "open dispute")
                + f" by {long_date(_confirm_by(story, generated))}",
                (
                    f"{deciding} of them {'decides' if deciding == 1 else 'decide'} the stage; "
                    if deciding
                    else ""
                )
                + "each names the evidence that settles it",
            )
        )
    return steps
