"""Exact levels: how question values roll up into a dimension's score, percent, level and
coverage, and dimension scores into the overall score.

Means, sums and levels are decided exactly (`exact` reads a number as the decimal it is written
as: 0.1 is 1/10), so a score exactly on a scale point gets that level whatever the votes and
weights. The arithmetic runs on floats, and the exact fractions are worked out only when a
float lies within a millionth of a step of a scale point, where float rounding could decide.
4-decimal rounding happens only for what is reported.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import NamedTuple

from readiness.decimals import exact, rounded
from readiness.index import DimensionLayout, FrameworkIndex, derived_from_index
from readiness.model import Aggregate, Manifest, Scale

Exact = float | Fraction
"""A question value: a float as read (a level), or the exact mean or median of votes."""


def reported(value: Exact | None) -> float | None:
    """A number as reported: a float to 4 decimals (None stays None)."""
    # Most numbers scored are multiples of 1/16 (levels, halves, quarters), which `rounded`
    # gives back without going through their digits.
    return None if value is None else rounded(float(value), 4)


def aggregate(kind: Aggregate, pairs: Sequence[tuple[Exact, Exact]]) -> Exact:
    """The roll-up of (value, weight) pairs in floats (see `exact_aggregate` for the exact one)."""
    if kind == "min":
        return min(v for v, _ in pairs)
    weighted: Exact = 0
    weights: Exact = 0
    for value, weight in pairs:
        weighted += value * weight
        weights += weight
    if kind == "sum":
        return weighted
    return weighted / weights


def ratio(value: Exact) -> tuple[int, int]:
    """`exact(value)` as (numerator, denominator); a float with a small power-of-two
    denominator (levels, most weights) is that decimal already and builds no Fraction."""
    if type(value) is float:
        numerator, denominator = value.as_integer_ratio()
        if denominator <= 1024:
            return numerator, denominator
    return exact(value).as_integer_ratio()


def exact_aggregate(kind: Aggregate, pairs: Sequence[tuple[Exact, Exact]]) -> tuple[int, int]:
    """The roll-up of (value, weight) pairs in exact arithmetic, each number read as the
    decimal it is written as, as (numerator, denominator): sums are kept over a common
    denominator in integers, so no Fraction is built. When the pairs are floats whose sums
    floats hold exactly (see `exact_float_sums`: levels, halves, whole weights), the ratio is
    read off those sums."""
    if kind == "min":
        return min((ratio(v) for v, _ in pairs), key=lambda r: Fraction(*r))
    sums = exact_float_sums(pairs)
    if sums is not None:
        total_n, total_d = sums[0].as_integer_ratio()
        weights_n, weights_d = sums[1].as_integer_ratio()
    else:
        total_n, total_d = 0, 1
        weights_n, weights_d = 0, 1
        for value, weight in pairs:
            value_n, value_d = ratio(value)
            weight_n, weight_d = ratio(weight)
            total_n, total_d = _add(total_n, total_d, value_n * weight_n, value_d * weight_d)
            weights_n, weights_d = _add(weights_n, weights_d, weight_n, weight_d)
    if kind == "sum":
        return total_n, total_d
    return total_n * weights_d, total_d * weights_n


def exact_float_sums(pairs: Sequence[tuple[Exact, Exact]]) -> tuple[float, float] | None:
    """The sum of value times weight and the sum of weights, in floats, when every value and
    weight is a float with a power-of-two denominator up to 1024 and the sums stay small; else
    None.

    Such a float is the decimal it is written as (`ratio` reads it so), and the sums are then
    exact: every product and partial sum is a multiple of 2**-20 below 2**33 in size, which a
    float holds exactly, so no addition or product rounds. The size is checked on the sum of
    the sizes of products and weights: its partial sums are exact until it reaches 2**33, and
    rounding never takes it back below, so a float sum below 2**33 proves every one smaller.
    """
    weighted = weights = size = 0.0
    for value, weight in pairs:
        if not (
            type(value) is float
            and type(weight) is float
            and (value * 1024).is_integer()
            and (weight * 1024).is_integer()
        ):
            return None
        product = value * weight
        weighted += product
        weights += weight
        size += abs(product) + abs(weight)
    return (weighted, weights) if size < 2**33 else None


def _add(a_n: int, a_d: int, b_n: int, b_d: int) -> tuple[int, int]:
    if a_d == b_d:
        return a_n + b_n, a_d
    common = math.lcm(a_d, b_d)
    return a_n * (common // a_d) + b_n * (common // b_d), common


def level_of(
    scale: Scale, kind: Aggregate, score: float, exact_score: Callable[[], tuple[int, int]]
) -> float:
    """The score rounded down to a scale point (to a whole number of steps, for sums).

    Worked out on the float score, unless it lies within a millionth of a step of a point:
    there float rounding could decide, so the exact score does (`exact_score`, as numerator
    and denominator).
    """
    steps_float = (score - scale.min) / scale.step
    steps = math.floor(steps_float)
    if abs(steps_float - round(steps_float)) < 1e-6:
        score_n, score_d = exact_score()
        low_n, low_d = ratio(scale.min)
        step_n, step_d = ratio(scale.step)
        # floor(((score - min) / step)) in integers; the denominators are positive.
        steps = ((score_n * low_d - low_n * score_d) * step_d) // (score_d * low_d * step_n)
    if kind != "sum":
        points = scale.points()
        return points[min(max(steps, 0), len(points) - 1)]
    return round(scale.min + steps * scale.step, 9)


def critical_cap(scale: Scale, lowest: Exact) -> float:
    """The highest level a dimension may have when its weakest critical answer is `lowest`: a
    step above that answer's own level."""
    return round(level_of(scale, "mean", float(lowest), lambda: ratio(lowest)) + scale.step, 9)


