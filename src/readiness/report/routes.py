"""The plan solver's answers (`readiness plan --what-it-takes`) in words: the least work to the
next stage, and, when the plan does not reach the target by its deadline, what stands in the
way (the work deferred past the horizon, the practices still short at the deadline) and the
options a board can choose between (`readiness.plan.target_options`)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import LatePractice, Options, Plan, Route
from readiness.report.cost import Rate, person_months, work_words
from readiness.report.i18n import Translator
from readiness.report.reading import practice_names
from readiness.report.standard import brought_forward
from readiness.report.words import (
    and_words,
    headcount_words,
    humanize_id,
    lower_first,
    month_name,
)

NAMED = 3
"""The most practices or initiatives a sentence names; the rest are counted."""


class Choices(NamedTuple):
    """Where the target stands against the plan, and the options, in words."""

    standing: str
    """What stands between the plan and the target, naming the work and practices."""
    options: tuple[str, ...]
    """Each option a board can choose, a sentence each."""
    summary: str
    """All of it in one sentence, for a slide or the opening: the options with their months,
    cost and people (naming only the practices short at the deadline when nothing is
    deferred)."""
    between: int = 0
    """How many of the `options` are routes to choose between (2: lettered A and B; the rest
    say why no more people keep the deadline)."""


def route_words(
    route: Route | None,
    framework: Framework,
    name: str,
    words: Translator,
    rate: Rate | None = None,
) -> str | None:
    """A cheapest route of the plan's solver in a sentence: how many initiatives, how much
    work, and the month today's team could have it done by."""
    if route is None or not route.initiatives:
        return None
    titles = {s.id: s.title for s in framework.manifest.stages}
    values = {
        "organization": name,
        "stage": titles.get(route.stage, route.stage).lower(),
        "work": work_words(Decimal(str(route.fte_months)), rate, words),
    }
    count = len(route.initiatives)
    if route.goal == "target":
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
    if route.date:
        sentence = words.gettext(
            "%(clauses)s; today's team could have it done by %(month)s",
            clauses=sentence,
            month=month_name(route.date, words),
        )
    sentence = words.gettext("%(clauses)s.", clauses=sentence)
    if route.uncoverable:
        sentence += " " + words.ngettext(
            "No initiative of the catalogue raises %(num)s practice far enough; those need work "
            "of their own.",
            "No initiative of the catalogue raises %(num)s practices far enough; those need work "
            "of their own.",
            len(route.uncoverable),
        )
    return sentence


def late_words(
    late: tuple[LatePractice, ...], framework: Framework, words: Translator
) -> str | None:
    """The practices still below the target's level at the deadline, each with the month the
    plan lifts it: `guardrails for generative AI (Defined; the plan brings it in Apr 2029)`;
    the first `NAMED` named, the rest counted with the month the last is lifted."""
    if not late:
        return None
    names = practice_names(framework)
    labels = framework.manifest.scale.labels
    said = []
    for practice in late[:NAMED] if len(late) <= NAMED else late[: NAMED - 1]:
        title = lower_first(
            names.get(practice.question) or humanize_id(practice.question.partition(".")[2])
        )
        level = labels.get(framework.manifest.scale.floor(practice.level), "")
        said.append(
            words.gettext(
                "%(practice)s (%(level)s; the plan brings it in %(month)s)",
                practice=title,
                level=level,
                month=month_name(practice.date, words),
            )
            if practice.date
            else words.gettext(
                "%(practice)s (%(level)s, which nothing planned brings)",
                practice=title,
                level=level,
            )
        )
    rest = late[len(said) :]
    if rest:
        last = rest[-1].date
        said.append(
            words.ngettext(
                "%(num)s more, the last by %(month)s",
                "%(num)s more, the last by %(month)s",
                len(rest),
                month=month_name(last, words),
            )
            if last
            else words.ngettext("%(num)s more", "%(num)s more", len(rest))
        )
    return and_words(said, words)


