"""Effort in money: what the plan's person-months cost at the delivery team's monthly rate
(`team: {cost_per_fte_month: 15000, currency: EUR}` in the assessment). Without a rate the report
says person-months only; no amount is ever invented."""

from __future__ import annotations

from typing import NamedTuple

from readiness.model import Assessment
from readiness.report.i18n import ENGLISH, Translator


class Rate(NamedTuple):
    """What one full-time person costs a month."""

    per_month: float
    currency: str


def team_rate(assessment: Assessment) -> Rate | None:
    """The delivery team's rate, when the assessment gives one."""
    team = assessment.team
    if team is None or team.cost_per_fte_month is None or team.currency is None:
        return None
    return Rate(team.cost_per_fte_month, team.currency)


def money_words(amount: float, currency: str, words: Translator = ENGLISH) -> str:
    """`EUR 11.6 million`, `EUR 850,000` (three significant figures at most)."""
    if amount >= 999_500:
        millions = round(amount / 1_000_000, 1 if amount < 99_950_000 else 0)
        return words.gettext(
            "%(currency)s %(amount)s million", currency=currency, amount=f"{millions:,g}"
        )
    rounded = round(amount, -3) if amount >= 10_000 else round(amount, -2)
    return words.gettext("%(currency)s %(amount)s", currency=currency, amount=f"{round(rounded):,}")


def cost_words(person_months: float, rate: Rate | None, words: Translator = ENGLISH) -> str | None:
    """What `person_months` of work cost at `rate`; None without a rate."""
    if rate is None:
        return None
    return money_words(person_months * rate.per_month, rate.currency, words)


def work_words(person_months: float, rate: Rate | None, words: Translator = ENGLISH) -> str:
    """`about 776 person-months`, with its cost when the rate is known:
    `about 776 person-months (EUR 11.6 million)`."""
    work = words.gettext("about %(work)s person-months", work=format(round(person_months), ","))
    cost = cost_words(person_months, rate, words)
    if cost is None:
        return work
    return words.gettext("%(work)s (%(cost)s)", work=work, cost=cost)
