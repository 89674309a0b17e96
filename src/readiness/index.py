"""The framework index: what every stage derives from a framework, worked out once.

Loading builds it and the framework carries it (`framework_index`): question keys per
dimension, the scoring layout with exact weights, the scale points, the fact spaces with every
gate, rule and exit criterion parsed (their terms too), and lookups by id. A batch scores and
plans thousands of assessments against one framework, so nothing here is worked out twice; and
nothing is kept outside the framework object.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal, TypeVar, cast

from readiness.conditions import (
    Condition,
    FactSpace,
    FactValue,
    build_fact_space,
    with_conditions,
)
from readiness.decimals import exact
from readiness.model import (
    Dimension,
    Framework,
    Initiative,
    InitiativeStatus,
    Question,
    Rule,
    Scale,
)

T = TypeVar("T")


@dataclass(frozen=True)
class DimensionLayout:
    """One dimension as scoring walks it: question keys, exact weights and fact names."""

    dimension: Dimension
    keys: tuple[str, ...]
    weights: tuple[Fraction, ...]
    float_weights: tuple[float, ...]
    critical: tuple[bool, ...]
    weight: Fraction
    score_name: str
    level_name: str
    percent_name: str
    coverage_name: str


@dataclass(frozen=True)
class FrameworkIndex:
    """Everything derived from one framework, built by `build_index`."""

    framework: Framework = field(repr=False, compare=False)
    """The framework it was built from (a copy, say with other parts, gets an index of its own)."""
    layout: tuple[DimensionLayout, ...]
    """Every dimension in framework order."""
    keys: Mapping[str, tuple[str, ...]]
    """Question keys (`<dimension>.<question>`) per dimension id."""
    questions: Mapping[str, Question]
    """Every question by key, in framework order."""
    positions: Mapping[str, int]
    """Each dimension id's position in `layout`."""
    columns: Mapping[str, tuple[str, int]]
    """Every question key -> (its dimension's id, its position among that dimension's keys)."""
    scale: Scale
    """The framework's scale."""
    points: tuple[float, ...]
    """The scale points, lowest first."""
    min_coverage: tuple[int, int]
    """The framework's `min_coverage` as the exact ratio (numerator, denominator) it is
    written as."""
    space: FactSpace
    """The facts rules and exit criteria read (`stage` included), their conditions parsed."""
    gate_space: FactSpace
    """The facts gates read (no `stage`: gates decide it), the gates parsed."""
    gates: tuple[Condition | None, ...]
    """Each stage's gate, in stage order; None for the first stage (or a gate that failed)."""
    gate_dimensions: tuple[tuple[str, ...], ...]
    """Each stage's gate: the dimensions whose facts it reads directly, in framework order."""
    dimension_facts: Mapping[str, tuple[str, ...]]
    """Per dimension id, the facts an assessment of it gives: its question keys, then its
    score, level and percent (its coverage is a fact about the evidence, not of it)."""
    rules: Mapping[str, Condition]
    """Each rule's `when` by rule id."""
    rules_reading: Mapping[str, tuple[str, ...]]
    """Per fact name, the ids of the rules whose `when` reads it (in framework order)."""
    exit_criteria: Mapping[str, Condition]
    """Each initiative's `done_when` by initiative id (initiatives without one are absent)."""
    initiatives: Mapping[str, Initiative]
    """Initiatives by id."""
    rules_by_id: Mapping[str, Rule]
    """Rules by id."""
    stage_positions: Mapping[str, int]
    """Each stage id's position in the framework's order."""
    dimension_order: Mapping[str, int]
    """Each dimension id's position in the manifest's order."""
    derived: dict[object, Any] = field(default_factory=dict, compare=False, repr=False)
    """What later stages work out from the framework once (see `derived`), by what builds it."""


