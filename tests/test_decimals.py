"""Numbers as decimals: `exact` and `rounded` (hypothesis against `round`)."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from readiness.decimals import exact, rounded


def test_exact_reads_a_float_as_the_decimal_it_is_written_as() -> None:
    assert exact(0.1) == Fraction(1, 10) and exact(2.5) == Fraction(5, 2)


@given(st.integers(-(10**6), 10**6), st.integers(0, 9), st.integers(0, 9))
def test_rounded_gives_back_a_multiple_of_a_power_of_two_as_round_does(
    whole: int, power: int, digits: int
) -> None:
    number = whole / 2**power
    assert repr(rounded(number, digits)) == repr(round(number, digits))


@given(st.integers(-(10**9), 10**9), st.integers(0, 9))
def test_rounded_gives_back_an_int_as_round_does(number: int, digits: int) -> None:
    assert repr(rounded(number, digits)) == repr(round(number, digits))


@given(st.floats(allow_nan=False, width=64), st.sampled_from([0, 1, 2, 4, 6, 9]))
def test_rounded_is_round(number: float, digits: int) -> None:
    assert repr(rounded(number, digits)) == repr(round(number, digits))
