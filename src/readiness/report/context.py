"""The template context: everything the report shows, built from the models and nothing else.

`build_context` is pure: it reads no file and no clock (the generation date is passed in), so the
same models give the same HTML. The templates receive `ReportContext` and only loop and branch
over it; every number is formatted and every chart laid out here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from readiness.conditions import ConditionError, compile_condition
from readiness.index import fact_space_for
from readiness.model import Assessment, Dimension, Framework, Question, format_number
from readiness.progress import Progress
from readiness.report.charts import (
    BarChart,
    GanttChart,
    GanttItem,
    GanttMark,
    GanttStage,
    RadarChart,
    RadarInput,
    bar_chart,
    gantt_charts,
    radar_chart,
)
from readiness.report.progress import ProgressView, progress_view
from readiness.report.theme import DEFAULT_THEME, ReportTheme
from readiness.report.words import (
    condition_words,
    fact_words,
    first_sentence,
    humanize_id,
    long_date,
    lower_first,
    month_name,
    plural,
    value_words,
)
from readiness.report.workshop import WorkshopSection, build_workshop_section
from readiness.roadmap import Plan, PlannedInitiative, split_terms, thresholds
from readiness.rules import RuleResults
from readiness.score import DimensionScore, GateResult, QuestionScore, Scorecard
from readiness.workshop import build_workshop

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
COVER_HEIGHTS: dict[str, str] = {"a4": "296mm", "letter": "278mm"}
BODY_HEIGHTS_PX: dict[str, float] = {"a4": 956.0, "letter": 890.0}
"""Height of a page's content area in CSS pixels (the paper less the stylesheet's margins)."""
"""A hair under the paper height, so the cover never spills onto a second page."""
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low"}
FIRST_DAYS_MONTHS = 3
FIRST_DAYS_SHOWN = 8
"""The summary lists at most this many initiatives of the first 90 days, so it stays one page."""


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeView:
    """Branding: who issues the report, the logo URL, the palette derived from the primary."""

    consultancy: str | None
    logo_url: str | None
    primary: str
    primary_dark: str
    primary_tint: str
    primary_wash: str
    on_primary: str


@dataclass(frozen=True)
class Section:
    """A table-of-contents entry."""

    anchor: str
    title: str
    level: int


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


@dataclass(frozen=True)
class GateTermView:
    """One condition of a stage gate, in words, with today's value and whether it holds."""

    text: str
    current: str
    state: str
    dimensions: tuple[str, ...]


@dataclass(frozen=True)
class GateView:
    """A stage gate: its conditions and whether it holds."""

    stage: str
    title: str
    state: str
    terms: tuple[GateTermView, ...]
    met: int


@dataclass(frozen=True)
class StageStep:
    """One step of the stage track on the summary page."""

    title: str
    state: str
    note: str


@dataclass(frozen=True)
class Item:
    """A short line of the executive summary: a headline, where it sits, a qualifier."""

    title: str
    detail: str
    tag: str
    target: str


@dataclass(frozen=True)
class FindingView:
    """A fired rule, with its trace and what it recommends."""

    rule: str
    anchor: str
    title: str
    severity: str
    severity_word: str
    dimension: str
    text: str
    condition: str
    reads: tuple[str, ...]
    recommends: tuple[Item, ...]


@dataclass(frozen=True)
class InitiativeView:
    """One roadmap card."""

    id: str
    anchor: str
    title: str
    dimension: str
    stage: str
    owner: str
    when: str
    duration: str
    effort: str
    in_progress: bool
    severity: str | None
    findings: tuple[Item, ...]
    needed_by: tuple[Item, ...]
    needed_by_lead: str
    under_way: str
    answers: str
    description: str
    deliverables: tuple[str, ...]
    depends_on: tuple[Item, ...]
    done_when: str | None
    kpis: tuple[str, ...]


@dataclass(frozen=True)
class MilestoneView:
    """A stage milestone of the roadmap."""

    title: str
    when: str
    reachable: bool
    unaddressed: tuple[str, ...]


@dataclass(frozen=True)
class RoadmapView:
    """The roadmap section: charts, cards, milestones, what is deferred or already achieved."""

    span: str
    months: int
    capacity: int
    charts: tuple[GanttChart, ...]
    initiatives: tuple[InitiativeView, ...]
    first_days: tuple[InitiativeView, ...]
    first_days_more: int
    milestones: tuple[MilestoneView, ...]
    deferred: tuple[Item, ...]
    achieved: tuple[Item, ...]
    warnings: tuple[str, ...]
    stage_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class RespondentView:
    """A workshop participant."""

    id: str
    role: str
    name: str
    weights: str


