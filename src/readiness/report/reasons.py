"""Why the planner deferred an initiative, in the report's words and language.

The plan carries each cause as a record of a known kind (`plan.causes`); each kind is said
here through the catalogue, with initiative ids said as their titles and owners as their role
titles.
"""

from __future__ import annotations

from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.causes import (
    Busy,
    Deferral,
    Dropped,
    HeldForPriority,
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    TeamFull,
    WaitsForDeferred,
    WaitsTooLate,
)
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import headcount_words, month_name, owner_words


def deferral_words(
    cause: Deferral, framework: Framework, start: str, words: Translator = ENGLISH
) -> str:
    """Why an initiative is deferred, in the report's words (`waits for “Put tested ...”,
    itself deferred`); months of the plan said as calendar months from its `start` (YYYY-MM)."""
    _ = words.gettext
    titles = {i.id: i.title for i in framework.initiatives}

    def said(ids: tuple[str, ...]) -> str:
        return ", ".join(f"“{titles.get(i, i)}”" for i in ids)

    first = parse_month(start)
    if isinstance(cause, Dropped):
        if cause.needed_by:
            return _("dropped by the organization; needed by %(ids)s", ids=said(cause.needed_by))
        return _("dropped by the organization")
    if isinstance(cause, WaitsForDeferred):
        return _("waits for %(ids)s, itself deferred", ids=said((cause.waits_for,)))
    # The horizon is said as its last month, as the roadmap and What it takes say it: a
    # count of months beside the plan's own length (its work may end sooner) reads as a
    # contradiction.
    last = month_name(month_label(first + cause.horizon - 1), words)
    if isinstance(cause, PastHorizon):
        return _(
            "with the planned team, could start in %(start)s at the earliest and takes "
            "%(months)s months: it would end in %(end)s, past the plan's horizon (%(last)s)",
            start=month_name(month_label(first + cause.start_month), words),
            months=cause.duration_months,
            end=month_name(month_label(first + cause.end_month - 1), words),
            last=last,
        )
    if isinstance(cause, WaitsTooLate):
        ids = said(cause.waits_for) if cause.waits_for else _("its prerequisites")
        return _(
            "waits for %(ids)s, which end too late for it to fit within the horizon (%(last)s)",
            ids=ids,
            last=last,
        )
    if isinstance(cause, ParallelLimit):
        return words.ngettext(
            "could not start within the horizon (%(last)s): the limit of %(num)s initiative "
            "at once was reached",
            "could not start within the horizon (%(last)s): the limit of %(num)s initiatives "
            "at once was reached",
            cause.limit,
            last=last,
        )
    return _(
        "could not start within the horizon (%(last)s): %(what)s was busy",
        last=last,
        what=_busy_words(cause, framework, words),
    )


def _busy_words(blocked: Busy, framework: Framework, words: Translator) -> str:
    _ = words.gettext
    if isinstance(blocked, TeamFull):
        return _("the team (%(team)s)", team=headcount_words((blocked.team_fte,), words)[0])
    if isinstance(blocked, HeldForPriority):
        return _("work of higher priority waiting for the team")
    if isinstance(blocked, OwnerBusy):
        return _("its owner (%(owner)s)", owner=owner_words(blocked.owner, framework))
    return _("the team")
