"""The opening of the report as a funding decision: what to fund now (the first wave, or its
first year when the wave runs longer), what it reaches, and whether the target is in reach (and,
when it is not, the decision to take)."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan, PlannedInitiative
from readiness.plan.target import stage_levels
from readiness.report.cost import Rate, money_words, person_months, rate_words, work_words
from readiness.report.i18n import Translator
from readiness.report.routes import Choices
from readiness.report.story_plan import stage_work
from readiness.report.words import month_name, span_words
from readiness.score import Scorecard

NAMED = 2
"""The most initiatives a funding sentence names; the rest are counted."""
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
        values = {
            "stage": titles[str(following)].lower(),
            "month": month_name(reach.date, words),
            "span": span_words(min(i.start for i in reaching), max(i.end for i in reaching), words),
            "effort": _funded_effort(reaching, rate, words),
        }
        return (
            _(
                "Fund now “%(initiative)s” (%(span)s, %(effort)s): it reaches %(stage)s by "
                "%(month)s.",
                initiative=reaching[0].title,
                **values,
            )
            if len(reaching) == 1
            else words.ngettext(
                "Fund now the %(num)s initiative that reaches %(stage)s by %(month)s, %(named)s: "
                "%(span)s, %(effort)s.",
                "Fund now the %(num)s initiatives that reach %(stage)s by %(month)s, %(named)s: "
                "%(span)s, %(effort)s.",
                len(reaching),
                named=named_words(reaching, words),
                **values,
            ),
            following,
        )
    tranche = [i for i in wave if i.start_month < FUNDING_MONTHS]
    if not tranche or max(i.end_month for i in wave) <= FUNDING_MONTHS + 6:
        tranche = list(wave)
    effort = _funded_effort(tranche, rate, words)
    said = (
        words.ngettext(
            "Fund the first wave now: %(num)s initiative, %(named)s, %(span)s, %(effort)s",
            "Fund the first wave now: %(num)s initiatives, %(named)s, %(span)s, %(effort)s",
            len(tranche),
            named=named_words(tranche, words),
            span=span_words(min(i.start for i in tranche), max(i.end for i in tranche), words),
            effort=effort,
        )
        if len(tranche) == len(wave)
        else words.ngettext(
            "Fund now the %(num)s of the first wave's %(all)s initiatives that starts by "
            "%(month)s, %(named)s: it runs %(span)s, %(effort)s",
            "Fund now the %(num)s of the first wave's %(all)s initiatives that start by "
            "%(month)s, %(named)s: they run %(span)s, %(effort)s",
            len(tranche),
            all=len(wave),
            month=month_name(max(i.start for i in tranche), words),
            named=named_words(tranche, words),
            span=span_words(min(i.start for i in tranche), max(i.end for i in tranche), words),
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


def named_words(items: Sequence[PlannedInitiative], words: Translator) -> str:
    """The first initiatives by title, the rest counted: `led by “A”`, `led by “A” and “B”`,
    `led by “A” and 3 more`."""
    # Two titles when they are all there is; one, and the rest counted, when there are more.
    shown = items[:NAMED] if len(items) <= NAMED else items[:1]
    quoted = [words.gettext("“%(title)s”", title=i.title) for i in shown]
    more = len(items) - len(quoted)
    if more:
        quoted.append(words.ngettext("%(num)s more", "%(num)s more", more))
    listed = (
        quoted[0]
        if len(quoted) == 1
        else words.gettext("%(items)s and %(last)s", items=", ".join(quoted[:-1]), last=quoted[-1])
    )
    return words.gettext("led by %(initiatives)s", initiatives=listed)


def _funded_effort(
    funded: Sequence[PlannedInitiative], rate: Rate | None, words: Translator
) -> str:
    """The funded work's person-months, the sum of its initiatives' figures, with its cost at the rate
    (said here, where money first appears)."""
    months = person_months(funded)
    effort = work_words(months, None, words)
    if rate is None:
        return effort
    return words.gettext(
        "%(work)s (about %(cost)s at %(rate)s)",
        work=effort,
        cost=money_words(float(months) * rate.per_month, rate.currency, words),
        rate=rate_words(rate, words),
    )


def reach_words(
    target: str,
    when: str | None,
    by: object,
    fits: bool | None,
    words: Translator,
    earliest: str | None = None,
    choices: Choices | None = None,
) -> str:
    """When the target stage is reached, said once against the client's target date. When the
    stage is reached but not everything the target sets by its date, What it takes names the
    practices still short then; when the planned work does not reach the stage, the month
    (YYYY-MM) it is reached with the work the plan defers planned after its horizon
    (`earliest`), if known, with What it takes for the options. With What it takes's `choices` (the plan misses the target by its deadline),
    their one-sentence summary is the sentence: what it needs, when, at what cost, and what
    keeping the deadline takes. Never a verdict to move the target: the options are the
    board's to choose."""
    _ = words.gettext
    deadline = month_name(by, words) if isinstance(by, str) and by else None
    if choices is not None and (when is None or fits is False):
        return choices.summary
    if when is not None:
        if deadline is None or fits is None:
            return _("%(stage)s is within reach by %(month)s.", stage=target, month=when)
        if fits:
            return _(
                "%(stage)s is within reach by %(month)s, which meets the %(deadline)s target.",
                stage=target,
                month=when,
                deadline=deadline,
            )
        return _(
            "%(stage)s is within reach by %(month)s, but some practices the %(deadline)s target "
            "sets are still short then: What it takes names them, with the month the plan "
            "lifts each and what would close them in time.",
            stage=target,
            month=when,
            deadline=deadline,
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
            "%(stage)s by %(deadline)s is not in the planned work, nor in the work it defers: "
            "What it takes names what stands in the way.",
            stage=named,
            deadline=deadline,
        )
    return _(
        "%(stage)s by %(deadline)s needs work the plan defers past its horizon; with that "
        "work it comes in %(month)s. What it takes gives the options.",
        stage=named,
        deadline=deadline,
        month=month_name(earliest, words),
    )


