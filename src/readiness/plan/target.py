"""The target profile and the gaps to it.

A dimension's target is in its own units: for a dimension that averages (or takes the minimum
of) its questions, a scale point, which every question of it is then asked to reach; for one
that sums its questions, points of the sum (5.5 of 7), which no single question is asked for:
any mix of answers that adds up will do, and the plan closes it through the gate.

A stage without a `profile` implies what its gate asks: each `name >= n` term on a question asks
that level of the question; a term on a dimension's level or score (or the overall level or
score, for every dimension) asks the lowest target meeting it, in the dimension's units. A
`profile`'s `levels` and the assessment's `target.levels` are scale points asked of every
question of the dimension (on a summing dimension, that many points per question). The target
of the target stage is the highest of what the stages up to and including it ask, raised by the
assessment's `target.levels` and `target.questions`.

A question's gap is max(0, target - value), an unanswered question counting as the bottom of the
scale (n/a questions have no gap); its weighted gap multiplies by the question's weight, and by
1.5 when a high-severity finding reads it. Percent to target is the weighted share of the way
from the bottom of the scale to the target that the questions have come; a summing dimension
counts its points instead (the way from all questions at the bottom to its target).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from readiness.condition_terms import Threshold, split_terms, term_threshold
from readiness.decimals import rounded
from readiness.errors import UsageError
from readiness.index import derived, framework_index
from readiness.model import Assessment, Framework, Stage
from readiness.plan.records import DimensionGap, QuestionGap, TargetProfile
from readiness.plan.simulate import lowest_point
from readiness.score import Scorecard

SEVERE_FACTOR = 1.5


def target_stage(framework: Framework, assessment: Assessment, stage: str | None = None) -> str:
    """The stage aimed for: `stage` (from `--target-stage`), else the assessment's target,
    else the framework's last stage. `UsageError` for an unknown stage."""
    stages = [s.id for s in framework.manifest.stages]
    chosen = stage or (assessment.target.stage if assessment.target else None) or stages[-1]
    if chosen not in stages:
        raise UsageError(f"invalid --target-stage '{chosen}': expected one of {', '.join(stages)}")
    return chosen


def stage_levels(framework: Framework, stage: Stage) -> tuple[dict[str, float], dict[str, float]]:
    """What one stage implies: (targets per dimension in its own units, levels per question)."""
    return _stage_levels(framework)[stage.id]


@derived
def _stage_levels(
    framework: Framework,
) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    return {stage.id: _implied(framework, stage) for stage in framework.manifest.stages}


def summed_weight(framework: Framework, dimension_id: str) -> float | None:
    """The total question weight of a dimension that sums its questions (its score with every
    question at level 1); None for a dimension that averages or takes the minimum."""
    dimension = framework.dimension(dimension_id)
    if dimension.aggregate != "sum":
        return None
    return sum(question.weight for question in dimension.questions)


