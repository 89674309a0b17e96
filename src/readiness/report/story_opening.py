"""The opening of the report as a funding decision: fund the first wave (`waves.plan_waves`),
the one list the roadmap, the first-wave pages and the appendix show, led by the first
priority; what it reaches; whether the target is in reach; and, at the last stage, what the
money buys (the open high-severity findings and the practices below the stage's standard)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import (
    Rate,
    cost_words,
    person_months,
    rate_words,
    work_words,
)
from readiness.report.i18n import Translator
from readiness.report.reading import practice_names
from readiness.report.routes import Choices, late_words
from readiness.report.standard import Standard, raised_after
from readiness.report.waves import Wave, reach_phrase
from readiness.report.words import (
    and_words,
    headcount_words,
    humanize_id,
    lower_first,
    month_name,
    span_words,
)

NAMED = 2
"""The most initiatives a funding sentence names; the rest are counted."""
LATE_NAMED = 4
"""The most target levels the opening names as coming after the deadline; the rest are counted."""


class Ask(NamedTuple):
    """The first wave's ask, worked out once: the funding sentence of the headline and the
    summary's key facts both say it."""

    span: str
    """The months the wave runs: `Jan 2027 – May 2028`."""
    amount: str
    """Its cost at the rate (`about USD 10.03 million`), its person-months without a rate."""
    effort: str
    """Its person-months as the funding sentence says them, with the cost and the rate."""


def first_wave_ask(plan: Plan, wave: Wave, rate: Rate | None, words: Translator) -> Ask:
    """What the first wave asks for: its months, its cost (person-months without a rate) and
    the funding sentence's effort clause, all from the one sum of its initiatives' figures."""
    items = wave.initiatives
    months = person_months(items)
    work = work_words(months, None, words)
    cost = cost_words(months, rate, words)
    return Ask(
        span=span_words(min(i.start for i in items), max(i.end for i in items), words),
        amount=work if cost is None else cost,
        effort=_funded_effort(work, cost, rate, words, _overlapped(plan, wave)),
    )


def fund_first_wave(
    plan: Plan,
    wave: Wave,
    framework: Framework,
    lead: str | None,
    ask: Ask,
    words: Translator,
) -> tuple[str, str | None]:
    """Fund the first wave now: its initiatives (led by `lead`, the first priority), and its
    `ask` (months, effort and cost, with the rate said once, here, where money first appears),
    and the milestone it reaches; with the id of the stage it reaches, if it reaches one."""
    _ = words.gettext
    stages = [s.id for s in framework.manifest.stages]
    items = wave.initiatives
    values = {"span": ask.span, "effort": ask.effort}
    end = wave.end
    if end is not None and end.kind != "year":
        values["month"] = month_name(end.date, words)
        values["reached"] = reach_phrase(end, framework, words)
        if end.kind == "standard":
            said = words.ngettext(
                "Fund now the first wave, “%(initiative)s” (%(span)s, %(effort)s): it brings "
                "every practice to the %(stage)s standard by %(month)s.",
                "Fund now the first wave, the %(num)s initiatives that bring every practice to "
                "the %(stage)s standard by %(month)s, %(named)s: %(span)s, %(effort)s.",
                len(items),
                initiative=items[0].title,
                stage=framework.manifest.stages[-1].title.lower(),
                named=named_words(items, lead, words),
                **values,
            )
            return said, None
        said = words.ngettext(
            "Fund now the first wave, “%(initiative)s” (%(span)s, %(effort)s): it reaches "
            "%(reached)s by %(month)s.",
            "Fund now the first wave, the %(num)s initiatives that reach %(reached)s by "
            "%(month)s, %(named)s: %(span)s, %(effort)s.",
            len(items),
            initiative=items[0].title,
            named=named_words(items, lead, words),
            **values,
        )
        return said, stages[stages.index(end.stage) + 1]
    said = (
        words.ngettext(
            "Fund now the first wave, the %(num)s initiative that ends in the plan's first "
            "year, %(named)s: %(span)s, %(effort)s",
            "Fund now the first wave, the %(num)s initiatives that end in the plan's first "
            "year, %(named)s: %(span)s, %(effort)s",
            len(items),
            named=named_words(items, lead, words),
            **values,
        )
        if end is not None
        else words.ngettext(
            "Fund the plan now: %(num)s initiative, %(named)s, %(span)s, %(effort)s",
            "Fund the plan now: %(num)s initiatives, %(named)s, %(span)s, %(effort)s",
            len(items),
            named=named_words(items, lead, words),
            **values,
        )
    )
    missed = next((m for m in plan.milestones if not m.reachable and m.stage != stages[-1]), None)
    following = None if missed is None else stages[stages.index(missed.stage) + 1]
    # Not reached: the target's sentence says so when the stage is the target.
    if following is None or following == plan.target.stage:
        return _("%(clauses)s.", clauses=said), None
    return (
        _(
            "%(clauses)s; the plan works toward %(stage)s, which it does not reach.",
            clauses=said,
            stage=framework.manifest.stages[stages.index(following)].title.lower(),
        ),
        None,
    )


