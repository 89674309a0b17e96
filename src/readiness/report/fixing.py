"""Which work fixes a high-severity finding for good, and which only contains it.

Work fixes a finding when it answers it (the finding's rule is one of its reasons) and raises a
question the finding read. A containment step raises no practice: it answers a live exposure
(an application that can leak personal or confidential data) by closing it off while the
lasting fix is built, so a finding the funded work only contains still waits for that fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from readiness.model import Framework
from readiness.plan.raising import raised_levels
from readiness.plan.records import Plan, PlannedInitiative
from readiness.rules import RuleResults


class Contained(NamedTuple):
    """A high-severity finding a containment step answers, and when its lasting fix starts."""

    rule: str
    lasting: str | None
    """The month (`YYYY-MM`) the first planned work that fixes it starts (`fixes`); None when
    none is planned."""


class Waiting(NamedTuple):
    """A high-severity finding the funded work does not fix, and when its lasting fix starts."""

    title: str
    start: str | None
    """The month (`YYYY-MM`) the first planned work that fixes it starts (`fixes`); None when
    none is planned."""
    rule: str = ""
    """The finding's rule (the report names it by the title its findings show, by rule)."""
    contained: bool = False
    """Whether a containment step of the funded work answers it until then."""
    contained_by: str | None = None
    """The month (`YYYY-MM`) that containment ends, when it is contained."""


def fixes(item: PlannedInitiative, rule: str, raised: Mapping[str, Mapping[str, float]]) -> bool:
    """Whether `item` fixes the finding of `rule` for good: one of its reasons is the rule and
    it raises a question the rule read (`raised`: `raising.raised_levels`). Work that answers a
    finding without raising its practice (a containment step, groundwork) does not fix it."""
    levels = raised.get(item.id, {})
    return any(r.rule == rule and any(name in levels for name, _ in r.facts) for r in item.why)


def containment_steps(framework: Framework) -> frozenset[str]:
    """The initiatives that raise no practice: a step that contains a live exposure while its
    lasting fix is built."""
    return frozenset(i for i, levels in raised_levels(framework).items() if not levels)


def lasting_start(plan: Plan, rule: str, raised: Mapping[str, Mapping[str, float]]) -> str | None:
    """The month (`YYYY-MM`) the first planned work that fixes `rule`'s finding starts (`fixes`);
    None when none is planned."""
    return min((i.start for i in plan.initiatives if fixes(i, rule, raised)), default=None)


def fixed_findings(
    work: Iterable[PlannedInitiative], high: set[str], raised: Mapping[str, Mapping[str, float]]
) -> set[str]:
    """The rules of the `high` findings some of `work` fixes."""
    return {
        str(r.rule) for i in work for r in i.why if r.rule in high and fixes(i, str(r.rule), raised)
    }


def waiting_findings(
    funded: Sequence[PlannedInitiative], plan: Plan, results: RuleResults, framework: Framework
) -> tuple[Waiting, ...]:
    """Today's high-severity findings that no `funded` work fixes (`fixes`), each with the month
    its lasting fix starts, earliest first (those with none planned last), then by title; a
    finding a funded containment step answers is marked contained."""
    raised = raised_levels(framework)
    steps = containment_steps(framework)
    high = {f.rule for f in results.findings if f.severity == "high"}
    fixed = fixed_findings(funded, high, raised)
    waiting: dict[str, Waiting] = {}
    for finding in results.findings:
        if finding.severity != "high" or finding.rule in fixed or finding.rule in waiting:
            continue
        ends = [
            i.end for i in funded if i.id in steps and any(r.rule == finding.rule for r in i.why)
        ]
        waiting[finding.rule] = Waiting(
            finding.title,
            lasting_start(plan, finding.rule, raised),
            finding.rule,
            bool(ends),
            max(ends, default=None),
        )
    return tuple(sorted(waiting.values(), key=lambda w: (w.start is None, w.start or "", w.title)))
