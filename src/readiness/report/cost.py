"""Effort in money: what the plan's person-months cost at the delivery team's monthly rate
(`team: {cost_per_fte_month: 15000, currency: EUR}` in the assessment). Without a rate the report
says person-months only; no amount is ever invented."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, Protocol

from readiness.model import Assessment
from readiness.report.i18n import ENGLISH, Translator


class Rate(NamedTuple):
    """What one full-time person costs a month."""

    per_month: float
    currency: str


class Staffed(Protocol):
    """Planned work with a team size and a duration (a planned initiative)."""

    @property
    def effort_fte(self) -> float: ...

    @property
    def duration_months(self) -> int: ...


TENTH = Decimal("0.1")


def people(fte: float) -> Decimal:
    """A team size as the report shows it: to one decimal, halves rounded up (`1.5`, `2.4`).
    Every person-month figure of the report is computed from this figure, so what a reader
    multiplies out is what the report adds up."""
    return Decimal(str(fte)).quantize(TENTH, rounding=ROUND_HALF_UP)


def person_months(items: Iterable[Staffed]) -> Decimal:
    """The person-months of `items` as shown: each team size as shown times its months, summed
    (no further rounding, so a total is the sum of its parts)."""
    return sum((people(i.effort_fte) * i.duration_months for i in items), Decimal(0))


def number_words(value: Decimal | float) -> str:
    """A figure to at most one decimal, with thousands separators: `3`, `4.5`, `1,295.2`."""
    tenth = Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
    return f"{tenth:,.0f}" if tenth == tenth.to_integral_value() else f"{tenth:,.1f}"


def team_rate(assessment: Assessment) -> Rate | None:
    """The delivery team's rate, when the assessment gives one."""
    team = assessment.team
    if team is None or team.cost_per_fte_month is None or team.currency is None:
        return None
    return Rate(team.cost_per_fte_month, team.currency)


MILLION = Decimal(1_000_000)
ROUNDED_TO = Decimal(10_000)
"""Amounts from `MILLION` up are said to the nearest `ROUNDED_TO`, with "about"."""


def money_words(amount: float, currency: str, words: Translator = ENGLISH) -> str:
    """An amount by the one rounding rule of the report: below a million, exact to the whole
    unit (`EUR 125,000`, `EUR 47,250`: the figure a reader multiplies out); from a million, to
    the nearest 10,000, in millions (`EUR 9.76 million`; `cost_words` says it with "about")."""
    shown = _shown(Decimal(str(max(amount, 0.0))))
    if shown < MILLION:
        return words.gettext("%(currency)s %(amount)s", currency=currency, amount=f"{int(shown):,}")
    millions = (shown / MILLION).normalize()
    return words.gettext(
        "%(currency)s %(amount)s million", currency=currency, amount=f"{millions:,f}"
    )


def _shown(amount: Decimal) -> Decimal:
    """The figure `money_words` shows for an amount: to the whole unit, or from a million to
    `ROUNDED_TO`."""
    whole = _rounded(amount)
    return whole if whole < MILLION else _rounded(whole / ROUNDED_TO) * ROUNDED_TO


def _rounded(value: Decimal) -> Decimal:
    return value.quantize(Decimal(1), rounding=ROUND_HALF_UP)


class Priced(NamedTuple):
    """Several parts of a whole and the whole, in money (`money_parts`)."""

    parts: tuple[str, ...]
    """Each part's own amount: its person-months at the rate (`money_words`)."""
    whole: str
    """The sum of the parts' exact amounts, said by the same rule."""
    note: str | None
    """When some amount is shown rounded, the line that says the parts may not add up to the
    whole as shown; None when every amount is shown exactly (they then add up)."""


def money_parts(months: Sequence[Decimal], rate: Rate, words: Translator = ENGLISH) -> Priced:
    """The cost of several parts of a whole, and of the whole, where they are shown together.
    Each part is what its own person-months give at the rate, never moved to make the parts
    add up to a rounded whole (a reader multiplies a row out and gets the figure shown); the
    whole is the sum of the exact amounts, rounded alike. When some amount is shown rounded,
    `note` says so."""
    per_month = Decimal(str(rate.per_month))
    amounts = [m * per_month for m in months]
    whole = sum(amounts, Decimal(0))
    exact = all(_shown(a) == a for a in (*amounts, whole))
    return Priced(
        tuple(money_words(float(a), rate.currency, words) for a in amounts),
        money_words(float(whole), rate.currency, words),
        None
        if exact
        else words.gettext("Amounts are rounded, so the parts may not add up to the total."),
    )


def approximate(amount: float) -> bool:
    """Whether `money_words` rounds the amount (it is a million or more)."""
    return _rounded(Decimal(str(max(amount, 0.0)))) >= MILLION


def rate_words(rate: Rate, words: Translator = ENGLISH) -> str:
    """The rate as the client agreed it, unrounded: `EUR 12,500 a person-month`."""
    return words.gettext(
        "%(currency)s %(amount)s a person-month",
        currency=rate.currency,
        amount=f"{rate.per_month:,.0f}"
        if rate.per_month == int(rate.per_month)
        else f"{rate.per_month:,.2f}",
    )


def basis_words(rate: Rate, words: Translator = ENGLISH, *, headed: bool = False) -> str:
    """What every amount of the report counts, said wherever amounts are given: `Team effort
    at EUR 12,500 a person-month; software, cloud and contingency not included.` `headed`: for
    the key facts, whose column is headed "Funding: team effort" under the sentence that gives
    the rate, only what is left out: `No software, cloud or contingency.`"""
    if headed:
        return words.gettext("No software, cloud or contingency.")
    return words.gettext(
        "Team effort at %(rate)s; software, cloud and contingency not included.",
        rate=rate_words(rate, words),
    )


def cost_words(
    months: Decimal | float, rate: Rate | None, words: Translator = ENGLISH
) -> str | None:
    """What `months` person-months of work cost at `rate` (`money_words`, with "about" when
    rounded: `EUR 125,000`, `about EUR 9.76 million`); None without a rate."""
    if rate is None:
        return None
    amount = float(months) * rate.per_month
    said = money_words(amount, rate.currency, words)
    # TRANSLATORS: a rounded amount of money, e.g. "about EUR 9.76 million".
    return words.gettext("about %(amount)s", amount=said) if approximate(amount) else said


def work_words(months: Decimal | float, rate: Rate | None, words: Translator = ENGLISH) -> str:
    """`32.5 person-months` (the figure as `number_words` shows it), with its cost when the rate
    is known: `10 person-months (EUR 125,000)`, `781 person-months (about EUR 9.76 million)`."""
    work = words.ngettext(
        "%(work)s person-month",
        "%(work)s person-months",
        1 if months == 1 else 2,
        work=number_words(months),
    )
    cost = cost_words(months, rate, words)
    if cost is None:
        return work
    return words.gettext("%(work)s (%(cost)s)", work=work, cost=cost)


def amount_words(months: Decimal | float, rate: Rate | None, words: Translator = ENGLISH) -> str:
    """What `months` person-months come to, said once: their cost at `rate` (`EUR 187,500`,
    `about EUR 3.61 million`), else the person-months (`15 person-months`)."""
    return cost_words(months, rate, words) or work_words(months, None, words)
