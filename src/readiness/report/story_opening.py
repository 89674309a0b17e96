"""The opening of the report as a funding decision: what to fund now (the first wave, or its
first year when the wave runs longer), what it reaches, and whether the target is in reach (and,
when it is not, the decision to take)."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import Rate, money_words, rate_words
from readiness.report.i18n import Translator
from readiness.report.words import month_name, span_words

FUNDING_MONTHS = 12
"""A tranche a board funds at once: the first wave, or the part of it that starts in the plan's
first year when the wave runs longer than that."""


def fund_first_wave(
    plan: Plan,
    wave: Sequence[PlannedInitiative],
    framework: Framework,
    rate: Rate | None,
    words: Translator,
) -> tuple[str, str | None]:
    """What to fund now: the first wave (or its first year), its months, effort (and cost, with
    the rate said once, here, where money first appears), and the stage the wave reaches, if it
    reaches one; with the id of that stage."""
    _ = words.gettext
    tranche = [i for i in wave if i.start_month < FUNDING_MONTHS]
    if not tranche or max(i.end_month for i in wave) <= FUNDING_MONTHS + 6:
        tranche = list(wave)
    person_months = sum(i.fte_months for i in tranche)
    effort = words.gettext("about %(work)s person-months", work=format(round(person_months), ","))
    if rate is not None:
        effort = _(
            "%(work)s (%(cost)s at %(rate)s)",
            work=effort,
            cost=money_words(person_months * rate.per_month, rate.currency, words),
            rate=rate_words(rate, words),
        )
    span = span_words(min(i.start for i in tranche), max(i.end for i in tranche), words)
    whole = len(tranche) == len(wave)
    said = (
        words.ngettext(
            "Fund the first wave now: %(num)s initiative, %(span)s, %(effort)s",
            "Fund the first wave now: %(num)s initiatives, %(span)s, %(effort)s",
            len(tranche),
            span=span,
            effort=effort,
        )
        if whole
        else words.ngettext(
            "Fund now the %(num)s initiative of the first wave's %(all)s that starts in its "
            "first year: %(span)s, %(effort)s",
            "Fund now the %(num)s initiatives of the first wave's %(all)s that start in its "
            "first year: %(span)s, %(effort)s",
            len(tranche),
            all=len(wave),
            span=span,
            effort=effort,
        )
    )
    stages = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    stage = wave[0].stage
    following = stages[stages.index(stage) + 1] if stage in stages[:-1] else None
    reach = next((m for m in plan.milestones if m.stage == stage), None)
    if following is None or reach is None:
        return _("%(clauses)s.", clauses=said), None
    if reach.reachable:
        return (
            _(
                "%(clauses)s; the wave reaches %(stage)s by %(month)s.",
                clauses=said,
                stage=titles[following].lower(),
                month=month_name(reach.date, words),
            ),
            following,
        )
    # Not reached: the target's sentence says so when the stage is the target.
    return (
        _(
            "%(clauses)s; the wave works toward %(stage)s, which the planned work does not reach.",
            clauses=said,
            stage=titles[following].lower(),
        )
        if following != plan.target.stage
        else _("%(clauses)s.", clauses=said),
        None,
    )


def reach_words(
    target: str, when: str | None, by: object, fits: bool | None, words: Translator
) -> str:
    """When the target stage is reached, said once against the client's target date."""
    _ = words.gettext
    deadline = month_name(by, words) if isinstance(by, str) and by else None
    if when is not None:
        if deadline is None or fits is None:
            return _("%(stage)s is within reach by %(month)s.", stage=target, month=when)
        return (
            _(
                "%(stage)s is within reach by %(month)s, which meets the %(deadline)s target.",
                stage=target,
                month=when,
                deadline=deadline,
            )
            if fits
            else _(
                "%(stage)s is within reach by %(month)s, but not everything the %(deadline)s "
                "target sets is in place by then: decide which of its levels can wait.",
                stage=target,
                month=when,
                deadline=deadline,
            )
        )
    if deadline is None:
        return _(
            "The planned work does not reach %(stage)s: decide whether to widen the plan or to "
            "aim lower for now.",
            stage=target.lower(),
        )
    return _(
        "%(stage)s by %(deadline)s is out of reach with the planned work: decide whether to "
        "move the target date or to widen the plan.",
        stage=target[:1] + target[1:].lower(),
        deadline=deadline,
    )
