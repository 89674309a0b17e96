"""Which initiatives the plan holds.

- Every initiative a fired rule recommends, and every one marked `in_progress`.
- For every question below its target (see `plan.target`), the cheapest initiative (by scaled
  FTE-months, then id) that raises it to at least its target: through its `raises`, else the
  thresholds of its `done_when`; raising a dimension's (or the overall) level or score to a
  level counts as raising each question of it to that level.
- For every term of a gate up to the target stage that still fails once all of that is done,
  the initiatives that raise a fact the term reads, cheapest first, until it holds.
- The `depends_on` prerequisites of all of these, transitively.
- The recommendations of rules that fire once all of that is done (the organization meets them
  on its way), and their prerequisites, until no rule adds anything (three rounds at most).
Left out: *achieved* (marked `done`, or its `done_when` holds today) and *dropped* (listed as
deferred; its dependents are planned without it). A gap or gate term nothing can close is an
open gap, with the reason.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

from readiness.conditions import FactValue
from readiness.index import achieved, derived, framework_index
from readiness.model import SEVERITY_ORDER, Assessment, Framework, Initiative
from readiness.plan.causes import (
    GateStillFails,
    GateUnraised,
    InitiativesDone,
    InitiativesDropped,
    NoInitiative,
    OpenCause,
    describe_cause,
)
from readiness.plan.raising import (
    gate_terms,
    needers_first,
    prerequisites,
    ranked_raisers,
)
from readiness.plan.records import Achieved, OpenGap, Reason, TargetProfile
from readiness.plan.simulate import Simulator
from readiness.plan.sizing import Sizing, size_work
from readiness.rules import FactReading, RuleResults, falling_rules, findings_on
from readiness.score import Scorecard


@dataclass(eq=False, slots=True)
class Item:
    """An initiative on its way into the plan (mutable while the plan is built)."""

    id: str
    """The initiative's id."""
    initiative: Initiative
    wave: int
    reasons: list[Reason]
    status: Literal["planned", "in_progress"] = "planned"
    severity: int = len(SEVERITY_ORDER)
    gap: float = 0.0


@dataclass
class Selection:
    """What to plan, what is achieved, what was dropped, and what cannot be closed."""

    items: dict[str, Item]
    achieved: dict[str, Achieved]
    dropped: dict[str, set[str]]  # dropped id -> planned initiatives that needed it
    open_gaps: list[OpenGap]


def select_work(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    target: TargetProfile,
    sizing: Sizing,
    simulator: Simulator,
) -> Selection:
    """The work of the plan (see the module docstring); `simulator` is the plan's."""
    selector = _Selector(framework, assessment, scorecard, sizing, simulator)
    for finding in results.findings:
        reason = Reason("rule", finding.rule, finding.title, finding.reads, None)
        for initiative_id in finding.recommend:
            selector.add(initiative_id, reason, SEVERITY_ORDER[finding.severity])
    for initiative_id, state in sorted(assessment.initiatives.items()):
        if state == "in_progress":
            selector.add(initiative_id, Reason("in_progress", None, "Under way", (), None))
    selector.close_gaps(target)
    selector.add_prerequisites()
    selector.close_gate_terms(target.stage)
    selector.add_prerequisites()
    fired = {finding.rule for finding in results.findings}
    # Planned work only raises answers: a rule false today that rising answers never make
    # fire stays false on the way, and is not decided again.
    undecided = {rule.rule for rule in results.undetermined}
    settled = falling_rules(framework) - fired - undecided
    for _ in range(3):  # rules met along the way may ask for work whose rules fire in turn
        if not selector.add_rules_ahead(fired, settled):
            break
        selector.add_prerequisites()
    return selector.finish()


def unavailable(
    framework: Framework, assessment: Assessment, scorecard: Scorecard
) -> frozenset[str]:
    """Initiatives no plan may choose: achieved (marked done, or `done_when` holds) or dropped."""
    selector = _Selector(
        framework,
        assessment,
        scorecard,
        size_work(framework, assessment),
        Simulator(framework, assessment, scorecard),
    )
    return frozenset(i.id for i in framework.initiatives if selector.settled(i.id))


_KINDS = {"in_progress": 0, "rule": 1, "gate": 2, "gap": 3, "prerequisite": 4}


def gate_reason_title(stage: str, term: str) -> str:
    """The title of a reason that is a term of a stage's gate (its stage's title and the
    term's text): `Gate of Department scale: data.level >= 2`."""
    return f"Gate of {stage}: {term}"