def choices_words(
    options: Options,
    plan: Plan,
    framework: Framework,
    words: Translator,
    rate: Rate | None = None,
) -> Choices:
    """What stands between the plan and its target (the deferred work it needs, the practices
    short at the deadline) and the options: (a) plan the deferred work after the horizon, or
    keep the plan and accept its date; (b) keep the deadline with more people, or why more
    people would not."""
    _ = words.gettext
    titles = {s.id: s.title for s in framework.manifest.stages}
    target = titles.get(plan.target.stage, plan.target.stage)
    deadline = month_name(plan.deadline, words) if plan.deadline else None
    named = (
        target if deadline is None else _("%(stage)s by %(month)s", stage=target, month=deadline)
    )
    deferred = {d.id: d.title for d in plan.deferred}
    items = [_("“%(title)s”", title=deferred[i]) for i in options.deferred]
    late = late_words(options.late, framework, words)
    if items:
        standing = words.ngettext(
            "%(target)s is not reached by the planned work: %(num)s initiative it needs, "
            "%(initiatives)s, would end after the plan's horizon (%(end)s).",
            "%(target)s is not reached by the planned work: %(num)s initiatives it needs, "
            "%(initiatives)s, would end after the plan's horizon (%(end)s).",
            len(items),
            target=named,
            initiatives=and_words(items, words),
            end=horizon_end(plan, framework, words),
        )
    elif options.date is None:
        standing = _(
            "%(target)s is not reached by the planned work, nor by the work it defers.",
            target=named,
        )
        names = practice_names(framework)
        unraised = [
            lower_first(names.get(g.question) or humanize_id(g.question.partition(".")[2]))
            for g in plan.open_gaps
            if g.cause.kind == "no_initiative"
        ]
        if unraised:
            shown = unraised[:NAMED]
            if len(unraised) > NAMED:
                shown.append(words.ngettext("%(num)s more", "%(num)s more", len(unraised) - NAMED))
            standing += " " + words.ngettext(
                "No initiative of the catalogue raises %(num)s practice far enough, "
                "%(practices)s: it needs work of its own.",
                "No initiative of the catalogue raises %(num)s practices far enough, "
                "%(practices)s: they need work of their own.",
                len(unraised),
                practices=and_words(shown, words),
            )
    elif late and deadline and options.date:
        standing = words.ngettext(
            "By %(month)s the planned work reaches %(stage)s, but %(num)s practice the target "
            "sets is still short: %(practices)s.",
            "By %(month)s the planned work reaches %(stage)s, but %(num)s practices the target "
            "sets are still short: %(practices)s.",
            len(options.late),
            month=deadline,
            stage=lower_first(target),
            practices=late,
        )
    else:
        standing = _("%(target)s is not met by the planned work.", target=named)
    said: list[str] = []
    if options.date and items:
        extra = Decimal(str(options.extra_fte_months))
        said.append(
            _(
                "Plan that work after the horizon; %(stage)s is then reached in "
                "%(month)s, for %(work)s more, %(total)s in all.",
                stage=lower_first(target),
                month=month_name(options.date, words),
                work=work_words(extra, rate, words),
                total=work_words(person_months(plan.initiatives) + extra, rate, words),
            )
        )
    elif options.date:
        said.append(
            _(
                "Keep the plan, its team and its cost; the target is met in %(month)s.",
                month=month_name(options.date, words),
            )
        )
    if deadline and options.team_fte is not None:
        more, team = headcount_words((options.team_fte - plan.team_fte, options.team_fte), words)
        values = {
            "deadline": deadline,
            "more": more,
            "start": month_name(plan.start, words),
            "team": team,
        }
        said.append(
            _(
                "Keep %(deadline)s with %(more)s added from %(start)s (a team of %(team)s): "
                "the same work, those %(work)s included, done sooner.",
                work=work_words(Decimal(str(options.extra_fte_months)), None, words),
                **values,
            )
            if items
            else _(
                "Keep %(deadline)s with %(more)s added from %(start)s (a team of %(team)s): "
                "the same work, done sooner.",
                **values,
            )
        )
    if deadline and options.team_fte is not None:
        # What keeping the deadline costs: the same person-months, but the work on the late
        # practices is paid for before the deadline rather than after it.
        sooner = brought_forward(options, plan, framework)
        if sooner:
            moved = [_("“%(title)s”", title=i.title) for i in sooner]
            said[-1] += " " + _(
                "It moves %(work)s into the months to %(deadline)s: %(initiatives)s.",
                initiatives=and_words(moved, words),
                work=work_words(person_months(sooner), rate, words),
                deadline=deadline,
            )
    # Options are lettered only when there are two to choose between.
    between = len(said)
    if between == 2:
        said = [
            _("Option A: %(choice)s", choice=lower_first(said[0])),
            _("Option B: %(choice)s", choice=lower_first(said[1])),
        ]
    if deadline and options.team_fte is None and options.unlimited_date is not None:
        said.append(
            _(
                "More people do not keep %(deadline)s: prerequisites and each owner's limit on "
                "parallel work hold the target to %(month)s at the earliest, however large the "
                "team.",
                deadline=deadline,
                month=month_name(options.unlimited_date, words),
            )
            if options.unlimited_date > str(plan.deadline)
            else _(
                "Keeping %(deadline)s would take more than twice today's team of %(team)s.",
                deadline=deadline,
                team=headcount_words((plan.team_fte,), words)[0],
            )
        )
    return Choices(
        standing,
        tuple(said),
        _summary(options, plan, framework, (target, named), words, rate),
        between,
    )


