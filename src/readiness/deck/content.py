"""What the deck says, slide by slide, from the scored and planned assessment.

The words and numbers come from the models and from the report's context (its headline, gate
conditions in words, roadmap milestones, progress and workshop views), so the deck and the
report say the same things. This module is the only one that decides what a slide says; the
rest of the package only draws.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from readiness.deck.slides import (
    ChartSlide,
    Column,
    HeatCell,
    HeatmapSlide,
    HeatRow,
    Point,
    Series,
    Slide,
    Slides,
    TableSlide,
    TextSlide,
    TitleSlide,
    TwoColumnSlide,
)
from readiness.model import Framework, format_number
from readiness.report.context import ReportContext, dimension_max, dimension_min
from readiness.report.words import humanize_id, long_date, month_name, plural
from readiness.roadmap import Plan
from readiness.rules import RuleResults
from readiness.score import Scorecard

PRACTICES_PER_ROW = 6
"""The heat map shows each dimension's key practices: its critical and heaviest questions."""
THEMES_SHOWN = 5
CONDITIONS_SHOWN = 4
ITEMS_PER_CELL = 3
FIRST_DAYS_MONTHS = 3
DISPUTES_SHOWN = 6
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}


def deck_slides(
    context: ReportContext,
    framework: Framework,
    scorecard: Scorecard,
    results: RuleResults,
    plan: Plan,
    *,
    generated: dt.date,
) -> Slides:
    """Every slide of the steering-committee deck, in order."""
    slides: list[Slide] = [
        _cover(context, generated),
        _headline(context),
        _standing(context, framework, scorecard),
        _heatmap(framework, scorecard),
        _holding_back(context, results, framework),
        _roadmap(context, framework, plan),
        _first_days(context, plan),
        _what_it_takes(context, plan),
    ]
    if context.progress is not None:
        slides.append(_progress(context, scorecard))
    if context.workshop is not None and context.workshop.agenda:
        slides.append(_disputes(context))
    slides.append(_closing(context, plan))
    return Slides(
        title=f"{context.organization}: {context.framework_title}, {context.period}",
        author=context.author,
        subject=context.subject,
        keywords=context.keywords,
        slides=tuple(slides),
    )


def _cover(context: ReportContext, generated: dt.date) -> TitleSlide:
    by = context.theme.consultancy or context.assessor
    return TitleSlide(
        title=f"{context.organization}: readiness to scale machine learning",
        subtitle=f"Steering committee, {long_date(generated)} · assessment of {context.period}"
        f" · {by}",
        notes=f"Assessment of {context.organization} against {context.framework_title} "
        f"(version {context.framework_version}), dated {context.assessed_on}, by "
        f"{context.assessor}.",
    )


def _headline(context: ReportContext) -> TextSlide:
    points = [
        Point(
            f"Today: {context.stage_title} ({context.stage_position}); overall "
            f"{context.overall_score} {context.overall_out_of}"
            + (f", {context.overall_level}" if context.overall_level else ""),
            context.stage_summary,
        )
    ]
    if context.gaps:
        points.append(
            Point(
                "What holds it back most: " + context.gaps[0].title,
                "; ".join(g.title for g in context.gaps[1:]),
            )
        )
    if context.roadmap and context.roadmap.first_days:
        first = context.roadmap.first_days[0]
        points.append(Point(f"First: {first.title}", f"{first.owner}, {first.when}"))
    if context.roadmap and context.roadmap.milestones:
        last = context.roadmap.milestones[-1]
        points.append(Point(f"{last.title}: {last.when}"))
    gate = context.next_gate
    notes = [context.headline]
    if gate is not None:
        notes += [f"The gate to {gate.title}: {gate.met} of {len(gate.terms)} conditions met."]
        notes += [f"- {t.text}: {t.state} (today {t.current})" for t in gate.terms]
    return TextSlide(context.headline, tuple(points), "\n".join(notes))


