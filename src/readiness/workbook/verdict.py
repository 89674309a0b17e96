"""The verdict sheet of the results workbook from `plan`: the answer a partner sends first.

Whether the plan meets the target and its deadline, how far the organization has come, each
milestone reached or not and when, the plan's warnings, the deferred work with why it is
deferred and which gate condition or target it leaves open, and every finding with its
severity. All of it is the engine's, as `readiness plan` prints it; nothing is recomputed here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from readiness.condition_terms import raised_thresholds, split_terms, term_threshold
from readiness.model import Framework
from readiness.workbook import cells

WIDTHS = (30, 38, 32, 62)


def write_verdict_sheet(
    ws: Any, framework: Framework, planned: Mapping[str, Any], bold: Any, fill: Any
) -> None:
    """Fill `ws` with the verdict of `planned` (`Planned.data()`): the facts, then one table
    each for milestones, warnings, gaps left open, deferred initiatives and findings."""
    plan = planned.get("plan", {})
    stages = {s.id: s.title for s in framework.manifest.stages}
    cells.set_widths(ws, WIDTHS)
    title = f"{planned.get('organization', '')}: the plan's verdict, {planned.get('period', '')}"
    cells.put_text(ws, 1, 1, title, font=cells.font(bold=True, size=14))
    row = 3
    for label, text in _facts(planned, plan, stages):
        cells.put_text(ws, row, 1, label, font=cells.font(bold=True), alignment=cells.WRAP)
        cells.put_text(ws, row, 2, text, alignment=cells.WRAP)
        ws.merge_cells(start_row=row, end_row=row, start_column=2, end_column=4)
        ws.row_dimensions[row].height = cells.row_height([(text, sum(WIDTHS[1:]))])
        row += 1
    tables = (
        (("Milestone", "Reached by the plan", "When", "What still fails then"),
         _milestones(plan, framework)),
        (("Warning of the plan", "", "", ""), [(_warning(w), "", "", "") for w in plan.get("warnings", [])]),
        (("Gap to the target left open", "Target level", "", "Why it stays open"),
         [(str(g.get("question")), f"{g.get('target', 0):g}", "", str(g.get("reason", "")))
          for g in plan.get("open_gaps", [])]),
        (("Deferred initiative", "Title", "Needed for", "Why it is deferred"),
         _deferred(plan, framework, stages)),
        (("Finding (severity)", "Title", "Recommended initiatives", "What it says"),
         _findings(planned.get("findings", []))),
    )  # fmt: skip
    for titles, rows in tables:
        row += 1
        for column, text in enumerate(titles, start=1):
            cells.put_text(ws, row, column, text, font=bold, fill=fill, alignment=cells.WRAP)
        if titles[1] == "":
            ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=4)
        row += 1
        for texts in rows or [("none", "", "", "")]:
            for column, text in enumerate(texts, start=1):
                cells.put_text(ws, row, column, text or None, alignment=cells.WRAP)
            if titles[1] == "":
                ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=4)
                widths: Sequence[float] = (sum(WIDTHS),)
            else:
                widths = WIDTHS
            ws.row_dimensions[row].height = cells.row_height(list(zip(texts, widths, strict=False)))
            row += 1


def _facts(
    planned: Mapping[str, Any], plan: Mapping[str, Any], stages: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The plan's headline facts as (label, sentence) pairs."""
    target = plan.get("target") or {}
    stage = stages.get(str(target.get("stage")), str(target.get("stage", "")))
    deadline = target.get("by") or plan.get("deadline")
    facts = [("Stage today", stages.get(str(planned.get("stage")), str(planned.get("stage"))))]
    facts.append(("Target", f"{stage}, by {cells.month_words(deadline)}" if deadline else stage))
    if "percent_to_target" in target:
        facts.append(
            (
                "Way to the target",
                f"{target['percent_to_target']:g}% of the way from the bottom of the scale to "
                "the target, over every question (100% when every question is at its target)",
            )
        )
    reach = [m for m in plan.get("milestones", []) if _reaches(m, stages) == stage]
    facts.append(("Deadline", _deadline(plan, deadline, stage, reach[0] if reach else None)))
    if reach:
        done = reach[0]
        facts.append(
            (
                "Reaches the target stage",
                f"yes, in {cells.month_words(done.get('date'))}"
                if done.get("reachable")
                else "NO: once all the planned work is done, "
                + ("; ".join(done.get("unaddressed", [])) or "its gate")
                + " still fails",
            )
        )
    facts.append(
        (
            "Plan",
            f"{cells.month_words(plan.get('start'))} to {cells.month_words(plan.get('end'))}, {plan.get('months')} "
            f"months, {plan.get('fte_months', 0):g} FTE-months of work, a team of "
            f"{plan.get('team_fte', 0):g} FTE, at most {plan.get('capacity')} initiatives at "
            "once (see the Load sheet)",
        )
    )
    return facts


