"""Progress in words: the comparison summary and the Markdown of `readiness progress`."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.model import format_number
from readiness.printable import markdown_line
from readiness.progress.records import Comparison, Progress
from readiness.rules import FactReading, format_value


def _signed(delta: float | None, digits: int = 2) -> str:
    if delta is None:
        return ""
    sign = "+" if delta > 0 else "-" if delta < 0 else "±"
    return f"{sign}{abs(delta):.{digits}f}"


def _readings(reads: Sequence[FactReading]) -> str:
    return ", ".join(f"{r.name} = {format_value(r.value)}" for r in reads)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def comparison_summary(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """What changed since the baseline, as (heading, lines) blocks for text output."""
    blocks: list[tuple[str, list[str]]] = []
    stage = f"{comparison.stage_before_title} -> {comparison.stage_after_title}"
    if comparison.stage_change is None:
        stage = f"still {comparison.stage_after_title}"
    gates = [
        f"gate {g.title} {'now holds' if g.change == 'crossed' else 'no longer holds'}"
        for g in comparison.gates
    ]
    overall = f"overall {_signed(comparison.delta)}" if comparison.delta is not None else ""
    blocks.append(("Stage", [", ".join(x for x in (stage, overall, *gates) if x)]))
    blocks.append(
        (
            f"Achieved ({len(comparison.achieved)})",
            [
                f"{a.id}: {a.title} ("
                + (
                    "marked done"
                    if a.how == "status"
                    else f"exit criterion holds: {_readings(a.reads)}"
                )
                + ")"
                for a in comparison.achieved
            ]
            or ["none"],
        )
    )
    blocks.append(
        (
            f"Slipped ({len(comparison.slipped)})",
            [
                f"{s.id}: {s.title} (due {s.planned_end}, {_plural(s.months_late, 'month')} "
                f"late, {s.status.replace('_', ' ')}"
                + (f"; exit criterion not met: {_readings(s.reads)}" if s.reads else "")
                + ")"
                for s in comparison.slipped
            ]
            or ["none"],
        )
    )
    if comparison.dropped:
        blocks.append(
            (
                f"Dropped ({len(comparison.dropped)})",
                [f"{d.id}: {d.title}" for d in comparison.dropped],
            )
        )
    blocks.append(
        (
            f"Went down ({len(comparison.went_down)})",
            [
                f"{q.key}: {format_number(q.before)} -> {format_number(q.after)}"
                for q in comparison.went_down
            ]
            or ["none"],
        )
    )
    return blocks


def render_progress_markdown(progress: Progress) -> str:
    """The progress table and the latest comparison as Markdown."""
    titles = [title for _, title in progress.dimensions]
    lines = [
        f"# Progress: {markdown_line(progress.organization)}",
        "",
        f"Framework {progress.framework}. Scores with the change since the previous period.",
        "",
        "| Period | Date | Overall | Stage | " + " | ".join(titles) + " |",
        "|---|---|--:|---|" + "--:|" * len(titles),
    ]
    for row in progress.periods:
        cells = {d.id: d for d in row.dimensions}
        arrow = {"up": " ↑", "down": " ↓", None: ""}[row.stage_change]
        values = [
            _cell(cells[i].score, cells[i].delta) if i in cells else "–"
            for i, _ in progress.dimensions
        ]
        lines.append(
            f"| {row.period} | {row.date} | {_cell(row.score, row.delta)} | "
            f"{row.stage_title}{arrow} | " + " | ".join(values) + " |"
        )
    if progress.latest is not None:
        comparison = progress.latest
        lines += ["", f"## Since {comparison.baseline_period} ({comparison.baseline_date})"]
        for heading, items in comparison_summary(comparison):
            lines += ["", f"**{heading}**", ""]
            lines.extend(f"- {_escape(item)}" for item in items)
    return "\n".join(lines) + "\n"


def _cell(value: float | None, delta: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" + (f" ({_signed(delta)})" if delta is not None else "")


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
