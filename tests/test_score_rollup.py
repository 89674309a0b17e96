"""Exact levels of a dimension's roll-up against the same rules worked out in fractions of the
decimals as written, on scales whose points are not all whole numbers."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from readiness.decimals import exact
from readiness.index import framework_index
from readiness.model import Framework, Scale
from readiness.score.rollup import Exact, critical_cap, exact_aggregate, roll_up

SCALES = [
    (0.0, 4.0, 1.0),
    (0.0, 1.0, 0.25),
    (0.0, 1.0, 0.1),
    (-1.0, 1.0, 0.5),
    (1.0, 2.5, 0.3),
    # A step no float or 9-decimal point holds: a point's own level is the point below it.
    (0.0, 1.0, 0.3333333333333),
]


def _scale(low: float, high: float, step: float) -> Scale:
    count = round((high - low) / step)
    points = [round(low + i * step, 9) for i in range(count + 1)]
    return Scale(min=low, max=high, step=step, labels={p: f"L{i}" for i, p in enumerate(points)})


def _decimal(value: float | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(repr(value))


def _level(scale: Scale, score: Fraction) -> float:
    """The scale point `score` rounds down to, by whole steps from the scale's minimum."""
    steps = math.floor((score - _decimal(scale.min)) / _decimal(scale.step))
    points = scale.points()
    return points[min(max(steps, 0), len(points) - 1)]


def _framework(mini: Framework, scale: Scale) -> Framework:
    """Mini on this scale, its critical question `alpha.one` weighing a tenth of the others."""
    alpha = mini.dimension("alpha")
    questions = tuple(
        q.model_copy(update={"weight": 1.0 if q.critical else 10.0}) for q in alpha.questions
    )
    dimensions = (alpha.model_copy(update={"questions": questions}), mini.dimension("beta"))
    manifest = mini.manifest.model_copy(update={"scale": scale})
    return mini.model_copy(update={"manifest": manifest, "dimensions": dimensions})


def _check_roll_up(framework: Framework, values: list[Exact | None]) -> None:
    """Roll up mini's `alpha` (questions one, two, three; `one` critical)."""
    scale = framework.manifest.scale
    index = framework_index(framework)
    layout = index.layout[0]
    rollup = roll_up(index, layout, values, 0)
    answered = [(v, w) for v, w in zip(values, layout.weights, strict=True) if v is not None]
    if not answered:
        assert rollup.level is None
        return
    total = sum((_decimal(v) * w for v, w in answered), Fraction(0))
    mean = total / sum((w for _, w in answered), Fraction(0))
    uncapped = _level(scale, mean)
    assert rollup.uncapped_level == uncapped
    lowest = values[0]
    if lowest is None:
        assert (rollup.level, rollup.capped_by) == (uncapped, None)
        return
    cap = round(_level(scale, _decimal(lowest)) + scale.step, 9)
    assert critical_cap(scale, lowest) == cap
    if uncapped > cap:
        assert (rollup.level, rollup.capped_by) == (cap, "alpha.one")
    else:
        assert (rollup.level, rollup.capped_by) == (uncapped, None)


@pytest.mark.parametrize("bounds", SCALES, ids=str)
def test_a_critical_answer_on_each_point_caps_as_worked_out_in_fractions(
    mini: Framework, bounds: tuple[float, float, float]
) -> None:
    """Every point as the critical answer, the others at the top of the scale or unanswered."""
    framework = _framework(mini, _scale(*bounds))
    scale = framework.manifest.scale
    for point in scale.points():
        for other in (scale.max, None):
            _check_roll_up(framework, [point, other, scale.max])
            _check_roll_up(framework, [point, scale.max, other])


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_levels_and_critical_caps_are_exact_on_any_scale(
    mini: Framework, data: st.DataObject
) -> None:
    framework = _framework(mini, _scale(*data.draw(st.sampled_from(SCALES), label="scale")))
    scale = framework.manifest.scale
    points = scale.points()
    choices = st.one_of(
        st.sampled_from(points),
        st.sampled_from(points),
        st.floats(scale.min, scale.max).map(lambda v: round(v, 6)),
        st.fractions(scale.min, scale.max, max_denominator=12),
        st.none(),
    )
    _check_roll_up(framework, [data.draw(choices, label=key) for key in ("one", "two", "three")])


# Floats with power-of-two denominators up to 2**12 (past the 1024 the float sums trust), from
# small to past 2**33 in size, decimals, and fractions.
DYADIC = st.builds(
    lambda whole, bits, scale: whole / 2**bits * 2**scale,
    st.integers(-(2**40), 2**40),
    st.integers(0, 12),
    st.sampled_from([0, 0, 0, 10, 20]),
)
NUMBERS = st.one_of(
    DYADIC,
    DYADIC,
    st.decimals(-1000, 1000, places=3).map(float),
    st.fractions(-1000, 1000, max_denominator=30),
)


@settings(max_examples=300, deadline=None)
@example(pairs=[(2.0**45, 1.0), (2.0**-10, 1.0)], kind="sum")  # 56 bits: a float rounds it
@example(pairs=[(2.0**32, 1.0), (0.5, 2.0**-10)], kind="mean")
@example(pairs=[(2.0**31, 1.0), (2.0**-10, 2.0**-12)], kind="sum")  # 54 bits below 2**33
@given(
    pairs=st.lists(st.tuples(NUMBERS, NUMBERS), min_size=1, max_size=8),
    kind=st.sampled_from(["mean", "sum"]),
)
def test_exact_aggregate_is_the_sum_of_the_decimals_as_written(
    pairs: list[tuple[Exact, Exact]], kind: str
) -> None:
    """Whether the float sums are trusted or fractions are added, the same exact number."""
    total = sum((exact(v) * exact(w) for v, w in pairs), Fraction(0))
    weights = sum((exact(w) for _, w in pairs), Fraction(0))
    if kind == "mean" and weights == 0:
        return
    numerator, denominator = exact_aggregate("mean" if kind == "mean" else "sum", pairs)
    assert Fraction(numerator, denominator) == (total / weights if kind == "mean" else total)
