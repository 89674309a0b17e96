"""Whether today's stage rests on an answer leadership disputes, and whether a respondent's
weight decides it.

A stage rests on a disputed answer when the stage would not hold had the lowest vote on that
question been agreed instead: the report then says the stage as provisional, names the answer
and the evidence that settles it. When counting every vote equally would also drop the stage,
the weighting decides it, and the report says so where it says the stage (not only in the
appendix).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from readiness.decimals import exact
from readiness.model import Assessment, Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.quotes import clean_words
from readiness.report.reading import practice_names
from readiness.report.words import lower_first
from readiness.score import Scorecard
from readiness.score.gates import reached_stage, unassessed_dimensions
from readiness.score.questions import score_answer
from readiness.score.rollup import Exact
from readiness.score.scoring import answer_values, score_values, scored_of


class RestingAnswer(NamedTuple):
    """A disputed answer today's stage rests on."""

    practice: str
    """The practice in words (`Operational monitoring of production models`)."""
    evidence: str
    """The first thing to ask for to settle it (the full list is with the dispute)."""
    weighting: str | None
    """When a respondent's weight decides the stage, that in a sentence; else None."""


def first_item(text: str) -> str:
    """The first item of a list written as a sentence (`a (b, c), d, e.` -> `a (b, c)`)."""
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in ",;":
            return text[:index]
    return text.rstrip(".")


def stage_with(
    framework: Framework, assessment: Assessment, scorecard: Scorecard, key: str, value: Exact
) -> int:
    """The stage index the scorecard reaches with one question's value replaced."""
    dimension = key.partition(".")[0]
    values = answer_values(framework, assessment, scorecard, dimension)
    values[key] = value
    scored = score_values(
        framework,
        assessment.organization,
        values,
        since=scored_of(scorecard),
        changed={dimension},
    )
    stage = reached_stage(framework, scored.facts, unassessed_dimensions(scorecard.dimensions))
    return framework.stage_index(stage)


def _weighting(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    key: str,
    words: Translator,
) -> str | None:
    """The sentence saying a respondent's weight decides the stage, or None when it does not."""
    dimension = key.partition(".")[0]
    answer = assessment.answers[key]
    heavier = [
        r
        for r in assessment.respondents
        if r.weights.get(dimension, 1.0) != 1.0 and answer.votes.get(r.id) is not None
    ]
    if not heavier:
        return None
    equal = assessment.model_copy(
        update={
            "respondents": [r.model_copy(update={"weights": {}}) for r in assessment.respondents]
        }
    )
    question = framework.questions()[key]
    unweighted = score_answer(key, question, answer, equal)[1]
    if unweighted is None:
        return None
    current = framework.stage_index(scorecard.stage)
    if stage_with(framework, assessment, scorecard, key, unweighted) >= current:
        return None
    weighted = next(q.value for d in scorecard.dimensions for q in d.questions if q.key == key)
    who = heavier[0]
    shown = {
        "role": who.role,
        "times": format_number(who.weights[dimension]),
        "dimension": lower_first(framework.dimension(dimension).title),
        "weighted": format_number(weighted or 0.0),
        "equal": format_number(round(float(unweighted), 2)),
    }
    # The stage turns on the weight: its reason, or that there is none, is said here, once.
    if who.weight_reason:
        return words.gettext(
            "The stage holds only because the %(role)s's vote counts %(times)s times on "
            "%(dimension)s (%(weighted)s; counted equally, %(equal)s), a weight given for "
            "this reason: %(reason)s.",
            reason=clean_words(who.weight_reason).rstrip("."),
            **shown,
        )
    return words.gettext(
        "The stage holds only because the %(role)s's vote counts %(times)s times on %(dimension)s "
        "(%(weighted)s; counted equally, %(equal)s), a weight the assessment gives no reason for.",
        **shown,
    )


def resting_answers(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    words: Translator = ENGLISH,
) -> tuple[RestingAnswer, ...]:
    """The disputed, unsettled answers today's stage rests on (the stage would fall were the
    lowest vote agreed), in framework order."""
    current = framework.stage_index(scorecard.stage)
    if current == 0:
        return ()
    names = practice_names(framework)
    questions = framework.questions()
    found = []
    for dimension in scorecard.dimensions:
        for scored in dimension.questions:
            if not scored.disputed or scored.status != "votes":
                continue
            cast = [v for v in scored.votes.values() if v is not None]
            lowest: Fraction = exact(min(cast))
            if stage_with(framework, assessment, scorecard, scored.key, lowest) >= current:
                continue
            question = questions[scored.key]
            found.append(
                RestingAnswer(
                    practice=names.get(scored.key, f"“{question.text}”"),
                    evidence=first_item(question.evidence),
                    weighting=_weighting(framework, assessment, scorecard, scored.key, words),
                )
            )
    return tuple(found)


def provisional_words(resting: Sequence[RestingAnswer], stage: str, words: Translator) -> str:
    """Why the stage is provisional (the evidence that settles each answer, and the weighting
    where a respondent's weight decides it, are listed after it: `Story.provisional`)."""
    return words.ngettext(
        "%(stage)s is provisional: it holds only if leadership's disputed answer stands (were "
        "the lowest vote agreed, it would not). What settles it, first:",
        "%(stage)s is provisional: it holds only if these %(num)s answers leadership disputes "
        "stand (were the lowest vote agreed on any, it would not). What settles each, first:",
        len(resting),
        stage=stage,
    )
