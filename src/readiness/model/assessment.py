"""The records of an assessment: the organization, its workshop respondents, targets and answers.

Cross-file checks (an answer to an unknown question, a level outside the scale) are the loader's
job, since they need the framework and the assessment together.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator, model_validator

from readiness.model.base import NA, Confidence, Id, InitiativeStatus, Model, VoteAggregate


def _number(value: Any, what: str) -> float | None:
    """Accept a number or `n/a`; reject booleans (YAML 1.1 reads `no` as False)."""
    if type(value) is int:  # most levels and votes
        return float(value)
    if isinstance(value, str) and value.strip().lower() == NA:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a number on the scale or n/a")
    return float(value)


class Answer(Model):
    """One answer: a level, `n/a`, or a respondent's vote each; with optional context."""

    level: float | None = Field(
        None,
        description="The agreed level; for a workshop, a consensus that takes precedence over the votes.",
    )
    na: bool = Field(
        False, description="The question does not apply (only where the question allows it)."
    )
    votes: dict[str, float | None] = Field(
        default_factory=dict,
        description="One vote per declared respondent; None means that respondent said n/a.",
    )
    notes: dict[str, str] = Field(
        default_factory=dict, description="Per-respondent notes from a workshop, by respondent id."
    )
    note: str | None = Field(None, description="What was said, in a sentence.")
    evidence: str | None = Field(None, description="What was seen to confirm it.")
    confidence: Confidence | None = Field(
        None, description="How sure the assessor is: low, medium or high."
    )

    @model_validator(mode="before")
    @classmethod
    def _short_forms(cls, value: Any) -> Any:
        if type(value) is int:  # the usual answer, `data.silos: 2`: what `_number` makes of it
            return {"level": float(value)}
        if isinstance(value, dict):
            value = dict(value)
            if "level" in value:
                level = _number(value["level"], "level")
                if level is None:
                    value["level"], value["na"] = None, True
                else:
                    value["level"] = level
            if isinstance(value.get("votes"), dict):
                value["votes"] = {
                    str(k): _number(v, f"vote of {k}") for k, v in value["votes"].items()
                }
            return value
        level = _number(value, "an answer")
        return {"na": True} if level is None else {"level": level}

    @model_validator(mode="after")
    def _check(self) -> Answer:
        if self.level is None and not self.na and not self.votes:
            raise ValueError("an answer needs a level, votes, or n/a")
        return self


MAX_HEADCOUNT = 10_000_000
"""The largest `organization.size` read: above the largest employer's headcount, so a larger
number is a typo (or a number meant for something else), which would put the organization in
the last size band unnoticed."""


UNIT_SHORT_MAX = 40
"""The longest short name of an assessed unit: it stands in sentences and titles where the
organization's name would."""


class Organization(Model):
    """Who is assessed."""

    name: str = Field(
        min_length=1, max_length=200, description="The organization's name, as the report shows it."
    )
    industry: str | None = Field(None, max_length=100, description="Industry, for context.")
    size: int | None = Field(
        None,
        ge=1,
        le=MAX_HEADCOUNT,
        description="Number of employees: a whole number from 1 to 10,000,000.",
    )
    unit: str | None = Field(
        None,
        max_length=200,
        description="The part of the organization assessed, when not all of it.",
    )
    unit_short: str | None = Field(
        None,
        min_length=1,
        max_length=UNIT_SHORT_MAX,
        description="A short name for the assessed unit, as running text names it (e.g. "
        "FraudLens for a unit described as one model of a department); only with `unit`. "
        f"Without it a unit of at most {UNIT_SHORT_MAX} characters is named as written, a "
        "longer one as 'the assessed unit'.",
    )

    @field_validator("size", mode="before")
    @classmethod
    def _no_boolean(cls, value: object) -> object:
        # pydantic reads `size: true` as 1 person.
        if isinstance(value, bool):
            raise ValueError("should be a number of people, not true or false")
        return value

    @field_validator("unit_short")
    @classmethod
    def _short_needs_unit(cls, value: str | None, info: ValidationInfo) -> str | None:
        # `unit` comes first, so it is read by now (absent when it was invalid itself).
        if value is not None and "unit" in info.data and info.data["unit"] is None:
            raise ValueError("a short name for a unit, but no unit: give `unit` too, or drop it")
        return value


class Respondent(Model):
    """A person who voted in a workshop."""

    id: Id = Field(description="Short id used as the key of their votes.")
    role: str = Field(
        min_length=1, max_length=200, description="Their role, e.g. Chief Data Officer."
    )
    name: str | None = Field(
        None, max_length=200, description="Their name, if the report may show it."
    )
    weights: dict[str, Annotated[float, Field(gt=0, le=100)]] = Field(
        default_factory=dict,
        description="Weight of this person's votes per dimension id (default 1): above 0, "
        "at most 100.",
    )
    weight_reason: str | None = Field(
        None,
        min_length=1,
        max_length=300,
        description="Why this person's votes weigh more or less, as agreed before the session "
        "(the report shows it beside the weights); only with weights other than 1.",
    )


