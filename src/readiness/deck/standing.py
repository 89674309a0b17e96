"""The deck's two slides about the target: where the organization stands against what the next
stage and the client's target ask (a native chart), and what it takes to get there.

The levels, conditions, dates and efforts are the story's (`readiness.report.story`); this
module only lays them out.
"""

from __future__ import annotations

from readiness.deck.aim import in_full, target_points
from readiness.deck.points import aim_words, points_slide, standing_notes
from readiness.deck.slides import ChartSlide, Column, Point, Series, TwoColumnSlide
from readiness.model import Framework, format_number
from readiness.report.story import StandingRow, Story
from readiness.report.words import lower_first, plural
from readiness.score import Scorecard

CONDITIONS_SHOWN = 3
"""Open conditions of the next stage named on the slide with today's value under each; the rest
are counted, all in the notes."""
CONDITIONS_NAMED = 5
"""Up to this many open conditions are all named, a line each with today's value inline."""
SHORT_ROWS_SHOWN = 4
"""Dimensions listed beside the chart with their gap in words; more are listed without it."""


def standing_slide(story: Story, framework: Framework, scorecard: Scorecard) -> ChartSlide:
    """The chart of each dimension today beside what the next stage and the target ask: on
    the framework's scale, or in points where every dimension sums its answers."""
    if all(d.aggregate == "sum" for d in framework.dimensions):
        return points_slide(story, framework, scorecard)
    rows = story.standing
    scale = framework.manifest.scale
    on_scale = all(d.aggregate != "sum" for d in framework.dimensions)
    outline = None
    if on_scale:
        series = [Series(story.period, tuple(d.level for d in scorecard.dimensions))]
        asked = tuple(r.asks_level for r in rows)
        target = tuple(r.target_level for r in rows)
        has_asks = story.next_stage is not None and any(a is not None for a in asked)
        has_target = any(t is not None for t in target)
        if has_asks and has_target and asked == target:
            # The next stage asks exactly the target's levels: one series says both.
            series.append(Series(f"{story.next_stage} requires (the target)", asked))
        else:
            if has_asks:
                series.append(Series(f"{story.next_stage} requires", asked))
            if has_target:
                outline = len(series)
                series.append(Series(f"Target: {aim_words(story)}", target))
        top = scale.max
        axis = (
            f"Level ({format_number(scale.min)} {scale.labels[scale.min]} to "
            f"{format_number(scale.max)} {scale.labels[scale.max]})"
        )
    else:
        # Dimensions of a scale beside dimensions of points: only shares compare.
        series = [Series(story.period, tuple(d.percent for d in scorecard.dimensions))]
        top, axis = 100.0, "Share of the attainable points (%)"
    short = [r for r in rows if r.state in ("short", "too little evidence")]
    # A dimension whose level is asked but rests on an answer leadership disputes is open, as
    # What it takes and the disputes slide count it: the column lists it beside the short ones.
    disputed = [r for r in rows if r.state == "disputed"]
    # Every row the column speaks of is named; beyond SHORT_ROWS_SHOWN the gaps go to the notes
    # (the chart shows them) so that no dimension drops off the list.
    listed = [r for r in rows if r in short or r in disputed] or list(rows)
    detailed = len(listed) <= SHORT_ROWS_SHOWN
    # At target, each row's verdict and gap say what is still below it (practices under the
    # standard or their own target), so "at its target level" never reads as "nothing to do".
    # A dimension whose level meets what is asked but which is short on practices says so
    # beside the chart always: its bar alone would read as met.
    on_practices = [r for r in short if r.gap and not _level_short(r)]
    details = [
        "; ".join(x for x in (r.verdict, r.gap) if x)
        if not short and not disputed
        else _gap(r, story)
        if detailed
        else r.gap
        if r in on_practices
        else r.verdict
        if r in disputed
        else ""
        for r in listed
    ]
    side = [Point(f"{r.dimension}: {r.shown}", d) for r, d in zip(listed, details, strict=True)]
    if (short or disputed) and story.next_stage:
        title = _open_title(short, on_practices, disputed, len(rows), story.next_stage)
    elif all(r.target_level is not None and (r.level or 0) >= r.target_level for r in rows):
        # A met level is not a met target: the dimensions with practices still short say so.
        open_rows = sum(bool(r.gap) for r in rows)
        title = f"Every dimension of {story.assessed} is at its target level" + (
            f"; {open_rows} of {len(rows)} with practices still short" if open_rows else ""
        )
    else:
        title = f"Where {story.assessed} stands against its target"
    return ChartSlide(
        title=title,
        categories=tuple(r.dimension for r in rows),
        series=tuple(series),
        axis_max=top,
        axis_title=axis,
        outline=outline,
        side=Column(
            ("Where it falls short" if not disputed else "What is still open")
            if short or disputed
            else f"Target: {aim_words(story)}",
            tuple(side),
        ),
        notes=standing_notes(story),
        # Levels as the scale says them (2, 2.5); shares in whole percent.
        number_format="General" if on_scale else "0",
    )


