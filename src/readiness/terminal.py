"""Tables and lines for people at a terminal (`readiness.tablefit` draws them: styles only
on a terminal, every word and id kept whole at any width)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from readiness.model import Framework, format_number
from readiness.tablefit import Span, Table, Terminal, Text, bold

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
    scale = framework.manifest.scale
    out = Terminal()
    table = Table(title=f"{card.organization} · {card.period} · {card.framework}")
    table.add_column("Dimension")
    table.add_column("Score", right=True)
    table.add_column("%", right=True)
    table.add_column("Level")
    table.add_column("Coverage", right=True)
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
    table.add_row(bold("Overall"), _num(card.score), _num(card.percent, 0), overall_level, "", "")
    out.table(table)
    out.print((("Stage: ", ""), (card.stage_title, "bold"), (f" ({card.stage})", "")))
    for gate in card.gates[1:]:
        state = {True: "holds", False: "does not hold", None: "undetermined"}[gate.holds]
        extra = f" (missing: {', '.join(gate.missing)})" if gate.holds is None else ""
        out.print(f"  gate {gate.stage}: {state}{extra}")
    if questions:
        detail = Table()
        detail.add_column("Question")
        detail.add_column("Value", right=True)
        detail.add_column("Status")
        detail.add_column("Votes")
        detail.add_column("Spread", right=True)
        detail.add_column("Stdev", right=True)
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
        out.table(detail)
    disputed_total = sum(1 for d in card.dimensions for q in d.questions if q.disputed)
    if disputed_total:
        out.print(
            f"Disputed: {disputed_total} question{'s' if disputed_total != 1 else ''} "
            "(votes far apart); list them with --disputes"
        )


def print_plan(plan: Plan, results: RuleResults, card: Scorecard, framework: Framework) -> None:
    """The roadmap: one table per stage block (initiative, when, owner, why), then deferred
    and achieved initiatives, milestones, undecided rules and warnings."""
    from readiness.condition_terms import split_terms
    from readiness.plan.text import describe_flags, describe_months, describe_target, stage_blocks
    from readiness.rules import describe_missing

    out = Terminal()
    titles = {s.id: s.title for s in framework.manifest.stages}
    severity = {f.rule: f.severity for f in results.findings}
    out.say(f"{card.organization} · {card.period} · roadmap", style="bold")
    out.say(
        f"Stage today: {card.stage_title} ({card.stage}). Plan {plan.start} to {plan.end}, "
        f"{plan.months} months, {plan.fte_months:g} FTE-months, a team of {plan.team_fte:g} FTE.",
    )
    out.say(describe_target(plan, titles))
    count = len(results.findings)
    out.say(f"Findings ({count})" if count else "Findings: none", style="bold")
    for finding in results.findings:
        out.say(f"{finding.severity:<6} {finding.rule}: {finding.title}", indent="  ")
    for stage, rows, span in stage_blocks(plan, framework.manifest.stages):
        table = Table(title=f"{stage.title} ({stage.id}): {span}", lines=True)
        for header in ("Initiative", "When", "Owner", "Why"):
            table.add_column(header)
        for item in rows:
            flags = " · ".join(describe_flags(item))
            quarters = (
                item.start_quarter
                if item.start_quarter == item.end_quarter
                else f"{item.start_quarter}\n–{item.end_quarter}"
            )
            why: list[Span] = []
            for reason in item.why:
                if why:
                    why.append(("\n", ""))
                why.extend(_why(reason, severity))
            table.add_row(
                ((item.title + "\n", ""), (f"{item.id} · {flags}", "dim")),
                ((quarters + "\n", ""), (describe_months(item.start_month, item.end_month), "dim")),
                item.owner,
                tuple(why),
            )
        out.table(table)
    if plan.deferred:
        table = Table(title="Deferred")
        for header in ("Initiative", "Stage", "Reason"):
            table.add_column(header)
        for deferred in plan.deferred:
            table.add_row(
                ((deferred.title + "\n", ""), (deferred.id, "dim")),
                deferred.stage,
                deferred.reason,
            )
        out.table(table)
    if plan.achieved:
        how = {"status": "marked done", "done_when": "exit criterion met"}
        out.print(bold("Already achieved"))
        for achieved in plan.achieved:
            out.say(f"{achieved.id}: {achieved.title} ({how[achieved.how]})", indent="  ")
    if plan.milestones:
        table = Table(title="Milestones")
        for header in ("When", "Milestone", "Gate"):
            table.add_column(header)
        for milestone in plan.milestones:
            gate: Text
            if milestone.gate is None:
                gate = "–"
            else:
                # A long gate is summarised: the terms that matter are the unreached ones.
                count = len(split_terms(milestone.gate))
                shown = (
                    milestone.gate
                    if len(milestone.gate) <= 60
                    else f"the gate's {count} conditions"
                )
                if milestone.reachable:
                    gate = ((shown + "\n", ""), ("reached by the plan", "dim"))
                else:
                    missing = "; ".join(milestone.unaddressed)
                    gate = ((shown + "\n", ""), ("not reached:", "bold"), (f" {missing}", ""))
            table.add_row(
                ((milestone.quarter + "\n", ""), (str(milestone.date), "dim")),
                milestone.title,
                gate,
            )
        out.table(table)
    _print_plan_extras(out, plan, titles)
    not_applicable, undecided = split_not_applicable(results, card)
    if not_applicable:
        out.print(
            (("Rules that do not apply", "bold"), (" (they read questions answered n/a)", ""))
        )
        for rule in not_applicable:
            out.say(f"{rule.rule}: {', '.join(rule.missing)} n/a", indent="  ")
    if undecided:
        out.print(bold("Rules not decided for lack of answers"))
        for rule in undecided:
            out.say(f"{rule.rule}: answer {describe_missing(rule.missing, card)}", indent="  ")
    if plan.warnings:
        out.print(bold("Warnings"))
        for warning in plan.warnings:
            out.say(f"- {warning}", indent="  ")


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
    from readiness.plan.text import below_target

    titles = {s.id: s.title for s in framework.manifest.stages}
    out = Terminal()
    state = "at target" if target.at_target else below_target(target)
    deadline = f", by {target.by}" if target.by else ""
    out.print(
        (
            (f"Target: {titles[target.stage]}{deadline}", "bold"),
            (f" · {target.percent_to_target:g}% of the way · {state}", ""),
        )
    )
    for gap in target.dimensions:
        level = "no score" if gap.level is None else f"level {gap.level:g}"
        out.print(
            f"  {gap.dimension}: {level} of {gap.target:g}, {gap.percent_to_target:g}% to target"
        )


def _print_plan_extras(out: Terminal, plan: Plan, titles: dict[str, str]) -> None:
    """Open gaps, what it takes, and the answers to verify first."""
    from readiness.plan.text import describe_options, describe_route

    if plan.open_gaps:
        out.print(bold("Gaps the plan does not close"))
        for gap in plan.open_gaps:
            out.say(f"{gap.question}: {gap.reason}", indent="  ")
    if plan.what_it_takes is not None:
        out.print(bold("What it takes"))
        for route in (plan.what_it_takes.next_stage, plan.what_it_takes.target):
            for line in describe_route(route, titles) if route else ():
                out.say(line, indent="  ")
        for line in describe_options(plan):
            out.say(line, indent="  ")
    if plan.verify_first:
        out.print(bold("Verify first (low-confidence answers)"))
        for answer in plan.verify_first:
            out.say(f"{answer.question}: {', '.join(answer.depends)}", indent="  ")


def _why(reason: Reason, severity: Mapping[str, str]) -> tuple[Span, ...]:
    from readiness.plan.text import describe_reason
    from readiness.rules import format_readings

    if reason.kind == "rule" and reason.rule:
        head: list[Span] = [(reason.rule, "bold"), (f" ({severity.get(reason.rule, '?')})", "")]
        facts = [format_readings((fact,)) for fact in reason.facts]
        return (*head, *(span for fact in facts for span in (("\n", ""), (fact, "dim"))))
    return ((describe_reason(reason), ""),)


def print_disputes(view: WorkshopView, items: Sequence[AgendaItem]) -> None:
    """Every disputed question with each respondent's vote, most disputed first."""
    out = Terminal()
    threshold = format_number(view.dispute_threshold)
    if not items:
        out.print(f"No disputed questions: no votes are {threshold} or more levels apart.")
        return
    out.print(
        (
            ("Disputed questions", "bold"),
            (
                f" ({len(items)}): votes {threshold} or more levels apart, combined by "
                f"{view.vote_aggregate}",
                "",
            ),
        )
    )
    rows: list[tuple[str, Text]] = []
    for number, item in enumerate(items, start=1):
        spread = f"spread {format_number(item.spread)}, stdev {item.stdev:.2f}"
        if item.consensus is not None:
            value = (
                f"agreed {format_number(item.consensus)} (the votes gave {_num(item.vote_value)})"
            )
        else:
            value = f"value {_num(item.value)}"
        rows.append((f"{number}.", ((item.key, "bold"), (f": {spread}; {value}", ""))))
        rows.append(("", ((item.text, "dim"),)))
        votes = (
            f"{v.who} {'n/a' if v.vote is None else format_number(v.vote)}" for v in item.votes
        )
        rows.append(("", ", ".join(votes)))
    out.grid(rows)
    out.print("Respondents: " + "; ".join(f"{r.id} = {r.label}" for r in view.respondents))
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
    from readiness.progress import comparison_summary

    out = Terminal()
    table = Table(title=f"{progress.organization} · {progress.framework}")
    table.add_column("")
    for row in progress.periods:
        table.add_column(f"{row.period}\n{row.date}", right=True)
    table.add_row(
        "Stage", *(r.stage_title + _STAGE_ARROW[r.stage_change] for r in progress.periods)
    )
    table.add_row(bold("Overall"), *(_change(r.score, r.delta) for r in progress.periods))
    table.add_section()
    for dimension_id, title in progress.dimensions:
        cells = []
        for row in progress.periods:
            point = next((d for d in row.dimensions if d.id == dimension_id), None)
            cells.append("–" if point is None else _change(point.score, point.delta))
        table.add_row(title, *cells)
    out.table(table)
    if progress.latest is None:
        return
    comparison = progress.latest
    out.print(f"Since {comparison.baseline_period} ({comparison.baseline_date}):")
    for heading, items in comparison_summary(comparison):
        out.print(f"  {heading}:")
        for item in items:
            out.say(item, indent="    ")


_STAGE_ARROW = {"up": " ↑", "down": " ↓", None: ""}
