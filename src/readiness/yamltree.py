"""YAML into plain values: the builder that reads the parser's events once, recording each
value's line and refusing aliases, duplicate keys and tags other than plain YAML's, each with
where it is. `readiness.yamlfile` reads a file through it.

The builder is one pass over the events: each check composing a node tree made (anchors,
documents, tags, duplicate keys) is made where its event is read. Which tags a value may have,
the tag a scalar gets from its text and how each is converted are `readiness.yamltags`'s."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml import ScalarNode
from yaml.composer import ComposerError
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from readiness.errors import InputError, Issue
from readiness.printable import invisible_mark
from readiness.yamltags import (
    ALLOWED,
    CONSTRUCTORS,
    DIGITS_TAG,
    INT_TAG,
    MAP_TAG,
    MAX_DIGITS,
    SCALAR_KINDS,
    SEQ_TAG,
    STR_TAG,
    WORD_TAGS,
    Event,
    Loader,
    tag_of,
    written_tag,
)

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


def node_kind(event: Event) -> str:
    """What the value an event starts is, for messages: a mapping, a list, or a scalar and
    its text."""
    return _KIND_NAMES.get(type(event)) or f"a scalar {getattr(event, 'value', '')!r}"


MAX_DEPTH = 64
"""The deepest a mapping or list may sit below the top (the shipped files nest 5 deep): the
builder recurses once per level, and a few hundred levels would exhaust Python's stack."""
_KIND_NAMES: dict[type, str] = {MappingStartEvent: "a mapping", SequenceStartEvent: "a list"}


