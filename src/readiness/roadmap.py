"""Roadmap planning: from findings to a staged, month-by-month plan of initiatives.

The steps, stated in the report's method section:

Selection. The plan holds the initiatives recommended by the fired rules, every `depends_on`
prerequisite of those (transitively, even when no rule recommends it), and every initiative the
assessment marks `in_progress`. Left out, and listed:
- *achieved*: marked `done` in the assessment's `initiatives:`, or whose `done_when` holds on
  today's answers. An achieved prerequisite is not planned again, and its dependents do not
  wait for it. (`done` is trusted even when `done_when` does not hold yet; a warning says so.)
- *dropped*: marked `dropped` in the assessment. It is listed as deferred with that reason;
  its dependents are planned without waiting for it, with a warning.
Each planned initiative says why it is there: the rules that asked for it and the answers they
read, "prerequisite of X", or "in progress".

Stages. Each initiative belongs to the earliest stage whose work it is. The plan has one block
per stage from the organization's current stage on; the work of a stage block is what should
make the *next* stage's gate hold. Initiatives of stages the organization has already reached
are foundations it skipped: they are planned in the first block (the current stage's), where
they compete on priority like any other work, instead of opening a block of their own that
would hold everything else back; a warning lists them. A block's work starts only when the
previous block's work has ended, less the framework's `stage_overlap_months`.

Schedule. Months are counted from the plan start (default: the month after the assessment
date). Block by block, month by month, the ready initiatives (every dependency ended; an
`in_progress` initiative is already under way and waits for nothing) start in priority order while fewer than `capacity` run in each month they would take. Priority within
a block: `in_progress` first, then the worst severity of the findings that asked for it
(prerequisites inherit the severity of what needs them), then the gap it closes (how far the
facts of its `done_when` thresholds are below them, summed; without a threshold, the distance
of its dimension's score from the top of the scale), then id.

Horizon. What would end after the framework's `horizon.max_months` is deferred with the
reason (never squeezed or silently dropped). A plan shorter than `min_months` is kept as it is,
with a note: the horizon is a planning window, not a target.

Milestones and gate coverage. Each block ends with a milestone naming the gate its work should
make true. The plan simulates "every planned initiative up to this block is done": each
`done_when` that is a conjunction of `name >= number` / `name > number` terms raises its facts
to the thresholds (a question to the lowest scale point that satisfies it; a dimension or
overall fact by raising that dimension's answered questions to the lowest scale point that
satisfies it), the assessment is re-scored, and each term of the gate is checked. Terms that
still fail are the milestone's `unaddressed` terms, and a warning names them.

The module is pure: no files, no clock; identical input gives an identical plan whatever the
order of the rules and initiatives in their files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, cast

from readiness.condition_syntax import parse_condition
from readiness.conditions import (
    DIMENSION_FACTS,
    Condition,
    ConditionError,
    FactSpace,
    FactValue,
    compile_condition,
    term_bound,
    terms,
    write,
)
from readiness.errors import UsageError
from readiness.index import achieved, fact_space_for, framework_index
from readiness.model import (
    SEVERITY_ORDER,
    Assessment,
    Framework,
    Initiative,
    Severity,
    Stage,
)
from readiness.rules import FactReading, RuleResults, format_readings
from readiness.score import (
    Scorecard,
    reached_stage,
    rescore_facts,
    score_assessment,
)

MAX_CAPACITY = 20
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


# --- models -------------------------------------------------------------------------------------


class Reason(NamedTuple):
    """Why an initiative is in the plan."""

    kind: Literal["rule", "prerequisite", "in_progress"]
    """A rule recommended it, another initiative needs it, or it is under way."""
    rule: str | None
    """The rule id, for kind `rule`."""
    title: str
    """A readable line: the rule's title, or what needs it."""
    facts: tuple[FactReading, ...]
    """The answers and scores the rule read, with their values."""
    prerequisite_of: str | None
    """The initiative that needs it, for kind `prerequisite`."""


class PlannedInitiative(NamedTuple):
    """An initiative with its place in the plan."""

    id: str
    """Initiative id."""
    title: str
    """What the initiative does."""
    dimension: str
    """The dimension it improves."""
    stage: str
    """The stage block it is planned in."""
    owner: str
    """The role accountable for it."""
    description: str
    """The work and what it delivers."""
    deliverables: tuple[str, ...]
    """Concrete outputs."""
    kpis: tuple[str, ...]
    """How progress is measured."""
    depends_on: tuple[str, ...]
    """Initiatives that must finish first."""
    done_when: str | None
    """Exit criterion, checked at the next re-score."""
    duration_months: int
    """Elapsed months."""
    effort_fte: float
    """Average full-time people while it runs."""
    start_month: int
    """Offset of its first month from the plan start, 0-based."""
    end_month: int
    """Exclusive offset: it runs months [start_month, end_month)."""
    start: str
    """First calendar month, YYYY-MM."""
    end: str
    """Last calendar month, YYYY-MM."""
    start_quarter: str
    """Quarter of the first month, e.g. 2027-Q1."""
    end_quarter: str
    """Quarter of the last month."""
    status: Literal["planned", "in_progress"]
    """in_progress when the assessment says it is under way."""
    severity: Severity | None
    """Worst severity of the findings that asked for it, directly or through what needs it; None
    when only its status keeps it in the plan."""
    why: tuple[Reason, ...]
    """Every reason it is in the plan."""


