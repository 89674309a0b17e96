"""What the planner reads from conditions: their top-level terms, their thresholds, the facts an
initiative raises, and which terms of a gate still fail.

Every other module that looks inside a condition (rather than just evaluating it) goes through
these functions, so that how conditions are represented can change in this one place.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import NamedTuple

from readiness.expressions import ConditionError, FactSpace, FactValue, compile_condition
from readiness.model import Initiative

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?"
_NUMBER = r"-?\d+(?:\.\d+)?"
_TERM = re.compile(rf"^({_NAME})\s*(>=|>)\s*({_NUMBER})$")
_REVERSED = re.compile(rf"^({_NUMBER})\s*(<=|<)\s*({_NAME})$")
_TOKEN = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[()]|\b(?:and|or)\b)""")


class Threshold(NamedTuple):
    """One `name >= value` (or `name > value`) term of a condition."""

    name: str
    value: float
    strict: bool

    def holds(self, actual: FactValue) -> bool:
        """Whether a fact value satisfies the threshold."""
        if actual is None or isinstance(actual, str):
            return False
        return actual > self.value if self.strict else actual >= self.value - 1e-9


@functools.lru_cache(maxsize=4096)
def split_terms(text: str) -> tuple[str, ...]:
    """The top-level `and` terms of a condition, outer parentheses removed.

    A condition with a top-level `or` is one term: splitting it would change its meaning.
    """
    text = _strip_parentheses(" ".join(text.split()))
    depth = 0
    cuts: list[tuple[int, int]] = []
    has_or = False
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif depth == 0 and token == "and":
            cuts.append(match.span())
        elif depth == 0 and token == "or":
            has_or = True
    if has_or or not cuts:
        return (text,)
    terms: list[str] = []
    position = 0
    for begin, end in cuts:
        terms.append(text[position:begin])
        position = end
    terms.append(text[position:])
    return tuple(_strip_parentheses(t.strip()) for t in terms)


def _strip_parentheses(text: str) -> str:
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += char == "("
            depth -= char == ")"
            if depth == 0 and index < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


@functools.lru_cache(maxsize=4096)
def thresholds(text: str | None) -> tuple[Threshold, ...] | None:
    """The terms of a condition that is a conjunction of `name >= n` / `name > n` terms;
    None when it is anything else (it then cannot be simulated)."""
    if not text:
        return None
    found: list[Threshold] = []
    for term in split_terms(text):
        threshold = term_threshold(term)
        if threshold is None:
            return None
        found.append(threshold)
    return tuple(found)


@functools.lru_cache(maxsize=4096)
def term_threshold(term: str) -> Threshold | None:
    """A single term as a threshold (`name >= n`, `name > n`, `n <= name`), else None."""
    match = _TERM.match(term)
    if match:
        return Threshold(match.group(1), float(match.group(3)), match.group(2) == ">")
    match = _REVERSED.match(term)
    if match:
        return Threshold(match.group(3), float(match.group(1)), match.group(2) == "<")
    return None


def raised_thresholds(initiative: Initiative) -> tuple[Threshold, ...]:
    """What finishing an initiative raises: its `raises` levels when it states them, else the
    thresholds of its `done_when` (nothing when `done_when` is not a conjunction of them)."""
    if initiative.raises:
        return tuple(
            Threshold(name, level, False) for name, level in sorted(initiative.raises.items())
        )
    return thresholds(initiative.done_when) or ()


class GateCheck(NamedTuple):
    """A gate checked against facts: does it hold, which terms still fail."""

    holds: bool
    failing: tuple[str, ...]


def check_gate(gate: str, facts: Mapping[str, FactValue], space: FactSpace) -> GateCheck:
    """Evaluate a gate on facts; the terms (top-level `and` parts) that do not hold (false or
    undetermined)."""
    terms = split_terms(gate)
    if len(terms) > 1:
        # A conjunction certainly holds exactly when each of its terms certainly does.
        try:
            failing = tuple(
                term for term in terms if compile_condition(term, space).evaluate(facts) is not True
            )
        except ConditionError:
            pass  # a term that does not compile on its own: judge the gate as a whole
        else:
            return GateCheck(not failing, failing)
    whole = compile_condition(gate, space).evaluate(facts) is True
    shown = terms[0] if len(terms) == 1 else " ".join(gate.split())
    return GateCheck(whole, () if whole else (shown,))


def condition_holds(text: str, facts: Mapping[str, FactValue], space: FactSpace) -> bool:
    """Whether a condition certainly holds on these facts (undetermined counts as not)."""
    return compile_condition(text, space).evaluate(facts) is True


def condition_reads(text: str, space: FactSpace) -> tuple[str, ...]:
    """The facts a condition reads; none when it does not compile."""
    try:
        return tuple(compile_condition(text, space).reads)
    except ConditionError:
        return ()