def named_words(items: Sequence[PlannedInitiative], lead: str | None, words: Translator) -> str:
    """The initiatives by title, the `lead` (the first priority) first and the rest counted:
    `led by “A”`, `led by “A” and “B”`, `led by “A” and 3 more`."""
    ordered = sorted(items, key=lambda i: i.title != lead)
    # Two titles when they are all there is; one, and the rest counted, when there are more.
    shown = ordered[:NAMED] if len(ordered) <= NAMED else ordered[:1]
    quoted = [words.gettext("“%(title)s”", title=i.title) for i in shown]
    more = len(items) - len(quoted)
    if more:
        quoted.append(words.ngettext("%(num)s more", "%(num)s more", more))
    listed = (
        quoted[0]
        if len(quoted) == 1
        else words.gettext("%(items)s and %(last)s", items=", ".join(quoted[:-1]), last=quoted[-1])
    )
    return words.gettext("led by %(initiatives)s", initiatives=listed)


def _overlapped(plan: Plan, wave: Wave) -> bool:
    """Whether other planned work starts before the wave's work ends (the next wave starts
    while it runs)."""
    ids = {i.id for i in wave.initiatives}
    end = max(i.end_month for i in wave.initiatives)
    return any(i.start_month < end for i in plan.initiatives if i.id not in ids)


def _funded_effort(
    work: str, cost: str | None, rate: Rate | None, words: Translator, overlapped: bool
) -> str:
    """The funded work's person-months (`work`), with its `cost` at the rate (said here, where
    money first appears). When later work starts before it ends, said as the first wave's
    work: the months it spans cost more than that."""
    effort = words.gettext("%(work)s of first-wave work", work=work) if overlapped else work
    if cost is None or rate is None:
        return effort
    return words.gettext(
        "%(work)s (%(cost)s at %(rate)s)", work=effort, cost=cost, rate=rate_words(rate, words)
    )


def reach_words(
    target: str,
    when: str | None,
    by: object,
    fits: bool | None,
    words: Translator,
    earliest: str | None = None,
    choices: Choices | None = None,
) -> str:
    """When the target stage is reached, said once against the client's target date. When the
    stage is reached but not everything the target sets by its date, What it takes names the
    practices still short then; when the planned work does not reach the stage, the month
    (YYYY-MM) it is reached with the work the plan defers planned after its horizon
    (`earliest`), if known, with What it takes for the options. With What it takes's `choices` (the plan misses the target by its deadline),
    their one-sentence summary is the sentence: what it needs, when, at what cost, and what
    keeping the deadline takes. Never a verdict to move the target: the options are the
    board's to choose."""
    _ = words.gettext
    deadline = month_name(by, words) if isinstance(by, str) and by else None
    if choices is not None and (when is None or fits is False):
        return choices.summary
    if when is not None:
        if deadline is None or fits is None:
            return _("%(stage)s is within reach by %(month)s.", stage=target, month=when)
        if fits:
            return _(
                "%(stage)s is within reach by %(month)s, which meets the %(deadline)s target.",
                stage=target,
                month=when,
                deadline=deadline,
            )
        return _(
            "%(stage)s is within reach by %(month)s, but some practices the %(deadline)s target "
            "sets are still short then: What it takes names them, with the month the plan "
            "lifts each and what would close them in time.",
            stage=target,
            month=when,
            deadline=deadline,
        )
    if deadline is None:
        return _(
            "The planned work does not reach %(stage)s: decide whether to widen the plan or to "
            "aim lower for now.",
            stage=target.lower(),
        )
    named = target[:1] + target[1:].lower()
    if earliest is None:
        return _(
            "%(stage)s by %(deadline)s is not in the planned work, nor in the work it defers: "
            "What it takes names what stands in the way.",
            stage=named,
            deadline=deadline,
        )
    return _(
        "%(stage)s by %(deadline)s needs work the plan defers past its horizon; with that "
        "work it comes in %(month)s. What it takes gives the options.",
        stage=named,
        deadline=deadline,
        month=month_name(earliest, words),
    )


def last_stage_words(
    framework: Framework, standard: Standard, high: int, name: str, words: Translator
) -> str:
    """The opening of an organization whose every gate holds, in one sentence: it has reached
    the last stage, and what the money buys: closing its open high-severity findings (`high`)
    and lifting the practices below the level the stage expects of every practice, or, when
    none is below it, the practices the target lifts beyond it."""
    _ = words.gettext
    stage = framework.manifest.stages[-1].title.lower()
    buys = []
    if high:
        buys.append(
            words.ngettext(
                "closing its open high-severity finding",
                "closing its %(num)s open high-severity findings",
                high,
            )
        )
    if standard.below:
        buys.append(
            words.ngettext(
                "lifting the %(num)s practice still below the level that stage expects of "
                "every practice",
                "lifting the %(num)s practices still below the level that stage expects of "
                "every practice",
                len(standard.below),
            )
        )
    elif standard.beyond:
        buys.append(
            words.ngettext(
                "lifting %(num)s practice beyond that level to the target's",
                "lifting %(num)s practices beyond that level to the target's",
                len(standard.beyond),
            )
        )
    if not buys:
        return _(
            "%(organization)s meets every requirement of %(stage)s, the last stage of the path.",
            organization=name,
            stage=stage,
        )
    return _(
        "%(organization)s meets every requirement of %(stage)s, the last stage of the path; the "
        "funding asked goes to %(buys)s.",
        organization=name,
        stage=stage,
        buys=and_words(buys, words),
    )


