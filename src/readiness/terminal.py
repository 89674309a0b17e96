"""Tables for people at a terminal, drawn with rich (colour dropped when piped, NO_COLOR honoured)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readiness.model import Framework, format_number
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
