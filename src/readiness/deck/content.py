"""What the deck says, slide by slide: the report's story (`readiness.report.story`) laid out
for a meeting.

Every sentence, theme, priority, lane, milestone and dispute is the story's, so the deck and
the report never disagree; this module only chooses which of them go on which slide, and how
many fit. The numbers of the charts are the scorecard's levels and the progress record's scores.
"""

from __future__ import annotations

import datetime as dt

from readiness.deck.committee import closing_slide, decisions_slide, disputes_slide
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

PRACTICES_SHOWN = 6
"""Practices per dimension on the heat map: those the next stage asks for, then critical ones."""
BARS_PER_CELL = 1
"""Initiatives named per lane and wave on the roadmap slide (priorities first); the rest are
counted, and all are in the speaker notes."""


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
        _themes(story, framework),
    ]
    if story.roadmap is not None:
        slides.append(_roadmap(story.roadmap))
    if story.priorities:
        slides.append(_priorities(story, framework))
    slides.append(what_it_takes_slide(story))
    if story.change is not None and progress is not None and progress.latest is not None:
        slides.append(_progress(story, progress))
    if story.workshop is not None and story.workshop.disputes:
        slides.append(disputes_slide(story))
    if (decisions := decisions_slide(story)) is not None:
        slides.append(decisions)
    slides.append(closing_slide(story, framework, assessment))
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


def _sentences(text: str) -> list[str]:
    """A paragraph split after each full stop that ends a sentence."""
    out: list[str] = []
    for part in text.replace(". ", ".\n").splitlines():
        if out and not out[-1].endswith("."):
            out[-1] += " " + part
        else:
            out.append(part)
    return [s.strip() for s in out if s.strip()]


def _cover(
    story: Story,
    framework: Framework,
    assessment: Assessment,
    generated: dt.date,
    consultancy: str | None,
) -> TitleSlide:
    by = consultancy or assessment.assessor
    return TitleSlide(
        title=f"{story.organization}: {framework.manifest.title}",
        subtitle=f"Steering committee, {long_date(generated)}\nAssessment of {story.period} · {by}",
        notes="\n".join(story.summary),
    )


def _headline(story: Story) -> TextSlide:
    first, *rest = _sentences(story.headline)
    points = [Point(sentence) for sentence in rest]
    if story.effort:
        points.append(Point(f"The effort: {story.effort}"))
    return TextSlide(first, tuple(points), "\n".join((story.headline, *story.summary)))


def _key_practices(row: StandingRow) -> tuple[list[Practice], int]:
    """The practices the heat map shows, in the framework's order, and how many practices short
    of the next stage it leaves out: every short one first (when more are short than
    `PRACTICES_SHOWN`, one cell less, to count the rest), then those the next stage names,
    then critical ones."""
    ranked = sorted(
        range(len(row.practices)),
        key=lambda i: (
            not row.practices[i].short,
            row.practices[i].asked is None,
            not row.practices[i].critical,
            i,
        ),
    )
    short = sum(p.short for p in row.practices)
    room = PRACTICES_SHOWN if short <= PRACTICES_SHOWN else PRACTICES_SHOWN - 1
    return [row.practices[i] for i in sorted(ranked[:room])], max(0, short - room)


