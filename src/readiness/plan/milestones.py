"""Milestones: for each stage after today's, the first month by whose end the placed work,
simulated as done, makes its gate hold (never before the previous stage's milestone). A gate is
never shown as reached after an earlier one that is not, and one the whole plan does not make
hold is shown as not reached, with its failing terms. As in scoring, a gate does not hold on a
dimension flagged insufficient evidence.

The search for a gate's month simulates only end months the gate may hold at. It starts where
the gate's question terms allow: a question term cannot hold before some placed work raises
that question far enough (`raising.raised_levels`, which never says less than a simulation
does), so the latest of those months is the first one worth simulating, and most gates hold
there. From a month where it fails, it goes on to the first month by whose end work has
ended that may change a fact of every failing term (`raising.raised_dimensions`): until
then one of those terms reads the same facts, so it still fails. The month found is the
first that holds, checked month by month in the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from readiness.condition_terms import Threshold, failing_terms, gate_holds, threshold_of
from readiness.conditions import Condition, FactValue
from readiness.index import derived, fact_space_for, framework_index
from readiness.model import Framework
from readiness.plan.calendar import month_label, quarter_label
from readiness.plan.causes import NotAssessed, OpenTerm, TermFails, describe_open_term
from readiness.plan.raising import raised_dimensions, raised_levels
from readiness.plan.records import Milestone
from readiness.plan.schedule import Schedule
from readiness.plan.select import Item
from readiness.plan.simulate import Simulator
from readiness.score import Scorecard, assessed_facts


def find_milestones(
    framework: Framework,
    scorecard: Scorecard,
    simulator: Simulator,
    placed: Sequence[Item],
    schedule: Schedule,
    first: int,
) -> list[Milestone]:
    """For each stage after today's: the first month by whose end the placed work makes its
    gate (and every earlier one) hold; the gate's failing terms when no month does."""
    manifest = framework.manifest
    gate_space = fact_space_for(framework, include_stage=False)
    current = framework.stage_index(scorecard.stage)
    ending = [(schedule.placed[i.id][1], i.initiative) for i in placed]  # (end month, work)
    ends = sorted({end for end, _ in ending})
    months = max(ends, default=0)

    def simulated(month: int) -> Mapping[str, FactValue]:
        done = [initiative for end, initiative in ending if end <= month]
        return simulator.done(done, include_stage=False)

    def check(position: int, month: int) -> tuple[bool, tuple[OpenTerm, ...]]:
        gate = manifest.stages[position].gate or "true"
        facts = simulated(month)
        failing: tuple[OpenTerm, ...] = tuple(
            TermFails(term.text, term.tree) for term in failing_terms(gate, facts, gate_space)
        )
        # As in scoring, a gate does not hold on a dimension without enough evidence.
        decided_on, unassessed = assessed_facts(framework, position, facts, simulator.unassessed)
        if not unassessed:
            return not failing, failing
        failing += tuple(NotAssessed(dimension) for dimension in unassessed)
        return gate_holds(gate, decided_on, gate_space), failing

    def failing(position: int, month: int) -> tuple[Condition, ...]:
        """The terms of the gate that fail by the end of `month` (none when it holds: the
        first part of `check`, without saying why)."""
        gate = manifest.stages[position].gate or "true"
        facts = simulated(month)
        decided_on = assessed_facts(framework, position, facts, simulator.unassessed)[0]
        return failing_terms(gate, decided_on, gate_space)

    levels = raised_levels(framework)
    raised: dict[str, list[tuple[float, int]]] = {}  # question -> (level, end month) of work
    for end, initiative in ending:
        for question, level in levels[initiative.id].items():
            raised.setdefault(question, []).append((level, end))
    changing = _changing(framework, ((initiative.id, end) for end, initiative in ending))
    milestones: list[Milestone] = []
    earliest, earlier_holds = 0, True
    for index in range(current, len(manifest.stages)):
        stage = manifest.stages[index]
        following = manifest.stages[index + 1] if index + 1 < len(manifest.stages) else None
        if following is None:
            if not any(i.wave == index for i in placed):
                continue
            reachable, unaddressed, month = earlier_holds, tuple[OpenTerm, ...](), months
            title = f"{stage.title}: planned work complete"
        else:
            title = f"Ready for {following.title}"
            reachable, unaddressed = check(index + 1, months)
            reachable = reachable and earlier_holds
            month = months
            if reachable:
                # The first end month that holds: from the earliest the question terms allow,
                # which most often does; else from the first month by whose end every term
                # failing there may have changed (see `_next_change`), and so on.
                bound = _question_bound(
                    _gate_thresholds(framework)[index + 1], simulator.values, raised
                )
                start = max(earliest, bound)
                month = next((m for m in ends if m >= start), months)
                while month < months and (terms := failing(index + 1, month)):
                    month = max(_next_change(term, month, changing, months) for term in terms)
            earliest, earlier_holds = month, reachable
        last = first + max(month, 1) - 1
        milestones.append(
            Milestone(
                stage=stage.id,
                title=title,
                month=month,
                date=month_label(last),
                quarter=quarter_label(last),
                gate=following.gate if following else None,
                reachable=reachable,
                unaddressed=tuple(describe_open_term(term) for term in unaddressed),
                open_terms=unaddressed,
            )
        )
    return milestones


