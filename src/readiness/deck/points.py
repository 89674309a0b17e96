"""Where the organization stands when every dimension is a sum of points (a test score such as
seven tests of 0, 0.5 or 1): the chart in points of each dimension, beside the least each stage
asks of it, read from the stage's gate.

A gate on the overall score asks it of every dimension where the overall is the weakest
dimension; those at or below it are what holds the organization back, so they are named in the
title and stand out on the chart.
"""

from __future__ import annotations

from readiness.condition_terms import Threshold, thresholds
from readiness.deck.slides import ChartSlide, Column, Point, Series
from readiness.model import Framework, format_number
from readiness.report.story import Story
from readiness.report.words import lower_first, score_digits
from readiness.score import DimensionScore, Scorecard

POINTS_DIGITS = 2
"""Decimals of a points score, cut as the report cuts scores (`score_digits`): a score never
shows more than it has reached."""


def aim_words(story: Story) -> str:
    """The target in words: its stage and, when the client set one, its deadline."""
    return story.target_stage + (f" by {story.target_by}" if story.target_by else "")


def standing_notes(story: Story) -> str:
    """Each dimension's standing in a line, for the presenter."""
    return "\n".join(
        f"{r.dimension}: {r.shown}; {r.verdict}"
        + (f", the next stage requires {r.asks}" if r.asks else "")
        + (f", the target is {r.target}" if r.target else "")
        + (f"; {r.note}" if r.note else "")
        for r in story.standing
    )


def stage_floor(framework: Framework, stage: str | None, dimension: str) -> Threshold | None:
    """The least score of `dimension` the gate of `stage` asks (the highest when it asks twice):
    a term on the dimension's score, or on the overall score where the overall is the weakest
    dimension. None when the gate asks nothing of the dimension's score."""
    found = next((s for s in framework.manifest.stages if s.id == stage), None)
    terms = thresholds(found.gate) if found is not None and found.gate else None
    names = {f"{dimension}.score"}
    if framework.manifest.aggregate == "min":
        names.add("overall.score")
    asked = [t for t in terms or () if t.name in names]
    return max(asked, key=lambda t: (t.value, t.strict), default=None)


def floor_words(floor: Threshold) -> str:
    """`above 3` or `3 or more`."""
    value = format_number(floor.value)
    return f"above {value}" if floor.strict else f"{value} or more"


def name_list(titles: list[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def _target(wanted: Threshold | None, own: float | None) -> tuple[float | None, str]:
    """A dimension's target in points and in words: what the target stage's gate asks, or the
    client's own target for the dimension where it is higher."""
    if own is not None and (wanted is None or own > wanted.value):
        return own, f"{format_number(own)} or more"
    if wanted is not None:
        return wanted.value, floor_words(wanted)
    return None, ""


def _least(floors: list[Threshold | None]) -> str:
    """What a series of floors means, for the legend."""
    strict = all(f.strict for f in floors if f is not None)
    return "needs more than this" if strict else "needs at least this"


def _each(said: list[str], dims: tuple[DimensionScore, ...]) -> str:
    """`every dimension above 3`, or dimension by dimension when they are asked different
    things."""
    if len(set(said)) == 1 and said[0]:
        return f"every dimension {said[0]}"
    return "; ".join(f"{d.title} {s}" for d, s in zip(dims, said, strict=True) if s)


def _cut(score: float | None) -> float | None:
    """A points score as the slide prints it: cut to `POINTS_DIGITS` decimals."""
    return None if score is None else score_digits(score, POINTS_DIGITS)


def points_slide(story: Story, framework: Framework, scorecard: Scorecard) -> ChartSlide:
    """The chart of each dimension's points today beside the least the next stage and the
    target ask of it; the dimensions below the next stage's floor named in the title."""
    manifest = framework.manifest
    dims = scorecard.dimensions
    tops = [
        manifest.scale.max * sum(q.weight for q in framework.dimension(d.id).questions)
        for d in dims
    ]
    top = max(tops)
    of_top = f" of {format_number(top)}" if all(t == top for t in tops) else ""
    target_id = next((s.id for s in manifest.stages if s.title == story.target_stage), None)
    floors = [stage_floor(framework, scorecard.next_stage, d.id) for d in dims]
    wanted = [stage_floor(framework, target_id, d.id) for d in dims]
    targets = [_target(w, r.target_level) for w, r in zip(wanted, story.standing, strict=True)]
    series = [Series(story.period, tuple(_cut(d.score) for d in dims))]
    side = []
    short = [d.title for d, f in zip(dims, floors, strict=True) if f and not f.holds(d.score)]
    # Named as a sentence opens: the first title as written, the others lower case.
    named = name_list(short[:1] + [lower_first(t) for t in short[1:]]) if short else ""
    if story.next_stage and any(floors):
        series.append(
            Series(
                f"{story.next_stage}: {_least(floors)}",
                tuple(f.value if f else None for f in floors),
            )
        )
        side.append(
            Point(
                f"{story.next_stage} needs "
                + _each([floor_words(f) if f else "" for f in floors], dims),
                f"{named} {'is' if len(short) == 1 else 'are'} not there yet"
                if short
                else "every dimension is there already",
            )
        )
    outline = None
    if story.stage == story.target_stage:
        side.append(Point(f"{story.target_stage}, the target, is reached"))
    elif target_id != scorecard.next_stage and any(v is not None for v, _ in targets):
        outline = len(series)
        least = "needs at least this" if any(w.endswith("or more") for _, w in targets) else ""
        series.append(
            Series(
                f"Target, {aim_words(story)}: {least or _least(wanted)}",
                tuple(v for v, _ in targets),
            )
        )
        side.append(
            Point(
                f"The target, {aim_words(story)}, needs " + _each([w for _, w in targets], dims),
                f"the plan reaches it by {story.target_date}"
                if story.target_date
                else "the plan does not reach it yet",
            )
        )
    total = _cut(scorecard.score)
    overall = "–" if total is None else format_number(total)
    weakest = manifest.aggregate == "min"
    if short and story.next_stage:
        title = (
            f"{named} {'holds' if len(short) == 1 else 'hold'} {story.assessed} "
            f"at {overall}{of_top}"
            if weakest
            else f"{named} keep {story.assessed} from {story.next_stage.lower()}"
        )
    else:
        title = f"{story.subject} scores {overall}{of_top}"
    scale = manifest.scale
    return ChartSlide(
        title=title,
        categories=tuple(d.title for d in dims),
        series=tuple(series),
        axis_max=top,
        axis_title=f"Points ({format_number(top)}: every practice "
        f"{format_number(scale.max)} {scale.labels[scale.max]})"
        if of_top
        else "Points",
        outline=outline,
        side=Column(
            f"Overall: the weakest dimension, {overall}{of_top}"
            if weakest
            else f"Overall score: {overall}{of_top}",
            tuple(side),
        ),
        notes=standing_notes(story),
        number_format="General",
        muted=tuple(i for i, d in enumerate(dims) if short and d.title not in short),
    )
