"""Scoring: from answers to question values, dimension scores and levels, overall score and stage.

The rules, stated in the report's appendix:
- A question's value is its level; for workshop votes, their mean (or median), each vote weighted
  by its respondent's weight for that dimension; a consensus level recorded next to the votes
  takes precedence. Spread = highest vote - lowest vote.
- n/a and unanswered questions are left out of numerator and denominator. Coverage = answered
  (including n/a) / questions; below the framework's `min_coverage` the dimension is flagged as
  insufficient evidence.
- A dimension's score is the weighted mean of its question values (or their minimum, or their
  weighted sum, as its `aggregate` says). Its level is the score rounded down to a scale point,
  capped at the lowest critical question's value plus one step.
- The overall score rolls the dimension scores (as reported, to 4 decimals) up by the framework's
  aggregate (weighted by the dimension weights). The stage is the highest stage whose gate holds,
  every earlier gate too.

Exact levels: means, sums and levels are worked out in exact fractions (`exact` reads a number as
the decimal it is written as: 0.1 is 1/10), so a score exactly on a scale point gets that level
whatever the votes and weights; 4-decimal rounding happens only for what is reported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, NamedTuple, cast

from readiness.conditions import FactValue
from readiness.decimals import exact
from readiness.index import DimensionLayout, framework_index
from readiness.model import (
    Aggregate,
    Answer,
    Assessment,
    Framework,
    Manifest,
    Organization,
    Question,
    Scale,
)
from readiness.records import EMPTY_MAPPING


class QuestionScore(NamedTuple):
    """The scored answer to one question."""

    key: str
    """`<dimension>.<question>`."""
    dimension: str
    """Dimension id."""
    value: float | None
    """The value used in scoring; None when n/a or unanswered."""
    status: str
    """answered, consensus, votes, n/a or unanswered."""
    weight: float
    """The question's weight."""
    critical: bool
    """Whether the question caps its dimension's level."""
    votes: Mapping[str, float | None] = EMPTY_MAPPING
    """Votes by respondent."""
    vote_value: float | None = None
    """What the votes aggregate to, even when a consensus overrides them."""
    spread: float | None = None
    """Highest minus lowest vote."""
    stdev: float | None = None
    """Population standard deviation of the votes."""
    disputed: bool = False
    """Whether the spread reaches the dispute threshold."""
    note: str | None = None
    """The answer's note."""
    evidence: str | None = None
    """The answer's evidence."""
    confidence: str | None = None
    """The answer's confidence."""


class DimensionScore(NamedTuple):
    """The scored dimension."""

    id: str
    """Dimension id."""
    title: str
    """Dimension title."""
    weight: float
    """Weight in the overall score."""
    aggregate: Aggregate
    """How its questions rolled up."""
    score: float | None
    """Score on the framework scale (or points, for sums); None without answers."""
    percent: float | None
    """Score as a percentage of the attainable range."""
    level: float | None
    """Score rounded down to a scale point, after the critical cap."""
    uncapped_level: float | None
    """Level before the critical cap."""
    capped_by: str | None
    """The critical question that capped the level, if it did."""
    answered: int
    """Questions answered with a level or votes."""
    not_applicable: int
    """Questions answered n/a."""
    total: int
    """Questions in the dimension."""
    coverage: float
    """(answered + n/a) / total."""
    insufficient: bool
    """Coverage below the framework's minimum, or nothing answered."""
    questions: tuple[QuestionScore, ...]
    """Each question's scored answer."""


class GateResult(NamedTuple):
    """Whether one stage's gate holds."""

    stage: str
    """Stage id."""
    title: str
    """Stage title."""
    condition: str | None
    """The gate condition; None for the first stage."""
    holds: bool | None
    """True, False, or None when missing answers leave it undetermined."""
    missing: tuple[str, ...] = ()
    """Facts without a value that the gate reads."""