@dataclass(frozen=True)
class ScalePoint:
    """A scale point and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class ReportContext:
    """Everything the report template reads."""

    lang: str
    title: str
    author: str
    subject: str
    keywords: str
    generated: str
    generated_iso: str
    paper: str
    page_height: str
    theme: ThemeView
    organization: str
    organization_details: tuple[str, ...]
    unit: str | None
    period: str
    assessed_on: str
    assessor: str
    framework_title: str
    framework_ref: str
    framework_version: str
    framework_description: str
    sections: tuple[Section, ...]
    stage_title: str
    stage_position: str
    stage_description: str
    stage_summary: str
    stage_track: tuple[StageStep, ...]
    next_stage_title: str | None
    next_gate: GateView | None
    gates: tuple[GateView, ...]
    overall_score: str
    overall_out_of: str
    overall_percent: str
    overall_level: str
    headline: str
    radar: RadarChart | None
    bars: BarChart | None
    required_note: str | None
    gaps: tuple[Item, ...]
    strengths: tuple[Item, ...]
    dimensions: tuple[DimensionView, ...]
    findings: tuple[FindingView, ...]
    undetermined: tuple[Item, ...]
    roadmap: RoadmapView | None
    progress: ProgressView | None
    scale: tuple[ScalePoint, ...]
    method: tuple[str, ...]
    planning_method: tuple[str, ...]
    respondents: tuple[RespondentView, ...]
    disputed_count: int
    question_count: int
    any_flags: bool
    workshop: WorkshopSection | None = None


# --- helpers ----------------------------------------------------------------------------------


def _mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` of the way towards `other` (both #rrggbb)."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def theme_view(theme: ReportTheme) -> ThemeView:
    """The palette: the primary, a darker shade for text, light tints for fills; white or near
    black text on the primary, whichever contrasts more."""
    primary = theme.primary
    light = _luminance(primary) > 0.35
    return ThemeView(
        consultancy=theme.consultancy,
        logo_url=theme.logo.as_uri() if theme.logo else None,
        primary=primary,
        primary_dark=_mix(primary, "#000000", 0.55 if light else 0.25),
        primary_tint=_mix(primary, "#ffffff", 0.78),
        primary_wash=_mix(primary, "#ffffff", 0.93),
        on_primary="#1a1a1a" if light else "#ffffff",
    )


def _num(value: float | None, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def dimension_max(dimension: Dimension, framework: Framework) -> float:
    """The highest score a dimension can reach on its own aggregate."""
    scale = framework.manifest.scale
    if dimension.aggregate == "sum":
        return scale.max * sum(q.weight for q in dimension.questions)
    return scale.max


def dimension_min(dimension: Dimension, framework: Framework) -> float:
    """The lowest score a dimension can take on its own aggregate."""
    scale = framework.manifest.scale
    if dimension.aggregate == "sum":
        return scale.min * sum(q.weight for q in dimension.questions)
    return scale.min


def _score_text(value: float | None, aggregate: str) -> str:
    if value is None:
        return "–"
    if aggregate == "sum":
        return format_number(round(value, 2))
    return _num(value, 1)


def _level_text(level: float | None, aggregate: str, framework: Framework) -> str:
    if level is None:
        return "no score"
    if aggregate == "sum":
        return plural_points(level)
    scale = framework.manifest.scale
    return f"{format_number(level)} · {scale.label(level)}"


def plural_points(value: float) -> str:
    """`1 point`, `2.5 points`."""
    return f"{format_number(value)} point{'' if value == 1 else 's'}"


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


def stage_track(
    framework: Framework, scorecard: Scorecard, next_gate: GateView | None
) -> tuple[StageStep, ...]:
    """Every stage, marked reached, current or ahead, with a short note."""
    current = framework.stage_index(scorecard.stage)
    steps = []
    for index, stage in enumerate(framework.manifest.stages):
        if index < current:
            steps.append(StageStep(stage.title, "reached", "Reached"))
        elif index == current:
            steps.append(StageStep(stage.title, "current", "Current stage"))
        elif index == current + 1 and next_gate is not None and next_gate.terms:
            steps.append(
                StageStep(
                    stage.title,
                    "ahead",
                    f"Next: {next_gate.met} of {len(next_gate.terms)} gate conditions met"
                    if len(next_gate.terms) > 1
                    else "Next: gate " + ("met" if next_gate.met else "not met yet"),
                )
            )
        else:
            steps.append(StageStep(stage.title, "ahead", "Later"))
    return tuple(steps)


def _question_name(question: Question) -> str:
    """A short name for a question: its id in words."""
    return humanize_id(question.id)


def _fraction(value: float | None, low: float, high: float) -> float | None:
    if value is None or high <= low:
        return None
    return (value - low) / (high - low)


# --- gates ------------------------------------------------------------------------------------


def gate_view(gate: GateResult, framework: Framework, scorecard: Scorecard) -> GateView:
    """A gate split into its `and` conditions, each in words with today's value."""
    space = fact_space_for(framework, include_stage=False)
    terms: list[GateTermView] = []
    if gate.condition:
        for term in split_terms(gate.condition):
            try:
                condition = compile_condition(term, space)
            except ConditionError:
                terms = [_whole_gate(gate, framework)]
                break
            outcome = condition.evaluate(scorecard.facts)
            current = ", ".join(
                value_words(name, scorecard.facts.get(name), framework) for name in condition.reads
            )
            terms.append(
                GateTermView(
                    text=condition_words(term, framework),
                    current=current,
                    state={True: "met", False: "not met", None: "undetermined"}[outcome],
                    dimensions=tuple(
                        dict.fromkeys(
                            n.split(".")[0]
                            for n in condition.reads
                            if n.split(".")[0] in framework.manifest.dimensions
                        )
                    ),
                )
            )
    state = {True: "holds", False: "does not hold", None: "undetermined"}[gate.holds]
    return GateView(
        stage=gate.stage,
        title=gate.title,
        state=state,
        terms=tuple(terms),
        met=sum(1 for t in terms if t.state == "met"),
    )


