"""The lines under What it takes's table of the first wave's money
(`readiness.report.funding_words`): which high-severity findings the first wave fixes, which it
only contains until their lasting fixes and which wait for later work, and what the cost counts.
"""

from __future__ import annotations

from readiness.report.cost import Rate, amount_words, basis_words, person_months, work_words
from readiness.report.fixing import Waiting
from readiness.report.funding import FundingSplit
from readiness.report.funding_words import minimum_words, rest_label
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import and_words, month_name


def fixed_with_minimum(split: FundingSplit) -> int:
    """How many high-severity findings the first wave fixes with the minimum alone: those its
    work fixes, less those the high-severity part's work fixes too: the table counts those as
    its fixes."""
    high = next((p for p in split.parts if p.kind == "high"), None)
    if high is None:
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
    listed = [_waiting_words(w, words) for w in split.waiting]
    findings = and_words(listed, words)
    waits = (
        words.ngettext(
            "The other %(num)s waits for work outside it: %(findings)s.",
            "The other %(num)s wait for work outside it: %(findings)s.",
            len(listed),
            findings=findings,
        )
        if fixed
        else words.gettext("Their lasting fixes start outside it: %(findings)s.", findings=findings)
        if any(w.contained for w in split.waiting)
        else words.gettext("Their work starts outside it: %(findings)s.", findings=findings)
    )
    return f"{said} {waits}"


def _waiting_words(waiting: Waiting, words: Translator) -> str:
    """A finding the first wave does not fix, with when its lasting fix starts, and until when
    the wave contains it when it does: `“…” (contained by Jan 2027, lasting fix from Aug
    2027)`."""
    if waiting.contained and waiting.contained_by is not None:
        by = month_name(waiting.contained_by, words)
        if waiting.start is None:
            return words.gettext(
                "“%(finding)s” (contained by %(by)s, no lasting fix planned yet)",
                finding=waiting.title,
                by=by,
            )
        return words.gettext(
            "“%(finding)s” (contained by %(by)s, lasting fix from %(month)s)",
            finding=waiting.title,
            by=by,
            month=month_name(waiting.start, words),
        )
    if waiting.start is None:
        return words.gettext("“%(finding)s” (no work planned yet)", finding=waiting.title)
    return words.gettext(
        "“%(finding)s” (from %(month)s)",
        finding=waiting.title,
        month=month_name(waiting.start, words),
    )


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
                "%(counted)s; %(amount)s of it is in “%(row)s”",
                counted=counted,
                amount=amount_words(person_months(beyond), rate, words),
                row=rest_label(split, words),
            )
        said.append(words.gettext("%(clauses)s.", clauses=counted))
    return " ".join(said)
