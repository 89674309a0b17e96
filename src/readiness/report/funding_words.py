"""What the first wave's money buys, in words: the summary's sentence and What it takes's
table of the split (`readiness.report.funding`)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from readiness.report.cost import Rate, money_words, number_words, work_words
from readiness.report.funding import FundingPart, FundingSplit
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import and_words


class FundingRow(NamedTuple):
    """A line of What it takes's table of the funded work: a part, or the whole."""

    part: str
    initiatives: int
    effort: str
    """Person-months (`cost.number_words`)."""
    cost: str | None
    """Its cost at the team's rate; None without a rate."""
    detail: str | None = None
    """How many of its initiatives are there as work the others build on (None: none)."""


def _amount(months: Decimal, rate: Rate | None, words: Translator) -> str:
    """A part's money at the rate, else its person-months. Rounded as every amount of the
    report is (`money_words`), without a second "about": the whole, said just before, has it."""
    if rate is None:
        return work_words(months, None, words)
    return money_words(float(months) * rate.per_month, rate.currency, words)


def _rest_words(part: FundingPart, words: Translator, *, label: bool = False) -> str:
    """What the rest answers: other findings, higher practice levels (toward the target), or
    both; as a clause of the sentence, or as the label of its row (`label`)."""
    findings = any(r.kind == "rule" for i in part.initiatives for r in i.why)
    if findings and part.gaps:
        if label:
            return words.gettext("Other findings and higher practice levels")
        return words.gettext("the other findings and higher practice levels")
    if part.gaps:
        if label:
            return words.gettext("Higher practice levels")
        return words.gettext("higher practice levels")
    if findings:
        return words.gettext("Other findings") if label else words.gettext("the other findings")
    return words.gettext("Other work") if label else words.gettext("the other work")


def split_words(split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH) -> str | None:
    """The funded work by part in one sentence, in money at `rate`, else in person-months:
    `Of it, USD 2.16 million closes what department scale still requires (5 initiatives),
    USD 3.03 million answers 5 of the 8 high-severity findings and USD 4.83 million goes to the other
    findings and higher practice levels.` None when the work is all one part."""
    if len(split.parts) < 2:
        return None
    clauses = [_clause(part, split, rate, words) for part in split.parts]
    return words.gettext("Of it, %(parts)s.", parts=and_words(clauses, words))


def _clause(part: FundingPart, split: FundingSplit, rate: Rate | None, words: Translator) -> str:
    """One part of `split_words`: an amount of money takes `closes`, person-months `close`."""
    amount = _amount(part.fte_months, rate, words)
    money = rate is not None
    if part.kind == "rest":
        what = _rest_words(part, words)
        if money:
            return words.gettext("%(amount)s goes to %(what)s", amount=amount, what=what)
        return words.gettext("%(amount)s go to %(what)s", amount=amount, what=what)
    if part.kind == "required":
        count = len(part.initiatives)
        stage = (split.stage or "").lower()
        if money:
            return words.ngettext(
                "%(amount)s closes what %(stage)s still requires (%(num)s initiative)",
                "%(amount)s closes what %(stage)s still requires (%(num)s initiatives)",
                count,
                amount=amount,
                stage=stage,
            )
        return words.ngettext(
            "%(amount)s close what %(stage)s still requires (%(num)s initiative)",
            "%(amount)s close what %(stage)s still requires (%(num)s initiatives)",
            count,
            amount=amount,
            stage=stage,
        )
    if not part.findings:
        # Its work is there for high-severity findings whose own work comes in a later wave.
        if money:
            return words.gettext(
                "%(amount)s prepares the answers to high-severity findings", amount=amount
            )
        return words.gettext(
            "%(amount)s prepare the answers to high-severity findings", amount=amount
        )
    answered, of = len(part.findings), split.high_findings
    # All of them, or how many of how many: the summary's findings count them all.
    if money and answered == of:
        return words.ngettext(
            "%(amount)s answers the %(num)s high-severity finding",
            "%(amount)s answers the %(num)s high-severity findings",
            answered,
            amount=amount,
        )
    if money:
        return words.ngettext(
            "%(amount)s answers %(num)s of the %(all)s high-severity findings",
            "%(amount)s answers %(num)s of the %(all)s high-severity findings",
            answered,
            amount=amount,
            all=of,
        )
    if answered == of:
        return words.ngettext(
            "%(amount)s answer the %(num)s high-severity finding",
            "%(amount)s answer the %(num)s high-severity findings",
            answered,
            amount=amount,
        )
    return words.ngettext(
        "%(amount)s answer %(num)s of the %(all)s high-severity findings",
        "%(amount)s answer %(num)s of the %(all)s high-severity findings",
        answered,
        amount=amount,
        all=of,
    )


def split_rows(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[FundingRow, ...]:
    """What it takes's table of the funded work: a row per part, then the whole (empty when
    the work is all one part, as the summary then says nothing more)."""
    if len(split.parts) < 2:
        return ()
    rows = []
    for part in split.parts:
        if part.kind == "required":
            label = words.gettext(
                "What %(stage)s still requires", stage=(split.stage or "").lower()
            )
        elif part.kind == "high":
            answered, of = len(part.findings), split.high_findings
            label = (
                words.gettext("Prerequisites of high-severity findings")
                if not part.findings
                else words.ngettext(
                    "The %(num)s high-severity finding",
                    "The %(num)s high-severity findings",
                    answered,
                )
                if answered == of
                else words.ngettext(
                    "%(num)s of the %(all)s high-severity findings",
                    "%(num)s of the %(all)s high-severity findings",
                    answered,
                    all=of,
                )
            )
        else:
            label = _rest_words(part, words, label=True)
        row = _row(label, len(part.initiatives), part.fte_months, rate, words)
        if part.prerequisites:
            row = row._replace(
                detail=words.ngettext(
                    "including %(num)s initiative the others build on",
                    "including %(num)s initiatives the others build on",
                    part.prerequisites,
                )
            )
        rows.append(row)
    count = sum(len(p.initiatives) for p in split.parts)
    rows.append(_row(words.gettext("The first wave"), count, split.fte_months, rate, words))
    return tuple(rows)


def _row(
    label: str, count: int, months: Decimal, rate: Rate | None, words: Translator
) -> FundingRow:
    cost = None if rate is None else _amount(months, rate, words)
    return FundingRow(label, count, number_words(months), cost)