def _whole_gate(gate: GateResult, framework: Framework) -> GateTermView:
    state = {True: "met", False: "not met", None: "undetermined"}[gate.holds]
    return GateTermView(condition_words(gate.condition or "", framework), "", state, ())


def gate_requirements(gate: str | None, framework: Framework) -> dict[str, tuple[float, str]]:
    """What a gate asks of each dimension, as (fraction of the dimension's range, words).

    A dimension's requirement is the highest threshold the gate sets on the dimension itself
    (`data.level >= 2`) or on any of its questions (`data.inventory >= 2`), whichever is higher;
    an overall threshold counts for every dimension when the overall score is their minimum.
    """
    manifest = framework.manifest
    scale = manifest.scale
    own: dict[str, tuple[float, str]] = {}
    questions: dict[str, list[tuple[float, str]]] = {}
    for term in split_terms(gate) if gate else ():
        for threshold in thresholds(term) or ():
            head, _, tail = threshold.name.partition(".")
            minimum = manifest.aggregate == "min" and tail != "percent"
            targets = list(manifest.dimensions) if head == "overall" and minimum else [head]
            words = value_words(threshold.name, threshold.value, framework)
            for dimension_id in targets:
                if dimension_id not in manifest.dimensions or tail == "coverage":
                    continue
                dimension = framework.dimension(dimension_id)
                if tail == "percent":
                    fraction, bucket = threshold.value / 100, "own"
                elif tail in ("score", "level") or head == "overall":
                    low, high = (
                        dimension_min(dimension, framework),
                        dimension_max(dimension, framework),
                    )
                    fraction, bucket = _fraction(threshold.value, low, high) or 0.0, "own"
                else:
                    fraction = _fraction(threshold.value, scale.min, scale.max) or 0.0
                    bucket = "questions"
                if bucket == "own":
                    if dimension_id not in own or own[dimension_id][0] < fraction:
                        shown = f"{tail} {words}" if tail in ("score", "level") else words
                        own[dimension_id] = (fraction, shown)
                else:
                    questions.setdefault(dimension_id, []).append((fraction, words))
    found: dict[str, tuple[float, str]] = {}
    for dimension_id in manifest.dimensions:
        asked = questions.get(dimension_id, [])
        top = max((f for f, _ in asked), default=None)
        if top is not None and (dimension_id not in own or own[dimension_id][0] < top):
            count = sum(1 for f, _ in asked if f == top)
            words = next(w for f, w in asked if f == top)
            found[dimension_id] = (top, f"{words} on {plural(count, 'question')}")
        elif dimension_id in own:
            found[dimension_id] = own[dimension_id]
    return found


# --- dimensions and questions -------------------------------------------------------------------


def question_view(
    number: str,
    question: Question,
    scored: QuestionScore,
    dimension: DimensionScore,
    framework: Framework,
    assessment: Assessment,
) -> QuestionView:
    """One question with its answer, its level's descriptor and the next level's."""
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
        shown, label = "n/a", "Not applicable"
    elif value is None:
        shown, label = "–", "Not answered"
    else:
        shown, label = format_number(round(value, 2)), scale.label(value)
    names = {r.id: (r.name or r.role) for r in assessment.respondents}
    votes = tuple(
        Vote(names.get(who, who), "n/a" if v is None else format_number(v))
        for who, v in scored.votes.items()
    )
    cast = [v for v in scored.votes.values() if v is not None]
    weights = {r.id: r.weights.get(scored.dimension, 1.0) for r in assessment.respondents}
    weighted = any(weights.get(who, 1.0) != 1 for who, v in scored.votes.items() if v is not None)
    how = ("weighted " if weighted else "") + assessment.vote_aggregate
    gave = "" if scored.vote_value is None else format_number(round(scored.vote_value, 2))
    status = {
        "answered": "answered",
        "consensus": "consensus agreed in the workshop"
        + (f"; the votes gave {gave}" if gave else ""),
        "votes": f"{how} of {plural(len(cast), 'vote')}",
        "n/a": "not applicable",
        "unanswered": "not answered",
    }.get(scored.status, scored.status)
    # A plain answer is the common case: say nothing rather than "answered" on every question.
    basis = [] if scored.status == "answered" else [status]
    if scored.confidence:
        basis.append(f"confidence {scored.confidence}")
    if question.weight != 1:
        basis.append(f"weight {format_number(question.weight)}")
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
        note=scored.note,
        evidence=scored.evidence,
        asked_evidence=question.evidence,
        confidence=scored.confidence,
        votes=votes,
        votes_differ=len(set(cast)) > 1,
        disputed=scored.disputed,
        spread=None if scored.spread is None else format_number(scored.spread),
    )