def beyond_words(
    plan: Plan,
    wave: Wave,
    standard: Standard,
    names: dict[str, str],
    framework: Framework,
    words: Translator,
) -> str | None:
    """After the first wave brings every practice to the last stage's standard: the practices
    the target lifts beyond it, by name, and when the rest of the plan ends against the
    client's deadline (the deadline said as a deadline, the plan's end as the end)."""
    if not standard.below or not standard.beyond:
        return None
    rest = len(plan.initiatives) - len(wave.initiatives)
    stage = framework.manifest.stages[-1].title.lower()
    practices = and_words(
        [lower_first(names.get(q, humanize_id(q.partition(".")[2]))) for q in standard.beyond],
        words,
    )
    end = month_name(plan.end, words)
    said = words.ngettext(
        "Beyond the %(stage)s standard, the target lifts %(num)s practice further: %(practices)s.",
        "Beyond the %(stage)s standard, the target lifts %(num)s practices further: %(practices)s.",
        len(standard.beyond),
        practices=practices,
        stage=stage,
    )
    if rest <= 0 or any(gap.question in standard.beyond for gap in plan.open_gaps):
        return said
    # When: the plan's end (work of the first wave may lift some of them already).
    deadline = month_name(plan.deadline, words) if plan.deadline else None
    if deadline is None:
        closing = words.gettext("The plan does it by its end, %(end)s.", end=end)
    elif plan.deadline is not None and plan.end <= plan.deadline:
        closing = words.gettext(
            "The plan does it by its end, %(end)s, ahead of the %(deadline)s deadline.",
            end=end,
            deadline=deadline,
        )
    else:
        closing = words.gettext(
            "The plan does it by its end, %(end)s, after the %(deadline)s deadline.",
            end=end,
            deadline=deadline,
        )
    return f"{said} {closing}"


def late_levels(framework: Framework, plan: Plan, by: str, deadline: str, words: Translator) -> str:
    """The target's levels the plan brings only after the deadline, by name (the first few,
    the rest counted) with the month the last of them is in place, and the decision they ask
    for."""
    month = parse_month(by) - parse_month(plan.start) + 1
    names = practice_names(framework)
    late = raised_after(framework, plan, month)
    ends = [end for _, end in late]
    if not late or None in ends:
        return words.gettext(
            "Not everything the %(deadline)s target sets is in place by then: decide which of "
            "its levels can wait.",
            deadline=deadline,
        )
    shown = [lower_first(names.get(q, humanize_id(q.partition(".")[2]))) for q, _ in late]
    if len(shown) > LATE_NAMED:
        more = len(shown) - LATE_NAMED
        shown = [*shown[:LATE_NAMED], words.ngettext("%(num)s more", "%(num)s more", more)]
    last = month_label(parse_month(plan.start) + max(e for e in ends if e is not None) - 1)
    return words.ngettext(
        "The %(deadline)s target also sets the level of %(practices)s, which the plan reaches "
        "only by %(month)s: decide whether it can wait or the team grows.",
        "The %(deadline)s target also sets %(num)s levels the plan reaches only later, the "
        "last by %(month)s (%(practices)s): decide whether they can wait or the team grows.",
        len(late),
        deadline=deadline,
        month=month_name(last, words),
        practices=and_words(shown, words),
    )


def late_target_decision(
    plan: Plan, framework: Framework, by: str, words: Translator
) -> str | None:
    """When the plan reaches the target's stage by the deadline but the target's levels of some
    practices only later, with nothing deferred and a larger team that keeps the deadline: the
    practices with the month the plan lifts each, and the choice between the plan's date and
    the deadline kept with more people (from when, the team it takes; the same work, so the same
    cost). None otherwise (What it takes's options then say it)."""
    options = plan.what_it_takes.options if plan.what_it_takes else None
    if options is None or options.deferred or options.team_fte is None:
        return None
    dates = [p.date for p in options.late]
    practices = late_words(options.late, framework, words)
    if practices is None or None in dates:
        return None
    more, team = headcount_words((options.team_fte - plan.team_fte, options.team_fte), words)
    return words.gettext(
        "The target also sets %(practices)s; with %(more)s added from %(start)s (a team of "
        "%(team)s) it comes by %(deadline)s, for the same person-months.",
        practices=practices,
        deadline=month_name(by, words),
        more=more,
        start=month_name(plan.start, words),
        team=team,
    )
