"""The roadmap in words: the lines tables and Markdown share, and the Markdown a consultant can
paste into a document or a wiki.

Same content as the terminal tables (`readiness plan`): the target and gaps, one table per wave,
then the milestones, open gaps, what it takes, verify-first answers, deferred and achieved
initiatives, undecided rules and notes. Deterministic: built from the records only, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence

from readiness.model import Framework, Stage
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.causes import OpenTerm, TermFails, describe_open_term
from readiness.plan.records import Plan, PlannedInitiative, Reason, Route, TargetProfile
from readiness.printable import markdown_line
from readiness.rules import RuleResults, describe_missing, format_readings
from readiness.score import Scorecard


def describe_flags(item: PlannedInitiative) -> tuple[str, ...]:
    """What a plan line shows beside the title: dimension, severity, pulls, whether under way."""
    flags = (
        item.dimension,
        item.severity,
        "quick win" if item.quick_win else None,
        "regulatory" if item.regulatory else None,
        "in progress" if item.status == "in_progress" else None,
    )
    return tuple(flag for flag in flags if flag)


def describe_reason(reason: Reason) -> str:
    """One line saying why an initiative is planned, for tables and Markdown."""
    if reason.kind == "rule":
        facts = format_readings(reason.facts)
        return f"rule {reason.rule}: {facts}" if facts else f"rule {reason.rule}"
    if reason.kind == "prerequisite":
        return f"prerequisite of {reason.prerequisite_of}"
    if reason.kind == "gap":
        return f"{reason.title[0].lower()}{reason.title[1:]} ({format_readings(reason.facts)})"
    if reason.kind == "gate":
        return reason.title[0].lower() + reason.title[1:]
    return "in progress"


def describe_months(start_month: int, end_month: int) -> str:
    """`months 1-3` (1-based, inclusive) for an exclusive 0-based span."""
    if end_month - start_month <= 1:
        return f"month {start_month + 1}"
    return f"months {start_month + 1}-{end_month}"


def stage_blocks(
    plan: Plan, stages: Sequence[Stage]
) -> list[tuple[Stage, list[PlannedInitiative], str]]:
    """Each wave with planned work, in stage order: its initiatives, and the span they take
    (`months 1-9 (2027-01 to 2027-09)`); waves may overlap."""
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


def below_target(target: TargetProfile) -> str:
    """What is short of the target: the questions below theirs, else the dimensions (a summing
    dimension has a target in points and none per question)."""
    if target.gaps:
        count = len(target.gaps)
        return f"{count} question{'s' if count != 1 else ''} below target"
    count = sum(1 for gap in target.dimensions if gap.gap > 0)
    return f"{count} dimension{'s' if count != 1 else ''} below target"


def describe_target(plan: Plan, titles: dict[str, str]) -> str:
    """One sentence: the target, how far the organization is, and whether the plan gets there."""
    target = plan.target
    text = (
        f"Target: {titles[target.stage]} ({target.stage}), {target.percent_to_target:g}% of the way"
    )
    if target.at_target:
        return text + "; at target."
    text += f"; {below_target(target)}"
    if plan.deadline is not None:
        text += f"; deadline {plan.deadline}: " + ("met" if plan.deadline_fits else "not met")
    return text + "."


def describe_route(route: Route, titles: dict[str, str]) -> list[str]:
    """Lines saying what a route takes: its initiatives, effort, date and answer changes."""
    goal = f"{titles[route.stage]} ({route.goal})"
    if not route.initiatives and not route.uncoverable:
        return [f"{goal}: nothing to do; the answers already meet it."]
    exact = "" if route.exact else " (the least found, not proven cheapest)"
    count, months = len(route.initiatives), route.months
    lines = [
        f"{goal}: {count} initiative{'s' if count != 1 else ''}, {route.fte_months:g} "
        f"FTE-months, earliest {route.date or 'now'} ({months} month{'s' if months != 1 else ''})"
        f"{exact}: " + ", ".join(route.initiatives)
    ]
    if route.answer_changes:
        lines.append(
            "Answers that would be enough: "
            + ", ".join(f"{q} to {v:g}" for q, v in route.answer_changes.items())
        )
    if route.uncoverable:
        lines.append("No initiative raises far enough: " + ", ".join(route.uncoverable))
    return lines


def describe_options(plan: Plan) -> list[str]:
    """Lines saying what stands between the plan and its target, and the two options
    (`plan.target_options`); none when the plan meets its target."""
    options = plan.what_it_takes.options if plan.what_it_takes else None
    if options is None:
        return []
    lines = []
    if options.deferred:
        lines.append(
            f"Deferred work the target needs: {', '.join(options.deferred)} "
            f"({options.extra_fte_months:g} FTE-months)"
        )
    if options.late:
        lines.append(
            f"Short at the deadline {plan.deadline}: "
            + ", ".join(f"{p.question} to {p.level:g} by {p.date or 'never'}" for p in options.late)
        )
    if options.date:
        extra = (
            "with the deferred work planned after the horizon" if options.deferred else "as planned"
        )
        lines.append(f"Option A: {extra}, the target holds {options.date}")
    if options.team_fte is not None:
        lines.append(
            f"Option B: a team of {options.team_fte:g} FTE (today {plan.team_fte:g}) meets "
            f"{plan.deadline} (target holds {options.team_date})"
        )
    elif options.unlimited_date is not None:
        lines.append(
            f"Option B: no team up to twice today's ({plan.team_fte:g} FTE) meets {plan.deadline}; "
            f"with as many people as the work can use, the target holds {options.unlimited_date}"
        )
    return lines


def open_term_text(term: OpenTerm) -> str:
    """An open term of a gate for warnings and Markdown: a gate term as code, a dimension not
    assessed in words (it is no condition)."""
    said = describe_open_term(term)
    return f"`{said}`" if isinstance(term, TermFails) else said


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
        f"# Roadmap: {markdown_line(card.organization)}, {card.period}",
        "",
        f"Framework {card.framework}. Stage today: **{card.stage_title}** ({card.stage}). "
        f"{len(results.findings)} findings. The plan runs from {plan.start} to {plan.end} "
        f"({plan.months} months, {plan.fte_months:g} FTE-months) with a team of "
        f"{plan.team_fte:g} FTE.",
        "",
        describe_target(plan, titles),
    ]
    if plan.target.gaps:
        lines += ["", "## Gaps to target", "", "| Dimension | Level | Target | % to target |"]
        lines.append("|---|---|---|---|")
        for gap in plan.target.dimensions:
            level = "n/a" if gap.level is None else f"{gap.level:g}"
            lines.append(
                f"| {gap.dimension} | {level} | {gap.target:g} | {gap.percent_to_target:g}% |"
            )
    for stage, rows, span in stage_blocks(plan, framework.manifest.stages):
        lines += [
            "",
            f"## {stage.title} ({stage.id}): {span}",
            "",
            "| Initiative | When | Owner, team | Why |",
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
                f"| {cell(item.owner)}<br>{item.effort_fte:g} FTE | {why} |"
            )
    if plan.milestones:
        lines += ["", "## Milestones", ""]
        for milestone in plan.milestones:
            text = f"- **{milestone.date} ({milestone.quarter}): {milestone.title}**."
            if milestone.gate is not None and milestone.reachable:
                text += f" Gate `{cell(milestone.gate)}`: reached by the plan."
            elif milestone.gate is not None:
                missing = "; ".join(cell(open_term_text(t)) for t in milestone.open_terms)
                text += f" Gate `{cell(milestone.gate)}`: not reached" + (
                    f"; still failing: {missing}." if missing else "; an earlier gate is not."
                )
            lines.append(text)
    if plan.open_gaps:
        lines += ["", "## Gaps the plan does not close", ""]
        lines += [f"- `{cell(g.question)}`: {cell(g.reason)}" for g in plan.open_gaps]
    if plan.what_it_takes is not None:
        lines += ["", "## What it takes", ""]
        routes = [plan.what_it_takes.next_stage, plan.what_it_takes.target]
        for route in routes:
            if route is not None:
                lines += [f"- {cell(line)}" for line in describe_route(route, titles)]
        lines += [f"- {cell(line)}" for line in describe_options(plan)]
    if plan.verify_first:
        lines += ["", "## Verify first (low-confidence answers)", ""]
        lines += [f"- `{v.question}`: {', '.join(v.depends)}" for v in plan.verify_first]
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
