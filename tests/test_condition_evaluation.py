"""A condition's tree compiled to one function of the facts: three-valued logic for missing
facts, a fact compared either way round, exact arithmetic on the decimals written."""

from __future__ import annotations

import pytest

from readiness.condition_evaluation import UNKNOWN, compile_tree
from readiness.condition_syntax import parse_condition
from readiness.conditions import compile_condition
from readiness.index import fact_space_for
from readiness.model import Framework


@pytest.mark.parametrize(
    ("text", "facts", "value"),
    [
        ("a.x < 2 and a.y < 2", {"a.x": 3.0}, False),  # false and UNKNOWN
        ("a.x < 2 and a.y < 2", {"a.x": 1.0}, UNKNOWN),  # true and UNKNOWN
        ("a.x < 2 or a.y < 2", {"a.y": 1.0}, True),  # UNKNOWN or true
        ("a.x < 2 or a.y < 2", {"a.y": 3.0}, UNKNOWN),
        ("not a.x < 2", {}, UNKNOWN),
        ("not a.x < 2", {"a.x": 3.0}, True),
        ("a.x + 1 > 2", {}, UNKNOWN),
        ("2 <= a.x", {"a.x": 2.0}, True),  # a fact on the right, flipped
        ("2 > a.x", {"a.x": 2.0}, False),
        ('a.t in ["p", "q"]', {"a.t": "q"}, True),
        ("a.x == a.y", {"a.x": 1.0, "a.y": 1.0}, True),
    ],
)
def test_missing_facts_are_unknown_in_three_valued_logic(
    text: str, facts: dict[str, float | str], value: object
) -> None:
    run = compile_tree(parse_condition(text, None))
    assert run(facts) is value


def test_arithmetic_is_exact_on_the_decimals_written(mini: Framework) -> None:
    space = fact_space_for(mini)
    condition = compile_condition("alpha.score - 0.1 >= 2.2", space)
    assert condition.evaluate({"alpha.score": 2.3}) is True  # 2.3 - 0.1 is 2.1999... in floats
    assert compile_condition("alpha.score / 3 * 3 == 2.3", space).evaluate({"alpha.score": 2.3})
    assert compile_condition("-alpha.score < -2", space).evaluate({"alpha.score": 2.3}) is True


def test_integer_facts_equal_their_float_literals(mini: Framework) -> None:
    condition = compile_condition("organization.size == 250", fact_space_for(mini))
    assert condition.evaluate({"organization.size": 250}) is True
    assert condition.evaluate({"organization.size": 250.0}) is True
