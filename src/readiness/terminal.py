"""Tables for people at a terminal, drawn with rich (colour dropped when piped, NO_COLOR honoured)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from readiness.model import Framework, format_number
from readiness.roadmap import (
    Plan,
    Reason,
    describe_months,
    describe_reason,
    describe_span,
    split_terms,
)
from readiness.rules import RuleResults, describe_missing, format_readings
from readiness.score import Scorecard

if TYPE_CHECKING:
    from rich.console import Console


def console(stderr: bool = False) -> Console:
    """A console for tables (stdout) or progress and messages (stderr)."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _num(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def print_scorecard(card: Scorecard, framework: Framework, *, questions: bool = False) -> None:
    """The score table: one row per dimension, then overall, stage and flags."""
    from rich.table import Table

    scale = framework.manifest.scale
    out = console()
    table = Table(
        title=f"{card.organization} · {card.period} · {card.framework}",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("Dimension")
    table.add_column("Score", justify="right")
    table.add_column("%", justify="right")
    table.add_column("Level")
    table.add_column("Coverage", justify="right")
    table.add_column("Notes")
    for dim in card.dimensions:
        level = (
            "–"
            if dim.level is None
            else f"{format_number(dim.level)} "
            + (scale.labels.get(dim.level, "") if dim.aggregate != "sum" else "points")
        )
        notes = []
        if dim.capped_by:
            notes.append(f"capped by {dim.capped_by}")
        if dim.insufficient:
            notes.append("insufficient evidence")
        disputed = sum(1 for q in dim.questions if q.disputed)
        if disputed:
            notes.append(f"{disputed} disputed")
        table.add_row(
            dim.title,
            _num(dim.score),
            _num(dim.percent, 0),
            level,
            f"{dim.coverage:.0%}",
            ", ".join(notes),
        )
    table.add_section()
    overall_level = "–" if card.level is None else format_number(card.level)
    table.add_row(
        "[bold]Overall[/bold]", _num(card.score), _num(card.percent, 0), overall_level, "", ""
    )
    out.print(table)
    out.print(f"Stage: [bold]{card.stage_title}[/bold] ({card.stage})")
    for gate in card.gates[1:]:
        state = {True: "holds", False: "does not hold", None: "undetermined"}[gate.holds]
        extra = f" (missing: {', '.join(gate.missing)})" if gate.holds is None else ""
        out.print(f"  gate {gate.stage}: {state}{extra}")
    if questions:
        detail = Table(header_style="bold")
        detail.add_column("Question")
        detail.add_column("Value", justify="right")
        detail.add_column("Status")
        detail.add_column("Spread", justify="right")
        for dim in card.dimensions:
            for q in dim.questions:
                flag = " disputed" if q.disputed else ""
                detail.add_row(q.key, _num(q.value), q.status + flag, _num(q.spread, 1))
        out.print(detail)


def print_plan(plan: Plan, results: RuleResults, card: Scorecard, framework: Framework) -> None:
    """The roadmap: one table per stage block (initiative, when, owner, why), then deferred
    and achieved initiatives, milestones, undecided rules and warnings."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    titles = {s.id: s.title for s in framework.manifest.stages}
    severity = {f.rule: f.severity for f in results.findings}
    out.print(
        f"[bold]{escape(card.organization)} · {card.period} · roadmap[/bold]\n"
        f"Stage today: {escape(card.stage_title)} ({card.stage}). "
        f"{len(results.findings)} findings. Plan {plan.start} to {plan.end}, "
        f"{plan.months} months, at most {plan.capacity} initiatives at once."
    )
    for stage in framework.manifest.stages:
        rows = [i for i in plan.initiatives if i.stage == stage.id]
        if not rows:
            continue
        first = min(i.start_month for i in rows)
        last = max(i.end_month for i in rows)
        table = Table(
            title=f"{stage.title} ({stage.id}): {describe_span(plan, first, last)}",
            title_justify="left",
            header_style="bold",
            show_lines=True,
            expand=True,
        )
        table.add_column("Initiative", ratio=3, overflow="fold")
        table.add_column("When", no_wrap=True)
        table.add_column("Owner", ratio=2, overflow="fold")
        table.add_column("Why", ratio=5, overflow="fold")
        for item in rows:
            flags = " · ".join(
                x
                for x in (
                    item.dimension,
                    item.severity,
                    "in progress" if item.status == "in_progress" else None,
                )
                if x
            )
            quarters = (
                item.start_quarter
                if item.start_quarter == item.end_quarter
                else f"{item.start_quarter}\n–{item.end_quarter}"
            )
            table.add_row(
                f"{escape(item.title)}\n[dim]{item.id} · {flags}[/dim]",
                f"{quarters}\n[dim]{describe_months(item.start_month, item.end_month)}[/dim]",
                escape(item.owner),
                "\n".join(_why(r, severity) for r in item.why),
            )
        out.print(table)
    if plan.deferred:
        table = Table(title="Deferred", title_justify="left", header_style="bold")
        table.add_column("Initiative", ratio=2)
        table.add_column("Stage")
        table.add_column("Reason", ratio=3)
        for deferred in plan.deferred:
            table.add_row(
                f"{escape(deferred.title)}\n[dim]{deferred.id}[/dim]",
                deferred.stage,
                escape(deferred.reason),
            )
        out.print(table)
    if plan.achieved:
        how = {"status": "marked done", "done_when": "exit criterion met"}
        out.print("[bold]Already achieved[/bold]")
        for achieved in plan.achieved:
            out.print(f"  {achieved.id}: {escape(achieved.title)} ({how[achieved.how]})")
    if plan.milestones:
        table = Table(title="Milestones", title_justify="left", header_style="bold")
        table.add_column("When", no_wrap=True)
        table.add_column("Milestone", ratio=2)
        table.add_column("Gate", ratio=3)
        for milestone in plan.milestones:
            if milestone.gate is None:
                gate = "–"
            else:
                # A long gate is summarised: the terms that matter are the unreached ones.
                count = len(split_terms(milestone.gate))
                shown = (
                    escape(milestone.gate)
                    if len(milestone.gate) <= 60
                    else f"the gate's {count} conditions"
                )
                if milestone.reachable:
                    gate = f"{shown}\n[dim]reached by the plan[/dim]"
                else:
                    missing = "; ".join(milestone.unaddressed)
                    gate = f"{shown}\n[bold]not reached:[/bold] {escape(missing)}"
            table.add_row(
                f"{milestone.quarter}\n[dim]{milestone.date}[/dim]",
                f"{escape(milestone.title)}\n[dim]end of {titles[milestone.stage]}[/dim]",
                gate,
            )
        out.print(table)
    if results.undetermined:
        out.print("[bold]Rules not decided for lack of answers[/bold]")
        for rule in results.undetermined:
            out.print(f"  {rule.rule}: answer {describe_missing(rule.missing, card)}")
    if plan.warnings:
        out.print("[bold]Warnings[/bold]")
        for warning in plan.warnings:
            out.print(f"  - {escape(warning)}")


def _why(reason: Reason, severity: Mapping[str, str]) -> str:
    from rich.markup import escape

    if reason.kind == "rule" and reason.rule:
        head = f"[bold]{reason.rule}[/bold] ({severity.get(reason.rule, '?')})"
        facts = [escape(format_readings((fact,))) for fact in reason.facts]
        return "\n".join([head, *(f"[dim]{fact}[/dim]" for fact in facts)])
    return escape(describe_reason(reason))
