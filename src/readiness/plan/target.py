"""The target profile and the gaps to it.

target(question) = the highest of: the question's level in the profile of every stage up to and
including the target stage, its dimension's level in those profiles, and the assessment's
`target.levels[dimension]` and `target.questions[question]`. A stage without a `profile` implies
what its gate asks: each `name >= n` term on a question, a dimension's level or score (or the
overall level or score, for every dimension) counts as that level. A dimension's target level is
the highest of the stage profiles' and the assessment's levels for it.

A question's gap is max(0, target - value), an unanswered question counting as the bottom of the
scale (n/a questions have no gap); its weighted gap multiplies by the question's weight, and by
1.5 when a high-severity finding reads it. Percent to target is the weighted share of the way
from the bottom of the scale to the target that the questions have come.
"""

from __future__ import annotations

from collections.abc import Iterable

from readiness.condition_terms import split_terms, term_threshold
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
    """What one stage implies: (levels per dimension, levels per question)."""
    return _stage_levels(framework)[stage.id]


@derived
def _stage_levels(
    framework: Framework,
) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    return {stage.id: _implied(framework, stage) for stage in framework.manifest.stages}


def _implied(framework: Framework, stage: Stage) -> tuple[dict[str, float], dict[str, float]]:
    manifest = framework.manifest
    points = manifest.scale.points()
    levels: dict[str, float] = {}
    questions: dict[str, float] = {}
    if stage.profile is not None:
        levels.update(stage.profile.levels)
        questions.update(stage.profile.questions)
    for term in split_terms(stage.gate) if stage.gate else ():
        threshold = term_threshold(term)
        if threshold is None:
            continue
        prefix, _, fact = threshold.name.partition(".")
        if fact in ("level", "score"):
            level = lowest_point(points, threshold)
            scope = manifest.dimensions if prefix == "overall" else [prefix]
            for dimension in scope:
                if level is not None and dimension in manifest.dimensions:
                    levels[dimension] = max(levels.get(dimension, manifest.scale.min), level)
        elif prefix in manifest.dimensions and fact:
            level = lowest_point(points, threshold)
            if level is not None:
                questions[threshold.name] = max(questions.get(threshold.name, level), level)
    return levels, questions


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
    levels, _ = _profile(framework, chosen)
    if wanted is not None and wanted.levels:
        levels = dict(levels)
        for key, level in wanted.levels.items():
            levels[key] = max(levels.get(key, level), level)
    question_targets = dict(_question_targets(framework, chosen))
    if wanted is not None and (wanted.levels or wanted.questions):
        for key in _question_keys(framework):
            dimension = key.partition(".")[0]
            found = [
                question_targets.get(key),
                wanted.levels.get(dimension),
                wanted.questions.get(key),
            ]
            present = [level for level in found if level is not None]
            if present:
                question_targets[key] = max(present)
    return _measure(
        framework,
        scorecard,
        chosen,
        levels,
        question_targets,
        severe,
        by or (wanted.by if wanted else None),
    )


@derived
def _profiles(
    framework: Framework,
) -> dict[str, tuple[dict[str, float], dict[str, float], dict[str, float]]]:
    """Per target stage: dimension levels, question levels, and every question's target."""
    found = {}
    levels: dict[str, float] = {}
    questions: dict[str, float] = {}
    for each in framework.manifest.stages:
        stage_dims, stage_questions = stage_levels(framework, each)
        for key, level in stage_dims.items():
            levels[key] = max(levels.get(key, level), level)
        for key, level in stage_questions.items():
            questions[key] = max(questions.get(key, level), level)
        targets: dict[str, float] = {}
        for key in _question_keys(framework):
            present = [
                level
                for level in (questions.get(key), levels.get(key.partition(".")[0]))
                if level is not None
            ]
            if present:
                targets[key] = max(present)
        found[each.id] = (dict(levels), dict(questions), targets)
    return found


@derived
def _question_keys(framework: Framework) -> tuple[str, ...]:
    return tuple(framework_index(framework).questions)


def _profile(framework: Framework, stage: str) -> tuple[dict[str, float], dict[str, float]]:
    levels, questions, _ = _profiles(framework)[stage]
    return levels, questions


def _question_targets(framework: Framework, stage: str) -> dict[str, float]:
    return _profiles(framework)[stage][2]


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
    severe_set = set(severe)
    gaps: list[QuestionGap] = []
    dimension_gaps: list[DimensionGap] = []
    reached_all, wanted_all = 0.0, 0.0
    for dimension in scorecard.dimensions:
        reached, span, weighted = 0.0, 0.0, 0.0
        for question in dimension.questions:
            target = question_targets.get(question.key)
            if target is None or question.status == "n/a":
                continue
            value = question.value
            current = scale.min if value is None else value
            gap = max(0.0, target - current)
            span += question.weight * (target - scale.min)
            reached += question.weight * (min(current, target) - scale.min)
            if gap > 0:
                factor = SEVERE_FACTOR if question.key in severe_set else 1.0
                weight = round(gap * question.weight * factor, 4)
                weighted += weight
                gaps.append(QuestionGap(question.key, value, target, gap, weight))
        target_level = levels.get(dimension.id, scale.min)
        dimension_gaps.append(
            DimensionGap(
                dimension=dimension.id,
                level=dimension.level,
                target=target_level,
                percent_to_target=_percent(reached, span),
                gap=max(0.0, target_level - (dimension.level or scale.min)),
                weighted_gap=round(weighted, 4),
            )
        )
        reached_all += reached
        wanted_all += span
    gaps.sort(key=lambda g: (-g.weighted_gap, g.question))
    positions = framework_index(framework).stage_positions
    at_stage = positions[scorecard.stage] >= positions[chosen]
    return TargetProfile(
        stage=chosen,
        by=by,
        levels=levels,
        questions=question_targets,
        percent_to_target=_percent(reached_all, wanted_all),
        at_target=not gaps and at_stage,
        dimensions=tuple(dimension_gaps),
        gaps=tuple(gaps),
    )


def _percent(reached: float, span: float) -> float:
    return 100.0 if span <= 0 else round(100 * reached / span, 1)
