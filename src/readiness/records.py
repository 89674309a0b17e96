"""Output records: what scoring, the rules and the planner produce, and how they become JSON.

The stages hand their results on as `typing.NamedTuple` records: immutable, typed, and cheap to
build. A portfolio run scores and plans thousands of assessments and builds a few hundred
records for each; a validating model costs about five times as much to construct, for inputs
the package computed itself. Inputs from files stay pydantic models (`readiness.model`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

EMPTY_MAPPING: Mapping[str, Any] = MappingProxyType({})
"""The default of a record's mapping field: shared, so read-only."""


def record_data(value: Any) -> Any:
    """JSON-ready data of a record, a model, or anything made of them: records and models
    become objects with their fields in order (but those a record's `unrecorded()` names:
    working values of a later stage, not output), tuples and lists become lists, dates ISO
    text."""
    if isinstance(value, tuple):
        fields = getattr(value, "_fields", None)
        if fields is not None:
            unrecorded = getattr(value, "unrecorded", None)
            left_out = unrecorded() if unrecorded is not None else ()
            return {
                name: record_data(item)
                for name, item in zip(fields, value, strict=True)
                if name not in left_out
            }
        return [record_data(item) for item in value]
    if isinstance(value, list):
        return [record_data(item) for item in value]
    if isinstance(value, Mapping):
        return {key: record_data(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json")
    return value