def horizon_end(plan: Plan, framework: Framework, words: Translator) -> str:
    """The last month of the plan's horizon (`Dec 2029`): what "past the horizon" means,
    said as a month, never as a count of months beside the plan's own length."""
    last = parse_month(plan.start) + framework.manifest.horizon.max_months - 1
    return month_name(month_label(last), words)


def _summary(
    options: Options,
    plan: Plan,
    framework: Framework,
    names: tuple[str, str],
    words: Translator,
    rate: Rate | None,
) -> str:
    """`Choices.summary`: option A's month and cost (or the practices short at the deadline,
    named, when nothing is deferred), then what keeping the deadline takes. `names`: the
    target's stage, and the stage with its deadline (`Enterprise scale by Jun 2029`)."""
    _ = words.gettext
    stage, named = names
    deadline = month_name(plan.deadline, words) if plan.deadline else None
    if options.date is None:
        said = _(
            "%(target)s is not reached by the planned work, nor by the work it defers", target=named
        )
    elif options.deferred:
        month = month_name(options.date, words)
        if deadline:
            month = (
                _("%(month)s, after the %(deadline)s target,", month=month, deadline=deadline)
                if options.date > str(plan.deadline)
                else _("%(month)s, within the %(deadline)s target,", month=month, deadline=deadline)
            )
        facts = {
            "target": lower_first(stage),
            "month": month,
            "work": work_words(Decimal(str(options.extra_fte_months)), rate, words),
            "end": horizon_end(plan, framework, words),
        }
        # The work the date needs past the horizon, said as its effort: a count of some of
        # the initiatives past it, beside the roadmap's own count, read as a riddle. The
        # horizon is said as its last month: the plan's own length is a different number.
        said = _(
            "With today's team, %(target)s comes in %(month)s with %(work)s of work past the "
            "horizon (%(end)s)",
            **facts,
        )
    else:
        said = words.ngettext(
            "The %(deadline)s target is met but for %(num)s practice: %(practices)s",
            "The %(deadline)s target is met but for %(num)s practices: %(practices)s",
            len(options.late),
            deadline=deadline or named,
            practices=late_words(options.late, framework, words),
        )
    if deadline and options.team_fte is not None:
        more, _team = headcount_words((options.team_fte - plan.team_fte, options.team_fte), words)
        said = _(
            "%(clauses)s; with %(more)s added from %(start)s, it comes by %(deadline)s.",
            clauses=said,
            deadline=deadline,
            more=more,
            start=month_name(plan.start, words),
        )
    elif deadline and options.unlimited_date is not None:
        said = (
            _("%(clauses)s; more people do not bring it sooner.", clauses=said)
            if options.date is not None and options.unlimited_date >= options.date
            else _(
                "%(clauses)s; no team size brings it before %(month)s.",
                clauses=said,
                month=month_name(options.unlimited_date, words),
            )
            if options.unlimited_date > str(plan.deadline)
            else _(
                "%(clauses)s; keeping %(deadline)s would take more than twice today's team.",
                clauses=said,
                deadline=deadline,
            )
        )
    else:
        said = _("%(clauses)s.", clauses=said)
    return said