class Deferred(NamedTuple):
    """An initiative the plan needs but does not schedule, and why."""

    id: str
    """Initiative id."""
    title: str
    """Initiative title."""
    stage: str
    """The stage block it belongs to."""
    reason: str
    """Why it is not scheduled."""


class Achieved(NamedTuple):
    """An initiative that is already done."""

    id: str
    """Initiative id."""
    title: str
    """Initiative title."""
    how: Literal["status", "done_when"]
    """`status`: marked done in the assessment; `done_when`: its exit criterion holds on today's
    answers."""


class Milestone(NamedTuple):
    """The end of a stage block's work, and the gate it should make true."""

    stage: str
    """The stage whose block of work ends here."""
    title: str
    """Readable name of the milestone."""
    month: int
    """Offset at which the block's work is complete (exclusive end)."""
    date: str
    """The last calendar month of the block's work, YYYY-MM."""
    quarter: str
    """Quarter of that month."""
    gate: str | None
    """The next stage's gate, which this block's work should make true."""
    reachable: bool
    """Whether the gate holds once every planned initiative up to here is done."""
    unaddressed: tuple[str, ...]
    """Gate terms that still fail after that: no planned initiative addresses them."""


class Plan(NamedTuple):
    """A staged roadmap for one assessment."""

    start: str
    """First calendar month, YYYY-MM."""
    end: str
    """Last calendar month with planned work, YYYY-MM."""
    months: int
    """Length of the planned work in months."""
    capacity: int
    """Most initiatives running at once."""
    initiatives: tuple[PlannedInitiative, ...]
    """Scheduled initiatives, by start month, stage order, id."""
    deferred: tuple[Deferred, ...]
    """Needed but not scheduled, with the reason."""
    achieved: tuple[Achieved, ...]
    """Already done, by id."""
    milestones: tuple[Milestone, ...]
    """One per stage block, in stage order."""
    warnings: tuple[str, ...]
    """What the reader of the plan should know."""


# --- calendar -----------------------------------------------------------------------------------


def parse_month(text: str) -> int:
    """`2027-01` -> a month number (year * 12 + month - 1); `UsageError` if it is not YYYY-MM."""
    match = _MONTH.match(text.strip())
    if not match:
        raise UsageError(f"invalid --start '{text}': expected a month as YYYY-MM, e.g. 2027-01")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def parse_capacity(text: str | int) -> int:
    """A capacity from the command line: a whole number from 1 to 20, else `UsageError`."""
    value = str(text).strip()
    if not value.isdigit() or not 1 <= int(value) <= MAX_CAPACITY:
        raise UsageError(
            f"invalid --capacity '{text}': expected a whole number from 1 to {MAX_CAPACITY}"
        )
    return int(value)