class Scorecard(NamedTuple):
    """Everything scoring produces for one assessment."""

    framework: str
    """`id@version` of the framework scored against."""
    organization: str
    """Organization name."""
    period: str
    """Assessment period."""
    dimensions: tuple[DimensionScore, ...]
    """Dimension scores in framework order."""
    score: float | None
    """Overall score."""
    percent: float | None
    """Overall percentage."""
    level: float | None
    """Overall level (score rounded down to a scale point)."""
    stage: str
    """Readiness stage id."""
    stage_title: str
    """Readiness stage title."""
    next_stage: str | None
    """The next stage id, if any."""
    gates: tuple[GateResult, ...]
    """Each stage's gate, in order."""
    facts: dict[str, float | str | None]
    """Every named fact conditions can read."""

    def dimension(self, dimension_id: str) -> DimensionScore:
        """The dimension score with this id."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def question(self, key: str) -> QuestionScore:
        """The question score with this key."""
        dimension_id = key.split(".")[0]
        return next(q for q in self.dimension(dimension_id).questions if q.key == key)


def _round(value: Exact | None) -> float | None:
    return None if value is None else round(float(value), 4)


def weighted_median(values: list[tuple[Fraction, Fraction]]) -> Fraction:
    """The weighted median of (value, weight) pairs; midpoint when the halves balance exactly."""
    ordered = sorted(values)
    half = sum((w for _, w in ordered), Fraction(0)) / 2
    running = Fraction(0)
    for index, (value, weight) in enumerate(ordered):
        running += weight
        if running == half and index + 1 < len(ordered):
            return (value + ordered[index + 1][0]) / 2
        if running > half:
            return value
    return ordered[-1][0]


def score_question(
    key: str,
    question: Question,
    answer: Answer | None,
    assessment: Assessment,
) -> QuestionScore:
    """Score one question's answer (value, votes, spread, dispute)."""
    return _score_question(key, question, answer, assessment)[0]


def _score_question(
    key: str,
    question: Question,
    answer: Answer | None,
    assessment: Assessment,
) -> tuple[QuestionScore, Exact | None]:
    """The scored answer and its exact value (None when n/a or unanswered)."""
    dimension = key.partition(".")[0]
    if answer is None:
        unanswered = QuestionScore(
            key, dimension, None, "unanswered", question.weight, question.critical
        )
        return unanswered, None
    if not answer.votes:
        level = answer.level
        answered = QuestionScore(
            key,
            dimension,
            None if level is None else round(level, 4),
            "answered" if level is not None else "n/a",
            question.weight,
            question.critical,
            note=answer.note,
            evidence=answer.evidence,
            confidence=answer.confidence,
        )
        return answered, level
    weights = {r.id: r.weights.get(dimension, 1.0) for r in assessment.respondents}
    cast = [
        (exact(v), exact(weights.get(who, 1.0)))
        for who, v in sorted(answer.votes.items())
        if v is not None
    ]
    vote_value: Fraction | None = None
    spread = stdev = None
    if cast:
        if assessment.vote_aggregate == "median":
            vote_value = weighted_median(cast)
        else:
            vote_value = sum((v * w for v, w in cast), Fraction(0)) / sum(w for _, w in cast)
        levels = [float(v) for v, _ in cast]
        spread = max(levels) - min(levels)
        stdev = _pstdev(levels)
    value: Exact | None
    if answer.level is not None:
        value, status = answer.level, "consensus" if answer.votes else "answered"
    elif answer.na or (answer.votes and not cast):
        value, status = None, "n/a"
    else:
        value, status = vote_value, "votes"
    scored = QuestionScore(
        key,
        dimension,
        _round(value),
        status,
        question.weight,
        question.critical,
        votes=dict(sorted(answer.votes.items())),
        vote_value=_round(vote_value),
        spread=_round(spread),
        stdev=_round(stdev),
        disputed=spread is not None and spread >= assessment.dispute_threshold,
        note=answer.note,
        evidence=answer.evidence,
        confidence=answer.confidence,
    )
    return scored, value


def _pstdev(levels: list[float]) -> float:
    # Reported only, to 4 decimals; on a few scale points floats agree with exact fractions.
    mean = math.fsum(levels) / len(levels)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in levels) / len(levels))


Exact = float | Fraction
"""A question value: a float as read (a level), or the exact mean or median of votes."""


