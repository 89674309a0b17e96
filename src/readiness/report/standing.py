"""Where the organization stands: one row per dimension against what the next stage asks, the
practices (questions) of each dimension for the heat map, and the strengths.

Levels are whole scale points with their labels ("2 · Repeatable"); a dimension held below its
score by a critical practice says so in words. A disputed answer is never a strength.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from readiness.condition_terms import Threshold, split_terms, thresholds
from readiness.model import Framework, format_number
from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.reading import open_dispute
from readiness.report.words import lower_first, practice_name
from readiness.score import DimensionScore, Scorecard


class Practice(NamedTuple):
    """One question of a dimension, as a cell of the heat map."""

    name: str
    level: float | None
    """The scale point reached (None: not answered or not applicable)."""
    label: str
    shade: int
    """0 (lowest level) to 4 (highest); -1 when there is no level."""
    asked: str | None
    """What the next stage asks of this practice, when it names it."""
    short: bool
    """The next stage asks more of it than it has; at the last stage, it is below the level
    that stage expects of every practice (`standard.Standard.below`)."""
    disputed: bool
    critical: bool
    spread: float | None
    """Highest minus lowest workshop vote (None without votes)."""


class StandingRow(NamedTuple):
    """A dimension: its level, what the next stage asks of it, and its practices."""

    dimension: str
    level: int | None
    label: str
    shown: str
    """`2 · Repeatable`, or `3.5 of 6 points` on a points scale."""
    percent: int | None
    asks: str | None
    """What the next stage asks of the dimension as a whole, in words."""
    state: str
    """`meets`, `short`, `disputed`, `no requirement`, `last stage` or `too little evidence`."""
    verdict: str
    """The state in the reader's words: In place, Short, Not asked by the next stage, ..."""
    note: str
    target: str | None
    """The client's target for the dimension (slot: filled when the plan carries targets)."""
    practices: tuple[Practice, ...]
    disputed: int
    gap: str = ""
    """Why the row is short when its level alone meets what is asked (`1 practice below`),
    so a summary never shows a met level beside an unexplained `Short`."""
    asks_level: float | None = None
    """`asks` as a number on the framework's scale, for charts."""
    target_level: float | None = None
    """`target` as a number on the framework's scale, for charts."""


VERDICTS = {
    "level met": N_("Level met"),
    "meets": N_("In place"),
    "short": N_("Short"),
    "no requirement": N_("Not required by the next stage"),
    "last stage": N_("At target"),
    "too little evidence": N_("Too little evidence"),
    "disputed": N_("In place only if a disputed answer stands"),
}


class Strength(NamedTuple):
    """A practice answered well and not disputed."""

    practice: str
    dimension: str
    shown: str
    descriptor: str


def shade(value: float, low: float, high: float) -> int:
    """The heat-map shade of a value: 0 (lowest) to 4 (highest) of its range."""
    if high <= low:
        return 0
    return max(0, min(4, round((value - low) / (high - low) * 4)))


def level_text(value: float | None, framework: Framework, words: Translator = ENGLISH) -> str:
    """`2 · Repeatable` for a value on the framework's scale (its whole level)."""
    if value is None:
        return words.gettext("no level")
    scale = framework.manifest.scale
    point = scale.floor(value)
    return f"{format_number(point)} · {scale.labels[point]}"


def _asks(framework: Framework, scorecard: Scorecard) -> dict[str, Threshold]:
    """Thresholds the next gate sets, by fact name (the highest when named twice). When the
    overall is the minimum of the dimensions, a threshold on the overall is one on every
    dimension: the dimensions that do not meet it are the ones holding the stage back."""
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    asked: dict[str, Threshold] = {}
    for term in split_terms(gate.condition) if gate and gate.condition else ():
        for found in thresholds(term) or ():
            names = [found.name]
            if framework.manifest.aggregate == "min" and found.name in OVERALL:
                fact = found.name.partition(".")[2]
                names = [f"{d}.{fact}" for d in framework.manifest.dimensions]
            for name in names:
                known = asked.get(name)
                if known is None or (found.value, found.strict) > (known.value, known.strict):
                    # A threshold the overall sets keeps the overall's name: the row says so.
                    asked[name] = found
    return asked


OVERALL = ("overall.score", "overall.level")


def binding(framework: Framework, scorecard: Scorecard) -> tuple[DimensionScore, ...]:
    """The dimensions that hold the overall below what the next gate asks of it, when the
    overall is the minimum of the dimensions (none otherwise)."""
    asked = _asks(framework, scorecard)
    found = []
    for dim in scorecard.dimensions:
        for fact in ("score", "level"):
            need = asked.get(f"{dim.id}.{fact}")
            if need is not None and not need.holds(getattr(dim, fact)):
                found.append(dim)
                break
    return tuple(found) if framework.manifest.aggregate == "min" else ()