def _heatmap(story: Story, framework: Framework) -> HeatmapSlide:
    scale = framework.manifest.scale
    rows = []
    left_out = hidden = 0
    for row in story.standing:
        cells = []
        shown, more = _key_practices(row)
        for practice in shown:
            if practice.level is None:
                cells.append(HeatCell(f"{practice.name}\n–", None))
                continue
            value = format_number(practice.level)
            if practice.short and practice.asked:
                value += f", needs {practice.asked.split(' · ')[0]}"
            cells.append(HeatCell(f"{practice.name}\n{value}", practice.shade / 4))
        if more:
            cells.append(HeatCell(f"+{more} more below the level, in the report", None))
        left_out += more
        hidden += len(row.practices) - len(shown)
        rows.append(HeatRow(row.dimension, tuple(cells)))
    legend = tuple(
        HeatCell(f"{format_number(p)} {scale.labels[p]}", i / max(1, len(scale.points()) - 1))
        for i, p in enumerate(scale.points())
    )
    below = sum(p.short for row in story.standing for p in row.practices)
    title = (
        f"{plural(below, 'practice')} below what {story.next_stage.lower()} requires"
        + (f" ({below - left_out} shown)" if left_out else "")
        if below and story.next_stage
        else "Key practices by dimension"
    )
    return HeatmapSlide(
        title,
        tuple(rows),
        legend,
        "Each cell is a practice and the level reached; darker is stronger; “needs” is what "
        f"{story.next_stage or 'the next stage'} requires. Every practice below it comes first, "
        "then those it names and the critical ones"
        + (f"; {plural(hidden, 'other practice')} are in the report." if hidden else "."),
    )


def _answer(theme: Theme, framework: Framework, roadmap: RoadmapStory | None) -> str:
    """The planned initiative that answers a theme's lead finding (the first to start of those
    its rule recommends) and when it runs, or that none is planned yet."""
    rule = theme.findings[0].rule if theme.findings else ""
    recommended = next((r.recommend for r in framework.rules if r.id == rule), [])
    titles = {framework.initiative(i).title for i in recommended}
    # The theme's actions are in plan order: the first recommended one starts soonest.
    answer = next((a for a in theme.actions if a in titles), None)
    if answer is None:
        return "no initiative is planned for it yet"
    bars = [b for lane in roadmap.lanes for b in lane.bars] if roadmap else []
    bar = next((b for b in bars if b.title == answer), None)
    when = f" ({bar.when}{', a priority' if bar.priority else ''})" if bar else ""
    return f"answered by “{answer}”{when}"


def _themes(story: Story, framework: Framework) -> TextSlide:
    points = tuple(
        Point(
            t.title,
            f"{t.dimension}: {plural(len(t.findings), 'finding')}; "
            + _answer(t, framework, story.roadmap),
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


def _roadmap(roadmap: RoadmapStory) -> TableSlide:
    waves = len(roadmap.waves)
    rows = []
    for lane in roadmap.lanes:
        cells = []
        for wave in range(1, waves + 1):
            bars = [
                b.title for b in sorted(lane.bars, key=lambda b: not b.priority) if b.wave == wave
            ]
            more = len(bars) - BARS_PER_CELL
            # The count shares the last named initiative's line: a line less per lane.
            shown = bars[:BARS_PER_CELL]
            if more > 0:
                shown[-1] += f" (+{more} more)"
            cells.append("\n".join(shown))
        rows.append((lane.title, *cells))
    starts = [
        min((b.start_month for lane in roadmap.lanes for b in lane.bars if b.wave == w), default=0)
        for w in range(1, waves + 1)
    ]
    milestones = [
        "\n".join(
            f"{m.title}: {m.when}"
            for m in roadmap.milestones
            if max(i for i, start in enumerate(starts) if start < m.month or i == 0) == column
        )
        for column in range(waves)
    ]
    rows.append(("Milestones", *milestones))
    notes = [
        f"{lane.title}: " + "; ".join(f"{b.title} ({b.when}, {b.status})" for b in lane.bars)
        for lane in roadmap.lanes
    ]
    notes += [f"{m.title}, {m.when}: {m.sentence}" for m in roadmap.milestones]
    if roadmap.deferred:
        notes.append(f"{plural(roadmap.deferred, 'initiative')} deferred beyond the horizon.")
    return TableSlide(
        f"The roadmap: {roadmap.start} – {roadmap.end}",
        ("Workstream", *roadmap.waves),
        tuple(rows),
        (1.3, *(3.0,) * waves),
        "\n".join(notes),
    )


def _priorities(story: Story, framework: Framework) -> TableSlide:
    rows = tuple((p.title, p.why, p.owner, p.when, p.effort) for p in story.priorities)
    return TableSlide(
        "Where to start: the first wave's priorities",
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
