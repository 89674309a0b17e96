"""What the first wave's money buys, in words: the summary's sentence, What it takes's table of
the split and the lines under it (`readiness.report.funding`).

Every amount of a part is said at the precision of the whole and rounded so that the parts shown
add up to the whole shown (`cost.money_parts`); person-months are tenths and add up as they are.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.report.cost import (
    Rate,
    amount_words,
    money_parts,
    number_words,
    person_months,
    rate_words,
    work_words,
)
from readiness.report.funding import FundingPart, FundingSplit
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import and_words, month_name

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


def _amounts(
    split: FundingSplit, rate: Rate | None, words: Translator
) -> tuple[tuple[str, ...], str]:
    """Each part's amount and the whole's: money at the rate (adding up as shown), else
    person-months."""
    months = [p.fte_months for p in split.parts]
    if rate is not None:
        return money_parts(months, rate, words)
    return tuple(work_words(m, None, words) for m in months), work_words(
        split.fte_months, None, words
    )


def _rest_words(part: FundingPart, words: Translator) -> str:
    """What the rest is for when no part is required (at the last stage): other findings,
    other practices (toward the target), or both."""
    findings = any(r.kind == "rule" for i in part.initiatives for r in i.why)
    if findings and part.gaps:
        return words.gettext("other findings and practices")
    if part.gaps:
        return words.gettext("other practices")
    return words.gettext("other findings") if findings else words.gettext("other work")


def split_words(split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH) -> str | None:
    """The funded work by part in one sentence, in money at `rate`, else in person-months:
    `Of this, USD 2.17 million is the minimum department scale requires (5 initiatives); USD
    3.03 million fixes 5 high-severity findings; USD 4.83 million goes to improvements beyond
    the minimum and can be phased without delaying department scale.` None when the work is all
    one part."""
    if len(split.parts) < 2:
        return None
    amounts, _ = _amounts(split, rate, words)
    required = any(p.kind == "required" for p in split.parts)
    clauses = [
        _clause(part, amount, split, rate is not None, required, words)
        for part, amount in zip(split.parts, amounts, strict=True)
    ]
    # TRANSLATORS: the parts of the funded work, separated by semicolons.
    return words.gettext("Of this, %(parts)s.", parts="; ".join(clauses))


def _clause(
    part: FundingPart,
    amount: str,
    split: FundingSplit,
    money: bool,
    required: bool,
    words: Translator,
) -> str:
    """One part of `split_words`: an amount of money takes `is`, person-months `are`."""
    stage = (split.stage or "").lower()
    count = len(part.initiatives)
    if part.kind == "required":
        if money:
            return words.ngettext(
                "%(amount)s is the minimum %(stage)s requires (%(num)s initiative)",
                "%(amount)s is the minimum %(stage)s requires (%(num)s initiatives)",
                count,
                amount=amount,
                stage=stage,
            )
        return words.ngettext(
            "%(amount)s are the minimum %(stage)s requires (%(num)s initiative)",
            "%(amount)s are the minimum %(stage)s requires (%(num)s initiatives)",
            count,
            amount=amount,
            stage=stage,
        )
    if part.kind == "high":
        return _high_clause(part, amount, split, money, words)
    if not required:
        what = _rest_words(part, words)
        if money:
            return words.gettext("%(amount)s goes to %(what)s", amount=amount, what=what)
        return words.gettext("%(amount)s go to %(what)s", amount=amount, what=what)
    if split.reached_by is not None:
        if money:
            return words.gettext(
                "%(amount)s goes to improvements beyond the minimum and can be phased without "
                "delaying %(stage)s",
                amount=amount,
                stage=stage,
            )
        return words.gettext(
            "%(amount)s go to improvements beyond the minimum and can be phased without "
            "delaying %(stage)s",
            amount=amount,
            stage=stage,
        )
    if money:
        return words.gettext(
            "%(amount)s goes to improvements beyond the minimum and is not needed for %(stage)s",
            amount=amount,
            stage=stage,
        )
    return words.gettext(
        "%(amount)s go to improvements beyond the minimum and are not needed for %(stage)s",
        amount=amount,
        stage=stage,
    )


def _high_clause(
    part: FundingPart, amount: str, split: FundingSplit, money: bool, words: Translator
) -> str:
    """The high-severity part: how many findings it fixes (all of them, or a count that does
    not read as a share: What it takes says which the first wave leaves for later)."""
    if not part.findings:
        # Its work is there for high-severity findings whose own work comes in a later wave.
        if money:
            return words.gettext(
                "%(amount)s prepares the fixes of high-severity findings", amount=amount
            )
        return words.gettext(
            "%(amount)s prepare the fixes of high-severity findings", amount=amount
        )
    fixed = len(part.findings)
    every = fixed == split.high_findings
    if money and every:
        return words.ngettext(
            "%(amount)s fixes the %(num)s high-severity finding",
            "%(amount)s fixes the %(num)s high-severity findings",
            fixed,
            amount=amount,
        )
    if money:
        return words.ngettext(
            "%(amount)s fixes %(num)s high-severity finding",
            "%(amount)s fixes %(num)s high-severity findings",
            fixed,
            amount=amount,
        )
    if every:
        return words.ngettext(
            "%(amount)s fix the %(num)s high-severity finding",
            "%(amount)s fix the %(num)s high-severity findings",
            fixed,
            amount=amount,
        )
    return words.ngettext(
        "%(amount)s fix %(num)s high-severity finding",
        "%(amount)s fix %(num)s high-severity findings",
        fixed,
        amount=amount,
    )


def split_rows(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[FundingRow, ...]:
    """What it takes's table of the funded work: a row per part, then the whole (empty when
    the work is all one part, as the summary then says nothing more)."""
    if len(split.parts) < 2:
        return ()
    costs: tuple[str | None, ...] = (None,) * len(split.parts)
    whole = None
    if rate is not None:
        costs, whole = money_parts([p.fte_months for p in split.parts], rate, words)
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
        FundingRow(words.gettext("The first wave"), count, number_words(split.fte_months), whole)
    )
    return tuple(rows)


def _label(part: FundingPart, split: FundingSplit, required: bool, words: Translator) -> str:
    """A part's row label, as the sentence names it."""
    if part.kind == "required":
        return words.gettext("The minimum %(stage)s requires", stage=(split.stage or "").lower())
    if part.kind == "rest":
        if required:
            return words.gettext("Improvements beyond the minimum")
        said = _rest_words(part, words)
        return said[:1].upper() + said[1:]
    if not part.findings:
        return words.gettext("Preparing the fixes of high-severity findings")
    fixed = len(part.findings)
    if fixed == split.high_findings:
        return words.ngettext(
            "Fixing the %(num)s high-severity finding",
            "Fixing the %(num)s high-severity findings",
            fixed,
        )
    return words.ngettext(
        "Fixing %(num)s high-severity finding", "Fixing %(num)s high-severity findings", fixed
    )


