"""The records scoring produces: a question's scored answer, a dimension's score, a gate's
result and the scorecard that holds them."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import NamedTuple

from readiness.model import Aggregate
from readiness.records import EMPTY_MAPPING


class QuestionScore(NamedTuple):
    """The scored answer to one question."""

    key: str
    """`<dimension>.<question>`."""
    dimension: str
    """Dimension id."""
    value: float | None
    """The value used in scoring; None when n/a or unanswered."""
    status: str
    """answered, consensus, votes, n/a or unanswered."""
    weight: float
    """The question's weight."""
    critical: bool
    """Whether the question caps its dimension's level."""
    votes: Mapping[str, float | None] = EMPTY_MAPPING
    """Votes by respondent."""
    vote_value: float | None = None
    """What the votes aggregate to, even when a consensus overrides them."""
    spread: float | None = None
    """Highest minus lowest vote."""
    stdev: float | None = None
    """Population standard deviation of the votes."""
    disputed: bool = False
    """Whether the spread reaches the dispute threshold."""
    note: str | None = None
    """The answer's note."""
    evidence: str | None = None
    """The answer's evidence."""
    confidence: str | None = None
    """The answer's confidence."""


class DimensionScore(NamedTuple):
    """The scored dimension."""

    id: str
    """Dimension id."""
    title: str
    """Dimension title."""
    weight: float
    """Weight in the overall score."""
    aggregate: Aggregate
    """How its questions rolled up."""
    score: float | None
    """Score on the framework scale (or points, for sums); None without answers."""
    percent: float | None
    """Score as a percentage of the attainable range."""
    level: float | None
    """Score rounded down to a scale point, after the critical cap."""
    uncapped_level: float | None
    """Level before the critical cap."""
    capped_by: str | None
    """The critical question that capped the level, if it did."""
    answered: int
    """Questions answered with a level or votes."""
    not_applicable: int
    """Questions answered n/a."""
    total: int
    """Questions in the dimension."""
    coverage: float
    """(answered + n/a) / total."""
    insufficient: bool
    """Coverage below the framework's minimum, or nothing answered."""
    questions: tuple[QuestionScore, ...]
    """Each question's scored answer."""
    values: tuple[float | Fraction | None, ...]
    """The exact value each question rolled up with, in question order: its level as answered,
    the exact mean or median of its votes, None when n/a or unanswered. The planner's
    simulations re-score from them; each question's `value` says it to 4 decimals, and these
    are left out of the record's data (`unrecorded`)."""

    @staticmethod
    def unrecorded() -> frozenset[str]:
        """The fields `record_data` leaves out: the exact values, which are not output."""
        return frozenset({"values"})


class GateResult(NamedTuple):
    """Whether one stage's gate holds."""

    stage: str
    """Stage id."""
    title: str
    """Stage title."""
    condition: str | None
    """The gate condition; None for the first stage."""
    holds: bool | None
    """True, False, or None when missing answers leave it undetermined."""
    missing: tuple[str, ...] = ()
    """Facts without a value that the gate reads (the unanswered questions of a dimension it
    reads that is not assessed included: answering them settles it)."""
    unassessed: tuple[str, ...] = ()
    """Dimensions the gate reads that are flagged insufficient evidence: not assessed, so the
    gate is decided without their facts and never holds because of them."""


class Scorecard(NamedTuple):
    """Everything scoring produces for one assessment."""

    framework: str
    """`id@version` of the framework scored against."""
    organization: str
    """Organization name."""
    period: str
    """Assessment period."""
    dimensions: tuple[DimensionScore, ...]
    """Dimension scores in framework order."""
    score: float | None
    """Overall score."""
    percent: float | None
    """Overall percentage."""
    level: float | None
    """Overall level (score rounded down to a scale point)."""
    stage: str
    """Readiness stage id."""
    stage_title: str
    """Readiness stage title."""
    next_stage: str | None
    """The next stage id, if any."""
    gates: tuple[GateResult, ...]
    """Each stage's gate, in order."""
    facts: dict[str, float | str | None]
    """Every named fact conditions can read."""

    def dimension(self, dimension_id: str) -> DimensionScore:
        """The dimension score with this id."""
        return next(d for d in self.dimensions if d.id == dimension_id)

    def question(self, key: str) -> QuestionScore:
        """The question score with this key."""
        dimension_id = key.split(".")[0]
        return next(q for q in self.dimension(dimension_id).questions if q.key == key)
