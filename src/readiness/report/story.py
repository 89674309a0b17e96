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

from typing import NamedTuple

from readiness.model import Assessment, Framework
from readiness.plan.records import Plan
from readiness.progress import Progress
from readiness.report.cost import team_rate
from readiness.report.findings import finding_title
from readiness.report.funding import FundingSplit, split_funding
from readiness.report.funding_table import FundingRow, split_rows
from readiness.report.funding_words import split_notes, split_words
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.priorities import priorities
from readiness.report.provisional import RestingAnswer, provisional_words, resting_answers
from readiness.report.reading import disputed_answers, practice_names
from readiness.report.routes import horizon_end
from readiness.report.spend import YearRow, overlap_clause, overlap_of, overlap_words, spend_rows
from readiness.report.standard import below_counts, last_stage_standard, target_levels
from readiness.report.standing import (
    Practice,
    StandingRow,
    Strength,
    standing_rows,
    strengths,
)
from readiness.report.story_blocker import first_and_blocker, held_starts
from readiness.report.story_change import Change, Slip, story_change
from readiness.report.story_opening import (
    beyond_words,
    first_wave_ask,
    fund_first_wave,
    last_stage_words,
    late_levels,
    late_target_decision,
    reach_words,
)
from readiness.report.story_plan import (
    Lane,
    LaneBar,
    Milestone,
    Priority,
    RoadmapStory,
    plan_effort,
    roadmap_story,
    status_word,
)
from readiness.report.story_themes import Theme, ThemeFinding, themes
from readiness.report.story_workshop import Dispute, Workshop, story_workshop
from readiness.report.takes import Condition, WhatItTakes, target_complete, what_it_takes
from readiness.report.waves import plan_waves
from readiness.report.words import assessed_words, lower_first, month_name, upper_first
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


