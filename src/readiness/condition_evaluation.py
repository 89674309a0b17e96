"""A condition's syntax tree compiled to one function of the facts (`compile_tree`): its value
in three-valued (Kleene) logic, UNKNOWN for a missing fact and whatever depends on it. The tree
is compiled once, from closures: a fact compared with a literal reads the fact and compares,
`and` / `or` run their operands' fact tests in one loop; arithmetic is exact (decimal
fractions). Deciding what this logic leaves open is `conditions.Condition`'s.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from readiness.condition_syntax import Arithmetic, Compare, Fact, Items, Logic, Node, Not, Value
from readiness.decimals import exact

FactValue = float | str | None
"""A fact's value: a number, a text, or None when it is missing."""

_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
"""Each comparison with its sides swapped: `2 <= x` is `x >= 2`."""


class _Unknown:
    """The value of a missing fact, and of whatever depends on it, in three-valued logic."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


Evaluator = Callable[[Mapping[str, FactValue]], Any]
"""A condition compiled to one function of the facts: its value in three-valued (Kleene) logic,
UNKNOWN for a missing fact and whatever depends on it (`false and UNKNOWN` is false, `true or
UNKNOWN` is true). Arithmetic is exact (decimal fractions); comparisons with its results are too."""

_EQUALITY: dict[str, Callable[[Any, Any], bool]] = {"==": operator.eq, "!=": operator.ne}


def _contains(value: Any, items: Any) -> bool:
    return value in items


def _fact_test(node: Node) -> tuple[str, Callable[[Any, Any], bool], Any] | None:
    """A fact compared with a literal (either way round) or tested against a list, as (fact,
    test, literal) with the fact first; None for any other node."""
    if not isinstance(node, Compare):
        return None
    left, right, op = node.left, node.right, node.op
    if isinstance(right, Fact) and isinstance(left, Value) and op in FLIPPED and op != "in":
        left, right, op = right, left, FLIPPED[op]
    if not isinstance(left, Fact):
        return None
    if isinstance(right, Items) and op == "in":
        return left.name, _contains, right.values
    if not isinstance(right, Value) or type(right.value) not in (float, str):
        return None
    if op in _ORDER:
        # Text ordering is refused at load; a number is compared as the number it is.
        return (left.name, _ORDER[op], right.value) if type(right.value) is float else None
    test = _EQUALITY.get(op)
    return None if test is None else (left.name, test, right.value)


def compile_tree(node: Node) -> Evaluator:
    """The tree as one function of the facts (see `Evaluator`), built once from closures: a
    fact compared with a literal reads the fact and compares; `and` / `or` run their operands'
    fact tests in one loop, then any other operand."""
    found = _fact_test(node)
    if found is not None:
        name, test, bound = found

        def leaf(facts: Mapping[str, FactValue]) -> Any:
            value = facts.get(name)
            return UNKNOWN if value is None else test(value, bound)

        return leaf
    if isinstance(node, Logic):
        return _compile_logic(node)
    if isinstance(node, Not):
        inner = compile_tree(node.operand)

        def negate(facts: Mapping[str, FactValue]) -> Any:
            value = inner(facts)
            return value if value is UNKNOWN else not value

        return negate
    if isinstance(node, Fact):
        fact = node.name

        def read(facts: Mapping[str, FactValue]) -> Any:
            value = facts.get(fact)
            return UNKNOWN if value is None else value

        return read
    if isinstance(node, Value | Items):
        constant = node.value if isinstance(node, Value) else node.values
        return lambda facts: constant
    if isinstance(node, Compare):
        return _compile_compare(node)
    return _compile_arithmetic(node)


def _compile_logic(node: Logic) -> Evaluator:
    tests = [found for found in map(_fact_test, node.operands) if found is not None]
    others = [compile_tree(o) for o in node.operands if _fact_test(o) is None]
    decisive = node.op == "or"  # the operand value that decides the whole: true for or

    def combine(facts: Mapping[str, FactValue]) -> Any:
        unknown = False
        for name, test, bound in tests:
            value = facts.get(name)
            if value is None:
                unknown = True
            elif test(value, bound) is decisive:
                return decisive
        for operand in others:
            value = operand(facts)
            if value is UNKNOWN:
                unknown = True
            elif value is decisive:
                return decisive
        return UNKNOWN if unknown else not decisive

    return combine


def _compile_compare(node: Compare) -> Evaluator:
    left, right, op = compile_tree(node.left), compile_tree(node.right), node.op
    test = _contains if op == "in" else _ORDER.get(op) or _EQUALITY[op]

    def compare(facts: Mapping[str, FactValue]) -> Any:
        a, b = left(facts), right(facts)
        if a is UNKNOWN or b is UNKNOWN:
            return UNKNOWN
        if type(a) is Fraction or type(b) is Fraction:
            a, b = exact(a), exact(b)
        return test(a, b)

    return compare


_ARITHMETIC: dict[str, Callable[[Fraction, Fraction], Fraction]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,  # by a literal other than 0: the parser refuses anything else
    "neg": lambda _, b: -b,
}


def _compile_arithmetic(node: Arithmetic) -> Evaluator:
    left, right, apply = compile_tree(node.left), compile_tree(node.right), _ARITHMETIC[node.op]

    def arithmetic(facts: Mapping[str, FactValue]) -> Any:
        a, b = left(facts), right(facts)
        if a is UNKNOWN or b is UNKNOWN:
            return UNKNOWN
        return apply(exact(a), exact(b))

    return arithmetic
