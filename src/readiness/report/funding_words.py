"""What the first wave's money buys, in words: the summary's sentence (the ask in tiers: what
the stage needs and the high-severity fixes, work under way, improvements that could wait) and
What it takes's table of the split (`readiness.report.funding`; the lines under the table:
`funding_notes`).

Every amount is what its own person-months cost at the rate, never moved to make parts add up
to a rounded whole; a whole is the sum of the exact amounts, rounded alike, and a note says when
rounding may show a gap (`cost.money_parts`). Person-months are tenths and add up as they are.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.plan.records import PlannedInitiative
from readiness.report.cost import (
    Rate,
    amount_words,
    money_parts,
    number_words,
    person_months,
)
from readiness.report.fixing import Contained
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
    note: str | None = None
    """On the whole's row: that rounded parts may not add up to it (`cost.Priced.note`)."""


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
    """The funded work in tiers, in money at `rate`, else in person-months: what the stage
    cannot do without (the minimum it requires and the high-severity fixes, each with its own
    amount, as What it takes's table gives them), the work already under way, and the
    improvements that could wait without delaying the stage, with the month the plan starts
    them (the ask funds them from then; waiting is the committee's choice): `Of this, USD 1.24
    million is for the minimum department scale requires and about USD 3.31 million for 5
    high-severity fixes; about USD 5.48 million goes to improvements from Jan 2027 that could
    wait without delaying department scale.` Each amount is its own work's
    (`cost.amount_words`). None when the work is all one part."""
    if len(split.parts) < 2:
        return None
    rest = next((p for p in split.parts if p.kind == "rest"), None)
    now = [p for p in split.parts if p.kind != "rest"]
    if rest is None:
        return words.gettext(
            "All of it goes to %(what)s.",
            what=and_words([purpose_words(p, split, words, named=True) for p in now], words),
        )
    # Each part approved now with its own amount: the minimum's is What it takes's figure.
    others = [
        words.gettext(
            "%(amount)s for %(what)s",
            amount=amount_words(p.fte_months, rate, words),
            what=purpose_words(p, split, words, named=True),
        )
        for p in now[1:]
    ]
    what = and_words([purpose_words(now[0], split, words, named=True), *others], words)
    amount = amount_words(now[0].fte_months, rate, words)
    said = [words.gettext("Of this, %(amount)s is for %(what)s", amount=amount, what=what)]
    under_way = tuple(i for i in rest.initiatives if i.status == "in_progress")
    if under_way and any(i.status == "in_progress" for p in now for i in p.initiatives):
        # Some work under way is in what the stage cannot do without: this is the other.
        amount = amount_words(person_months(under_way), rate, words)
        said.append(
            words.gettext("%(amount)s continues other work already under way", amount=amount)
            if rate is not None
            else words.gettext("%(amount)s continue other work already under way", amount=amount)
        )
    elif under_way:
        amount = amount_words(person_months(under_way), rate, words)
        said.append(
            words.gettext("%(amount)s continues work already under way", amount=amount)
            if rate is not None
            else words.gettext("%(amount)s continue work already under way", amount=amount)
        )
    later = tuple(i for i in rest.initiatives if i.status != "in_progress")
    if later:
        said.append(_later_words(later, rest, split, rate, words))
    # TRANSLATORS: the tiers of the funding decision, separated by semicolons.
    return words.gettext("%(tiers)s.", tiers="; ".join(said))


def minimum_words(split: FundingSplit, words: Translator = ENGLISH) -> str:
    """The required part by name: `the minimum department scale requires` when it is the
    proven least work that reaches the stage (`FundingSplit.least`); else `the work department
    scale asks for` (no larger set is called the minimum)."""
    stage = (split.stage or "").lower()
    if split.least:
        return words.gettext("the minimum %(stage)s requires", stage=stage)
    return words.gettext("the work %(stage)s asks for", stage=stage)


def purpose_words(
    part: FundingPart, split: FundingSplit, words: Translator, *, named: bool = False
) -> str:
    """What a part approved now is for: `the minimum` (`named`: `the minimum department scale
    requires`, when the sentence does not name the stage: `minimum_words`), `5 high-severity
    fixes` (What it takes's table counts their initiatives), and what the part only contains:
    `1 high-severity fix and 2 live exposures contained until their lasting fixes (from Aug
    2027)` (`named`; else without when the lasting fixes come)."""
    return and_words(purpose_clauses(part, split, words, named=named), words)