def month_label(month: int) -> str:
    """A month number as YYYY-MM."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def quarter_label(month: int) -> str:
    """A month number as its calendar quarter, YYYY-Qn."""
    return f"{month // 12:04d}-Q{month % 12 // 3 + 1}"


# --- conditions as terms ------------------------------------------------------------------------


class Threshold(NamedTuple):
    """One `name >= value` (or `name > value`) term of a condition."""

    name: str
    value: float
    strict: bool

    def holds(self, actual: FactValue) -> bool:
        """Whether a fact value satisfies the threshold."""
        if actual is None or isinstance(actual, str):
            return False
        return actual > self.value if self.strict else actual >= self.value - 1e-9


def split_terms(text: str) -> tuple[str, ...]:
    """The top-level `and` terms of a condition, each written as a condition of its own.

    A condition with a top-level `or` is one term: splitting it would change its meaning.
    """
    return tuple(write(term) for term in terms(parse_condition(text, None)))


def thresholds(text: str | None, space: FactSpace | None = None) -> tuple[Threshold, ...] | None:
    """The terms of a `done_when` that is a conjunction of `name >= n` / `name > n` terms;
    None when it is anything else (it then cannot be simulated). A condition of the framework
    whose fact space is given is not parsed again."""
    if not text:
        return None
    known = space.conditions.get(text) if space is not None else None
    found: list[Threshold] = []
    for term in terms(known.tree if known is not None else parse_condition(text, None)):
        bound = term_bound(term)
        if bound is None or bound.op not in (">=", ">"):
            return None
        found.append(Threshold(bound.fact, bound.value, bound.op == ">"))
    return tuple(found)


# --- simulation ---------------------------------------------------------------------------------


def simulate_done(
    framework: Framework,
    assessment: Assessment,
    initiatives: Iterable[Initiative],
    scorecard: Scorecard | None = None,
    *,
    include_stage: bool = True,
) -> dict[str, FactValue]:
    """The facts once every given initiative is done: each threshold of their `done_when`
    raised (see the module docstring), the assessment re-scored. Initiatives whose `done_when`
    is not a conjunction of thresholds change nothing. `scorecard` is the assessment's own,
    when the caller has it. Without `include_stage` the `stage` fact is left out, which saves
    evaluating every gate (the gate checks do not read it)."""
    card = scorecard or score_assessment(assessment, framework)
    simulator = _Simulator(framework, assessment, card)
    return simulator.done(initiatives, include_stage=include_stage)


class _Simulator:
    """`simulate_done` for one scored assessment, asked many times by one plan: what every
    simulation starts from is worked out once, and dimensions a simulation leaves as they were
    are not rolled up again."""

    def __init__(self, framework: Framework, assessment: Assessment, card: Scorecard) -> None:
        self.framework = framework
        self.organization = assessment.organization
        self.points = framework.manifest.scale.points()
        self.keys = framework_index(framework).keys
        self.space = fact_space_for(framework)
        self.targets: dict[Threshold, float | None] = {}  # lowest scale point meeting each
        self.questions = {key for keys in self.keys.values() for key in keys}
        self.values = {
            q.key: q.value for d in card.dimensions for q in d.questions if q.status != "unanswered"
        }
        self.facts: Mapping[str, FactValue] = card.facts

    def rescore(self, trial: Mapping[str, float | None], changed: set[str]) -> dict[str, FactValue]:
        # The facts of re-scoring the assessment with these levels as its answers, without
        # building a scorecard, rolling up only the dimensions whose answers changed
        # (rescore_facts and score_facts are held equal to score_assessment by the tests).
        return rescore_facts(self.framework, self.organization, self.facts, trial, changed)

    def done(
        self, initiatives: Iterable[Initiative], *, include_stage: bool = True
    ) -> dict[str, FactValue]:
        """The facts once these initiatives are done (see `simulate_done`)."""
        return self.met(
            frozenset(t for i in initiatives for t in (thresholds(i.done_when, self.space) or ())),
            include_stage=include_stage,
        )

    def met(
        self, thresholds_met: frozenset[Threshold], *, include_stage: bool = True
    ) -> dict[str, FactValue]:
        """The facts once these exit thresholds are met (what `done` simulates)."""
        framework, questions = self.framework, self.questions
        terms = sorted(thresholds_met)  # thresholds sort as (name, value, strict) tuples
        values = dict(self.values)
        facts = self.facts
        changed: set[str] = set()
        targets = self.targets
        for term in terms:
            if term.name not in questions:
                continue
            target = targets.get(term, _NO_POINT)
            if target is _NO_POINT:
                target = targets[term] = _lowest_point(self.points, term)
            if target is None or (term.name in values and values[term.name] is None):
                continue  # beyond the scale, or answered n/a: the question does not apply
            current = values.get(term.name)
            if current is None or current < target:
                values[term.name] = target
                changed.add(term.name.partition(".")[0])
        if changed:
            facts = self.rescore(values, changed)
        for term in terms:
            if term.name in questions or term.holds(facts.get(term.name)):
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
                answered = [k for k in keys if values.get(k) is not None]
                raise_keys.extend(answered or [k for k in keys if k not in values])
            for point in self.points:
                trial = dict(values)
                for key in raise_keys:
                    current = trial.get(key)
                    trial[key] = point if current is None else max(current, point)
                if trial == values:
                    continue
                candidate = self.rescore(trial, changed | set(scope))
                if term.holds(candidate.get(term.name)):
                    values, facts = trial, candidate
                    changed |= set(scope)
                    break
        # A re-score made a fresh dict, without the stage; the assessment's own facts are shared.
        simulated = dict(facts) if facts is self.facts else cast(dict[str, FactValue], facts)
        if not include_stage:
            simulated.pop("stage", None)
        elif "stage" not in simulated:
            simulated["stage"] = reached_stage(framework, simulated)
        return simulated


_NO_POINT: Any = object()


def _lowest_point(points: tuple[float, ...], term: Threshold) -> float | None:
    for point in points:
        if term.holds(point):
            return point
    return None


@dataclass(frozen=True)
class GateCheck:
    """A gate checked against simulated facts: does it hold, which terms still fail."""

    holds: bool
    failing: tuple[str, ...]


def check_gate(gate: str, facts: Mapping[str, FactValue], space: FactSpace) -> GateCheck:
    """Evaluate a gate on facts; the terms (top-level `and` parts) that do not hold (false or
    undetermined)."""
    condition = compile_condition(gate, space)
    parts = condition.terms()
    if len(parts) > 1:
        # A conjunction certainly holds exactly when each of its terms certainly does.
        failing = tuple(part.text for part in parts if part.evaluate(facts) is not True)
        return GateCheck(not failing, failing)
    whole = condition.evaluate(facts) is True
    return GateCheck(whole, () if whole else (write(condition.tree),))


# --- planning -----------------------------------------------------------------------------------


@dataclass(eq=False)
class _Item:
    """An initiative on its way into the plan (mutable while the plan is built)."""

    initiative: Initiative
    block: int
    reasons: list[Reason]
    status: Literal["planned", "in_progress"] = "planned"
    severity: int = len(SEVERITY_ORDER)
    gap: float = 0.0
    start: int = 0
    end: int = 0
    id: str = field(init=False)

    def __post_init__(self) -> None:
        self.id = self.initiative.id

    def priority(self) -> tuple[int, int, float, str]:
        return (0 if self.status == "in_progress" else 1, self.severity, -self.gap, self.id)


@dataclass
class _Context:
    """What every planning step reads: the framework, the assessment and today's facts."""

    framework: Framework
    assessment: Assessment
    scorecard: Scorecard
    space: FactSpace
    stages: list[str]
    current: int
    first: int
    capacity: int
    simulated: dict[frozenset[Threshold], dict[str, FactValue]] = field(default_factory=dict)
    simulator: _Simulator | None = None
    stage_index: dict[str, int] = field(init=False)
    exit_thresholds: dict[str, tuple[Threshold, ...]] = field(default_factory=dict)
    """Each initiative's exit thresholds, worked out once for the plan."""

    def thresholds_of(self, initiative: Initiative) -> tuple[Threshold, ...]:
        found = self.exit_thresholds.get(initiative.id)
        if found is None:
            found = self.exit_thresholds[initiative.id] = (
                thresholds(initiative.done_when, self.space) or ()
            )
        return found

    def __post_init__(self) -> None:
        self.stage_index = {stage: index for index, stage in enumerate(self.stages)}

    @property
    def facts(self) -> Mapping[str, FactValue]:
        return self.scorecard.facts

    def simulate(self, initiatives: Sequence[Initiative]) -> dict[str, FactValue]:
        """`simulate_done` for these initiatives, remembered for the plan: it depends on their
        exit thresholds only, and the milestones and warnings ask for the same sets again."""
        key = frozenset(t for i in initiatives for t in self.thresholds_of(i))
        facts = self.simulated.get(key)
        if facts is None:
            if self.simulator is None:
                self.simulator = _Simulator(self.framework, self.assessment, self.scorecard)
            facts = self.simulator.met(key, include_stage=False)
            self.simulated[key] = facts
        return facts

    def block_of(self, initiative: Initiative) -> int:
        """Its own stage, or the current stage for work of a stage already reached."""
        return max(self.stage_index[initiative.stage], self.current)