def _aggregate(kind: Aggregate, pairs: Sequence[tuple[Exact, Exact]]) -> Exact:
    """The roll-up of (value, weight) pairs; exact when the values and weights are Fractions."""
    if kind == "min":
        return min(v for v, _ in pairs)
    weighted = sum(v * w for v, w in pairs)
    if kind == "sum":
        return weighted
    return weighted / sum(w for _, w in pairs)


def _level(
    scale: Scale, kind: Aggregate, score: float, exact_score: Callable[[], Fraction]
) -> float:
    """The score rounded down to a scale point (to a whole number of steps, for sums).

    Worked out on the float score, unless it lies within a millionth of a step of a point:
    there float rounding could decide, so the exact score does (`exact_score`).
    """
    steps_float = (score - scale.min) / scale.step
    steps = math.floor(steps_float)
    if abs(steps_float - round(steps_float)) < 1e-6:
        steps = math.floor((exact_score() - exact(scale.min)) / exact(scale.step))
    if kind != "sum":
        points = scale.points()
        return points[min(max(steps, 0), len(points) - 1)]
    return round(scale.min + steps * scale.step, 9)


class _Rollup(NamedTuple):
    """A dimension's numbers, before rounding for the scorecard."""

    score: float | None
    percent: float | None
    level: float | None
    uncapped_level: float | None
    capped_by: str | None
    answered: int
    coverage: float


def _roll_up(
    scale: Scale, layout: DimensionLayout, values: Sequence[Exact | None], not_applicable: int
) -> _Rollup:
    """Score, percent, level (with the critical cap) and coverage of one dimension from its
    question values (in question order; None when n/a or unanswered)."""
    pairs: list[tuple[Exact, float, Fraction]] = []
    weakest: tuple[Exact, str] | None = None
    for value, weight, exact_weight, key, critical in zip(
        values, layout.float_weights, layout.weights, layout.keys, layout.critical, strict=True
    ):
        if value is None:
            continue
        pairs.append((value, weight, exact_weight))
        if critical and (weakest is None or (value, key) < weakest):
            weakest = (value, key)
    coverage = (len(pairs) + not_applicable) / len(values)
    if not pairs:
        return _Rollup(None, None, None, None, None, 0, coverage)
    kind = layout.dimension.aggregate
    score = float(_aggregate(kind, [(float(v), w) for v, w, _ in pairs]))

    def exact_score() -> Fraction:
        return Fraction(_aggregate(kind, [(exact(v), w) for v, _, w in pairs]))

    span = scale.max - scale.min
    if kind == "sum":
        weights = sum(w for _, w, _ in pairs)
        percent = (score - scale.min * weights) / (span * weights) * 100
    else:
        percent = (score - scale.min) / span * 100
    uncapped = level = _level(scale, kind, score, exact_score)
    capped_by = None
    if weakest is not None:
        lowest = weakest[0]
        cap = round(_level(scale, "mean", float(lowest), lambda: exact(lowest)) + scale.step, 9)
        if level > cap:
            level, capped_by = cap, weakest[1]
    return _Rollup(score, percent, level, uncapped, capped_by, len(pairs), coverage)


def _overall(
    manifest: Manifest,
    dimensions: Iterable[tuple[float | None, float | None, float, Aggregate]],
) -> tuple[float | None, float | None, float | None]:
    """Overall score, percent and level from each dimension's (rounded score, rounded percent,
    weight, aggregate); the level is exact on those numbers. All None when no dimension has a
    score."""
    scored = [d for d in dimensions if d[0] is not None]
    if not scored:
        return None, None, None
    pairs = [(score, weight) for score, _, weight, _ in scored if score is not None]
    overall = float(_aggregate(manifest.aggregate, pairs))
    percents = [(percent, weight) for _, percent, weight, _ in scored if percent is not None]
    overall_percent = float(_aggregate("min" if manifest.aggregate == "min" else "mean", percents))
    sums = manifest.aggregate == "sum" or any(kind == "sum" for _, _, _, kind in scored)

    def exact_overall() -> Fraction:
        exact_pairs = [(exact(v), exact(w)) for v, w in pairs]
        return Fraction(_aggregate(manifest.aggregate, exact_pairs))

    overall_level = _level(manifest.scale, "sum" if sums else "mean", overall, exact_overall)
    return _round(overall), _round(overall_percent), overall_level