def dimension_view(
    number: int,
    scored: DimensionScore,
    framework: Framework,
    assessment: Assessment,
    required: tuple[float, str] | None,
    gate: GateView | None,
) -> DimensionView:
    """A dimension section: its figures, flags and every question."""
    dimension = framework.dimension(scored.id)
    questions = tuple(
        question_view(
            f"{number}.{index}",
            question,
            scored.questions[index - 1],
            scored,
            framework,
            assessment,
        )
        for index, question in enumerate(dimension.questions, start=1)
    )
    flags: list[str] = []
    if scored.capped_by:
        question = framework.questions()[scored.capped_by]
        flags.append(
            f"Level capped by the critical question “{_question_name(question)}” "
            f"(uncapped: {format_number(scored.uncapped_level or 0)})"
        )
    if scored.insufficient:
        flags.append(
            f"Insufficient evidence: {scored.answered + scored.not_applicable} of "
            f"{scored.total} questions answered"
        )
    disputed = sum(1 for q in scored.questions if q.disputed)
    if disputed:
        flags.append(f"{plural(disputed, 'question')} disputed in the workshop")
    top = dimension_max(dimension, framework)
    met_text = note = None
    mine = [t for t in gate.terms if scored.id in t.dimensions] if gate else []
    if mine:
        met = sum(1 for t in mine if t.state == "met")
        met_text = f"{met} of {len(mine)}"
        note = "of its conditions met"
        if required is not None:
            note += f"; asks {required[1]}"
    return DimensionView(
        id=scored.id,
        anchor=f"dimension-{scored.id}",
        number=number,
        title=scored.title,
        description=dimension.description,
        score=_score_text(scored.score, scored.aggregate),
        out_of=(
            f"of {format_number(top)} points"
            if scored.aggregate == "sum"
            else f"of {format_number(top)}"
        ),
        percent=round(scored.percent or 0.0, 1),
        percent_text="–" if scored.percent is None else f"{scored.percent:.0f}%",
        level=_level_text(scored.level, scored.aggregate, framework),
        coverage=f"{scored.coverage:.0%}",
        flags=tuple(flags),
        required=None if required is None else required[1],
        required_fraction=None if required is None else round(required[0] * 100, 1),
        gate_met=met_text,
        gate_note=note,
        questions=questions,
    )


# --- executive summary --------------------------------------------------------------------------


def radar_inputs(
    scorecard: Scorecard, framework: Framework, required: dict[str, tuple[float, str]]
) -> list[RadarInput]:
    """One axis per dimension: its percentage of the attainable range and the requirement."""
    inputs = []
    for dim in scorecard.dimensions:
        value = None if dim.percent is None else dim.percent / 100
        need = required.get(dim.id)
        shown = (
            "no answers"
            if dim.score is None
            else f"{_score_text(dim.score, dim.aggregate)} "
            + (
                "pts"
                if dim.aggregate == "sum"
                else f"· {framework.manifest.scale.label(dim.level or 0)}"
            )
        )
        inputs.append(
            RadarInput(
                title=dim.title,
                value=value,
                value_text=shown,
                required=None if need is None else need[0],
                required_text=None if need is None else need[1],
            )
        )
    return inputs


def radar_rings(framework: Framework) -> list[tuple[float, str]]:
    """Guides at every scale point when every dimension shares one range, else at quarters."""
    ranges = {
        (dimension_min(d, framework), dimension_max(d, framework)) for d in framework.dimensions
    }
    if len(ranges) == 1:
        low, high = next(iter(ranges))
        scale = framework.manifest.scale
        step = scale.step * (
            sum(q.weight for q in framework.dimensions[0].questions)
            if framework.dimensions[0].aggregate == "sum"
            else 1
        )
        steps = round((high - low) / step)
        if 1 <= steps <= 8:
            return [
                (i / steps, format_number(round(low + i * step, 2))) for i in range(1, steps + 1)
            ]
        if (high - low) <= 8 and float(high - low).is_integer():
            span = int(high - low)
            return [(i / span, format_number(low + i)) for i in range(1, span + 1)]
    return [(q / 4, f"{q * 25}%") for q in range(1, 5)]