@dataclass
class _Selection:
    """The outcome of selection: what to plan, what is achieved, what was dropped."""

    items: dict[str, _Item]
    achieved: dict[str, Achieved]
    dropped: dict[str, set[str]]  # dropped id -> planned initiatives that needed it


def plan_roadmap(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    *,
    start: str | None = None,
    capacity: int | None = None,
) -> Plan:
    """Select, schedule and check the roadmap for one scored assessment (a pure function).

    `start` is the first month (YYYY-MM; default the month after the assessment date) and
    `capacity` the most initiatives at once (default the assessment's, then the framework's).
    Raises `UsageError` for a malformed start or a capacity outside 1-20.
    """
    manifest = framework.manifest
    first = (
        assessment.date.year * 12 + assessment.date.month  # the month after the assessment
        if start is None
        else parse_month(start)
    )
    limit = (
        parse_capacity(capacity)
        if capacity is not None
        else assessment.capacity or manifest.capacity
    )
    stages = [s.id for s in manifest.stages]
    context = _Context(
        framework=framework,
        assessment=assessment,
        scorecard=scorecard,
        space=fact_space_for(framework),
        stages=stages,
        current=stages.index(scorecard.stage),
        first=first,
        capacity=limit,
    )
    selection = _select(context, results)
    block_release = _schedule_blocks(context, list(selection.items.values()))
    deferred, late = _defer_late(context, selection.items, block_release)
    deferred.extend(_defer_dropped(context, selection.dropped))
    deferred.sort(key=lambda d: (stages.index(d.stage), d.id))
    planned = sorted(
        (i for i in selection.items.values() if i.id not in late),
        key=lambda i: (i.start, i.block, i.id),
    )
    months = max((i.end for i in planned), default=0)
    milestones = _milestones(context, planned)
    warnings = _warnings(context, selection, planned, milestones, late, months)
    return Plan(
        start=month_label(first),
        end=month_label(first + max(months, 1) - 1),
        months=months,
        capacity=limit,
        initiatives=tuple(_planned(i, context) for i in planned),
        deferred=tuple(deferred),
        achieved=tuple(sorted(selection.achieved.values(), key=lambda a: a.id)),
        milestones=tuple(milestones),
        warnings=tuple(warnings),
    )


class _Entry(NamedTuple):
    """An initiative of the catalogue as selection reads it."""

    initiative: Initiative
    done_when: Condition | None
    depends_on: tuple[str, ...]  # known ids, each once, sorted


def _catalogue(framework: Framework) -> dict[str, _Entry]:
    """The framework's initiatives by id, with their exit criteria compiled."""
    exit_criteria = framework_index(framework).exit_criteria
    known = {i.id for i in framework.initiatives}
    return {
        i.id: _Entry(
            i,
            exit_criteria.get(i.id),
            tuple(sorted(set(i.depends_on) & known)),
        )
        for i in framework.initiatives
    }


