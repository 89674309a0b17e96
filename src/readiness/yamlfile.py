"""The one YAML reader of the package: strict, fast, and able to say on which line a value sits.

It reads with PyYAML's C parser, composes the node tree and builds plain Python values from it
itself, so that it can refuse what a plain `safe_load` lets through: aliases (an alias bomb
expands to hundreds of MiB when walked), duplicate keys (PyYAML keeps the last one silently, so
a pasted answer would be lost), files over a size cap, bytes that are not UTF-8, and documents
that are not a mapping. Every value's location is kept in a path -> line map for messages.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from readiness.errors import InputError, Issue

MAX_BYTES = 2 * 1024 * 1024
"""Largest file accepted. The biggest shipped questionnaire is under 100 KiB."""

PathKey = tuple[str | int, ...]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    name = display or str(path)
    raw = _read_bytes(path, name)
    text = _decode(raw, name)
    if not text.strip():
        raise _fail(name, 0, "file is empty", allowed="a YAML mapping")
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or error.context or "not valid YAML"
        raise _fail(name, line, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as error:
        raise _fail(name, 0, f"not valid YAML: {error}") from None
    if root is None:
        raise _fail(name, 0, "file is empty", allowed="a YAML mapping")
    builder = _Builder(name)
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
        if path.is_dir():
            raise _fail(name, 0, "is a directory", allowed="a YAML file")
        status = path.stat()
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
            raw = handle.read(MAX_BYTES + 1)
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


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"a scalar {node.value!r}"


_PLAIN = frozenset({"str", "int", "float", "bool", "null", "timestamp"})
_STR_TAG = "tag:yaml.org,2002:str"
# The safe constructor's own function for each plain tag, called directly: the generic
# `construct_object` dispatch costs more than the conversion itself.
_CONSTRUCTORS = {
    f"tag:yaml.org,2002:{t}": SafeConstructor.yaml_constructors[f"tag:yaml.org,2002:{t}"]
    for t in _PLAIN
}
_COLLECTIONS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})


def _alias_lines(text: str) -> list[int]:
    """The line of every alias in the text, in document order."""
    return [
        event.start_mark.line + 1
        for event in yaml.parse(text, Loader=_Loader)
        if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
    ]


class _Builder:
    """Turns a composed node tree into plain values, refusing aliases and duplicate keys."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: dict[PathKey, int] = {}
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()
        self.issues: list[Issue] = []
        self.alias_paths: list[int] = []

    def _issue(
        self, node: yaml.Node, message: str, allowed: str | None = None, at_line: int = 0
    ) -> None:
        line = at_line or node.start_mark.line + 1
        self.issues.append(Issue(self.name, line, "", message, allowed=allowed))

    def build(self, node: yaml.Node, path: PathKey, at_line: int = 0) -> Any:
        if id(node) in self.seen:
            self.alias_paths.append(len(self.issues))
            self._issue(
                node,
                at_line=at_line,
                message=f"{format_path(path) or 'document'}: YAML aliases are not allowed",
                allowed="write the value out in full",
            )
            return None
        self.seen.add(id(node))
        self.lines[path] = node.start_mark.line + 1
        if node.tag not in _COLLECTIONS and node.tag not in _CONSTRUCTORS:
            # Python tags (`!!python/object/apply:os.system [...]`), custom tags, sets, binary.
            self._issue(
                node,
                f"{format_path(path) or 'document'}: the tag '{node.tag}' is not allowed",
                allowed="plain YAML values",
            )
            return None
        if node.tag == _STR_TAG:  # most values: the text as written, nothing to construct
            return node.value
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            return _CONSTRUCTORS[node.tag](self.constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            # A plain scalar that looks like a date but is none (2026-13-45) fails here.
            timestamp = node.tag.endswith(":timestamp")
            raise _fail(
                self.name,
                node.start_mark.line + 1,
                f"{format_path(path) or 'document'}: "
                + (f"not a valid date: {error}" if timestamp else f"cannot read value: {error}"),
                got=repr(node.value),
                allowed="a date as YYYY-MM-DD" if timestamp else None,
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
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
            key = (
                key_node.value
                if key_node.tag == _STR_TAG
                else self.constructor.construct_object(key_node)
            )
            line = key_node.start_mark.line + 1
            if isinstance(key, bool | type(None)) or not isinstance(key, str | int | float):
                key = key_node.value
            if key in first_line:
                where = format_path((*path, key))
                self._issue(
                    key_node,
                    f"{where}: duplicate key (first defined on line "
                    f"{first_line[key]}); the later value would silently replace the "
                    "earlier one",
                    allowed="each key once",
                )
                continue
            first_line[key] = line
            child = (*path, key)
            result[key] = self.build(value_node, child, line)
            self.lines[child] = line
        return result
