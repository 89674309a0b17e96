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
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.progress import counted_achievements
from readiness.report.provisional import RestingAnswer, resting_answers
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
from readiness.report.words import lower_first, month_name, owner_words, score_shown
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
    "RestingAnswer",
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
    provisional: tuple[RestingAnswer, ...]
    """The disputed answers today's stage rests on (empty when it rests on none)."""
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
    progress: Progress | None, framework: Framework, disputed: frozenset[str], words: Translator
) -> Change | None:
    if progress is None or progress.latest is None:
        return None
    c = progress.latest
    achieved = counted_achievements(progress, framework, disputed)
    digits = 2 if any(d.aggregate == "sum" for d in framework.dimensions) else 1
    improved = sum(1 for d in c.dimensions if (d.delta or 0) > 0)
    declined = sum(1 for d in c.dimensions if (d.delta or 0) < 0)
    _ = words.gettext
    counts = [
        words.ngettext(
            "%(improved)s of %(num)s dimension improved",
            "%(improved)s of %(num)s dimensions improved",
            len(c.dimensions),
            improved=improved,
        )
    ]
    if declined:
        # TRANSLATORS: one of the counts listed after "Since <period> ... :", e.g. "1 declined"
        # (dimensions).
        counts.append(words.ngettext("%(num)s declined", "%(num)s declined", declined))
    counts.append(
        words.ngettext("%(num)s initiative achieved", "%(num)s initiatives achieved", len(achieved))
    )
    listed = ", ".join(counts)
    if c.slipped:
        # TRANSLATORS: %(done)s is the list of counts before it, e.g. "3 of 5 dimensions
        # improved, 2 initiatives achieved"; %(num)s counts initiatives.
        listed = words.ngettext(
            "%(done)s and %(num)s slipped",
            "%(done)s and %(num)s slipped",
            len(c.slipped),
            done=listed,
        )
    names = {
        "period": c.baseline_period,
        "organization": progress.organization,
        "before": c.stage_before_title,
        "after": c.stage_after_title,
        "counts": listed,
    }
    if c.stage_change == "up":
        sentence = _(
            "Since %(period)s %(organization)s has moved up a stage, from “%(before)s” to "
            "“%(after)s”: %(counts)s.",
            **names,
        )
    elif c.stage_change == "down":
        sentence = _(
            "Since %(period)s %(organization)s has fallen back a stage, from “%(before)s” to "
            "“%(after)s”: %(counts)s.",
            **names,
        )
    else:
        sentence = _(
            "Since %(period)s %(organization)s has stayed at the “%(after)s” stage: %(counts)s.",
            **names,
        )
    if c.slipped:
        late = c.slipped[0]
        sentence += " " + words.ngettext(
            "Most overdue: %(initiative)s, %(num)s month late.",
            "Most overdue: %(initiative)s, %(num)s months late.",
            late.months_late,
            initiative=lower_first(late.title),
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
            Slip(
                s.title,
                owner_words(s.owner, framework),
                month_name(s.planned_end, words),
                s.months_late,
            )
            for s in c.slipped
        ),
    )