def strengths(scorecard: Scorecard, framework: Framework, count: int = 3) -> tuple[Item, ...]:
    """The highest-valued answers (ties: heavier question first, then framework order)."""
    questions = framework.questions()
    scale = framework.manifest.scale
    ranked = sorted(
        (
            (-(q.value or 0.0), -q.weight, position, q)
            for position, q in enumerate(
                q for d in scorecard.dimensions for q in d.questions if q.value is not None
            )
        ),
        key=lambda entry: entry[:3],
    )
    items = []
    for _, _, _, scored in ranked[:count]:
        if scored.value is None or scored.value <= scale.min:
            continue
        question = questions[scored.key]
        items.append(
            Item(
                title=question.levels.get(scale.floor(scored.value), question.text),
                detail=f"{scorecard.dimension(scored.dimension).title}: "
                f"{lower_first(_question_name(question))}",
                tag=f"{format_number(round(scored.value, 2))} · {scale.label(scored.value)}",
                target=f"q-{scored.key.replace('.', '-')}",
            )
        )
    return tuple(items)


def gaps(
    findings: Sequence[FindingView], scorecard: Scorecard, framework: Framework, count: int = 3
) -> tuple[Item, ...]:
    """The most severe findings; without findings, the lowest-valued answers."""
    if findings:
        return tuple(
            Item(f.title, f.dimension, f.severity_word, f.anchor) for f in findings[:count]
        )
    questions = framework.questions()
    scale = framework.manifest.scale
    ranked = sorted(
        (
            ((q.value or 0.0), -q.weight, position, q)
            for position, q in enumerate(
                q for d in scorecard.dimensions for q in d.questions if q.value is not None
            )
        ),
        key=lambda entry: entry[:3],
    )
    return tuple(
        Item(
            title=questions[q.key].text,
            detail=scorecard.dimension(q.dimension).title,
            tag=f"{format_number(round(q.value or 0, 2))} · {scale.label(q.value or 0)}",
            target=f"q-{q.key.replace('.', '-')}",
        )
        for _, _, _, q in ranked[:count]
        if (q.value or 0) < scale.max
    )


# --- findings ---------------------------------------------------------------------------------


def finding_views(
    results: RuleResults, framework: Framework, plan: Plan | None
) -> tuple[FindingView, ...]:
    """Fired rules with the answers they read and where their recommendations went."""
    planned = {i.id for i in plan.initiatives} if plan else set()
    deferred = {d.id for d in plan.deferred} if plan else set()
    achieved = {a.id for a in plan.achieved} if plan else set()
    views = []
    for finding in results.findings:
        recommends = []
        for initiative_id in finding.recommend:
            try:
                title = framework.initiative(initiative_id).title
            except KeyError:
                title = initiative_id
            state = (
                "planned"
                if initiative_id in planned
                else "already achieved"
                if initiative_id in achieved
                else "deferred"
                if initiative_id in deferred
                else "not planned"
            )
            target = f"initiative-{initiative_id}" if initiative_id in planned else ""
            recommends.append(Item(title, "", state, target))
        try:
            dimension = framework.dimension(finding.dimension).title
        except KeyError:
            dimension = finding.dimension
        views.append(
            FindingView(
                rule=finding.rule,
                anchor=f"finding-{finding.rule}",
                title=finding.title,
                severity=finding.severity,
                severity_word=SEVERITY_WORDS[finding.severity],
                dimension=dimension,
                text=finding.text,
                condition=condition_words(finding.condition, framework),
                reads=tuple(
                    f"{fact_words(r.name, framework)} = {value_words(r.name, r.value, framework)}"
                    for r in finding.reads
                ),
                recommends=tuple(recommends),
            )
        )
    return tuple(views)


# --- roadmap ----------------------------------------------------------------------------------


def _span(start: str, end: str) -> str:
    first, last = month_name(start), month_name(end)
    return first if first == last else f"{first} – {last}"


def initiative_view(item: PlannedInitiative, framework: Framework, plan: Plan) -> InitiativeView:
    """A roadmap card: why, what, who, when, after what, done when, measured how."""
    titles = {i.id: i.title for i in framework.initiatives}
    planned = {i.id for i in plan.initiatives}
    achieved = {a.id for a in plan.achieved}
    stages = {s.id: s.title for s in framework.manifest.stages}
    findings: list[Item] = []
    needed_by: list[Item] = []
    facts: dict[str, str] = {}
    for reason in item.why:
        if reason.kind == "rule":
            findings.append(Item(reason.title, "", "", f"finding-{reason.rule}"))
        elif reason.kind == "prerequisite" and reason.prerequisite_of:
            other = reason.prerequisite_of
            target = f"initiative-{other}" if other in planned else ""
            needed_by.append(Item(lower_first(titles.get(other, reason.title)), "", "", target))
        for fact in reason.facts:
            facts.setdefault(
                fact.name,
                f"{fact_words(fact.name, framework)} = "
                f"{value_words(fact.name, fact.value, framework)}",
            )
    depends = tuple(
        Item(
            titles.get(d, d),
            "",
            "already achieved" if d in achieved else "planned" if d in planned else "",
            f"initiative-{d}" if d in planned else "",
        )
        for d in item.depends_on
    )
    try:
        dimension = framework.dimension(item.dimension).title
    except KeyError:
        dimension = item.dimension
    return InitiativeView(
        id=item.id,
        anchor=f"initiative-{item.id}",
        title=item.title,
        dimension=dimension,
        stage=stages.get(item.stage, item.stage),
        owner=item.owner,
        when=_span(item.start, item.end),
        duration=plural(item.duration_months, "month"),
        effort=f"{format_number(item.effort_fte)} FTE",
        in_progress=item.status == "in_progress",
        severity=None if item.severity is None else SEVERITY_WORDS[item.severity],
        findings=tuple(findings),
        needed_by=tuple(needed_by),
        needed_by_lead="needed first by" if findings else "Needed first by",
        under_way=(
            ("already under way" if findings or needed_by else "Already under way")
            if item.status == "in_progress"
            else ""
        ),
        answers="; ".join(facts.values()),
        description=item.description,
        deliverables=item.deliverables,
        depends_on=depends,
        done_when=None if item.done_when is None else condition_words(item.done_when, framework),
        kpis=item.kpis,
    )


