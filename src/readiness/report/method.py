"""How the scores and the roadmap were reached, in plain words specific to the framework."""

from __future__ import annotations

from readiness.model import Assessment, Framework, format_number
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan
from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.routes import horizon_end
from readiness.report.words import headcount_words, month_name

ROLLUP = {
    "mean": N_("the weighted mean of its answered questions"),
    "min": N_("the value of its lowest answered question"),
    "sum": N_("the sum of its answered questions' points (each multiplied by its weight)"),
}
UNWEIGHTED_SUM = N_("the sum of its answered questions' points")
"""The sum rule where every question weighs the same: no weight is mentioned."""
OVERALL = {
    "mean": N_("the weighted mean of the dimension scores"),
    "min": N_("the lowest dimension score, because the weakest dimension limits the whole"),
    "sum": N_("the weighted sum of the dimension scores"),
}
VOTE_AGGREGATES = {"mean": N_("mean"), "median": N_("median")}


def method_paragraphs(
    framework: Framework, assessment: Assessment, words: Translator = ENGLISH
) -> tuple[str, ...]:
    """How the scores were reached, in plain words, from the framework's own settings."""
    _ = words.gettext
    manifest = framework.manifest
    scale = manifest.scale
    any_na = any(q.allow_na for d in framework.dimensions for q in d.questions)
    aggregates = {d.aggregate for d in framework.dimensions}
    weighted = any(q.weight != 1 for d in framework.dimensions for q in d.questions)
    rules = [
        (
            d.title,
            _(UNWEIGHTED_SUM if d.aggregate == "sum" and not weighted else ROLLUP[d.aggregate]),
        )
        for d in framework.dimensions
    ]
    each = [_("for %(dimension)s, %(rule)s", dimension=t, rule=rule) for t, rule in rules]
    dimension_rule = (
        _("A dimension's score is %(rule)s.", rule=rules[0][1])
        if len(aggregates) == 1
        else _("A dimension's score is %(rules)s.", rules="; ".join(each))
    )
    aggregate = assessment.vote_aggregate
    how = _(VOTE_AGGREGATES[aggregate]) if aggregate in VOTE_AGGREGATES else aggregate
    overall = _(OVERALL[manifest.aggregate])
    votes = _(
        "When several people answered in a workshop, each person's vote counts (weighted by "
        "their weight for the dimension, 1 unless stated) and the question's value is the "
        "%(aggregate)s of the votes; a consensus level recorded in the workshop takes "
        "precedence. A question is marked disputed when its votes are %(threshold)s or more "
        "levels apart.",
        aggregate=how,
        threshold=format_number(assessment.dispute_threshold),
    )
    scale_words = _(
        "Each question is answered on a scale from %(low)s to %(high)s; every level has a "
        "descriptor of what can be observed at that level, so that two assessors looking at "
        "the same evidence reach the same answer.",
        low=format_number(scale.min),
        high=format_number(scale.max),
    )
    na_words = (
        _(
            "A question that does not apply to the organization may be answered “not "
            "applicable” where the framework allows it."
        )
        if any_na
        else _("Every question applies: none may be answered “not applicable”.")
    )
    # Full coverage asked: "any question unanswered", not "fewer than 100% answered".
    coverage = (
        _("any of its questions unanswered")
        if manifest.min_coverage >= 1
        else _(
            "fewer than %(coverage)s of its questions answered",
            coverage=f"{manifest.min_coverage:.0%}",
        )
    )
    left_out = (
        _(
            "Questions answered “not applicable” and questions left unanswered are left out of "
            "the calculation altogether: they count neither as zero nor in the number of "
            "questions. A dimension with %(coverage)s is flagged as insufficient evidence.",
            coverage=coverage,
        )
        if any_na
        else _(
            "Questions left unanswered are left out of the calculation altogether: they count "
            "neither as zero nor in the number of questions. A dimension with %(coverage)s is "
            "flagged as insufficient evidence.",
            coverage=coverage,
        )
    )
    critical = any(q.critical for d in framework.dimensions for q in d.questions)
    level_rule = (
        _(
            "Its level is the score rounded down to a scale point, and no more than one step "
            "above its lowest critical question: a single missing foundation holds the "
            "dimension back, however strong the rest."
        )
        if critical
        else _("Its level is the score rounded down to a scale point.")
    )
    return (
        f"{scale_words} {na_words}",
        *([votes] if assessment.respondents else []),
        left_out,
        # On points the score is what the stages read: a level rule would be one not applied.
        dimension_rule if aggregates == {"sum"} else f"{dimension_rule} {level_rule}",
        _(
            "The overall score is %(rule)s. Each stage requires certain levels (listed below); "
            "the organization has reached the highest stage whose requirements are all in "
            "place, and those of every earlier stage too. A requirement that depends on an "
            "unanswered question counts as not in place. Beyond what it requires, a stage "
            "expects every practice at a level of its own; the findings name the practices "
            "below it.",
            rule=overall,
        ),
        _(
            "Findings come from the framework: each describes a pattern in the answers and "
            "scores; where the pattern is present, the report states the finding, why it "
            "matters and the initiatives that answer it."
        ),
    )