def split_notes(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """The lines under What it takes's table: which high-severity findings the first wave
    fixes and when the work on the others starts; with a rate, what the cost counts (the
    team's effort at the assessment's rate, work under way included) and what it leaves out."""
    if len(split.parts) < 2:
        return ()
    notes = [_fixed_words(split, words)] if split.high_findings else []
    if rate is not None:
        notes.append(_basis_words(split, rate, words))
    return tuple(n for n in notes if n)


def _fixed_words(split: FundingSplit, words: Translator) -> str:
    """`The first wave fixes 6 of the 8 high-severity findings, 1 of them with the minimum
    department scale requires. The other 2 wait for work outside it: “…” (from Feb 2028) and “…” (from Aug
    2028).`"""
    of = split.high_findings
    fixed = of - len(split.waiting)
    if fixed == of:
        said = words.ngettext(
            "The first wave fixes the one high-severity finding",
            "The first wave fixes every one of the %(num)s high-severity findings",
            of,
        )
    elif fixed:
        said = words.ngettext(
            "The first wave fixes %(num)s of the %(all)s high-severity findings",
            "The first wave fixes %(num)s of the %(all)s high-severity findings",
            fixed,
            all=of,
        )
    else:
        said = words.gettext("The first wave fixes none of the high-severity findings")
    within = split.fixed_by_required
    stage = (split.stage or "").lower()
    if fixed and within:
        part = (
            words.gettext("all of them with the minimum %(stage)s requires", stage=stage)
            if within >= fixed
            else words.ngettext(
                "%(num)s of them with the minimum %(stage)s requires",
                "%(num)s of them with the minimum %(stage)s requires",
                within,
                stage=stage,
            )
        )
        said = words.gettext("%(fixed)s, %(within)s.", fixed=said, within=part)
    else:
        said = words.gettext("%(fixed)s.", fixed=said)
    if not split.waiting:
        return said
    listed = [
        words.gettext(
            "“%(finding)s” (from %(month)s)", finding=w.title, month=month_name(w.start, words)
        )
        if w.start is not None
        else words.gettext("“%(finding)s” (no work planned yet)", finding=w.title)
        for w in split.waiting
    ]
    findings = and_words(listed, words)
    waits = (
        words.ngettext(
            "The other %(num)s waits for work outside it: %(findings)s.",
            "The other %(num)s wait for work outside it: %(findings)s.",
            len(listed),
            findings=findings,
        )
        if fixed
        else words.gettext("Their work starts outside it: %(findings)s.", findings=findings)
    )
    return f"{said} {waits}"


def _basis_words(split: FundingSplit, rate: Rate, words: Translator) -> str:
    """What the cost is: the team's effort at the rate the assessment gives; what it leaves
    out; and how much of it is work already under way, when some is."""
    said = words.gettext(
        "The cost is the team's effort at %(rate)s, the rate given for this assessment; "
        "software, cloud and contingency are not included.",
        rate=rate_words(rate, words),
    )
    under_way = [i for p in split.parts for i in p.initiatives if i.status == "in_progress"]
    if not under_way:
        return said
    counted = words.ngettext(
        "Work already under way is counted: %(num)s initiative, %(work)s.",
        "Work already under way is counted: %(num)s initiatives, %(work)s.",
        len(under_way),
        work=work_words(person_months(under_way), rate, words),
    )
    return f"{said} {counted}"


def part_labels(split: FundingSplit | None, words: Translator = ENGLISH) -> dict[str, str]:
    """What each first-wave initiative outside the minimum is for, as the split says it (the
    list of every initiative labels it so, not by the stage its wave reaches): `fixes a
    high-severity finding`, `beyond the minimum for department scale; can be phased`. Empty
    when the split says nothing of parts (all one part); the minimum's initiatives, and the rest
    at the last stage (where nothing is the minimum), keep the label of what their wave
    reaches."""
    if split is None or len(split.parts) < 2:
        return {}
    stage = (split.stage or "").lower()
    required = any(p.kind == "required" for p in split.parts)
    labels: dict[str, str] = {}
    for part in split.parts:
        if part.kind == "required" or (part.kind == "rest" and not required):
            continue
        for item in part.initiatives:
            if part.kind == "rest":
                labels[item.id] = (
                    words.gettext("beyond the minimum for %(stage)s, can be phased", stage=stage)
                    if split.reached_by is not None
                    else words.gettext("beyond the minimum, not needed for %(stage)s", stage=stage)
                )
                continue
            fixed = {r.rule for r in item.why if r.rule in part.findings}
            labels[item.id] = (
                words.ngettext(
                    "fixes a high-severity finding",
                    "fixes %(num)s high-severity findings",
                    len(fixed),
                )
                if fixed
                else words.gettext("prepares the fix of a high-severity finding")
            )
    return labels
