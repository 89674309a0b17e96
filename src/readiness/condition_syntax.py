"""The syntax of conditions: their tokens, their typed tree, and the parser that builds it.

The language, loosest binding first:

    condition  := conjunct ("or" conjunct)*
    conjunct   := negation ("and" negation)*
    negation   := "not" negation | equality
    equality   := relation [("==" | "!=") relation]
    relation   := sum [("<" | "<=" | ">" | ">=" | "in") sum]
    sum        := product (("+" | "-") product)*
    product    := signed (("*" | "/") signed)*
    signed     := "-" signed | atom
    atom       := number | "text" | 'text' | true | false | fact | "(" condition ")"
                | "[" literal ("," literal)* "]"

Comparisons do not chain (`1 < x < 3` is refused). Types are checked at load: numbers compare
with numbers, texts with texts, `in` tests a number or text in a list of the same kind (or a text
in a text), `and` / `or` / `not` join true/false values, and the whole is true or false. An
unknown fact is a load error with the closest known name. Arithmetic is total: `+ - *` on numbers,
`/` only by a number other than 0 (so no division by zero), no `%` and no `**`; it is worked out in
exact decimals. Nesting deeper than `MAX_DEPTH` is a load error, never a RecursionError.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Mapping
from typing import Literal, NamedTuple

Kind = Literal["number", "text"]

MAX_DEPTH = 32
"""The deepest nesting of operations a condition may have."""


class ConditionError(ValueError):
    """A condition that does not parse or check; `suggestion` is the closest known name, if any."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


# --- the tree -----------------------------------------------------------------------------------


class Value(NamedTuple):
    """A number (float), a text or true/false written in the condition."""

    value: float | str | bool


class Items(NamedTuple):
    """A list literal `[1, 2]` or `["Retail", "Banking"]`."""

    values: tuple[float | str, ...]


class Fact(NamedTuple):
    """A fact read by name, e.g. `data.inventory`."""

    name: str


class Not(NamedTuple):
    """`not operand`."""

    operand: Node


class Logic(NamedTuple):
    """`and` or `or` over two or more operands, flattened."""

    op: Literal["and", "or"]
    operands: tuple[Node, ...]


class Compare(NamedTuple):
    """`left op right` with op one of < <= > >= == != in."""

    op: str
    left: Node
    right: Node


class Arithmetic(NamedTuple):
    """`left op right` with op one of + - * /, or `-right` (op `neg`, left unused: 0)."""

    op: str
    left: Node
    right: Node


Node = Value | Items | Fact | Not | Logic | Compare | Arithmetic


# --- parsing ------------------------------------------------------------------------------------

# One pattern for every token, after any whitespace; `bad` takes any other character, so that
# the matches cover the text and a syntax error is found where it is.
_TOKEN = re.compile(
    r"""\s*(?:(?P<number>(?:0|[1-9]\d*)(?:\.\d+)?(?![\w.]))"""
    r"""|(?P<name>[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?(?![\w.]))"""
    r"""|(?P<text>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')"""
    r"""|(?P<op>\*\*|<=|>=|==|!=|=~~|=~|!~~|!~|[-+*/%<>()\[\],$#=!^&|~])"""
    r"""|(?P<bad>\S))"""
)
_REGEX_REFUSED = "regular-expression operators (=~, =~~, !~, !~~) are not allowed"
_ARITHMETIC_REFUSED = (
    "`%` and `**` are not part of the condition language (allowed: + - * and / by a number "
    "other than 0)"
)
_REFUSED_OPS = {
    **dict.fromkeys(("=~", "=~~", "!~", "!~~"), _REGEX_REFUSED),
    "$": "built-in symbols ($now, $today, ...) are not allowed: results must not depend on the clock",
    "#": "comments are not allowed inside a condition",
    **dict.fromkeys(("%", "**"), _ARITHMETIC_REFUSED),
}
_KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
_RESERVED = frozenset({"null", "inf", "nan", "for", "if", "elif", "else", "while"})
_ORDER = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_BOOL_NEEDED = "condition must be true or false, e.g. `data.score >= 2`"
_END = ("end", "")

# How tightly each operator binds, loosest first, as in the grammar above: an operand of an
# operator of level L is parsed at level L + 1, which takes only operators binding tighter.
_OR, _AND, _NOT, _EQUALITY, _RELATION, _SUM, _PRODUCT, _SIGN = range(1, 9)
_INFIX = {
    ("name", "or"): _OR,
    ("name", "and"): _AND,
    **dict.fromkeys((("op", "=="), ("op", "!=")), _EQUALITY),
    **dict.fromkeys((("name", "in"), *(("op", op) for op in _ORDER)), _RELATION),
    **dict.fromkeys((("op", "+"), ("op", "-")), _SUM),
    **dict.fromkeys((("op", "*"), ("op", "/")), _PRODUCT),
}