def _select(context: _Context, results: RuleResults) -> _Selection:
    """Recommended and in-progress initiatives, then their prerequisites transitively, less
    what is achieved or dropped."""
    catalogue = _catalogue(context.framework)
    status = context.assessment.initiatives
    facts = context.facts
    selection = _Selection({}, {}, {})

    def settled(initiative_id: str) -> bool:
        """Record whether an initiative is achieved or dropped, so not planned."""
        if initiative_id in selection.achieved or initiative_id in selection.dropped:
            return True
        initiative, _, _ = catalogue[initiative_id]
        state = status.get(initiative_id)
        how = achieved(context.framework, initiative, state, facts)
        if how is not None:
            selection.achieved[initiative_id] = Achieved(
                id=initiative_id, title=initiative.title, how=how
            )
            return True
        if state == "dropped":
            selection.dropped[initiative_id] = set()
            return True
        return False

    # What the findings ask for: the reasons, and the worst severity among them.
    asked: dict[str, tuple[list[Reason], list[int]]] = {}
    for finding in results.findings:
        reason = Reason(
            kind="rule",
            rule=finding.rule,
            title=finding.title,
            facts=finding.reads,
            prerequisite_of=None,
        )
        severity = SEVERITY_ORDER[finding.severity]
        for initiative_id in finding.recommend:
            reasons, severities = asked.setdefault(initiative_id, ([], []))
            reasons.append(reason)
            severities.append(severity)
    for initiative_id, state in status.items():
        if state == "in_progress":
            asked.setdefault(initiative_id, ([], []))
    items = selection.items
    for initiative_id in sorted(asked):
        if initiative_id not in catalogue or settled(initiative_id):
            continue
        initiative = catalogue[initiative_id].initiative
        reasons, severities = asked[initiative_id]
        item = _Item(initiative, context.block_of(initiative), reasons)
        if severities:
            item.severity = min(severities)
        items[initiative_id] = item
    queue = sorted(items)
    while queue:
        needer = items[queue.pop(0)]
        needs = Reason(
            kind="prerequisite",
            rule=None,
            title=f"Prerequisite of {needer.initiative.title}",
            facts=(),
            prerequisite_of=needer.id,
        )
        for dependency in catalogue[needer.id].depends_on:
            if dependency not in items:
                if settled(dependency):
                    if dependency in selection.dropped:
                        selection.dropped[dependency].add(needer.id)
                    continue
                needed = catalogue[dependency].initiative
                items[dependency] = _Item(needed, context.block_of(needed), [])
                queue.append(dependency)
            items[dependency].reasons.append(needs)
    for item in items.values():
        if status.get(item.id) == "in_progress":
            item.status = "in_progress"
            item.reasons.append(
                Reason(
                    kind="in_progress",
                    rule=None,
                    title="Under way: marked in_progress in the assessment",
                    facts=(),
                    prerequisite_of=None,
                )
            )
        if len(item.reasons) > 1:
            item.reasons.sort(key=_reason_order)
        item.gap = _gap(item.initiative, context.framework, facts)
    _inherit_severity(items)
    return selection


def _schedule_blocks(context: _Context, items: list[_Item]) -> dict[int, int]:
    """Schedule every block in stage order; returns the month each block's work may start."""
    overlap = context.framework.manifest.stage_overlap_months
    by_id = {i.id: i for i in items}
    load: list[int] = []  # initiatives running in each month of the plan
    release = 0
    previous_end: int | None = None
    block_release: dict[int, int] = {}
    for block in range(context.current, len(context.stages)):
        members = sorted((i for i in items if i.block == block), key=_Item.priority)
        if not members:
            continue
        if previous_end is not None:
            release = max(release, previous_end - overlap)
        block_release[block] = release
        _schedule(members, by_id, load, release, context.capacity)
        # Every earlier block's work must be done, not only the last one's.
        previous_end = max(previous_end or 0, *(i.end for i in members))
    return block_release


def _defer_late(
    context: _Context, items: Mapping[str, _Item], block_release: Mapping[int, int]
) -> tuple[list[Deferred], set[str]]:
    """Defer what would end after the horizon, and what waits for it."""
    max_months = context.framework.manifest.horizon.max_months
    deferred: list[Deferred] = []
    late: set[str] = set()
    for item in sorted(items.values(), key=lambda i: (i.start, i.id)):
        if item.end <= max_months:
            continue
        late.add(item.id)
        deferred.append(
            Deferred(
                id=item.id,
                title=item.initiative.title,
                stage=context.stages[item.block],
                reason=_late_reason(item, late, block_release, context, max_months),
            )
        )
    return deferred, late


