"""The one YAML reader of the package: strict, fast, and able to say on which line a value sits.

It reads with PyYAML's C parser and builds plain Python values itself, so that it can refuse
what a plain `safe_load` lets through: aliases (an alias bomb expands to hundreds of MiB when
walked), duplicate keys (PyYAML keeps the last one silently, so a pasted answer would be lost),
files over a size cap, bytes that are not UTF-8, and documents that are not a mapping. Every
value's location is kept in a path -> line map for messages.

One path: the node tree is composed and walked once, which builds the values, records their
lines and finds every issue with where it is.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
)
from yaml.constructor import SafeConstructor

from readiness.errors import InputError, Issue
from readiness.yamlhints import syntax_hint

MAX_BYTES = 2 * 1024 * 1024
"""Largest file accepted. The biggest shipped questionnaire is under 100 KiB."""

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and where each value was found."""

    file: str
    data: dict[str, Any]
    lines: dict[PathKey, int] = field(repr=False)

    def line_of(self, path: PathKey) -> int:
        """The line of the value at `path`, or of its nearest located ancestor."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def format_path(path: PathKey) -> str:
    """Render a document path the way messages show it: `questions[2].levels.3`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file whose top level must be a mapping.

    Raises `InputError` with a located issue for every reason the file cannot be used.
    """
    return _read_document(path, display or str(path))


def _read_document(path: Path, name: str) -> Document:
    raw = _read_bytes(path, name)
    text = _decode(raw, name)
    if not text.strip():
        raise _fail(name, 0, "file is empty", allowed="a YAML mapping")
    root = _compose(text, name)
    if root is None:
        raise _fail(name, 0, "file is empty", allowed="a YAML mapping")
    builder = _Builder(name, anchored="&" in text)
    data = builder.build(root, ())
    if builder.alias_paths:
        for position, line in zip(builder.alias_paths, _alias_lines(text), strict=False):
            issue = builder.issues[position]
            builder.issues[position] = Issue(
                issue.file, line, issue.path, issue.message, allowed=issue.allowed
            )
        builder.issues = _one_alias_issue_per_line(builder.issues, set(builder.alias_paths))
    if builder.issues:
        builder.issues.sort(key=lambda i: i.line)
        raise InputError(builder.issues[0].format(), builder.issues)
    if not isinstance(data, dict):
        raise _fail(
            name, root.start_mark.line + 1, "the top level must be a mapping", got=_kind(root)
        )
    return Document(name, data, builder.lines)


def _compose(text: str, name: str) -> Node | None:
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or error.context or "not valid YAML"
        raise _fail(name, line, f"not valid YAML: {problem}{syntax_hint(text, line)}") from None
    except yaml.YAMLError as error:
        raise _fail(name, 0, f"not valid YAML: {error}") from None


def _one_alias_issue_per_line(issues: list[Issue], aliases: set[int]) -> list[Issue]:
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


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise _fail(name, 0, "is a directory", allowed="a YAML file")
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO waits for a writer forever; a device never ends.
            raise _fail(
                name, 0, "not a regular file (a pipe, socket or device)", allowed="a YAML file"
            )
        size = status.st_size
        if size > MAX_BYTES:
            raise _fail(
                name,
                0,
                f"file is too large ({size:,} bytes)",
                allowed=f"at most {MAX_BYTES:,} bytes",
            )
        with path.open("rb") as handle:
            # Asking for the size the file has, not for the cap, spares a buffer of the cap's
            # size (2 MiB allocated and freed per file); a file that grew since is read on up
            # to the cap.
            raw = handle.read(size + 1)
            if len(raw) > size:
                raw += handle.read(MAX_BYTES + 1 - len(raw))
    except FileNotFoundError:
        raise _fail(name, 0, "no such file") from None
    except NotADirectoryError:
        raise _fail(name, 0, "no such file (part of the path is a file, not a folder)") from None
    except PermissionError:
        raise _fail(name, 0, "cannot be read: permission denied") from None
    except OSError as error:
        raise _fail(name, 0, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(name, 0, "file is too large", allowed=f"at most {MAX_BYTES:,} bytes")
    return raw


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise _fail(name, line, "binary data (a NUL byte) in a text file", allowed="UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(
            name,
            line,
            f"not UTF-8: byte 0x{byte} in column {column}",
            allowed="UTF-8 text; re-save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def _fail(
    name: str, line: int, message: str, *, got: str | None = None, allowed: str | None = None
) -> InputError:
    issue = Issue(name, line, "", message, got=got, allowed=allowed)
    return InputError(issue.format(), [issue])


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"a scalar {node.value!r}"


_PLAIN = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_INT_TAG = "tag:yaml.org,2002:int"
_WORDS = frozenset(
    spelling
    for word in ("yes", "no", "true", "false", "on", "off", "null")
    for spelling in (word, word.capitalize(), word.upper())
)
"""Plain words YAML 1.1 reads as booleans or null, in the three spellings it accepts."""
# The safe constructor's own function for each plain tag, called directly: the generic
# `construct_object` dispatch costs more than the conversion itself.
_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{t}": SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{t}"]
    for t in _PLAIN
}
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


class _Loader(_Base):
    """The safe loader, with a resolver that answers the common cases without regexes.

    The parser asks for the tag of every node. Quoted and block scalars are always text and
    collections are mappings or lists; only a plain scalar needs YAML 1.1's patterns (`no` is
    a boolean, `0777` an int, `2026-10-01` a date), and the answer depends on its text alone.
    The stock resolver also looks for path resolvers, which the safe loader has none of, so
    there is nothing to track while the parser descends into the tree and comes back up.
    """

    def descend_resolver(self, current_node: Node | None, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        if kind is MappingNode:
            return _MAP_TAG
        if kind is SequenceNode:
            return _SEQ_TAG
        if not implicit[0]:
            return _STR_TAG
        # The two commonest plain scalars need no pattern: a word that YAML 1.1 does not read as
        # a boolean or null (its other patterns all start with a digit, a sign, a dot or ~),
        # and a whole number without a leading zero.
        if value[:1].isalpha() and value not in _WORDS:
            return _STR_TAG
        if value.isdigit() and value.isascii() and (value[0] != "0" or value == "0"):
            return _INT_TAG
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


def _shown(tag: str) -> str:
    """A tag as it is written in a file: `!!map` for `tag:yaml.org,2002:map`."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


_YAML_TAG = "tag:yaml.org,2002:"


def _alias_lines(text: str) -> list[int]:
    """The line of every alias in the text, in document order."""
    return [
        event.start_mark.line + 1
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]


class _Builder:
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
            child = (*path, key)
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
            elif direct and scalar and tag in _CONSTRUCTORS:
                result[key] = self._scalar(value_node, child)
            else:
                result[key] = self.build(value_node, child, line)
            # A value's line is that of its key, where a message about the value points.
            lines[child] = line
        return result

    def _key(self, key_node: Node, path: PathKey) -> Any:
        if not isinstance(key_node, ScalarNode):
            raise _fail(
                self.name,
                key_node.start_mark.line + 1,
                f"{format_path(path) or 'document'}: a key must be a plain value",
                got=_kind(key_node),
            )
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _fail(
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