def last_stage_words(
    framework: Framework, scorecard: Scorecard, plan: Plan | None, name: str, words: Translator
) -> str:
    """The opening of an organization whose every gate holds: it has reached the last stage, and
    what the planned programme is for (the practices still below the level the stage expects of
    every practice, with the month the plan lifts the last of them, and those the client's
    target lifts beyond that level)."""
    _ = words.gettext
    stage = framework.manifest.stages[-1]
    said = _(
        "%(organization)s meets every gate of %(stage)s, the last stage of the path.",
        organization=name,
        stage=stage.title.lower(),
    )
    if plan is None or not plan.initiatives:
        return said
    levels, questions = stage_levels(framework, stage)
    sums = {d for d in framework.manifest.dimensions if framework.dimension(d).aggregate == "sum"}

    def expected(key: str) -> float:
        dimension = key.partition(".")[0]
        floor = levels.get(dimension) if dimension not in sums else None
        return max(questions.get(key, framework.manifest.scale.min), floor or 0.0)

    answered = {
        q.key: q.value for d in scorecard.dimensions for q in d.questions if q.value is not None
    }
    below = [k for k, v in answered.items() if v < expected(k)]
    beyond = [
        g for g in plan.target.gaps if g.target > expected(g.question) and g.question not in below
    ]
    if not below and not beyond:
        return said
    catalogue = {i.id: i for i in framework.initiatives}
    ends: list[int | None] = []
    for key in below:
        lifting = [
            i.end_month
            for i in plan.initiatives
            if i.id in catalogue
            and any(
                t.name == key and t.value >= expected(key) - 1e-9
                for t in raised_thresholds(catalogue[i.id])
            )
        ]
        ends.append(min(lifting) if lifting else None)
    parts = []
    if below:
        closed = None if None in ends else max(e for e in ends if e is not None)
        count = len(below)
        parts.append(
            words.ngettext(
                "%(num)s practice still below the level it expects of every practice, lifted "
                "by %(month)s",
                "%(num)s practices still below the level it expects of every practice, the last "
                "lifted by %(month)s",
                count,
                month=month_name(month_label(parse_month(plan.start) + closed - 1), words),
            )
            if closed is not None
            else words.ngettext(
                "%(num)s practice still below the level it expects of every practice",
                "%(num)s practices still below the level it expects of every practice",
                count,
            )
        )
    if beyond:
        parts.append(
            words.ngettext(
                "%(num)s more the target lifts beyond it",
                "%(num)s more the target lifts beyond it",
                len(beyond),
            )
        )
    joined = (
        _("%(first)s, and %(second)s", first=parts[0], second=parts[1])
        if len(parts) == 2
        else parts[0]
    )
    return _(
        "%(reached)s The programme is for the rest of the stage's standard: %(parts)s.",
        reached=said,
        parts=joined,
    )