def _open_title(
    short: list[StandingRow],
    on_practices: list[StandingRow],
    disputed: list[StandingRow],
    total: int,
    stage: str,
) -> str:
    """What stands between the dimensions and the next stage, as a sentence said aloud: how
    many fall short of the level it requires, then those at the level but short on its
    practices, then those that reach it only on a disputed answer (`Every dimension has the
    level department scale requires, but 1 is short on practices and 1 rests on a disputed
    answer`; `4 of 5 dimensions fall short of the level enterprise scale requires; the other
    is short on practices`)."""
    next_stage = stage.lower()
    below = len(short) - len(on_practices)
    practices, contested = len(on_practices), len(disputed)
    if not below:
        lead = f"Every dimension has the level {next_stage} requires"
        if not practices:
            return f"{lead}, {contested} only on a disputed answer"
        said = f"{practices} {'is' if practices == 1 else 'are'} short on practices"
        if contested:
            said += f" and {contested} {'rests' if contested == 1 else 'rest'} on a disputed answer"
        return f"{lead}, but {said}"
    lead = (
        f"Every dimension falls short of the level {next_stage} requires"
        if below == total
        else f"{below} of {total} dimension{'' if total == 1 else 's'} "
        f"{'falls' if below == 1 else 'fall'} short of the level {next_stage} requires"
    )
    rest = []
    if practices:
        # When they are all the rest, they are "the other" ones, not a further count.
        others = below + practices == total and not contested
        who = (
            ("the other" if practices == 1 else f"the other {practices}")
            if others
            else f"{practices} more"
        )
        rest.append(f"{who} {'is' if practices == 1 else 'are'} short on practices")
    if contested:
        who = f"{contested} more" if not practices else str(contested)
        rest.append(f"{who} {'rests' if contested == 1 else 'rest'} on a disputed answer")
    return f"{lead}; {' and '.join(rest)}" if rest else lead


def _level_short(row: StandingRow) -> bool:
    """Whether a dimension's level is below what the next stage asks of it."""
    return row.asks_level is not None and row.level is not None and row.level < row.asks_level


def _gap(row: StandingRow, story: Story) -> str:
    """A dimension's gap in a line: what the next stage requires and the target asks, and why short."""
    parts = []
    if row.asks and story.next_stage:
        parts.append(f"{story.next_stage} requires {row.asks}")
    if row.target and row.target != row.asks:
        parts.append(f"target {row.target}")
    if row.note:
        parts.append(row.note)
    if row.state == "disputed":
        # Its bar reads as met: say on what it rests.
        parts.append(lower_first(row.verdict))
    return "; ".join(parts) or row.verdict


