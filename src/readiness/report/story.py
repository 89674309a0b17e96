"""What the report says, as plain records: the story every presentation renders.

`build_story` reads the models (scorecard, findings, plan, progress, workshop) and returns a
`Story`: the headline, the summary sentences, the 3-5 themes that group the findings, the three
priorities (first-wave actions), where the organization stands, the roadmap in lanes and
milestones, progress since the last period, where leadership agrees and disagrees, and what it
takes to reach the next stage. It knows nothing of HTML, PDF or slides: the report's templates
and the deck read the same records, so the documents never disagree. Every sentence is built
from the client's data; the words are plain (no ids, no conditions, no file formats).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from readiness.model import Assessment, Framework, format_number
from readiness.plan.records import Plan
from readiness.progress import Progress
from readiness.report.progress import counted_achievements
from readiness.report.reading import disputed_answers
from readiness.report.standing import (
    Practice,
    StandingRow,
    Strength,
    standing_rows,
    strengths,
)
from readiness.report.story_plan import (
    Lane,
    LaneBar,
    Milestone,
    Priority,
    RoadmapStory,
    Theme,
    ThemeFinding,
    first_wave,
    priorities,
    roadmap_story,
    status_word,
    themes,
)
from readiness.report.takes import Condition, WhatItTakes, what_it_takes
from readiness.report.words import lower_first, month_name, owner_words, plural, score_shown
from readiness.rules import RuleResults
from readiness.score import Scorecard
from readiness.workshop import WorkshopView

__all__ = [
    "Change",
    "Condition",
    "Dispute",
    "Lane",
    "LaneBar",
    "Milestone",
    "Practice",
    "Priority",
    "RoadmapStory",
    "Slip",
    "StandingRow",
    "Story",
    "Strength",
    "Theme",
    "ThemeFinding",
    "WhatItTakes",
    "Workshop",
    "build_story",
    "status_word",
]


class Slip(NamedTuple):
    """An initiative that was due by now and is not achieved."""

    title: str
    owner: str
    due: str
    months_late: int


class Change(NamedTuple):
    """What changed since the last period."""

    baseline_period: str
    sentence: str
    stage_moved: str | None
    """"up", "down" or None."""
    score_before: str
    score_after: str
    improved: int
    declined: int
    achieved: tuple[str, ...]
    slipped: tuple[Slip, ...]


class Dispute(NamedTuple):
    """A question leadership answered far apart, and what would settle it."""

    question: str
    dimension: str
    low: str
    high: str
    low_voters: tuple[str, ...]
    high_voters: tuple[str, ...]
    settled: bool
    evidence: str


class Workshop(NamedTuple):
    """Where leadership agrees and where it does not."""

    voters: int
    questions: int
    consensus: str
    disputes: tuple[Dispute, ...]
    open_disputes: int
    sentence: str


class Story(NamedTuple):
    """Everything the report says, in the order a reader needs it."""

    organization: str
    period: str
    headline: str
    summary: tuple[str, ...]
    stage: str
    next_stage: str | None
    target_stage: str
    target_date: str | None
    """When the plan reaches the target stage (month and year); None when it does not."""
    target_by: str | None
    """The deadline the client set (slot: filled by the target record when the plan has it)."""
    effort: str | None
    """The whole plan's effort in plain words."""
    holds_back: str | None
    change: Change | None
    workshop: Workshop | None
    priorities: tuple[Priority, ...]
    themes: tuple[Theme, ...]
    standing: tuple[StandingRow, ...]
    strengths: tuple[Strength, ...]
    roadmap: RoadmapStory | None
    what_it_takes: WhatItTakes | None