def _stage_index(holds: Iterable[bool | None]) -> int:
    """The highest stage whose gate holds, every earlier gate too (the first always counts)."""
    stage_index = 0
    for index, gate_holds in enumerate(holds):
        if index == 0 or gate_holds:
            stage_index = index
        else:
            break
    return stage_index


def score_assessment(assessment: Assessment, framework: Framework) -> Scorecard:
    """Score an assessment against its framework (a pure function)."""
    manifest = framework.manifest
    scale = manifest.scale
    dimensions: list[DimensionScore] = []
    for layout in framework_index(framework).layout:
        dimension = layout.dimension
        pairs = [
            _score_question(key, q, assessment.answers.get(key), assessment)
            for key, q in zip(layout.keys, dimension.questions, strict=True)
        ]
        scored = tuple(question for question, _ in pairs)
        not_applicable = sum(1 for q in scored if q.status == "n/a")
        rollup = _roll_up(scale, layout, [value for _, value in pairs], not_applicable)
        dimensions.append(
            DimensionScore(
                id=dimension.id,
                title=dimension.title,
                weight=dimension.weight,
                aggregate=dimension.aggregate,
                score=_round(rollup.score),
                percent=_round(rollup.percent),
                level=rollup.level,
                uncapped_level=rollup.uncapped_level,
                capped_by=rollup.capped_by,
                answered=rollup.answered,
                not_applicable=not_applicable,
                total=len(scored),
                coverage=_round(rollup.coverage) or 0.0,
                insufficient=rollup.answered == 0 or rollup.coverage < exact(manifest.min_coverage),
                questions=scored,
            )
        )

    overall, overall_percent, overall_level = _overall(
        manifest, ((d.score, d.percent, d.weight, d.aggregate) for d in dimensions)
    )
    facts = build_facts(assessment, dimensions, overall, overall_percent, overall_level)
    gates = evaluate_gates(framework, facts)
    stage_index = _stage_index(gate.holds for gate in gates)
    stages = manifest.stages
    facts["stage"] = stages[stage_index].id
    return Scorecard(
        framework=framework.ref,
        organization=assessment.organization.name,
        period=assessment.period,
        dimensions=tuple(dimensions),
        score=overall,
        percent=overall_percent,
        level=overall_level,
        stage=stages[stage_index].id,
        stage_title=stages[stage_index].title,
        next_stage=stages[stage_index + 1].id if stage_index + 1 < len(stages) else None,
        gates=gates,
        facts=facts,
    )


def score_facts(
    framework: Framework,
    organization: Organization,
    values: Mapping[str, float | None],
    *,
    include_stage: bool = True,
) -> dict[str, FactValue]:
    """The facts of a scorecard (`Scorecard.facts`) for question values given directly: a
    value per answered question key, None for n/a, no key for unanswered.

    Equal to scoring an assessment whose answers are those levels (`Answer(level=v)`, or
    `Answer(na=True)` for None) with this organization, at a fraction of the cost: no score
    models are built. The planner's simulations call it many times per plan. Without
    `include_stage` the `stage` fact is left out (see `reached_stage`), which saves evaluating
    the gates.
    """
    # Re-scoring every dimension from no facts at all is scoring.
    facts = rescore_facts(framework, organization, {}, values, framework.manifest.dimensions)
    if include_stage:
        facts["stage"] = reached_stage(framework, facts)
    return facts


def rescore_facts(
    framework: Framework,
    organization: Organization,
    facts: Mapping[str, FactValue],
    values: Mapping[str, float | None],
    changed: Iterable[str],
) -> dict[str, FactValue]:
    """`score_facts(framework, organization, values, include_stage=False)`, given `facts`: the
    facts of values that differ from these only in questions of the `changed` dimensions (every
    dimension when `facts` is empty). Only those dimensions are rolled up again, then the
    overall facts."""
    scale = framework.manifest.scale
    dimensions = set(changed)
    result = dict(facts)
    result.pop("stage", None)
    rolled: list[tuple[float | None, float | None, float, Aggregate]] = []
    for layout in framework_index(framework).layout:
        if layout.dimension.id in dimensions:
            question_values, not_applicable = _question_values(layout, values)
            result.update(zip(layout.keys, map(_round, question_values), strict=True))
            rolled.append(_dimension_facts(scale, layout, question_values, not_applicable, result))
        else:
            rolled.append(
                (
                    cast("float | None", result[layout.score_name]),
                    cast("float | None", result[layout.percent_name]),
                    layout.dimension.weight,
                    layout.dimension.aggregate,
                )
            )
    overall, overall_percent, overall_level = _overall(framework.manifest, rolled)
    _add_summary_facts(result, organization, overall, overall_percent, overall_level)
    return result


