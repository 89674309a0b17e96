"""What the deck says, slide by slide: the report's story (`readiness.report.story`) laid out
for a meeting.

Every sentence, theme, priority, lane, milestone and dispute is the story's, so the deck and
the report never disagree; this module only chooses which of them go on which slide, and how
many fit. The numbers of the charts are the scorecard's levels and the progress record's scores.
"""

from __future__ import annotations

import datetime as dt

from readiness.deck.committee import closing_slide, decisions_slide, disputes_slide, sentences
from readiness.deck.gantt import roadmap_slide
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
)
from readiness.deck.standing import standing_slide, what_it_takes_slide
from readiness.model import Assessment, Framework, format_number
from readiness.progress import Progress
from readiness.report.story import Practice, RoadmapStory, StandingRow, Story, Theme
from readiness.report.words import long_date, plural, score_shown
from readiness.score import Scorecard

ALL_SHOWN = 8
"""Practices per dimension the heat map shows whole; a dimension with more gets `PRACTICES_SHOWN`
cells: the short and the weakest practices and a cell that counts the rest."""
PRACTICES_SHOWN = 6


def deck_slides(
    story: Story,
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    *,
    progress: Progress | None,
    generated: dt.date,
    consultancy: str | None,
) -> Slides:
    """Every slide of the steering-committee deck, in order."""
    slides: list[Slide] = [
        _cover(story, framework, assessment, generated, consultancy),
        _headline(story),
        standing_slide(story, framework, scorecard),
        _heatmap(story, framework),
        _themes(story),
    ]
    if story.roadmap is not None:
        slides.append(roadmap_slide(story, story.roadmap))
    if story.priorities:
        slides.append(_priorities(story))
    slides.append(what_it_takes_slide(story))
    if story.change is not None and progress is not None and progress.latest is not None:
        slides.append(_progress(story, progress))
    if story.workshop is not None and story.workshop.disputes:
        slides.append(disputes_slide(story))
    if (decisions := decisions_slide(story)) is not None:
        slides.append(decisions)
    slides.append(closing_slide(story, framework, assessment, generated))
    author = assessment.assessor
    if consultancy and consultancy not in author:
        author = f"{author}, {consultancy}"
    return Slides(
        title=f"{story.organization}: {framework.manifest.title}, {story.period}",
        author=author,
        subject=f"Steering committee: {framework.manifest.title} of {story.organization}, "
        f"{story.period}",
        keywords=", ".join(("machine learning", "readiness", story.organization, story.period)),
        slides=tuple(slides),
    )


def _cover(
    story: Story,
    framework: Framework,
    assessment: Assessment,
    generated: dt.date,
    consultancy: str | None,
) -> TitleSlide:
    by = consultancy or assessment.assessor
    scope = assessment.organization.unit
    lines = [f"Scope: {scope}"] if scope else []
    lines += [
        f"Steering committee, {long_date(generated)}",
        f"Assessed {long_date(assessment.date)} ({story.period}) · {by}",
    ]
    return TitleSlide(
        title=f"{story.organization}: {framework.manifest.title}",
        subtitle="\n".join(lines),
        notes="\n".join(story.summary),
    )


def _headline(story: Story) -> TextSlide:
    first, *rest = sentences(story.headline)
    points = [Point(sentence) for sentence in rest]
    if story.effort:
        points.append(Point(f"The effort: {story.effort}"))
    return TextSlide(first, tuple(points), "\n".join((story.headline, *story.summary)))


def _key_practices(row: StandingRow) -> tuple[list[Practice], list[Practice]]:
    """The practices the heat map shows, in the framework's order, and those it leaves out:
    every practice when there are at most `ALL_SHOWN`; else, in `PRACTICES_SHOWN` cells less one
    (the last counts the rest), the short ones first, then the weakest, so that whatever is left out is
    at least as strong as anything shown."""
    practices = row.practices
    if len(practices) <= ALL_SHOWN:
        return list(practices), []
    ranked = sorted(
        range(len(practices)),
        key=lambda i: (
            not practices[i].short,
            -1.0 if practices[i].level is None else practices[i].level,
            practices[i].asked is None,
            not practices[i].critical,
            i,
        ),
    )
    room = PRACTICES_SHOWN - 1
    return [practices[i] for i in sorted(ranked[:room])], [practices[i] for i in ranked[room:]]


def _left_out(hidden: list[Practice], framework: Framework) -> str:
    """The cell that counts the practices a row leaves out: how many, how many of them are
    below what the next stage requires, else the least level among them."""
    scale = framework.manifest.scale
    short = sum(p.short for p in hidden)
    levels = [p.level for p in hidden if p.level is not None]
    if short:
        where = "below the level" if short == len(hidden) else f"{short} of them below the level"
    elif levels:
        low = min(levels)
        where = f"each {format_number(low)} {scale.labels[scale.floor(low)]} or above"
    else:
        where = "in the report"
    return f"+{len(hidden)} more, {where}"


