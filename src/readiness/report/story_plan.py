"""The plan part of the story: the first wave, the records of its three priorities (chosen in
`priorities`), the roadmap as lanes and milestones (what it takes is in `takes`).

Every initiative has one status word wherever it appears (`status_word`). Workstreams: an
initiative's own `workstream` when the plan carries one, else its dimension (the default
workstream of the method).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from readiness.model import Framework
from readiness.plan.causes import OpenTerm, TermFails
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import (
    Rate,
    amount_words,
    cost_words,
    people,
    person_months,
    work_words,
)
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.waves import plan_waves, reach_phrase, wave_lines, wave_of
from readiness.report.words import (
    and_words,
    headcount_words,
    lower_first,
    month_name,
    span_words,
    tree_words,
    workstream_words,
)

PRIORITIES = 3
HALF = Decimal("0.5")
"""Work of half a person-month: said in words, never `0.5 person-months` (a team of half a
person is said by `words.headcount_words`)."""
MAX_NAMED_OPEN = 2
"""The most conditions a stage not reached names beside the roadmap; more are counted."""
MAX_NAMED_DEFERRED = 2
"""The most initiatives past the horizon named beside the roadmap; more are counted."""


class Priority(NamedTuple):
    """A first-wave action: what, why, who, when, how much."""

    title: str
    why: str
    owner: str
    when: str
    effort: str
    status: str
    theme: str | None


class LaneBar(NamedTuple):
    """An initiative on the one-page roadmap."""

    title: str
    start_month: int
    end_month: int
    when: str
    wave: int
    status: str
    priority: bool
    rank: int = 0
    """Its number among the priorities (1 for the first), 0 when it is not one."""


class Lane(NamedTuple):
    """A workstream and its initiatives in start order."""

    title: str
    bars: tuple[LaneBar, ...]


class Milestone(NamedTuple):
    """A stage milestone in business words."""

    title: str
    when: str
    month: int
    reachable: bool
    sentence: str


class RoadmapStory(NamedTuple):
    """The roadmap on one page."""

    start: str
    end: str
    first: str
    """The first month of the plan, YYYY-MM."""
    months: int
    lanes: tuple[Lane, ...]
    milestones: tuple[Milestone, ...]
    waves: tuple[str, ...]
    """One line per wave: `Wave 1, department scale by Aug 2027: 12 initiatives, Jan 2027 –
    Oct 2027`; a wave that starts before the previous one ends says so."""
    deferred: int
    not_reached: tuple[str, ...] = ()
    """A sentence per stage the plan does not reach, naming what stays open."""
    first_effort: str = ""
    """The first wave's person-months, the figure the opening asks to fund."""


def status_word(item: PlannedInitiative, words: Translator = ENGLISH) -> str:
    """The one status word an initiative of the plan has everywhere in the report."""
    return (
        words.gettext("in progress") if item.status == "in_progress" else words.gettext("planned")
    )


def first_wave(plan: Plan | None, framework: Framework) -> tuple[PlannedInitiative, ...]:
    """The initiatives of the plan's first wave (`waves.plan_waves`), in start order: the work
    the opening asks to fund now."""
    if plan is None or not plan.initiatives:
        return ()
    return plan_waves(plan, framework)[0].initiatives


def stage_work(plan: Plan, stage: str) -> tuple[PlannedInitiative, ...] | None:
    """The planned work that takes the organization out of `stage`: every initiative planned to
    end by the next stage's milestone, whatever its wave, in plan order; None when the plan does
    not reach the next stage. The opening funds this set and What it takes counts it."""
    milestone = next((m for m in plan.milestones if m.stage == stage), None)
    if milestone is None or not milestone.reachable:
        return None
    return tuple(i for i in plan.initiatives if i.end_month <= milestone.month)


def effort_words(
    item: PlannedInitiative, words: Translator = ENGLISH, rate: Rate | None = None
) -> str:
    """The team and its months, `1.5 FTE for 2 months` (`3 people for 4 months`:
    `words.headcount_words`), with the person-months and the cost at the team's `rate` when
    there is one: `1.5 FTE for 2 months (3 person-months, EUR 45,000)`. The team size is shown to one decimal (`people`) and every person-month figure of
    the report is that figure times the months, so a reader's multiplication and the report's
    totals agree."""
    months = words.ngettext("%(num)s month", "%(num)s months", item.duration_months)
    said = words.gettext(
        "%(team)s for %(months)s",
        team=headcount_words((people(item.effort_fte),), words)[0],
        months=months,
    )
    work = person_months([item])
    cost = cost_words(work, rate, words)
    if cost is None:
        return said
    worked = words.gettext("half a person-month") if work == HALF else work_words(work, None, words)
    return words.gettext(
        "%(team)s (%(work)s, %(cost)s)",
        team=said,
        work=worked,
        cost=cost,
    )


