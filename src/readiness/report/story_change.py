"""Progress since the last period, as the story says it: what moved, what slipped, what is
achieved (`story_change`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from readiness.model import Framework
from readiness.progress import Progress
from readiness.report.i18n import Translator
from readiness.report.progress import counted_achievements, slip_words
from readiness.report.words import lower_first, month_name, owner_words, score_shown


class Slip(NamedTuple):
    """An initiative that was due by now and is not achieved."""

    title: str
    owner: str
    due: str
    months_late: int


class Change(NamedTuple):
    """What changed since the last period."""

    baseline_period: str
    sentence: str
    """Where the stage and the overall score went and the counts: `Since 2026-Q3 Acme Retail
    has stayed at the pilot to production stage, its overall score up from 1.2 to 1.8: every
    dimension improved, 5 initiatives achieved.` (the summary opens with it)."""
    overdue: str | None
    """The most overdue initiative and its new end, when one slipped."""
    stage_moved: str | None
    """"up", "down" or None."""
    score_before: str
    score_after: str
    improved: int
    declined: int
    achieved: tuple[str, ...]
    slipped: tuple[Slip, ...]


def story_change(
    progress: Progress | None,
    framework: Framework,
    disputed: frozenset[str],
    words: Translator,
    replanned: Mapping[str, str],
) -> Change | None:
    """What changed since the last period, in one sentence and its counts; the most overdue
    initiative says its new end when the new roadmap (`replanned`: id -> last month) has it."""
    if progress is None or progress.latest is None:
        return None
    c = progress.latest
    achieved = counted_achievements(progress, framework, disputed)
    digits = 2 if any(d.aggregate == "sum" for d in framework.dimensions) else 1
    improved = sum(1 for d in c.dimensions if (d.delta or 0) > 0)
    declined = sum(1 for d in c.dimensions if (d.delta or 0) < 0)
    _ = words.gettext
    counts = [
        # Every one of several is said as such, not counted as "5 of 5".
        _("every dimension improved")
        if improved == len(c.dimensions) > 1
        else words.ngettext(
            "%(improved)s of %(num)s dimension improved",
            "%(improved)s of %(num)s dimensions improved",
            len(c.dimensions),
            improved=improved,
        )
    ]
    if declined:
        # TRANSLATORS: one of the counts listed after "Since <period> ... :", e.g. "1 declined"
        # (dimensions).
        counts.append(words.ngettext("%(num)s declined", "%(num)s declined", declined))
    counts.append(
        words.ngettext("%(num)s initiative achieved", "%(num)s initiatives achieved", len(achieved))
    )
    listed = ", ".join(counts)
    if c.slipped:
        # TRANSLATORS: %(done)s is the list of counts before it, e.g. "3 of 5 dimensions
        # improved, 2 initiatives achieved"; %(num)s counts initiatives.
        listed = words.ngettext(
            "%(done)s and %(num)s slipped",
            "%(done)s and %(num)s slipped",
            len(c.slipped),
            done=listed,
        )
    before = score_shown(c.score_before, digits)
    after = score_shown(c.score_after, digits)
    names = {
        "period": c.baseline_period,
        "organization": progress.organization,
        "before": c.stage_before_title,
        "after": c.stage_after_title,
        "stage": c.stage_after_title,
        "counts": listed,
        "score": _score_words(c.score_before, c.score_after, before, after, words),
    }
    if c.stage_change == "up":
        sentence = _(
            "Since %(period)s %(organization)s has moved up a stage, from “%(before)s” to "
            "“%(after)s”, %(score)s: %(counts)s.",
            **names,
        )
    elif c.stage_change == "down":
        sentence = _(
            "Since %(period)s %(organization)s has fallen back a stage, from “%(before)s” to "
            "“%(after)s”, %(score)s: %(counts)s.",
            **names,
        )
    else:
        sentence = _(
            "Since %(period)s %(organization)s has stayed at the %(stage)s stage, %(score)s: "
            "%(counts)s.",
            **names,
        )
    overdue = None
    if c.slipped:
        late = c.slipped[0]
        overdue = _(
            "Most overdue: %(initiative)s, %(when)s.",
            initiative=lower_first(late.title),
            when=slip_words(late.planned_end, replanned.get(late.id), late.months_late, words),
        )

    return Change(
        baseline_period=c.baseline_period,
        sentence=sentence,
        overdue=overdue,
        stage_moved=c.stage_change,
        score_before=before,
        score_after=after,
        improved=improved,
        declined=declined,
        achieved=tuple(a.title for a in achieved),
        slipped=tuple(
            Slip(
                s.title,
                owner_words(s.owner, framework),
                month_name(s.planned_end, words),
                s.months_late,
            )
            for s in c.slipped
        ),
    )


def _score_words(
    before: float | None,
    after: float | None,
    shown_before: str,
    shown_after: str,
    words: Translator,
) -> str:
    """How the overall score moved, as shown: `its overall score up from 1.2 to 1.8`, `... down
    from 2.1 to 1.9`, `... unchanged at 1.8` (equal as shown: the report never says a score moved
    that it prints the same)."""
    if before is None or after is None:
        return words.gettext("its overall score now %(after)s", after=shown_after)
    if shown_before == shown_after:
        return words.gettext("its overall score unchanged at %(after)s", after=shown_after)
    if after > before:
        return words.gettext(
            "its overall score up from %(before)s to %(after)s",
            before=shown_before,
            after=shown_after,
        )
    return words.gettext(
        "its overall score down from %(before)s to %(after)s",
        before=shown_before,
        after=shown_after,
    )