@derived
def _gate_thresholds(framework: Framework) -> tuple[tuple[Threshold, ...], ...]:
    """Per stage, in stage order, the thresholds its gate's terms set (`threshold_of`)."""
    found = []
    for gate in framework_index(framework).gates:
        terms = gate.terms() if gate is not None else ()
        found.append(tuple(t for t in (threshold_of(term.tree) for term in terms) if t))
    return tuple(found)


def _question_bound(
    thresholds: Sequence[Threshold],
    values: Mapping[str, FactValue],
    raised: Mapping[str, Sequence[tuple[float, int]]],
) -> int:
    """A month before which a gate cannot hold: the latest, over its terms setting a threshold
    (`thresholds`) on a question the answers do not meet yet, of the first month some placed
    work raises the question to it (`raised`: per question, the level each placed piece of
    work brings it to and the month it ends; see the module docstring); 0 when there is none."""
    bound = 0
    for threshold in thresholds:
        if threshold.holds(values.get(threshold.name)):
            continue
        ends = [end for level, end in raised.get(threshold.name, ()) if threshold.holds(level)]
        bound = max(bound, min(ends, default=0))
    return bound


def _changing(framework: Framework, ends: Iterable[tuple[str, int]]) -> dict[str, list[int]]:
    """Per dimension, the end months (ascending) of the placed work (`ends`: each initiative's
    id and end month) that may change its facts (`raising.raised_dimensions`); under
    `overall` and every dimension, every end month when some of the work raises an overall
    fact, since how far the simulation then raises each dimension depends on all of them."""
    touched = raised_dimensions(framework)
    changing: dict[str, set[int]] = {}
    for initiative_id, end in ends:
        for dimension in touched[initiative_id]:
            changing.setdefault(dimension, set()).add(end)
    if "overall" in changing:
        every = {month for months in changing.values() for month in months}
        changing = dict.fromkeys(changing, every)
    return {dimension: sorted(months) for dimension, months in changing.items()}


def _next_change(
    term: Condition, month: int, changing: Mapping[str, Sequence[int]], last: int
) -> int:
    """The first end month after `month` by whose end placed work may have changed a fact the
    term reads (`last` when none does). Before it the term reads the same facts as at `month`,
    so a term failing at `month` fails there too, and so does its gate: the gate cannot hold
    earlier. A term reading an overall fact reads every dimension."""
    scopes = {name.partition(".")[0] for name in term.reads}
    if "overall" in scopes or "overall" in changing:
        scopes = set(changing)
    later = (m for scope in scopes for m in changing.get(scope, ()) if m > month)
    return min(later, default=last)
