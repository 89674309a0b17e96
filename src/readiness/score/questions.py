"""A question's scored answer: its level, or the weighted mean (or median) of its votes, with
their spread; a consensus level recorded next to the votes takes precedence."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from readiness.decimals import exact
from readiness.model import Answer, Assessment, Question
from readiness.records import EMPTY_MAPPING
from readiness.score.records import QuestionScore
from readiness.score.rollup import Exact, exact_aggregate, reported


def weighted_median(values: list[tuple[Fraction, Fraction]]) -> Fraction:
    """The weighted median of (value, weight) pairs; midpoint when the halves balance exactly."""
    ordered = sorted(values)
    half = sum((w for _, w in ordered), Fraction(0)) / 2
    running = Fraction(0)
    for index, (value, weight) in enumerate(ordered):
        running += weight
        if running == half and index + 1 < len(ordered):
            return (value + ordered[index + 1][0]) / 2
        if running > half:
            return value
    return ordered[-1][0]


def score_question(
    key: str,
    question: Question,
    answer: Answer | None,
    assessment: Assessment,
) -> QuestionScore:
    """Score one question's answer (value, votes, spread, dispute)."""
    return score_answer(key, question, answer, assessment)[0]


def score_answer(
    key: str,
    question: Question,
    answer: Answer | None,
    assessment: Assessment,
    weights: Mapping[str, float] | None = None,
) -> tuple[QuestionScore, Exact | None]:
    """The scored answer and its exact value (None when n/a or unanswered). `weights`: the
    respondents' weights for the question's dimension (`respondent_weights`), when the caller
    has them."""
    dimension = key.partition(".")[0]
    if answer is None:
        unanswered = QuestionScore(
            key, dimension, None, "unanswered", question.weight, question.critical
        )
        return unanswered, None
    if not answer.votes:
        level = answer.level
        # Every field in its order (see below): no votes means none cast, nothing they
        # aggregate to, no spread, no dispute.
        answered = QuestionScore(
            key,
            dimension,
            reported(level),
            "answered" if level is not None else "n/a",
            question.weight,
            question.critical,
            EMPTY_MAPPING,
            None,
            None,
            None,
            False,
            answer.note,
            answer.evidence,
            answer.confidence,
        )
        return answered, level
    if weights is None:
        weights = respondent_weights(assessment, dimension)
    cast = cast_votes(answer, weights)
    vote_value = aggregate_votes(cast, assessment)
    spread = stdev = None
    if cast:
        levels = [v for v, _ in cast]
        spread = max(levels) - min(levels)
        stdev = _pstdev(levels)
    value: Exact | None
    if answer.level is not None:
        value, status = answer.level, "consensus" if answer.votes else "answered"
    elif answer.na or (answer.votes and not cast):
        value, status = None, "n/a"
    else:
        value, status = vote_value, "votes"
    # Every field in its order, not by keyword: a record built for each question of each
    # assessment pays for each keyword it is given.
    scored = QuestionScore(
        key,
        dimension,
        reported(value),
        status,
        question.weight,
        question.critical,
        dict(sorted(answer.votes.items())),
        reported(vote_value),
        reported(spread),
        reported(stdev),
        spread is not None and spread >= assessment.dispute_threshold,
        answer.note,
        answer.evidence,
        answer.confidence,
    )
    return scored, value


def respondent_weights(assessment: Assessment, dimension: str) -> dict[str, float]:
    """Each respondent's weight for a dimension, by respondent id."""
    return {r.id: r.weights.get(dimension, 1.0) for r in assessment.respondents}


def cast_votes(answer: Answer, weights: Mapping[str, float]) -> list[tuple[float, float]]:
    """The votes cast on an answer (n/a votes left out), each with its respondent's weight for
    the dimension (`weights`, see `respondent_weights`; 1 for a voter not listed), by
    respondent id."""
    return [(v, weights.get(who, 1.0)) for who, v in sorted(answer.votes.items()) if v is not None]


def aggregate_votes(cast: list[tuple[float, float]], assessment: Assessment) -> Exact | None:
    """The exact weighted mean (or median, as the assessment says) of cast votes (see
    `exact_value`); None when none is cast."""
    if not cast:
        return None
    if assessment.vote_aggregate == "median":
        median = weighted_median([(exact(v), exact(w)) for v, w in cast])
        return exact_value(median.numerator, median.denominator)
    return exact_value(*exact_aggregate("mean", cast))


def exact_value(numerator: int, denominator: int) -> Exact:
    """The number numerator / denominator (denominator above 0), as the float that is exactly
    it when there is one that `ratio` reads back as it (a denominator that is a power of two up
    to 1024: a whole number, a half, a quarter; a numerator a float holds), else as a
    fraction.

    Most means of votes on a scale are such numbers; every later step reads a float at the
    cost of a float, and a fraction at the cost of Python arithmetic."""
    common = math.gcd(numerator, denominator)
    numerator, denominator = numerator // common, denominator // common
    if denominator <= 1024 and not denominator & (denominator - 1) and abs(numerator) < 2**53:
        return numerator / denominator
    return Fraction(numerator, denominator)


def _pstdev(levels: list[float]) -> float:
    # Reported only, to 4 decimals; on a few scale points floats agree with exact fractions.
    mean = math.fsum(levels) / len(levels)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in levels) / len(levels))