def _standing(context: ReportContext, framework: Framework, scorecard: Scorecard) -> ChartSlide:
    gate = context.next_gate
    required: dict[str, float] = {}
    for view in context.dimensions:
        if view.required_fraction is not None:
            dimension = framework.dimension(view.id)
            low, high = dimension_min(dimension, framework), dimension_max(dimension, framework)
            required[view.id] = round(low + view.required_fraction / 100 * (high - low), 2)
    series = [
        Series(f"{context.period}", tuple(d.level for d in scorecard.dimensions)),
    ]
    if gate is not None and required:
        series.append(
            Series(
                f"Needed for {gate.title}",
                tuple(required.get(d.id) for d in scorecard.dimensions),
            )
        )
    top = max(dimension_max(d, framework) for d in framework.dimensions)
    scale = framework.manifest.scale
    sums = any(d.aggregate == "sum" for d in framework.dimensions)
    axis = "Points" if sums else f"Level ({format_number(scale.min)} {scale.labels[scale.min]} "
    if not sums:
        axis += f"to {format_number(scale.max)} {scale.labels[scale.max]})"
    side: list[Point] = []
    if gate is not None:
        side.append(Point(f"{gate.met} of {len(gate.terms)} conditions for {gate.title} met"))
        unmet = sorted(
            (d for d in context.dimensions if d.gate_met and not d.gate_met.startswith("all")),
            key=lambda d: d.percent,
        )
        for view in unmet[:3]:
            side.append(Point(f"{view.title}: {view.level}", f"{view.gate_met} {view.gate_note}"))
    else:
        side.append(Point(f"{context.stage_title} is the last stage of the framework"))
    notes = [f"{d.title}: score {d.score} {d.out_of}, level {d.level}" for d in context.dimensions]
    if context.required_note:
        notes.append(context.required_note)
    title = (
        f"Where {context.organization} stands against {gate.title}"
        if gate
        else f"Where {context.organization} stands"
    )
    return ChartSlide(
        title=title,
        categories=tuple(d.title for d in scorecard.dimensions),
        series=tuple(series),
        axis_max=top,
        axis_title=axis,
        side=Column("The gap", tuple(side)),
        notes="\n".join(notes),
    )


def _heatmap(framework: Framework, scorecard: Scorecard) -> HeatmapSlide:
    scale = framework.manifest.scale
    span = (scale.max - scale.min) or 1.0
    rows = []
    left_out = []
    for scored in scorecard.dimensions:
        dimension = framework.dimension(scored.id)
        ranked = sorted(
            range(len(dimension.questions)),
            key=lambda i: (not dimension.questions[i].critical, -dimension.questions[i].weight, i),
        )
        kept = sorted(ranked[:PRACTICES_PER_ROW])
        left_out += [dimension.questions[i].id for i in ranked[PRACTICES_PER_ROW:]]
        cells = []
        for index in kept:
            question, answer = dimension.questions[index], scored.questions[index]
            name = humanize_id(question.id)
            if answer.value is None:
                cells.append(HeatCell(f"{name}\n{'n/a' if answer.status == 'n/a' else '–'}", None))
            else:
                shown = format_number(round(answer.value, 1))
                cells.append(HeatCell(f"{name}\n{shown}", (answer.value - scale.min) / span))
        rows.append(HeatRow(scored.title, tuple(cells)))
    legend = tuple(
        HeatCell(f"{format_number(p)} {scale.labels[p]}", (p - scale.min) / span)
        for p in scale.points()
    )
    notes = (
        "Each cell is one key practice and its answer on the scale "
        f"{format_number(scale.min)}-{format_number(scale.max)}; darker is stronger. "
        "Critical practices and the heaviest ones are shown"
        + (f"; {plural(len(left_out), 'other question')} are in the report." if left_out else ".")
    )
    return HeatmapSlide("Key practices by dimension", tuple(rows), legend, notes)


