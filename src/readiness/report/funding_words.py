"""What the first wave's money buys, in words: the summary's sentence (the ask in tiers: what
the stage needs and the high-severity fixes, work under way, improvements that could wait) and
the lines under What it takes's table of the split (`readiness.report.funding`; the table
itself is `readiness.report.funding_table`).

Every amount is what its own person-months cost at the rate, never moved to make parts add up
to a rounded whole; a whole is the sum of the exact amounts, rounded alike, and a note says when
rounding may show a gap (`cost.money_parts`). Person-months are tenths and add up as they are.
"""

from __future__ import annotations

from readiness.plan.records import PlannedInitiative
from readiness.report.cost import (
    Rate,
    amount_words,
    basis_words,
    person_months,
    work_words,
)
from readiness.report.funding import FundingPart, FundingSplit
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import and_words, month_name


def rest_words(part: FundingPart, words: Translator) -> str:
    """What the rest is for when no part is required (at the last stage): other findings,
    other practices (toward the target), or both; the table's label says the same."""
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
            what=and_words([_purpose(p, split, words, named=True) for p in now], words),
        )
    # Each part approved now with its own amount: the minimum's is What it takes's figure.
    others = [
        words.gettext(
            "%(amount)s for %(what)s",
            amount=amount_words(p.fte_months, rate, words),
            what=_purpose(p, split, words, named=True),
        )
        for p in now[1:]
    ]
    what = and_words([_purpose(now[0], split, words, named=True), *others], words)
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


def _purpose(
    part: FundingPart, split: FundingSplit, words: Translator, *, named: bool = False
) -> str:
    """What a part approved now is for: `the minimum` (`named`: `the minimum department scale
    requires`, when the sentence does not name the stage: `minimum_words`), `5 high-severity
    fixes` (What it takes's table counts their initiatives)."""
    if part.kind == "required":
        return minimum_words(split, words) if named else words.gettext("the minimum")
    if not part.findings:
        return words.gettext("groundwork for high-severity fixes")
    fixed = len(part.findings)
    if containing(part, split):
        return words.ngettext(
            "an earlier containment of %(num)s high-severity finding",
            "an earlier containment of %(num)s high-severity findings",
            fixed,
        )
    if fixed == split.high_findings:
        return words.ngettext("the high-severity fix", "the %(num)s high-severity fixes", fixed)
    return words.ngettext("%(num)s high-severity fix", "%(num)s high-severity fixes", fixed)


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
            what=rest_words(rest, words),
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


def containing(part: FundingPart, split: FundingSplit) -> bool:
    """Whether a part's work only contains high-severity findings that the minimum's work
    fixes for good (a containment step ahead of the lasting fix: it all ends before the
    minimum's work on them does): it is then no fix of its own, and is not said as one."""
    if (
        part.kind != "high"
        or not part.findings
        or not set(part.findings) <= split.required_findings
    ):
        return False
    lasting = [
        i.end_month
        for p in split.parts
        if p.kind == "required"
        for i in p.initiatives
        if any(r.rule in part.findings for r in i.why)
    ]
    return max(i.end_month for i in part.initiatives) < max(lasting, default=0)


def fixed_with_minimum(split: FundingSplit) -> int:
    """How many high-severity findings the first wave fixes with the minimum alone: those its
    work answers, less those the high-severity part's work (when it is a fix of its own, not a
    containment) answers too: the table counts those as its fixes."""
    high = next((p for p in split.parts if p.kind == "high"), None)
    if high is None or containing(high, split):
        return split.fixed_by_required
    return len(split.required_findings - set(high.findings))


def split_notes(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """The lines under What it takes's table: which high-severity findings the first wave
    fixes and when the work on the others starts; with a rate, what the cost counts (the
    team's effort at the assessment's rate, work under way included) and what it leaves out.
    When the work is all one part (no table) only what the cost counts, for the table of
    spend by year."""
    notes = [_fixed_words(split, words)] if split.high_findings and len(split.parts) > 1 else []
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
    within = fixed_with_minimum(split)
    if fixed and within:
        minimum = minimum_words(split, words)
        part = (
            words.gettext("all of them with %(minimum)s", minimum=minimum)
            if within >= fixed
            else words.ngettext(
                "%(num)s of them with %(minimum)s",
                "%(num)s of them with %(minimum)s",
                within,
                minimum=minimum,
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
    """What the cost is (`cost.basis_words`), and how much of it is work already under way,
    when some is."""
    said = [basis_words(rate, words)]
    under_way = [i for p in split.parts for i in p.initiatives if i.status == "in_progress"]
    if under_way:
        counted = words.ngettext(
            "Work already under way is counted: %(num)s initiative, %(work)s",
            "Work already under way is counted: %(num)s initiatives, %(work)s",
            len(under_way),
            work=work_words(person_months(under_way), rate, words),
        )
        now = [p for p in split.parts if p.kind != "rest"]
        beyond = [i for i in under_way if i not in {j for p in now for j in p.initiatives}]
        if now and 0 < len(beyond) < len(under_way):
            # The summary says the part beyond what is approved now: the same figure here.
            counted = words.gettext(
                "%(counted)s, %(amount)s of it beyond %(what)s",
                counted=counted,
                amount=amount_words(person_months(beyond), rate, words),
                what=and_words([_purpose(p, split, words) for p in now], words),
            )
        said.append(words.gettext("%(clauses)s.", clauses=counted))
    return " ".join(said)