def _heatmap(story: Story, framework: Framework) -> HeatmapSlide:
    scale = framework.manifest.scale
    rows = []
    every = [p for row in story.standing for p in row.practices]
    left_out = shown_count = 0
    for row in story.standing:
        cells = []
        shown, hidden = _key_practices(row)
        for practice in shown:
            if practice.level is None:
                cells.append(HeatCell(f"{practice.name}\n–", None))
                continue
            value = format_number(practice.level)
            if practice.short and practice.asked:
                value += f", needs {practice.asked.split(' · ')[0]}"
            cells.append(HeatCell(f"{practice.name}\n{value}", practice.shade / 4))
        if hidden:
            cells.append(HeatCell(_left_out(hidden, framework), None))
        left_out += sum(p.short for p in hidden)
        shown_count += len(shown)
        rows.append(HeatRow(row.dimension, tuple(cells)))
    legend = tuple(
        HeatCell(f"{format_number(p)} {scale.labels[p]}", i / max(1, len(scale.points()) - 1))
        for i, p in enumerate(scale.points())
    )
    below = sum(p.short for p in every)
    scope = "" if shown_count == len(every) else f" ({shown_count} of {len(every)} shown)"
    if below and story.next_stage:
        title = f"{plural(below, 'practice')} below what {story.next_stage.lower()} requires" + (
            f" ({below - left_out} shown)" if left_out else ""
        )
    else:
        title = _extremes(every, framework) + scope
    return HeatmapSlide(
        title,
        tuple(rows),
        legend,
        "Each cell is a practice and the level reached; darker is stronger; “needs” is what "
        f"{story.next_stage or 'the next stage'} requires. "
        + (
            "Every practice is shown."
            if not scope
            else "Where a dimension has more practices than cells, those below what the next "
            "stage requires come first, then the weakest; the last cell counts the rest, all "
            "in the report."
        ),
    )


def _extremes(practices: list[Practice], framework: Framework) -> str:
    """A title that says how the practices spread: how many sit at the lowest level reached and
    how many at the top of the scale."""
    scale = framework.manifest.scale
    levels = [p.level for p in practices if p.level is not None]
    if not levels:
        return "No practice is answered yet"
    low = min(levels)
    lowest = sum(1 for v in levels if v == low)
    top = sum(1 for v in levels if v >= scale.max)
    said = f"{plural(lowest, 'practice')} at {format_number(low)} {scale.labels[scale.floor(low)]}"
    if top and low < scale.max:
        said += f"; {top} at the top, {format_number(scale.max)} {scale.labels[scale.max]}"
    return said


def _answer(theme: Theme, roadmap: RoadmapStory | None) -> str:
    """The planned work that answers a theme, as the report names it: the first of its
    initiatives in plan order and when it runs, and how many more there are."""
    if not theme.actions:
        return "no initiative is planned for it yet"
    first, more = theme.actions[0], len(theme.actions) - 1
    bars = [b for lane in roadmap.lanes for b in lane.bars] if roadmap else []
    bar = next((b for b in bars if b.title == first), None)
    when = f" ({bar.when}{', a priority' if bar.priority else ''})" if bar else ""
    return f"answered by “{first}”{when}" + (
        f", then {plural(more, 'more initiative')}" if more else ""
    )


def _themes(story: Story) -> TextSlide:
    points = tuple(
        Point(
            t.title,
            f"{t.dimension}: {plural(len(t.findings), 'finding')}; " + _answer(t, story.roadmap),
        )
        for t in story.themes
    )
    notes = [
        f"{t.title}. {t.summary} " + " ".join(f"{f.title}: {f.text}" for f in t.findings)
        for t in story.themes
    ]
    return TextSlide(
        f"What holds {story.organization} back",
        points or (Point("No finding: nothing in the framework's rules holds it back"),),
        "\n".join(notes) or "No rule of the framework found a gap.",
    )


def _priorities(story: Story) -> TableSlide:
    """The priorities numbered as the roadmap slide numbers them, titled with when the first
    one starts."""
    rows = tuple(
        (f"P{n} · {p.title}", p.why, p.owner, p.when, p.effort)
        for n, p in enumerate(story.priorities, start=1)
    )
    titles = {p.title for p in story.priorities}
    roadmap = story.roadmap
    bars = [b for lane in roadmap.lanes for b in lane.bars if b.title in titles] if roadmap else []
    first = min(bars, key=lambda b: b.start_month, default=None)
    count = plural(len(rows), "priority", "priorities")
    return TableSlide(
        f"Start with {count}: the first begins {first.when.split(' – ')[0]}"
        if first is not None
        else f"Start with {count}",
        ("Priority", "Why", "Owner", "When", "Effort"),
        rows,
        (2.6, 2.2, 1.5, 1.3, 1.3),
        "\n".join(f"{p.title} ({p.status}): {p.why}" for p in story.priorities),
    )


def _progress(story: Story, progress: Progress) -> ChartSlide:
    change, latest = story.change, progress.latest
    assert change is not None and latest is not None
    points = [Point(change.sentence)]
    if change.achieved:
        more = len(change.achieved) - 1
        points.append(Point(f"Completed: {change.achieved[0]}", f"and {more} more" if more else ""))
    before = tuple(d.before for d in latest.dimensions)
    after = tuple(d.after for d in latest.dimensions)
    values = [v for v in before + after if v is not None]
    top = float(int(max(values, default=1.0)) + 1)
    # As precise as the story's overall score, never the raw mean (1.1429).
    digits = len(change.score_after.partition(".")[2])
    notes = [
        f"{d.title}: {score_shown(d.before, digits)} to {score_shown(d.after, digits)}"
        for d in latest.dimensions
    ]
    notes += [f"Completed: {title}" for title in change.achieved]
    notes += [
        f"Slipped: {s.title} ({s.owner}), due {s.due}, {s.months_late} months late"
        for s in change.slipped
    ]
    return ChartSlide(
        f"Progress since {change.baseline_period}",
        tuple(d.title for d in latest.dimensions),
        (Series(latest.baseline_period, before), Series(latest.current_period, after)),
        axis_max=top,
        axis_title="Score",
        highlight=1,
        side=Column(f"Overall {change.score_before} → {change.score_after}", tuple(points)),
        notes="\n".join(notes),
    )
