"""What the routes of What it takes share: the goal a route must reach, and what every route
of one assessment works from (the catalogue, what is done or under way, the plan's sizing and
limits, the plan itself when given), with the questions it asks of them: which initiatives
raise an answer far enough, whether a set meets a goal, what a summing dimension gains."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from readiness.condition_terms import gate_holds
from readiness.index import fact_space_for
from readiness.model import Assessment, Framework
from readiness.plan.cover import Gain, gained
from readiness.plan.raising import raised_levels
from readiness.plan.records import Plan
from readiness.plan.simulate import Simulator
from readiness.plan.sizing import Sizing
from readiness.score import QuestionScore, Scorecard, assessed_facts

Meets = Callable[[Iterable[str]], bool]
"""Whether a goal holds once these initiatives are done."""


class Goal(NamedTuple):
    """What a route must achieve."""

    name: str
    """`next stage` or `target`."""
    stage: str
    needed: dict[str, float]
    """Question -> the level it must reach."""
    points: dict[str, float]
    """Summing dimension -> the points it is short of its target (any of its questions may
    add them)."""


class Rules:
    """What every route of one assessment shares: the catalogue, what is done or under way,
    the sizing and limits of the plan, the plan itself when given, and which answers a set of
    levels would change."""

    def __init__(
        self,
        framework: Framework,
        done: frozenset[str],
        under_way: frozenset[str],
        sizing: Sizing,
        first: int,
        max_parallel: int | None,
        plan: Plan | None,
        missing: Callable[[Mapping[str, float]], dict[str, float]],
        values: Mapping[str, QuestionScore],
    ) -> None:
        self.framework = framework
        self.by_id = {i.id: i for i in framework.initiatives}
        self.levels = raised_levels(framework)
        self.done = done
        self.under_way = under_way
        self.sizing = sizing
        self.first = first
        self.max_parallel = max_parallel
        self.placed = {i.id: (i.start_month, i.end_month) for i in plan.initiatives} if plan else {}
        self.missing = missing
        self.values = values
        self.cost = {
            i: round(sizing.effort(item) * sizing.duration(item), 4)
            for i, item in self.by_id.items()
        }

    def raisers(self, question: str, level: float) -> list[str]:
        """Initiatives not done that raise a question to at least a level, by id."""
        return sorted(
            i
            for i, raised in self.levels.items()
            if i not in self.done and raised.get(question, -1e9) >= level - 1e-9
        )

    def covers(self, goal: Goal) -> Meets:
        """Whether a set raises every needed question some initiative can raise, and adds
        the points each summing dimension is short of (where the catalogue can)."""
        wanted = {q: set(self.raisers(q, level)) for q, level in goal.needed.items()}
        wanted = {q: raisers for q, raisers in wanted.items() if raisers}
        sums = [(points, gains) for points, gains in self.wants(goal).values()]

        def meets(chosen: Iterable[str]) -> bool:
            picked = set(chosen)
            return all(raisers & picked for raisers in wanted.values()) and all(
                gained(picked, gains) >= points - 1e-9 for points, gains in sums
            )

        return meets

    def gains(self, dimension_id: str) -> list[Gain]:
        """(question, initiative, points added) for every initiative not done that raises a
        question of a summing dimension above today's answer; n/a questions add nothing."""
        floor = self.framework.manifest.scale.min
        found = []
        for question in self.framework.dimension(dimension_id).questions:
            key = f"{dimension_id}.{question.id}"
            scored = self.values.get(key)
            if scored is not None and scored.status == "n/a":
                continue
            current = floor if scored is None or scored.value is None else scored.value
            for initiative_id, raised in sorted(self.levels.items()):
                level = raised.get(key)
                if initiative_id in self.done or level is None or level <= current + 1e-9:
                    continue
                found.append((key, initiative_id, round((level - current) * question.weight, 9)))
        return found

    def wants(self, goal: Goal) -> dict[str, tuple[float, list[Gain]]]:
        """The summing dimensions the catalogue can bring to the goal: points short, gains."""
        found = {}
        for dimension_id, points in goal.points.items():
            gains = self.gains(dimension_id)
            if gained(self.by_id, gains) >= points - 1e-9:
                found[dimension_id] = (points, gains)
        return found

    def closed(self, chosen: Iterable[str]) -> set[str]:
        """The set with the prerequisites that are not done, transitively (work under way
        waits for none, as in the plan)."""
        found: set[str] = set()
        todo = list(chosen)
        while todo:
            initiative_id = todo.pop()
            if initiative_id in found:
                continue
            found.add(initiative_id)
            if initiative_id not in self.under_way:
                todo.extend(
                    d
                    for d in self.by_id[initiative_id].depends_on
                    if d in self.by_id and d not in self.done
                )
        return found


class GateCheck:
    """Whether a stage's gate holds once some initiatives are done, decided as milestones
    decide it: the work simulated as done, and never on a dimension without enough evidence."""

    def __init__(
        self, framework: Framework, assessment: Assessment, scorecard: Scorecard, position: int
    ) -> None:
        self.framework = framework
        self.position = position
        self.gate = framework.manifest.stages[position].gate
        self.space = fact_space_for(framework, include_stage=False)
        self.simulator = Simulator(framework, assessment, scorecard)
        self.by_id = {i.id: i for i in framework.initiatives}

    def holds(self, chosen: Iterable[str]) -> bool:
        facts = self.simulator.done((self.by_id[i] for i in chosen), include_stage=False)
        decided_on = assessed_facts(
            self.framework, self.position, facts, self.simulator.unassessed
        )[0]
        return self.gate is None or gate_holds(self.gate, decided_on, self.space)
