"""No module of `readiness` keeps state between calls: after every module is imported, no
module-level dict, list or set (nor one held by a class of a module) changes while a plan and
a report run through the library, and no function is memoized (`functools.cache`,
`lru_cache`). State a caller needs is held by the caller (e.g. `readiness.load.Shelf`)."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import readiness
from readiness.pipeline import plan, report

ROOT = Path(__file__).resolve().parent.parent
CONTAINERS = (dict, list, set, bytearray)


def _modules() -> list[ModuleType]:
    names = [info.name for info in pkgutil.walk_packages(readiness.__path__, "readiness.")]
    return [readiness, *(importlib.import_module(name) for name in sorted(names))]


def _containers(module: ModuleType) -> Iterator[tuple[str, Any]]:
    """Every container a module defines at its top level or on one of its classes."""
    for name, value in vars(module).items():
        if isinstance(value, CONTAINERS):
            yield f"{module.__name__}.{name}", value
        elif isinstance(value, type) and value.__module__ == module.__name__:
            for attribute, held in vars(value).items():
                if isinstance(held, CONTAINERS) and not attribute.startswith("__"):
                    yield f"{module.__name__}.{name}.{attribute}", held


def _snapshot(value: Any) -> Any:
    """What a container holds, by identity: an entry added, removed or replaced changes it."""
    if isinstance(value, dict):
        return [(key, id(item)) for key, item in value.items()]
    if isinstance(value, set):
        return sorted(id(item) for item in value)
    return [id(item) for item in value]


def _memoized(modules: list[ModuleType]) -> list[str]:
    return [
        f"{module.__name__}.{name}"
        for module in modules
        for name, value in vars(module).items()
        if hasattr(value, "cache_info") and getattr(value, "__module__", "") == module.__name__
    ]


def test_no_module_keeps_state_between_calls(tmp_path: Path) -> None:
    modules = _modules()
    assert not _memoized(modules)
    watched: dict[str, tuple[Any, Any]] = {}
    for module in modules:
        for name, value in _containers(module):
            watched.setdefault(name, (value, _snapshot(value)))
    assert "readiness.model.SEVERITY_ORDER" in watched  # the watch sees module constants
    # A framework and a client of their own: nothing a cache keyed by folder may already hold.
    client = tmp_path / "acme-retail"
    shutil.copytree(ROOT / "examples" / "acme-retail", client)
    shutil.copytree(ROOT / "questionnaires", tmp_path / "questionnaires")
    plan(client / "2026-Q4.yaml")
    report(client, generated=date(2027, 1, 15), html=True, output=tmp_path / "report.html")
    changed = [name for name, (value, before) in watched.items() if _snapshot(value) != before]
    assert not changed, f"module-level state changed while running: {changed}"