class Builder:
    """Turns the parser's events for one document into plain values, refusing aliases,
    duplicate keys and tags other than plain YAML's.

    The events are read once, in document order: each value is built as its events come,
    with no node tree in between. A scalar without a tag gets YAML 1.1's type from its text
    alone (`yamltags.tag_of`). What composing a node tree refuses is refused the same way, with the
    same `yaml.MarkedYAMLError`: an alias of an anchor not defined yet, an anchor defined
    twice, a second document.
    """

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines: dict[PathKey, int] = {}
        self.issues: list[Issue] = []
        self.alias_issues: list[int] = []
        """Where in `issues` the aliases are (see `one_alias_issue_per_line`)."""
        self._loader = Loader(text)
        self._next: Callable[[], Event] = self._loader.get_event
        self._anchors: dict[str, Any] = {}
        """The mark of each anchor defined so far, by name."""
        self._marks = invisible_mark(text) is not None
        """Whether the text holds an invisible mark anywhere: only then are keys searched."""

    def document(self) -> tuple[Any, Event] | None:
        """The document's value and the event it starts with; None when the text holds no
        document. Raises `yaml.MarkedYAMLError` for text that is not one YAML document, else
        the `InputError` of the first key that cannot be one (after reading every event, so
        that a later syntax error is the one reported, as when the whole tree is composed
        first)."""
        next_event = self._next
        try:
            next_event()  # the stream's start
            if type(next_event()) is StreamEndEvent:
                return None
            root = next_event()
            self.lines[()] = root.start_mark.line + 1
            refused: InputError | None = None
            try:
                data = self.value(root, ())
                event = next_event()
            except InputError as error:
                refused, event = error, next_event()
                while type(event) is not DocumentEndEvent:  # the rest, checked as it comes
                    if getattr(event, "anchor", None) is not None:
                        self._anchor(event)
                    event = next_event()
            after = next_event()
            if type(after) is not StreamEndEvent:
                raise ComposerError(
                    "expected a single document in the stream",
                    root.start_mark,
                    "but found another document",
                    after.start_mark,
                )
            if refused is not None:
                raise refused
            return data, root
        finally:
            self._loader.dispose()

    def _issue(
        self, event: Event, message: str, allowed: str | None = None, got: str | None = None
    ) -> None:
        line = event.start_mark.line + 1
        self.issues.append(Issue(self.name, line, "", message, got=got, allowed=allowed))

    def _anchor(self, event: Event) -> None:
        """Record the anchor an event defines, or check that the alias it is names one."""
        anchor, mark = event.anchor, event.start_mark
        if type(event) is AliasEvent:
            if anchor not in self._anchors:
                raise ComposerError(None, None, "found undefined alias", mark)
            return
        first = self._anchors.get(anchor)
        if first is not None:
            raise ComposerError(
                "found duplicate anchor; first occurrence",
                first,
                "second occurrence",
                mark,
            )
        self._anchors[anchor] = mark

    def _skip(self, event: Event) -> None:
        """Read the rest of the events of a value that is not built (a refused or repeated
        one), whose first event is read and its anchor recorded."""
        depth = 1 if type(event) in _KIND_NAMES else 0
        while depth:
            event = self._next()
            kind = type(event)
            if kind is MappingEndEvent or kind is SequenceEndEvent:
                depth -= 1
                continue
            if event.anchor is not None:
                self._anchor(event)
            if kind in _KIND_NAMES:
                depth += 1

    def value(self, event: Event, path: PathKey) -> Any:
        """The value whose events start with `event`, at `path` in the document."""
        if event.anchor is not None:
            self._anchor(event)
        kind = type(event)
        if kind is ScalarEvent:
            tag = tag_of(event, self._loader)
            if tag == STR_TAG:  # most values: the text as written
                return event.value
            if tag == DIGITS_TAG and len(event.value) <= MAX_DIGITS:
                return int(event.value)  # the resolver vouches for the digits: it cannot fail
        else:
            if kind is AliasEvent:
                self.alias_issues.append(len(self.issues))
                self._issue(
                    event,
                    f"{format_path(path) or 'document'}: YAML aliases are not allowed",
                    allowed="write the value out in full",
                )
                return None
            if len(path) > MAX_DEPTH:
                self._issue(
                    event,
                    f"{format_path(path[:1])}: nested more than {MAX_DEPTH} levels deep",
                    allowed=f"at most {MAX_DEPTH} levels",
                )
                self._skip(event)
                return None
            tag = event.tag
            if tag is None or tag == "!":
                tag = MAP_TAG if kind is MappingStartEvent else SEQ_TAG
        if tag not in ALLOWED:
            # Python tags (`!!python/object/apply:os.system [...]`), custom tags, sets, binary.
            self._issue(
                event,
                f"{format_path(path) or 'document'}: the tag '{written_tag(tag)}' is not allowed",
                allowed="plain YAML values",
            )
        elif kind is MappingStartEvent and tag == MAP_TAG:
            return self._mapping(path)
        elif kind is SequenceStartEvent and tag == SEQ_TAG:
            return self._sequence(path)
        elif kind is ScalarEvent and tag in CONSTRUCTORS:
            return self._scalar(event, tag, path)
        else:
            # A type tag on a value of another kind: `!!map x`, `!!str {a: 1}`, `!!int [1]`.
            self._issue(
                event,
                f"{format_path(path) or 'document'}: the tag '{written_tag(tag)}' does not fit "
                + _KIND_NAMES.get(kind, "a plain value"),
                allowed="no tag: write the value as it is",
            )
        self._skip(event)
        return None

    def _scalar(self, event: Event, tag: str, path: PathKey) -> Any:
        if tag in (DIGITS_TAG, INT_TAG) and len(event.value) > MAX_DIGITS:
            self._issue(
                event,
                f"{format_path(path) or 'document'}: a number of {len(event.value):,} "
                "characters is too long",
                allowed=f"at most {MAX_DIGITS} digits",
            )
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = CONSTRUCTORS[tag](self._loader, node)
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
            kind = tag.rpartition(":")[2]
            what, allowed = SCALAR_KINDS.get(kind, (f"{kind} value", None))
            # Only the calendar's own words say more than the value does ("month must be in
            # 1..12"); a failed conversion's message repeats it.
            detail = f": {error}" if kind == "timestamp" and type(error) is ValueError else ""
            self._issue(
                event,
                f"{format_path(path) or 'document'}: not a valid {what}{detail}",
                allowed=allowed,
                got=repr(event.value),
            )
            return None
        return value

    def _sequence(self, path: PathKey) -> list[Any]:
        lines = self.lines
        next_event = self._next
        items: list[Any] = []
        event = next_event()
        while type(event) is not SequenceEndEvent:
            child = (*path, len(items))
            lines[child] = event.start_mark.line + 1
            items.append(self.value(event, child))
            event = next_event()
        return items

    def _mapping(self, path: PathKey) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        lines = self.lines
        next_event = self._next
        key_event = next_event()
        while type(key_event) is not MappingEndEvent:
            # A key or value that is plainly text is taken as it is, with no call: untagged,
            # not an anchor, and quoted (a value) or a word YAML 1.1 does not read as true,
            # false or null, which is what `tag_of` answers text for without a pattern.
            text = key_event.value if type(key_event) is ScalarEvent else None
            if (
                text is not None
                and key_event.tag is None
                and key_event.anchor is None
                and text[:1].isalpha()
                and text not in WORD_TAGS
            ):
                key = text
            else:
                key = self._key(key_event, path)
            line = key_event.start_mark.line + 1
            child = path + (key,)  # noqa: RUF005 (no list built on the way, unlike unpacking)
            if self._marks and isinstance(key, str) and (mark := invisible_mark(key)):
                self._issue(
                    key_event,
                    f"{format_path(child)}: the key holds an invisible character, {mark}",
                    allowed="visible characters only; type the key again",
                )
            value_event = next_event()
            if key in result:
                self._issue(
                    key_event,
                    f"{format_path(child)}: duplicate key (first defined on line "
                    f"{lines[child]}); the later value would silently replace the "
                    "earlier one",
                    allowed="each key once",
                )
                if value_event.anchor is not None:
                    self._anchor(value_event)
                self._skip(value_event)
            elif (
                type(value_event) is ScalarEvent
                and value_event.tag is None
                and value_event.anchor is None
                and (
                    not value_event.implicit[0]
                    or ((text := value_event.value)[:1].isalpha() and text not in WORD_TAGS)
                )
            ):
                result[key] = value_event.value
                lines[child] = line
            else:
                result[key] = self.value(value_event, child)
                # A value's line is that of its key, where a message about the value points.
                lines[child] = line
            key_event = next_event()
        return result

    def _key(self, event: Event, path: PathKey) -> Any:
        kind = type(event)
        if kind is AliasEvent:
            # Read as a value: refused, and named by where it is in the file.
            self.value(event, path)
            return f"*{event.anchor}"
        if event.anchor is not None:
            self._anchor(event)
        if kind is ScalarEvent:
            tag = tag_of(event, self._loader)
            if tag == STR_TAG:  # most keys
                return event.value
        else:
            raise located_error(
                self.name,
                event.start_mark.line + 1,
                f"{format_path(path) or 'document'}: a key must be a plain value",
                got=node_kind(event),
            )
        if tag == "tag:yaml.org,2002:merge":
            raise located_error(
                self.name,
                event.start_mark.line + 1,
                "YAML merge keys (<<) are not allowed",
                allowed="write the keys out in full",
            )
        if tag not in CONSTRUCTORS:
            self._issue(
                event,
                f"{format_path(path) or 'document'}: the tag '{written_tag(tag)}' is not allowed "
                "on a key",
                allowed="plain YAML values",
            )
            return event.value
        key = self._scalar(event, tag, path)
        if isinstance(key, bool | type(None)) or not isinstance(key, str | int | float):
            key = event.value
        return key
