"""Tables for people at a terminal, drawn with rich (colour dropped when piped, NO_COLOR honoured)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from readiness.model import Framework, format_number
from readiness.tablefit import console, say, show_table

if TYPE_CHECKING:
    from readiness.plan.records import Plan, Reason, TargetProfile
    from readiness.progress import Progress
    from readiness.rules import RuleResults, Undetermined
    from readiness.score import Scorecard
    from readiness.workshop import AgendaItem, WorkshopView


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
    if card.level is not None and card.level in scale.labels:
        overall_level += f" {scale.labels[card.level]}"
    table.add_row(
        "[bold]Overall[/bold]", _num(card.score), _num(card.percent, 0), overall_level, "", ""
    )
    show_table(out, table)
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
        detail.add_column("Votes")
        detail.add_column("Spread", justify="right")
        detail.add_column("Stdev", justify="right")
        detail.add_column("Disputed")
        for dim in card.dimensions:
            for q in dim.questions:
                votes = " ".join(
                    f"{who}={'n/a' if v is None else format_number(v)}"
                    for who, v in q.votes.items()
                )
                detail.add_row(
                    q.key,
                    _num(q.value),
                    q.status,
                    votes,
                    _num(q.spread, 1),
                    _num(q.stdev),
                    "disputed" if q.disputed else "",
                )
        show_table(out, detail)
    disputed_total = sum(1 for d in card.dimensions for q in d.questions if q.disputed)
    if disputed_total:
        out.print(
            f"Disputed: {disputed_total} question{'s' if disputed_total != 1 else ''} "
            "(votes far apart); list them with --disputes"
        )


def print_plan(plan: Plan, results: RuleResults, card: Scorecard, framework: Framework) -> None:
    """The roadmap: one table per stage block (initiative, when, owner, why), then deferred
    and achieved initiatives, milestones, undecided rules and warnings."""
    from rich.markup import escape
    from rich.table import Table

    from readiness.condition_terms import split_terms
    from readiness.plan.text import describe_flags, describe_months, describe_target, stage_blocks
    from readiness.rules import describe_missing

    out = console()
    titles = {s.id: s.title for s in framework.manifest.stages}
    severity = {f.rule: f.severity for f in results.findings}
    say(out, f"{card.organization} · {card.period} · roadmap", bold=True)
    say(
        out,
        f"Stage today: {card.stage_title} ({card.stage}). Plan {plan.start} to {plan.end}, "
        f"{plan.months} months, {plan.fte_months:g} FTE-months, a team of {plan.team_fte:g} FTE.",
    )
    say(out, describe_target(plan, titles))
    count = len(results.findings)
    say(out, f"Findings ({count})" if count else "Findings: none", bold=True)
    for finding in results.findings:
        say(out, f"{finding.severity:<6} {finding.rule}: {finding.title}", indent="  ")
    for stage, rows, span in stage_blocks(plan, framework.manifest.stages):
        table = Table(
            title=f"{stage.title} ({stage.id}): {span}",
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
            flags = " · ".join(describe_flags(item))
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
        show_table(out, table)
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
        show_table(out, table)
    if plan.achieved:
        how = {"status": "marked done", "done_when": "exit criterion met"}
        out.print("[bold]Already achieved[/bold]")
        for achieved in plan.achieved:
            say(out, f"{achieved.id}: {achieved.title} ({how[achieved.how]})", indent="  ")
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
                escape(milestone.title),
                gate,
            )
        show_table(out, table)
    _print_plan_extras(plan, titles)
    not_applicable, undecided = split_not_applicable(results, card)
    if not_applicable:
        out.print("[bold]Rules that do not apply[/bold] (they read questions answered n/a)")
        for rule in not_applicable:
            say(out, f"{rule.rule}: {', '.join(rule.missing)} n/a", indent="  ")
    if undecided:
        out.print("[bold]Rules not decided for lack of answers[/bold]")
        for rule in undecided:
            say(out, f"{rule.rule}: answer {describe_missing(rule.missing, card)}", indent="  ")
    if plan.warnings:
        out.print("[bold]Warnings[/bold]")
        for warning in plan.warnings:
            say(out, f"- {warning}", indent="  ")


def split_not_applicable(
    results: RuleResults, card: Scorecard
) -> tuple[list[Undetermined], list[Undetermined]]:
    """The undecided rules in two: those only n/a answers leave undecided (the question does
    not apply, so neither does the rule), and those an answer would still decide."""
    na = {q.key for d in card.dimensions for q in d.questions if q.status == "n/a"}
    not_applicable = [u for u in results.undetermined if u.missing and set(u.missing) <= na]
    return not_applicable, [u for u in results.undetermined if u not in not_applicable]


def print_target(target: TargetProfile, framework: Framework) -> None:
    """The target and how far each dimension is from it."""
    titles = {s.id: s.title for s in framework.manifest.stages}
    out = console()
    state = "at target" if target.at_target else f"{len(target.gaps)} questions below target"
    deadline = f", by {target.by}" if target.by else ""
    out.print(
        f"[bold]Target: {titles[target.stage]}{deadline}[/bold] · "
        f"{target.percent_to_target:g}% of the way · {state}"
    )
    for gap in target.dimensions:
        level = "no score" if gap.level is None else f"level {gap.level:g}"
        out.print(
            f"  {gap.dimension}: {level} of {gap.target:g}, {gap.percent_to_target:g}% to target"
        )


def _print_plan_extras(plan: Plan, titles: dict[str, str]) -> None:
    """Open gaps, what it takes, and the answers to verify first."""
    from readiness.plan.text import describe_route

    out = console()
    if plan.open_gaps:
        out.print("[bold]Gaps the plan does not close[/bold]")
        for gap in plan.open_gaps:
            say(out, f"{gap.question}: {gap.reason}", indent="  ")
    if plan.what_it_takes is not None:
        out.print("[bold]What it takes[/bold]")
        for route in (plan.what_it_takes.next_stage, plan.what_it_takes.target):
            for line in describe_route(route, titles) if route else ():
                say(out, line, indent="  ")
    if plan.verify_first:
        out.print("[bold]Verify first (low-confidence answers)[/bold]")
        for answer in plan.verify_first:
            say(out, f"{answer.question}: {', '.join(answer.depends)}", indent="  ")


def _why(reason: Reason, severity: Mapping[str, str]) -> str:
    from rich.markup import escape

    from readiness.plan.text import describe_reason
    from readiness.rules import format_readings

    if reason.kind == "rule" and reason.rule:
        head = f"[bold]{reason.rule}[/bold] ({severity.get(reason.rule, '?')})"
        facts = [escape(format_readings((fact,))) for fact in reason.facts]
        return "\n".join([head, *(f"[dim]{fact}[/dim]" for fact in facts)])
    return escape(describe_reason(reason))


def print_disputes(view: WorkshopView, items: Sequence[AgendaItem]) -> None:
    """Every disputed question with each respondent's vote, most disputed first."""
    from rich.table import Table

    out = console()
    threshold = format_number(view.dispute_threshold)
    if not items:
        out.print(f"No disputed questions: no votes are {threshold} or more levels apart.")
        return
    out.print(
        f"[bold]Disputed questions[/bold] ({len(items)}): votes {threshold} or more levels "
        f"apart, combined by {view.vote_aggregate}"
    )
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for number, item in enumerate(items, start=1):
        spread = f"spread {format_number(item.spread)}, stdev {item.stdev:.2f}"
        if item.consensus is not None:
            value = (
                f"agreed {format_number(item.consensus)} (the votes gave {_num(item.vote_value)})"
            )
        else:
            value = f"value {_num(item.value)}"
        grid.add_row(f"{number}.", f"[bold]{item.key}[/bold]: {spread}; {value}")
        grid.add_row("", item.text, style="dim")
        grid.add_row(
            "",
            ", ".join(
                f"{v.who} {'n/a' if v.vote is None else format_number(v.vote)}" for v in item.votes
            ),
        )
    out.print(grid)
    out.print(
        "Respondents: " + "; ".join(f"{r.id} = {r.label}" for r in view.respondents),
        markup=False,
    )
    settled = sum(1 for i in items if i.consensus is not None)
    if settled:
        out.print(
            f"{settled} of {len(items)} settled: an agreed level recorded next to the votes "
            "takes precedence over their aggregate."
        )