@derived_from_index
def _point_caps(index: FrameworkIndex) -> dict[float, float]:
    """`critical_cap` of every scale point, worked out once per framework."""
    return {p: critical_cap(index.scale, p) for p in index.points}


class Rollup(NamedTuple):
    """A dimension's numbers, before rounding for the scorecard."""

    score: float | None
    percent: float | None
    level: float | None
    uncapped_level: float | None
    capped_by: str | None
    answered: int
    not_applicable: int
    coverage: float
    insufficient: bool
    """Coverage below the framework's minimum, or nothing answered."""


def roll_up(
    index: FrameworkIndex,
    layout: DimensionLayout,
    values: Sequence[Exact | None],
    not_applicable: int,
) -> Rollup:
    """Score, percent, level (with the critical cap) and coverage of one dimension from its
    question values (in question order; None when n/a or unanswered)."""
    scale = index.scale
    kind = layout.dimension.aggregate
    float_weights, critical = layout.float_weights, layout.critical
    count = 0
    smallest = math.inf
    weakest: tuple[Exact, str] | None = None
    weighted: float = 0
    weights: float = 0
    for position, value in enumerate(values):
        if value is None:
            continue
        number = value if type(value) is float else float(value)
        count += 1
        if number < smallest:
            smallest = number
        weight = float_weights[position]
        weighted += number * weight
        weights += weight
        if critical[position]:
            key = layout.keys[position]
            if weakest is None or (value, key) < weakest:
                weakest = (value, key)
    numerator, denominator = index.min_coverage
    insufficient = not count or (count + not_applicable) * denominator < numerator * len(values)
    coverage = (count + not_applicable) / len(values)
    if not count:
        return Rollup(None, None, None, None, None, 0, not_applicable, coverage, insufficient)
    score = smallest if kind == "min" else weighted if kind == "sum" else weighted / weights

    def exact_score() -> tuple[int, int]:
        # Asked only near a scale point: the answered values are gathered again then.
        pairs = [(v, float_weights[p]) for p, v in enumerate(values) if v is not None]
        return exact_aggregate(kind, pairs)

    span = scale.max - scale.min
    if kind == "sum":
        percent = (score - scale.min * weights) / (span * weights) * 100
    else:
        percent = (score - scale.min) / span * 100
    uncapped = level = level_of(scale, kind, score, exact_score)
    capped_by = None
    if weakest is not None:
        lowest = weakest[0]
        # Critical answers are mostly levels as answered or raised: scale points, whose caps
        # the framework's table holds (a float key: a Fraction equal to a float's binary
        # value is not the decimal the float is read as).
        cap = _point_caps(index).get(lowest) if type(lowest) is float else None
        if cap is None:
            cap = critical_cap(scale, lowest)
        if level > cap:
            level, capped_by = cap, weakest[1]
    return Rollup(
        score, percent, level, uncapped, capped_by, count, not_applicable, coverage, insufficient
    )


def overall(
    manifest: Manifest,
    dimensions: Iterable[tuple[float | None, float | None, float, Aggregate]],
) -> tuple[float | None, float | None, float | None]:
    """Overall score, percent and level from each dimension's (reported score, reported percent,
    weight, aggregate); the level is exact on those numbers. All None when no dimension has a
    score."""
    kind = manifest.aggregate
    pairs: list[tuple[float, float]] = []
    percents: list[tuple[float, float]] = []
    sums = kind == "sum"
    for score, percent, weight, dimension_kind in dimensions:
        if score is None:
            continue
        pairs.append((score, weight))
        if percent is not None:
            percents.append((percent, weight))
        if dimension_kind == "sum":
            sums = True
    if not pairs:
        return None, None, None
    total = float(aggregate(kind, pairs))
    total_percent = float(aggregate("min" if kind == "min" else "mean", percents))

    def exact_overall() -> tuple[int, int]:
        return exact_aggregate(kind, pairs)

    total_level = level_of(manifest.scale, "sum" if sums else "mean", total, exact_overall)
    return reported(total), reported(total_percent), total_level
