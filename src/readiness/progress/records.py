"""The records of quarterly re-scoring: a period, its row, the comparison of two periods."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from readiness.model import Assessment, Framework, Model
from readiness.rules import FactReading
from readiness.score import Scorecard


@dataclass(frozen=True)
class Period:
    """One period of a client: the assessment, its framework and scorecard, and the file."""

    file: str
    assessment: Assessment
    framework: Framework
    scorecard: Scorecard

    @property
    def name(self) -> str:
        """The period, e.g. 2026-Q4."""
        return self.assessment.period

    @property
    def month(self) -> int:
        """The assessment date as a month number (year * 12 + month - 1)."""
        return self.assessment.date.year * 12 + self.assessment.date.month - 1


# --- models -------------------------------------------------------------------------------------


class DimensionPoint(Model):
    """A dimension in one period, and its change since the previous period."""

    id: str = Field(description="Dimension id.")
    score: float | None = Field(description="Dimension score.")
    percent: float | None = Field(description="Score as a percentage.")
    level: float | None = Field(description="Dimension level.")
    delta: float | None = Field(description="Score change since the previous period.")


class PeriodRow(Model):
    """One period of the client's history."""

    period: str = Field(description="The period, e.g. 2026-Q4.")
    date: str = Field(description="Assessment date, YYYY-MM-DD.")
    file: str = Field(description="The assessment file.")
    score: float | None = Field(description="Overall score.")
    percent: float | None = Field(description="Overall percentage.")
    delta: float | None = Field(description="Overall score change since the previous period.")
    stage: str = Field(description="Readiness stage id.")
    stage_title: str = Field(description="Readiness stage title.")
    stage_change: Literal["up", "down"] | None = Field(
        description="Whether the stage rose or fell since the previous period."
    )
    dimensions: tuple[DimensionPoint, ...] = Field(description="Dimensions, framework order.")


class DimensionDelta(Model):
    """A dimension at the baseline and now."""

    id: str = Field(description="Dimension id.")
    title: str = Field(description="Dimension title.")
    before: float | None = Field(description="Score at the baseline.")
    after: float | None = Field(description="Score now.")
    delta: float | None = Field(description="after - before, when both exist.")
    level_before: float | None = Field(description="Level at the baseline.")
    level_after: float | None = Field(description="Level now.")


class GateCrossing(Model):
    """A stage gate that changed state between the baseline and now."""

    stage: str = Field(description="Stage id.")
    title: str = Field(description="Stage title.")
    change: Literal["crossed", "lost"] = Field(
        description="crossed: holds now and did not; lost: held and no longer does."
    )
    condition: str | None = Field(description="The gate condition.")


class AchievedInitiative(Model):
    """An initiative achieved since the baseline."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")
    dimension: str = Field(description="The dimension it improves.")
    how: Literal["status", "done_when"] = Field(
        description="status: marked done; done_when: its exit criterion holds now."
    )
    done_when: str | None = Field(description="The exit criterion.")
    reads: tuple[FactReading, ...] = Field(description="The values the exit criterion reads now.")
    planned_end: str | None = Field(
        description="The month the baseline's roadmap planned it to end, if it was planned."
    )


class SlippedInitiative(Model):
    """An initiative the baseline's roadmap planned to end before now, not achieved."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")
    dimension: str = Field(description="The dimension it improves.")
    owner: str = Field(description="The role accountable for it.")
    planned_start: str = Field(description="Planned first month, YYYY-MM.")
    planned_end: str = Field(description="Planned last month, YYYY-MM.")
    months_late: int = Field(description="Months from the planned end to the current date.")
    status: Literal["planned", "in_progress", "not recorded"] = Field(
        description="Its status in the current assessment."
    )
    done_when: str | None = Field(description="The exit criterion that does not hold yet.")
    reads: tuple[FactReading, ...] = Field(description="The values the exit criterion reads now.")


class DroppedInitiative(Model):
    """An initiative of the baseline's roadmap that the current assessment marks dropped."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")


class QuestionChange(Model):
    """A question whose value changed between the baseline and now."""

    key: str = Field(description="`<dimension>.<question>`.")
    dimension: str = Field(description="Dimension id.")
    text: str = Field(description="The question.")
    before: float = Field(description="Value at the baseline.")
    after: float = Field(description="Value now.")
    delta: float = Field(description="after - before.")
    note: str | None = Field(description="The current answer's note.")


class Comparison(Model):
    """A current period measured against a baseline."""

    baseline_period: str = Field(description="The baseline period.")
    baseline_date: str = Field(description="The baseline's assessment date.")
    current_period: str = Field(description="The current period.")
    current_date: str = Field(description="The current assessment date.")
    score_before: float | None = Field(description="Overall score at the baseline.")
    score_after: float | None = Field(description="Overall score now.")
    delta: float | None = Field(description="Overall score change.")
    stage_before: str = Field(description="Stage id at the baseline.")
    stage_before_title: str = Field(description="Its title.")
    stage_after: str = Field(description="Stage id now.")
    stage_after_title: str = Field(description="Its title.")
    stage_change: Literal["up", "down"] | None = Field(description="Whether the stage moved.")
    dimensions: tuple[DimensionDelta, ...] = Field(description="Dimensions, framework order.")
    gates: tuple[GateCrossing, ...] = Field(description="Gates that changed state.")
    achieved: tuple[AchievedInitiative, ...] = Field(
        description="Initiatives achieved since the baseline, catalogue order."
    )
    slipped: tuple[SlippedInitiative, ...] = Field(
        description="Initiatives due by now in the baseline's roadmap, not achieved; latest "
        "first by months late."
    )
    dropped: tuple[DroppedInitiative, ...] = Field(
        description="Initiatives of the baseline's roadmap marked dropped now."
    )
    went_down: tuple[QuestionChange, ...] = Field(
        description="Questions whose value fell, biggest fall first."
    )
    went_up: int = Field(description="How many questions rose.")
    baseline_plan_start: str = Field(description="First month of the baseline's roadmap.")


class Progress(Model):
    """A client's history: every period, and the latest compared with the one before."""

    organization: str = Field(description="Organization name (of the latest period).")
    framework: str = Field(description="`id@version` of the latest period's framework.")
    dimensions: tuple[tuple[str, str], ...] = Field(
        description="(id, title) of each dimension, framework order."
    )
    periods: tuple[PeriodRow, ...] = Field(description="Periods, oldest first.")
    latest: Comparison | None = Field(
        description="The latest period against the previous one; None with a single period."
    )


# --- building -----------------------------------------------------------------------------------
