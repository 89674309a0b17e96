"""Every question with its answer, and every dimension with its figures and flags, as the
appendix shows them."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Assessment, Framework, Question, format_number
from readiness.report.gates import GateView, dimension_max
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.quotes import clean_words
from readiness.report.reading import open_dispute
from readiness.report.standing import points_text
from readiness.report.words import practice_name, score_shown
from readiness.score import DimensionScore, QuestionScore


@dataclass(frozen=True)
class Vote:
    """One respondent's vote on a question."""

    who: str
    value: str


@dataclass(frozen=True)
class QuestionView:
    """A question with its answer, as the dimension section shows it."""

    key: str
    anchor: str
    number: str
    name: str
    text: str
    value: str
    label: str
    status: str
    basis: str
    answered: bool
    critical: bool
    capping: bool
    weight: str
    boxes: tuple[str, ...]
    current_label: str | None
    current: str | None
    next_label: str | None
    next: str | None
    note: str | None
    evidence: str | None
    asked_evidence: str
    confidence: str | None
    votes: tuple[Vote, ...]
    votes_differ: bool
    disputed: bool
    spread: str | None


@dataclass(frozen=True)
class DimensionView:
    """A scored dimension: figures, flags and its questions."""

    id: str
    anchor: str
    number: int
    title: str
    description: str
    score: str
    out_of: str
    percent: float
    percent_text: str
    level: str
    coverage: str
    flags: tuple[str, ...]
    required: str | None
    required_fraction: float | None
    gate_met: str | None
    gate_note: str | None
    questions: tuple[QuestionView, ...]
    points: bool = False
    """A points (sum) dimension: `level` is its score out of its top (`4 of 7 points`)."""


def score_text(value: float | None, aggregate: str) -> str:
    if value is None:
        return "–"
    if aggregate == "sum":
        return format_number(round(value, 2))
    return score_shown(value, 1)


def _level_text(
    level: float | None, aggregate: str, framework: Framework, words: Translator
) -> str:
    if level is None:
        return words.gettext("no score")
    if aggregate == "sum":
        return plural_points(level, words)
    scale = framework.manifest.scale
    return f"{format_number(level)} · {scale.label(level)}"


def plural_points(value: float, words: Translator = ENGLISH) -> str:
    """`1 point`, `2.5 points`."""
    if value == 1:
        return words.gettext("%(points)s point", points=format_number(value))
    return words.gettext("%(points)s points", points=format_number(value))


def level_boxes(value: float | None, framework: Framework) -> tuple[str, ...]:
    """One box per step above the scale's minimum: 'on' up to the value, 'half' for a value
    halfway between two points (a mean of votes), 'off' above."""
    scale = framework.manifest.scale
    boxes = []
    for point in scale.points()[1:]:
        if value is not None and value >= point - 1e-9:
            boxes.append("on")
        elif value is not None and value > point - scale.step + 1e-9:
            boxes.append("half")
        else:
            boxes.append("off")
    return tuple(boxes)


def _question_name(question: Question) -> str:
    """A short name for a question: its practice name."""
    return practice_name(question)


# --- dimensions and questions -------------------------------------------------------------------


def question_view(
    number: str,
    question: Question,
    scored: QuestionScore,
    dimension: DimensionScore,
    framework: Framework,
    assessment: Assessment,
    words: Translator = ENGLISH,
) -> QuestionView:
    """One question with its answer, its level's descriptor and the next level's."""
    _ = words.gettext
    scale = framework.manifest.scale
    value = scored.value
    current = current_label = next_label = next_text = None
    if value is not None:
        floor = scale.floor(value)
        current = question.levels.get(floor)
        current_label = f"{format_number(floor)} · {scale.labels[floor]}"
        if floor < scale.max:
            following = round(floor + scale.step, 9)
            next_label = f"{format_number(following)} · {scale.labels[following]}"
            next_text = question.levels.get(following)
    if scored.status == "n/a":
        shown, label = _("n/a"), _("Not applicable")
    elif value is None:
        shown, label = "–", _("Not answered")
    else:
        shown, label = format_number(round(value, 2)), scale.label(value)
    names = {r.id: (r.name or r.role) for r in assessment.respondents}
    votes = tuple(
        Vote(names.get(who, who), _("n/a") if v is None else format_number(v))
        for who, v in scored.votes.items()
    )
    cast = [v for v in scored.votes.values() if v is not None]
    weights = {r.id: r.weights.get(scored.dimension, 1.0) for r in assessment.respondents}
    weighted = any(weights.get(who, 1.0) != 1 for who, v in scored.votes.items() if v is not None)
    gave = "" if scored.vote_value is None else format_number(round(scored.vote_value, 2))
    status = {
        "answered": _("answered"),
        "consensus": _("consensus agreed in the workshop; the votes gave %(value)s", value=gave)
        if gave
        else _("consensus agreed in the workshop"),
        "votes": _vote_words(assessment.vote_aggregate, weighted, len(cast), words),
        "n/a": _("not applicable"),
        "unanswered": _("not answered"),
    }.get(scored.status, scored.status)
    # A plain answer is the common case: say nothing rather than "answered" on every question.
    basis = [] if scored.status == "answered" else [status]
    if scored.confidence:
        basis.append(_("confidence %(confidence)s", confidence=scored.confidence))
    return QuestionView(
        key=scored.key,
        anchor=f"q-{scored.key.replace('.', '-')}",
        number=number,
        name=_question_name(question),
        text=question.text,
        value=shown,
        label=label,
        status=status,
        basis=" · ".join(basis),
        answered=value is not None,
        critical=question.critical,
        capping=dimension.capped_by == scored.key,
        weight=format_number(question.weight),
        boxes=level_boxes(value, framework),
        current_label=current_label,
        current=current,
        next_label=next_label,
        next=next_text,
        note=clean_words(scored.note) if scored.note else None,
        evidence=clean_words(scored.evidence) if scored.evidence else None,
        asked_evidence=question.evidence,
        confidence=scored.confidence,
        votes=votes,
        votes_differ=len(set(cast)) > 1,
        disputed=open_dispute(scored),
        spread=None if scored.spread is None else format_number(scored.spread),
    )