def _holding_back(context: ReportContext, results: RuleResults, framework: Framework) -> TextSlide:
    groups: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for finding in results.findings:
        groups[finding.dimension].append(
            (SEVERITY_RANK[finding.severity], finding.title, finding.text)
        )
    ordered = sorted(
        groups.items(), key=lambda item: (sorted(r for r, _, _ in item[1]), -len(item[1]))
    )[:THEMES_SHOWN]
    points, notes = [], []
    for dimension_id, found in ordered:
        found.sort()
        title = framework.dimension(dimension_id).title
        more = len(found) - 1
        points.append(
            Point(
                found[0][1], title + (f" · and {plural(more, 'related finding')}" if more else "")
            )
        )
        notes.append(f"{title}:")
        notes += [f"- {t}: {text}" for _, t, text in found]
    if not points:
        points.append(Point("No finding: every rule of the framework is satisfied"))
    return TextSlide(f"What holds {context.organization} back", tuple(points), "\n".join(notes))


def _roadmap(context: ReportContext, framework: Framework, plan: Plan) -> TableSlide:
    stages = [
        s for s in framework.manifest.stages if any(i.stage == s.id for i in plan.initiatives)
    ]
    header = ("Workstream", *(_stage_span(plan, s.id, s.title) for s in stages))
    rows = []
    for dimension in framework.dimensions:
        items = [i for i in plan.initiatives if i.dimension == dimension.id]
        if not items:
            continue
        cells = [
            "\n".join(f"{i.title} ({_quarter(i.start_quarter)})" for i in items if i.stage == s.id)
            for s in stages
        ]
        rows.append((dimension.title, *cells))
    milestones = (
        ["\n".join(f"{m.title}: {m.when}" for m in context.roadmap.milestones)]
        if (context.roadmap)
        else [""]
    )
    rows.append(("Milestones", *milestones, *("",) * (len(stages) - 1)))
    notes = [
        f"{i.title}: {month_name(i.start)} to {month_name(i.end)}, {i.owner}"
        for i in plan.initiatives
    ]
    if plan.deferred:
        notes.append("Deferred beyond the horizon: " + "; ".join(d.title for d in plan.deferred))
    span = context.roadmap.span if context.roadmap else ""
    return TableSlide(
        f"The roadmap: {span}",
        header,
        tuple(rows),
        (1.0, *(3.0,) * len(stages)),
        "\n".join(notes),
    )


def _stage_span(plan: Plan, stage: str, title: str) -> str:
    items = [i for i in plan.initiatives if i.stage == stage]
    first, last = min(i.start for i in items), max(i.end for i in items)
    return f"{title}: {month_name(first)} – {month_name(last)}"


def _quarter(label: str) -> str:
    """`2027-Q1` -> `Q1 2027`."""
    year, _, quarter = label.partition("-")
    return f"{quarter} {year}"


def _first_days(context: ReportContext, plan: Plan) -> TableSlide:
    items = [i for i in plan.initiatives if i.start_month < FIRST_DAYS_MONTHS]
    rows = tuple(
        (i.title, i.owner, month_name(i.start), f"{format_number(i.effort_fte)} FTE") for i in items
    )
    notes = "\n".join(f"{i.title}: {i.description}" for i in items)
    return TableSlide(
        "The first 90 days",
        ("Initiative", "Owner", "Starts", "Effort"),
        rows or (("Nothing starts in the first three months", "", "", ""),),
        (3.2, 1.8, 0.9, 0.8),
        notes or "The roadmap starts no initiative in its first three months.",
    )


