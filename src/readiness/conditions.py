"""The condition language of stage gates, rule `when` and initiative `done_when`.

A condition reads like `data.inventory < 2 and infrastructure.level >= 3`. It is parsed once,
when its framework loads, into a small typed syntax tree; everything asked of a condition is a
function of that tree: whether it holds (`Condition.evaluate`), the facts it reads (`reads`),
its top-level `and` terms (`terms`), the threshold each term sets on a fact (`term_bound`,
`bounds`) and how to say it in words (`say`). Nothing is ever passed to Python's eval.

The language itself (grammar, types, limits) is in `readiness.condition_syntax`.

How the tree is compiled to one function of the facts, in three-valued logic, is in
`readiness.condition_evaluation`; `Condition` compiles its tree with it and decides what that
logic leaves open.

Missing facts: a question left unanswered or answered n/a has no value. A condition that reads
one is decided without it when three-valued logic settles it (`x < 2 or y < 2` with y = 1) or
when every value the fact could take gives the same result; otherwise it is undetermined (None)
and the caller reports which answers would decide it. A missing value never counts as 0.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import NamedTuple

from readiness.condition_evaluation import FLIPPED, UNKNOWN, Evaluator, FactValue, compile_tree
from readiness.condition_syntax import (
    Arithmetic,
    Compare,
    ConditionError,
    Fact,
    Kind,
    Logic,
    Node,
    Not,
    Value,
    parse_condition,
)
from readiness.model import Scale

__all__ = ["ConditionError", "FactValue", "Kind", "Node"]

MAX_MISSING = 3
"""Missing numeric facts beyond which no candidate values are tried."""


class Bound(NamedTuple):
    """The threshold a term sets on a fact: `fact op value`, e.g. (`data.score`, `>=`, 2.0)."""

    fact: str
    op: str
    value: float


# --- facts --------------------------------------------------------------------------------------

DIMENSION_FACTS = ("score", "level", "percent", "coverage")
OVERALL_FACTS = ("score", "level", "percent")


@dataclass(frozen=True)
class FactSpace:
    """Every name a condition may read, with its kind and the values it can take when missing,
    and the framework's own conditions parsed against it (by text, terms included)."""

    kinds: Mapping[str, Kind]
    candidates: Mapping[str, tuple[float, ...]] = field(repr=False)
    conditions: Mapping[str, Condition] = field(default_factory=dict, repr=False, compare=False)


def build_fact_space(
    scale: Scale, dimension_questions: Mapping[str, Sequence[str]], *, include_stage: bool = True
) -> FactSpace:
    """The typed names of a framework: questions, dimension and overall scores, organization.

    Stage gates are checked without `stage`, since the stage is what gates decide.
    """
    points = scale.points()
    halves = tuple(sorted({*points, *((a + b) / 2 for a, b in itertools.pairwise(points))}))
    span = scale.max - scale.min
    percents = tuple((p - scale.min) / span * 100 for p in halves)
    kinds: dict[str, Kind] = {}
    candidates: dict[str, tuple[float, ...]] = {}
    for dimension_id, question_ids in dimension_questions.items():
        for question_id in question_ids:
            kinds[f"{dimension_id}.{question_id}"] = "number"
            candidates[f"{dimension_id}.{question_id}"] = halves
        # Sum aggregates can exceed the scale: a sum of n questions ranges over n times it.
        factor = max(1, len(question_ids))
        score_range = tuple(sorted({*halves, *(h * factor for h in halves)}))
        for name, values in (
            ("score", score_range),
            ("level", score_range),
            ("percent", percents),
            ("coverage", (0.0, 0.5, 1.0)),
        ):
            kinds[f"{dimension_id}.{name}"] = "number"
            candidates[f"{dimension_id}.{name}"] = values
    for name in OVERALL_FACTS:
        kinds[f"overall.{name}"] = "number"
        candidates[f"overall.{name}"] = percents if name == "percent" else halves
    kinds["organization.size"] = "number"
    candidates["organization.size"] = (1, 50, 250, 1000, 5000, 20000, 100000)
    kinds["organization.industry"] = "text"
    if include_stage:
        kinds["stage"] = "text"
    return FactSpace(kinds, candidates)


def with_conditions(space: FactSpace, texts: Iterable[str]) -> FactSpace:
    """The space holding these conditions parsed, and each of their terms as `write` gives it;
    a text that does not parse is left out (loading reports it)."""
    table: dict[str, Condition] = {}
    for text in texts:
        try:
            condition = compile_condition(text, space)
        except ConditionError:
            continue
        table[text] = condition
        for term in condition.terms():
            table.setdefault(term.text, term)
    return replace(space, conditions=table)


