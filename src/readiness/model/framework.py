"""The records of a framework: framework.yaml, the dimension questionnaires, rules and initiatives.

Each model mirrors one YAML format of DESIGN.md/README; `Framework` holds a whole loaded framework.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, PrivateAttr, model_validator

from readiness.model.base import Aggregate, Id, Model, Scale, Severity


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
        8,
        ge=0.5,
        le=1000,
        multiple_of=0.5,
        description="Delivery team (whole or half people) when the assessment states none.",
    )
    default: bool = Field(
        False, description="The band of an assessment without `organization.size`."
    )
    owner_fte: float | None = Field(
        None,
        ge=0.5,
        le=1000,
        multiple_of=0.5,
        description="People one owner may lead at once across several initiatives in organizations of this size; default: the framework's `owner_fte`.",
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
        ge=0.5,
        le=1000,
        multiple_of=0.5,
        description="Delivery team (whole or half people) when neither the assessment nor a size band gives one.",
    )
    mobilization_weeks: int = Field(
        4,
        ge=0,
        le=26,
        description="Weeks from the assessment to confirm the people: the plan starts in the first month that begins at least this long after the assessment date.",
    )
    ramp_months: int = Field(
        3,
        ge=1,
        le=12,
        description="Months over which the delivery team grows to full strength in equal steps (1: full strength from the first month).",
    )
    owner_fte: float | None = Field(
        None,
        ge=0.5,
        le=1000,
        multiple_of=0.5,
        description="People one owner may lead at once across several initiatives when the size band gives no `owner_fte`: a second initiative starts beside the first only while together they stay within it; none: no bound beyond the role's `parallel`.",
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
    label: str | None = Field(
        None,
        min_length=1,
        max_length=32,
        description="The practice in a few plain words, as grids and lists show it "
        "(e.g. `Data silos`, at most 32 characters); default: the id in words.",
    )
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