def _vote_words(aggregate: str, weighted: bool, count: int, words: Translator) -> str:
    """`weighted median of 5 votes`."""
    if aggregate == "median":
        if weighted:
            return words.ngettext(
                "weighted median of %(num)s vote", "weighted median of %(num)s votes", count
            )
        return words.ngettext("median of %(num)s vote", "median of %(num)s votes", count)
    if weighted:
        return words.ngettext(
            "weighted mean of %(num)s vote", "weighted mean of %(num)s votes", count
        )
    return words.ngettext("mean of %(num)s vote", "mean of %(num)s votes", count)


def dimension_view(
    number: int,
    scored: DimensionScore,
    framework: Framework,
    assessment: Assessment,
    required: tuple[float, str] | None,
    gate: GateView | None,
    words: Translator = ENGLISH,
) -> DimensionView:
    """A dimension section: its figures, flags and every question."""
    _ = words.gettext
    dimension = framework.dimension(scored.id)
    questions = tuple(
        question_view(
            f"{number}.{index}",
            question,
            scored.questions[index - 1],
            scored,
            framework,
            assessment,
            words,
        )
        for index, question in enumerate(dimension.questions, start=1)
    )
    flags: list[str] = []
    if scored.capped_by:
        question = framework.questions()[scored.capped_by]
        flags.append(
            _(
                "held at this level by its weakest critical practice, “%(practice)s”, although "
                "its answers alone would give %(level)s",
                practice=_question_name(question),
                level=format_number(scored.uncapped_level or 0),
            )
        )
    if scored.insufficient:
        flags.append(
            words.ngettext(
                "too little evidence: %(answered)s of %(num)s practice answered",
                "too little evidence: %(answered)s of %(num)s practices answered",
                scored.total,
                answered=scored.answered + scored.not_applicable,
            )
        )
    disputed = sum(1 for q in scored.questions if open_dispute(q))
    if disputed:
        flags.append(
            words.ngettext(
                "%(num)s practice disputed in the workshop",
                "%(num)s practices disputed in the workshop",
                disputed,
            )
        )
    top = dimension_max(dimension, framework)
    met_text = note = None
    mine = [t for t in gate.terms if scored.id in t.dimensions] if gate else []
    if mine:
        met = sum(1 for t in mine if t.holds)
        met_text = _("%(met)s of %(count)s", met=met, count=len(mine))
        note = (
            _("of its conditions met; requires %(asked)s", asked=required[1])
            if required is not None
            else _("of its conditions met")
        )
    return DimensionView(
        id=scored.id,
        anchor=f"dimension-{scored.id}",
        number=number,
        title=scored.title,
        description=dimension.description,
        score=score_text(scored.score, scored.aggregate),
        out_of=(
            _("of %(top)s points", top=format_number(top))
            if scored.aggregate == "sum"
            else _("of %(top)s", top=format_number(top))
        ),
        percent=round(scored.percent or 0.0, 1),
        percent_text="–" if scored.percent is None else f"{scored.percent:.0f}%",
        level=points_text(scored.score, framework, scored.id, words)
        if scored.aggregate == "sum" and scored.score is not None
        else _level_text(scored.level, scored.aggregate, framework, words),
        points=scored.aggregate == "sum" and scored.score is not None,
        coverage=f"{scored.coverage:.0%}",
        flags=tuple(flags),
        required=None if required is None else required[1],
        required_fraction=None if required is None else round(required[0] * 100, 1),
        gate_met=met_text,
        gate_note=note,
        questions=questions,
    )
