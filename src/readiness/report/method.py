"""How the scores and the roadmap were reached, in plain words specific to the framework."""

from __future__ import annotations

from readiness.model import Assessment, Framework, format_number
from readiness.plan.records import Plan
from readiness.report.words import plural


def method_paragraphs(framework: Framework, assessment: Assessment) -> tuple[str, ...]:
    """How the scores were reached, in plain words, from the framework's own settings."""
    manifest = framework.manifest
    scale = manifest.scale
    any_na = any(q.allow_na for d in framework.dimensions for q in d.questions)
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
        "answer. "
        + (
            "A question that does not apply to the organization may be answered “not "
            "applicable” where the framework allows it."
            if any_na
            else "Every question applies: none may be answered “not applicable”."
        ),
        *([votes] if assessment.respondents else []),
        (
            "Questions answered “not applicable” and questions left unanswered are left out of "
            if any_na
            else "Questions left unanswered are left out of "
        )
        + "the calculation altogether: they count neither as zero nor in the number of "
        "questions. "
        "A dimension with fewer than "
        f"{manifest.min_coverage:.0%} of its questions answered is flagged as "
        "insufficient evidence.",
        dimension_rule
        + " Its level is the score rounded down to a scale point, and no more than one step "
        "above its lowest critical question: a single missing foundation holds the dimension "
        "back, however strong the rest.",
        f"The overall score is {overall[manifest.aggregate]}. Each stage asks for certain "
        "levels (listed below); the organization has reached the highest stage whose asks "
        "are all in place, and those of every earlier stage too. An ask that depends on an "
        "unanswered question counts as not in place.",
        "Findings come from the framework: each describes a pattern in the answers and "
        "scores; where the pattern is present, the report states the finding, why it matters "
        "and the initiatives that answer it.",
    )


def planning_paragraphs(framework: Framework, plan: Plan | None) -> tuple[str, ...]:
    """How the roadmap was built, in plain words."""
    manifest = framework.manifest
    horizon = manifest.horizon
    capacity = plan.capacity if plan else manifest.capacity
    return (
        "The roadmap holds the initiatives that the findings recommend, every initiative "
        "they depend on, and the initiatives already under way. Initiatives the team reports "
        "complete, or whose goal is already met, are listed as achieved and not planned again; "
        "a goal met only by an answer leadership disputes does not count until it is settled.",
        "Work is planned in waves, one per stage: the work of one wave should put in place "
        "everything the next stage asks, and a wave starts when the previous one ends"
        + (
            f" (less {plural(manifest.stage_overlap_months, 'month')} of overlap)"
            if manifest.stage_overlap_months
            else ""
        )
        + f". No more than {capacity} initiatives run at once; an initiative starts only "
        "when everything it depends on has ended. Within a wave the most severe findings "
        "come first.",
        f"The framework plans over {horizon.min_months} to {horizon.max_months} months. Work "
        "that would end after that is listed as deferred with the reason, never squeezed "
        "in.",
    )