def roadmap_view(plan: Plan, framework: Framework, paper: Paper = "a4") -> RoadmapView:
    """The roadmap section: Gantt charts by quarter, cards, milestones, deferred, achieved."""
    stages = framework.manifest.stages
    stage_titles = {s.id: s.title for s in stages}
    cards = tuple(initiative_view(i, framework, plan) for i in plan.initiatives)
    gantt_stages = [GanttStage(s.id, s.title) for s in stages]
    marks = [
        GanttMark(
            title=m.title,
            month=m.month,
            when=m.quarter,
            reachable=m.reachable,
        )
        for m in plan.milestones
    ]
    charts = gantt_charts(
        [
            GanttItem(i.id, i.title, i.stage, i.start_month, i.end_month, i.status == "in_progress")
            for i in plan.initiatives
        ],
        gantt_stages,
        marks,
        start=plan.start,
        months=plan.months,
        # The first chart shares its page with the heading and the opening paragraph; later
        # ones leave room for the legend.
        first_height=BODY_HEIGHTS_PX[paper] - 190,
        page_height=BODY_HEIGHTS_PX[paper] - 60,
    )
    first_days = [
        card
        for card, item in zip(cards, plan.initiatives, strict=True)
        if item.start_month < FIRST_DAYS_MONTHS
    ]
    counts = tuple(
        (s.title, n) for s in stages if (n := sum(1 for i in plan.initiatives if i.stage == s.id))
    )
    return RoadmapView(
        span=_span(plan.start, plan.end),
        months=plan.months,
        capacity=plan.capacity,
        charts=charts,
        initiatives=cards,
        first_days=tuple(first_days[:FIRST_DAYS_SHOWN]),
        first_days_more=max(0, len(first_days) - FIRST_DAYS_SHOWN),
        milestones=tuple(
            MilestoneView(
                title=m.title,
                when=f"{m.quarter} ({month_name(m.date)})",
                reachable=m.reachable,
                unaddressed=tuple(condition_words(t, framework) for t in m.unaddressed),
            )
            for m in plan.milestones
        ),
        deferred=tuple(
            Item(d.title, stage_titles.get(d.stage, d.stage), d.reason, "") for d in plan.deferred
        ),
        achieved=tuple(
            Item(
                a.title,
                "",
                "marked done" if a.how == "status" else "exit criterion met",
                "",
            )
            for a in plan.achieved
        ),
        warnings=plan.warnings,
        stage_counts=counts,
    )


# --- method -----------------------------------------------------------------------------------