class Target(Model):
    """What the organization is aiming for."""

    stage: Id | None = Field(None, description="The stage to reach; default: the framework's last.")
    by: str | None = Field(
        None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="Deadline as YYYY-MM; the plan says whether it fits.",
    )
    levels: dict[Id, float] = Field(
        default_factory=dict, description="Target level per dimension, raising the stage profile."
    )
    questions: dict[str, float] = Field(
        default_factory=dict,
        description="Target level per question `<dimension>.<question>`.",
    )


class Team(Model):
    """The delivery team the plan may use."""

    fte: float | None = Field(
        None,
        ge=0.5,
        le=1000,
        multiple_of=0.5,
        description="Full-time people, whole or half; default: the size band's team.",
    )
    roles: dict[Id, int] = Field(
        default_factory=dict,
        description="Per role id, initiatives it can lead at once (overrides the role's `parallel`).",
    )
    cost_per_fte_month: float | None = Field(
        None,
        gt=0,
        le=10_000_000,
        description="What one full-time person costs a month, in `currency`: the report then "
        "shows the plan's effort in money too.",
    )
    currency: str | None = Field(
        None,
        description="ISO 4217 code of `cost_per_fte_month`, e.g. EUR, USD, GBP.",
        json_schema_extra={"pattern": "^[A-Z]{3}$"},
    )

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str | None) -> str | None:
        from readiness.model.currency import CURRENCIES

        if value is not None and value not in CURRENCIES:
            raise ValueError("not an ISO 4217 currency code (three capitals, e.g. EUR, USD, GBP)")
        return value

    @model_validator(mode="after")
    def _rate_with_currency(self) -> Team:
        if (self.cost_per_fte_month is None) != (self.currency is None):
            raise ValueError("cost_per_fte_month and currency go together: give both or neither")
        return self

    @field_validator("roles")
    @classmethod
    def _positive(cls, value: dict[str, int]) -> dict[str, int]:
        for role, count in value.items():
            if not 1 <= count <= 20:
                raise ValueError(f"role '{role}' can lead 1 to 20 initiatives at once, not {count}")
        return value


class Assessment(Model):
    """One organization assessed against one framework in one period."""

    framework: str = Field(
        pattern=r"^[a-z][a-z0-9_-]*(@\d+\.\d+\.\d+)?$", description="The framework as `id@version`."
    )
    organization: Organization = Field(description="Who is assessed.")
    period: str = Field(
        pattern=r"^\d{4}-(Q[1-4]|H[12]|(0[1-9]|1[0-2]))$",
        description="The period, e.g. 2026-Q4 (also 2026-H2 or 2026-11).",
    )
    date: dt.date = Field(description="The day the assessment was completed (YYYY-MM-DD).")
    assessor: str = Field(min_length=1, max_length=200, description="Who ran the assessment.")
    capacity: int | None = Field(
        None, ge=1, le=20, description="Initiatives the organization can run in parallel."
    )
    target: Target | None = Field(
        None,
        description="What the organization is aiming for; default: the framework's last stage.",
    )
    team: Team | None = Field(None, description="The delivery team; default: the size band's.")
    vote_aggregate: VoteAggregate = Field("mean", description="How votes combine: mean or median.")
    dispute_threshold: float = Field(
        2, gt=0, description="A question is disputed when its votes spread this far or more."
    )
    respondents: list[Respondent] = Field(
        default_factory=list, description="Workshop participants."
    )
    answers: dict[str, Answer] = Field(
        default_factory=dict, description="Answers by `<dimension>.<question>`."
    )
    initiatives: dict[str, InitiativeStatus] = Field(
        default_factory=dict, description="Status of roadmap initiatives from earlier periods."
    )

    @field_validator("date", mode="before")
    @classmethod
    def _calendar_date(cls, value: Any) -> Any:
        # A number would be read as seconds since 1970, and a time of day has no place here.
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
            raise ValueError("should be a date written as YYYY-MM-DD")
        return value

    @field_validator("answers", mode="before")
    @classmethod
    def _answers_mapping(cls, value: Any) -> Any:
        if value is None:
            return {}
        return value

    @property
    def framework_id(self) -> str:
        """The framework id without its version."""
        return self.framework.split("@")[0]

    @property
    def framework_version(self) -> str | None:
        """The framework version, when given."""
        parts = self.framework.split("@")
        return parts[1] if len(parts) > 1 else None
