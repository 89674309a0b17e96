"""What it takes's table of the first wave's funded work: a row per part (the minimum the stage
requires, the high-severity fixes, the rest) with its initiatives, person-months and cost, then
the whole; the parts are named as the summary's sentence names them (`funding_words`).

Every amount is what its own person-months cost at the rate; the whole is the sum of the exact
amounts, rounded alike, with a note when rounding may show a gap (`cost.money_parts`).
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.report.cost import Rate, amount_words, money_parts, number_words, person_months
from readiness.report.funding import FundingPart, FundingSplit
from readiness.report.funding_words import containing, minimum_words, rest_words
from readiness.report.i18n import ENGLISH, Translator

NAMED_PHASEABLE = 5
"""The most initiatives that can be phased What it takes's table names, each with its effort."""


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
    note: str | None = None
    """On the whole's row: that rounded parts may not add up to it (`cost.Priced.note`)."""


def split_rows(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[FundingRow, ...]:
    """What it takes's table of the funded work: a row per part, then the whole (empty when
    the work is all one part, as the summary then says nothing more)."""
    if len(split.parts) < 2:
        return ()
    costs: tuple[str | None, ...] = (None,) * len(split.parts)
    whole = note = None
    if rate is not None:
        costs, whole, note = money_parts([p.fte_months for p in split.parts], rate, words)
    required = any(p.kind == "required" for p in split.parts)
    rows = []
    for part, cost in zip(split.parts, costs, strict=True):
        row = FundingRow(
            _label(part, split, required, words),
            len(part.initiatives),
            number_words(part.fte_months),
            cost,
        )
        if part.kind == "rest" and required and len(part.initiatives) <= NAMED_PHASEABLE:
            # What could be phased, named, so the choice is made on the work, not on a sum.
            row = row._replace(
                detail="; ".join(
                    (
                        words.gettext(
                            "%(initiative)s: %(amount)s, under way",
                            initiative=i.title,
                            amount=amount_words(person_months((i,)), rate, words),
                        )
                        if i.status == "in_progress"
                        else words.gettext(
                            "%(initiative)s: %(amount)s",
                            initiative=i.title,
                            amount=amount_words(person_months((i,)), rate, words),
                        )
                    )
                    for i in part.initiatives
                )
            )
        elif part.prerequisites:
            row = row._replace(
                detail=words.ngettext(
                    "including %(num)s initiative the others build on",
                    "including %(num)s initiatives the others build on",
                    part.prerequisites,
                )
            )
        rows.append(row)
    count = sum(len(p.initiatives) for p in split.parts)
    rows.append(
        FundingRow(
            words.gettext("The first wave"),
            count,
            number_words(split.fte_months),
            whole,
            None,
            note,
        )
    )
    return tuple(rows)


def _label(part: FundingPart, split: FundingSplit, required: bool, words: Translator) -> str:
    """A part's row label, as the sentence names it."""
    if part.kind == "required":
        said = minimum_words(split, words)
        return said[:1].upper() + said[1:]
    if part.kind == "rest":
        if required:
            return (
                words.gettext("Improvements beyond the minimum")
                if split.least
                else words.gettext("Other improvements")
            )
        said = rest_words(part, words)
        return said[:1].upper() + said[1:]
    if not part.findings:
        return words.gettext("Preparing the fixes of high-severity findings")
    fixed = len(part.findings)
    if containing(part, split):
        return words.ngettext(
            "Earlier containment of %(num)s high-severity finding",
            "Earlier containment of %(num)s high-severity findings",
            fixed,
        )
    if fixed == split.high_findings:
        return words.ngettext(
            "Fixing the %(num)s high-severity finding",
            "Fixing the %(num)s high-severity findings",
            fixed,
        )
    return words.ngettext(
        "Fixing %(num)s high-severity finding", "Fixing %(num)s high-severity findings", fixed
    )
