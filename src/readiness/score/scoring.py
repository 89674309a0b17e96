"""The one scoring path: question values in, dimension roll-ups and the facts conditions read
out (`score_values`, or `score_rows` for values already laid out per dimension).
`score_assessment` scores an assessment's answers through it, its rows built as it scores each
answer; the planner's simulations re-score changed answers through its steps too
(`score_dimension`, `with_overall`), rolling up again only the dimensions whose answers
changed (`since`, `changed`), each from the values it rolled up (`DimensionScore.values`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, cast

from readiness.conditions import FactValue
from readiness.index import DimensionLayout, FrameworkIndex, framework_index
from readiness.model import Aggregate, Assessment, Framework, Organization
from readiness.score.gates import evaluate_gates, stage_position, unassessed_dimensions
from readiness.score.questions import respondent_weights, score_answer
from readiness.score.records import DimensionScore, QuestionScore, Scorecard
from readiness.score.rollup import Exact, Rollup, overall, reported, roll_up


class Scored(NamedTuple):
    """What scoring question values gives (see `score_values`)."""

    rollups: tuple[Rollup, ...]
    """Each dimension's roll-up, in framework order."""
    facts: dict[str, FactValue]
    """Every named fact conditions can read, but the `stage` (the gates decide it)."""
    overall: tuple[float | None, float | None, float | None]
    """The overall score, percent and level."""


_ABSENT: Any = object()


class Row(NamedTuple):
    """A dimension's question values, as `score_rows` takes them."""

    values: list[Exact | None]
    """In question order; None when n/a or unanswered."""
    not_applicable: int
    """How many of them are n/a."""
    reported: list[float | None]
    """Each value as `reported`: its question's fact."""


def score_values(
    framework: Framework,
    organization: Organization,
    values: Mapping[str, Exact | None],
    *,
    since: Scored | None = None,
    changed: Collection[str] = (),
) -> Scored:
    """Score question values: a value per answered question key (a level, or the exact mean or
    median of votes), None for n/a, no key for unanswered.

    With `since`, the result of scoring values that differ from these only in questions of the
    `changed` dimensions: only those dimensions are rolled up again, then the overall facts.
    """
    rows = [
        None
        if since is not None and layout.dimension.id not in changed
        else _question_values(layout, values)
        for layout in framework_index(framework).layout
    ]
    return score_rows(framework, organization, rows, since)


def score_rows(
    framework: Framework,
    organization: Organization,
    rows: Sequence[Row | None],
    since: Scored | None = None,
) -> Scored:
    """`score_values` with the values given as each dimension's row, in framework order; a
    dimension without one (None) keeps its roll-up and facts from `since`."""
    index = framework_index(framework)
    facts: dict[str, FactValue] = {} if since is None else dict(since.facts)
    rollups: list[Rollup] = []
    for position, (layout, row) in enumerate(zip(index.layout, rows, strict=True)):
        if row is None:
            assert since is not None, "a dimension without values needs `since`"
            rollups.append(since.rollups[position])
            continue
        rollup, dimension_facts = score_dimension(index, layout, row.values, row.not_applicable)
        facts.update(zip(layout.keys, row.reported, strict=True))
        facts.update(dimension_facts)
        rollups.append(rollup)
    return with_overall(framework, organization, rollups, facts)


def score_dimension(
    index: FrameworkIndex,
    layout: DimensionLayout,
    question_values: Sequence[Exact | None],
    not_applicable: int,
) -> tuple[Rollup, dict[str, FactValue]]:
    """One dimension of `score_values`: its roll-up from its question values (in question order,
    None when n/a or unanswered; `not_applicable` of them n/a) and the facts it gives beyond
    its questions' own (each question's fact is its value as `reported`): its score, level,
    percent and coverage."""
    rollup = roll_up(index, layout, question_values, not_applicable)
    facts: dict[str, FactValue] = {
        layout.score_name: reported(rollup.score),
        layout.level_name: rollup.level,
        layout.percent_name: reported(rollup.percent),
        layout.coverage_name: reported(rollup.coverage) or 0.0,
    }
    return rollup, facts


