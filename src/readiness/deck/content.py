"""What the deck says, slide by slide: the report's story (`readiness.report.story`) laid out
for a meeting.

Every sentence, theme, priority, lane, milestone and dispute is the story's, so the deck and
the report never disagree; this module only chooses which of them go on which slide, and how
many fit. The numbers of the charts are the scorecard's levels and the progress record's scores.
"""

from __future__ import annotations

import datetime as dt

from readiness.deck.aim import target_point
from readiness.deck.ask import funding_ask, sentences, whole_thoughts
from readiness.deck.committee import (
    closing_slide,
    decisions_slide,
    disputes_slide,
    options_slide,
)
from readiness.deck.gantt import roadmap_slide
from readiness.deck.points import name_list
from readiness.deck.practices import practices_slide
from readiness.deck.slides import (
    ChartSlide,
    Column,
    Point,
    Series,
    Slide,
    Slides,
    TableSlide,
    TextSlide,
    TitleSlide,
)
from readiness.deck.standing import standing_slide, what_it_takes_slide
from readiness.model import Assessment, Framework
from readiness.progress import Progress
from readiness.report.cost import Rate, team_rate
from readiness.report.story import Story, Theme, ThemeFinding
from readiness.report.words import (
    long_date,
    lower_first,
    plural,
    score_digits,
    score_shown,
)
from readiness.score import Scorecard


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
    rate = team_rate(assessment)
    slides: list[Slide] = [
        _cover(story, framework, assessment, generated, consultancy),
        _headline(story, framework, rate),
        standing_slide(story, framework, scorecard),
        practices_slide(story, framework),
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
    if (decisions := decisions_slide(story, framework, generated, rate)) is not None:
        slides.append(decisions)
    if (options := options_slide(story)) is not None:
        slides.append(options)
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
    """The title, then the scope, the meeting and who assessed when: the assessor by name,
    with the consultancy when the theme names one (a line of its own, so it never wraps)."""
    by = assessment.assessor
    if consultancy and consultancy not in by:
        by = f"{by}, {consultancy}"
    unit = assessment.organization.unit
    short = assessment.organization.unit_short
    # The cover names the unit as the slides do, by its short name when it has one, so that
    # its lines keep the cover's size; the notes say the unit in full.
    lines = [f"Scope: {short or unit}"] if unit else []
    lines += [
        f"Steering committee, {long_date(generated)}",
        f"Assessed {long_date(assessment.date)} ({story.period})",
        f"by {by}",
    ]
    notes = [f"Scope: {unit}"] if unit and short else []
    return TitleSlide(
        title=f"{story.organization}: {framework.manifest.title}",
        subtitle="\n".join(lines),
        notes="\n".join((*notes, *story.summary)),
    )


def _headline(story: Story, framework: Framework, rate: Rate | None) -> TextSlide:
    """The answer first, titled with the decision the committee is asked for (else with the
    stage): then three short points, where the organization stands, when the plan reaches the
    next stage and when the target. The report's paragraph is the presenter's notes."""
    ask = funding_ask(story, framework, rate)
    title = ask or whole_thoughts(story.headline)[0]
    return TextSlide(
        title,
        tuple(key_points(story)),
        "\n".join((story.headline, *story.summary)),
    )


def key_points(story: Story) -> list[Point]:
    """The answer in points: `Today: pilot to production stage; overall score 1.2 → 1.8 since
    2026-Q3`, `Department scale by Sep 2027: 5 of 20 requirements to meet` (under it, any of
    them resting on a disputed answer), `Enterprise scale in Mar 2030, after the Jun 2029
    target` (under it, the decision the target asks of the committee), and the disputed answers
    leadership has to settle: each from the story's fields, never its sentences cut short."""
    today = f"Today: {story.stage.lower()} stage"
    if story.change is not None:
        change = story.change
        today += (
            f"; overall score {change.score_before} → {change.score_after} since "
            f"{change.baseline_period}"
        )
    points = [Point(today)]
    takes = story.what_it_takes
    if takes is not None and takes.stage != story.target_stage:
        unmet = [c for c in takes.conditions if not c.met]
        said = f"{takes.stage} by {takes.when}" if takes.when else f"{takes.stage}: not reached"
        if unmet:
            said += (
                ": its one requirement to meet"
                if len(takes.conditions) == 1
                else f": {len(unmet)} of {plural(len(takes.conditions), 'requirement')} to meet"
            )
        contested = [lower_first(c.text) for c in unmet if c.disputed]
        points.append(
            Point(
                said,
                f"{'It rests' if len(unmet) == 1 else f'{len(contested)} of them rest'}"
                f"{'s' if len(unmet) > 1 and len(contested) == 1 else ''} on a disputed answer: "
                + name_list(contested)
                if contested
                else "",
            )
        )
    target = story.target_stage
    choices = takes.choices if takes is not None else None
    # The decision the target asks of the committee, as the decisions slide puts it.
    decide = (
        f"Every target level by {story.target_by} needs a choice: a later date or a larger team"
        if choices is not None and choices.between == 2 and story.target_by
        else f"No team size keeps {story.target_by}: the committee decides the date"
        if choices is not None and story.target_by and takes is not None and takes.earliest
        else ""
    )
    # The target as the target slide says it (`aim.target_point`), with the decision it asks.
    points.append(Point(target_point(story), "" if story.stage == target else decide))
    talk = story.workshop
    if talk is not None and talk.open_disputes:
        deciding = sum(d.deciding and not d.settled for d in talk.disputes)
        points.append(
            Point(
                f"Settle the {plural(talk.open_disputes, 'disputed answer')} by evidence",
                f"{deciding} of them {'decides' if deciding == 1 else 'decide'} the stage"
                if deciding
                else "",
            )
        )
    return points


def _answer(theme: Theme, story: Story) -> tuple[str, str]:
    """The planned work that answers a theme, as the report names it: the first of its
    initiatives in plan order (with its workstream when that is not the theme's dimension, as
    the roadmap's lanes file it) and how many more there are; and when it runs, with its
    priority number when it is one."""
    if not theme.actions:
        return "No initiative is planned for it yet", ""
    if theme.lead_open:
        # Other planned work answers the theme's other findings, not this one.
        others = plural(len(theme.actions), "planned initiative")
        verb = "answers" if len(theme.actions) == 1 else "answer"
        return f"Not within the plan: it {theme.lead_open}; {others} {verb} the others", ""
    first, more = theme.actions[0], len(theme.actions) - 1
    lanes = story.roadmap.lanes if story.roadmap else ()
    lane, bar = next(
        ((lane.title, b) for lane in lanes for b in lane.bars if b.title == first), ("", None)
    )
    said = first + (f" ({lane} workstream)" if lane and lane != theme.dimension else "")
    said += f"; then {plural(more, 'more initiative')}" if more else ""
    if bar is None:
        return said, ""
    ranks = {p.title: n for n, p in enumerate(story.priorities, start=1)}
    return said, bar.when + (f", P{ranks[first]}" if first in ranks else "")


def _themes(story: Story) -> TableSlide | TextSlide:
    """What holds the organization back: each theme with its findings, the initiative that
    answers it first and when that runs."""
    notes = [
        f"{t.title} ({t.dimension}). {t.summary} "
        # A finding that only repeats the theme's title is said once, by the title.
        + " ".join(_finding_note(f) for f in t.findings if f.text.strip() or f.title != t.title)
        for t in story.themes
    ]
    if not story.themes:
        return TextSlide(
            f"Nothing holds {story.assessed} back",
            (Point("No finding: nothing in the framework's rules holds it back"),),
            "No rule of the framework found a gap.",
        )
    # The count alone (the dimension is the notes'): five themes fit at 14 pt.
    rows = tuple((t.title, plural(t.counted, "finding"), *_answer(t, story)) for t in story.themes)
    # The message, as the report's summary says it: what holds it back most (the first theme).
    return TableSlide(
        f"What holds {story.assessed} back most: {lower_first(story.themes[0].title)}",
        ("What holds it back", "Findings", "Answered first by", "That work runs"),
        rows,
        (3.4, 1.0, 3.6, 1.4),
        "\n".join(notes),
    )


def _finding_note(finding: ThemeFinding) -> str:
    """A finding as the presenter reads it: its title and why it matters, or its title alone
    as a sentence when the story has no more to say (never a colon with nothing after it)."""
    title = finding.title.rstrip(" .:")
    return f"{title}: {finding.text}" if finding.text.strip() else f"{title}."


def _priorities(story: Story) -> TableSlide:
    """The priorities numbered P1, P2, P3 as the roadmap numbers them, titled with when each
    begins (P1 is the most pressing, not always the first to start)."""
    # Why in its first sentence (what holds the organization back), so that three fit at
    # 14 pt; the notes keep the whole of it.
    rows = tuple(
        (f"P{n} · {p.title}", sentences(p.why)[0], p.owner, p.when, p.effort)
        for n, p in enumerate(story.priorities, start=1)
    )
    return TableSlide(
        _starts(story),
        ("Priority", "Why", "Owner", "When", "Effort"),
        rows,
        (2.6, 2.6, 1.5, 1.3, 1.5),
        "\n".join(f"{p.title} ({p.status}): {p.why}" for p in story.priorities),
    )


def _starts(story: Story) -> str:
    """`3 priorities: P2 and P3 begin in Dec 2026, P1 in May 2027`, or `3 priorities, all beginning
    Dec 2026`: the priorities grouped by the month they begin, earliest first."""
    bars = {b.title: b for lane in story.roadmap.lanes for b in lane.bars} if story.roadmap else {}
    begins: dict[str, list[str]] = {}
    for n, p in sorted(
        enumerate(story.priorities, start=1),
        key=lambda item: (bars[item[1].title].start_month if item[1].title in bars else 0, item[0]),
    ):
        begins.setdefault(p.when.split(" – ")[0], []).append(f"P{n}")
    count = plural(len(story.priorities), "priority", "priorities")
    (month, names), *later = begins.items()
    if not later:
        return (
            f"{count}, all beginning {month}" if len(names) > 1 else f"{count}, beginning {month}"
        )
    said = [f"{name_list(names)} {'begin' if len(names) > 1 else 'begins'} in {month}"]
    said += [f"{name_list(more)} in {when}" for when, more in later]
    return f"{count}: " + ", ".join(said)


def _moved(story: Story, dimensions: int) -> str:
    """What changed since the last period, for a title: `Every dimension improved since 2026-Q3;
    still at pilot to production`, `2 of 5 dimensions improved since 2026-Q3, 1 declined; now
    at department scale`."""
    change = story.change
    assert change is not None
    since = change.baseline_period
    up, down = change.improved, change.declined
    if up == dimensions:
        said = f"Every dimension improved since {since}"
    elif down == dimensions:
        said = f"Every dimension declined since {since}"
    elif up:
        said = f"{up} of {dimensions} dimensions improved since {since}"
        said += f", {down} declined" if down else ""
    elif down:
        said = f"{down} of {dimensions} dimensions declined since {since}"
    else:
        said = f"No dimension moved since {since}"
    where = {"up": "now at", "down": "back at"}.get(change.stage_moved or "", "still at")
    return f"{said}; {where} {story.stage.lower()}"


def _cut(score: float | None, digits: int) -> float | None:
    """A score as the report prints it: cut, not rounded, to `digits` decimals."""
    return None if score is None else score_digits(score, digits)


def _progress(story: Story, progress: Progress) -> ChartSlide:
    change, latest = story.change, progress.latest
    assert change is not None and latest is not None
    points = [Point(change.sentence)]
    points += [Point(change.overdue)] if change.overdue else []
    if len(change.achieved) == 1:
        points.append(Point(f"Completed: {change.achieved[0]}"))
    elif change.achieved:
        points.append(
            Point(
                f"{len(change.achieved)} initiatives completed, among them "
                f"\u201c{change.achieved[0]}\u201d"
            )
        )
    # Cut as the story cuts the overall score (1.78 shows 1.7, never 1.8 beside level 1), so
    # the bars, their labels and the report's table say the same.
    digits = len(change.score_after.partition(".")[2])
    before = tuple(_cut(d.before, digits) for d in latest.dimensions)
    after = tuple(_cut(d.after, digits) for d in latest.dimensions)
    values = [v for v in before + after if v is not None]
    top = float(int(max(values, default=1.0)) + 1)
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
        _moved(story, len(latest.dimensions)),
        tuple(d.title for d in latest.dimensions),
        (Series(latest.baseline_period, before), Series(latest.current_period, after)),
        axis_max=top,
        axis_title="Score",
        highlight=1,
        number_format="0." + "0" * digits if digits else "0",
        side=Column(f"Overall {change.score_before} → {change.score_after}", tuple(points)),
        notes="\n".join(notes),
    )