def purpose_clauses(
    part: FundingPart, split: FundingSplit, words: Translator, *, named: bool = False
) -> list[str]:
    """`purpose_words` as its clauses, for a list that names several parts."""
    if part.kind == "required":
        return [minimum_words(split, words) if named else words.gettext("the minimum")]
    if not part.findings and not part.contained:
        return [words.gettext("groundwork for high-severity fixes")]
    said = [_fixes_words(len(part.findings), split, words)] if part.findings else []
    if part.contained:
        said.append(_contained_words(part.contained, words, until=named))
    return said


def _fixes_words(fixed: int, split: FundingSplit, words: Translator) -> str:
    """`5 high-severity fixes`, `the 2 high-severity fixes` when they are all of them."""
    if fixed == split.high_findings:
        return words.ngettext("the high-severity fix", "the %(num)s high-severity fixes", fixed)
    return words.ngettext("%(num)s high-severity fix", "%(num)s high-severity fixes", fixed)


def _contained_words(contained: tuple[Contained, ...], words: Translator, *, until: bool) -> str:
    """`2 live exposures contained`, with (`until`) when their lasting fixes start: `until their
    lasting fixes (from Aug 2027)`, the first of them; `, no lasting fix planned yet` when none
    is planned."""
    count = len(contained)
    starts = [c.lasting for c in contained if c.lasting is not None]
    if not until:
        return words.ngettext(
            "%(num)s live exposure contained",
            "%(num)s live exposures contained",
            count,
        )
    if not starts:
        return words.ngettext(
            "%(num)s live exposure contained, no lasting fix planned yet",
            "%(num)s live exposures contained, no lasting fix planned yet",
            count,
        )
    month = month_name(min(starts), words)
    if len(starts) < count:
        return words.gettext(
            "%(num)s live exposures contained until lasting fixes (the first from %(month)s; "
            "not all planned yet)",
            num=count,
            month=month,
        )
    return words.ngettext(
        "%(num)s live exposure contained until its lasting fix (from %(month)s)",
        "%(num)s live exposures contained until their lasting fixes (from %(month)s)",
        count,
        month=month,
    )


def _later_words(
    later: tuple[PlannedInitiative, ...],
    rest: FundingPart,
    split: FundingSplit,
    rate: Rate | None,
    words: Translator,
) -> str:
    """The rest not yet under way: when the plan starts it, and that it could wait."""
    amount = amount_words(person_months(later), rate, words)
    month = month_name(min(i.start for i in later), words)
    stage = (split.stage or "").lower()
    if not any(p.kind == "required" for p in split.parts):
        return words.gettext(
            "%(amount)s goes to %(what)s, from %(month)s",
            amount=amount,
            what=_rest_words(rest, words),
            month=month,
        )
    if split.reached_by is not None:
        return words.gettext(
            "%(amount)s goes to improvements from %(month)s that could wait "
            "without delaying %(stage)s",
            amount=amount,
            month=month,
            stage=stage,
        )
    return words.gettext(
        "%(amount)s goes to improvements from %(month)s; %(stage)s does not need them",
        amount=amount,
        month=month,
        stage=stage,
    )


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


def rest_label(split: FundingSplit, words: Translator = ENGLISH) -> str:
    """The row label of the work beyond what is approved now, as What it takes's table shows
    it (`split_rows`)."""
    required = any(p.kind == "required" for p in split.parts)
    rest = next(p for p in split.parts if p.kind == "rest")
    return _label(rest, split, required, words)


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
        said = _rest_words(part, words)
        return said[:1].upper() + said[1:]
    if not part.findings and not part.contained:
        return words.gettext("Preparing the fixes of high-severity findings")
    labels = [_fixing_label(len(part.findings), split, words)] if part.findings else []
    if part.contained:
        labels.append(
            words.ngettext(
                "containing %(num)s live exposure",
                "containing %(num)s live exposures",
                len(part.contained),
            )
        )
    label = and_words(labels, words)
    return label[:1].upper() + label[1:]


def _fixing_label(fixed: int, split: FundingSplit, words: Translator) -> str:
    """`fixing 5 high-severity findings`, `fixing the 2 ...` when they are all of them."""
    if fixed == split.high_findings:
        return words.ngettext(
            "fixing the %(num)s high-severity finding",
            "fixing the %(num)s high-severity findings",
            fixed,
        )
    return words.ngettext(
        "fixing %(num)s high-severity finding", "fixing %(num)s high-severity findings", fixed
    )
