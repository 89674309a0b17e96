"""The least planned work that reaches the stages a wave is for: the cheapest set, by
person-months, of the plan's initiatives that makes each goal's gate hold by its milestone
when simulated as done (decided as milestones decide it: `plan.routing.GateCheck`), with the
planned prerequisites of each (work already under way waits for none, as in the plan).

Only work that ends by a goal's milestone counts for that goal. Ties go to fewer initiatives,
then to the first ids. The search is a branch and bound over the candidates, dearest decided
first: a branch ends when its work costs no less than the best set found, or when even every
candidate it has not left out does not make the gates hold (a gate only asks facts to reach a
value, so more work done never makes it fail). It starts from every candidate pruned of what the
gates hold without (`plan.pruning.prune_work`), so a good bound is there from the start. It
proves the set the least unless it runs out of `MAX_CHECKS` gate checks; the set is then the
least found, and said so (`Least.proven`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from readiness.model import Assessment, Framework
from readiness.plan.pruning import prune_work, waiting
from readiness.plan.records import Plan, PlannedInitiative
from readiness.plan.routing import GateCheck
from readiness.report.cost import person_months
from readiness.score import Scorecard

MAX_CHECKS = 20_000
"""The most gate checks one search makes before it stops at the best set found."""


class Target(NamedTuple):
    """A stage the work must reach, by the plan's milestone for it."""

    stage: str
    by: int
    """Exclusive month offset: only work that ends by it counts."""


class Least(NamedTuple):
    """The least planned work found that reaches the targets."""

    initiatives: frozenset[str]
    proven: bool
    """Whether the search proved no cheaper set reaches them (else it ran out of checks)."""


def least_work(
    plan: Plan,
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    targets: Sequence[Target],
) -> Least | None:
    """The least planned work that makes every target's gate hold by its month (see the module
    docstring); None when even all of the plan's work that ends by then does not (or there is
    no target)."""
    if not targets:
        return None
    stages = [s.id for s in framework.manifest.stages]
    checks = [
        (GateCheck(framework, assessment, scorecard, stages.index(t.stage)), t.by) for t in targets
    ]
    last = max(t.by for t in targets)
    items = {i.id: i for i in plan.initiatives if i.end_month <= last}
    search = _Search(items, checks)
    pruned = prune_work(items, search.holds, search.cost, search.waits_for)
    if pruned is None:
        return None
    proven = search.run(pruned)
    return Least(search.best, proven)


class _Search:
    """The branch and bound of `least_work` over one set of candidates."""

    def __init__(
        self,
        items: dict[str, PlannedInitiative],
        checks: Sequence[tuple[GateCheck, int]],
    ) -> None:
        self.items = items
        self.gates = checks
        self.cost = {i: person_months((item,)) for i, item in items.items()}
        self.needs = waiting(items, self.waits_for)
        self.needers = {i: frozenset(j for j in items if i in self.needs[j]) for i in items}
        self.order = sorted(items, key=lambda i: (-self.cost[i], i))
        self.best = frozenset(items)
        self.key = self._key(self.best)
        self.checks = 0

    def _key(self, chosen: frozenset[str]) -> tuple[Decimal, int, tuple[str, ...]]:
        return (sum((self.cost[i] for i in chosen), Decimal(0)), len(chosen), tuple(sorted(chosen)))

    def waits_for(self, initiative_id: str) -> tuple[str, ...]:
        """What a candidate waits for directly: none for work under way, as in the plan."""
        item = self.items[initiative_id]
        return () if item.status == "in_progress" else item.depends_on

    def holds(self, chosen: frozenset[str]) -> bool:
        """Whether every target's gate holds with the chosen work that ends by its month."""
        self.checks += 1
        return all(
            check.holds(i for i in chosen if self.items[i].end_month <= by)
            for check, by in self.gates
        )

    def run(self, pruned: frozenset[str]) -> bool:
        """Search from nothing chosen and nothing left out (iteratively: chains may be long),
        from the `pruned` set as the best so far; whether the search ended within its checks."""
        self.best, self.key = pruned, self._key(pruned)
        stack = [(frozenset[str](), frozenset[str]())]
        everything = frozenset(self.items)
        while stack and self.checks <= MAX_CHECKS:
            chosen, left_out = stack.pop()
            key = self._key(chosen)
            if key >= self.key or not self.holds(everything - left_out):
                continue
            if self.holds(chosen):
                self.best, self.key = chosen, key
                continue
            following = next((i for i in self.order if i not in chosen | left_out), None)
            if following is None:
                continue
            # Taking it is tried after leaving it out (a stack: pushed first, popped last):
            # the cheaper sets come first, so the bound tightens early.
            taken = {following} | self.needs[following]
            if not taken & left_out:
                stack.append((chosen | taken, left_out))
            stack.append((chosen, left_out | {following} | self.needers[following]))
        return not stack