def _change(value: float | None, delta: float | None, digits: int = 2) -> str:
    text = _num(value, digits)
    if delta is None or value is None:
        return text
    sign = "+" if delta > 0 else "-" if delta < 0 else "±"
    return f"{text} ({sign}{abs(delta):.{digits}f})"


def print_progress(progress: Progress) -> None:
    """The client's periods side by side (one column each): overall score, stage and each
    dimension with the change since the previous period; then what changed since the previous
    period."""
    from rich.table import Table

    from readiness.progress import comparison_summary

    out = console()
    table = Table(
        title=f"{progress.organization} · {progress.framework}",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("")
    for row in progress.periods:
        table.add_column(f"{row.period}\n{row.date}", justify="right")
    table.add_row(
        "Stage", *(r.stage_title + _STAGE_ARROW[r.stage_change] for r in progress.periods)
    )
    table.add_row("[bold]Overall[/bold]", *(_change(r.score, r.delta) for r in progress.periods))
    table.add_section()
    for dimension_id, title in progress.dimensions:
        cells = []
        for row in progress.periods:
            point = next((d for d in row.dimensions if d.id == dimension_id), None)
            cells.append("–" if point is None else _change(point.score, point.delta))
        table.add_row(title, *cells)
    show_table(out, table)
    if progress.latest is None:
        return
    comparison = progress.latest
    out.print(f"Since {comparison.baseline_period} ({comparison.baseline_date}):", markup=False)
    for heading, items in comparison_summary(comparison):
        out.print(f"  {heading}:", markup=False)
        for item in items:
            say(out, item, indent="    ")


_STAGE_ARROW = {"up": " ↑", "down": " ↓", None: ""}