def _defer_dropped(context: _Context, dropped: Mapping[str, set[str]]) -> list[Deferred]:
    """Dropped initiatives, listed with what needed them."""
    deferred = []
    for initiative_id in sorted(dropped):
        initiative = context.framework.initiative(initiative_id)
        needed = sorted(dropped[initiative_id])
        deferred.append(
            Deferred(
                id=initiative_id,
                title=initiative.title,
                stage=context.stages[context.block_of(initiative)],
                reason="dropped: marked `dropped` in the assessment"
                + (f"; needed by {', '.join(needed)}" if needed else ""),
            )
        )
    return deferred


def _milestones(context: _Context, planned: Sequence[_Item]) -> list[Milestone]:
    """One milestone per stage block, with the gate its work should make true, checked by
    simulating the planned work up to that block as done."""
    manifest = context.framework.manifest
    gate_space = fact_space_for(context.framework, include_stage=False)
    milestones: list[Milestone] = []
    done: list[Initiative] = []
    month = 0
    for block in range(context.current, len(context.stages)):
        members = [i for i in planned if i.block == block]
        done.extend(i.initiative for i in members)
        month = max([month, *(i.end for i in members)])
        stage = manifest.stages[block]
        following = manifest.stages[block + 1] if block + 1 < len(manifest.stages) else None
        if following is None and not members:
            continue
        reachable, unaddressed = True, tuple[str, ...]()
        if following is None:
            title = f"{stage.title}: planned work complete"
        else:
            title = f"Ready for {following.title}"
            simulated = context.simulate(done)
            check = check_gate(following.gate or "true", simulated, gate_space)
            reachable, unaddressed = check.holds, check.failing
        last = context.first + max(month, 1) - 1
        milestones.append(
            Milestone(
                stage=stage.id,
                title=title,
                month=month,
                date=month_label(last),
                quarter=quarter_label(last),
                gate=following.gate if following else None,
                reachable=reachable,
                unaddressed=unaddressed,
            )
        )
    return milestones


def _warnings(
    context: _Context,
    selection: _Selection,
    planned: Sequence[_Item],
    milestones: Sequence[Milestone],
    late: set[str],
    months: int,
) -> list[str]:
    """Everything the reader of the plan should know, in a fixed order."""
    manifest = context.framework.manifest
    titles = {s.id: s.title for s in manifest.stages}
    following = {s.id: manifest.stages[n + 1] for n, s in enumerate(manifest.stages[:-1])}
    warnings: list[str] = []
    unreachable = [m for m in milestones if not m.reachable]
    if unreachable:
        everything = context.simulate([i.initiative for i in planned])
        gate_space = fact_space_for(context.framework, include_stage=False)
    for milestone in unreachable:
        target = following[milestone.stage]
        still = set(check_gate(target.gate or "true", everything, gate_space).failing)
        never = [t for t in milestone.unaddressed if t in still]
        later = [t for t in milestone.unaddressed if t not in still]
        parts = []
        if never:
            parts.append(
                "nothing planned addresses "
                + "; ".join(f"`{t}`" for t in never)
                + _catalogue_hint(context, never, selection, gate_space)
            )
        if later:
            parts.append(
                "only work of later stages addresses " + "; ".join(f"`{t}`" for t in later)
            )
        warnings.append(
            f"the plan does not reach {target.title} ({target.id}) by the end of the "
            f"{titles[milestone.stage]} work: {', and '.join(parts)}"
        )
    planned_ids = {i.id for i in planned}
    for initiative_id in sorted(selection.dropped):
        for needer in sorted(selection.dropped[initiative_id] & planned_ids):
            warnings.append(
                f"{_title(context, needer)} depends on {_title(context, initiative_id)}, which "
                "the organization dropped: it is planned without it; check that it still makes "
                "sense"
            )
    warnings.extend(_status_warnings(context, selection.achieved))
    stages = context.stages
    catch_up = sorted(i.id for i in planned if stages.index(i.initiative.stage) < i.block)
    if catch_up:
        many = len(catch_up) != 1
        warnings.append(
            f"{len(catch_up)} initiative{'s' if many else ''} of stages the organization has "
            f"already reached {'are' if many else 'is'} planned in the {stages[context.current]} "
            f"block, as foundations to catch up on: "
            + "; ".join(_title(context, i) for i in catch_up)
        )
    unsimulated = sorted(
        i.id
        for i in planned
        if i.initiative.done_when and thresholds(i.initiative.done_when, context.space) is None
    )
    if unsimulated:
        warnings.append(
            "the gate check does not simulate the exit criteria of "
            + ", ".join(unsimulated)
            + " (not a conjunction of `name >= number` terms)"
        )
    horizon = manifest.horizon
    if late:
        many = len(late) != 1
        warnings.append(
            f"{len(late)} initiative{'s' if many else ''} {'do' if many else 'does'} not fit the "
            f"{horizon.max_months}-month horizon at capacity {context.capacity} and "
            f"{'are' if many else 'is'} deferred: raise the capacity or re-plan at a later "
            "assessment"
        )
    if planned and months < horizon.min_months:
        warnings.append(
            f"the plan takes {months} month{'s' if months != 1 else ''}, less than the "
            f"framework's {horizon.min_months}-month minimum: the horizon is a planning window, "
            "not a target; re-assess when this work is done"
        )
    if not planned:
        warnings.append("nothing to plan: no rule asks for work that is not already done")
    return warnings


