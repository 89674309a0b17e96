"""Conditions: the text expressions of stage gates, rule `when` and initiative `done_when`.

Expressions read like `data.inventory < 2 and infrastructure.level >= 3`. They are compiled with
rule-engine against a typed context built from the framework, so an unknown name or a type
mismatch is a load error with a suggestion, never a silent false at run time. Nothing is ever
passed to Python's eval.

Missing facts: a question left unanswered or answered n/a has no value. A condition that reads
one is decided without it when every value the fact could take gives the same result (`x < 2 or
y < 2` with y = 1 holds whatever x is); otherwise it is *undetermined* and the caller reports
which answers would decide it. A missing value never counts as 0.
"""

from __future__ import annotations

import decimal
import difflib
import functools
import itertools
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from readiness.cache import per_framework
from readiness.model import Framework, Manifest

Kind = Literal["number", "text"]
FactValue = float | str | None

DIMENSION_FACTS = ("score", "level", "percent", "coverage")
OVERALL_FACTS = ("score", "level", "percent")

_STRING = re.compile(r""""(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'""")
_DOTTED = re.compile(r"\b([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\b")
_IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
_FORBIDDEN = (
    ("=~", "regular-expression operators (=~, =~~, !~, !~~) are not allowed"),
    ("!~", "regular-expression operators (=~, =~~, !~, !~~) are not allowed"),
    (
        "$",
        "built-in symbols ($now, $today, ...) are not allowed: results must not depend on the clock",
    ),
    ("#", "comments are not allowed inside a condition"),
)