def _dimension_facts(
    scale: Scale,
    layout: DimensionLayout,
    question_values: list[Exact | None],
    not_applicable: int,
    facts: dict[str, FactValue],
) -> tuple[float | None, float | None, float, Aggregate]:
    """Roll a dimension up into its four facts; what the overall roll-up needs of it."""
    rollup = _roll_up(scale, layout, question_values, not_applicable)
    score, percent = _round(rollup.score), _round(rollup.percent)
    facts[layout.score_name] = score
    facts[layout.level_name] = rollup.level
    facts[layout.percent_name] = percent
    facts[layout.coverage_name] = _round(rollup.coverage) or 0.0
    return score, percent, layout.dimension.weight, layout.dimension.aggregate


_ABSENT: Any = object()


def _question_values(
    layout: DimensionLayout, values: Mapping[str, float | None]
) -> tuple[list[Exact | None], int]:
    """A dimension's exact question values in question order (None when n/a or unanswered),
    and how many are n/a."""
    get = values.get
    given = [get(key, _ABSENT) for key in layout.keys]
    question_values: list[Exact | None] = [
        None if value is None or value is _ABSENT else float(value) for value in given
    ]
    return question_values, given.count(None)


def reached_stage(framework: Framework, facts: Mapping[str, FactValue]) -> str:
    """The id of the stage these facts reach (the `stage` fact of a scorecard)."""
    return framework.manifest.stages[_stage_index(_gates_hold(framework, facts))].id


def build_facts(
    assessment: Assessment,
    dimensions: list[DimensionScore],
    overall: float | None,
    overall_percent: float | None,
    overall_level: float | None,
) -> dict[str, FactValue]:
    """The named values conditions read, from a scored assessment (stage added by the caller)."""
    facts: dict[str, FactValue] = {}
    for dimension in dimensions:
        for question in dimension.questions:
            facts[question.key] = question.value
        facts[f"{dimension.id}.score"] = dimension.score
        facts[f"{dimension.id}.level"] = dimension.level
        facts[f"{dimension.id}.percent"] = dimension.percent
        facts[f"{dimension.id}.coverage"] = dimension.coverage
    _add_summary_facts(facts, assessment.organization, overall, overall_percent, overall_level)
    return facts


def _add_summary_facts(
    facts: dict[str, FactValue],
    organization: Organization,
    overall: float | None,
    overall_percent: float | None,
    overall_level: float | None,
) -> None:
    """The overall and organization facts, after the dimensions'."""
    facts["overall.score"] = overall
    facts["overall.percent"] = overall_percent
    facts["overall.level"] = overall_level
    size = organization.size
    facts["organization.size"] = float(size) if size is not None else None
    facts["organization.industry"] = organization.industry


def _gates_hold(framework: Framework, facts: Mapping[str, FactValue]) -> Iterator[bool | None]:
    """Whether each stage's gate holds, in stage order, evaluated only as far as asked."""
    for gate in framework_index(framework).gates:
        yield True if gate is None else gate.evaluate(facts)


def evaluate_gates(framework: Framework, facts: Mapping[str, FactValue]) -> tuple[GateResult, ...]:
    """Evaluate every stage gate against the facts (the first stage always holds)."""
    results = []
    for stage, gate in zip(
        framework.manifest.stages, framework_index(framework).gates, strict=True
    ):
        if gate is None:
            results.append(
                GateResult(stage=stage.id, title=stage.title, condition=None, holds=True)
            )
            continue
        results.append(
            GateResult(
                stage=stage.id,
                title=stage.title,
                condition=stage.gate,
                holds=gate.evaluate(facts),
                missing=gate.missing(facts),
            )
        )
    return tuple(results)