def _title(context: _Context, initiative_id: str) -> str:
    """An initiative's title, for sentences a reader sees."""
    return context.framework.initiative(initiative_id).title


def _catalogue_hint(
    context: _Context,
    terms: Sequence[str],
    selection: _Selection,
    space: FactSpace,
) -> str:
    """` (x, y in the catalogue would, but no rule asks for them)`: the initiatives nothing
    selected whose exit thresholds read a fact of the terms (first), or a question of a
    dimension whose score or level the terms read."""
    names: set[str] = set()
    for term in terms:
        try:
            names.update(compile_condition(term, space).reads)
        except ConditionError:
            continue
    dimensions = {n.split(".")[0] for n in names if n.split(".")[-1] in DIMENSION_FACTS}
    if any(n.startswith("overall.") for n in names):
        dimensions.update(context.framework.manifest.dimensions)
    direct: list[str] = []
    related: list[str] = []
    for initiative_id, reads, read_dimensions in _exit_reads(context.framework):
        if initiative_id in selection.items or initiative_id in selection.achieved:
            continue
        if initiative_id in selection.dropped:
            continue
        if reads & names:
            direct.append(initiative_id)
        elif read_dimensions & dimensions:
            related.append(initiative_id)
    found = (direct + related)[:4]
    if not found:
        return ""
    more = len(direct) + len(related) - len(found)
    listed = ", ".join(found) + (f" and {more} more" if more else "")
    pronoun = "it" if len(found) == 1 and not more else "them"
    return f" ({listed} in the catalogue would, but no rule asks for {pronoun})"


_REASON_KINDS = {"in_progress": 0, "rule": 1, "prerequisite": 2}


def _exit_reads(
    framework: Framework,
) -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """Each initiative by id, with the facts its exit thresholds read and their dimensions."""
    space = fact_space_for(framework)
    found = []
    for initiative in sorted(framework.initiatives, key=lambda i: i.id):
        reads = frozenset(t.name for t in thresholds(initiative.done_when, space) or ())
        found.append((initiative.id, reads, frozenset(r.split(".")[0] for r in reads)))
    return tuple(found)


def _reason_order(reason: Reason) -> tuple[int, str]:
    return _REASON_KINDS[reason.kind], reason.rule or reason.prerequisite_of or ""


def _inherit_severity(items: dict[str, _Item]) -> None:
    """A prerequisite is as urgent as the most urgent initiative that needs it."""
    changed = True
    while changed:
        changed = False
        for item in items.values():
            for dependency in item.initiative.depends_on:
                other = items.get(dependency)
                if other is not None and item.severity < other.severity:
                    other.severity = item.severity
                    changed = True


def _gap(initiative: Initiative, framework: Framework, facts: Mapping[str, FactValue]) -> float:
    """How far today's facts are below the initiative's exit thresholds (see the docstring)."""
    scale = framework.manifest.scale
    span = scale.max - scale.min
    terms = thresholds(initiative.done_when, fact_space_for(framework))
    if not terms:
        return round(_dimension_gap(facts, initiative.dimension, span), 6)
    total = 0.0
    for term in terms:
        value = facts.get(term.name)
        if type(value) is float or type(value) is int:
            total += max(0.0, term.value - value)
        else:
            prefix = term.name.partition(".")[0]
            total += _dimension_gap(
                facts,
                prefix if prefix in framework.manifest.dimensions else initiative.dimension,
                span,
            )
    return round(total, 6)


def _dimension_gap(facts: Mapping[str, FactValue], dimension_id: str, span: float) -> float:
    """How far a dimension is below the top of the scale, in scale steps; all of it unscored."""
    percent = facts.get(f"{dimension_id}.percent")
    if type(percent) is not float:
        return span
    return max(0.0, (100 - percent) / 100 * span)


def _schedule(
    members: list[_Item], items: Mapping[str, _Item], load: list[int], release: int, limit: int
) -> None:
    """Place a block's initiatives month by month, highest priority first, within capacity."""
    waiting = {item.id for item in members}
    scheduled = {i for i in items if i not in waiting}
    # Work under way has started already: it does not wait for its prerequisites.
    pending = [
        (
            item,
            [items[d] for d in item.initiative.depends_on if d in items]
            if item.status != "in_progress"
            else [],
        )
        for item in members
    ]
    month = release
    while pending:
        left = []
        for item, dependencies in pending:
            waits = False
            for dependency in dependencies:
                if dependency.end > month or dependency.id not in scheduled:
                    waits = True
                    break
            if waits:
                left.append((item, dependencies))
                continue
            end = month + item.initiative.duration_months
            if len(load) < end:
                load.extend([0] * (end - len(load)))
            if max(load[month:end]) < limit:
                for m in range(month, end):
                    load[m] += 1
                item.start, item.end = month, end
                scheduled.add(item.id)
            else:
                left.append((item, dependencies))
        pending = left
        month += 1
        if month > release + 10_000:
            raise AssertionError("scheduling did not converge: dependency cycle?")