class ConditionError(ValueError):
    """A condition that does not compile; `suggestion` is the closest known name, if any."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


@dataclass(frozen=True)
class FactSpace:
    """Every name a condition may read, with its kind and the values it can take when missing."""

    kinds: Mapping[str, Kind]
    candidates: Mapping[str, tuple[float, ...]] = field(repr=False)

    @functools.cached_property
    def _key(self) -> tuple[tuple[str, Kind], ...]:
        return tuple(sorted(self.kinds.items()))

    def key(self) -> tuple[tuple[str, Kind], ...]:
        """The names and kinds, sorted: compiled conditions are cached per key."""
        return self._key

    @functools.cached_property
    def _compile(self) -> Callable[[str, FactSpace], Condition]:
        # Looked up once per space: hashing the whole key on every compile cost more than
        # evaluating the condition.
        compiler: Callable[[str, FactSpace], Condition] = _compiler(self._key)
        return compiler


def build_fact_space(
    manifest: Manifest, dimension_questions: Mapping[str, list[str]], *, include_stage: bool = True
) -> FactSpace:
    """The typed names of a framework: questions, dimension and overall scores, organization.

    Stage gates are compiled without `stage`, since the stage is what gates decide.
    """
    scale = manifest.scale
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


def fact_space_for(framework: Framework, *, include_stage: bool = True) -> FactSpace:
    """The fact space of a loaded framework (remembered per framework object: scoring, rules
    and planning ask for it once per assessment and per simulated re-score)."""
    return _fact_spaces(framework)[include_stage]


@per_framework
def _fact_spaces(framework: Framework) -> dict[bool, FactSpace]:
    questions = {d.id: [q.id for q in d.questions] for d in framework.dimensions}
    return {
        stage: build_fact_space(framework.manifest, questions, include_stage=stage)
        for stage in (True, False)
    }


@dataclass(frozen=True)
class Condition:
    """A compiled condition: its text, the facts it reads, and the compiled rule."""

    text: str
    reads: tuple[str, ...]
    space: FactSpace = field(repr=False, compare=False)
    _rule: Any = field(repr=False, compare=False)
    _fast: Callable[[Mapping[str, Any]], Any] | None = field(
        default=None, repr=False, compare=False
    )

    def evaluate(self, facts: Mapping[str, FactValue]) -> bool | None:
        """True or False; None when missing facts leave the result undetermined."""
        fast = self._fast
        if fast is not None:
            # Straight on the facts, in three-valued logic (a missing fact reads as UNKNOWN):
            # an answer reached this way holds whatever values the missing facts take, so
            # trying candidates would agree. Most conditions end here.
            outcome = fast(facts)
            if outcome is not UNKNOWN:
                return bool(outcome)
        known: dict[str, Any] = {}
        missing: list[str] = []
        for name in self.reads:
            value = facts.get(name)
            if value is None:
                missing.append(name)
            else:
                known[name] = float(value) if type(value) is int else value
        if not missing:
            return self._matches(known)
        if any(self.space.kinds[name] == "text" for name in missing) or len(missing) > 3:
            return None
        outcomes: set[bool] = set()
        choices = [self.space.candidates[name] for name in missing]
        # The corners first (each missing fact at its lowest and highest candidate): most
        # conditions are thresholds, for which two corners already disagree when anything does.
        corners = itertools.product(*((c[0], c[-1]) for c in choices))
        for combo in itertools.chain(corners, itertools.product(*choices)):
            trial = dict(known)
            trial.update(zip(missing, map(float, combo), strict=True))
            outcomes.add(self._matches(trial))
            if len(outcomes) > 1:
                return None
        return outcomes.pop()

    def _matches(self, values: Mapping[str, Any]) -> bool:
        # rule-engine resolves and type-checks every symbol on each call (about 15 µs a
        # symbol); the closures built from its checked syntax tree give the same answers in
        # well under a microsecond, which the roadmap's many gate checks need.
        if self._fast is not None:
            return bool(self._fast(values))
        return bool(self._rule.matches({_symbol(name): v for name, v in values.items()}))

    def missing(self, facts: Mapping[str, FactValue]) -> tuple[str, ...]:
        """The facts this condition reads that have no value."""
        return tuple(name for name in self.reads if facts.get(name) is None)


def compile_condition(text: str, space: FactSpace) -> Condition:
    """Compile an expression against a fact space, or raise `ConditionError` saying why."""
    return space._compile(text, space)


def _symbol(name: str) -> str:
    return name.replace(".", "__")


def _name(symbol: str) -> str:
    return symbol.replace("__", ".")


def _outside_strings(text: str) -> list[tuple[bool, str]]:
    parts: list[tuple[bool, str]] = []
    position = 0
    for match in _STRING.finditer(text):
        parts.append((False, text[position : match.start()]))
        parts.append((True, match.group(0)))
        position = match.end()
    parts.append((False, text[position:]))
    return parts


def _translate(text: str, kinds: Mapping[str, Kind]) -> tuple[str, tuple[str, ...]]:
    """Rewrite dotted names to rule-engine symbols and list the known facts read."""
    out: list[str] = []
    reads: list[str] = []
    for quoted, part in _outside_strings(text):
        if quoted:
            out.append(part)
            continue
        for token, message in _FORBIDDEN:
            if token in part:
                raise ConditionError(message)
        if "__" in part:
            raise ConditionError("names must not contain '__'")
        part = _DOTTED.sub(lambda m: f"{m.group(1)}__{m.group(2)}", part)
        for ident in _IDENT.findall(part):
            name = _name(ident)
            if name in kinds and name not in reads:
                reads.append(name)
        out.append(part)
    return "".join(out), tuple(reads)


@lru_cache(maxsize=16)
def _compiler(key: tuple[tuple[str, Kind], ...]) -> Any:
    kinds = dict(key)
    cache: dict[str, Condition] = {}
    engine: list[Any] = []  # rule-engine's typed context, built on first need

    def compile_text(text: str, space: FactSpace) -> Condition:
        if text in cache:
            return cache[text]
        translated, reads = _translate(text, kinds)
        fast = _parse_plain(text, kinds)
        if fast is not None:
            condition = Condition(text, reads, space, None, fast)
        else:
            if not engine:
                engine.append(_rule_engine_context(kinds))
            condition = _compile_with_rule_engine(text, translated, reads, space, engine[0])
        cache[text] = condition
        return condition

    return compile_text


def _rule_engine_context(kinds: Mapping[str, Kind]) -> Any:
    import rule_engine
    from rule_engine import types as rule_types

    types = {
        _symbol(name): rule_types.DataType.FLOAT if kind == "number" else rule_types.DataType.STRING
        for name, kind in kinds.items()
    }
    return rule_engine.Context(type_resolver=rule_engine.type_resolver_from_dict(types))


def _compile_with_rule_engine(
    text: str, translated: str, reads: tuple[str, ...], space: FactSpace, context: Any
) -> Condition:
    """Compile with rule-engine: the reference for what conditions mean, and the source of
    every compile error message (with a suggestion for an unknown name)."""
    import rule_engine
    from rule_engine import types as rule_types

    try:
        rule = rule_engine.Rule(translated, context=context)
    except rule_engine.errors.SymbolResolutionError as error:
        unknown = _name(error.symbol_name)
        suggestion = _suggest(unknown, space.kinds)
        message = f"unknown name '{unknown}'"
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        raise ConditionError(message, suggestion) from None
    except rule_engine.errors.RuleSyntaxError as error:
        where = error.message.replace("syntax error at: ", "near ")
        raise ConditionError(f"condition does not parse: syntax error {where}") from None
    except rule_engine.errors.EngineError as error:
        raise ConditionError(f"condition is not valid: {_readable(error)}") from None
    _check_types(rule.statement.expression)
    if rule.statement.expression.result_type != rule_types.DataType.BOOLEAN:
        raise ConditionError("condition must be true or false, e.g. `data.score >= 2`")
    return Condition(text, reads, space, rule, _closure(rule.statement.expression))


# --- plain conditions, without rule-engine ------------------------------------------------------
#
# Building rule-engine's parser tables costs about 0.3 s in every process that imports it,
# more than the rest of loading a framework. Conditions written in the plain subset below
# (facts, numbers, "texts", comparisons, `in` a [list] or a text, `not`, `and`, `or`,
# parentheses, true/false), with matching types on both sides, are parsed here into the same
# evaluators. Anything else, and every mistake, goes to rule-engine, which decides what it means
# and words the error. The tests hold the two to the same answers.

_PLAIN_TOKEN = re.compile(
    r"""\s*(?:(?P<number>\d+(?:\.\d+)?(?![\w.]))|(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?(?![\w.'"]))"""
    r"""|(?P<text>"[^"\\\n]*"|'[^'\\\n]*')(?![\w'"])|(?P<op><=|>=|==|!=|<|>|\(|\)|\[|\]|,))"""
)
_RESERVED = frozenset(
    {"and", "or", "not", "in", "true", "false", "null", "inf", "nan", "for", "if"}
)
_RESERVED |= {"elif", "else", "while"}
_Typed = tuple[str, Any]  # (kind, evaluator or constant), kind: number, text, bool, list:<kind>


class _Unsupported(Exception):
    """The condition is outside the plain subset, or wrong: rule-engine takes it."""


def _parse_plain(text: str, kinds: Mapping[str, Kind]) -> Evaluator | None:
    """An evaluator for a condition in the plain subset, or None to leave it to rule-engine."""
    tokens: list[tuple[str, str]] = []
    position = 0
    stripped = text.rstrip()
    while position < len(stripped):
        match = _PLAIN_TOKEN.match(stripped, position)
        if match is None or match.end() == position:
            return None
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    parser = _PlainParser(tokens, kinds)
    try:
        typed = parser.expression()
        if parser.position != len(tokens) or typed[0] != "bool":
            return None
    except _Unsupported:
        return None
    return _evaluator(typed)


class _PlainParser:
    """Recursive descent with rule-engine's precedence: or < and < not < == != < the rest."""

    def __init__(self, tokens: list[tuple[str, str]], kinds: Mapping[str, Kind]) -> None:
        self.tokens = tokens
        self.kinds = kinds
        self.position = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.position] if self.position < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end":
            raise _Unsupported
        self.position += 1
        return token

    def word(self, value: str) -> bool:
        if self.peek() == ("name", value):
            self.position += 1
            return True
        return False

    def expression(self) -> _Typed:
        return self.logic("or", self.conjunction)

    def conjunction(self) -> _Typed:
        return self.logic("and", self.negation)

    def logic(self, keyword: str, operand: Callable[[], _Typed]) -> _Typed:
        first = operand()
        operands = [first]
        while self.word(keyword):
            operands.append(operand())
        if len(operands) == 1:
            return first
        if any(kind != "bool" for kind, _ in operands):
            raise _Unsupported
        return "bool", _logic(keyword, [_evaluator(operand) for operand in operands])

    def negation(self) -> _Typed:
        if self.word("not"):
            operand = self.negation()
            if operand[0] != "bool":
                raise _Unsupported
            inner = _evaluator(operand)

            def negate(values: Mapping[str, Any]) -> Any:
                value = inner(values)
                return value if value is UNKNOWN else not value

            return "bool", negate
        return self.equality()

    def equality(self) -> _Typed:
        left = self.relation()
        token = self.peek()
        if token[0] != "op" or token[1] not in ("==", "!="):
            return left
        self.position += 1
        right = self.relation()
        if left[0] != right[0] or left[0] not in ("number", "text"):
            raise _Unsupported
        if self.peek()[1] in ("==", "!="):
            raise _Unsupported  # non-associative in rule-engine
        same = token[1] == "=="
        return "bool", _strict(lambda a, b: (a == b) is same, _evaluator(left), _evaluator(right))

    def relation(self) -> _Typed:
        left = self.operand()
        token = self.peek()
        if token == ("name", "in"):
            self.position += 1
            right = self.operand()
            if not (right[0] == f"list:{left[0]}" or right[0] == left[0] == "text"):
                raise _Unsupported
            result: _Typed = (
                "bool",
                _strict(lambda a, b: a in b, _evaluator(left), _evaluator(right)),
            )
        elif token[0] == "op" and token[1] in _ORDER_SIGNS:
            self.position += 1
            right = self.operand()
            if left[0] != "number" or right[0] != "number":
                raise _Unsupported
            compare = _ORDER_SIGNS[token[1]]
            if isinstance(left[1], _Fact) and isinstance(right[1], float):
                result = "bool", _fact_leaf(left[1].name, compare, right[1])
            else:
                result = "bool", _strict(compare, _evaluator(left), _evaluator(right))
        else:
            return left
        following = self.peek()
        if following == ("name", "in") or (following[0] == "op" and following[1] in _ORDER_SIGNS):
            raise _Unsupported  # rule-engine refuses a chain such as `1 < x < 3`
        return result

    def operand(self) -> _Typed:
        kind, value = self.take()
        if kind == "number":
            return "number", float(value)
        if kind == "text":
            return "text", value[1:-1]
        if kind == "name":
            if value in ("true", "false"):
                return "bool", value == "true"
            if value in _RESERVED or value not in self.kinds:
                raise _Unsupported
            return self.kinds[value], _Fact(value)
        if value == "(":
            inner = self.expression()
            if self.take() != ("op", ")"):
                raise _Unsupported
            return inner
        if value == "[":
            items = [self.operand()]
            while self.peek() == ("op", ","):
                self.position += 1
                items.append(self.operand())
            if self.take() != ("op", "]"):
                raise _Unsupported
            item_kinds = {k for k, _ in items}
            if len(item_kinds) != 1 or item_kinds & {"bool"} or any(callable(v) for _, v in items):
                raise _Unsupported
            return f"list:{item_kinds.pop()}", tuple(v for _, v in items)
        raise _Unsupported


_ORDER_SIGNS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class _Fact:
    """A fact read by name: UNKNOWN when the values do not hold it."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, values: Mapping[str, Any]) -> Any:
        value = values.get(self.name)
        return UNKNOWN if value is None else value


def _fact_leaf(name: str, compare: Callable[[Any, Any], Any], bound: float) -> Evaluator:
    """`data.inventory < 2`, the commonest leaf, in one closure."""

    def leaf(values: Mapping[str, Any]) -> Any:
        value = values.get(name)
        return UNKNOWN if value is None else compare(value, bound)

    return leaf


def _evaluator(typed: _Typed) -> Evaluator:
    """The evaluator of an operand: constants become functions of nothing."""
    value = typed[1]
    if callable(value):
        function: Evaluator = value
        return function
    return lambda _values: value


Evaluator = Callable[[Mapping[str, Any]], Any]


class _Unknown:
    """The value of a missing fact, and of whatever depends on it, in three-valued logic."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def _closure(node: Any) -> Evaluator | None:
    """A plain-Python evaluator equivalent to a checked rule-engine expression, or None when the
    expression uses something other than logic, comparisons, `in`, `not` and literals (such
    conditions are evaluated by rule-engine itself, so arithmetic keeps its decimal semantics).

    The evaluator reads fact values by fact name; a name absent from the mapping, or without a
    value (None), is UNKNOWN and
    the logic is three-valued (Kleene): `false and UNKNOWN` is false, `true or UNKNOWN` is true,
    anything else that reads UNKNOWN is UNKNOWN. Numbers compare as floats: rule-engine turns
    each float into the decimal of its shortest repr, which keeps order and equality, so the
    answers are the same.
    """
    kind = type(node).__name__
    if kind in ("FloatExpression", "StringExpression", "BooleanExpression"):
        value = _literal(node.value)
        return None if value is _UNSUPPORTED else (lambda _values: value)
    if kind == "ArrayExpression":
        items = tuple(_literal(getattr(item, "value", item)) for item in node.value)
        if any(item is _UNSUPPORTED for item in items):
            return None
        return lambda _values: items
    if kind == "SymbolExpression":
        if node.scope is not None:
            return None
        return _Fact(_name(node.name))
    if kind == "UnaryExpression" and node.type == "not":
        inner = _closure(node.right)
        if inner is None:
            return None

        def negate(values: Mapping[str, Any]) -> Any:
            value = inner(values)
            return value if value is UNKNOWN else not value

        return negate
    if kind == "ContainsExpression":
        member, container = _closure(node.member), _closure(node.container)
        if member is None or container is None:
            return None
        return _strict(lambda a, b: a in b, member, container)
    if kind == "LogicExpression":
        # `a and b and c` nests as ((a and b) and c): one closure over the flat operands
        # saves a call per level in long gates.
        operands = [_closure(operand) for operand in _chain(node, node.type)]
        if any(operand is None for operand in operands):
            return None
        return _logic(node.type, [o for o in operands if o is not None])
    if kind in ("ComparisonExpression", "ArithmeticComparisonExpression"):
        leaf = _fact_against_literal(node)
        if leaf is not None:
            return leaf
        left, right = _closure(node.left), _closure(node.right)
        if left is None or right is None:
            return None
        return _binary(node.type, left, right)
    return None


def _chain(node: Any, kind: str) -> list[Any]:
    """The operands of a run of the same logic operator, left to right."""
    if type(node).__name__ == "LogicExpression" and node.type == kind:
        return [*_chain(node.left, kind), *_chain(node.right, kind)]
    return [node]


def _logic(kind: str, operands: list[Evaluator]) -> Evaluator:
    """`and` / `or` over several operands, in three-valued logic; short-circuits like Python."""
    decisive = kind == "or"  # the operand value that decides the whole: true for or

    def combine(values: Mapping[str, Any]) -> Any:
        unknown = False
        for operand in operands:
            value = operand(values)
            if value is UNKNOWN:
                unknown = True
            elif bool(value) is decisive:
                return decisive
        return UNKNOWN if unknown else not decisive

    return combine


def _binary(kind: str, left: Evaluator, right: Evaluator) -> Evaluator | None:
    if kind in ("eq", "ne"):
        # rule-engine: values of different types are never equal
        same = kind == "eq"
        return _strict(lambda a, b: (_kind_of(a) is _kind_of(b) and a == b) is same, left, right)
    compare = _ORDER.get(kind)
    if compare is None:
        return None
    return _strict(compare, left, right)


def _kind_of(value: Any) -> type:
    """The type equality compares by: a whole number is a number like any other."""
    kind = type(value)
    return float if kind is int else kind


_ORDER = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def _fact_against_literal(node: Any) -> Evaluator | None:
    """`data.inventory < 2`, the commonest leaf, in one closure."""
    if (
        node.type not in _ORDER
        or type(node.left).__name__ != "SymbolExpression"
        or node.left.scope is not None
        or type(node.right).__name__ != "FloatExpression"
    ):
        return None
    return _fact_leaf(_name(node.left.name), _ORDER[node.type], float(node.right.value))


def _strict(operation: Callable[[Any, Any], Any], left: Evaluator, right: Evaluator) -> Evaluator:
    """An operation that is UNKNOWN when either operand is."""

    def apply(values: Mapping[str, Any]) -> Any:
        a, b = left(values), right(values)
        if a is UNKNOWN or b is UNKNOWN:
            return UNKNOWN
        return operation(a, b)

    return apply


_UNSUPPORTED = object()


def _literal(value: Any) -> Any:
    if value is UNKNOWN or isinstance(value, bool | str):
        return value
    if isinstance(value, int | float | decimal.Decimal):
        return float(value)
    return _UNSUPPORTED


def _readable(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error)
    return _name(str(message))


def _check_types(node: Any) -> None:
    """Refuse equality between a number and a text, which rule-engine lets through as False."""
    from rule_engine import types as rule_types

    left, right = getattr(node, "left", None), getattr(node, "right", None)
    if left is not None and right is not None and type(node).__name__ == "ComparisonExpression":
        kinds = {left.result_type, right.result_type}
        if rule_types.DataType.FLOAT in kinds and rule_types.DataType.STRING in kinds:
            raise ConditionError("a number is compared with a text; compare numbers with numbers")
    for child_name in (
        "left",
        "right",
        "expression",
        "container",
        "member",
        "condition",
        "case_true",
        "case_false",
    ):
        child = getattr(node, child_name, None)
        if child is not None and hasattr(child, "result_type"):
            _check_types(child)


def _suggest(unknown: str, kinds: Mapping[str, Kind]) -> str | None:
    matches = difflib.get_close_matches(unknown, list(kinds), n=1, cutoff=0.6)
    return matches[0] if matches else None
