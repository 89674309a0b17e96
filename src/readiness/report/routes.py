"""The plan solver's least routes (`readiness plan --what-it-takes`) in a sentence: how many
initiatives, how much work, and the earliest month, against the whole plan and the deadline."""

from __future__ import annotations

from decimal import Decimal

from readiness.model import Framework
from readiness.plan.records import Route
from readiness.report.cost import Rate, number_words, work_words
from readiness.report.i18n import Translator
from readiness.report.words import month_name


def route_words(
    route: Route | None,
    framework: Framework,
    name: str,
    words: Translator,
    deadline: str | None = None,
    whole: Decimal = Decimal(0),
    rate: Rate | None = None,
    earliest: str | None = None,
) -> str | None:
    """A cheapest route of the plan's solver (`readiness plan --what-it-takes`) in a sentence:
    how many initiatives, how much work, and the earliest month with that work alone; a route
    to the target costing more than the `whole` plan (in person-months) says why, and, when the
    plan's own schedule ends its work sooner than the route alone, that `earliest` month."""
    if route is None or not route.initiatives:
        return None
    _ = words.gettext
    titles = {s.id: s.title for s in framework.manifest.stages}
    stage = titles.get(route.stage, route.stage).lower()
    target = route.goal == "target"
    values = {
        "organization": name,
        "stage": stage,
        "work": work_words(route.fte_months, rate, words),
    }
    count = len(route.initiatives)
    if target:
        sentence = words.ngettext(
            "The least work that reaches %(organization)s's target (%(stage)s with the levels "
            "set for it) is %(num)s initiative, %(work)s",
            "The least work that reaches %(organization)s's target (%(stage)s with the levels "
            "set for it) is %(num)s initiatives, %(work)s",
            count,
            **values,
        )
    elif not route.exact:
        # Found by keeping only the work the stage's gate needs: not every practice is raised.
        sentence = words.ngettext(
            "The least work found that reaches %(stage)s is %(num)s initiative, %(work)s",
            "The least work found that reaches %(stage)s is %(num)s initiatives, %(work)s",
            count,
            **values,
        )
    else:
        sentence = words.ngettext(
            "The least work that puts every practice at the level %(stage)s expects of it (more "
            "than the stage strictly requires) is %(num)s initiative, %(work)s",
            "The least work that puts every practice at the level %(stage)s expects of it (more "
            "than the stage strictly requires) is %(num)s initiatives, %(work)s",
            count,
            **values,
        )
    if target and whole and Decimal(str(route.fte_months)) > whole:
        sentence = _(
            "%(clauses)s, more than the whole plan's %(whole)s, which stops short of the target",
            clauses=sentence,
            whole=number_words(whole),
        )
    if route.date and target and deadline and route.date > deadline:
        sentence = _(
            "%(clauses)s; done alone and first, it ends %(month)s at the earliest, after the "
            "%(deadline)s deadline",
            clauses=sentence,
            month=month_name(route.date, words),
            deadline=month_name(deadline, words),
        )
    elif route.date:
        sentence = _(
            "%(clauses)s; done alone and first, it ends %(month)s at the earliest",
            clauses=sentence,
            month=month_name(route.date, words),
        )
    elif earliest and target:
        sentence = _(
            "%(clauses)s; on the plan's schedule, with its deferred initiatives, it ends "
            "%(month)s at the earliest",
            clauses=sentence,
            month=month_name(earliest, words),
        )
    sentence = _("%(clauses)s.", clauses=sentence)
    if route.uncoverable:
        sentence += " " + words.ngettext(
            "No initiative of the catalogue raises %(num)s practice far enough; those need work "
            "of their own.",
            "No initiative of the catalogue raises %(num)s practices far enough; those need work "
            "of their own.",
            len(route.uncoverable),
        )
    return sentence