class _Selector:
    """Selection for one assessment: what is chosen so far, and the lookups it needs."""

    def __init__(
        self,
        framework: Framework,
        assessment: Assessment,
        scorecard: Scorecard,
        sizing: Sizing,
        simulator: Simulator,
    ) -> None:
        self.simulator = simulator
        self.framework = framework
        self.assessment = assessment
        self.states = assessment.initiatives
        self.scorecard = scorecard
        self.sizing = sizing
        self.stages = [s.id for s in framework.manifest.stages]
        self.current = self.stages.index(scorecard.stage)
        self.by_id = framework_index(framework).initiatives
        self.required = prerequisites(framework)
        self.rank = sizing.scaled.rank  # cheaper work first
        self.selection = Selection({}, {}, {}, [])
        self.open: set[str] = set()  # known to be neither achieved nor dropped
        self.expanded: set[str] = set()  # selected initiatives whose prerequisites are added
        self.ahead: Mapping[str, FactValue] = scorecard.facts  # the last look ahead's facts

    def settled(self, initiative_id: str) -> bool:
        """Record whether an initiative is achieved or dropped, so not planned."""
        selection = self.selection
        if initiative_id in selection.achieved or initiative_id in selection.dropped:
            return True
        if initiative_id in self.open:
            return False
        initiative = self.by_id[initiative_id]
        state = self.states.get(initiative_id)
        how = achieved(self.framework, initiative, state, self.scorecard.facts)
        if how is not None:
            selection.achieved[initiative_id] = Achieved(initiative_id, initiative.title, how)
            return True
        if state == "dropped":
            selection.dropped[initiative_id] = set()
            return True
        self.open.add(initiative_id)
        return False

    def add(self, initiative_id: str, reason: Reason, severity: int | None = None) -> Item | None:
        """Plan an initiative for this reason, unless it is unknown, achieved or dropped."""
        item = self.selection.items.get(initiative_id)
        if item is None:
            # A selected initiative was found open when it was first added, and stays so.
            if initiative_id not in self.by_id or self.settled(initiative_id):
                return None
            initiative = self.by_id[initiative_id]
            wave = max(self.stages.index(initiative.stage), self.current)
            item = self.selection.items[initiative_id] = Item(initiative_id, initiative, wave, [])
        item.reasons.append(reason)
        if severity is not None:
            item.severity = min(item.severity, severity)
        return item

    def close_gaps(self, target: TargetProfile) -> None:
        """The cheapest initiative raising each question with a gap to its target."""
        index = ranked_raisers(self.framework)[self.sizing.scaled.band]
        selection = self.selection
        for gap in sorted(target.gaps, key=attrgetter("question")):
            needed = gap.target - 1e-9
            found = [i for i, level in index.get(gap.question, ()) if level >= needed]
            reason = Reason(
                "gap",
                None,
                f"Raises {gap.question} to {gap.target:g}",
                (FactReading(gap.question, gap.value),),
                None,
            )
            for initiative_id in found:
                item = self.add(initiative_id, reason)
                if item is not None:
                    item.gap += gap.weighted_gap
                    break
            else:
                cause = self._why_open(gap.question, gap.target, found)
                selection.open_gaps.append(
                    OpenGap(gap.question, gap.target, describe_cause(cause), cause)
                )

    def _why_open(self, question: str, level: float, raisers: Sequence[str]) -> OpenCause:
        if not raisers:
            return NoInitiative(question, level)
        dropped = [i for i in raisers if i in self.selection.dropped]
        if dropped:
            return InitiativesDropped(tuple(dropped))
        return InitiativesDone(tuple(raisers))

    def add_prerequisites(self) -> None:
        """Every prerequisite of what is selected, transitively."""
        items, required = self.selection.items, self.required
        needed_by = _prerequisite_reasons(self.framework)
        queue = deque(sorted(i for i in items if i not in self.expanded))
        while queue:
            needer = items[queue.popleft()]
            if needer.id in self.expanded:
                continue
            self.expanded.add(needer.id)
            dependencies = required[needer.id]
            if not dependencies:
                continue
            needs = needed_by[needer.id]
            for dependency in dependencies:
                if dependency in items:
                    items[dependency].reasons.append(needs)
                    continue
                if self.settled(dependency):
                    if dependency in self.selection.dropped:
                        self.selection.dropped[dependency].add(needer.id)
                    continue
                self.add(dependency, needs)
                queue.append(dependency)

    def add_rules_ahead(self, fired: set[str], settled: frozenset[str]) -> bool:
        """Initiatives recommended by rules that fire once the selected work is done (an
        organization meets them on its way, so a less mature one plans for them too); whether
        any was added. The `settled` rules are known not to fire."""
        facts = self.simulator.done([i.initiative for i in self.selection.items.values()])
        # No rule outside `fired` fires on the facts of the last look ahead (today's, at
        # first), and a rule decides alike on alike facts: only rules reading a fact that
        # moved since then need deciding again.
        last, self.ahead = self.ahead, facts
        reading = framework_index(self.framework).rules_reading
        moved = {r for n, v in facts.items() if last.get(n) != v for r in reading.get(n, ())}
        ahead = findings_on(self.framework, facts, moved - fired - settled)
        titles = _ahead_titles(self.framework)
        added = False
        for finding in ahead:
            if finding.rule in fired:
                continue
            fired.add(finding.rule)
            reason = Reason("rule", finding.rule, titles[finding.rule], finding.reads, None)
            for initiative_id in finding.recommend:
                known = initiative_id in self.selection.items
                item = self.add(initiative_id, reason, SEVERITY_ORDER[finding.severity])
                added = added or (item is not None and not known)
        return added

    def close_gate_terms(self, target_stage: str) -> None:
        """Initiatives for gate terms up to the target stage that the selection leaves failing:
        in each round, for every failing term the cheapest unselected initiative that raises a
        question it reads (or one of a dimension it reads); then the selection is simulated
        again. A term still failing when no initiative is left for it is an open gap."""
        stages = self.framework.manifest.stages
        index = framework_index(self.framework)
        last = index.stage_positions[target_stage]
        terms_of = gate_terms(self.framework)
        gates = [
            (stages[n], index.gates[n], terms_of[n]) for n in range(1, last + 1) if terms_of[n]
        ]
        items = self.selection.items
        tried: set[str] = set()
        covered: set[str] = set()  # failing terms some initiative raises a fact of
        while True:
            facts = self.simulator.done([i.initiative for i in items.values()], include_stage=False)
            # A gate that holds as a whole has no failing term (`failing_terms`).
            failing = [
                (stage, term)
                for stage, gate, terms in gates
                if gate is None or gate.run(facts) is not True
                for term in terms
                if term.condition.evaluate(facts) is not True
            ]
            added = False
            for stage, term in failing:
                if term.pool:
                    covered.add(term.text)
                candidates = sorted(
                    (i for i in term.pool if i not in items and i not in tried),
                    key=self.rank.__getitem__,
                )
                reason = Reason("gate", None, gate_reason_title(stage.title, term.text), (), None)
                for initiative_id in candidates:
                    tried.add(initiative_id)
                    if self.add(initiative_id, reason) is not None:
                        added = True
                        break
            if not added:
                break
            self.add_prerequisites()
        for stage, term in failing:
            cause: OpenCause = (
                GateStillFails(stage.id, stage.title)
                if term.text in covered
                else GateUnraised(stage.id, stage.title)
            )
            self.selection.open_gaps.append(OpenGap(term.text, None, describe_cause(cause), cause))

    def finish(self) -> Selection:
        """The selection, with statuses, reasons in order and inherited severities."""
        items = self.selection.items
        for initiative_id, state in self.states.items():
            if state == "in_progress" and initiative_id in items:
                items[initiative_id].status = "in_progress"
        for item in items.values():
            if len(item.reasons) > 1:
                item.reasons.sort(key=_reason_order)
        # A prerequisite is as urgent as the most urgent work that needs it: in one pass over
        # the framework's initiatives, each before its prerequisites.
        required = self.required
        for initiative_id in needers_first(self.framework):
            needer = items.get(initiative_id)
            if needer is None:
                continue
            for dependency in required[initiative_id]:
                other = items.get(dependency)
                if other is not None and needer.severity < other.severity:
                    other.severity = needer.severity
        return self.selection


def _reason_order(reason: Reason) -> tuple[int, str]:
    """Where a reason is listed among an item's: by kind, then by what it names."""
    return (_KINDS[reason.kind], reason.rule or reason.prerequisite_of or reason.title)


@derived
def _prerequisite_reasons(framework: Framework) -> dict[str, Reason]:
    """Per initiative id, the reason its prerequisites are planned: it needs them."""
    return {
        i.id: Reason("prerequisite", None, f"Prerequisite of {i.title}", (), i.id)
        for i in framework.initiatives
    }


@derived
def _ahead_titles(framework: Framework) -> dict[str, str]:
    """Per rule id, the title of its finding once the planned work is done."""
    return {r.id: f"{r.title} (once the planned work is done)" for r in framework.rules}
