"""Scoring: from answers to question values, dimension scores and levels, overall score and stage.

The rules, stated in the report's appendix:
- A question's value is its level; for workshop votes, their mean (or median), each vote weighted
  by its respondent's weight for that dimension; a consensus level recorded next to the votes
  takes precedence. Spread = highest vote - lowest vote (`score.questions`).
- n/a and unanswered questions are left out of numerator and denominator. Coverage = answered
  (including n/a) / questions; below the framework's `min_coverage` the dimension is flagged as
  insufficient evidence.
- A dimension's score is the weighted mean of its question values (or their minimum, or their
  weighted sum, as its `aggregate` says). Its level is the score rounded down to a scale point,
  capped at the lowest critical question's value plus one step (`score.rollup`, exact levels).
- The overall score rolls the dimension scores (as reported, to 4 decimals) up by the framework's
  aggregate (weighted by the dimension weights). The stage is the highest stage whose gate holds,
  every earlier gate too; a gate does not hold on a dimension flagged insufficient evidence
  (`score.gates`).

There is one scoring path (`score.scoring.score_values`): `score_assessment` runs an assessment's
answers through it, and the planner's simulations run changed answers through it.
"""

from __future__ import annotations

from readiness.score.gates import (
    Unassessed,
    assessed_facts,
    evaluate_gates,
    reached_stage,
    unassessed_dimensions,
)
from readiness.score.questions import score_question, weighted_median
from readiness.score.records import DimensionScore, GateResult, QuestionScore, Scorecard
from readiness.score.rollup import Exact
from readiness.score.scoring import (
    Scored,
    answer_values,
    score_assessment,
    score_values,
    scored_of,
)

__all__ = [
    "DimensionScore",
    "Exact",
    "GateResult",
    "QuestionScore",
    "Scorecard",
    "Scored",
    "Unassessed",
    "answer_values",
    "assessed_facts",
    "evaluate_gates",
    "reached_stage",
    "score_assessment",
    "score_question",
    "score_values",
    "scored_of",
    "unassessed_dimensions",
    "weighted_median",
]