class Story(NamedTuple):
    """Everything the report says, in the order a reader needs it."""

    organization: str
    """The organization's name: whose report it is (the cover, the scope line)."""
    assessed: str
    """What was assessed, as running text, headings and titles name it: the organization, or
    when only a unit of it was assessed the unit's short name (`words.assessed_words`)."""
    subject: str
    """`assessed` opening a sentence (`The assessed unit`)."""
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
    funding: tuple[FundingRow, ...] = ()
    """The first wave's cost by purpose (`funding_table.split_rows`), for What it takes's
    table; empty when the wave is all one part."""
    split: str | None = None
    """The same in the headline's one sentence (`funding_words.split_words`), None when the wave is
    all one part."""
    funding_notes: tuple[str, ...] = ()
    """The lines under that table (`funding_words.split_notes`): the high-severity findings
    the wave leaves for later work, what the cost counts."""
    funding_split: FundingSplit | None = None
    """The first wave's work in parts (`funding.split_funding`), the one split the headline,
    What it takes's table and the list of every initiative's labels say; None without a
    plan."""
    ask: str | None = None
    """The first wave's ask for the key facts, the headline's figures: `Fund now: about USD
    10.03 million, Jan 2027 – May 2028` (person-months without a rate); None without a plan."""
    beside_ask: str | None = None
    """Under the ask in the key facts, what the plan spends beyond it in its months
    (`spend.overlap_clause`: `Later waves by Sep 2027: EUR 775,000`); None when
    no later work starts before the first wave ends."""
    whole_plan: str | None = None
    """The whole plan under it: `Whole plan: about EUR 3.08 million over 28 months, 11.5 FTE
    at peak`; when the target's date needs work past the horizon, the bill to that date
    (`Whole plan to Dec 2030: about USD 35.31 million (about USD 26.16 million by the horizon,
    Dec 2029), 50 people at peak`); None without a plan."""
    spend: tuple[YearRow, ...] = ()
    """The plan's person-months and cost by calendar year, then the whole plan
    (`spend.spend_rows`); empty without a plan or when it works in one year."""
    overlap: str | None = None
    """The later waves' work that starts while the first wave runs (`spend.overlap_words`)."""
    target_complete: str | None = None
    """When the target's stage is reached by its deadline but some level the target sets comes
    later: the month the last of them comes (`Apr 2029`), so the key facts do not show the
    target met; None otherwise."""
    target_later: str | None = None
    """When the planned work does not reach the target's stage: the month the work the plan
    defers past its horizon would bring it (`Mar 2030`); None otherwise."""


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
    # The verdict is about what was assessed: a unit when only a unit was.
    who = assessed_words(assessment.organization, words)
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
    grouped = themes(results, framework, plan, scorecard, assessment, words)
    waves = plan_waves(plan, framework) if plan is not None else ()
    wave = waves[0] if waves else None
    rate = team_rate(assessment)
    chosen = priorities(
        wave.initiatives if wave else (), grouped, plan, framework, scorecard, words, rate
    )
    chosen = held_starts(chosen, plan, framework, words) if plan is not None else chosen
    roadmap = roadmap_story(plan, framework, chosen, words) if plan else None
    takes = what_it_takes(framework, scorecard, plan, who, words, rate)
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
    options = plan.what_it_takes.options if plan is not None and plan.what_it_takes else None
    # Not reached by the planned work: the month the work it defers would bring it, for the
    # key facts (the headline says what that takes).
    later = (
        month_name(options.date, words)
        if target_date is None and options is not None and options.date and options.deferred
        else None
    )
    change = story_change(
        progress,
        framework,
        disputed_answers(scorecard),
        words,
        {i.id: i.end for i in plan.initiatives} if plan else {},
    )
    talk = story_workshop(workshop, assessment, framework, scorecard, words)
    effort = plan_effort(
        plan, words, rate, (later, horizon_end(plan, framework, words)) if plan and later else None
    )
    holds_back = grouped[0].title if grouped else None
    resting = resting_answers(framework, assessment, scorecard, words)

    headline = [
        _(
            "%(organization)s has reached the %(stage)s stage.",
            organization=upper_first(who),
            stage=stage,
        )
        if not resting
        else _(
            "%(organization)s has reached the %(stage)s stage, provided the disputed answer on "
            "%(practice)s stands.",
            organization=upper_first(who),
            stage=stage,
            practice=lower_first(resting[0].practice),
        )
        if len(resting) == 1
        else words.ngettext(
            "%(organization)s has reached the %(stage)s stage, provided %(num)s disputed answer "
            "stands.",
            "%(organization)s has reached the %(stage)s stage, provided %(num)s disputed answers "
            "stand.",
            len(resting),
            organization=upper_first(who),
            stage=stage,
        )
    ]
    # A re-assessment opens with what moved since the last period, the stage said with it.
    change_leads = change is not None and not resting and not reached_target
    if change is not None and change_leads:
        headline = [change.sentence]
    standard = last_stage_standard(framework, plan) if plan is not None and reached_target else None
    if reached_target:
        high = sum(1 for f in results.findings if f.severity == "high")
        headline = [
            last_stage_words(framework, standard, high, upper_first(who), words)
            if standard is not None
            else _(
                "%(organization)s meets every requirement of %(stage)s, the last stage of the path.",
                organization=upper_first(who),
                stage=manifest.stages[-1].title.lower(),
            )
        ]
    reached_by_wave = None
    funding: tuple[FundingRow, ...] = ()
    notes: tuple[str, ...] = ()
    said = None
    overlap = None
    ask = None
    split: FundingSplit | None = None
    if plan is not None and wave is not None:
        lead = chosen[0].title if chosen else None
        asked = first_wave_ask(plan, wave, rate, words)
        ask = _("Fund now: %(amount)s, %(span)s", amount=asked.amount, span=asked.span)
        fund, reached_by_wave = fund_first_wave(plan, wave, framework, lead, asked, words)
        headline.append(fund)
        split = split_funding(wave, plan, framework, assessment, scorecard, results)
        if split.waiting:
            # Named as the themes and every finding's list name them (a finding said from the
            # client's answer is titled by why its practice matters).
            fired = {f.rule: f for f in results.findings}
            split = split._replace(
                waiting=tuple(
                    w._replace(
                        title=finding_title(fired[w.rule], framework, scorecard, plan, words)
                    )
                    for w in split.waiting
                )
            )
        said = split_words(split, rate, words)
        headline += [said] if said else []
        overlap = overlap_of(waves)
        funding = split_rows(split, rate, words)
        notes = split_notes(split, rate, words)
    if not reached_target:
        fits = getattr(plan, "deadline_fits", None)
        if plan is not None and reached_by_wave == target.id and by and fits is not None:
            # The wave's sentence gave the date: only how it stands against the target is said.
            deadline = month_name(str(by), words)
            headline.append(
                _("That meets the %(deadline)s target.", deadline=deadline)
                if fits
                else (
                    late_target_decision(plan, framework, str(by), words)
                    or (
                        takes.choices.summary
                        if takes is not None and takes.choices is not None
                        else late_levels(framework, plan, str(by), deadline, words)
                    )
                )
            )
        elif reached_by_wave != target.id:
            headline.append(
                reach_words(
                    target.title,
                    target_date,
                    by,
                    fits,
                    words,
                    takes.earliest if takes is not None else None,
                    takes.choices if takes is not None else None,
                )
            )
    summary: list[str] = [provisional_words(resting, stage, words)] if resting else []
    # When the first action starts and what answers the blocker, with what the next stage
    # asks: one paragraph.
    opening = [takes.sentence] if takes is not None and takes.conditions else []
    if plan is not None and wave is not None and chosen and grouped and not reached_target:
        opening[:0] = first_and_blocker(
            plan, wave, chosen, grouped[0], framework, words, scorecard, assessed=who
        )
    if reached_target and plan is not None and wave is not None and standard is not None:
        beyond = beyond_words(plan, wave, standard, practice_names(framework), framework, words)
        opening += [beyond] if beyond else []
    if change is not None:
        moved = [] if change_leads else [change.sentence]
        moved += [change.overdue] if change.overdue else []
        summary += [" ".join(moved)] if moved else []
    if talk is not None:
        summary.append(f"{talk.sentence} {talk.consensus}")
    if opening:
        # What the first priority waits for and what the next stage asks: one paragraph.
        summary.insert(1 if resting else 0, " ".join(opening))
    return Story(
        organization=name,
        assessed=who,
        subject=upper_first(who),
        period=assessment.period,
        headline=" ".join(headline),
        summary=tuple(summary),
        stage=stage,
        provisional=resting,
        next_stage=next_stage,
        target_stage=target.title,
        target_date=target_date,
        target_by=month_name(by, words) if isinstance(by, str) and by else None,
        effort=effort.sentence if effort else None,
        holds_back=holds_back,
        change=change,
        workshop=talk,
        priorities=chosen,
        themes=grouped,
        standing=standing_rows(
            framework,
            scorecard,
            target_levels(aim),
            words,
            below_counts(plan, standard),
            frozenset(standard.below) if standard is not None else frozenset(),
        ),
        strengths=strengths(framework, scorecard, words),
        roadmap=roadmap,
        what_it_takes=takes,
        funding=funding,
        split=said,
        funding_notes=notes,
        funding_split=split,
        ask=ask,
        beside_ask=overlap_clause(overlap, rate, words) if overlap else None,
        whole_plan=effort.whole if effort else None,
        spend=spend_rows(plan, rate, words) if plan is not None else (),
        overlap=overlap_words(overlap, rate, words) if overlap else None,
        target_complete=target_complete(plan, target_date, words),
        target_later=later,
    )
