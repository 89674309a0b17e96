"""YAML nodes into plain values: the loader whose resolver answers the common cases without
patterns, and the builder that walks a composed node tree once, recording each value's line
and refusing aliases, duplicate keys and tags other than plain YAML's, each with where it is.
`readiness.yamlfile` reads a file through them."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml
from yaml import MappingNode, Node, ScalarNode, SequenceNode
from yaml.constructor import SafeConstructor

from readiness.errors import InputError, Issue

PathKey = tuple[str | int, ...]
"""Where a value sits in a document: keys and list positions from the top."""


def format_path(path: PathKey) -> str:
    """Render a document path the way messages show it: `questions[2].levels.3`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def located_error(
    name: str, line: int, message: str, *, got: str | None = None, allowed: str | None = None
) -> InputError:
    """An `InputError` of one issue: the file, its line, what was wrong and what is allowed."""
    issue = Issue(name, line, "", message, got=got, allowed=allowed)
    return InputError(issue.format(), [issue])


def node_kind(node: Node) -> str:
    """What a node is, for messages: a mapping, a list, or a scalar and its text."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"a scalar {node.value!r}"


def one_alias_issue_per_line(issues: list[Issue], aliases: set[int]) -> list[Issue]:
    """Keep the first alias issue of each line, saying how many more the line has: an alias
    bomb would otherwise print one line per alias."""
    kept: list[Issue] = []
    first_on_line: dict[int, int] = {}
    extra: dict[int, int] = {}
    for position, issue in enumerate(issues):
        if position not in aliases:
            kept.append(issue)
        elif issue.line in first_on_line:
            extra[issue.line] = extra.get(issue.line, 0) + 1
        else:
            first_on_line[issue.line] = len(kept)
            kept.append(issue)
    for line, count in extra.items():
        issue = kept[first_on_line[line]]
        kept[first_on_line[line]] = Issue(
            issue.file,
            issue.line,
            issue.path,
            f"{issue.message} ({count} more on this line)",
            allowed=issue.allowed,
        )
    return kept


_PLAIN = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_DIGITS_TAG = "tag:readiness,2026:digits"
"""What the resolver answers for a whole number written in plain digits (`int(text)` reads it)."""
_WORD_TAG = "tag:readiness,2026:word"
"""What the resolver answers for a word YAML 1.1 reads as true or false (`yes`, `Off` ...)."""
_BOOLEANS = {
    spelling: value
    for word, value in SafeConstructor.bool_values.items()
    for spelling in (word, word.capitalize(), word.upper())
}
_WORD_TAGS = {
    **dict.fromkeys(_BOOLEANS, _WORD_TAG),
    **{spelling: "tag:yaml.org,2002:null" for spelling in ("null", "Null", "NULL")},
}
"""The plain words YAML 1.1 does not read as text, and what they are."""
# The safe constructor's own function for each plain tag, called directly: the generic
# `construct_object` dispatch costs more than the conversion itself. The resolver's own two
# answers are converted from the text alone.
_CONSTRUCTORS: dict[str, Callable[[SafeConstructor, Node], Any]] = {
    f"tag:yaml.org,2002:{t}": SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{t}"]
    for t in _PLAIN
}
_CONSTRUCTORS[_DIGITS_TAG] = lambda _constructor, node: int(node.value)
_CONSTRUCTORS[_WORD_TAG] = lambda _constructor, node: _BOOLEANS[node.value]
_COLLECTIONS = frozenset({_MAP_TAG, _SEQ_TAG})
_ALLOWED = _COLLECTIONS | _CONSTRUCTORS.keys()
_KIND_NAMES: dict[type, str] = {MappingNode: "a mapping", SequenceNode: "a list"}
_SCALAR_KINDS = {
    "bool": ("true/false value", "true or false"),
    "int": ("whole number", "digits, e.g. 3"),
    "float": ("number", "a number, e.g. 2.5"),
    "timestamp": ("date", "a date as YYYY-MM-DD"),
}
"""What a value of each plain tag is called, and how it is written, for messages."""

if TYPE_CHECKING:
    _Base = yaml.CSafeLoader
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_Base):
    """The safe loader, with a resolver that answers the common cases without regexes.

    The parser asks for the tag of every node. Quoted and block scalars are always text and
    collections are mappings or lists; only a plain scalar needs YAML 1.1's patterns (`no` is
    a boolean, `0777` an int, `2026-10-01` a date), and the answer depends on its text alone.
    The stock resolver also looks for path resolvers, which the safe loader has none of, so
    there is nothing to track while the parser descends into the tree and comes back up.
    """

    # The parser calls these two around every node it composes. The safe loader has no path
    # resolvers, so there is nothing to do; a callable of C that ignores its arguments (a type
    # or built-in function is not bound to the loader) costs a fraction of a method of Python.
    descend_resolver = operator.is_  # type: ignore[assignment]
    ascend_resolver = tuple  # type: ignore[assignment]

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is MappingNode:
            return _MAP_TAG
        if kind is SequenceNode:
            return _SEQ_TAG
        if not implicit[0]:
            return _STR_TAG
        # The two commonest plain scalars need no pattern: a word (YAML 1.1's other patterns
        # all start with a digit, a sign, a dot or ~), which is text unless it is one of the
        # words for true, false or null, and a whole number without a leading zero.
        if value[:1].isalpha():
            return _WORD_TAGS.get(value, _STR_TAG)
        if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
            return _DIGITS_TAG
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


def _shown(tag: str) -> str:
    """A tag as it is written in a file: `!!map` for `tag:yaml.org,2002:map`."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


