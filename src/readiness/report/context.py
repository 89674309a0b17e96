"""The template context: everything the report shows, built from the models and nothing else.

`build_context` is pure: it reads no file and no clock (the generation date is passed in), so the
same models give the same HTML. The templates receive `ReportContext` and only loop and branch
over it; every number is formatted and every chart laid out here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.model import Assessment, Framework, format_number
from readiness.plan.records import Plan
from readiness.progress import Progress
from readiness.report.answers import DimensionView, dimension_view, score_text
from readiness.report.cards import InitiativeView, Item, RoadmapView, roadmap_view
from readiness.report.contents import Section, table_of_contents
from readiness.report.cost import basis_words, team_rate
from readiness.report.findings import FindingView, finding_views
from readiness.report.funding_labels import part_labels
from readiness.report.gates import (
    GateView,
    StageStep,
    dimension_max,
    gate_requirements,
    gate_view,
    stage_track,
)
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.lanes import LanesChart, lanes_chart
from readiness.report.method import method_paragraphs, planning_paragraphs
from readiness.report.palette import ThemeView, theme_view
from readiness.report.participants import Participant, participants
from readiness.report.progress import ProgressView, counted_achievements, progress_view
from readiness.report.reading import disputed_answers, open_dispute
from readiness.report.standing import shade
from readiness.report.story import Story, build_story
from readiness.report.story_plan import first_wave
from readiness.report.theme import DEFAULT_THEME, ReportTheme
from readiness.report.words import (
    condition_words,
    fact_words,
    first_sentence,
    long_date,
)
from readiness.report.workshop import WorkshopSection, build_workshop_section
from readiness.rules import RuleResults
from readiness.score import Scorecard
from readiness.workshop import build_workshop

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
COVER_HEIGHTS: dict[str, str] = {"a4": "296mm", "letter": "278mm"}
"""A hair under the paper height, so the cover never spills onto a second page."""


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScalePoint:
    """A scale point and its label."""

    value: str
    label: str
    shade: int
    """0 (lowest) to 4 (highest), as the practice heat map shades it."""


@dataclass(frozen=True)
class ReportContext:
    """Everything the report template reads."""

    lang: str
    words: Translator
    """The report's language: the templates' `_` and every sentence built here."""
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
    unit_short: str | None
    """The short name the text calls the unit by, when it is not the unit as written: the
    scope line introduces it."""
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
    dimensions: tuple[DimensionView, ...]
    findings: tuple[FindingView, ...]
    undetermined: tuple[Item, ...]
    roadmap: RoadmapView | None
    progress: ProgressView | None
    scale: tuple[ScalePoint, ...]
    method: tuple[str, ...]
    planning_method: tuple[str, ...]
    respondents: tuple[Participant, ...]
    disputed_count: int
    question_count: int
    any_flags: bool
    story: Story
    lanes: LanesChart | None
    first_wave: tuple[InitiativeView, ...]
    first_wave_cards: tuple[InitiativeView, ...]
    first_wave_rest: tuple[InitiativeView, ...]
    workshop: WorkshopSection | None = None
    money_basis: str | None = None
    """What the key facts' ask leaves out (`cost.basis_words`: the column is headed as team
    effort, the rate said in the headline); None without a rate."""


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
    words: Translator = ENGLISH,
) -> ReportContext:
    """The report's context from the models (pure: the generation date is passed in)."""
    manifest = framework.manifest
    scale = manifest.scale
    stages = manifest.stages
    stage_index = framework.stage_index(scorecard.stage)
    next_gate_result = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    next_gate = (
        None
        if next_gate_result is None
        else gate_view(next_gate_result, framework, scorecard, words)
    )
    required = gate_requirements(
        next_gate_result.condition if next_gate_result else None, framework, words
    )
    dimensions = tuple(
        dimension_view(n, d, framework, assessment, required.get(d.id), next_gate, words)
        for n, d in enumerate(scorecard.dimensions, start=1)
    )
    findings = finding_views(results, framework, plan, scorecard, words)
    disputed = disputed_answers(scorecard)
    rate = team_rate(assessment)
    since = (
        (
            progress.latest.baseline_period,
            frozenset(a.id for a in counted_achievements(progress, framework, disputed)),
        )
        if progress and progress.latest
        else None
    )
    progress_section = (
        progress_view(
            progress,
            framework,
            disputed,
            words,
            {i.id: i.end for i in plan.initiatives} if plan else None,
        )
        if progress and progress.latest
        else None
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
    overall_score = score_text(scorecard.score, "sum" if sums else "mean")
    overall_out_of = (
        ""
        if overall_top is None
        else (
            words.gettext("of %(top)s points", top=format_number(overall_top))
            if sums
            else words.gettext("of %(top)s", top=format_number(overall_top))
        )
    )
    if scorecard.level is None:
        overall_level = words.gettext("no score")
    elif sums:
        overall_level = ""  # the score already is the points
    else:
        overall_level = scale.label(scorecard.level)

    view = build_workshop(assessment, framework, scorecard)
    workshop = (
        build_workshop_section(view, assessment, framework, scorecard, words)
        if view and view.voted
        else None
    )
    story = build_story(
        framework,
        assessment,
        scorecard,
        results,
        plan,
        progress=progress,
        workshop=view,
        words=words,
    )
    roadmap = (
        roadmap_view(
            plan,
            framework,
            disputed,
            words,
            scorecard.facts,
            rate,
            since,
            part_labels(story.funding_split, words),
        )
        if plan
        else None
    )
    wave_ids = {i.id for i in first_wave(plan, framework)}
    wave = tuple(c for c in roadmap.initiatives if c.id in wave_ids) if roadmap else ()
    chosen = [p.title for p in story.priorities]
    cards = tuple(
        sorted((c for c in wave if c.title in chosen), key=lambda c: chosen.index(c.title))
    )
    _ = words.gettext
    sections = table_of_contents(
        story,
        words,
        progress=progress_section,
        first_wave=bool(wave),
        roadmap=bool(roadmap),
        respondents=bool(assessment.respondents),
    )
    organization = assessment.organization
    details = []
    if organization.industry:
        details.append(organization.industry)
    if organization.size:
        details.append(
            words.ngettext(
                "%(size)s employee",
                "%(size)s employees",
                organization.size,
                size=format(organization.size, ","),
            )
        )
    stage = stages[stage_index]
    author = assessment.assessor
    if theme.consultancy and theme.consultancy not in author:
        author = f"{author}, {theme.consultancy}"
    title = _(
        "%(organization)s: %(framework)s, %(period)s",
        organization=organization.name,
        framework=manifest.title,
        period=assessment.period,
    )
    return ReportContext(
        lang=words.language,
        words=words,
        title=title,
        author=author,
        subject=_(
            "%(framework)s assessment of %(organization)s, %(period)s",
            framework=manifest.title,
            organization=organization.name,
            period=assessment.period,
        ),
        keywords=", ".join(
            [
                _("machine learning"),
                "readiness",
                manifest.id,
                organization.name,
                assessment.period,
            ]
        ),
        generated=long_date(generated, words),
        generated_iso=generated.isoformat(),
        paper=PAPER_SIZES[paper],
        page_height=COVER_HEIGHTS[paper],
        theme=theme_view(theme),
        organization=organization.name,
        organization_details=tuple(details),
        unit=organization.unit,
        unit_short=organization.unit_short
        if organization.unit_short != organization.unit
        else None,
        period=assessment.period,
        assessed_on=long_date(assessment.date, words),
        assessor=assessment.assessor,
        framework_title=manifest.title,
        framework_ref=framework.ref,
        framework_version=manifest.version,
        framework_description=manifest.description,
        sections=sections,
        stage_title=stage.title,
        stage_position=_(
            "stage %(number)s of %(count)s", number=stage_index + 1, count=len(stages)
        ),
        stage_description=stage.description,
        stage_summary=first_sentence(stage.description),
        stage_track=stage_track(framework, scorecard, next_gate, words),
        next_stage_title=next_gate_result.title if next_gate_result else None,
        next_gate=next_gate,
        gates=tuple(gate_view(g, framework, scorecard, words) for g in scorecard.gates[1:]),
        overall_score=overall_score,
        overall_out_of=overall_out_of,
        overall_percent="–"
        if scorecard.percent is None
        else _("%(number)s%%", number=format(scorecard.percent, ".0f")),
        overall_level=overall_level,
        dimensions=dimensions,
        findings=findings,
        undetermined=tuple(
            Item(
                u.title,
                condition_words(u.condition, framework, words),
                ", ".join(fact_words(m, framework, words) for m in u.missing),
                "",
            )
            for u in results.undetermined
        ),
        roadmap=roadmap,
        progress=progress_section,
        scale=tuple(
            ScalePoint(format_number(p), scale.labels[p], shade(p, scale.min, scale.max))
            for p in scale.points()
        ),
        method=method_paragraphs(framework, assessment, words),
        planning_method=planning_paragraphs(framework, plan, words, limit=assessment.capacity),
        respondents=participants(assessment, framework, words),
        disputed_count=sum(1 for d in scorecard.dimensions for q in d.questions if open_dispute(q)),
        question_count=sum(len(d.questions) for d in scorecard.dimensions),
        any_flags=any(d.flags for d in dimensions),
        story=story,
        lanes=lanes_chart(story.roadmap, words) if story.roadmap else None,
        first_wave=wave,
        first_wave_cards=cards,
        first_wave_rest=tuple(c for c in wave if c not in cards),
        workshop=workshop,
        # The key facts sit under the headline, whose funding sentence gives the rate.
        money_basis=basis_words(rate, words, headed=True) if rate is not None else None,
    )
