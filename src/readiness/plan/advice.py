"""What the reader of a plan should know: its warnings, in a fixed order, and the low-confidence
answers a gate or a high-severity finding reads (to verify first)."""

from __future__ import annotations

from readiness.condition_terms import condition_holds, condition_reads
from readiness.index import derived, fact_space_for, framework_index
from readiness.model import Framework
from readiness.plan.records import Plan, VerifyFirst
from readiness.plan.select import Selection
from readiness.plan.text import open_term_text
from readiness.rules import FactReading, RuleResults, format_readings
from readiness.score import Scorecard


def verify_first(
    framework: Framework, scorecard: Scorecard, results: RuleResults
) -> tuple[VerifyFirst, ...]:
    """Low-confidence answers a gate or a high-severity finding reads."""
    depends: dict[str, list[str]] = {}
    low = {q.key: q for d in scorecard.dimensions for q in d.questions if q.confidence == "low"}
    if not low:
        return ()
    for stage_id, reads, dimensions, overall in _gate_reads(framework):
        for key in low:
            if key in reads or key.partition(".")[0] in dimensions or overall:
                depends.setdefault(key, []).append(f"gate {stage_id}")
    for finding in results.findings:
        if finding.severity != "high":
            continue
        for reading in finding.reads:
            if reading.name in low:
                depends.setdefault(reading.name, []).append(f"finding {finding.rule}")
    return tuple(VerifyFirst(key, low[key].value, tuple(depends[key])) for key in sorted(depends))


@derived
def _gate_reads(
    framework: Framework,
) -> tuple[tuple[str, frozenset[str], frozenset[str], bool], ...]:
    """Per stage with a gate: its id, the facts the gate reads, the dimensions of those facts,
    and whether it reads an overall fact."""
    space = fact_space_for(framework, include_stage=False)
    found = []
    for stage in framework.manifest.stages:
        if stage.gate:
            reads = frozenset(condition_reads(stage.gate, space))
            dimensions = frozenset(name.partition(".")[0] for name in reads)
            overall = any(name.startswith("overall.") for name in reads)
            found.append((stage.id, reads, dimensions, overall))
    return tuple(found)


def plan_warnings(
    framework: Framework, scorecard: Scorecard, selection: Selection, plan: Plan
) -> list[str]:
    """What the reader of the plan should know, in a fixed order."""
    warnings: list[str] = []
    titles = {s.id: s.title for s in framework.manifest.stages}
    following = {
        s.id: framework.manifest.stages[n + 1] for n, s in enumerate(framework.manifest.stages[:-1])
    }
    for milestone in plan.milestones:
        if milestone.stage not in following:
            continue
        if not milestone.reachable and milestone.unaddressed:
            terms = "; ".join(open_term_text(t) for t in milestone.open_terms)
            warnings.append(
                f"the plan does not reach {following[milestone.stage].title}: once all of its "
                f"work is done, {terms} still {'fails' if len(milestone.unaddressed) == 1 else 'fail'}"
            )
        elif not milestone.reachable:
            warnings.append(
                f"{following[milestone.stage].title} is not reached by the plan: an earlier "
                "gate is not"
            )
    if selection.dropped:
        planned = {i.id for i in plan.initiatives}
        initiatives = framework_index(framework).initiatives
        for dropped_id in sorted(selection.dropped):
            for needer in sorted(selection.dropped[dropped_id] & planned):
                warnings.append(
                    f"{initiatives[needer].title} depends on {initiatives[dropped_id].title}, "
                    "which the organization dropped: it is planned without it; check that it "
                    "still makes sense"
                )
    warnings.extend(_status_warnings(framework, scorecard, selection))
    for dimension in scorecard.dimensions:
        if dimension.insufficient:
            missing = [q.key for q in dimension.questions if q.status == "unanswered"]
            warnings.append(
                f"{dimension.title} has too few answers to count as evidence: no gate that reads "
                f"it holds until {', '.join(missing[:6])}"
                + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
                + " are answered"
            )
    if plan.open_gaps:
        many = len(plan.open_gaps) != 1
        warnings.append(
            f"{len(plan.open_gaps)} gap{'s' if many else ''} to the target "
            f"{'stay' if many else 'stays'} open: see open_gaps"
        )
    horizon = framework.manifest.horizon
    late = [d for d in plan.deferred if d.cause.kind != "dropped"]
    if late:
        many = len(late) != 1
        warnings.append(
            f"{len(late)} initiative{'s' if many else ''} {'do' if many else 'does'} not fit the "
            f"{horizon.max_months}-month horizon with a team of {plan.team_fte:g} FTE and "
            f"{'are' if many else 'is'} deferred: grow the team or re-plan at a later assessment"
        )
    if plan.deadline is not None and plan.deadline_fits is False:
        warnings.append(
            f"the target deadline {plan.deadline} is not met: the planned work ends {plan.end}"
            + ("; gaps to the target stay open" if plan.open_gaps else "")
        )
    if plan.initiatives and plan.months < horizon.min_months:
        warnings.append(
            f"the plan takes {plan.months} month{'s' if plan.months != 1 else ''}, less than "
            f"the framework's {horizon.min_months}-month minimum: the horizon is a planning "
            "window, not a target; re-assess when this work is done"
        )
    if plan.target.at_target and not plan.initiatives:
        warnings.append(
            f"at target: every answer meets the {titles[plan.target.stage]} profile; "
            "nothing to plan"
        )
    elif not plan.initiatives and not plan.deferred:
        warnings.append("nothing can be planned: the gaps to the target stay open")
    return warnings


def _status_warnings(framework: Framework, scorecard: Scorecard, selection: Selection) -> list[str]:
    """Initiatives marked done whose exit criterion does not hold on today's answers."""
    initiatives = framework_index(framework).initiatives
    space = fact_space_for(framework)
    found = []
    for initiative_id in sorted(selection.achieved):
        initiative = initiatives[initiative_id]
        if selection.achieved[initiative_id].how != "status" or not initiative.done_when:
            continue
        if condition_holds(initiative.done_when, scorecard.facts, space):
            continue
        readings = format_readings(
            tuple(
                FactReading(n, scorecard.facts.get(n))
                for n in condition_reads(initiative.done_when, space)
            )
        )
        found.append(
            f"{initiative_id} is marked done, but its exit criterion `{initiative.done_when}` "
            f"does not hold yet ({readings}): it is not planned again"
        )
    return found
