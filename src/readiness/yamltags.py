"""The tags of YAML's plain values, as the one YAML reader (`readiness.yamltree`) uses them:
which tags are allowed, the tag a scalar gets from its text (`tag_of`), the constructor that
converts each, and what each kind of value is called in messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml
from yaml import Node, ScalarNode
from yaml.constructor import SafeConstructor

Event = Any
"""One of the parser's events (`yaml.events`), read by its attributes: which of them an event
has depends on its class."""

if TYPE_CHECKING:
    Loader = yaml.CSafeLoader
else:
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader: its parser gives the events of a text, its resolver and constructors
the values of the scalars that are neither text nor plain digits."""

_PLAIN = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
YAML_TAG = "tag:yaml.org,2002:"
STR_TAG = "tag:yaml.org,2002:str"
MAP_TAG = "tag:yaml.org,2002:map"
SEQ_TAG = "tag:yaml.org,2002:seq"
INT_TAG = "tag:yaml.org,2002:int"
DIGITS_TAG = "tag:readiness,2026:digits"
"""What the resolver answers for a whole number written in plain digits (`int(text)` reads it)."""
_WORD_TAG = "tag:readiness,2026:word"
"""What the resolver answers for a word YAML 1.1 reads as true or false (`yes`, `Off` ...)."""
_BOOLEANS = {
    spelling: value
    for word, value in SafeConstructor.bool_values.items()
    for spelling in (word, word.capitalize(), word.upper())
}
WORD_TAGS = {
    **dict.fromkeys(_BOOLEANS, _WORD_TAG),
    **{spelling: "tag:yaml.org,2002:null" for spelling in ("null", "Null", "NULL")},
}
"""The plain words YAML 1.1 does not read as text, and what they are."""
# The safe constructor's own function for each plain tag, called directly: the generic
# `construct_object` dispatch costs more than the conversion itself. The resolver's own two
# answers are converted from the text alone.
CONSTRUCTORS: dict[str, Callable[[SafeConstructor, Node], Any]] = {
    f"tag:yaml.org,2002:{t}": SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{t}"]
    for t in _PLAIN
}
CONSTRUCTORS[DIGITS_TAG] = lambda _constructor, node: int(node.value)
CONSTRUCTORS[_WORD_TAG] = lambda _constructor, node: _BOOLEANS[node.value]
MAX_DIGITS = 4300
"""The longest number read: Python refuses to read more digits (no value of a framework or an
assessment needs more than a handful)."""
ALLOWED = frozenset({MAP_TAG, SEQ_TAG}) | CONSTRUCTORS.keys()
"""Every tag a value may have: mappings, lists and the plain scalars."""
SCALAR_KINDS = {
    "bool": ("true/false value", "true or false"),
    "int": ("whole number", "digits, e.g. 3"),
    "float": ("number", "a number, e.g. 2.5"),
    "timestamp": ("date", "a date as YYYY-MM-DD"),
}
"""What a value of each plain tag is called, and how it is written, for messages."""


def written_tag(tag: str) -> str:
    """A tag as it is written in a file: `!!map` for `tag:yaml.org,2002:map`."""
    return "!!" + tag.removeprefix(YAML_TAG) if tag.startswith(YAML_TAG) else tag


def tag_of(event: Event, loader: Loader) -> str:
    """A scalar's tag: the one written, else text for a quoted or block scalar, else YAML
    1.1's type of a plain scalar, which depends on its text alone (`loader`'s resolver).

    The two commonest plain scalars need no pattern: a word (YAML 1.1's other patterns all
    start with a digit, a sign, a dot or ~), which is text unless it is one of the words
    for true, false or null, and a whole number without a leading zero."""
    tag: str | None = event.tag
    if tag is not None and tag != "!":
        return tag
    implicit = event.implicit
    if not implicit[0]:
        return STR_TAG
    value: str = event.value
    if value[:1].isalpha():
        return WORD_TAGS.get(value, STR_TAG)
    if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
        return DIGITS_TAG
    resolved: str = loader.resolve(ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return resolved
