"""The template context: everything the report shows, built from the models and nothing else.

`build_context` is pure: it reads no file and no clock (the generation date is passed in), so the
same models give the same HTML. The templates receive `ReportContext` and only loop and branch
over it; every number is formatted and every chart laid out here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.model import Assessment, Framework, Question, format_number
from readiness.progress import Progress
from readiness.report.cards import InitiativeView, Item, RoadmapView, roadmap_view
from readiness.report.charts import (
    BarChart,
    RadarChart,
    RadarInput,
    bar_chart,
    radar_chart,
)
from readiness.report.gates import (
    GateView,
    StageStep,
    dimension_max,
    dimension_min,
    gate_requirements,
    gate_view,
    stage_track,
)
from readiness.report.lanes import LanesChart, lanes_chart
from readiness.report.progress import ProgressView, progress_view
from readiness.report.story import Story, build_story
from readiness.report.story_plan import first_wave
from readiness.report.theme import DEFAULT_THEME, ReportTheme
from readiness.report.words import (
    condition_words,
    fact_words,
    first_sentence,
    humanize_id,
    long_date,
    plural,
    value_words,
)
from readiness.report.workshop import WorkshopSection, build_workshop_section
from readiness.roadmap import Plan
from readiness.rules import RuleResults
from readiness.score import DimensionScore, QuestionScore, Scorecard
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
    radar: RadarChart | None
    bars: BarChart | None
    required_note: str | None
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
    story: Story
    lanes: LanesChart | None
    first_wave: tuple[InitiativeView, ...]
    first_wave_cards: tuple[InitiativeView, ...]
    first_wave_rest: tuple[InitiativeView, ...]
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


def _question_name(question: Question) -> str:
    """A short name for a question: its id in words."""
    return humanize_id(question.id)


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
    roadmap = roadmap_view(plan, framework) if plan else None
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
    story = build_story(
        framework, assessment, scorecard, results, plan, progress=progress, workshop=view
    )
    wave_ids = {i.id for i in first_wave(plan)}
    wave = tuple(c for c in roadmap.initiatives if c.id in wave_ids) if roadmap else ()
    chosen = [p.title for p in story.priorities]
    cards = tuple(
        sorted((c for c in wave if c.title in chosen), key=lambda c: chosen.index(c.title))
    )
    sections = [Section("summary", "Executive summary", 1)]
    if progress_section:
        sections.append(
            Section("progress", "Progress since " + progress_section.baseline_period, 1)
        )
    sections.append(Section("standing", "Where you stand", 1))
    if story.workshop:
        sections.append(Section("disagreement", "Where leadership disagrees", 1))
    sections.append(Section("themes", "What holds you back", 1))
    if story.roadmap:
        sections.append(Section("roadmap", "The roadmap", 1))
    if wave:
        sections.append(Section("first-wave", "The first wave", 1))
    if story.what_it_takes:
        sections.append(Section("what-it-takes", "What it takes", 1))
    sections += [
        Section("appendix", "Appendix", 1),
        Section("answers", "Every practice and answer", 2),
        Section("all-findings", "Every finding", 2),
        *([Section("all-initiatives", "Every initiative", 2)] if roadmap else []),
        Section("method", "Method", 2),
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
        radar=radar,
        bars=bars,
        required_note=" ".join(notes) or None,
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
        story=story,
        lanes=lanes_chart(story.roadmap) if story.roadmap else None,
        first_wave=wave,
        first_wave_cards=cards,
        first_wave_rest=tuple(c for c in wave if c not in cards),
        workshop=workshop,
    )
