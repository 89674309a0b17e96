"""Reading a file into a model: the YAML document, then the pydantic model, every validation
error turned into a located issue that names the field, what was wrong and what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from readiness.errors import Issue, ReadinessError
from readiness.loading.issues import Collector, choices, show, suggest
from readiness.model import ID_PATTERN, Model
from readiness.printable import invisible_mark
from readiness.yamlfile import Document, format_path, read_yaml

M = TypeVar("M", bound=Model)

FRAMEWORK_FILE = "framework.yaml"
RULES_FILE = "rules.yaml"
INITIATIVES_FILE = "initiatives.yaml"


def read_document(path: Path, collector: Collector) -> Document | None:
    try:
        return read_yaml(path)
    except ReadinessError as error:
        collector.extend(error.issues)
        return None


def parse_model(doc: Document, model: type[M], collector: Collector) -> M | None:
    """Validate a document against a model, turning pydantic's errors into located issues."""
    try:
        return model.model_validate(doc.data)
    except pydantic.ValidationError as error:
        for item in error.errors(include_url=False):
            collector.issues.append(issue_from_pydantic(doc, model, item))
        return None


def issue_from_pydantic(doc: Document, model: type[Model], item: Any) -> Issue:
    """One pydantic error as a located issue: the line from the document, the path as the
    user wrote it, a did-you-mean for unknown keys and the allowed values where known."""
    loc = tuple(part for part in item["loc"] if _is_data_key(part))
    kind = item["type"]
    message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    value = item.get("input")
    got: str | None = None if kind in ("missing", "extra_forbidden") else show(value)
    if kind in _TYPE_ERRORS:
        # A whole mapping or list, cut at 60 characters, says less than what it is.
        got = _describe(value)
    elif kind == "value_error" and isinstance(value, dict) and len(value) > 2:
        got = None  # a check across several keys: its message names what is wrong
    allowed: str | None = None
    if item["loc"] and item["loc"][-1] == "[key]" and loc:
        # A mapping key that YAML read as a number (`1: 2`): name the key, not a list index.
        loc = (*loc[:-1], str(loc[-1]))
        message = "a key here must be text, not a number"
        allowed = "an id starting with a letter"
    elif kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        message = "unknown key"
        suggestion = suggest(str(loc[-1]), fields)
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        allowed = choices(fields, 20)
    elif kind == "missing":
        message = "required key is missing"
    elif kind in ("model_type", "dict_type"):
        message = "should be a mapping (`key: value` entries)"
    elif kind in ("list_type", "tuple_type"):
        message = "should be a list (`- item` entries or `[a, b]`)"
    elif kind == "literal_error":
        allowed = str(item.get("ctx", {}).get("expected", "")).replace("'", "")
        message = "not one of the allowed values"
    elif kind == "string_pattern_mismatch" or (
        kind == "string_type" and loc and str(loc[-1]) in _PATTERN_HELP
    ):
        # A period or month written unquoted as a number or a day is not text to YAML.
        pattern = item.get("ctx", {}).get("pattern")
        allowed = _PATTERN_HELP.get(str(loc[-1]) if loc else "") or (
            # An id in a list has no field name to go by.
            _PATTERN_HELP["id"] if pattern == ID_PATTERN else "see the README"
        )
        mark = invisible_mark(value) if isinstance(value, str) else None
        message = f"holds an invisible character, {mark}" if mark else "not in the expected form"
    elif kind in _RANGE_ERRORS:
        allowed = _range_at(model, loc)
        message = "out of range" if allowed else message.replace("Input should be", "should be")
    elif "Input should be" in message:
        message = message.replace("Input should be", "should be")
    line = doc.line_of(loc)
    return Issue(doc.file, line, format_path(loc), message, got=got, allowed=allowed)


_TYPE_ERRORS = frozenset({"model_type", "dict_type", "list_type", "tuple_type"})
_RANGE_ERRORS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def _describe(value: Any) -> str | None:
    """What a value is, for a message about its type: a list, a mapping, or the value itself."""
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:4]) + (", ..." if len(value) > 4 else "")
        return f"a mapping with keys {keys}" if value else "an empty mapping"
    return show(value)


_PATTERN_HELP = {
    "id": "lower-case letters, digits, '-' and '_', starting with a letter",
    "version": "a semantic version such as 1.0.0",
    "framework": "a framework id and version, e.g. ml-scaling@1.0.0",
    "period": "a period such as 2026-Q4, 2026-H2 or 2026-11",
    "by": "a month as YYYY-MM, e.g. 2029-06",
}


def _is_data_key(part: Any) -> bool:
    if isinstance(part, int):
        return True
    return (
        isinstance(part, str)
        and not part.startswith(("function-", "literal["))
        and part not in ("float", "int", "str", "bool", "none", "list[...]", "dict[...]", "[key]")
    )


def _fields_at(model: type[Any], loc: Sequence[Any]) -> list[str]:
    """The keys allowed at a location inside a model, for 'unknown key' messages."""
    current = _model_at(model, loc)
    return list(current.model_fields) if current is not None else []


def _range_at(model: type[Any], loc: Sequence[Any]) -> str | None:
    """The range a number at a location inside a model must be in (`1 to 10,000,000`, `above
    0, at most 100`), from its field's bounds; None when it is no field of a model with any."""
    import annotated_types

    owner = _model_at(model, loc[:-1]) if loc and isinstance(loc[-1], str) else None
    info = owner.model_fields.get(loc[-1]) if owner is not None else None
    if info is None:
        return None
    low: tuple[str, Any] | None = None
    high: tuple[str, Any] | None = None
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            low = ("at least", item.ge)
        elif isinstance(item, annotated_types.Gt):
            low = ("above", item.gt)
        elif isinstance(item, annotated_types.Le):
            high = ("at most", item.le)
        elif isinstance(item, annotated_types.Lt):
            high = ("below", item.lt)
    if low and high and low[0] == "at least" and high[0] == "at most":
        return f"{_number(low[1])} to {_number(high[1])}"
    shown = [f"{word} {_number(value)}" for word, value in (b for b in (low, high) if b)]
    return ", ".join(shown) or None


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _model_at(model: type[Any], loc: Sequence[Any]) -> type[pydantic.BaseModel] | None:
    """The model whose fields sit at a location inside `model`; None when none does."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return None
            current = info.annotation
        while typing.get_origin(current) is not None or isinstance(current, type(int | None)):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
            if models:
                current = models[0]
                break
            if not args:
                break
            current = args[-1]
    if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
        return current
    return None