def what_it_takes_slide(story: Story) -> TwoColumnSlide:
    """What the next stage requires that is still open and when the plan closes it, beside the
    client's target: whether and when the plan reaches it, and the whole effort."""
    takes = story.what_it_takes
    aim = aim_words(story)
    if takes is None:
        title, left, notes = _last_stage(story)
    else:
        unmet = [c for c in takes.conditions if not c.met]
        points = (
            # Few enough to name every one: a line each, today's value inline.
            [Point(f"{c.text}; today {c.today}") for c in unmet]
            if CONDITIONS_SHOWN < len(unmet) <= CONDITIONS_NAMED
            else [Point(c.text, f"Today: {c.today}") for c in unmet[:CONDITIONS_SHOWN]]
        )
        if len(unmet) > CONDITIONS_NAMED:
            points.append(Point(f"and {plural(len(unmet) - CONDITIONS_SHOWN, 'more requirement')}"))
        if not unmet:
            points.append(Point(f"Every requirement of {takes.stage.lower()} is already met"))
        elif takes.when:
            points.append(
                Point(
                    f"The planned work meets {'it' if len(unmet) == 1 else 'them'} by {takes.when}",
                    f"{plural(takes.initiatives, 'initiative')}, {takes.effort}",
                )
            )
        else:
            points.append(Point("The planned work does not meet every requirement", takes.effort))
        total = len(takes.conditions)
        left = Column(
            "Every requirement is met"
            if not unmet
            else "Still open: the one requirement it sets"
            if total == 1
            else f"Still open: {len(unmet)} of its {total} requirements, {total - len(unmet)} met",
            tuple(points),
        )
        title = (
            f"{takes.stage}: {plural(len(unmet), 'requirement')} to meet, by {takes.when}"
            if takes.when and unmet
            else f"{takes.stage}: {plural(len(unmet), 'requirement')} to meet"
            if unmet
            else f"{takes.stage}: every requirement already met"
        )
        notes = [
            f"{c.text}: today {c.today}; "
            + ("met" if c.met else "closed by " + ", ".join(c.closed_by) if c.closed_by else "open")
            for c in takes.conditions
        ]
        notes.insert(0, takes.sentence)
    right = target_points(story)
    if takes is not None and takes.to_target:
        right.append(Point(takes.to_target))
    return TwoColumnSlide(title, left, Column(f"Target: {aim}", tuple(right)), "\n".join(notes))


def _last_stage(story: Story) -> tuple[str, Column, list[str]]:
    """At the last stage, what the plan is for: the practices still below the stage's standard
    (the practices slide names the same ones), else the themes its findings name; the title,
    the left column and the notes."""
    target = in_full(story)
    below = [(p.name, r.dimension) for r in story.standing for p in r.practices if p.short]
    gaps = story.themes
    stage = story.stage
    notes = ["The organization is at the last stage of the framework."]
    notes += [f"Below the {stage.lower()} standard: {name} ({where})." for name, where in below]
    notes += [f"{t.title}: {t.summary}" for t in gaps]
    if below:
        title = f"{stage} is reached; {plural(len(below), 'practice')} below its standard" + (
            f", the target in full by {target}" if target else ""
        )
        points = [Point(name, where) for name, where in below[:CONDITIONS_SHOWN]]
        if len(below) > CONDITIONS_SHOWN:
            points.append(Point(f"and {plural(len(below) - CONDITIONS_SHOWN, 'more practice')}"))
        return title, Column(f"Below the {stage.lower()} standard", tuple(points)), notes
    title = (
        f"{stage}, the last stage, is reached; the plan answers "
        f"{plural(len(gaps), 'theme')} of findings"
        if gaps
        else f"{stage} is the last stage of the path"
    )
    points = [Point(t.title, t.dimension) for t in gaps[:CONDITIONS_SHOWN]]
    if len(gaps) > CONDITIONS_SHOWN:
        points.append(Point(f"and {plural(len(gaps) - CONDITIONS_SHOWN, 'more theme')}"))
    left = Column(
        "What the plan answers" if gaps else f"{stage} is the last stage",
        tuple(points) or (Point("Nothing more to reach"),),
    )
    return title, left, notes