def build_index(framework: Framework) -> FrameworkIndex:
    """Work out the index of a framework (conditions that do not parse are left out)."""
    manifest = framework.manifest
    keys = {d.id: tuple(f"{d.id}.{q.id}" for q in d.questions) for d in framework.dimensions}
    questions = {d.id: [q.id for q in d.questions] for d in framework.dimensions}
    gates = [stage.gate for stage in manifest.stages if stage.gate]
    space = with_conditions(
        build_fact_space(manifest.scale, questions),
        [
            *(r.when for r in framework.rules),
            *(i.done_when for i in framework.initiatives if i.done_when),
        ],
    )
    gate_space = with_conditions(
        build_fact_space(manifest.scale, questions, include_stage=False), gates
    )
    rules = {r.id: space.conditions[r.when] for r in framework.rules if r.when in space.conditions}
    rules_reading: dict[str, list[str]] = {}
    for rule_id, condition in rules.items():
        for name in condition.reads:
            rules_reading.setdefault(name, []).append(rule_id)
    parsed_gates = tuple(
        gate_space.conditions.get(stage.gate) if stage.gate else None for stage in manifest.stages
    )
    return FrameworkIndex(
        framework=framework,
        layout=tuple(
            DimensionLayout(
                dimension=d,
                keys=keys[d.id],
                weights=tuple(exact(q.weight) for q in d.questions),
                float_weights=tuple(float(q.weight) for q in d.questions),
                critical=tuple(q.critical for q in d.questions),
                weight=exact(d.weight),
                score_name=f"{d.id}.score",
                level_name=f"{d.id}.level",
                percent_name=f"{d.id}.percent",
                coverage_name=f"{d.id}.coverage",
            )
            for d in framework.dimensions
        ),
        keys=keys,
        questions=framework.questions(),
        positions={d.id: position for position, d in enumerate(framework.dimensions)},
        columns={
            key: (d.id, column)
            for d in framework.dimensions
            for column, key in enumerate(keys[d.id])
        },
        scale=manifest.scale,
        points=manifest.scale.points(),
        min_coverage=exact(manifest.min_coverage).as_integer_ratio(),
        space=space,
        gate_space=gate_space,
        gates=parsed_gates,
        gate_dimensions=tuple(
            ()
            if gate is None
            else tuple(d for d in keys if any(n.partition(".")[0] == d for n in gate.reads))
            for gate in parsed_gates
        ),
        dimension_facts={d: (*keys[d], f"{d}.score", f"{d}.level", f"{d}.percent") for d in keys},
        rules=rules,
        rules_reading={name: tuple(ids) for name, ids in rules_reading.items()},
        exit_criteria={
            i.id: space.conditions[i.done_when]
            for i in framework.initiatives
            if i.done_when and i.done_when in space.conditions
        },
        initiatives={i.id: i for i in framework.initiatives},
        rules_by_id={r.id: r for r in framework.rules},
        stage_positions={stage.id: index for index, stage in enumerate(manifest.stages)},
        dimension_order={d: n for n, d in enumerate(manifest.dimensions)},
    )


def framework_index(framework: Framework) -> FrameworkIndex:
    """The index the framework carries (loading attaches it); a framework built otherwise, or
    copied (the copy carries the original's), gets its own on first use."""
    # Read from pydantic's documented store of private attributes: `framework._index` goes
    # through the model's `__getattr__`, which costs about 20 times as much, and the stages ask
    # for the index over a hundred times for each assessment they score and plan.
    index: FrameworkIndex | None = (framework.__pydantic_private__ or {}).get("_index")
    if index is None or index.framework is not framework:
        index = build_index(framework)
        framework._index = index
    return index


def fact_space_for(framework: Framework, *, include_stage: bool = True) -> FactSpace:
    """The facts a framework's conditions read, its conditions parsed: with `stage` for rules
    and exit criteria, without it for gates."""
    index = framework_index(framework)
    return index.space if include_stage else index.gate_space


def achieved(
    framework: Framework,
    initiative: Initiative,
    status: InitiativeStatus | None,
    facts: Mapping[str, FactValue],
) -> Literal["status", "done_when"] | None:
    """How an initiative counts as achieved: marked done (`status`), or its exit criterion holds
    on these facts (`done_when`); None when it is not achieved."""
    if status == "done":
        return "status"
    condition = framework_index(framework).exit_criteria.get(initiative.id)
    if condition is not None and condition.evaluate(facts) is True:
        return "done_when"
    return None


def derived(build: Callable[[Framework], T]) -> Callable[[Framework], T]:
    """Decorator: `build(framework)` worked out once per framework and kept in its index, so a
    batch that plans thousands of assessments against one framework derives its tables once.
    Nothing is kept at module level: the tables live and die with the framework."""

    @functools.wraps(build)
    def lookup(framework: Framework) -> T:
        return _kept(framework_index(framework), build, framework)

    return lookup


def derived_from_index(build: Callable[[FrameworkIndex], T]) -> Callable[[FrameworkIndex], T]:
    """`derived` for a table built from the index alone, for code that is given the index."""

    @functools.wraps(build)
    def lookup(index: FrameworkIndex) -> T:
        return _kept(index, build, index)

    return lookup


def _kept(index: FrameworkIndex, build: Callable[[Any], T], argument: Any) -> T:
    """`build(argument)`, worked out once and kept in the index's tables."""
    tables = index.derived
    if build not in tables:
        tables[build] = build(argument)
    return cast(T, tables[build])