def with_overall(
    framework: Framework,
    organization: Organization,
    rollups: Sequence[Rollup],
    facts: dict[str, FactValue],
) -> Scored:
    """The last step of `score_values`: every dimension's roll-up (in framework order) and its
    facts in, the overall and organization facts added (to `facts`, which it keeps). The
    overall rolls up each dimension's reported score and percent, read from its facts (what
    `score_dimension` gives), so they are not worked out again for every dimension."""
    layouts = framework_index(framework).layout
    # The facts are typed loosely; a dimension's score and percent are numbers or None.
    dimensions = cast(
        Iterable[tuple[float | None, float | None, float, Aggregate]],
        (
            (
                facts[layout.score_name],
                facts[layout.percent_name],
                layout.dimension.weight,
                layout.dimension.aggregate,
            )
            for layout in layouts
        ),
    )
    totals = total, total_percent, total_level = overall(framework.manifest, dimensions)
    facts["overall.score"] = total
    facts["overall.percent"] = total_percent
    facts["overall.level"] = total_level
    size = organization.size
    facts["organization.size"] = float(size) if size is not None else None
    facts["organization.industry"] = organization.industry
    return Scored(tuple(rollups), facts, totals)


def _question_values(layout: DimensionLayout, values: Mapping[str, Exact | None]) -> Row:
    """A dimension's row (see `Row`) from values by question key."""
    given = [values.get(key, _ABSENT) for key in layout.keys]
    row = [None if v is _ABSENT else v for v in given]
    return Row(row, given.count(None), [reported(v) for v in row])


def scored_of(scorecard: Scorecard) -> Scored:
    """The `Scored` a scorecard was built from, as `since` for re-scoring changed answers (the
    reported numbers stand for the unrounded ones: the overall roll-up reads only those)."""
    facts = dict(scorecard.facts)
    facts.pop("stage", None)
    return Scored(
        tuple(
            Rollup(
                d.score,
                d.percent,
                d.level,
                d.uncapped_level,
                d.capped_by,
                d.answered,
                d.not_applicable,
                d.coverage,
                d.insufficient,
            )
            for d in scorecard.dimensions
        ),
        facts,
        (scorecard.score, scorecard.percent, scorecard.level),
    )


def answer_values(
    framework: Framework, assessment: Assessment, scorecard: Scorecard, dimension: str
) -> dict[str, Exact | None]:
    """The values scoring rolled up for one dimension of this scorecard (see `score_values`):
    levels as answered, the exact mean or median of votes, None for n/a."""
    scored = scorecard.dimension(dimension)
    return {
        question.key: value
        for question, value in zip(scored.questions, scored.values, strict=True)
        if question.status != "unanswered"
    }


def score_assessment(assessment: Assessment, framework: Framework) -> Scorecard:
    """Score an assessment against its framework (a pure function)."""
    manifest = framework.manifest
    index = framework_index(framework)
    rows: list[Row] = []
    by_dimension: list[tuple[QuestionScore, ...]] = []
    answers = assessment.answers
    for layout in index.layout:
        scored = []
        values: list[Exact | None] = []
        question_facts: list[float | None] = []
        not_applicable = 0
        weights = respondent_weights(assessment, layout.dimension.id)
        for key, question in zip(layout.keys, layout.dimension.questions, strict=True):
            question_score, value = score_answer(
                key, question, answers.get(key), assessment, weights
            )
            scored.append(question_score)
            values.append(value)
            question_facts.append(question_score.value)
            if question_score.status == "n/a":
                not_applicable += 1
        rows.append(Row(values, not_applicable, question_facts))
        by_dimension.append(tuple(scored))
    result = score_rows(framework, assessment.organization, rows)
    facts = result.facts
    # The fields in their order, not by keyword: see `score_answer`. The score, percent and
    # coverage as reported are the dimension's facts (`score_dimension`).
    dimensions = tuple(
        DimensionScore(
            layout.dimension.id,
            layout.dimension.title,
            layout.dimension.weight,
            layout.dimension.aggregate,
            cast(float | None, facts[layout.score_name]),
            cast(float | None, facts[layout.percent_name]),
            rollup.level,
            rollup.uncapped_level,
            rollup.capped_by,
            rollup.answered,
            rollup.not_applicable,
            len(questions),
            cast(float, facts[layout.coverage_name]),
            rollup.insufficient,
            questions,
            tuple(row.values),
        )
        for layout, rollup, questions, row in zip(
            index.layout, result.rollups, by_dimension, rows, strict=True
        )
    )
    gates = evaluate_gates(framework, facts, unassessed_dimensions(dimensions))
    position = stage_position(gate.holds for gate in gates)
    stages = manifest.stages
    facts["stage"] = stages[position].id
    return Scorecard(
        framework=framework.ref,
        organization=assessment.organization.name,
        period=assessment.period,
        dimensions=dimensions,
        score=result.overall[0],
        percent=result.overall[1],
        level=result.overall[2],
        stage=stages[position].id,
        stage_title=stages[position].title,
        next_stage=stages[position + 1].id if position + 1 < len(stages) else None,
        gates=gates,
        facts=facts,
    )