def _workshop(
    view: WorkshopView | None, framework: Framework, words: Translator
) -> Workshop | None:
    if view is None or not view.voted:
        return None
    spreads = [d for d in view.dimensions if d.spread is not None]
    agreed = sorted(spreads, key=lambda d: (d.disputed, d.spread or 0.0))
    calm = [d.title for d in agreed if d.disputed == 0][:2]
    agreed_count = view.voted - view.disputed
    # Agreement is defined where it is counted: votes closer than the dispute threshold.
    within = (
        words.gettext("within one level of each other")
        if view.dispute_threshold == 2
        else words.gettext(
            "less than %(apart)s levels apart", apart=format_number(view.dispute_threshold)
        )
    )
    if calm:
        areas = (
            calm[0]
            if len(calm) == 1
            # TRANSLATORS: two dimension titles.
            else words.gettext("%(first)s and %(second)s", first=calm[0], second=calm[1])
        )
        consensus = words.ngettext(
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s question, and on "
            "every question of %(areas)s.",
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s questions, and on "
            "every question of %(areas)s.",
            view.voted,
            agreed=agreed_count,
            areas=areas,
            within=within,
        )
    else:
        consensus = words.ngettext(
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s question.",
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s questions.",
            view.voted,
            agreed=agreed_count,
            within=within,
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
    if not view.disputed:
        sentence = words.ngettext(
            "%(voters)s leaders voted on %(num)s questions and agreed on every one.",
            "%(voters)s leaders voted on %(num)s questions and agreed on every one.",
            view.voted,
            voters=voters,
        )
    else:
        clauses = [
            words.ngettext(
                "%(voters)s leaders voted on %(voted)s questions and disagreed on %(num)s question",
                "%(voters)s leaders voted on %(voted)s questions and disagreed on %(num)s "
                "questions",
                view.disputed,
                voters=voters,
                voted=view.voted,
            )
        ]
        if settled:
            clauses.append(
                # TRANSLATORS: a clause of the workshop sentence; %(num)s counts disputed
                # questions the workshop agreed a level for.
                words.ngettext("the room settled %(num)s", "the room settled %(num)s", settled)
            )
        if open_count:
            clauses.append(
                words.ngettext(
                    # The agenda's order (furthest apart, then most scattered) picks the area:
                    # "widest" would be wrong when a settled question spread further.
                    "%(num)s stays open until the evidence settles it (first to discuss: %(area)s)",
                    "%(num)s stay open until the evidence settles them (first to discuss: "
                    "%(area)s)",
                    open_count,
                    area=lower_first(disputes[0].dimension),
                )
            )
        # TRANSLATORS: clauses already translated, joined by semicolons, ended as a sentence.
        sentence = words.gettext("%(clauses)s.", clauses="; ".join(clauses))
    return Workshop(
        voters=voters,
        questions=view.voted,
        consensus=consensus,
        disputes=tuple(disputes),
        open_disputes=open_count,
        sentence=sentence,
    )


def _effort(plan: Plan | None, words: Translator) -> str | None:
    if plan is None or not plan.initiatives:
        return None
    person_months = sum(i.effort_fte * i.duration_months for i in plan.initiatives)
    peak = 0.0
    for month in range(plan.months):
        load = sum(i.effort_fte for i in plan.initiatives if i.start_month <= month < i.end_month)
        peak = max(peak, load)
    people = math.ceil(peak - 1e-9)
    return words.ngettext(
        "about %(work)s person-months of work over %(months)s months, at most %(num)s person "
        "at once",
        "about %(work)s person-months of work over %(months)s months, at most %(num)s people "
        "at once",
        people,
        work=format(round(person_months), ","),
        months=plan.months,
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
    words: Translator = ENGLISH,
) -> Story:
    """The report's story from the models (pure; same models, same story), in the language
    of `words`."""
    _ = words.gettext
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
    grouped = themes(results, framework, plan, scorecard, words)
    wave = first_wave(plan)
    chosen = priorities(wave, grouped, plan, framework, words)
    roadmap = roadmap_story(plan, framework, chosen, words) if plan else None
    takes = what_it_takes(framework, scorecard, plan, name, words)
    target_date = None
    # Reaching the target stage = the gate of the target holds: the milestone of the stage
    # before it.
    before_target = manifest.stages[target_index - 1].id if target_index > 0 else None
    reach = next((m for m in plan.milestones if m.stage == before_target), None) if plan else None
    if reach is not None and reach.reachable:
        target_date = month_name(reach.date, words)
        if takes is not None:
            # The plan reaches the target: its date is the one claim; the solver's route (work
            # done alone, on its own schedule) would give a second, different date.
            takes = takes._replace(to_target=None)
    reached_target = framework.stage_index(scorecard.stage) >= target_index
    change = _change(progress, framework, disputed_answers(scorecard), words)
    talk = _workshop(workshop, framework, words)
    effort = _effort(plan, words)
    holds_back = grouped[0].title if grouped else None
    resting = resting_answers(framework, assessment, scorecard, words)

    headline = [
        _(
            "%(organization)s has reached the %(stage)s stage.",
            organization=name,
            stage=stage.lower(),
        )
        if not resting
        else _(
            "%(organization)s has reached the %(stage)s stage, provided the disputed answer on "
            "%(practice)s stands.",
            organization=name,
            stage=stage.lower(),
            practice=lower_first(resting[0].practice),
        )
        if len(resting) == 1
        else words.ngettext(
            "%(organization)s has reached the %(stage)s stage, provided %(num)s disputed answer "
            "stands.",
            "%(organization)s has reached the %(stage)s stage, provided %(num)s disputed answers "
            "stand.",
            len(resting),
            organization=name,
            stage=stage.lower(),
        )
    ]
    if reached_target:
        headline = [
            _(
                "%(organization)s has reached %(stage)s, the last stage of the path.",
                organization=name,
                stage=stage.lower(),
            )
        ]
    elif holds_back:
        area = lower_first(grouped[0].dimension)
        headline.append(
            _(
                "What holds it back most is %(area)s (%(finding)s).",
                area=area,
                finding=lower_first(holds_back),
            )
        )
    if chosen and not reached_target:
        headline.append(_("First: %(action)s.", action=lower_first(chosen[0].title)))
        headline.append(
            _reach(target.title, target_date, by, getattr(plan, "deadline_fits", None), words)
        )
        route = plan.what_it_takes.target if plan and plan.what_it_takes else None
        if target_date is None and route is not None and route.date and route.initiatives:
            headline.append(
                _(
                    "The least work that reaches it would end %(month)s at the earliest.",
                    month=month_name(route.date, words),
                )
            )
    summary: list[str] = [_provisional(resting, stage, words)] if resting else []
    # When the first action starts and what answers the blocker, with what the next stage
    # asks: one paragraph.
    opening = [takes.sentence] if takes is not None and takes.conditions else []
    if plan is not None and chosen and grouped and not reached_target:
        opening[:0] = _first_and_blocker(plan, chosen[0], grouped[0], words)
    if change is not None:
        summary.append(change.sentence)
    if talk is not None:
        summary.append(f"{talk.sentence} {talk.consensus}")
    if effort and plan:
        waves = len(roadmap.waves) if roadmap else 1
        count = len(plan.initiatives)
        in_waves = words.ngettext("%(num)s wave", "%(num)s waves", waves)
        summary.append(
            words.ngettext(
                "The roadmap holds %(num)s initiative in %(waves)s; the first has %(first)s.",
                "The roadmap holds %(num)s initiatives in %(waves)s; the first has %(first)s.",
                count,
                waves=in_waves,
                first=len(wave),
            )
            if waves > 1
            else words.ngettext(
                "The roadmap holds %(num)s initiative in one wave.",
                "The roadmap holds %(num)s initiatives in one wave.",
                count,
            )
        )
    if opening:
        # What the first action waits for and what the next stage asks: one paragraph, with
        # the roadmap's size when it is said.
        planned = summary.pop() if effort and plan else None
        summary.insert(1 if resting else 0, " ".join([*opening, *([planned] if planned else [])]))
    return Story(
        organization=name,
        period=assessment.period,
        headline=" ".join(headline),
        summary=tuple(summary),
        stage=stage,
        provisional=resting,
        next_stage=next_stage,
        target_stage=target.title,
        target_date=target_date,
        target_by=month_name(by, words) if isinstance(by, str) and by else None,
        effort=effort,
        holds_back=holds_back,
        change=change,
        workshop=talk,
        priorities=chosen,
        themes=grouped,
        standing=standing_rows(framework, scorecard, _target_levels(aim), words),
        strengths=strengths(framework, scorecard, words),
        roadmap=roadmap,
        what_it_takes=takes,
    )


def _first_and_blocker(
    plan: Plan, first: Priority, blocker: Theme, words: Translator
) -> tuple[str, ...]:
    """Why the first action starts when it does, and, when it does not answer the finding that
    holds the organization back most, which planned work does and when it starts."""
    _ = words.gettext
    by_title = {i.title: i for i in plan.initiatives}
    by_id = {i.id: i for i in plan.initiatives}
    item = by_title.get(first.title)
    if item is None:
        return ()
    said = []
    if item.start_month > 0:
        needed = [by_id[d].title for d in item.depends_on if d in by_id]
        said.append(
            _(
                "The first action starts %(month)s, once “%(prerequisite)s” is done.",
                month=month_name(item.start, words),
                prerequisite=needed[0],
            )
            if needed
            else _(
                "The first action starts %(month)s, when the team's capacity allows it.",
                month=month_name(item.start, words),
            )
        )
    rule = blocker.findings[0].rule if blocker.findings else ""
    if rule and not any(r.kind == "rule" and r.rule == rule for r in item.why):
        answer = next(
            (
                i
                for i in sorted(plan.initiatives, key=lambda i: i.start_month)
                if any(r.kind == "rule" and r.rule == rule for r in i.why)
            ),
            None,
        )
        finding = blocker.findings[0].title
        said.append(
            _(
                "What holds it back most (“%(finding)s”) is answered by “%(initiative)s”, "
                "starting %(month)s.",
                finding=finding,
                initiative=answer.title,
                month=month_name(answer.start, words),
            )
            if answer is not None
            else _("No planned work answers “%(finding)s” yet.", finding=finding)
        )
    return (" ".join(said),) if said else ()


def _provisional(resting: Sequence[RestingAnswer], stage: str, words: Translator) -> str:
    """Why the stage is provisional (the evidence that settles each answer, and the weighting
    where a respondent's weight decides it, are listed after it: `Story.provisional`)."""
    return words.ngettext(
        "%(stage)s is provisional: it holds only if leadership's disputed answer stands (were "
        "the lowest vote agreed, it would not). What settles it, first:",
        "%(stage)s is provisional: it holds only if these %(num)s answers leadership disputes "
        "stand (were the lowest vote agreed on any, it would not). What settles each, first:",
        len(resting),
        stage=stage,
    )


def priority_titles(story: Story) -> Sequence[str]:
    """The titles of the three priorities (for checks that they lead the first wave)."""
    return [p.title for p in story.priorities]


def _reach(target: str, when: str | None, by: object, fits: bool | None, words: Translator) -> str:
    """When the target stage is reached, said once against the client's target date."""
    _ = words.gettext
    deadline = month_name(by, words) if isinstance(by, str) and by else None
    if when is not None:
        if deadline is None or fits is None:
            return _("%(stage)s is within reach by %(month)s.", stage=target, month=when)
        return (
            _(
                "%(stage)s is within reach by %(month)s, which meets the %(deadline)s target.",
                stage=target,
                month=when,
                deadline=deadline,
            )
            if fits
            else _(
                "%(stage)s is within reach by %(month)s, but not everything the %(deadline)s "
                "target asks is in place by then.",
                stage=target,
                month=when,
                deadline=deadline,
            )
        )
    if deadline is None:
        return _("The planned work does not yet reach %(stage)s.", stage=target.lower())
    return _(
        "The planned work does not yet reach %(stage)s, the target for %(deadline)s.",
        stage=target.lower(),
        deadline=deadline,
    )
