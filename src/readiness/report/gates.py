"""Stage gates in words: each `and` condition of a gate with today's value, the stage track,
and what a gate asks of each dimension.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from readiness.condition_terms import split_terms, thresholds
from readiness.conditions import ConditionError, compile_condition
from readiness.index import fact_space_for
from readiness.model import Dimension, Framework
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import disputed_answers
from readiness.report.words import and_words, condition_words, value_words
from readiness.score import GateResult, Scorecard


@dataclass(frozen=True)
class GateTermView:
    """One condition of a stage gate, in words, with today's value and whether it holds."""

    text: str
    current: str
    state: str
    dimensions: tuple[str, ...]
    reads: tuple[str, ...] = ()
    """The facts the condition reads, in the order written."""
    disputed: bool = False
    """It holds only through an answer leadership disputes (see `reading.disputed_answers`)."""

    @property
    def holds(self) -> bool:
        """In place on answers nobody disputes: the one way every page counts a requirement."""
        return self.state == "met" and not self.disputed


@dataclass(frozen=True)
class GateView:
    """A stage gate: its conditions and whether it holds."""

    stage: str
    title: str
    state: str
    terms: tuple[GateTermView, ...]
    met: int
    """The conditions in place on answers nobody disputes (`GateTermView.holds`)."""


@dataclass(frozen=True)
class StageStep:
    """One step of the stage track on the summary page."""

    title: str
    state: str
    note: str


def dimension_max(dimension: Dimension, framework: Framework) -> float:
    """The highest score a dimension can reach on its own aggregate."""
    scale = framework.manifest.scale
    if dimension.aggregate == "sum":
        return scale.max * sum(q.weight for q in dimension.questions)
    return scale.max


def dimension_min(dimension: Dimension, framework: Framework) -> float:
    """The lowest score a dimension can take on its own aggregate."""
    scale = framework.manifest.scale
    if dimension.aggregate == "sum":
        return scale.min * sum(q.weight for q in dimension.questions)
    return scale.min


def stage_track(
    framework: Framework,
    scorecard: Scorecard,
    next_gate: GateView | None,
    words: Translator = ENGLISH,
) -> tuple[StageStep, ...]:
    """Every stage, marked reached, current or ahead, with a short note."""
    _ = words.gettext
    current = framework.stage_index(scorecard.stage)
    steps = []
    for index, stage in enumerate(framework.manifest.stages):
        if index < current:
            steps.append(StageStep(stage.title, "reached", _("Passed")))
        elif index == current:
            steps.append(StageStep(stage.title, "current", _("Current stage")))
        elif index == current + 1 and next_gate is not None and next_gate.terms:
            steps.append(
                StageStep(
                    stage.title,
                    "ahead",
                    words.ngettext(
                        "Next: %(num)s of %(asked)s requirements met",
                        "Next: %(num)s of %(asked)s requirements met",
                        next_gate.met,
                        asked=len(next_gate.terms),
                    )
                    if len(next_gate.terms) > 1
                    else _("Next: what it requires is in place")
                    if next_gate.met
                    else _("Next: what it requires is not in place yet"),
                )
            )
        else:
            steps.append(StageStep(stage.title, "ahead", _("Later")))
    return tuple(steps)


def requirements_words(
    reads: Sequence[Sequence[str]], framework: Framework, words: Translator = ENGLISH
) -> str:
    """A gate's conditions counted by what they ask, given the facts each reads:
    `20 requirements (5 dimension levels and 15 practices)`; `3 practices` when all are of one
    kind. A condition on one dimension's level is a dimension level, one on one question a
    practice; anything else (an overall score, several facts) a requirement."""
    questions = framework.questions()
    levels = practices = 0
    for names in reads:
        if len(names) == 1 and names[0] in questions:
            practices += 1
        elif (
            len(names) == 1
            and names[0].endswith(".level")
            and names[0].partition(".")[0] in framework.manifest.dimensions
        ):
            levels += 1
    total = len(reads)
    said_levels = words.ngettext("%(num)s dimension level", "%(num)s dimension levels", levels)
    said_practices = words.ngettext("%(num)s practice", "%(num)s practices", practices)
    if levels == total:
        return said_levels
    if practices == total:
        return said_practices
    counted = words.ngettext("%(num)s requirement", "%(num)s requirements", total)
    parts = [p for n, p in ((levels, said_levels), (practices, said_practices)) if n]
    if not parts:
        return counted
    # TRANSLATORS: a count of requirements with what they are, e.g.
    # "20 requirements (5 dimension levels and 15 practices)".
    return words.gettext(
        "%(requirements)s (%(kinds)s)", requirements=counted, kinds=and_words(parts, words)
    )


