"""What the first wave's money buys: its work split by why the plan holds it.

Each planned initiative falls in exactly one part, the first that applies:

1. `required`: the least work the stages the wave reaches require (the next stage when it
   reaches none): the cheapest set of the plan's work, by person-months, that makes each of
   their gates hold by its milestone, with its prerequisites (`minimum.least_work`), as far as
   the wave holds it. It is proven the least (`FundingSplit.least`) unless the search runs out
   of checks; the set is then the least found, and the report does not call it the minimum.
   When the plan does not reach a stage, no planned work does, and the part is instead the
   work on what its gate asks: a reason that is a term of the gate, or a gap or a finding on a
   question an open term reads (a term that does not hold today, or holds only on an answer
   leadership disputes), directly or through its dimension's level (or the overall one) when
   the question is below the level asked; a finding only for work that raises its question.
2. `high`: a high-severity finding of today's assessment asked for it: what the organization
   must fix whatever its stage.
3. `rest`: other findings (and those met on the way), gaps to the target, work under way.

Work fixes a high-severity finding only when it answers it and raises a question the finding
read (`fixes`): a containment step (work that raises no practice) answers a live exposure while
the lasting fix is built, and the finding waits for that fix (`Waiting.contained`).

A prerequisite belongs to the most important part of any planned work that needs it,
transitively (work already under way needs none: the schedule starts it at once). So the parts
of a wave's initiatives sum to the wave's effort exactly.

The other parts can be phased without delaying the stages when the plan reaches every one of
them (`FundingSplit.reached_by`): by construction, each required initiative ends by its
stage's milestone, and each prerequisite of required work is required too and ends before the
work that needs it starts; so no required work waits for work of another part, and all of it
is done by the milestones. When the plan does not reach a stage, its work is not bounded by a
milestone: the other parts are then only not needed for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from readiness.condition_terms import term_threshold
from readiness.conditions import FactValue
from readiness.model import Assessment, Framework, Stage
from readiness.plan.raising import (
    GateTerm,
    gate_terms,
    needers_first,
    prerequisites,
    raised_levels,
)
from readiness.plan.records import Plan, PlannedInitiative, Reason
from readiness.plan.select import gate_reason_title
from readiness.report.cost import person_months
from readiness.report.fixing import (
    Contained,
    Waiting,
    containment_steps,
    fixed_findings,
    lasting_start,
    waiting_findings,
)
from readiness.report.minimum import Target, least_work
from readiness.report.reading import disputed_answers
from readiness.report.waves import Wave
from readiness.rules import RuleResults
from readiness.score import Scorecard

PartKind = Literal["required", "high", "rest"]
PARTS: tuple[PartKind, ...] = ("required", "high", "rest")
"""The parts, most important first: an initiative belongs to the first that applies."""


class FundingPart(NamedTuple):
    """One part of the funded work: why it is there, its initiatives and their effort."""

    kind: PartKind
    initiatives: tuple[PlannedInitiative, ...]
    """In the order given (the wave's start order)."""
    fte_months: Decimal
    """Their person-months as the report shows them (`cost.person_months`)."""
    findings: tuple[str, ...]
    """Rule ids of today's high-severity findings this part's work fixes (`fixes`), for the
    `high` part."""
    gaps: bool
    """Whether some of its work raises practices toward the target (a gap is one of its
    reasons)."""
    prerequisites: int
    """How many of its initiatives are in it only as work the others build on."""
    contained: tuple[Contained, ...] = ()
    """Today's high-severity findings a containment step of this part answers and none of its
    work fixes, for the `high` part: their lasting fix is other work, or none is planned."""
    steps: frozenset[str] = frozenset()
    """The ids of its containment steps (`containment_steps`), for the `high` part."""


class FundingSplit(NamedTuple):
    """The funded work in parts: non-empty parts only, most important first."""

    stage: str | None
    """The title of the furthest stage the work is for (`wave_goals`; None at the last
    stage: nothing is required of it)."""
    parts: tuple[FundingPart, ...]
    fte_months: Decimal
    """The whole of the funded work: the sum of the parts."""
    high_findings: int = 0
    """How many high-severity findings today's assessment has (the `high` part may fix fewer:
    others are fixed by required work, or by work outside the wave: `waiting`)."""
    reached_by: int | None = None
    """The milestone (exclusive month offset) of the last stage the work is for, when the plan
    reaches every such stage: the required part is then done by it and needs nothing of the
    other parts (see the module docstring). None otherwise, or with no stage."""
    waiting: tuple[Waiting, ...] = ()
    """Today's high-severity findings no work of the wave fixes (`fixes`), the earliest start
    first: a finding the wave only contains waits for its lasting fix."""
    fixed_by_required: int = 0
    """How many high-severity findings the `required` part's work fixes."""
    required_findings: frozenset[str] = frozenset()
    """The rule ids of those findings."""
    least: bool = False
    """Whether the `required` part is the least planned work that reaches the stages, proven
    so (`minimum.least_work`): only then is it the minimum. False when the plan does not reach
    them (the part is the work on what their gates ask) or the search ran out of checks."""


class Goal(NamedTuple):
    """A stage the funded work is for, and when the plan reaches it."""

    stage: Stage
    by: int | None
    """Exclusive month offset by which the plan reaches it; None when it does not."""


def wave_goals(
    wave: Wave, plan: Plan, framework: Framework, scorecard: Scorecard
) -> tuple[Goal, ...]:
    """The stages a wave reaches, each with its milestone; a wave that reaches none (the first
    year's work, or work at the last stage) is for the next stage, if there is one."""
    stages = framework.manifest.stages
    ids = [s.id for s in stages]
    reached = tuple(
        Goal(stages[ids.index(b.stage) + 1], b.month) for b in wave.reaches if b.kind == "stage"
    )
    return reached or next_goal(plan, framework, scorecard)


def next_goal(plan: Plan, framework: Framework, scorecard: Scorecard) -> tuple[Goal, ...]:
    """The next stage with the month the plan reaches it; empty at the last stage."""
    stage = next((s for s in framework.manifest.stages if s.id == scorecard.next_stage), None)
    if stage is None:
        return ()
    milestone = next((m for m in plan.milestones if m.stage == scorecard.stage), None)
    reached = milestone is not None and milestone.reachable
    return (Goal(stage, milestone.month if milestone is not None and reached else None),)


def initiative_parts(
    plan: Plan,
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    goals: Sequence[Goal] | None = None,
) -> dict[str, PartKind]:
    """The part of every planned initiative (see the module docstring), for `goals` (default:
    the next stage, `next_goal`)."""
    if goals is None:
        goals = next_goal(plan, framework, scorecard)
    own, _ = _own_ranks(plan, framework, assessment, scorecard, results, goals)
    ranks = _with_prerequisites(own, framework, _under_way(plan))
    return {i: PARTS[n] for i, n in ranks.items()}


def _own_ranks(
    plan: Plan,
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    goals: Sequence[Goal],
) -> tuple[dict[str, int], bool]:
    """Per planned initiative, the part (as an index of `PARTS`) its own reasons put it in,
    before what needs it is counted (the least work the goals need is required whatever its
    reasons); and whether the required work is the proven least (`FundingSplit.least`)."""
    least = None
    if goals and all(g.by is not None for g in goals):
        targets = [Target(g.stage.id, g.by) for g in goals if g.by is not None]
        least = least_work(plan, framework, assessment, scorecard, targets)
    asks = _Asks(framework, scorecard, goals) if least is None else None
    high = {f.rule for f in results.findings if f.severity == "high"}
    rank = {}
    for item in plan.initiatives:
        ranks = [0 if least is not None and item.id in least.initiatives else 2]
        for reason in item.why:
            if asks is not None and asks.requires(item, reason):
                ranks.append(0)
            elif reason.kind == "rule" and reason.rule in high:
                ranks.append(1)
        rank[item.id] = min(ranks)
    return rank, least is not None and least.proven


def _under_way(plan: Plan) -> frozenset[str]:
    return frozenset(i.id for i in plan.initiatives if i.status == "in_progress")


def _with_prerequisites(
    own: dict[str, int], framework: Framework, under_way: frozenset[str]
) -> dict[str, int]:
    """The ranks with each prerequisite in the most important part of what needs it: in one
    pass, each needer before its prerequisites, so a part passes on down a chain. Work already
    `under_way` passes nothing on: it waits for no prerequisite (the schedule starts it at
    once), so its prerequisites are not what it needs to finish."""
    rank = dict(own)
    required = prerequisites(framework)
    for needer in needers_first(framework):
        if needer not in rank or needer in under_way:
            continue
        for dependency in required[needer]:
            if dependency in rank:
                rank[dependency] = min(rank[dependency], rank[needer])
    return rank


def split_funding(
    wave: Wave,
    plan: Plan,
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
) -> FundingSplit:
    """The initiatives of a wave of `plan` in parts (`initiative_parts`, for the stages the wave
    reaches: `wave_goals`)."""
    items = wave.initiatives
    goals = wave_goals(wave, plan, framework, scorecard)
    own, least = _own_ranks(plan, framework, assessment, scorecard, results, goals)
    rank = _with_prerequisites(own, framework, _under_way(plan))
    part_of = {i: PARTS[n] for i, n in rank.items()}
    high = {f.rule for f in results.findings if f.severity == "high"}
    raised = raised_levels(framework)
    steps = containment_steps(framework)
    parts = []
    for kind in PARTS:
        members = tuple(i for i in items if part_of[i.id] == kind)
        if not members:
            continue
        # Only the high-severity part is said by its findings: what it fixes, what it contains.
        found = fixed_findings(members, high, raised) if kind == "high" else set()
        held = {r.rule for i in members if i.id in steps for r in i.why if r.rule in high}
        contained = sorted(held - found) if kind == "high" else []
        parts.append(
            FundingPart(
                kind,
                members,
                person_months(members),
                tuple(sorted(found)),
                any(r.kind == "gap" for i in members for r in i.why),
                sum(1 for i in members if own[i.id] != rank[i.id]),
                tuple(Contained(str(r), lasting_start(plan, str(r), raised)) for r in contained),
                frozenset(i.id for i in members if i.id in steps and kind == "high"),
            )
        )
    required = fixed_findings([i for i in items if part_of[i.id] == "required"], high, raised)
    return FundingSplit(
        goals[-1].stage.title if goals else None,
        tuple(parts),
        sum_parts(p.fte_months for p in parts),
        len(high),
        goals[-1].by if goals and all(g.by is not None for g in goals) else None,
        waiting_findings(items, plan, results, framework),
        len(required),
        frozenset(str(rule) for rule in required),
        least,
    )


def sum_parts(months: Iterable[Decimal]) -> Decimal:
    """The person-months of several parts together."""
    return sum(months, Decimal(0))


class _Asks:
    """What the gates of the goals still ask, to test the reasons of planned work against."""

    def __init__(self, framework: Framework, scorecard: Scorecard, goals: Sequence[Goal]) -> None:
        self.framework = framework
        self.facts = scorecard.facts
        self.questions = framework.questions()
        stages = [s.id for s in framework.manifest.stages]
        disputed = disputed_answers(scorecard)
        terms_of = gate_terms(framework)
        self.goals = []
        for goal in goals:
            # Open: not holding today, or holding only on a disputed answer (What it takes
            # counts these as open too).
            terms = tuple(
                term
                for term in terms_of[stages.index(goal.stage.id)]
                if term.condition.evaluate(scorecard.facts) is not True
                or any(name in disputed for name in term.condition.reads)
            )
            # A gate reason carries no stage id: its title names the stage and the term.
            titles = frozenset(gate_reason_title(goal.stage.title, t.text) for t in terms)
            self.goals.append((terms, titles, goal.by))

    def requires(self, item: PlannedInitiative, reason: Reason) -> bool:
        """Whether `reason` is one a goal asks for: a term of its gate, or a gap or a finding on
        a question an open term asks for, in work that ends by the time the stage is reached
        (work that ends later is not what reaching it requires). A finding counts only for work
        that raises its question: work that answers it without raising a practice (a
        containment step) moves no gate."""
        raised = raised_levels(self.framework).get(item.id, {})
        for terms, titles, by in self.goals:
            if by is not None and item.end_month > by:
                continue
            if reason.kind == "gate" and reason.title in titles:
                return True
            if reason.kind in ("gap", "rule") and any(
                self._asks(term, name, value)
                for name, value in reason.facts
                if name in self.questions and (reason.kind == "gap" or name in raised)
                for term in terms
            ):
                return True
        return False

    def _asks(self, term: GateTerm, question: str, value: FactValue) -> bool:
        """Whether a gate term asks for a question: it reads it; or it reads its dimension's
        level or score (or the overall one, when the overall is the weakest dimension's and this
        dimension is below it) and the question is below the level asked (any question, for a
        dimension whose score is the sum of its practices)."""
        reads = term.condition.reads
        if question in reads:
            return True
        dimension = question.partition(".")[0]
        asked = term_threshold(term.text)
        summed = self.framework.dimension(dimension).aggregate == "sum"
        for fact in reads:
            head, _, tail = fact.partition(".")
            if fact in self.questions or head not in (dimension, "overall"):
                continue
            own = f"{dimension}.{tail}"
            if (
                head == "overall"
                and self.framework.manifest.aggregate == "min"
                and asked is not None
                and asked.holds(self.facts.get(own))
            ):
                continue  # not this dimension that holds the overall back
            if asked is None or summed:
                return True
            if not isinstance(value, int | float) or value < asked.value:
                return True
        return False
