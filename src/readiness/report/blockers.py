"""What holds an organization back from its next stage: the requirements of the next stage's
gate that are open today, each with what raising serves it (`stage_blockers`); at the last
stage, the practices below the level the stage expects of every practice. A requirement met
only on an answer leadership disputes is marked so; a dimension's level is served only by its
practices still below that level."""

from __future__ import annotations

from typing import NamedTuple

from readiness.condition_terms import split_terms, thresholds
from readiness.conditions import ConditionError, compile_condition
from readiness.index import fact_space_for
from readiness.model import Framework
from readiness.plan.records import Plan
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import disputed_answers
from readiness.report.standard import last_stage_standard
from readiness.report.standing import binding
from readiness.report.words import condition_words, lower_first, practice_name, value_words
from readiness.score import Scorecard


class Blocker(NamedTuple):
    """A term of the next stage's gate that does not hold today, or a practice below the last
    stage's standard: what holds the organization back."""

    text: str
    """What is asked, in words (`Infrastructure and MLOps: operational monitoring at Defined
    (3) or better`)."""
    today: str
    """Today's answer in words (`Repeatable`)."""
    asks: dict[str, float | None]
    """The questions whose raising serves it, with the level each must reach (None: any level
    above today's answer)."""
    disputed: bool
    """It holds today, but only through an answer leadership disputes."""


def stage_blockers(
    framework: Framework, scorecard: Scorecard, plan: Plan, words: Translator = ENGLISH
) -> tuple[Blocker, ...]:
    """What holds the organization back from its next stage, failing terms first; at the last
    stage, the practices below the stage's standard."""
    facts = scorecard.facts
    questions = framework.questions()
    if scorecard.next_stage is None:
        return tuple(
            Blocker(
                lower_first(practice_name(questions[key])),
                level_label(facts.get(key), framework, words),
                {key: None},
                False,
            )
            for key in last_stage_standard(framework, plan).below
            if key in questions
        )
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    if gate is None or not gate.condition:
        return ()
    space = fact_space_for(framework, include_stage=False)
    disputed = disputed_answers(scorecard)
    held = {d.id for d in binding(framework, scorecard)}
    found = []
    for term in split_terms(gate.condition):
        try:
            condition = compile_condition(term, space)
        except ConditionError:
            continue
        contested = any(name in disputed for name in condition.reads)
        if condition.evaluate(facts) is True and not contested:
            continue
        asks: dict[str, float | None] = {}
        levels = {t.name: t.value for t in thresholds(term) or () if not t.strict}
        for name in condition.reads:
            head, _, tail = name.partition(".")
            if name in questions:
                asks[name] = levels.get(name)
            elif head == "overall" or (
                head in framework.manifest.dimensions and tail != "coverage"
            ):
                scope = (
                    (held or set(framework.manifest.dimensions)) if head == "overall" else {head}
                )
                # A dimension's level is lifted by the practices still below it; one at the
                # level already is in place, whatever it adds to the mean.
                floor = levels.get(name) if tail == "level" else None
                asks.update(
                    {
                        key: None
                        for key in questions
                        if key.partition(".")[0] in scope
                        and (floor is None or (number(facts.get(key)) or 0.0) < floor)
                    }
                )
        reads = condition.reads
        head, _, tail = reads[0].partition(".") if reads else ("", "", "")
        on_scale = len(reads) == 1 and (
            reads[0] in questions
            or (
                tail == "level"
                and head in framework.manifest.dimensions
                and framework.dimension(head).aggregate != "sum"
            )
        )
        today = (
            level_label(facts.get(reads[0]), framework, words)
            if on_scale
            else ", ".join(value_words(n, facts.get(n), framework, words) for n in reads)
        )
        found.append(Blocker(_asked_words(term, framework, words), today, asks, contested))
    return tuple(sorted(found, key=lambda b: b.disputed))


def _asked_words(term: str, framework: Framework, words: Translator) -> str:
    """What a gate term asks, mid-sentence, as the gate tables word it
    (`words.condition_words`): `operational monitoring at Defined`, `infrastructure and MLOps
    at Repeatable overall`; a requirement on the overall score takes its article (`an overall
    score above 3`)."""
    said = lower_first(condition_words(term, framework, words))
    reads = [t.name for t in thresholds(term) or ()]
    if reads and all(name.partition(".")[0] == "overall" for name in reads):
        # TRANSLATORS: a requirement on the overall score, e.g. "an overall score above 3".
        return words.gettext("an %(requirement)s", requirement=said)
    return said


def level_label(value: object, framework: Framework, words: Translator = ENGLISH) -> str:
    """Today's level of a practice or dimension by its label (`Repeatable`)."""
    found = number(value)
    if found is None:
        return words.gettext("no level")
    return framework.manifest.scale.label(found)


def number(value: object) -> float | None:
    """A fact's value as a number (None when it is not one)."""
    return float(value) if isinstance(value, int | float) else None