def method_paragraphs(framework: Framework, assessment: Assessment) -> tuple[str, ...]:
    """How the scores were reached, in plain words, from the framework's own settings."""
    manifest = framework.manifest
    scale = manifest.scale
    aggregates = {d.aggregate for d in framework.dimensions}
    rollup = {
        "mean": "the weighted mean of its answered questions",
        "min": "the value of its lowest answered question",
        "sum": "the sum of its answered questions' points (each multiplied by its weight)",
    }
    overall = {
        "mean": "the weighted mean of the dimension scores",
        "min": "the lowest dimension score, because the weakest dimension limits the whole",
        "sum": "the weighted sum of the dimension scores",
    }
    dimension_rule = (
        f"A dimension's score is {rollup[next(iter(aggregates))]}."
        if len(aggregates) == 1
        else "A dimension's score is "
        + "; ".join(f"for {d.title}, {rollup[d.aggregate]}" for d in framework.dimensions)
        + "."
    )
    votes = (
        "When several people answered in a workshop, each person's vote counts (weighted by "
        f"their weight for the dimension, 1 unless stated) and the question's value is the "
        f"{assessment.vote_aggregate} of the votes; a consensus level recorded in the workshop "
        "takes precedence. A question is marked disputed when its votes are "
        f"{format_number(assessment.dispute_threshold)} or more levels apart."
    )
    return (
        f"Each question is answered on a scale from {format_number(scale.min)} to "
        f"{format_number(scale.max)}; every level has a descriptor of what can be observed "
        "at that level, so that two assessors looking at the same evidence reach the same "
        "answer. Questions that do not apply are answered “not applicable”.",
        votes,
        "Questions answered “not applicable” and questions left unanswered are left out of the "
        "calculation altogether: they count neither as zero nor in the number of questions. "
        "A dimension with fewer than "
        f"{manifest.min_coverage:.0%} of its questions answered is flagged as "
        "insufficient evidence.",
        dimension_rule
        + " Its level is the score rounded down to a scale point, and no more than one step "
        "above its lowest critical question: a single missing foundation holds the dimension "
        "back, however strong the rest.",
        f"The overall score is {overall[manifest.aggregate]}. The readiness stage is the "
        "highest stage whose gate holds, every earlier gate holding too. A gate that reads an "
        "unanswered question is undetermined and does not hold.",
        "Findings come from the framework's rules: each rule is a condition over the answers "
        "and scores, and when it holds the report states the finding, the answers it read "
        "and the initiatives it recommends.",
    )


def planning_paragraphs(framework: Framework, plan: Plan | None) -> tuple[str, ...]:
    """How the roadmap was built, in plain words."""
    manifest = framework.manifest
    horizon = manifest.horizon
    capacity = plan.capacity if plan else manifest.capacity
    return (
        "The roadmap holds the initiatives that the findings recommend, every initiative "
        "they depend on, and the initiatives already under way. Initiatives already marked "
        "done, or whose exit criterion already holds, are listed as achieved and not "
        "planned again.",
        "Work is planned in stage blocks: the work of one stage should make the next stage's "
        "gate hold, and a block starts when the previous one ends"
        + (
            f" (less {plural(manifest.stage_overlap_months, 'month')} of overlap)"
            if manifest.stage_overlap_months
            else ""
        )
        + f". No more than {capacity} initiatives run at once; an initiative starts only "
        "when everything it depends on has ended. Within a block the most severe findings "
        "come first.",
        f"The framework plans over {horizon.min_months} to {horizon.max_months} months. Work "
        "that would end after that is listed as deferred with the reason, never squeezed "
        "in.",
    )


# --- the whole context --------------------------------------------------------------------------


