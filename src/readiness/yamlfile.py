"""The one YAML reader of the package: strict, fast, and able to say on which line a value sits.

It reads with PyYAML's C parser and builds plain Python values itself, so that it can refuse
what a plain `safe_load` lets through: aliases (an alias bomb expands to hundreds of MiB when
walked), duplicate keys (PyYAML keeps the last one silently, so a pasted answer would be lost),
files over a size cap, bytes that are not UTF-8, and documents that are not a mapping. Every
value's location is kept in a path -> line map for messages.

One path: the parser's events are read once (`readiness.yamltree`), which builds the values,
records their lines and finds every issue with where it is. This module reads the
file: its size, its bytes, its encoding, and the parser's own complaints with a hint.
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from readiness.errors import InputError, Issue
from readiness.yamlhints import syntax_hint
from readiness.yamltags import Event
from readiness.yamltree import (
    MAX_DEPTH,
    Builder,
    PathKey,
    format_path,
    located_error,
    node_kind,
)

MAX_BYTES = 2 * 1024 * 1024
"""Largest file accepted. The biggest shipped questionnaire is under 100 KiB."""


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


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read and parse one YAML file whose top level must be a mapping.

    Raises `InputError` with a located issue for every reason the file cannot be used.
    """
    return _read_document(path, display or str(path))


def _read_document(path: Path, name: str) -> Document:
    raw = _read_bytes(path, name)
    text = _decode(raw, name)
    if not text.strip():
        raise located_error(name, 0, "file is empty", allowed="a YAML mapping")
    builder = Builder(name, text)
    found = _build(builder, text)
    if found is None:
        raise located_error(name, 0, "file is empty", allowed="a YAML mapping")
    data, root = found
    if builder.alias_issues:
        builder.issues = one_alias_issue_per_line(builder.issues, set(builder.alias_issues))
    if builder.issues:
        builder.issues.sort(key=lambda i: i.line)
        raise InputError(builder.issues[0].format(), builder.issues)
    if not isinstance(data, dict):
        raise located_error(
            name, root.start_mark.line + 1, "the top level must be a mapping", got=node_kind(root)
        )
    return Document(name, data, builder.lines)


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


def _build(builder: Builder, text: str) -> tuple[Any, Event] | None:
    name = builder.name
    try:
        return builder.document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        if "end of stream" in problem and "quoted" in (error.context or "") and error.context_mark:
            # The parser reads to the end of the file looking for the closing quote: the
            # line to fix is the one the quote opens on.
            mark, problem = error.context_mark, "a quote opened here is never closed"
        line = mark.line + 1 if mark else 0
        if "nesting depth" in problem:  # the parser's own limit, met before the builder's
            raise located_error(
                name, line, f"not valid YAML: {problem}", allowed=f"at most {MAX_DEPTH} levels"
            ) from None
        raise located_error(
            name, line, f"not valid YAML: {problem}{syntax_hint(text, line, problem)}"
        ) from None
    except yaml.YAMLError as error:
        raise _unprintable(name, text) or located_error(
            name, 0, f"not valid YAML: {error}"
        ) from None


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise located_error(name, 0, "is a directory", allowed="a YAML file")
        if not stat.S_ISREG(status.st_mode):
            # Opening a FIFO waits for a writer forever; a device never ends.
            raise located_error(
                name, 0, "not a regular file (a pipe, socket or device)", allowed="a YAML file"
            )
        size = status.st_size
        if size > MAX_BYTES:
            raise located_error(
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
        raise located_error(name, 0, "no such file") from None
    except NotADirectoryError:
        raise located_error(
            name, 0, "no such file (part of the path is a file, not a folder)"
        ) from None
    except PermissionError:
        raise located_error(name, 0, "cannot be read: permission denied") from None
    except OSError as error:
        raise located_error(name, 0, f"cannot be read: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise located_error(name, 0, "file is too large", allowed=f"at most {MAX_BYTES:,} bytes")
    return raw


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:2].count(0) == 1:
        # A byte-order mark, or the NUL byte beside the first (Latin) character.
        raise located_error(
            name,
            1,
            "UTF-16 text, not UTF-8",
            allowed="UTF-8 text; re-save the file as UTF-8",
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise located_error(
            name, line, "binary data (a NUL byte) in a text file", allowed="UTF-8 text"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start : error.start + 1].hex()
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise located_error(
            name,
            line,
            f"not UTF-8: byte 0x{byte} in column {column}",
            allowed="UTF-8 text; re-save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def _unprintable(name: str, text: str) -> InputError | None:
    """The error for a character YAML does not allow, named by line and column (the parser
    refuses it too, but names a byte offset in "<unicode string>"); None when the text holds
    none. Asked only once the parser has refused the text: a search of every file read
    would cost a tenth of loading it."""
    refused = _UNPRINTABLE.search(text)
    if refused is None:
        return None
    start = text.rfind("\n", 0, refused.start()) + 1
    escape = refused.group().encode("unicode_escape").decode("ascii")
    what = "a noncharacter" if refused.group() in "\ufffe\uffff" else "a control character"
    return located_error(
        name,
        text.count("\n", 0, refused.start()) + 1,
        f"{what} ({escape}) in column {refused.start() - start + 1}, which YAML does not allow",
        allowed=f'text; delete it, or write it as an escape in double quotes ("{escape}")',
    )


_UNPRINTABLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""The characters YAML does not allow in a file (NUL is refused before, as binary data): the
controls but tab, line feed, carriage return and next line, and two noncharacters."""


__all__ = ["Document", "PathKey", "format_path", "read_yaml"]
