"""The shared parts of every record: the base model, identifiers, enumerations, the answer scale.

Every record is frozen and rejects unknown keys, so a typo in a key is an error, never a silently
ignored setting.
"""

from __future__ import annotations

import functools
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Aggregate = Literal["mean", "min", "sum"]
Severity = Literal["high", "medium", "low"]
Confidence = Literal["low", "medium", "high"]
VoteAggregate = Literal["mean", "median"]
InitiativeStatus = Literal["planned", "in_progress", "done", "dropped"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
NA = "n/a"

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
"""What an id is: lower-case letters, digits, '-' and '_', starting with a letter."""
Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        max_length=64,
        description="A lower-case identifier: letters, digits, '-' and '_'.",
    ),
]


class Model(BaseModel):
    """Base of every record: frozen, strict about unknown keys."""

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False
    )


def format_number(value: float) -> str:
    """Render a scale value without noise: 2.0 -> '2', 0.5 -> '0.5', 2.25 -> '2.25'."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Scale(Model):
    """The answer scale of a framework: points from `min` to `max` in steps of `step`."""

    min: float = Field(0, ge=-1000, le=1000, description="Lowest level on the scale.")
    max: float = Field(4, ge=-1000, le=1000, description="Highest level on the scale.")
    step: float = Field(
        1,
        gt=0,
        description="Distance between two scale points (1, or 0.5 for 0 / 0.5 / 1 rubrics).",
    )
    labels: dict[float, str] = Field(
        description="A short name for every scale point, e.g. {0: Absent, 4: Optimized}."
    )

    @model_validator(mode="after")
    def _check(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(
                f"max ({format_number(self.max)}) must be above min ({format_number(self.min)})"
            )
        count = (self.max - self.min) / self.step
        if abs(count - round(count)) > 1e-9 or round(count) > 20:
            raise ValueError("(max - min) must be a whole number of steps, at most 20")
        missing = [p for p in self.points() if p not in self.labels]
        extra = [k for k in self.labels if not self.is_point(k)]
        if missing or extra:
            problems = []
            if missing:
                problems.append("no label for " + ", ".join(format_number(p) for p in missing))
            if extra:
                problems.append(", ".join(format_number(k) for k in extra) + " not on the scale")
            raise ValueError(
                "labels must name exactly the scale points "
                + ", ".join(format_number(p) for p in self.points())
                + f" ({'; '.join(problems)})"
            )
        return self

    @functools.cached_property
    def _points(self) -> tuple[float, ...]:
        count = round((self.max - self.min) / self.step)
        return tuple(round(self.min + i * self.step, 9) for i in range(count + 1))

    def points(self) -> tuple[float, ...]:
        """Every level on the scale, lowest first."""
        # Cached: scoring and loading ask for the points once per answer.
        return self._points

    def is_point(self, value: float) -> bool:
        """Whether `value` is exactly one of the scale's levels."""
        return any(abs(value - p) < 1e-9 for p in self._points)

    def floor(self, value: float) -> float:
        """The highest scale point not above `value`."""
        steps = math.floor((value - self.min) / self.step + 1e-9)
        return round(min(max(self.min + steps * self.step, self.min), self.max), 9)

    def label(self, value: float) -> str:
        """The label of the scale point at or below `value`."""
        return self.labels[self.floor(value)]
