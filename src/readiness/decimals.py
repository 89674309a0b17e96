"""Numbers as the decimals they are written as, for exact arithmetic on scores and conditions.

A framework or an assessment writes `0.1`; the float read from it is not one tenth, but its
shortest repr is that text again. `exact(0.1) == Fraction(1, 10)`, so sums and means of such
numbers land exactly on a scale point when the decimals do.
"""

from __future__ import annotations

from fractions import Fraction


def exact(value: float | Fraction) -> Fraction:
    """The number as the decimal it is written as, exactly: `exact(0.1) == Fraction(1, 10)`.

    A float with a small power-of-two denominator (levels such as 2 or 2.5) is that decimal
    already and is converted without going through text.
    """
    if isinstance(value, Fraction):
        return value
    ratio = Fraction(value)
    return ratio if ratio.denominator <= 1024 else Fraction(repr(float(value)))


def rounded(number: float, digits: int) -> float:
    """`round(number, digits)`. A whole number (an int too, which rounding gives back as it
    is) or a multiple of 2**-digits (a half, a quarter for two digits, a sixteenth for four)
    has at most `digits` decimals, so rounding gives it back: it is returned as it is, without
    going through its decimal digits as rounding does (which costs ten times this test)."""
    if isinstance(number, int) or (number * (1 << digits)).is_integer():
        return number
    return round(number, digits)