class _Profile:
    """Targets being gathered: per dimension in its own units, per question in scale points."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.levels: dict[str, float] = {}
        self.questions: dict[str, float] = {}

    def ask_question(self, key: str, level: float) -> None:
        self.questions[key] = max(self.questions.get(key, level), level)

    def ask_dimension(self, dimension_id: str, target: float) -> None:
        self.levels[dimension_id] = max(self.levels.get(dimension_id, target), target)

    def ask_every_question(self, dimension_id: str, level: float) -> None:
        """Every question of the dimension at `level`, and the dimension at what that makes."""
        weight = summed_weight(self.framework, dimension_id)
        self.ask_dimension(dimension_id, level if weight is None else round(level * weight, 9))
        for question in self.framework.dimension(dimension_id).questions:
            self.ask_question(f"{dimension_id}.{question.id}", level)

    def ask_threshold(self, dimension_id: str, threshold: Threshold) -> None:
        """The lowest target in the dimension's units meeting a threshold on its level or
        score; nothing when none does."""
        scale = self.framework.manifest.scale
        weight = summed_weight(self.framework, dimension_id)
        if weight is None:
            level = lowest_point(scale.points(), threshold)
            if level is not None:
                self.ask_every_question(dimension_id, level)
            return
        steps = math.floor((scale.max * weight - scale.min) / scale.step + 1e-9)
        for step in range(steps + 1):
            points = round(scale.min + step * scale.step, 9)
            if threshold.holds(points):
                self.ask_dimension(dimension_id, points)
                return


def _implied(framework: Framework, stage: Stage) -> tuple[dict[str, float], dict[str, float]]:
    manifest = framework.manifest
    profile = _Profile(framework)
    if stage.profile is not None:
        for dimension_id, level in stage.profile.levels.items():
            if dimension_id in manifest.dimensions:
                profile.ask_every_question(dimension_id, level)
        for key, level in stage.profile.questions.items():
            profile.ask_question(key, level)
    for term in split_terms(stage.gate) if stage.gate else ():
        threshold = term_threshold(term)
        if threshold is None:
            continue
        prefix, _, fact = threshold.name.partition(".")
        if fact in ("level", "score"):
            scope = manifest.dimensions if prefix == "overall" else [prefix]
            for dimension_id in scope:
                if dimension_id in manifest.dimensions:
                    profile.ask_threshold(dimension_id, threshold)
        elif prefix in manifest.dimensions and fact:
            point = lowest_point(manifest.scale.points(), threshold)
            if point is not None:
                profile.ask_question(threshold.name, point)
    return profile.levels, profile.questions


def measure_target(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    *,
    stage: str | None = None,
    by: str | None = None,
    severe: Iterable[str] = (),
) -> TargetProfile:
    """The target profile of an assessment and its gaps (see the module docstring).

    `stage` and `by` override the assessment's target; `severe` names the questions a
    high-severity finding reads."""
    chosen = target_stage(framework, assessment, stage)
    wanted = assessment.target
    levels, questions = _profiles(framework)[chosen]
    profile = _Profile(framework)
    profile.levels, profile.questions = dict(levels), dict(questions)
    if wanted is not None:
        for dimension_id, level in wanted.levels.items():
            if dimension_id in framework.manifest.dimensions:
                profile.ask_every_question(dimension_id, level)
        for key, level in wanted.questions.items():
            profile.ask_question(key, level)
    return _measure(
        framework,
        scorecard,
        chosen,
        profile.levels,
        profile.questions,
        severe,
        by or (wanted.by if wanted else None),
    )


@derived
def _profiles(framework: Framework) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Per target stage: what the stages up to and including it ask, per dimension and per
    question."""
    found = {}
    profile = _Profile(framework)
    for each in framework.manifest.stages:
        stage_dimensions, stage_questions = stage_levels(framework, each)
        for key, target in stage_dimensions.items():
            profile.ask_dimension(key, target)
        for key, level in stage_questions.items():
            profile.ask_question(key, level)
        found[each.id] = (dict(profile.levels), dict(profile.questions))
    return found


def _measure(
    framework: Framework,
    scorecard: Scorecard,
    chosen: str,
    levels: dict[str, float],
    question_targets: dict[str, float],
    severe: Iterable[str],
    by: str | None,
) -> TargetProfile:
    scale = framework.manifest.scale
    low = scale.min
    severe_set = set(severe)
    # Each gap as (-weighted gap, question, value, target, gap): in the order the gaps are
    # listed, largest weighted gap first, then by question (questions are unique).
    found: list[tuple[float, str, float | None, float, float]] = []
    dimension_gaps: list[DimensionGap] = []
    reached_all, wanted_all = 0.0, 0.0
    summed_short = False
    for dimension in scorecard.dimensions:
        reached, span, weighted = 0.0, 0.0, 0.0
        for question in dimension.questions:
            target = question_targets.get(question.key)
            if target is None or question.status == "n/a":
                continue
            value = question.value
            current = low if value is None else value
            span += question.weight * (target - low)
            if current < target:
                reached += question.weight * (current - low)
                gap = target - current
                factor = SEVERE_FACTOR if question.key in severe_set else 1.0
                weight = rounded(gap * question.weight * factor, 4)
                weighted += weight
                found.append((-weight, question.key, value, target, gap))
            else:
                reached += question.weight * (target - low)
        target_level = levels.get(dimension.id, scale.min)
        level = dimension.level if dimension.level is not None else scale.min
        summed = summed_weight(framework, dimension.id)
        if summed is not None and dimension.id in levels:
            # Points of the sum: the way from every question at the bottom to the target.
            bottom = scale.min * summed
            score = bottom if dimension.score is None else dimension.score
            reached = max(0.0, min(score, target_level) - bottom)
            span = max(0.0, target_level - bottom)
            weighted = max(weighted, rounded(max(0.0, target_level - score), 4))
            summed_short = summed_short or score < target_level - 1e-9
        dimension_gaps.append(
            DimensionGap(
                dimension=dimension.id,
                level=dimension.level,
                target=target_level,
                percent_to_target=_percent(reached, span),
                gap=max(0.0, target_level - level),
                weighted_gap=rounded(weighted, 4),
            )
        )
        reached_all += reached
        wanted_all += span
    found.sort()
    positions = framework_index(framework).stage_positions
    at_stage = positions[scorecard.stage] >= positions[chosen]
    return TargetProfile(
        stage=chosen,
        by=by,
        levels=levels,
        questions=question_targets,
        percent_to_target=_percent(reached_all, wanted_all),
        at_target=not found and not summed_short and at_stage,
        dimensions=tuple(dimension_gaps),
        gaps=tuple(QuestionGap(q, value, target, gap, -w) for w, q, value, target, gap in found),
    )


def _percent(reached: float, span: float) -> float:
    return 100.0 if span <= 0 else rounded(100 * reached / span, 1)