def planning_paragraphs(
    framework: Framework,
    plan: Plan | None,
    words: Translator = ENGLISH,
    *,
    limit: int | None = None,
) -> tuple[str, ...]:
    """How the roadmap was built, in plain words (nothing without a plan). `limit` is the
    number of initiatives the organization asked to run at once, if it set one: the plan's
    `capacity` is otherwise only the most that happen to run at once, which is no rule."""
    if plan is None:
        return ()
    _ = words.gettext
    horizon = framework.manifest.horizon
    last, end = horizon_end(plan, framework, words), month_name(plan.end, words)
    spans = {
        "low": horizon.min_months,
        "high": horizon.max_months,
        "start": month_name(plan.start, words),
        "last": last,
        "end": end,
    }
    waves = _(
        "Each wave is the work planned to end by its milestone (a stage reached or, at the "
        "last stage, every practice at the stage's standard) and after the previous one; a "
        "milestone within six months of the previous one shares the next one's wave, the first "
        "wave is the first year's work when no milestone falls within two years, and the work "
        "after the last milestone is named for what it answers. The first wave is what the "
        "report asks to fund now. Waves overlap: work starts when it is ready, not when the "
        "previous wave ends."
    )
    return (
        _(
            "The roadmap holds the initiatives that the findings recommend, every initiative "
            "they depend on, and the initiatives already under way. Initiatives the team reports "
            "complete, or whose goal is already met, are listed as achieved and not planned "
            "again; a goal met only by an answer leadership disputes does not count until it is "
            "settled."
        ),
        " ".join(
            part
            for part in (
                waves,
                team_words(plan, words),
                limit
                and words.ngettext(
                    "No more than %(num)s initiative runs at once, as the organization asked.",
                    "No more than %(num)s initiatives run at once, as the organization asked.",
                    limit,
                ),
                _(
                    "An initiative starts only when everything it depends on has ended and its "
                    "people are free. Within a wave the most severe findings come first."
                ),
            )
            if part
        ),
        # The horizon beside the plan's own length, each said once: its work may end before
        # the horizon does, and a second count of months would read as a contradiction.
        _(
            "The framework plans over %(low)s to %(high)s months: this plan's horizon runs "
            "from %(start)s to %(last)s, and its work ends in %(end)s. Work that would end "
            "after the horizon is listed as deferred with the reason, never squeezed in.",
            **spans,
        )
        if last != end
        else _(
            "The framework plans over %(low)s to %(high)s months: this plan's horizon and its "
            "work run from %(start)s to %(last)s. Work that would end after the horizon is "
            "listed as deferred with the reason, never squeezed in.",
            **spans,
        ),
    )


def team_words(plan: Plan, words: Translator = ENGLISH) -> str:
    """The delivery team the dates and the cost rest on, and how it grows to full strength:
    `The plan is staffed by a delivery team of 24 people: 14 people in Jan 2027, 19 people in
    Feb 2027, all 24 people from Mar 2027.` (in FTE when a size is not whole people:
    `words.headcount_words`)."""
    _ = words.gettext
    team, *steps = headcount_words((plan.team_fte, *plan.team_ramp), words)
    if not plan.team_ramp:
        return _(
            "The plan is staffed by a delivery team of %(team)s from its first month.", team=team
        )
    first = parse_month(plan.start)
    said = [
        _(
            "%(people)s in %(month)s",
            people=people,
            month=month_name(month_label(first + offset), words),
        )
        for offset, people in enumerate(steps)
    ]
    full = month_name(month_label(first + len(plan.team_ramp)), words)
    return _(
        "The plan is staffed by a delivery team of %(team)s: %(steps)s, all %(team)s from "
        "%(month)s.",
        team=team,
        steps=", ".join(said),
        month=full,
    )