def build_context(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    plan: Plan | None,
    *,
    generated: dt.date,
    theme: ReportTheme = DEFAULT_THEME,
    paper: Paper = "a4",
    progress: Progress | None = None,
) -> ReportContext:
    """The report's context from the models (pure: the generation date is passed in)."""
    manifest = framework.manifest
    scale = manifest.scale
    stages = manifest.stages
    stage_index = framework.stage_index(scorecard.stage)
    next_gate_result = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    next_gate = (
        None if next_gate_result is None else gate_view(next_gate_result, framework, scorecard)
    )
    required = gate_requirements(
        next_gate_result.condition if next_gate_result else None, framework
    )
    dimensions = tuple(
        dimension_view(n, d, framework, assessment, required.get(d.id), next_gate)
        for n, d in enumerate(scorecard.dimensions, start=1)
    )
    findings = finding_views(results, framework, plan)
    roadmap = roadmap_view(plan, framework, paper) if plan else None
    progress_section = progress_view(progress, framework) if progress and progress.latest else None

    inputs = radar_inputs(scorecard, framework, required)
    next_title = next_gate_result.title if next_gate_result else None
    required_label = f"Gate to {next_title}" if next_title and required else None
    radar = bars = None
    if len(inputs) >= 3:
        radar = radar_chart(
            inputs,
            radar_rings(framework),
            value_label=f"{assessment.organization.name}, {assessment.period}",
            required_label=required_label,
            title="Dimension scores against the next stage's gate",
        )
    else:
        bars = bar_chart(
            inputs,
            value_label=f"{assessment.organization.name}, {assessment.period}",
            required_label=required_label,
            title="Dimension scores against the next stage's gate",
        )

    overall_dims = framework.dimensions
    tops = {dimension_max(d, framework) for d in overall_dims}
    if manifest.aggregate == "sum":
        overall_top: float | None = sum(
            dimension_max(d, framework) * d.weight for d in overall_dims
        )
    else:
        overall_top = next(iter(tops)) if len(tops) == 1 else None
    sums = any(d.aggregate == "sum" for d in overall_dims) or manifest.aggregate == "sum"
    overall_score = _score_text(scorecard.score, "sum" if sums else "mean")
    overall_out_of = (
        ""
        if overall_top is None
        else f"of {format_number(overall_top)}" + (" points" if sums else "")
    )
    if scorecard.level is None:
        overall_level = "no score"
    elif sums:
        overall_level = ""  # the score already is the points
    else:
        overall_level = scale.label(scorecard.level)

    view = build_workshop(assessment, framework, scorecard)
    workshop = build_workshop_section(view, framework) if view and view.voted else None
    sections = [
        Section("summary", "Executive summary", 1),
        Section("scorecard", "Scorecard", 1),
        *(Section(d.anchor, f"{d.number}. {d.title}", 2) for d in dimensions),
        *([Section("workshop", workshop.title, 1)] if workshop else []),
        Section("findings", "Findings", 1),
    ]
    if roadmap:
        sections.append(Section("roadmap", "Roadmap", 1))
    if progress_section:
        sections.append(
            Section("progress", "Progress since " + progress_section.baseline_period, 1)
        )
    sections += [
        Section("appendix", "Appendix", 1),
        Section("method", "Method", 2),
        Section("answers", "Every answer", 2),
    ]
    if assessment.respondents:
        sections.append(Section("respondents", "Respondents", 2))

    organization = assessment.organization
    details = []
    if organization.industry:
        details.append(organization.industry)
    if organization.size:
        details.append(f"{organization.size:,} employees")
    stage = stages[stage_index]
    if next_gate is not None and len(next_gate.terms) == 1:
        state = "is met" if next_gate.met else "is not met yet"
        headline = (
            f"{organization.name} is at the {stage.title.lower()} stage. The gate to "
            f"{next_gate.title.lower()}, {next_gate.terms[0].text}, {state}."
        )
    elif next_gate is not None and next_gate.terms:
        headline = (
            f"{organization.name} is at the {stage.title.lower()} stage. "
            f"{next_gate.met} of {len(next_gate.terms)} conditions for "
            f"{next_gate.title.lower()} are met."
        )
    else:
        headline = f"{organization.name} is at the {stage.title.lower()} stage, the last one."
    author = assessment.assessor
    if theme.consultancy and theme.consultancy not in author:
        author = f"{author}, {theme.consultancy}"
    title = f"{organization.name}: {manifest.title}, {assessment.period}"
    notes = []
    if required and next_title:
        notes.append(
            f"The dashed marks show what the gate to {next_title} asks of each dimension: "
            "the level it sets for the dimension or, where it names questions, the highest "
            "level it asks of them."
        )
    return ReportContext(
        lang="en",
        title=title,
        author=author,
        subject=f"{manifest.title} assessment of {organization.name}, {assessment.period}",
        keywords=", ".join(
            ["machine learning", "readiness", manifest.id, organization.name, assessment.period]
        ),
        generated=long_date(generated),
        generated_iso=generated.isoformat(),
        paper=PAPER_SIZES[paper],
        page_height=COVER_HEIGHTS[paper],
        theme=theme_view(theme),
        organization=organization.name,
        organization_details=tuple(details),
        unit=organization.unit,
        period=assessment.period,
        assessed_on=long_date(assessment.date),
        assessor=assessment.assessor,
        framework_title=manifest.title,
        framework_ref=framework.ref,
        framework_version=manifest.version,
        framework_description=manifest.description,
        sections=tuple(sections),
        stage_title=stage.title,
        stage_position=f"stage {stage_index + 1} of {len(stages)}",
        stage_description=stage.description,
        stage_summary=first_sentence(stage.description),
        stage_track=stage_track(framework, scorecard, next_gate),
        next_stage_title=next_title,
        next_gate=next_gate,
        gates=tuple(gate_view(g, framework, scorecard) for g in scorecard.gates[1:]),
        overall_score=overall_score,
        overall_out_of=overall_out_of,
        overall_percent="–" if scorecard.percent is None else f"{scorecard.percent:.0f}%",
        overall_level=overall_level,
        headline=headline,
        radar=radar,
        bars=bars,
        required_note=" ".join(notes) or None,
        gaps=gaps(findings, scorecard, framework),
        strengths=strengths(scorecard, framework),
        dimensions=dimensions,
        findings=findings,
        undetermined=tuple(
            Item(
                u.title,
                condition_words(u.condition, framework),
                ", ".join(fact_words(m, framework) for m in u.missing),
                "",
            )
            for u in results.undetermined
        ),
        roadmap=roadmap,
        progress=progress_section,
        scale=tuple(ScalePoint(format_number(p), scale.labels[p]) for p in scale.points()),
        method=method_paragraphs(framework, assessment),
        planning_method=planning_paragraphs(framework, plan),
        respondents=tuple(
            RespondentView(
                id=r.id,
                role=r.role,
                name=r.name or "",
                weights=", ".join(
                    f"{framework.dimension(k).title if k in manifest.dimensions else k} × "
                    f"{format_number(v)}"
                    for k, v in sorted(r.weights.items())
                ),
            )
            for r in assessment.respondents
        ),
        disputed_count=sum(1 for d in scorecard.dimensions for q in d.questions if q.disputed),
        question_count=sum(len(d.questions) for d in scorecard.dimensions),
        any_flags=any(d.flags for d in dimensions),
        workshop=workshop,
    )