def when_words(item: PlannedInitiative, words: Translator = ENGLISH) -> str:
    """`Jan 2027 – Jun 2027`, or one month when it starts and ends in the same."""
    return span_words(item.start, item.end, words)


def roadmap_story(
    plan: Plan,
    framework: Framework,
    chosen: tuple[Priority, ...] = (),
    words: Translator = ENGLISH,
) -> RoadmapStory:
    """Lanes by workstream (the dimension unless the plan names a workstream), milestones in
    words, one line per wave; the `chosen` priorities are marked."""
    stage_order = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    waves = plan_waves(plan, framework)
    top = {p.title: n for n, p in enumerate(chosen, start=1)}
    lanes: dict[str, list[LaneBar]] = {}
    for item in sorted(plan.initiatives, key=lambda i: (i.start_month, i.title)):
        stream = getattr(item, "workstream", None) or item.dimension
        lane = workstream_words(str(stream), framework)
        lanes.setdefault(lane, []).append(
            LaneBar(
                title=item.title,
                start_month=item.start_month,
                end_month=item.end_month,
                when=when_words(item, words),
                wave=wave_of(item, waves).number,
                status=status_word(item, words),
                priority=item.title in top,
                rank=top.get(item.title, 0),
            )
        )
    order = {framework.dimension(d).title: n for n, d in enumerate(framework.manifest.dimensions)}
    milestones = []
    not_reached = []
    for m in plan.milestones:
        index = stage_order.index(m.stage)
        following = stage_order[index + 1] if index + 1 < len(stage_order) else None
        if following is None:
            milestones += [
                Milestone(
                    reach_phrase(b, framework, words)[:1].upper()
                    + reach_phrase(b, framework, words)[1:],
                    month_name(b.date, words),
                    b.month,
                    True,
                    words.gettext("Every practice is at the level the stage expects of it."),
                )
                for w in waves
                for b in w.reaches
                if b.kind == "standard"
            ]
            # Work deferred past the horizon is not finished then: the label says so.
            milestones.append(
                Milestone(
                    words.gettext("Work within the horizon complete")
                    if plan.deferred
                    else words.gettext("All planned work complete"),
                    month_name(m.date, words),
                    m.month,
                    m.reachable,
                    words.ngettext(
                        "Every initiative within the horizon is finished; %(num)s more would "
                        "end past it.",
                        "Every initiative within the horizon is finished; %(num)s more would "
                        "end past it.",
                        len(plan.deferred),
                    )
                    if plan.deferred
                    else words.gettext("Every initiative of the plan is finished."),
                )
            )
        elif m.reachable:
            milestones.append(
                Milestone(
                    words.gettext("%(stage)s reached", stage=titles[following]),
                    month_name(m.date, words),
                    m.month,
                    True,
                    words.gettext("The planned work puts in place everything it requires."),
                )
            )
        else:
            # A stage the plan does not reach is no milestone: it is said, with what stays open.
            still_open = [_open_words(t, framework, words) for t in m.open_terms]
            named = titles[following][:1] + titles[following][1:].lower()
            not_reached.append(
                words.gettext("%(stage)s is not reached by the plan's end.", stage=named)
                if not still_open
                else words.ngettext(
                    "%(stage)s is not reached by the plan's end: %(open)s stays open.",
                    "%(stage)s is not reached by the plan's end: %(open)s stay open.",
                    len(still_open),
                    stage=titles[following][:1] + titles[following][1:].lower(),
                    open=and_words(_first_named(still_open, words), words),
                )
            )
            needed = _needed_past_horizon(plan, following, words)
            if needed:
                not_reached[-1] += " " + needed
    return RoadmapStory(
        start=month_name(plan.start, words),
        end=month_name(plan.end, words),
        first=plan.start,
        months=plan.months,
        lanes=tuple(
            Lane(title, tuple(bars))
            for title, bars in sorted(lanes.items(), key=lambda kv: order.get(kv[0], 99))
        ),
        milestones=tuple(milestones),
        waves=wave_lines(plan, framework, words),
        first_effort=work_words(person_months(waves[0].initiatives), None, words) if waves else "",
        deferred=len(plan.deferred),
        not_reached=tuple(not_reached),
    )