def term_reads(condition: str | None, framework: Framework) -> list[tuple[str, ...]]:
    """The facts each `and` condition of a gate reads, in the order written."""
    space = fact_space_for(framework, include_stage=False)
    found = []
    for term in split_terms(condition) if condition else ():
        try:
            found.append(tuple(compile_condition(term, space).reads))
        except ConditionError:
            found.append(())
    return found


def range_fraction(value: float | None, low: float, high: float) -> float | None:
    if value is None or high <= low:
        return None
    return (value - low) / (high - low)


# --- gates ------------------------------------------------------------------------------------


def gate_view(
    gate: GateResult, framework: Framework, scorecard: Scorecard, words: Translator = ENGLISH
) -> GateView:
    """A gate split into its `and` conditions, each in words with today's value."""
    space = fact_space_for(framework, include_stage=False)
    disputed = disputed_answers(scorecard)
    terms: list[GateTermView] = []
    if gate.condition:
        for term in split_terms(gate.condition):
            try:
                condition = compile_condition(term, space)
            except ConditionError:
                terms = [_whole_gate(gate, framework, words)]
                break
            outcome = condition.evaluate(scorecard.facts)
            current = ", ".join(
                value_words(name, scorecard.facts.get(name), framework, words)
                for name in condition.reads
            )
            terms.append(
                GateTermView(
                    text=condition_words(term, framework, words),
                    current=current,
                    reads=condition.reads,
                    state={True: "met", False: "not met", None: "undetermined"}[outcome],
                    disputed=outcome is True and any(n in disputed for n in condition.reads),
                    dimensions=tuple(
                        dict.fromkeys(
                            n.split(".")[0]
                            for n in condition.reads
                            if n.split(".")[0] in framework.manifest.dimensions
                        )
                    ),
                )
            )
    state = {True: "holds", False: "does not hold", None: "undetermined"}[gate.holds]
    return GateView(
        stage=gate.stage,
        title=gate.title,
        state=state,
        terms=tuple(terms),
        met=sum(1 for t in terms if t.holds),
    )


def _whole_gate(gate: GateResult, framework: Framework, words: Translator) -> GateTermView:
    state = {True: "met", False: "not met", None: "undetermined"}[gate.holds]
    return GateTermView(condition_words(gate.condition or "", framework, words), "", state, ())


def gate_requirements(
    gate: str | None, framework: Framework, words: Translator = ENGLISH
) -> dict[str, tuple[float, str]]:
    """What a gate asks of each dimension, as (fraction of the dimension's range, words).

    A dimension's requirement is the highest threshold the gate sets on the dimension itself
    (`data.level >= 2`) or on any of its questions (`data.inventory >= 2`), whichever is higher;
    an overall threshold counts for every dimension when the overall score is their minimum.
    """
    manifest = framework.manifest
    scale = manifest.scale
    own: dict[str, tuple[float, str]] = {}
    questions: dict[str, list[tuple[float, str]]] = {}
    for term in split_terms(gate) if gate else ():
        for threshold in thresholds(term) or ():
            head, _, tail = threshold.name.partition(".")
            minimum = manifest.aggregate == "min" and tail != "percent"
            targets = list(manifest.dimensions) if head == "overall" and minimum else [head]
            said = value_words(threshold.name, threshold.value, framework, words)
            for dimension_id in targets:
                if dimension_id not in manifest.dimensions or tail == "coverage":
                    continue
                dimension = framework.dimension(dimension_id)
                if tail == "percent":
                    fraction, bucket = threshold.value / 100, "own"
                elif tail in ("score", "level") or head == "overall":
                    low, high = (
                        dimension_min(dimension, framework),
                        dimension_max(dimension, framework),
                    )
                    fraction, bucket = range_fraction(threshold.value, low, high) or 0.0, "own"
                else:
                    fraction = range_fraction(threshold.value, scale.min, scale.max) or 0.0
                    bucket = "questions"
                if bucket == "own":
                    if dimension_id not in own or own[dimension_id][0] < fraction:
                        shown = (
                            words.gettext("score %(value)s", value=said)
                            if tail == "score"
                            else words.gettext("level %(value)s", value=said)
                            if tail == "level"
                            else said
                        )
                        own[dimension_id] = (fraction, shown)
                else:
                    questions.setdefault(dimension_id, []).append((fraction, said))
    found: dict[str, tuple[float, str]] = {}
    for dimension_id in manifest.dimensions:
        asked = questions.get(dimension_id, [])
        top = max((f for f, _ in asked), default=None)
        if top is not None and (dimension_id not in own or own[dimension_id][0] < top):
            count = sum(1 for f, _ in asked if f == top)
            said = next(w for f, w in asked if f == top)
            found[dimension_id] = (
                top,
                words.ngettext(
                    "%(value)s on %(num)s question",
                    "%(value)s on %(num)s questions",
                    count,
                    value=said,
                ),
            )
        elif dimension_id in own:
            found[dimension_id] = own[dimension_id]
    return found
