"""The immutable records every stage passes on: frameworks, assessments and their parts.

Each model mirrors one YAML format of DESIGN.md/README. They are frozen and reject unknown keys,
so a typo in a key is an error, never a silently ignored setting. Cross-file checks (an answer
to an unknown question, a level outside the scale) are the loader's job, since they need the
framework and the assessment together.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

Aggregate = Literal["mean", "min", "sum"]
Severity = Literal["high", "medium", "low"]
Confidence = Literal["low", "medium", "high"]
VoteAggregate = Literal["mean", "median"]
InitiativeStatus = Literal["planned", "in_progress", "done", "dropped"]

SEVERITY_ORDER: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
NA = "n/a"

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
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


class StageProfile(Model):
    """What a stage implies: the levels per dimension, and per question where needed."""

    levels: dict[Id, float] = Field(
        default_factory=dict, description="Target level per dimension id, e.g. {data: 2}."
    )
    questions: dict[str, float] = Field(
        default_factory=dict,
        description="Target level per question `<dimension>.<question>`, e.g. {teams.ownership: 3}.",
    )


class Stage(Model):
    """One step of the scaling path; the organization is ready for it when its gate holds."""

    id: Id = Field(description='Stage id, used in expressions as `stage == "department"`.')
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field("", description="What an organization at this stage can do.")
    gate: str | None = Field(
        None,
        description="Condition that must hold to be ready for this stage; the first stage has none.",
    )
    gate_reasons: list[str] = Field(
        default_factory=list,
        description="One sentence per top-level `and` term of the gate, in order: why the stage needs it.",
    )
    profile: StageProfile | None = Field(
        None,
        description="The levels the stage implies (at least what its gate asks); default: what the gate asks.",
    )


class Horizon(Model):
    """How long a roadmap may run."""

    min_months: int = Field(18, ge=1, le=120, description="Shortest roadmap the framework plans.")
    max_months: int = Field(
        36, ge=1, le=120, description="Longest roadmap; work beyond it is deferred."
    )

    @model_validator(mode="after")
    def _check(self) -> Horizon:
        if self.max_months < self.min_months:
            raise ValueError("max_months must not be below min_months")
        return self


class Theme(Model):
    """A theme of the source material that questions trace back to."""

    title: str = Field(min_length=1, description="Readable name of the theme.")
    dimension: Id = Field(description="The dimension the theme belongs to.")


class SizeBand(Model):
    """A band of organization sizes and how it scales initiative effort, duration and team."""

    id: Id = Field(description="Band id, e.g. `mid`.")
    title: str = Field(
        min_length=1, description="Name shown in reports, e.g. `1,000 to 9,999 people`."
    )
    max_size: int | None = Field(
        None, ge=1, description="Largest organization size in the band; the last band has none."
    )
    effort: float = Field(1, gt=0, le=10, description="Multiplier on initiative effort (FTE).")
    duration: float = Field(1, gt=0, le=10, description="Multiplier on initiative duration.")
    team_fte: float = Field(
        8, gt=0, le=1000, description="Delivery team (FTE) when the assessment states none."
    )
    default: bool = Field(
        False, description="The band of an assessment without `organization.size`."
    )


class Role(Model):
    """A role that owns initiatives."""

    title: str = Field(min_length=1, description="Name shown in reports, e.g. Chief data officer.")
    parallel: int = Field(
        1, ge=1, le=20, description="Initiatives one person in this role can lead at once."
    )


class Workstream(Model):
    """A line of work that groups initiatives across stages."""

    id: Id = Field(description="Workstream id, referenced by initiatives.")
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field("", description="What the workstream delivers.")


class Manifest(Model):
    """framework.yaml: what a framework is made of and how its scores roll up."""

    id: Id = Field(description="Framework id, referenced by assessments as `id@version`.")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="Semantic version, e.g. 1.0.0.")
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field(
        "", description="What the framework measures, for the report's method section."
    )
    scale: Scale = Field(description="The answer scale.")
    dimensions: list[Id] = Field(
        min_length=1, description="Dimension ids in report order; each has a `<id>.yaml` file."
    )
    aggregate: Aggregate = Field(
        "mean", description="How dimension scores roll up to the overall score."
    )
    min_coverage: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Share of a dimension's questions that must be answered for its score to count as evidence.",
    )
    capacity: int = Field(
        3,
        ge=1,
        le=20,
        description="Initiatives an organization can run in parallel, unless the assessment says otherwise.",
    )
    stage_overlap_months: int = Field(
        0,
        ge=0,
        le=12,
        description="Months a stage's work may start before the previous stage's work has ended.",
    )
    horizon: Horizon = Field(default_factory=Horizon, description="Shortest and longest roadmap.")
    themes: dict[str, Theme] = Field(
        default_factory=dict, description="Themes of the source material, by id."
    )
    size_bands: list[SizeBand] = Field(
        default_factory=list,
        description="Organization size bands, smallest first; none: multipliers of 1.",
    )
    team_fte: float = Field(
        8,
        gt=0,
        le=1000,
        description="Delivery team (FTE) when neither the assessment nor a size band gives one.",
    )
    roles: dict[Id, Role] = Field(
        default_factory=dict,
        description="Roles that own initiatives, by id; when given, every initiative owner is one.",
    )
    workstreams: list[Workstream] = Field(
        default_factory=list,
        description="Workstreams; default: one per dimension, titled as the dimension.",
    )
    regulated_industries: list[str] = Field(
        default_factory=list,
        description="Industries whose regulatory initiatives are pulled forward (matched case-insensitively against organization.industry words).",
    )
    stages: list[Stage] = Field(min_length=1, description="Stages in order; the first has no gate.")


class Question(Model):
    """One question of a dimension questionnaire, with a descriptor for every scale point."""

    id: Id = Field(description="Question id, referenced as `<dimension>.<id>`.")
    text: str = Field(min_length=1, description="The question as asked.")
    weight: float = Field(1, gt=0, le=100, description="Relative weight in the dimension score.")
    critical: bool = Field(
        False,
        description="A critical question caps its dimension's level at its value plus one step.",
    )
    allow_na: bool = Field(False, description="Whether `n/a` is an acceptable answer.")
    na_when: str | None = Field(
        None, description="When `n/a` is the right answer (required when allow_na is true)."
    )
    levels: dict[float, str] = Field(description="One observable descriptor per scale point.")
    evidence: str = Field(min_length=1, description="What to ask for to confirm the answer.")
    source: str = Field(
        min_length=1, description="The theme of the source material this question comes from."
    )


class Dimension(Model):
    """`<dimension>.yaml`: the questions of one dimension and how they roll up."""

    id: Id = Field(description="Dimension id; must match the file name and framework.yaml.")
    title: str = Field(min_length=1, description="Name shown in reports.")
    description: str = Field(
        "", description="What this dimension covers and why it matters for scaling."
    )
    weight: float = Field(1, gt=0, le=100, description="Weight in the overall score.")
    aggregate: Aggregate = Field(
        "mean", description="How question values roll up to the dimension score."
    )
    questions: list[Question] = Field(
        min_length=1, description="The questions, in the order they are asked."
    )


class Rule(Model):
    """A condition over scores that, when it holds, yields a finding and recommends initiatives."""

    id: Id = Field(description="Rule id.")
    title: str = Field(min_length=1, description="One-line headline of the finding.")
    dimension: Id | None = Field(
        None,
        description="Dimension the finding is filed under; defaults to the first dimension named in `when`.",
    )
    when: str = Field(
        min_length=1,
        description="Condition expression, e.g. `data.inventory < 2 or data.integration < 2`.",
    )
    severity: Severity = Field(description="high, medium or low.")
    finding: str = Field(
        min_length=1, description="What the report says: what is wrong and why it matters."
    )
    recommend: list[Id] = Field(
        default_factory=list, description="Initiatives this finding calls for."
    )


class RuleSet(Model):
    """rules.yaml."""

    rules: list[Rule] = Field(default_factory=list, description="Every rule of the framework.")


class Kpi(Model):
    """A measure of progress, with where it starts and where it should get to."""

    name: str = Field(min_length=1, description="What is measured.")
    baseline: str | None = Field(None, description="Where it stands, or when it is first measured.")
    target: str | None = Field(None, description="Where it should be, and by when.")

    def text(self) -> str:
        """The KPI in one line: `name (baseline: ...; target: ...)`."""
        details = [
            f"{k}: {v}" for k, v in (("baseline", self.baseline), ("target", self.target)) if v
        ]
        return f"{self.name} ({'; '.join(details)})" if details else self.name


class Initiative(Model):
    """One piece of work the roadmap can schedule."""

    id: Id = Field(description="Initiative id.")
    title: str = Field(min_length=1, description="What the initiative does, in a line.")
    dimension: Id = Field(description="The dimension it improves.")
    workstream: Id | None = Field(
        None, description="The workstream it belongs to; default: its dimension."
    )
    stage: Id = Field(description="The earliest stage whose work it is.")
    duration_months: int = Field(
        ge=1, le=48, description="Elapsed months from start to exit (before size scaling)."
    )
    effort_fte: float = Field(gt=0, le=100, description="Average full-time people while it runs.")
    depends_on: list[Id] = Field(
        default_factory=list, description="Initiatives that must finish before it starts."
    )
    owner: str = Field(min_length=1, description="The role accountable for it.")
    description: str = Field(min_length=1, description="The work and what it delivers.")
    deliverables: list[str] = Field(default_factory=list, description="Concrete outputs.")
    done_when: str | None = Field(
        None, description="Exit criterion over scores, checked at the next re-score."
    )
    raises: dict[str, float] = Field(
        default_factory=dict,
        description="Question `<dimension>.<question>` -> the level the initiative brings it to; default: the thresholds of `done_when`.",
    )
    exit_criterion: str | None = Field(
        None, description="What an auditor would see when it is done: artifact, coverage, cadence."
    )
    kpis: list[str | Kpi] = Field(
        default_factory=list,
        description="How progress is measured: a name, or {name, baseline, target}.",
    )
    quick_win: bool = Field(False, description="A quick win: pulled forward in the plan.")
    regulatory: bool = Field(
        False,
        description="Answers a regulatory exposure: pulled forward for organizations in regulated industries.",
    )


class Catalogue(Model):
    """initiatives.yaml."""

    initiatives: list[Initiative] = Field(
        default_factory=list, description="Every initiative of the framework."
    )


class Framework(Model):
    """A whole loaded framework: manifest, questionnaires, rules and initiatives."""

    manifest: Manifest = Field(description="framework.yaml.")
    dimensions: tuple[Dimension, ...] = Field(description="Questionnaires in manifest order.")
    rules: tuple[Rule, ...] = Field(description="Rules in file order.")
    initiatives: tuple[Initiative, ...] = Field(description="Initiatives in file order.")
    folder: str = Field(description="Where the framework was loaded from.")
    origins: dict[str, str] = Field(
        default_factory=dict,
        description="`file:line` of each rule, initiative, stage and question, by key such as `rule:data-silos`.",
    )
    _index: Any = PrivateAttr(default=None)
    """What the stages derive from the framework (`readiness.index.framework_index`)."""

    @property
    def ref(self) -> str:
        """`id@version`, as an assessment names the framework."""
        return f"{self.manifest.id}@{self.manifest.version}"

    def dimension(self, dimension_id: str) -> Dimension:
        """The dimension with this id."""
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def questions(self) -> dict[str, Question]:
        """Every question by its full id `<dimension>.<question>`, in framework order."""
        return {f"{d.id}.{q.id}": q for d in self.dimensions for q in d.questions}

    def initiative(self, initiative_id: str) -> Initiative:
        """The initiative with this id."""
        for initiative in self.initiatives:
            if initiative.id == initiative_id:
                return initiative
        raise KeyError(initiative_id)

    def stage_index(self, stage_id: str) -> int:
        """Position of a stage in the framework's order."""
        return [s.id for s in self.manifest.stages].index(stage_id)


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


class Organization(Model):
    """Who is assessed."""

    name: str = Field(
        min_length=1, max_length=200, description="The organization's name, as the report shows it."
    )
    industry: str | None = Field(None, max_length=100, description="Industry, for context.")
    size: int | None = Field(None, ge=1, description="Number of employees.")
    unit: str | None = Field(
        None,
        max_length=200,
        description="The part of the organization assessed, when not all of it.",
    )


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
        None, gt=0, le=1000, description="Full-time people; default: the size band's team."
    )
    roles: dict[Id, int] = Field(
        default_factory=dict,
        description="Per role id, initiatives it can lead at once (overrides the role's `parallel`).",
    )

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
