"""What the planner and the report read from conditions, by their text: top-level terms, the
thresholds they set, the facts an initiative raises, and which terms of a gate still fail.

Each function is a question asked of the condition's syntax tree (`readiness.conditions`);
texts are parsed there, and a framework's own conditions are found already parsed in its fact
space. Terms come back as `conditions.write` gives them, so a term's text finds its parsed
form in the same fact space.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from readiness.condition_syntax import (
    Compare,
    Fact,
    Items,
    Logic,
    Node,
    Not,
    Value,
    parse_condition,
)
from readiness.conditions import (
    Condition,
    ConditionError,
    FactSpace,
    FactValue,
    compile_condition,
    reads,
    term_bound,
    terms,
    write,
)
from readiness.model import Initiative


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


def _tree(text: str, space: FactSpace | None = None) -> Node | None:
    """The condition's tree, found in `space` when one is given (a framework's own conditions
    are there, parsed), else parsed for its syntax; None when it does not parse or check
    (loading reports why)."""
    try:
        return parse_condition(text, None) if space is None else compile_condition(text, space).tree
    except ConditionError:
        return None


def split_terms(text: str) -> tuple[str, ...]:
    """The top-level `and` terms of a condition, as text. A condition with a top-level `or` is
    one term: splitting it would change its meaning; so is one that does not parse."""
    tree = _tree(text)
    return (text,) if tree is None else tuple(write(term) for term in terms(tree))


def threshold_of(term: Node) -> Threshold | None:
    """A term's tree as a threshold (`name >= n`, `name > n`, `n <= name`), else None."""
    bound = term_bound(term)
    if bound is None or bound.op not in (">=", ">"):
        return None
    return Threshold(bound.fact, bound.value, bound.op == ">")


def term_threshold(term: str) -> Threshold | None:
    """A single term as a threshold (`name >= n`, `name > n`, `n <= name`), else None."""
    tree = _tree(term)
    return None if tree is None else threshold_of(tree)


def thresholds(text: str | None, space: FactSpace | None = None) -> tuple[Threshold, ...] | None:
    """The terms of a condition that is a conjunction of `name >= n` / `name > n` terms;
    None when it is anything else (it then cannot be simulated). `space`: see `_tree`."""
    tree = _tree(text, space) if text else None
    if tree is None:
        return None
    found = [threshold_of(term) for term in terms(tree)]
    if any(threshold is None for threshold in found):
        return None
    return tuple(t for t in found if t is not None)


def raised_thresholds(
    initiative: Initiative, space: FactSpace | None = None
) -> tuple[Threshold, ...]:
    """What finishing an initiative raises: its `raises` levels when it states them, else the
    thresholds of its `done_when` (nothing when `done_when` is not a conjunction of them).
    `space`: the framework's fact space, where its `done_when` is found already parsed."""
    if initiative.raises:
        return tuple(
            Threshold(name, level, False) for name, level in sorted(initiative.raises.items())
        )
    return thresholds(initiative.done_when, space) or ()


def only_falls(node: Node, rising: Mapping[str, object], fixed: str = "organization.") -> bool:
    """Whether a condition can only turn from true to false while the `rising` facts rise (a
    missing one taking a value) and the facts named `fixed...` stay as they are: it is an `and`
    / `or` of terms each comparing a rising fact `<` or `<=` with a number, or reading only
    fixed facts."""
    if isinstance(node, Logic):
        return all(only_falls(operand, rising, fixed) for operand in node.operands)
    if not isinstance(node, Compare):
        return False
    left, right = node.left, node.right
    if all(
        isinstance(side, Value | Items) or (isinstance(side, Fact) and side.name.startswith(fixed))
        for side in (left, right)
    ):
        return True
    bound = term_bound(node)
    return bound is not None and bound.op in ("<", "<=") and bound.fact in rising


class GateCheck(NamedTuple):
    """A gate checked against facts: does it hold, which terms still fail."""

    holds: bool
    failing: tuple[str, ...]


def check_gate(gate: str, facts: Mapping[str, FactValue], space: FactSpace) -> GateCheck:
    """Evaluate a gate on facts; the terms (top-level `and` parts) that do not hold (false or
    undetermined). A conjunction certainly holds exactly when each of its terms certainly does."""
    failing = tuple(term.text for term in failing_terms(gate, facts, space))
    return GateCheck(not failing, failing)


def failing_terms(
    gate: str, facts: Mapping[str, FactValue], space: FactSpace
) -> tuple[Condition, ...]:
    """The terms of a gate that do not hold on facts (false or undetermined), parsed. A gate
    that holds as a whole has none (each term decides on a subset of its missing facts), so
    its terms are decided one by one unless three-valued logic finds the whole true. Where it
    leaves the whole undecided, its terms are decided without trying values on the whole:
    where those values would find it true, each term holds anyway."""
    condition = compile_condition(gate, space)
    if condition.run(facts) is True:
        return ()
    return tuple(term for term in condition.terms() if term.evaluate(facts) is not True)


def gate_holds(gate: str, facts: Mapping[str, FactValue], space: FactSpace) -> bool:
    """`check_gate(...).holds`: three-valued logic finds the whole true, else each term holds
    (too many missing facts can leave a whole undecided whose terms each decide; where the
    whole holds, so does each term: see `failing_terms`)."""
    condition = compile_condition(gate, space)
    return condition.run(facts) is True or all(
        term.evaluate(facts) is True for term in condition.terms()
    )


def condition_holds(text: str, facts: Mapping[str, FactValue], space: FactSpace) -> bool:
    """Whether a condition certainly holds on these facts (undetermined counts as not)."""
    return compile_condition(text, space).evaluate(facts) is True


def condition_reads(text: str, space: FactSpace) -> tuple[str, ...]:
    """The facts a condition reads; none when it does not compile."""
    try:
        return tuple(compile_condition(text, space).reads)
    except ConditionError:
        return ()


def subject_reads(text: str, space: FactSpace) -> tuple[str, ...]:
    """The facts a condition is about: those its top-level terms read, less the terms `not ...`
    that say where its rule steps aside for another (`... and not organization.industry in
    [...]`: a regulated industry's rule says it there); none when it does not compile."""
    try:
        tree = compile_condition(text, space).tree
    except ConditionError:
        return ()
    kept = (term for term in terms(tree) if not isinstance(term, Not))
    return tuple(dict.fromkeys(name for term in kept for name in reads(term)))
