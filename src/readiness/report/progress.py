"""The "progress since the baseline" part of the report context.

Built from `readiness.progress.Progress` (the periods of one client, oldest first, and the latest
compared with the one before): the deltas and crossings come from its comparison, the trend
chart spans every period it holds. Today the report passes two periods (the baseline and the
current assessment); quarterly re-scoring can pass a client's whole history unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.progress import AchievedInitiative, Progress, SlippedInitiative
from readiness.report.charts import TrendChart, TrendInput, trend_chart
from readiness.report.gates import requirements_words, term_reads
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.quotes import clean_words
from readiness.report.reading import open_terms, rests_on_dispute
from readiness.report.words import (
    condition_words,
    fact_words,
    lower_first,
    month_name,
    owner_words,
    score_digits,
    score_shown,
    value_words,
)


@dataclass(frozen=True)
class DeltaRow:
    """A dimension (or the overall score) then and now."""

    title: str
    before: str
    after: str
    delta: str
    direction: str


@dataclass(frozen=True)
class ProgressItem:
    """A line of the progress section: a title and what is known about it."""

    title: str
    detail: str


@dataclass(frozen=True)
class QuestionDown:
    """An answer whose value fell since the baseline, with what was noted about it now."""

    title: str
    before: str
    after: str
    delta: str
    note: str | None


@dataclass(frozen=True)
class ProgressView:
    """Everything the progress section shows."""

    baseline_period: str
    current_period: str
    summary: str
    rows: tuple[DeltaRow, ...]
    overall: DeltaRow
    crossings: tuple[ProgressItem, ...]
    achieved: tuple[ProgressItem, ...]
    slipped: tuple[ProgressItem, ...]
    trend: TrendChart
    went_down: tuple[QuestionDown, ...] = ()
    awaiting: tuple[ProgressItem, ...] = ()
    """Achievements that rest on a disputed answer: not counted until it is settled."""
    dropped: tuple[ProgressItem, ...] = ()
    replan: str = ""


def _delta(title: str, before: float | None, after: float | None, digits: int) -> DeltaRow:
    if before is None or after is None:
        return DeltaRow(title, score_shown(before, digits), score_shown(after, digits), "–", "")
    # The change is that of the scores as shown, so the columns add up.
    change = round(score_digits(after, digits) - score_digits(before, digits), digits)
    direction = "up" if change > 0 else "down" if change < 0 else "same"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return DeltaRow(
        title,
        score_shown(before, digits),
        score_shown(after, digits),
        f"{sign}{abs(change):.{digits}f}",
        direction,
    )


def counted_achievements(
    progress: Progress, framework: Framework, disputed: frozenset[str]
) -> tuple[AchievedInitiative, ...]:
    """The initiatives achieved since the baseline, less those whose goal is met only through
    an answer leadership disputes (a disputed answer is never an achievement)."""
    comparison = progress.latest
    if comparison is None:
        return ()
    return tuple(
        a
        for a in comparison.achieved
        if a.how == "status" or not rests_on_dispute(a.done_when, framework, disputed)
    )


def progress_view(
    progress: Progress,
    framework: Framework,
    disputed: frozenset[str] = frozenset(),
    words: Translator = ENGLISH,
    replanned: Mapping[str, str] | None = None,
) -> ProgressView:
    """The progress section from a client's progress (at least two periods); an achievement
    that rests on a `disputed` answer is listed as waiting for the dispute, not as achieved; a
    slipped initiative the new roadmap plans again (`replanned`: id -> its new last month) says
    its new end."""
    _ = words.gettext
    comparison = progress.latest
    if comparison is None:
        raise ValueError("progress needs at least two periods")
    digits = 2 if any(d.aggregate == "sum" for d in framework.dimensions) else 1
    rows = tuple(_delta(d.title, d.before, d.after, digits) for d in comparison.dimensions)
    overall = _delta(_("Overall"), comparison.score_before, comparison.score_after, digits)
    names = {
        "organization": progress.organization,
        "period": comparison.baseline_period,
        "before": comparison.stage_before_title,
        "after": comparison.stage_after_title,
    }
    if comparison.stage_change == "up":
        summary = _(
            "%(organization)s moved up a stage since %(period)s, from “%(before)s” to “%(after)s”.",
            **names,
        )
    elif comparison.stage_change:
        summary = _(
            "%(organization)s fell back a stage since %(period)s, from “%(before)s” to "
            "“%(after)s”.",
            **names,
        )
    else:
        summary = _("%(organization)s remains at the “%(after)s” stage, as in %(period)s.", **names)
    improved = sum(1 for r in rows if r.direction == "up")
    counted = counted_achievements(progress, framework, disputed)
    achieved = words.ngettext("%(num)s initiative", "%(num)s initiatives", len(counted))
    summary += " " + words.ngettext(
        "%(improved)s of %(num)s dimension improved; %(achieved)s achieved since then.",
        "%(improved)s of %(num)s dimensions improved; %(achieved)s achieved since then.",
        len(rows),
        improved=improved,
        achieved=achieved,
    )
    return ProgressView(
        baseline_period=comparison.baseline_period,
        current_period=comparison.current_period,
        summary=summary,
        rows=rows,
        overall=overall,
        crossings=tuple(
            ProgressItem(
                _("%(stage)s now reached", stage=g.title)
                if g.change == "crossed"
                else _("%(stage)s no longer reached", stage=g.title),
                _gate_detail(g.condition, g.change, framework, words),
            )
            for g in comparison.gates
        ),
        achieved=tuple(
            ProgressItem(
                a.title,
                "; ".join(
                    (
                        _("reported complete by its owner")
                        if a.how == "status"
                        else _(
                            "the answers now show %(condition)s",
                            condition=lower_first(
                                condition_words(a.done_when or "", framework, words)
                            ),
                        ),
                        _(
                            "the %(period)s roadmap planned it to end %(month)s",
                            period=comparison.baseline_period,
                            month=month_name(a.planned_end, words),
                        )
                        if a.planned_end
                        else _(
                            "it was not in the %(period)s roadmap",
                            period=comparison.baseline_period,
                        ),
                    )
                ),
            )
            for a in counted
        ),
        awaiting=tuple(
            ProgressItem(
                a.title,
                _(
                    "its goal is met only by an answer leadership disputes; it counts as "
                    "achieved once the evidence settles the dispute"
                ),
            )
            for a in comparison.achieved
            if a not in counted
        ),
        slipped=tuple(_slipped(s, framework, words, replanned or {}) for s in comparison.slipped),
        trend=_trend(progress, framework, words),
        went_down=tuple(
            QuestionDown(
                fact_words(q.key, framework, words),
                value_words(q.key, q.before, framework, words),
                value_words(q.key, q.after, framework, words),
                f"−{format_number(abs(q.delta))}",
                clean_words(q.note) if q.note else None,
            )
            for q in comparison.went_down
        ),
        dropped=tuple(
            ProgressItem(d.title, _("dropped by the team: left out of the new roadmap"))
            for d in comparison.dropped
        ),
        replan=_(
            "The roadmap in this report is planned afresh from %(period)s: what was achieved "
            "has left it, and work already under way carries on first.",
            period=comparison.current_period,
        ),
    )


def _slipped(
    item: SlippedInitiative, framework: Framework, words: Translator, replanned: Mapping[str, str]
) -> ProgressItem:
    """A slipped initiative: when it was due, its new end or how late it is, who owns it, what
    is still missing (only the terms of its goal that do not hold today)."""
    _ = words.gettext
    status = {
        "in_progress": _("in progress"),
        "planned": _("not started"),
        "not recorded": _("no status recorded"),
    }[item.status]
    detail = (
        slip_words(item.planned_end, replanned.get(item.id), item.months_late, words)
        + "; "
        + _(
            "%(status)s; %(owner)s",
            status=status,
            owner=owner_words(item.owner, framework),
        )
    )
    if item.done_when:
        facts = {r.name: r.value for r in item.reads if r.value is not None}
        missing = open_terms(item.done_when, framework, facts)
        detail += _(
            ". Its goal is not met yet: %(condition)s.",
            condition=condition_words(missing, framework, words),
        )
        if item.reads:
            values = [
                _(
                    "%(fact)s %(value)s",
                    fact=fact_words(r.name, framework, words),
                    value=value_words(r.name, r.value, framework, words),
                )
                for r in item.reads
            ]
            detail += " " + _("Today: %(values)s.", values="; ".join(values))
    return ProgressItem(item.title, detail)


def slip_words(due: str, new_end: str | None, months_late: int, words: Translator) -> str:
    """`planned to end Oct 2026, now planned to end Jan 2027 (3 months later)`, or, when the
    new roadmap does not plan it again, `planned to end Oct 2026, 1 month late`."""
    if new_end is None:
        return words.ngettext(
            "planned to end %(month)s, %(num)s month late",
            "planned to end %(month)s, %(num)s months late",
            months_late,
            month=month_name(due, words),
        )
    later = (int(new_end[:4]) - int(due[:4])) * 12 + int(new_end[5:7]) - int(due[5:7])
    return words.ngettext(
        "planned to end %(month)s, now planned to end %(new)s (%(num)s month later)",
        "planned to end %(month)s, now planned to end %(new)s (%(num)s months later)",
        later,
        month=month_name(due, words),
        new=month_name(new_end, words),
    )


def _gate_detail(
    condition: str | None, change: str, framework: Framework, words: Translator
) -> str:
    """A crossed or lost gate in a line: how many conditions it has (the scorecard and the
    appendix list them), or the single condition in words."""
    reads = term_reads(condition, framework)
    if len(reads) > 1:
        asked = requirements_words(reads, framework, words)
        if change == "crossed":
            return words.gettext("all %(asked)s now met", asked=asked)
        return words.gettext("not all of its %(asked)s met any more", asked=asked)
    return condition_words(condition or "", framework, words)


def _trend(progress: Progress, framework: Framework, words: Translator) -> TrendChart:
    """Dimension scores over the periods: on the scale when every dimension averages its
    questions, as percentages of the attainable points otherwise."""
    scale = framework.manifest.scale
    on_scale = all(d.aggregate != "sum" for d in framework.dimensions)
    lines = []
    for dimension_id, title in progress.dimensions:
        values: list[float | None] = []
        for row in progress.periods:
            point = next((d for d in row.dimensions if d.id == dimension_id), None)
            if point is None:
                values.append(None)
            else:
                values.append(point.score if on_scale else point.percent)
        lines.append(TrendInput(title, tuple(values)))
    periods = [row.period for row in progress.periods]
    # The axis spans the data (to whole scale points or tens of percent), so the lines use
    # the plot instead of tangling in a corner of it.
    seen = [v for line in lines for v in line.values if v is not None]
    if on_scale:
        low = scale.floor(min(seen, default=scale.min))
        high = min(scale.max, scale.floor(max(seen, default=scale.max)) + scale.step)
        points = [p for p in scale.points() if low - 1e-9 <= p <= high + 1e-9]
        return trend_chart(
            periods,
            lines,
            minimum=low,
            maximum=high,
            ticks=[(p, format_number(p)) for p in points],
            title=words.gettext("Dimension scores by period"),
            format_value=lambda v: score_shown(v, 1),
        )
    bottom = max(0, int(min(seen, default=0) // 10) * 10)
    top = min(100, (int(max(seen, default=100) // 10) + 1) * 10)
    step = 10 if top - bottom <= 50 else 20
    return trend_chart(
        periods,
        lines,
        minimum=bottom,
        maximum=top,
        ticks=[(v, words.gettext("%(number)s%%", number=v)) for v in range(bottom, top + 1, step)],
        title=words.gettext("Dimension scores by period, as a share of the attainable points"),
        format_value=lambda v: words.gettext("%(number)s%%", number=format(v, ".0f")),
    )
