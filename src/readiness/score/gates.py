"""Stage gates and the stage: which gates hold on a scorecard's facts, and how far they reach.

Evidence discipline: a dimension flagged insufficient evidence is not assessed. A gate that reads
its facts (its questions, score, level or percent) is decided without them, in three-valued
logic, as if they were unanswered: it never holds because of them (it fails when another term
fails, else it is undetermined), and its `missing` facts name the unanswered questions that
would settle it. The planner's simulations decide gates the same way, with the evidence of the
assessment (planned work raises answers; it does not make a thin dimension assessed).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from readiness.conditions import FactValue
from readiness.index import framework_index
from readiness.model import Framework
from readiness.records import EMPTY_MAPPING
from readiness.score.records import DimensionScore, GateResult

Unassessed = Mapping[str, tuple[str, ...]]
"""Dimensions flagged insufficient evidence, each with its unanswered question keys."""


def unassessed_dimensions(dimensions: Iterable[DimensionScore]) -> dict[str, tuple[str, ...]]:
    """The dimensions flagged insufficient evidence, each with the unanswered questions whose
    answers would settle it."""
    return {
        d.id: tuple(q.key for q in d.questions if q.status == "unanswered")
        for d in dimensions
        if d.insufficient
    }


def assessed_facts(
    framework: Framework, position: int, facts: Mapping[str, FactValue], unassessed: Unassessed
) -> tuple[Mapping[str, FactValue], tuple[str, ...]]:
    """The facts the gate of the stage at `position` is decided on, and the dimensions it reads
    that are not assessed (their facts left out)."""
    index = framework_index(framework)
    dimensions = tuple(d for d in index.gate_dimensions[position] if d in unassessed)
    if not dimensions:
        return facts, ()
    masked = dict(facts)
    for dimension in dimensions:
        masked.update(dict.fromkeys(index.dimension_facts[dimension]))
    return masked, dimensions


def gates_hold(
    framework: Framework, facts: Mapping[str, FactValue], unassessed: Unassessed = EMPTY_MAPPING
) -> Iterator[bool | None]:
    """Whether each stage's gate holds, in stage order, evaluated only as far as asked."""
    for position, gate in enumerate(framework_index(framework).gates):
        if gate is None:
            yield True
        else:
            yield gate.evaluate(assessed_facts(framework, position, facts, unassessed)[0])


def stage_position(holds: Iterable[bool | None]) -> int:
    """The highest stage whose gate holds, every earlier gate too (the first always counts)."""
    position = 0
    for index, gate_holds in enumerate(holds):
        if index == 0 or gate_holds:
            position = index
        else:
            break
    return position


def reached_stage(
    framework: Framework, facts: Mapping[str, FactValue], unassessed: Unassessed = EMPTY_MAPPING
) -> str:
    """The id of the stage these facts reach (the `stage` fact of a scorecard)."""
    return framework.manifest.stages[stage_position(gates_hold(framework, facts, unassessed))].id


def evaluate_gates(
    framework: Framework, facts: Mapping[str, FactValue], unassessed: Unassessed = EMPTY_MAPPING
) -> tuple[GateResult, ...]:
    """Evaluate every stage gate against the facts (the first stage always holds)."""
    results = []
    gates = framework_index(framework).gates
    for position, (stage, gate) in enumerate(zip(framework.manifest.stages, gates, strict=True)):
        if gate is None:
            results.append(
                GateResult(stage=stage.id, title=stage.title, condition=None, holds=True)
            )
            continue
        decided_on, dimensions = assessed_facts(framework, position, facts, unassessed)
        settle = [key for dimension in dimensions for key in unassessed[dimension]]
        holds = gate.evaluate(decided_on)
        missing = tuple(dict.fromkeys([*gate.missing(facts), *settle]))
        results.append(GateResult(stage.id, stage.title, stage.gate, holds, missing, dimensions))
    return tuple(results)