def points_text(
    value: float, framework: Framework, dimension_id: str, words: Translator = ENGLISH
) -> str:
    """`5.5 of 7 points`: a value of a points (sum) dimension against its top."""
    dimension = framework.dimension(dimension_id)
    top = framework.manifest.scale.max * sum(q.weight for q in dimension.questions)
    return words.gettext(
        "%(score)s of %(top)s points",
        score=format_number(round(value, 2)),
        top=format_number(top),
    )


def _asked_text(
    need: Threshold, dim: DimensionScore, framework: Framework, words: Translator
) -> str:
    """What a threshold asks of a dimension: `more than 3 of 7 points` on a points
    dimension, else the level as the scale says it."""
    if dim.aggregate != "sum":
        return level_text(need.value, framework, words)
    said = points_text(need.value, framework, dim.id, words)
    return words.gettext("more than %(points)s", points=said) if need.strict else said


def _row(
    dim: DimensionScore,
    framework: Framework,
    asked: dict[str, Threshold],
    words: Translator,
) -> StandingRow:
    _ = words.gettext
    scale = framework.manifest.scale
    dimension = framework.dimension(dim.id)
    points = dim.aggregate == "sum"
    practices = []
    for question, scored in zip(dimension.questions, dim.questions, strict=True):
        need = asked.get(scored.key)
        value = scored.value
        practices.append(
            Practice(
                name=practice_name(question),
                level=None if value is None else scale.floor(value),
                label=(
                    _("Not applicable")
                    if scored.status == "n/a"
                    else _("Not answered")
                    if value is None
                    else scale.label(value)
                ),
                shade=-1 if value is None else shade(value, scale.min, scale.max),
                asked=None if need is None else level_text(need.value, framework, words),
                short=need is not None and not need.holds(value),
                disputed=open_dispute(scored),
                critical=question.critical,
                spread=scored.spread,
            )
        )
    if points:
        shown = (
            _("no score") if dim.score is None else points_text(dim.score, framework, dim.id, words)
        )
        level, label = None, ""
    else:
        level = None if dim.level is None else int(dim.level)
        label = "" if dim.level is None else scale.label(dim.level)
        shown = level_text(dim.level, framework, words)
    needs = {k: asked[f"{dim.id}.{k}"] for k in ("level", "score") if f"{dim.id}.{k}" in asked}
    need = max(needs.values(), key=lambda t: (t.value, t.strict), default=None)
    short_practices = sum(1 for p in practices if p.short)
    level_short = any(not t.holds(getattr(dim, k)) for k, t in needs.items())
    if dim.insufficient:
        state = "too little evidence"
    elif level_short or short_practices:
        state = "short"
    elif any(p.asked and p.disputed for p in practices):
        # What the stage asks is met only by an answer leadership disputes: not "in place".
        state = "disputed"
    elif need is not None or any(p.asked for p in practices):
        state = "meets"
    else:
        state = "no requirement"
    notes = []
    if dim.capped_by and dim.score is not None and not points:
        capping = next(
            p for q, p in zip(dim.questions, practices, strict=True) if q.key == dim.capped_by
        )
        notes.append(
            _(
                "held at %(level)s by its weakest critical practice, %(practice)s, although its "
                "answers average %(score)s",
                level=format_number(dim.level or 0),
                practice=capping.name.lower(),
                score=format_number(round(dim.score, 1)),
            )
        )
    holds_down = level_short and any(t.name in OVERALL for t in needs.values())
    if holds_down:
        notes.append(_("it holds the overall score down"))
    if short_practices:
        notes.append(
            words.ngettext(
                "%(num)s practice falls short", "%(num)s practices fall short", short_practices
            )
        )
    if dim.insufficient:
        notes.append(
            words.ngettext(
                "only %(answered)s of %(num)s practice answered",
                "only %(answered)s of %(num)s practices answered",
                dim.total,
                answered=dim.answered,
            )
        )
    # A met level beside a practice short reads as a practice shortfall, never a level one.
    practice_short = state == "short" and short_practices and not level_short
    return StandingRow(
        dimension=dim.title,
        level=level,
        label=label,
        shown=shown,
        percent=None if dim.percent is None else round(dim.percent),
        asks=None if need is None else _asked_text(need, dim, framework, words),
        state=state,
        verdict=_verdict(state, bool(practice_short), practices, words),
        note="; ".join(notes),
        target=None,
        practices=tuple(practices),
        disputed=sum(1 for p in practices if p.disputed),
        asks_level=None if need is None else need.value,
        gap=(
            words.ngettext(
                "%(num)s required practice below",
                "%(num)s required practices below",
                short_practices,
            )
            if practice_short
            else _("it holds the overall score down")
            if holds_down
            else ""
        ),
    )