def _deadline(
    plan: Mapping[str, Any], deadline: Any, stage: str, milestone: Mapping[str, Any] | None
) -> str:
    """Whether the target is met by its deadline, as the plan decides it (its stage reached and
    every question at its target by then, no gap left open), and the date that decides it."""
    end = cells.month_words(plan.get("end"))
    if not deadline:
        return f"none set; the planned work ends {end}"
    by = cells.month_words(deadline)
    gaps = len(plan.get("open_gaps", []))
    if milestone is None:
        reached = f"{stage} is reached today; the planned work ends {end}"
    elif milestone.get("reachable"):
        reached = f"{stage} is reached {cells.month_words(milestone.get('date'))}"
    else:
        reached = f"the plan does not reach {stage}; its work ends {end}"
    if plan.get("deadline_fits"):
        return f"met: {reached}, by the deadline {by}"
    if milestone is not None and not milestone.get("reachable"):
        return f"NOT MET: {reached}, after the deadline {by}"
    if gaps:
        return f"NOT MET: {reached}, but {gaps} gaps to the target stay open (listed below)"
    date = (milestone or {}).get("date")
    if date and deadline and date <= deadline:
        # The stage in time, the target's levels not: the work raising them ends later.
        return (
            f"NOT MET: {reached}, but the levels the target sets are in place only after the "
            f"deadline {by}"
        )
    return f"NOT MET: {reached}, after the deadline {by}"


def _warning(text: str) -> str:
    """A warning of the plan as this sheet shows it: the gaps it points to are listed below."""
    return text.replace("see open_gaps", "listed below").replace("`", "")


def _reaches(milestone: Mapping[str, Any], stages: Mapping[str, str]) -> str | None:
    """The title of the stage a milestone makes the organization ready for (None for the
    milestone that ends the plan)."""
    order = list(stages)
    index = order.index(milestone["stage"]) if milestone.get("stage") in order else -1
    return stages[order[index + 1]] if 0 <= index < len(order) - 1 else None


def _milestones(plan: Mapping[str, Any], framework: Framework) -> list[tuple[str, str, str, str]]:
    stages = {s.id: s.title for s in framework.manifest.stages}
    rows = []
    for milestone in plan.get("milestones", []):
        reached = bool(milestone.get("reachable"))
        if _reaches(milestone, stages) is None:
            when = f"{cells.month_words(milestone.get('date'))} (month {milestone.get('month')})"
            rows.append((str(milestone.get("title")), "-", when, ""))
            continue
        when = (
            f"{cells.month_words(milestone.get('date'))} (month {milestone.get('month')})"
            if reached
            else f"not by the plan's end ({cells.month_words(plan.get('end'))})"
        )
        failing = "; ".join(milestone.get("unaddressed", []))
        rows.append((str(milestone.get("title")), "yes" if reached else "NO", when, failing))
    return rows


def _deferred(
    plan: Mapping[str, Any], framework: Framework, stages: Mapping[str, str]
) -> list[tuple[str, str, str, str]]:
    """Each deferred initiative with the gate conditions and target levels it would satisfy."""
    catalogue = {i.id: i for i in framework.initiatives}
    targets = (plan.get("target") or {}).get("questions", {})
    rows = []
    for item in plan.get("deferred", []):
        known = catalogue.get(str(item.get("id")))
        raised = {t.name: t.value for t in raised_thresholds(known)} if known else {}
        needs = []
        for stage in framework.manifest.stages:
            for term in split_terms(stage.gate) if stage.gate else ():
                threshold = term_threshold(term)
                if threshold is not None and raised.get(threshold.name, -1e9) >= threshold.value:
                    needs.append(f"{stage.title} gate: {term}")
        needs += [
            f"target: {name} at {level:g}"
            for name, level in sorted(targets.items())
            if raised.get(name, -1e9) >= level
        ]
        rows.append(
            (
                str(item.get("id")),
                str(item.get("title", "")),
                "; ".join(needs),
                str(item.get("reason", "")),
            )
        )
    return rows


def _findings(findings: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, str, str]]:
    order = {"high": 0, "medium": 1, "low": 2}
    ranked = sorted(findings, key=lambda f: order.get(str(f.get("severity")), 3))
    return [
        (
            f"{f.get('rule')} ({f.get('severity')})",
            str(f.get("title", "")),
            ", ".join(f.get("recommend", [])),
            str(f.get("text", "")),
        )
        for f in ranked
    ]