def _change(
    progress: Progress | None, framework: Framework, disputed: frozenset[str]
) -> Change | None:
    if progress is None or progress.latest is None:
        return None
    c = progress.latest
    achieved = counted_achievements(progress, framework, disputed)
    digits = 2 if any(d.aggregate == "sum" for d in framework.dimensions) else 1
    improved = sum(1 for d in c.dimensions if (d.delta or 0) > 0)
    declined = sum(1 for d in c.dimensions if (d.delta or 0) < 0)
    if c.stage_change == "up":
        sentence = (
            f"Since {c.baseline_period} {progress.organization} has moved up a stage, from "
            f"“{c.stage_before_title}” to “{c.stage_after_title}”"
        )
    elif c.stage_change == "down":
        sentence = (
            f"Since {c.baseline_period} {progress.organization} has fallen back a stage, from "
            f"“{c.stage_before_title}” to “{c.stage_after_title}”"
        )
    else:
        sentence = (
            f"Since {c.baseline_period} {progress.organization} has stayed at the "
            f"“{c.stage_after_title}” stage"
        )
    sentence += (
        f": {improved} of {len(c.dimensions)} dimensions improved"
        + (f", {declined} declined" if declined else "")
        + f", {plural(len(achieved), 'initiative')} achieved"
        + (f" and {len(c.slipped)} slipped" if c.slipped else "")
        + "."
    )
    if c.slipped:
        late = c.slipped[0]
        sentence += (
            f" Most overdue: {lower_first(late.title)}, {plural(late.months_late, 'month')} late."
        )

    return Change(
        baseline_period=c.baseline_period,
        sentence=sentence,
        stage_moved=c.stage_change,
        score_before=score_shown(c.score_before, digits),
        score_after=score_shown(c.score_after, digits),
        improved=improved,
        declined=declined,
        achieved=tuple(a.title for a in achieved),
        slipped=tuple(
            Slip(s.title, owner_words(s.owner, framework), month_name(s.planned_end), s.months_late)
            for s in c.slipped
        ),
    )


def _workshop(view: WorkshopView | None, framework: Framework) -> Workshop | None:
    if view is None or not view.voted:
        return None
    spreads = [d for d in view.dimensions if d.spread is not None]
    agreed = sorted(spreads, key=lambda d: (d.disputed, d.spread or 0.0))
    calm = [d.title for d in agreed if d.disputed == 0][:2]
    consensus = f"Leadership agrees on {view.voted - view.disputed} of {view.voted} questions" + (
        f", and on every question of {' and '.join(calm)}." if calm else "."
    )
    scale = framework.manifest.scale
    disputes = []
    for item in (*view.agenda, *view.settled):
        cast = [v for v in item.votes if v.vote is not None]
        if not cast:
            continue
        low = min(v.vote for v in cast if v.vote is not None)
        high = max(v.vote for v in cast if v.vote is not None)
        disputes.append(
            Dispute(
                question=item.text,
                dimension=item.dimension_title,
                low=f"{format_number(low)} · {scale.label(low)}",
                high=f"{format_number(high)} · {scale.label(high)}",
                low_voters=tuple(v.label for v in cast if v.vote == low),
                high_voters=tuple(v.label for v in cast if v.vote == high),
                settled=item.consensus is not None,
                evidence=item.evidence,
            )
        )
    open_count = len(view.agenda) + len(view.left_off)
    settled = len(view.settled)
    voters = len(view.respondents)
    sentence = f"{voters} leaders voted on {view.voted} questions"
    if not view.disputed:
        sentence += " and agreed on every one."
    else:
        sentence += f" and disagreed on {plural(view.disputed, 'question')}"
        if settled:
            sentence += f"; the room settled {settled}"
        if open_count:
            sentence += (
                f"; {open_count} {'stays' if open_count == 1 else 'stay'} open until the "
                "evidence settles them, "
                f"the widest on {lower_first(disputes[0].dimension)}."
            )
        else:
            sentence += "."
    return Workshop(
        voters=voters,
        questions=view.voted,
        consensus=consensus,
        disputes=tuple(disputes),
        open_disputes=open_count,
        sentence=sentence,
    )


def _effort(plan: Plan | None) -> str | None:
    if plan is None or not plan.initiatives:
        return None
    person_months = sum(i.effort_fte * i.duration_months for i in plan.initiatives)
    peak = 0.0
    for month in range(plan.months):
        load = sum(i.effort_fte for i in plan.initiatives if i.start_month <= month < i.end_month)
        peak = max(peak, load)
    return (
        f"about {round(person_months):,} person-months of work over {plan.months} months, "
        f"at most {math.ceil(peak - 1e-9)} people at once"
    )


def _target_levels(aim: object) -> dict[str, float]:
    """The target level of each dimension, when the plan carries the client's target."""
    gaps = getattr(aim, "dimensions", ())
    return {
        str(g.dimension): float(g.target)
        for g in gaps
        if hasattr(g, "dimension") and hasattr(g, "target")
    }