def _verdict(
    state: str, practice_short: bool, practices: Sequence[Practice], words: Translator
) -> str:
    """A row's verdict (`VERDICTS`); one required practice that holds only on a disputed answer
    is named (`Rests on a disputed answer: data quality`), so the row says which answer the
    stage rests on."""
    resting = [p for p in practices if p.asked and p.disputed]
    if state == "disputed" and len(resting) == 1:
        return words.gettext(
            "Rests on a disputed answer: %(practice)s",
            practice=lower_first(resting[0].name),
        )
    return words.gettext(VERDICTS["level met" if practice_short else state])


def standing_rows(
    framework: Framework,
    scorecard: Scorecard,
    targets: dict[str, float] | None = None,
    words: Translator = ENGLISH,
    below: dict[str, tuple[int, int]] | None = None,
    under: frozenset[str] = frozenset(),
) -> tuple[StandingRow, ...]:
    """One row per dimension, framework order; `targets` (dimension id -> level, in points on
    a points dimension) fills each row's target when the plan carries the client's target;
    `below` (dimension id -> practices under the last stage's standard, and practices at it
    that are under their target) is what a row at the last stage says, since no next stage
    asks anything of it: its level is met, and the practices are the shortfall; `under` (the
    questions below that stage's standard) are the practices the heat map frames there."""
    asked = _asks(framework, scorecard)
    rows = [_row(d, framework, asked, words) for d in scorecard.dimensions]
    if scorecard.next_stage is None:
        short = below or {}
        rows = [
            _last_stage_row(r, short.get(d.id, (0, 0)), words)._replace(
                practices=tuple(
                    p._replace(short=q.key in under)
                    for p, q in zip(r.practices, d.questions, strict=True)
                )
            )
            if r.state == "no requirement"
            else r
            for r, d in zip(rows, scorecard.dimensions, strict=True)
        ]
    wanted = targets or {}
    return tuple(
        row._replace(
            target=(
                points_text(wanted[d.id], framework, d.id, words)
                if d.aggregate == "sum"
                else level_text(wanted[d.id], framework, words)
            ),
            target_level=wanted[d.id],
        )
        if d.id in wanted
        else row
        for row, d in zip(rows, scorecard.dimensions, strict=True)
    )


def _last_stage_row(row: StandingRow, counts: tuple[int, int], words: Translator) -> StandingRow:
    """The verdict and gap of a row at the last stage: `At target`, or `Level met` with the
    practices below the stage's standard and those short of their target, counted apart."""
    standard, target = counts
    parts = []
    if standard:
        parts.append(
            words.ngettext(
                "%(num)s practice below the standard",
                "%(num)s practices below the standard",
                standard,
            )
        )
    if target:
        parts.append(
            words.ngettext("%(num)s more short of target", "%(num)s more short of target", target)
            if standard
            else words.ngettext(
                "%(num)s practice short of target", "%(num)s practices short of target", target
            )
        )
    if not parts:
        return row._replace(state="last stage", verdict=words.gettext(VERDICTS["last stage"]))
    return row._replace(
        state="last stage", verdict=words.gettext(VERDICTS["level met"]), gap=", ".join(parts)
    )


def strengths(
    framework: Framework, scorecard: Scorecard, words: Translator = ENGLISH, count: int = 3
) -> tuple[Strength, ...]:
    """The best-answered practices that nobody disputes (ties: heavier, then framework order)."""
    scale = framework.manifest.scale
    questions = framework.questions()
    candidates = [
        (-(q.value or 0.0), -q.weight, position, q, d)
        for position, (q, d) in enumerate((q, d) for d in scorecard.dimensions for q in d.questions)
        if q.value is not None and not open_dispute(q) and q.value > scale.min
    ]
    found = []
    for *_, scored, dim in sorted(candidates, key=lambda entry: entry[:3])[:count]:
        question = questions[scored.key]
        found.append(
            Strength(
                practice=practice_name(question),
                dimension=dim.title,
                shown=level_text(scored.value, framework, words),
                descriptor=question.levels.get(scale.floor(scored.value or 0.0), ""),
            )
        )
    return tuple(found)
