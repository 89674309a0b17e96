"""What the plan spends when: its person-months and cost by calendar year, and the later
waves' work that starts while the first wave runs (the first wave's ask does not count it, and
a finance reader budgets by year, not by wave).

Every figure is the report's own: a team size as shown (`cost.people`) times the months it
works in the year, so the years' person-months add up to the whole plan the key facts give;
each year's money is what its own person-months cost, and the whole is the sum of the exact
amounts, rounded alike (`cost.money_parts`, with its note when rounding may show a gap)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from readiness.plan.calendar import parse_month
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import (
    Rate,
    amount_words,
    money_parts,
    number_words,
    people,
    person_months,
    work_words,
)
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.waves import Wave
from readiness.report.words import month_name


class YearRow(NamedTuple):
    """A line of What it takes's table of spend by year: a calendar year, or the whole plan."""

    year: str
    effort: str
    """Person-months (`cost.number_words`)."""
    cost: str | None
    """Their cost at the team's rate; None without a rate."""
    note: str | None = None
    """On the whole plan's row: that rounded years may not add up to it (`cost.Priced.note`)."""


def months_by_year(items: Sequence[PlannedInitiative]) -> dict[int, Decimal]:
    """Person-months per calendar year: each initiative's team size as shown, for each of its
    months (its months are consecutive, from its first)."""
    spent: dict[int, Decimal] = {}
    for item in items:
        size = people(item.effort_fte)
        first = parse_month(item.start)
        for offset in range(item.duration_months):
            year = (first + offset) // 12
            spent[year] = spent.get(year, Decimal(0)) + size
    return spent


def spend_rows(plan: Plan, rate: Rate | None, words: Translator = ENGLISH) -> tuple[YearRow, ...]:
    """The plan's spend by calendar year, then the whole plan; empty when the plan works in one
    year only (the whole plan says it all)."""
    spent = months_by_year(plan.initiatives)
    if len(spent) < 2:
        return ()
    years = sorted(spent)
    costs: Sequence[str | None] = [None] * len(years)
    whole = note = None
    if rate is not None:
        costs, whole, note = money_parts([spent[y] for y in years], rate, words)
    rows = [
        YearRow(str(year), number_words(spent[year]), cost)
        for year, cost in zip(years, costs, strict=True)
    ]
    total = sum(spent.values(), Decimal(0))
    # Where the target needs work past the horizon, the summary's whole plan counts it too:
    # this row is the work planned within the horizon.
    label = (
        words.gettext("Planned to the horizon")
        if past_horizon(plan)
        else words.gettext("The whole plan")
    )
    rows.append(YearRow(label, number_words(total), whole, note))
    return tuple(rows)


def past_horizon(plan: Plan) -> bool:
    """Whether the target needs work the plan defers past its horizon (the summary's whole
    plan then counts it beside the plan's own work)."""
    options = plan.what_it_takes.options if plan.what_it_takes else None
    return options is not None and bool(options.deferred)


class Overlap(NamedTuple):
    """The later waves' work that starts while the first wave runs."""

    end: str
    """The first wave's last month, YYYY-MM."""
    wave: Decimal
    """The first wave's own person-months (`cost.person_months`): the ask."""
    initiatives: tuple[PlannedInitiative, ...]
    """That work, by start then title."""
    months: Decimal
    """Its person-months up to `end` (a team size as shown times its months by then)."""


def overlap_of(waves: Sequence[Wave]) -> Overlap | None:
    """The later waves' work that starts by the first wave's last month, with its effort in
    the first wave's months; None when none does."""
    if len(waves) < 2:
        return None
    end = max(i.end for i in waves[0].initiatives)
    last = parse_month(end)
    early = sorted(
        (i for wave in waves[1:] for i in wave.initiatives if i.start <= end),
        key=lambda i: (i.start, i.title),
    )
    if not early:
        return None
    within = sum(
        (
            people(i.effort_fte) * (min(parse_month(i.end), last) - parse_month(i.start) + 1)
            for i in early
        ),
        Decimal(0),
    )
    return Overlap(end, person_months(waves[0].initiatives), tuple(early), within)


def overlap_words(overlap: Overlap, rate: Rate | None, words: Translator = ENGLISH) -> str:
    """What it takes's note: `While the first wave runs, to Sep 2027, the plan also starts 7
    initiatives of later waves, the first “…” in Feb 2027: 68 person-months (EUR 850,000) in
    those months, not counted in the first wave's cost.`"""
    first = overlap.initiatives[0]
    return words.ngettext(
        "While the first wave runs, to %(end)s, the plan also starts %(num)s initiative of a "
        "later wave, “%(first)s” in %(month)s: %(work)s in those months, not counted in the "
        "first wave's cost.",
        "While the first wave runs, to %(end)s, the plan also starts %(num)s initiatives of "
        "later waves, the first “%(first)s” in %(month)s: %(work)s in those months, not counted "
        "in the first wave's cost.",
        len(overlap.initiatives),
        end=month_name(overlap.end, words),
        first=first.title,
        month=month_name(first.start, words),
        work=work_words(overlap.months, rate, words),
    )


def overlap_clause(overlap: Overlap, rate: Rate | None, words: Translator = ENGLISH) -> str:
    """The key facts' line under the ask: what the later waves' work that starts in the ask's
    months costs in them, beyond the ask (`overlap_words` says that work apart): `Later waves
    by Sep 2027: EUR 775,000 more` (person-months without a rate). A sum of the two read as the
    later waves' cost."""
    return words.gettext(
        "Later waves by %(month)s: %(amount)s",
        month=month_name(overlap.end, words),
        amount=amount_words(overlap.months, rate, words),
    )
