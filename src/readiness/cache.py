"""What the stages derive from a loaded framework, remembered per framework object.

A loaded framework is immutable, and a batch scores and plans thousands of assessments against
the same one: its question layout, compiled conditions and prepared rules are worked out once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")

MAX_FRAMEWORKS = 64
"""Frameworks remembered at once; more than a process ever loads, fewer than would hold memory
for long when a test suite builds many."""


def per_framework(derive: Callable[[K], T]) -> Callable[[K], T]:
    """Decorator: call `derive(framework)` once per framework object and remember the result.

    Each entry holds the framework itself, so its id cannot be reused by another object while
    the entry lives.
    """
    remembered: dict[int, tuple[K, T]] = {}

    @functools.wraps(derive)
    def cached(framework: K) -> T:
        entry = remembered.get(id(framework))
        if entry is not None and entry[0] is framework:
            return entry[1]
        value = derive(framework)
        if len(remembered) >= MAX_FRAMEWORKS:
            remembered.clear()
        remembered[id(framework)] = (framework, value)
        return value

    return cached