# --- questions asked of a tree ------------------------------------------------------------------


def reads(node: Node) -> tuple[str, ...]:
    """The facts a condition reads, each once, in the order they are written."""
    found: dict[str, None] = {}
    _collect_facts(node, found)
    return tuple(found)


def _collect_facts(node: Node, found: dict[str, None]) -> None:
    # Recursion is bounded: the parser refuses trees deeper than MAX_DEPTH.
    if isinstance(node, Fact):
        found[node.name] = None
    elif isinstance(node, Compare | Arithmetic):
        _collect_facts(node.left, found)
        _collect_facts(node.right, found)
    elif isinstance(node, Logic):
        for operand in node.operands:
            _collect_facts(operand, found)
    elif isinstance(node, Not):
        _collect_facts(node.operand, found)


def terms(node: Node) -> tuple[Node, ...]:
    """The top-level `and` terms of a condition; a condition that is not a conjunction (a
    top-level `or`, say) is its one term: splitting it would change its meaning."""
    if isinstance(node, Logic) and node.op == "and":
        return node.operands
    return (node,)


def term_bound(term: Node) -> Bound | None:
    """The threshold a term sets on a fact, written either way round (`2 <= x` is `x >= 2`);
    None when the term is not a fact compared with a number."""
    if not isinstance(term, Compare) or term.op == "in":
        return None
    left, right = term.left, term.right
    if isinstance(left, Fact) and isinstance(right, Value) and type(right.value) is float:
        return Bound(left.name, term.op, right.value)
    if isinstance(right, Fact) and isinstance(left, Value) and type(left.value) is float:
        return Bound(right.name, FLIPPED[term.op], left.value)
    return None


def bounds(node: Node) -> tuple[Bound, ...]:
    """The thresholds a condition sets on facts: one for each top-level term that compares a fact
    with a number (the other terms set none)."""
    found = (term_bound(term) for term in terms(node))
    return tuple(bound for bound in found if bound is not None)


class Wording(NamedTuple):
    """How to say the parts of a condition: a fact, a value of a fact, an operator."""

    fact: Callable[[str], str]
    """A fact name in words, e.g. `data.inventory` -> `Data foundations: inventory`."""
    value: Callable[[str | None, float | str], str]
    """A value in words, given the fact it is compared with (None when none is)."""
    operators: Mapping[str, str]
    """Comparison signs in words, e.g. `>=` -> `at least`; a sign not listed stays as it is."""


_PRECEDENCE = {"or": 1, "and": 2, "not": 3, "==": 4, "!=": 4, "cmp": 5, "+": 6, "-": 6}
_PRECEDENCE |= {"*": 7, "/": 7, "neg": 8}


def _precedence(node: Node) -> int:
    if isinstance(node, Logic):
        return _PRECEDENCE[node.op]
    if isinstance(node, Not):
        return _PRECEDENCE["not"]
    if isinstance(node, Compare):
        return _PRECEDENCE.get(node.op, _PRECEDENCE["cmp"])
    if isinstance(node, Arithmetic):
        return _PRECEDENCE[node.op]
    return 9


def say(node: Node, wording: Wording, subject: str | None = None) -> str:
    """A condition in words, parenthesized only where the meaning needs it: `data.inventory >= 2
    and stage == "pilot"` -> `Data foundations: inventory at least 2 (Repeatable) and stage is
    pilot`, as the wording spells facts, values and operators."""
    if isinstance(node, Fact):
        return wording.fact(node.name)
    if isinstance(node, Value):
        if isinstance(node.value, bool):
            return "true" if node.value else "false"
        return wording.value(subject, node.value)
    if isinstance(node, Compare | Arithmetic):
        if node.op == "neg":
            return "-" + _operand(node.right, _PRECEDENCE["neg"], wording, None)
        level = _precedence(node) + 1
        left, right = node.left, node.right
        fact = (
            left.name if isinstance(left, Fact) else right.name if isinstance(right, Fact) else None
        )
        if isinstance(node, Compare):
            sign, left_floor = wording.operators.get(node.op, node.op), level
        else:
            sign, left_floor = node.op, level - 1
        return (
            f"{_operand(left, left_floor, wording, fact)} {sign} "
            f"{_operand(right, level, wording, fact)}"
        )
    if isinstance(node, Logic):
        # `and` inside `or` is parenthesized too: readers should not need the precedence.
        level = _PRECEDENCE["not"]
        joint = f" {wording.operators.get(node.op, node.op)} "
        return joint.join(_operand(operand, level, wording, None) for operand in node.operands)
    if isinstance(node, Not):
        operand = _operand(node.operand, _PRECEDENCE["not"], wording, None)
        return wording.operators.get("not", "not") + " " + operand
    return "[" + ", ".join(wording.value(subject, item) for item in node.values) + "]"


