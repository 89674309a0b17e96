"""The roadmap as Markdown a consultant can paste into a document or a wiki.

Same content as the terminal tables (`readiness plan`): one table per stage block, then the
milestones, deferred and achieved initiatives, undecided rules and warnings. Deterministic:
built from the models only, no clock.
"""

from __future__ import annotations

from readiness.model import Framework
from readiness.roadmap import (
    Plan,
    describe_flags,
    describe_months,
    describe_reason,
    stage_blocks,
)
from readiness.rules import RuleResults, describe_missing
from readiness.score import Scorecard


def cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def render_plan_markdown(
    plan: Plan, results: RuleResults, card: Scorecard, framework: Framework
) -> str:
    """The roadmap as a Markdown document (ends with a newline)."""
    titles = {s.id: s.title for s in framework.manifest.stages}
    severity = {f.rule: f.severity for f in results.findings}
    lines = [
        f"# Roadmap: {card.organization}, {card.period}",
        "",
        f"Framework {card.framework}. Stage today: **{card.stage_title}** ({card.stage}). "
        f"{len(results.findings)} findings. The plan runs from {plan.start} to {plan.end} "
        f"({plan.months} months), with at most {plan.capacity} initiatives at once.",
    ]
    for stage, rows, span in stage_blocks(plan, framework.manifest.stages):
        lines += [
            "",
            f"## {stage.title} ({stage.id}): {span}",
            "",
            "| Initiative | When | Owner | Why |",
            "|---|---|---|---|",
        ]
        for item in rows:
            flags = ", ".join(describe_flags(item))
            when = (
                item.start_quarter
                if item.start_quarter == item.end_quarter
                else f"{item.start_quarter} to {item.end_quarter}"
            )
            why = "<br>".join(
                cell(describe_reason(r))
                + (f" ({severity[r.rule]})" if r.rule in severity and r.kind == "rule" else "")
                for r in item.why
            )
            lines.append(
                f"| **{cell(item.title)}**<br>`{item.id}` ({flags}) "
                f"| {when}<br>{describe_months(item.start_month, item.end_month)} "
                f"| {cell(item.owner)} | {why} |"
            )
    if plan.milestones:
        lines += ["", "## Milestones", ""]
        for milestone in plan.milestones:
            text = (
                f"- **{milestone.date} ({milestone.quarter}): {milestone.title}**, "
                f"end of {titles[milestone.stage]}."
            )
            if milestone.gate is not None and milestone.reachable:
                text += f" Gate `{cell(milestone.gate)}`: reached by the plan."
            elif milestone.gate is not None:
                missing = "; ".join(f"`{cell(t)}`" for t in milestone.unaddressed)
                text += f" Gate `{cell(milestone.gate)}`: not reached; nothing addresses {missing}."
            lines.append(text)
    if plan.deferred:
        lines += ["", "## Deferred", ""]
        lines += [f"- **{cell(d.title)}** (`{d.id}`, {d.stage}): {d.reason}" for d in plan.deferred]
    if plan.achieved:
        how = {"status": "marked done", "done_when": "exit criterion met"}
        lines += ["", "## Already achieved", ""]
        lines += [f"- **{cell(a.title)}** (`{a.id}`): {how[a.how]}" for a in plan.achieved]
    if results.undetermined:
        lines += ["", "## Rules not decided for lack of answers", ""]
        lines += [
            f"- `{u.rule}` ({cell(u.title)}): answer {describe_missing(u.missing, card)}"
            for u in results.undetermined
        ]
    if plan.warnings:
        lines += ["", "## Notes", ""]
        lines += [f"- {w}" for w in plan.warnings]
    return "\n".join(lines) + "\n"
