"""The opening of the report as a funding decision: what to fund now (the first wave, or its
first year when the wave runs longer), what it reaches, and whether the target is in reach (and,
when it is not, the decision to take)."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import Rate, money_words, rate_words
from readiness.report.i18n import Translator
from readiness.report.story_plan import stage_work
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
    """What to fund now, with its months, effort (and cost, with the rate said once, here, where
    money first appears): the work that reaches the next stage when the plan reaches it (the set
    What it takes counts, `stage_work`), else the first wave (or its first year); with the id of
    the stage the funded work reaches, if it reaches one."""
    _ = words.gettext
    stages = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    stage = wave[0].stage
    following = stages[stages.index(stage) + 1] if stage in stages[:-1] else None
    reaching = stage_work(plan, stage) if following is not None else None
    if reaching:
        reach = next(m for m in plan.milestones if m.stage == stage)
        return (
            words.ngettext(
                "Fund now the initiative that reaches %(stage)s by %(month)s: "
                "%(span)s, %(effort)s.",
                "Fund now the %(num)s initiatives that reach %(stage)s by %(month)s: "
                "%(span)s, %(effort)s.",
                len(reaching),
                stage=titles[str(following)].lower(),
                month=month_name(reach.date, words),
                span=span_words(
                    min(i.start for i in reaching), max(i.end for i in reaching), words
                ),
                effort=_funded_effort(reaching, rate, words),
            ),
            following,
        )
    tranche = [i for i in wave if i.start_month < FUNDING_MONTHS]
    if not tranche or max(i.end_month for i in wave) <= FUNDING_MONTHS + 6:
        tranche = list(wave)
    effort = _funded_effort(tranche, rate, words)
    said = (
        words.ngettext(
            "Fund the first wave now: %(num)s initiative, %(span)s, %(effort)s",
            "Fund the first wave now: %(num)s initiatives, %(span)s, %(effort)s",
            len(tranche),
            span=span_words(min(i.start for i in tranche), max(i.end for i in tranche), words),
            effort=effort,
        )
        if len(tranche) == len(wave)
        else words.ngettext(
            "Fund now the %(num)s of the first wave's %(all)s initiatives that starts "
            "%(starts)s (it ends %(month)s): %(effort)s",
            "Fund now the %(num)s of the first wave's %(all)s initiatives that start "
            "%(starts)s (the last ends %(month)s): %(effort)s",
            len(tranche),
            all=len(wave),
            starts=span_words(min(i.start for i in tranche), max(i.start for i in tranche), words),
            month=month_name(max(i.end for i in tranche), words),
            effort=effort,
        )
    )
    # Not reached: the target's sentence says so when the stage is the target.
    if following is None or following == plan.target.stage:
        return _("%(clauses)s.", clauses=said), None
    return (
        _(
            "%(clauses)s; the wave works toward %(stage)s, which the planned work does not reach.",
            clauses=said,
            stage=titles[following].lower(),
        ),
        None,
    )


def _funded_effort(
    funded: Sequence[PlannedInitiative], rate: Rate | None, words: Translator
) -> str:
    """The funded work's person-months, rounded from the exact sum, with its cost at the rate
    (said here, where money first appears)."""
    person_months = sum(i.fte_months for i in funded)
    effort = words.gettext("about %(work)s person-months", work=format(round(person_months), ","))
    if rate is None:
        return effort
    return words.gettext(
        "%(work)s (about %(cost)s at %(rate)s)",
        work=effort,
        cost=money_words(person_months * rate.per_month, rate.currency, words),
        rate=rate_words(rate, words),
    )


def reach_words(
    target: str,
    when: str | None,
    by: object,
    fits: bool | None,
    words: Translator,
    earliest: str | None = None,
) -> str:
    """When the target stage is reached, said once against the client's target date; when the
    planned work does not reach it, the earliest month the work known does (YYYY-MM), if known,
    is the date to move the target to."""
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
    named = target[:1] + target[1:].lower()
    if earliest is None:
        return _(
            "%(stage)s by %(deadline)s is out of reach with the planned work, and no date by "
            "which the work known reaches it is known: decide whether to widen the plan or to "
            "aim lower for now.",
            stage=named,
            deadline=deadline,
        )
    return _(
        "%(stage)s by %(deadline)s is out of reach: the least work that reaches it ends "
        "%(month)s at the earliest, so move the target to %(month)s.",
        stage=named,
        deadline=deadline,
        month=month_name(earliest, words),
    )
