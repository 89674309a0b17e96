"""The waves of the roadmap: one rule, used by the opening's funding ask, the roadmap's shading
and lines, the first-wave pages and the appendix of initiatives, so they name one list.

Waves end at milestones. Wave k is the work planned to end by milestone k and after milestone
k - 1: the work that milestone needs, scheduled up to it. A milestone is a stage reached, or, at
the last stage, every practice brought to the stage's standard (`standard`). A milestone less
than `MIN_WAVE_MONTHS` after the previous one shares its wave with the next when there is one
(a board funds a tranche, not a month). A plan that reaches no milestone, or whose first
milestone is more than `MAX_FIRST_WAVE_MONTHS` away, ends its first wave at its first year. The work that ends after the last milestone is the last wave, named for what it answers.
Funding the first wave is the decision the report asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.standard import last_stage_standard
from readiness.report.words import and_words, month_name, span_words, stage_name

MIN_WAVE_MONTHS = 6
"""The shortest wave a milestone closes on its own when a later milestone follows."""
FIRST_YEAR = 12
"""Where a plan that reaches no milestone ends its first wave."""
MAX_FIRST_WAVE_MONTHS = 24
"""The furthest milestone a first wave runs to: later, one funding decision would cover too
much, and the first wave is the first year's work."""


class Boundary(NamedTuple):
    """Where a wave ends: a milestone, or the plan's first year."""

    month: int
    """Exclusive month offset: the wave's work ends by it."""
    date: str
    """The last calendar month of the wave's work, YYYY-MM."""
    kind: Literal["stage", "standard", "year"]
    """A stage reached, every practice at the last stage's standard, or the first year."""
    stage: str
    """The stage reached (`stage`), the last stage (`standard`), or today's stage (`year`)."""


class Wave(NamedTuple):
    """A wave of the roadmap: its work and the milestones it reaches."""

    number: int
    initiatives: tuple[PlannedInitiative, ...]
    """In start order."""
    reaches: tuple[Boundary, ...]
    """The milestones the wave reaches (the last is where it ends); empty for the first year
    and for the work after the last milestone."""
    end: Boundary | None
    """Where the wave ends; None for the work after the last milestone."""


def plan_waves(plan: Plan, framework: Framework) -> tuple[Wave, ...]:
    """The plan's initiatives in waves (see the module docstring); every initiative is in one."""
    if not plan.initiatives:
        return ()
    groups: list[list[Boundary]] = []
    previous = 0
    for boundary in _boundaries(plan, framework):
        if groups and groups[-1][-1].month - previous < MIN_WAVE_MONTHS:
            groups[-1].append(boundary)
            continue
        if groups:
            previous = groups[-1][-1].month
        groups.append([boundary])
    waves: list[Wave] = []
    start = 0
    for group in groups:
        end = group[-1].month
        members = _members(plan, start, end)
        if members:
            reached = tuple(b for b in group if b.kind != "year")
            waves.append(Wave(len(waves) + 1, members, reached, group[-1]))
        start = end
    rest = _members(plan, start, plan.end_month + 1)
    if rest:
        waves.append(Wave(len(waves) + 1, rest, (), None))
    return tuple(waves)


def _members(plan: Plan, after: int, until: int) -> tuple[PlannedInitiative, ...]:
    """The initiatives ending after month `after` and by month `until`, in start order."""
    found = [i for i in plan.initiatives if after < i.end_month <= until]
    return tuple(sorted(found, key=lambda i: (i.start_month, i.title)))


def _boundaries(plan: Plan, framework: Framework) -> list[Boundary]:
    """The milestones the plan reaches in order: stages, else (at the last stage) the standard
    in every practice; a plan that reaches none ends its first wave at its first year."""
    last = framework.manifest.stages[-1].id
    found = [
        Boundary(m.month, m.date, "stage", m.stage)
        for m in plan.milestones
        if m.reachable and m.stage != last
    ]
    if not found and all(m.stage == last for m in plan.milestones):
        standard = last_stage_standard(framework, plan)
        if standard.below and standard.month is not None:
            date = month_label(parse_month(plan.start) + standard.month - 1)
            found.append(Boundary(standard.month, date, "standard", last))
    if found and found[0].month <= MAX_FIRST_WAVE_MONTHS:
        return found
    ends = sorted({i.end_month for i in plan.initiatives})
    year = max((e for e in ends if e <= FIRST_YEAR), default=ends[0])
    if year == ends[-1] or (found and year >= found[0].month):
        return found
    label = month_label(parse_month(plan.start) + year - 1)
    return [Boundary(year, label, "year", plan.initiatives[0].stage), *found]


def reach_phrase(boundary: Boundary, framework: Framework, words: Translator = ENGLISH) -> str:
    """What a milestone brings, without its date: `the Department scale stage`, `every practice
    at the enterprise scale standard`."""
    stages = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    if boundary.kind == "standard":
        return words.gettext(
            "every practice at the %(stage)s standard", stage=titles[boundary.stage].lower()
        )
    return stage_name(titles[stages[stages.index(boundary.stage) + 1]], words)