def _late_reason(
    item: _Item,
    late: set[str],
    block_release: Mapping[int, int],
    context: _Context,
    max_months: int,
) -> str:
    first, stages = context.first, context.stages
    when = f"would run {month_label(first + item.start)} to {month_label(first + item.end - 1)}"
    waits = sorted(d for d in item.initiative.depends_on if d in late)
    if waits:
        return f"{when}: it waits for {', '.join(waits)}, deferred too"
    if item.start >= max_months:
        if item.start == block_release.get(item.block) and item.block > context.current:
            return (
                f"{when}: {stages[item.block]} work starts in month {item.start + 1}, once the "
                f"{stages[item.block - 1]} work ends, after the {max_months}-month horizon"
            )
        return (
            f"{when}: it could start only in month {item.start + 1}, after the "
            f"{max_months}-month horizon"
        )
    return (
        f"{when}: it would end in month {item.end}, past the {max_months}-month horizon "
        f"(it takes {item.initiative.duration_months} months and could start only in month "
        f"{item.start + 1}, given its dependencies, stage order and capacity)"
    )


def _status_warnings(context: _Context, achieved: Mapping[str, Achieved]) -> list[str]:
    """Initiatives marked done whose exit criterion does not hold on today's answers."""
    found = []
    for initiative_id in sorted(achieved):
        initiative = context.framework.initiative(initiative_id)
        if achieved[initiative_id].how != "status" or not initiative.done_when:
            continue
        condition = compile_condition(initiative.done_when, context.space)
        if condition.evaluate(context.facts) is True:
            continue
        readings = format_readings(
            tuple(FactReading(name=n, value=context.facts.get(n)) for n in condition.reads)
        )
        found.append(
            f"{initiative_id} is marked done, but its exit criterion `{initiative.done_when}` "
            f"does not hold yet ({readings}): it is not planned again"
        )
    return found


def _planned(item: _Item, context: _Context) -> PlannedInitiative:
    initiative, first = item.initiative, context.first
    return PlannedInitiative(
        id=initiative.id,
        title=initiative.title,
        dimension=initiative.dimension,
        stage=context.stages[item.block],
        owner=initiative.owner,
        description=initiative.description,
        deliverables=tuple(initiative.deliverables),
        kpis=tuple(initiative.kpis),
        depends_on=tuple(initiative.depends_on),
        done_when=initiative.done_when,
        duration_months=initiative.duration_months,
        effort_fte=initiative.effort_fte,
        start_month=item.start,
        end_month=item.end,
        start=month_label(first + item.start),
        end=month_label(first + item.end - 1),
        start_quarter=quarter_label(first + item.start),
        end_quarter=quarter_label(first + item.end - 1),
        status=item.status,
        severity=_severity_name(item.severity),
        why=tuple(item.reasons),
    )


_SEVERITY_NAMES: dict[int, Severity] = {0: "high", 1: "medium", 2: "low"}


def _severity_name(rank: int) -> Severity | None:
    return _SEVERITY_NAMES.get(rank)


# --- text ---------------------------------------------------------------------------------------


def describe_flags(item: PlannedInitiative) -> tuple[str, ...]:
    """What a plan line shows beside the title: dimension, severity, whether under way."""
    flags = (item.dimension, item.severity, "in progress" if item.status == "in_progress" else None)
    return tuple(flag for flag in flags if flag)


def describe_reason(reason: Reason) -> str:
    """One line saying why an initiative is planned, for tables and Markdown."""
    if reason.kind == "rule":
        facts = format_readings(reason.facts)
        return f"rule {reason.rule}: {facts}" if facts else f"rule {reason.rule}"
    if reason.kind == "prerequisite":
        return f"prerequisite of {reason.prerequisite_of}"
    return "in progress"


def describe_months(start_month: int, end_month: int) -> str:
    """`months 1-3` (1-based, inclusive) for an exclusive 0-based span."""
    if end_month - start_month <= 1:
        return f"month {start_month + 1}"
    return f"months {start_month + 1}-{end_month}"


def stage_blocks(
    plan: Plan, stages: Sequence[Stage]
) -> list[tuple[Stage, list[PlannedInitiative], str]]:
    """Each stage with planned work, in stage order: its initiatives, and the span they take
    (`months 1-9 (2027-01 to 2027-09)`), for tables and Markdown."""
    blocks = []
    for stage in stages:
        rows = [i for i in plan.initiatives if i.stage == stage.id]
        if rows:
            first = min(i.start_month for i in rows)
            last = max(i.end_month for i in rows)
            blocks.append((stage, rows, describe_span(plan, first, last)))
    return blocks


def describe_span(plan: Plan, start_month: int, end_month: int) -> str:
    """`months 1-3 (2027-03 to 2027-05)` for an exclusive 0-based span of the plan."""
    first = parse_month(plan.start)
    months = describe_months(start_month, end_month)
    if end_month - start_month <= 1:
        return f"{months} ({month_label(first + start_month)})"
    return f"{months} ({month_label(first + start_month)} to {month_label(first + end_month - 1)})"