def _what_it_takes(context: ReportContext, plan: Plan) -> TwoColumnSlide:
    gate = context.next_gate
    unmet = [t for t in gate.terms if t.state != "met"] if gate else []
    left = [Point(t.text[:1].upper() + t.text[1:]) for t in unmet]
    if len(left) > CONDITIONS_SHOWN:
        rest = len(left) - CONDITIONS_SHOWN
        left = [*left[:CONDITIONS_SHOWN], Point(f"and {plural(rest, 'more condition')}")]
    effort = sum(i.effort_fte * i.duration_months for i in plan.initiatives) / 12
    right = [
        Point(f"{m.title}: {m.when}", "" if m.reachable else "not reachable with this plan")
        for m in (context.roadmap.milestones if context.roadmap else ())
    ]
    right.append(
        Point(
            f"{plural(len(plan.initiatives), 'initiative')} over {plural(plan.months, 'month')}",
            f"about {format_number(round(effort, 1))} person-years; at most "
            f"{plan.capacity} at once",
        )
    )
    heading = f"To reach {gate.title}" if gate else "Every stage gate holds"
    return TwoColumnSlide(
        "What it takes",
        Column(heading, tuple(left) or (Point("Nothing more: the gate holds"),)),
        Column("When, and with what", tuple(right)),
        "\n".join(f"- {t.text}: today {t.current}" for t in unmet) or "The next gate holds.",
    )


def _progress(context: ReportContext, scorecard: Scorecard) -> ChartSlide:
    view = context.progress
    assert view is not None
    points = [Point(view.summary)]
    if view.achieved:
        points.append(
            Point(
                f"Achieved: {view.achieved[0].title}",
                f"and {plural(len(view.achieved) - 1, 'more')}" if len(view.achieved) > 1 else "",
            )
        )
    if view.slipped:
        more = len(view.slipped) - 1
        points.append(
            Point(f"Slipped: {view.slipped[0].title}", f"and {more} more" if more else "")
        )
    before = tuple(float(r.before) if r.before != "–" else None for r in view.rows)
    after = tuple(float(r.after) if r.after != "–" else None for r in view.rows)
    notes = [f"{r.title}: {r.before} to {r.after} ({r.delta})" for r in view.rows]
    notes += [f"Achieved: {a.title} ({a.detail})" for a in view.achieved]
    notes += [f"Slipped: {s.title} ({s.detail})" for s in view.slipped]
    top = max([*(v for v in before + after if v is not None), 1.0])
    return ChartSlide(
        f"Progress since {view.baseline_period}",
        tuple(r.title for r in view.rows),
        (Series(view.baseline_period, before), Series(view.current_period, after)),
        axis_max=float(int(top) + (0 if float(top).is_integer() else 1)),
        axis_title="Score",
        side=Column("Since the last period", tuple(points)),
        notes="\n".join(notes),
    )


def _disputes(context: ReportContext) -> TableSlide:
    section = context.workshop
    assert section is not None
    rows = tuple(
        (card.text, card.dimension, ", ".join(f"{v.who} {v.vote}" for v in card.votes), card.spread)
        for card in section.agenda[:DISPUTES_SHOWN]
    )
    notes = [section.lead]
    notes += [f"{c.text}: {c.evidence}" for c in section.agenda]
    return TableSlide(
        "Where leadership disagrees",
        ("Question", "Dimension", "Votes", "Spread"),
        rows,
        (3.2, 1.4, 2.6, 0.7),
        "\n".join(notes),
    )


def _closing(context: ReportContext, plan: Plan) -> TwoColumnSlide:
    method = (
        Point(
            f"{context.question_count} questions on {len(context.dimensions)} dimensions, each "
            "answered against a described level"
        ),
        Point("Findings from the framework's rules; a roadmap of the initiatives they recommend"),
        Point(f"Planned in stage waves, at most {plan.capacity} initiatives at once"),
    )
    first = context.roadmap.first_days[:2] if context.roadmap else ()
    steps = [Point("Approve the first wave and its owners")]
    steps += [Point(f"Start: {c.title}", c.owner) for c in first]
    steps.append(Point("Re-score next quarter to measure progress"))
    return TwoColumnSlide(
        "Method and next steps",
        Column("How we assessed", method),
        Column("Next steps", tuple(steps)),
        "\n".join(context.method),
    )