def _needed_past_horizon(plan: Plan, stage: str, words: Translator) -> str | None:
    """The deferred initiatives the target needs, when `stage` is the target's stage, by
    title (the first `MAX_NAMED_DEFERRED`, the rest counted): the list What it takes names,
    so the roadmap and it agree."""
    options = plan.what_it_takes.options if plan.what_it_takes else None
    if plan.target.stage != stage or options is None or not options.deferred:
        return None
    titles = {d.id: d.title for d in plan.deferred}
    named = [words.gettext("“%(title)s”", title=titles[i]) for i in options.deferred]
    if len(named) > MAX_NAMED_DEFERRED:
        more = len(named) - MAX_NAMED_DEFERRED
        named = [*named[:MAX_NAMED_DEFERRED], words.ngettext("%(num)s more", "%(num)s more", more)]
    return words.ngettext(
        "The initiative the target needs, %(initiatives)s, would end past the horizon.",
        "The %(num)s initiatives the target needs, %(initiatives)s, would end past the horizon.",
        len(options.deferred),
        initiatives=and_words(named, words),
    )


def _first_named(still_open: list[str], words: Translator) -> list[str]:
    """The first conditions a stage not reached leaves open, by name, and the rest counted."""
    if len(still_open) <= MAX_NAMED_OPEN:
        return still_open
    more = len(still_open) - MAX_NAMED_OPEN
    return [
        *still_open[:MAX_NAMED_OPEN],
        words.ngettext("%(num)s more requirement", "%(num)s more requirements", more),
    ]


def _open_words(term: OpenTerm, framework: Framework, words: Translator) -> str:
    """What keeps a stage the plan does not reach from being reached, in words: a gate term,
    or a dimension the plan cannot judge (too few answers), named by its title."""
    if isinstance(term, TermFails):
        return lower_first(tree_words(term.term, framework, words))
    return words.gettext(
        "%(dimension)s, not assessed on enough answers",
        dimension=framework.dimension(term.dimension).title,
    )


class PlanEffort(NamedTuple):
    """The whole plan's effort, said two ways from the one sum."""

    sentence: str
    """Person-months (with cost), months and peak team: `Story.effort`."""
    whole: str
    """The key facts' line under the ask: `Story.whole_plan`."""


def plan_effort(
    plan: Plan | None,
    words: Translator,
    rate: Rate | None,
    later: tuple[str, str] | None = None,
) -> PlanEffort | None:
    """The whole plan's person-months, months and peak team, all from the team sizes as shown
    (`people`), so the total is the sum of the initiatives' figures. With `later` (the month
    the target comes once the work it needs past the horizon is added, and the horizon's last
    month), the key facts' line is the whole bill to that month, that work included, then what
    falls within the horizon: a total beside a date never leaves out work the date needs."""
    if plan is None or not plan.initiatives:
        return None
    peak = max(
        sum(
            (
                people(i.effort_fte)
                for i in plan.initiatives
                if i.start_month <= month < i.end_month
            ),
            Decimal(0),
        )
        for month in range(plan.months)
    )
    months = person_months(plan.initiatives)
    values = {"months": plan.months, "team": headcount_words((peak,), words)[0]}
    sentence = words.gettext(
        "%(work)s of work over %(months)s months, at most %(team)s at once",
        work=work_words(months, rate, words),
        **values,
    )
    options = plan.what_it_takes.options if plan.what_it_takes else None
    if later is not None and options is not None and options.deferred:
        whole = words.gettext(
            "Whole plan to %(month)s: %(total)s (%(amount)s by the horizon, %(horizon)s), "
            "%(team)s at peak",
            month=later[0],
            total=amount_words(months + Decimal(str(options.extra_fte_months)), rate, words),
            horizon=later[1],
            amount=amount_words(months, rate, words),
            **values,
        )
    else:
        whole = words.gettext(
            "Whole plan: %(amount)s over %(months)s months, %(team)s at peak",
            amount=amount_words(months, rate, words),
            **values,
        )
    return PlanEffort(sentence, whole)