def wave_goal(stage: str, framework: Framework, words: Translator = ENGLISH) -> str:
    """What the work of a stage is for: `toward department scale` (the stage after its own),
    or, for the last stage's work, `enterprise scale practices`."""
    order = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    index = order.index(stage) if stage in order else len(order) - 1
    if index < len(order) - 1:
        return words.gettext("toward %(stage)s", stage=titles[order[index + 1]].lower())
    return words.gettext("%(stage)s practices", stage=titles.get(stage, stage).lower())


def _after_why(items: Sequence[PlannedInitiative], words: Translator) -> str:
    """What work after the last milestone answers: findings, the target's levels, or both."""
    kinds = {r.kind for i in items for r in i.why}
    if "rule" in kinds and "gap" in kinds:
        return words.gettext("answering findings and raising practices to the target's levels")
    if "gap" in kinds:
        return words.gettext("raising practices to the target's levels")
    return words.gettext("answering findings that no stage requires")


def _unreached(plan: Plan, framework: Framework, words: Translator) -> str | None:
    """`toward enterprise scale` for the first stage the plan does not reach (the roadmap says
    beside the waves that it is not reached, and what stays open); None when it reaches every
    stage it aims at."""
    stages = [s.id for s in framework.manifest.stages]
    missed = next((m for m in plan.milestones if not m.reachable and m.stage != stages[-1]), None)
    if missed is None:
        return None
    following = framework.manifest.stages[stages.index(missed.stage) + 1].title.lower()
    return words.gettext("toward %(stage)s", stage=following)


def _reached_words(boundary: Boundary, framework: Framework, words: Translator) -> str:
    """A milestone with its month: `department scale reached by Aug 2027`, `every practice at
    the enterprise scale standard by Mar 2028`."""
    reached = reach_phrase(boundary, framework, words)
    month = month_name(boundary.date, words)
    if boundary.kind == "standard":
        return words.gettext("%(reached)s by %(month)s", reached=reached, month=month)
    return words.gettext("%(reached)s reached by %(month)s", reached=reached, month=month)


def wave_purpose(
    wave: Wave,
    waves: Sequence[Wave],
    plan: Plan,
    framework: Framework,
    words: Translator = ENGLISH,
) -> str:
    """What a wave is for, without its dates: the milestones it reaches (`department scale
    reached by Aug 2027`), the first year's work, or what the work after the milestones
    answers, named by the last milestone it ends after (it may start before it)."""
    if wave.reaches:
        return and_words([_reached_words(b, framework, words) for b in wave.reaches], words)
    if wave.end is not None:
        return words.gettext("the first year's work")
    unreached = _unreached(plan, framework, words)
    if unreached is not None:
        return unreached
    why = _after_why(wave.initiatives, words)
    last = next((w.reaches[-1] for w in reversed(waves) if w.reaches), None)
    if last is not None:
        # The work may start before that milestone: it is named by where it ends.
        return words.gettext(
            "%(why)s, work that ends after the %(month)s milestone",
            why=why,
            month=month_name(last.date, words),
        )
    return why


def wave_of(item: PlannedInitiative, waves: Sequence[Wave]) -> Wave:
    """The wave an initiative of the plan belongs to."""
    return next(w for w in waves if any(i.id == item.id for i in w.initiatives))


def goal_words(item: PlannedInitiative, plan: Plan, framework: Framework, words: Translator) -> str:
    """What an initiative's work is for, from its wave: `for department scale, by Aug 2027`
    (the first milestone its wave reaches after it ends), else what its wave is for."""
    waves = plan_waves(plan, framework)
    wave = wave_of(item, waves)
    for boundary in wave.reaches:
        if item.end_month <= boundary.month:
            return words.gettext(
                "for %(reached)s, by %(month)s",
                reached=reach_phrase(boundary, framework, words),
                month=month_name(boundary.date, words),
            )
    # What the work after the milestones answers is said of the initiative itself.
    return wave_purpose(wave._replace(initiatives=(item,)), waves, plan, framework, words)


def wave_lines(plan: Plan, framework: Framework, words: Translator = ENGLISH) -> tuple[str, ...]:
    """One line per wave: `Wave 1, 17 initiatives, Dec 2026 – Aug 2027: department scale
    reached by Aug 2027`; a wave that starts before the previous one ends says so (`it starts
    while wave 1 runs`)."""
    lines = []
    previous_end = 0
    waves = plan_waves(plan, framework)
    for wave in waves:
        members = wave.initiatives
        first = min(i.start_month for i in members)
        last = max(members, key=lambda i: i.end_month)
        line = words.ngettext(
            "Wave %(wave)s, %(num)s initiative, %(span)s: %(purpose)s",
            "Wave %(wave)s, %(num)s initiatives, %(span)s: %(purpose)s",
            len(members),
            wave=wave.number,
            span=span_words(members[0].start, last.end, words),
            purpose=wave_purpose(wave, waves, plan, framework, words),
        )
        if wave.number > 1 and first < previous_end:
            # Work starts once its prerequisites end and the team has room: waves overlap.
            line = words.gettext(
                "%(wave)s; it starts while wave %(previous)s runs",
                wave=line,
                previous=wave.number - 1,
            )
        previous_end = max(previous_end, last.end_month)
        lines.append(line)
    return tuple(lines)