def _tokens(text: str) -> list[tuple[str, str]]:
    """The tokens of a condition as (kind, text), ending with `_END`."""
    tokens: list[tuple[str, str]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        value = match[kind]
        if kind == "op":
            message = _REFUSED_OPS.get(value)
            if message:
                raise ConditionError(message)
        elif kind == "name":
            if "__" in value:
                raise ConditionError("names must not contain '__'")
        elif kind == "bad":
            near = text[match.start(kind) :].strip()[:20]
            raise ConditionError(f"condition does not parse: syntax error near '{near}'")
        tokens.append((kind, value))
    tokens.append(_END)
    return tokens


_Typed = tuple[str, Node, int]  # (kind: number, text, bool, list:number, list:text), tree, depth


class _Parser:
    """Precedence climbing over the tokens: one call per operand, each operator joining the
    operands on either side as soon as both are read, checking kinds and depth as it builds."""

    def __init__(self, tokens: list[tuple[str, str]], kinds: Mapping[str, Kind] | None) -> None:
        self.tokens = tokens
        self.kinds = kinds
        self.checked = kinds is not None  # without kinds: the syntax only
        self.position = 0
        self.nesting = 0  # parentheses, `not` and `-` open around the current token

    def enter(self) -> None:
        """One level deeper, refused beyond MAX_DEPTH before the recursion goes there."""
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise ConditionError(f"condition nests deeper than {MAX_DEPTH} levels")

    def fail(self) -> ConditionError:
        token = self.tokens[self.position]
        if token is _END:
            return ConditionError("condition does not parse: syntax error near EOF")
        return ConditionError(f"condition does not parse: syntax error near '{token[1]}'")

    def take(self) -> tuple[str, str]:
        token = self.tokens[self.position]
        if token is _END:
            raise self.fail()
        self.position += 1
        return token

    def accept(self, token: tuple[str, str]) -> bool:
        if self.tokens[self.position] == token:
            self.position += 1
            return True
        return False

    def expression(self, level: int) -> _Typed:
        """The operand at this position with every operator of `level` or tighter after it."""
        token = self.tokens[self.position]
        if token == ("name", "not") and level <= _NOT:
            self.position += 1
            self.enter()
            inner = self.expression(_NOT)
            self.nesting -= 1
            if self.checked and inner[0] != "bool":
                raise ConditionError("`not` applies to a condition that is true or false")
            left: _Typed = "bool", Not(inner[1]), _deeper(inner)
        elif token == ("op", "-"):
            self.position += 1
            self.enter()
            inner = self.expression(_SIGN)
            self.nesting -= 1
            if self.checked and inner[0] != "number":
                raise ConditionError("`-` works on numbers only")
            if isinstance(inner[1], Value) and isinstance(inner[1].value, float):
                left = "number", Value(-inner[1].value), inner[2]
            else:
                left = "number", Arithmetic("neg", Value(0.0), inner[1]), _deeper(inner)
        else:
            left = self.atom()
        while True:
            token = self.tokens[self.position]
            found = _INFIX.get(token)
            if found is None or found < level:
                return left
            if found <= _AND:
                left = self.logic(left, token, found)
                continue
            self.position += 1
            right = self.expression(found + 1)
            op = token[1]
            if found >= _SUM:
                left = self.arithmetic(op, left, right)
                continue
            if found == _EQUALITY:
                self.check_equality(op, left, right)
            else:
                self.check_relation(op, left, right)
            if _INFIX.get(self.tokens[self.position]) == found:
                raise self.fail()  # comparisons do not chain: `1 < x < 3`
            left = "bool", Compare(op, left[1], right[1]), _deeper(left, right)

    def logic(self, first: _Typed, keyword: tuple[str, str], level: int) -> _Typed:
        """`first and ...` or `first or ...`: every operand read, then checked and flattened."""
        parts = [first]
        while self.accept(keyword):
            parts.append(self.expression(level + 1))
        op: Literal["and", "or"] = "and" if level == _AND else "or"
        if self.checked and any(kind != "bool" for kind, _, _ in parts):
            raise ConditionError(f"`{op}` joins conditions that are true or false")
        flat: list[Node] = []
        for _, node, _ in parts:
            flat.extend(node.operands if isinstance(node, Logic) and node.op == op else [node])
        return "bool", Logic(op, tuple(flat)), _deeper(*parts)

    def check_equality(self, op: str, left: _Typed, right: _Typed) -> None:
        if self.checked and {left[0], right[0]} == {"number", "text"}:
            raise ConditionError("a number is compared with a text; compare numbers with numbers")
        if self.checked and (left[0] != right[0] or left[0].startswith("list")):
            raise ConditionError(f"`{op}` compares two numbers, two texts or two conditions")

    def check_relation(self, op: str, left: _Typed, right: _Typed) -> None:
        if not self.checked:
            return
        if op == "in":
            if not (right[0] == f"list:{left[0]}" or right[0] == left[0] == "text"):
                raise ConditionError("`in` tests a number or a text in a list of the same kind")
        elif left[0] != "number" or right[0] != "number":
            if "text" in (left[0], right[0]) and "number" in (left[0], right[0]):
                raise ConditionError(
                    "a number is compared with a text; compare numbers with numbers"
                )
            raise ConditionError(f"`{op}` compares two numbers")

    def arithmetic(self, op: str, left: _Typed, right: _Typed) -> _Typed:
        if self.checked and (left[0] != "number" or right[0] != "number"):
            raise ConditionError(f"`{op}` works on numbers only")
        if op == "/" and not (isinstance(right[1], Value) and right[1].value != 0):
            raise ConditionError("`/` divides by a number written in the condition, other than 0")
        return "number", Arithmetic(op, left[1], right[1]), _deeper(left, right)

    def atom(self) -> _Typed:
        kind, value = self.take()
        if kind == "name":
            if value in ("true", "false"):
                return "bool", Value(value == "true"), 1
            if value in _KEYWORDS or value in _RESERVED:
                self.position -= 1
                raise self.fail()
            if self.kinds is None:
                return "any", Fact(value), 1
            found = self.kinds.get(value)
            if found is None:
                suggestion = _suggest(value, self.kinds)
                message = f"unknown name '{value}'"
                if suggestion:
                    message += f" (did you mean '{suggestion}'?)"
                raise ConditionError(message, suggestion)
            return found, Fact(value), 1
        if kind == "number":
            return "number", Value(_number(value)), 1
        if kind == "text":
            return "text", Value(_unquote(value)), 1
        if value == "(":
            self.enter()
            inner = self.expression(_OR)
            self.nesting -= 1
            if self.take() != ("op", ")"):
                self.position -= 1
                raise self.fail()
            return inner[0], inner[1], _deeper(inner)
        if value == "[":
            items = [self.list_item()]
            while self.accept(("op", ",")):
                items.append(self.list_item())
            if self.take() != ("op", "]"):
                self.position -= 1
                raise self.fail()
            item_kinds = {type(item) for item in items}
            if len(item_kinds) != 1:
                raise ConditionError("a list holds numbers only or texts only")
            return f"list:{'text' if str in item_kinds else 'number'}", Items(tuple(items)), 1
        self.position -= 1
        raise self.fail()

    def list_item(self) -> float | str:
        negative = self.accept(("op", "-"))
        kind, value = self.take()
        if kind == "number":
            return -_number(value) if negative else _number(value)
        if kind == "text" and not negative:
            return _unquote(value)
        self.position -= 1
        raise ConditionError("a list holds numbers or texts written in the condition")


def _number(text: str) -> float:
    """A number written in a condition; `ConditionError` when it is too large to compare
    (it would read as infinity)."""
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else f"{text[:12]}... ({len(text)} characters)"
        raise ConditionError(f"the number {shown} is too large")
    return value


def _deeper(*parts: _Typed) -> int:
    depth = 1 + max(part[2] for part in parts)
    if depth > MAX_DEPTH:
        raise ConditionError(f"condition nests deeper than {MAX_DEPTH} levels")
    return depth


def _unquote(token: str) -> str:
    inner = token[1:-1]
    return re.sub(r"\\(.)", r"\1", inner) if "\\" in inner else inner


def _suggest(unknown: str, kinds: Mapping[str, Kind]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(unknown, list(kinds), n=1, cutoff=0.6)
    return matches[0] if matches else None


def parse_condition(text: str, kinds: Mapping[str, Kind] | None) -> Node:
    """The syntax tree of a condition over facts of these kinds, or `ConditionError` saying why.

    Without kinds (None), only the syntax is checked: any name is a fact, of any kind.
    """
    parser = _Parser(_tokens(text), kinds)
    kind, tree, _ = parser.expression(_OR)
    if parser.tokens[parser.position] is not _END:
        raise parser.fail()
    if kind not in ("bool", "any"):
        raise ConditionError(_BOOL_NEEDED)
    return tree
