"""What finishing initiatives does to the scores: each fact an initiative raises is brought to
its level (a question to the lowest scale point meeting the threshold; a dimension or overall
fact by raising that dimension's answered questions to the lowest scale point that makes it
hold), and the assessment is re-scored through the one scoring path (`score_dimension` and
`with_overall`, the steps of `score.score_values`, which scores an assessment), rolling up
again only the dimensions whose answers changed, each once per set of its values. What an initiative raises is read through `condition_terms.raised_thresholds`: its
`raises`, else the thresholds of its `done_when`. The simulated stage follows the scorecard's
evidence discipline: planned work raises answers, it does not make a thin dimension assessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, cast

from readiness.condition_terms import Threshold, raised_thresholds
from readiness.conditions import FactValue
from readiness.index import derived, framework_index
from readiness.model import Assessment, Framework, Initiative
from readiness.score import (
    Exact,
    Scorecard,
    Scored,
    reached_stage,
    score_assessment,
    scored_of,
    unassessed_dimensions,
)
from readiness.score.rollup import Rollup, reported
from readiness.score.scoring import score_dimension, with_overall


def simulate_done(
    framework: Framework,
    assessment: Assessment,
    initiatives: Iterable[Initiative],
    scorecard: Scorecard | None = None,
    *,
    include_stage: bool = True,
) -> dict[str, FactValue]:
    """The facts once every given initiative is done: what each raises brought to its level (see
    the module docstring), the assessment re-scored. An initiative that raises nothing
    readable changes nothing. `scorecard` is the assessment's own,
    when the caller has it. Without `include_stage` the `stage` fact is left out, which saves
    evaluating every gate (the gate checks do not read it)."""
    card = scorecard or score_assessment(assessment, framework)
    simulator = Simulator(framework, assessment, card)
    return dict(simulator.done(initiatives, include_stage=include_stage))


class Simulator:
    """`simulate_done` for one scored assessment, asked many times by one plan: every
    simulation starts from the exact values the scorecard rolled up (`DimensionScore.values`,
    not worked out again from the answers), records only the answers it raises, and rolls a
    dimension up again only for a row no earlier simulation gave it. Its
    memos (simulated facts per set of met thresholds, with and without the stage; each
    dimension's roll-up per row) live and die with it."""

    def __init__(self, framework: Framework, assessment: Assessment, card: Scorecard) -> None:
        self.framework = framework
        self.assessment = assessment
        self.card = card
        self.organization = assessment.organization
        index = framework_index(framework)
        self.index = index
        self.points = index.points
        self.keys = index.keys
        self.positions = index.positions
        # The values as reported; a re-score reads the exact ones of the dimensions it rolls up.
        self.values = {
            q.key: q.value for d in card.dimensions for q in d.questions if q.status != "unanswered"
        }
        self.scored = scored_of(card)
        self.facts: Mapping[str, FactValue] = self.scored.facts
        self.unassessed = unassessed_dimensions(card.dimensions)
        self.raising = _raising(framework)
        self.reported_points = _reported_points(framework)
        self.remembered: dict[frozenset[int], dict[str, FactValue]] = {}
        self.staged: dict[frozenset[int], dict[str, FactValue]] = {}
        self.dimensions: dict[
            tuple[str, tuple[tuple[int, float], ...]], tuple[Rollup, dict[str, FactValue]]
        ] = {}

    def rescore(self, raised: Mapping[str, float], changed: set[str]) -> Scored:
        """Score the assessment's answers with these raised to the given scale points (each a
        question of a `changed` dimension, n/a never raised) through the one scoring path
        (`score_dimension`, `with_overall`): every other answer counts with its exact value
        (the exact mean of its votes). A dimension's roll-up is remembered per set of its
        raised answers."""
        rollups = list(self.scored.rollups)
        facts = dict(self.facts)
        positions, layouts = self.positions, self.index.layout
        for dimension in sorted(changed, key=positions.__getitem__):
            position = positions[dimension]
            layout = layouts[position]
            # The dimension's raised answers as (place among its questions, value).
            raised_here = tuple(
                [(place, raised[key]) for place, key in enumerate(layout.keys) if key in raised]
            )
            memo = (dimension, raised_here)
            found = self.dimensions.get(memo)
            if found is None:
                scored = self.card.dimensions[position]
                row: list[Exact | None] = list(scored.values)
                for place, value in raised_here:
                    row[place] = value
                rollup, dimension_facts = score_dimension(
                    self.index, layout, row, scored.not_applicable
                )
                # The raised questions' facts; the others' are the assessment's own.
                keys, reported_points = layout.keys, self.reported_points
                for place, value in raised_here:
                    dimension_facts[keys[place]] = reported_points[value]
                found = self.dimensions[memo] = (rollup, dimension_facts)
            rollups[position] = found[0]
            facts.update(found[1])
        return with_overall(self.framework, self.organization, rollups, facts)

    def done(
        self, initiatives: Iterable[Initiative], *, include_stage: bool = True
    ) -> dict[str, FactValue]:
        """The facts once these initiatives are done (see `simulate_done`); remembered per
        set of raised thresholds, so asking again for the same work costs nothing. The result
        is shared: do not change it."""
        raises = self.raising.by_initiative
        key = frozenset[int]().union(*[raises[i.id] for i in initiatives])
        facts = self.remembered.get(key)
        if facts is None:
            facts = self.remembered[key] = self.met(key)
        if not include_stage:
            return facts
        staged = self.staged.get(key)
        if staged is None:
            stage = reached_stage(self.framework, facts, self.unassessed)
            staged = self.staged[key] = {**facts, "stage": stage}
        return staged

    def met(self, thresholds_met: frozenset[int]) -> dict[str, FactValue]:
        """The facts once these exit thresholds (numbered as in `_raising`) are met (what
        `done` simulates), without the `stage`."""
        framework, values = self.framework, self.values
        raising = self.raising
        raised: dict[str, float] = {}  # question -> the level work brings it to
        facts = self.facts
        changed: set[str] = set()
        # A question ends at the highest level work brings it to, whatever the order.
        on_questions = raising.on_questions
        for number in thresholds_met:
            raises = on_questions[number]
            if raises is None:
                continue  # a dimension, overall or organization term, or beyond the scale
            name, target, dimension = raises
            if name in raised:
                if raised[name] >= target:
                    continue
            elif name in values:
                current = values[name]
                if current is None or current >= target:
                    continue  # answered n/a (the question does not apply), or there already
            raised[name] = target
            changed.add(dimension)
        if changed:
            facts = self.rescore(raised, changed).facts
        # Dimension and overall terms, in order (numbered in sorted order).
        thresholds = raising.thresholds
        for number in sorted(thresholds_met & raising.terms):
            term = thresholds[number]
            if term.holds(facts.get(term.name)):
                continue
            prefix = term.name.partition(".")[0]
            if prefix == "overall":
                scope = list(framework.manifest.dimensions)
            elif prefix in framework.manifest.dimensions:
                scope = [prefix]
            else:
                continue  # organization facts: no initiative changes them
            # The answered questions of the scope are raised; a dimension with none answered
            # gets its unanswered ones (n/a stays n/a).
            raise_keys: list[str] = []
            for dimension_id in scope:
                keys = self.keys[dimension_id]
                answered = [k for k in keys if k in raised or values.get(k) is not None]
                raise_keys.extend(answered or [k for k in keys if k not in values])
            for point in self.points:
                trial = dict(raised)
                for key in raise_keys:
                    current = trial[key] if key in trial else values.get(key)
                    if current is None or current < point:
                        trial[key] = point
                if trial == raised:
                    continue
                candidate = self.rescore(trial, changed | set(scope)).facts
                if term.holds(candidate.get(term.name)):
                    raised, facts = trial, candidate
                    changed |= set(scope)
                    break
        # The assessment's own facts are shared: a simulation that changed nothing returns them.
        return cast(dict[str, FactValue], facts)


class _Raising(NamedTuple):
    """The thresholds initiatives raise, numbered in sorted order, so a simulation's memo key
    is a set of small numbers rather than of thresholds hashed again at every look-up."""

    thresholds: tuple[Threshold, ...]
    """Every threshold some initiative raises, sorted; its number is its place."""
    on_questions: tuple[tuple[str, float, str] | None, ...]
    """Per number, for a threshold on a question that some scale point meets: the question,
    the lowest such point and the question's dimension; else None."""
    terms: frozenset[int]
    """The numbers of the thresholds on dimension, overall or organization facts."""
    by_initiative: dict[str, frozenset[int]]
    """What each initiative raises, by id."""


@derived
def _raising(framework: Framework) -> _Raising:
    raised = {i.id: raised_thresholds(i) for i in framework.initiatives}
    thresholds = tuple(sorted({t for ts in raised.values() for t in ts}))
    number = {t: n for n, t in enumerate(thresholds)}
    columns = framework_index(framework).columns
    points = framework.manifest.scale.points()
    on_questions: list[tuple[str, float, str] | None] = []
    for t in thresholds:
        target = lowest_point(points, t)
        if t.name in columns and target is not None:
            on_questions.append((t.name, target, columns[t.name][0]))
        else:
            on_questions.append(None)
    return _Raising(
        thresholds,
        tuple(on_questions),
        frozenset(n for n, t in enumerate(thresholds) if t.name not in columns),
        {i: frozenset(number[t] for t in ts) for i, ts in raised.items()},
    )


def lowest_point(points: tuple[float, ...], term: Threshold) -> float | None:
    """The lowest scale point meeting a threshold; None when none does."""
    for point in points:
        if term.holds(point):
            return point
    return None


@derived
def _reported_points(framework: Framework) -> dict[float, float | None]:
    """Each scale point as `reported`: the fact of a question raised to it."""
    return {point: reported(point) for point in framework.manifest.scale.points()}