def build_story(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    plan: Plan | None,
    *,
    progress: Progress | None = None,
    workshop: WorkshopView | None = None,
) -> Story:
    """The report's story from the models (pure; same models, same story)."""
    manifest = framework.manifest
    name = assessment.organization.name
    titles = {s.id: s.title for s in manifest.stages}
    stage = titles[scorecard.stage]
    next_stage = None if scorecard.next_stage is None else titles[scorecard.next_stage]
    # The client's target when the plan carries one (format 2.0), else the last stage.
    aim = getattr(plan, "target", None)
    target = next(
        (st for st in manifest.stages if st.id == getattr(aim, "stage", None)),
        manifest.stages[-1],
    )
    target_index = manifest.stages.index(target)
    by = getattr(aim, "by", None) or getattr(plan, "deadline", None)
    grouped = themes(results, framework, plan, scorecard)
    wave = first_wave(plan)
    chosen = priorities(wave, grouped, plan, framework)
    roadmap = roadmap_story(plan, framework, chosen) if plan else None
    takes = what_it_takes(framework, scorecard, plan, name)
    target_date = None
    # Reaching the target stage = the gate of the target holds: the milestone of the stage
    # before it.
    before_target = manifest.stages[target_index - 1].id if target_index > 0 else None
    reach = next((m for m in plan.milestones if m.stage == before_target), None) if plan else None
    if reach is not None and reach.reachable:
        target_date = month_name(reach.date)
    reached_target = framework.stage_index(scorecard.stage) >= target_index
    change = _change(progress, framework, disputed_answers(scorecard))
    talk = _workshop(workshop, framework)
    effort = _effort(plan)
    holds_back = grouped[0].title if grouped else None

    headline = f"{name} has reached the {stage.lower()} stage."
    if reached_target:
        headline = f"{name} has reached {stage.lower()}, the last stage of the path."
    elif holds_back:
        area = lower_first(grouped[0].dimension)
        headline += f" What holds it back most is {area} ({lower_first(holds_back)})."
    if chosen and not reached_target:
        headline += f" First: {lower_first(chosen[0].title)}."
        headline += _reach(target.title, target_date, by, getattr(plan, "deadline_fits", None))
        route = plan.what_it_takes.target if plan and plan.what_it_takes else None
        if target_date is None and route is not None and route.date and route.initiatives:
            headline += (
                f" The least work that reaches it would end {month_name(route.date)} "
                "at the earliest."
            )
    summary: list[str] = []
    if takes is not None and takes.conditions:
        summary.append(takes.sentence)
    if change is not None:
        summary.append(change.sentence)
    if talk is not None:
        summary.append(f"{talk.sentence} {talk.consensus}")
    if effort and plan:
        waves = len(roadmap.waves) if roadmap else 1
        summary.append(
            f"The roadmap holds {plural(len(plan.initiatives), 'initiative')} in "
            + (f"{plural(waves, 'wave')}; the first has {len(wave)}." if waves > 1 else "one wave.")
        )
    return Story(
        organization=name,
        period=assessment.period,
        headline=headline,
        summary=tuple(summary),
        stage=stage,
        next_stage=next_stage,
        target_stage=target.title,
        target_date=target_date,
        target_by=month_name(by) if isinstance(by, str) and by else None,
        effort=effort,
        holds_back=holds_back,
        change=change,
        workshop=talk,
        priorities=chosen,
        themes=grouped,
        standing=standing_rows(framework, scorecard, _target_levels(aim)),
        strengths=strengths(framework, scorecard),
        roadmap=roadmap,
        what_it_takes=takes,
    )


def priority_titles(story: Story) -> Sequence[str]:
    """The titles of the three priorities (for checks that they lead the first wave)."""
    return [p.title for p in story.priorities]


def _reach(target: str, when: str | None, by: object, fits: bool | None) -> str:
    """When the target stage is reached, said once against the client's target date."""
    deadline = month_name(by) if isinstance(by, str) and by else None
    if when is not None:
        if deadline is None or fits is None:
            return f" {target} is within reach by {when}."
        return (
            f" {target} is within reach by {when}, which meets the {deadline} target."
            if fits
            else f" {target} is within reach by {when}, but not everything the {deadline} "
            "target asks is in place by then."
        )
    if deadline is None:
        return f" The planned work does not yet reach {target.lower()}."
    return f" The planned work does not yet reach {target.lower()}, the target for {deadline}."
