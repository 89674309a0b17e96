"""The client's target as every slide states it, from the story's fields as the report's key
facts read them, so that no two slides give it different dates.

The target is the target's stage and what it sets beyond the stage's requirements: every
practice at the stage's standard (the level the stage expects of every practice) and any level
the client set above that. Reaching the stage is not meeting the target: the deck says the
stage's month, and the month the target is met in full when that is later (Helios: enterprise
scale by Dec 2028, the target in full Apr 2029), or, at the last stage, the plan's end, by
which the report says the plan lifts the practices the target sets (Meridian: Apr 2029).
"""

from __future__ import annotations

from readiness.deck.slides import Point
from readiness.report.story import Story
from readiness.report.words import month_name


def in_full(story: Story) -> str | None:
    """The month the planned work meets the target in full, when the report names one apart
    from the stage's: at the last stage the plan's end (nothing deferred past its horizon);
    else the month the last level the target sets comes, when that is after the deadline."""
    if story.stage == story.target_stage:
        roadmap = story.roadmap
        return roadmap.end if roadmap is not None and not roadmap.deferred else None
    return story.target_complete if story.target_date else None


def target_point(story: Story) -> str:
    """The target in a line, for the headline slide: `Enterprise scale reached today; the
    target in full by the plan's end, Apr 2029 (deadline Jun 2029)`, `Enterprise scale by Dec
    2028; the Dec 2028 target met in full Apr 2029`, `Enterprise scale by Apr 2029 (target Jun
    2029)`, `Enterprise scale in Mar 2030, after the Jun 2029 target`."""
    target, by, full = story.target_stage, story.target_by, in_full(story)
    takes = story.what_it_takes
    if story.stage == target:
        if story.roadmap is None:
            return f"{target}, the target, is reached today"
        if full is None:
            return f"{target} reached today; the target in full is not within the plan"
        return f"{target} reached today; the target in full by the plan's end, {full}" + (
            f" (deadline {by})" if by else ""
        )
    if story.target_date is not None:
        if full is not None:
            return f"{target} by {story.target_date}; the {by} target met in full {full}"
        return f"{target} by {story.target_date}" + (f" (target {by})" if by else "")
    if takes is not None and takes.earliest is not None:
        return f"{target} in {month_name(takes.earliest)}" + (
            f", after the {by} target" if by else ""
        )
    return f"{target}: not reached by the planned work"


def target_points(story: Story) -> list[Point]:
    """Where the target stands, a point a fact, for the column headed by the target: the
    stage's month, then the month it is met in full, with what stands between them."""
    target, full = story.target_stage, in_full(story)
    takes = story.what_it_takes
    if story.stage == target:
        points = [Point(f"{target}: reached today")]
        if story.roadmap is not None:
            points.append(
                Point(f"The target in full: by the plan's end, {full}")
                if full is not None
                else Point("The target in full: not within the plan")
            )
        return points
    if story.target_date is None:
        return [Point(f"The plan does not yet reach {target.lower()}")]
    points = [Point(f"{target}: by {story.target_date}")]
    if full is not None:
        why = takes.choices.standing if takes is not None and takes.choices is not None else ""
        points.append(Point(f"The target in full: {full}", why))
    return points