def _operand(child: Node, floor: int, wording: Wording, subject: str | None) -> str:
    """An operand in words, parenthesized when it binds more loosely than `floor`."""
    text = say(child, wording, subject)
    return f"({text})" if _precedence(child) < floor else text


def write(node: Node) -> str:
    """The condition as text again, in the language (a term of a gate, say)."""
    return say(node, _AS_WRITTEN)


def _literal_text(_fact: str | None, value: float | str) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return format(value, "g") if value != int(value) else str(int(value))


_AS_WRITTEN = Wording(str, _literal_text, MappingProxyType({}))
"""How `write` spells a condition: as the language writes it."""


@dataclass(frozen=True)
class Condition:
    """A parsed condition: its text, its tree, the facts it reads, and the fact space it was
    checked against (for the values a missing fact can take)."""

    text: str
    tree: Node
    reads: tuple[str, ...]
    space: FactSpace = field(repr=False, compare=False)
    parts: tuple[Condition, ...] = field(default=(), repr=False, compare=False)
    """The top-level `and` terms, parsed with it; empty when the condition is one term."""

    @functools.cached_property
    def run(self) -> Evaluator:
        """The tree compiled (`compile_tree`) when the condition is first evaluated: most of a
        framework's conditions are never evaluated by a command that only scores."""
        return compile_tree(self.tree)

    def evaluate(self, facts: Mapping[str, FactValue]) -> bool | None:
        """True or False; None when missing facts leave the result undetermined."""
        outcome = self.run(facts)
        if outcome is not UNKNOWN:
            return bool(outcome)
        missing = self.missing(facts)
        if len(missing) == len(self.reads):
            # The result depends only on the facts read, and none has a value.
            return self.unread
        return self._decide(facts, missing)

    @functools.cached_property
    def unread(self) -> bool | None:
        """The condition evaluated without any fact it reads: decided once, when it is first
        asked with all of them missing (an unanswered question, say)."""
        outcome = self.run({})
        return bool(outcome) if outcome is not UNKNOWN else self._decide({}, self.reads)

    def _decide(self, facts: Mapping[str, FactValue], missing: tuple[str, ...]) -> bool | None:
        """Three-valued logic did not settle the condition on these facts: the one result every
        value the missing facts can take gives, else None."""
        space = self.space
        if len(missing) > MAX_MISSING or "text" in map(space.kinds.__getitem__, missing):
            return None
        choices = [space.candidates[name] for name in missing]
        # One set of facts for every trial: each sets every missing fact, and the tree only
        # reads the facts it is given.
        trial = {name: facts.get(name) for name in self.reads}
        run = self.run
        first: bool | None = None
        # The corners first (each missing fact at its lowest and highest candidate): most
        # conditions are thresholds, for which two corners already disagree when anything does.
        corners = itertools.product(*[(c[0], c[-1]) for c in choices])
        for combo in itertools.chain(corners, itertools.product(*choices)):
            trial.update(zip(missing, map(float, combo), strict=True))
            outcome = bool(run(trial))
            if first is None:
                first = outcome
            elif outcome is not first:
                return None
        return first

    def missing(self, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        """The facts this condition reads that have no value."""
        return tuple(name for name in self.reads if facts.get(name) is None)

    def terms(self) -> tuple[Condition, ...]:
        """The top-level `and` terms, each a condition of its own (see `terms`)."""
        return self.parts or (self,)


def compile_condition(text: str, space: FactSpace) -> Condition:
    """Parse and check a condition against a fact space, or raise `ConditionError` saying why;
    a condition of the framework (or a term of one) is found already parsed."""
    known = space.conditions.get(text)
    if known is not None:
        return known
    tree = parse_condition(text, space.kinds)
    parts = terms(tree)
    if len(parts) == 1:
        return Condition(text, tree, reads(tree), space)
    split = tuple(Condition(write(part), part, reads(part), space) for part in parts)
    return Condition(text, tree, reads(tree), space, split)