_YAML_TAG = "tag:yaml.org,2002:"


def alias_lines(text: str) -> list[int]:
    """The line of every alias in the text, in document order."""
    return [
        event.start_mark.line + 1
        for event in yaml.parse(text, Loader=Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]


class Builder:
    """Turns a composed node tree into plain values, refusing aliases and duplicate keys."""

    def __init__(self, name: str, *, anchored: bool) -> None:
        self.name = name
        self.lines: dict[PathKey, int] = {}
        # Only a text with an anchor (`&name`) can hold an alias, that is a node met twice:
        # without one, values are taken as they come, with no bookkeeping of the nodes seen.
        self.seen: set[int] | None = set() if anchored else None
        self._constructor: SafeConstructor | None = None
        self.issues: list[Issue] = []
        self.alias_paths: list[int] = []

    @property
    def constructor(self) -> SafeConstructor:
        if self._constructor is None:
            self._constructor = SafeConstructor()
        return self._constructor

    def _issue(
        self,
        node: Node,
        message: str,
        allowed: str | None = None,
        at_line: int = 0,
        got: str | None = None,
    ) -> None:
        line = at_line or node.start_mark.line + 1
        self.issues.append(Issue(self.name, line, "", message, got=got, allowed=allowed))

    def build(self, node: Node, path: PathKey, at_line: int = 0) -> Any:
        seen = self.seen
        if seen is not None:
            if id(node) in seen:
                self.alias_paths.append(len(self.issues))
                self._issue(
                    node,
                    at_line=at_line,
                    message=f"{format_path(path) or 'document'}: YAML aliases are not allowed",
                    allowed="write the value out in full",
                )
                return None
            seen.add(id(node))
        self.lines[path] = node.start_mark.line + 1
        tag = node.tag
        kind = type(node)
        if tag == _STR_TAG and kind is ScalarNode:  # most values: the text as written
            return node.value
        if tag not in _ALLOWED:
            # Python tags (`!!python/object/apply:os.system [...]`), custom tags, sets, binary.
            self._issue(
                node,
                f"{format_path(path) or 'document'}: the tag '{_shown(tag)}' is not allowed",
                allowed="plain YAML values",
            )
            return None
        if isinstance(node, MappingNode) and tag == _MAP_TAG:
            return self._mapping(node, path)
        if isinstance(node, SequenceNode) and tag == _SEQ_TAG:
            return self._sequence(node, path)
        if kind is ScalarNode and tag in _CONSTRUCTORS:
            return self._scalar(node, path)
        # A type tag on a value of another kind: `!!map x`, `!!str {a: 1}`, `!!int [1]`.
        self._issue(
            node,
            f"{format_path(path) or 'document'}: the tag '{_shown(tag)}' does not fit "
            + _KIND_NAMES.get(kind, "a plain value"),
            allowed="no tag: write the value as it is",
        )
        return None

    def _scalar(self, node: Node, path: PathKey) -> Any:
        construct = _CONSTRUCTORS[node.tag]
        try:
            value = construct(self.constructor, node)
        except (
            yaml.YAMLError,
            ValueError,
            OverflowError,
            KeyError,
            AttributeError,
            IndexError,
        ) as error:
            # A plain scalar that looks like a date but is none (2026-13-45) fails here, and
            # so does a tagged one that is not what its tag says (`!!bool maybe`).
            kind = node.tag.rpartition(":")[2]
            what, allowed = _SCALAR_KINDS.get(kind, (f"{kind} value", None))
            # Only the calendar's own words say more than the value does ("month must be in
            # 1..12"); a failed conversion's message repeats it.
            detail = f": {error}" if kind == "timestamp" and type(error) is ValueError else ""
            self._issue(
                node,
                f"{format_path(path) or 'document'}: not a valid {what}{detail}",
                allowed=allowed,
                got=repr(node.value),
            )
            return None
        return value

    def _sequence(self, node: SequenceNode, path: PathKey) -> list[Any]:
        if self.seen is not None:
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        lines = self.lines
        items: list[Any] = []
        for index, item in enumerate(node.value):
            if item.tag == _STR_TAG and type(item) is ScalarNode:
                lines[(*path, index)] = item.start_mark.line + 1
                items.append(item.value)
            else:
                items.append(self.build(item, (*path, index)))
        return items

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.lines
        direct = self.seen is None
        for key_node, value_node in node.value:
            if key_node.tag == _STR_TAG and isinstance(key_node, ScalarNode):
                key = key_node.value
            else:
                key = self._key(key_node, path)
            line = key_node.start_mark.line + 1
            child = path + (key,)  # noqa: RUF005 (no list built on the way, unlike unpacking)
            if key in result:
                self._issue(
                    key_node,
                    f"{format_path(child)}: duplicate key (first defined on line "
                    f"{lines[child]}); the later value would silently replace the "
                    "earlier one",
                    allowed="each key once",
                )
                continue
            tag = value_node.tag
            scalar = type(value_node) is ScalarNode
            if direct and scalar and tag == _STR_TAG:
                result[key] = value_node.value
            elif direct and scalar and tag == _DIGITS_TAG:
                # The commonest value after text (`data.silos: 2`): plain digits, which the
                # resolver vouches for, so `int` cannot fail and needs no guard.
                result[key] = int(value_node.value)
            elif direct and scalar and tag in _CONSTRUCTORS:
                result[key] = self._scalar(value_node, child)
            else:
                result[key] = self.build(value_node, child, line)
            # A value's line is that of its key, where a message about the value points.
            lines[child] = line
        return result

    def _key(self, key_node: Node, path: PathKey) -> Any:
        if not isinstance(key_node, ScalarNode):
            raise located_error(
                self.name,
                key_node.start_mark.line + 1,
                f"{format_path(path) or 'document'}: a key must be a plain value",
                got=node_kind(key_node),
            )
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise located_error(
                self.name,
                key_node.start_mark.line + 1,
                "YAML merge keys (<<) are not allowed",
                allowed="write the keys out in full",
            )
        if key_node.tag not in _CONSTRUCTORS:
            self._issue(
                key_node,
                f"{format_path(path) or 'document'}: the tag '{_shown(key_node.tag)}' is not allowed "
                "on a key",
                allowed="plain YAML values",
            )
            return key_node.value
        key = key_node.value if key_node.tag == _STR_TAG else self._scalar(key_node, path)
        if isinstance(key, bool | type(None)) or not isinstance(key, str | int | float):
            key = key_node.value
        return key
