"""The "Where leadership disagrees" part of the report context (the heat map is placed in
`heatmap`).

Built from `readiness.workshop.WorkshopView` (itself pure): every number is formatted and every
cell placed here, so the template `sections/workshop.html.j2` and the macro in
`heatmap.html.j2` only loop and draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.report.heatmap import HeatInput, HeatmapChart, heatmap_chart
from readiness.report.words import humanize_id
from readiness.workshop import AgendaItem, HeatRow, WorkshopView

# --- views --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteLine:
    """One respondent's vote on an agenda question."""

    who: str
    vote: str
    label: str
    weight: str | None
    note: str | None


@dataclass(frozen=True)
class LevelLine:
    """A level in play: its descriptor and who chose it."""

    level: str
    label: str
    descriptor: str
    voters: str


@dataclass(frozen=True)
class AgendaCard:
    """An open dispute, as the agenda shows it."""

    anchor: str
    rank: int
    key: str
    dimension: str
    text: str
    critical: bool
    spread: str
    stdev: str
    aggregate: str
    votes: tuple[VoteLine, ...]
    levels: tuple[LevelLine, ...]
    evidence: str
    note: str | None
    choices: tuple[str, ...]
    cells: tuple[str, ...]
    today: str


@dataclass(frozen=True)
class SettledRow:
    """A dispute a consensus level settled."""

    key: str
    text: str
    dimension: str
    votes: str
    votes_gave: str
    consensus: str


@dataclass(frozen=True)
class WorkshopSection:
    """Everything the "Where leadership disagrees" section shows."""

    title: str
    lead: str
    heatmap: HeatmapChart
    heatmap_note: str
    agenda_lead: str
    columns: tuple[str, ...]
    legend: str
    agenda: tuple[AgendaCard, ...]
    left_off: str | None
    settled: tuple[SettledRow, ...]
    settled_note: str


TITLE = "Where leadership disagrees"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _score(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _level_text(framework: Framework, value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{format_number(value)} · {framework.manifest.scale.labels.get(value, '')}"


def _aggregate_words(framework: Framework, value: float | None, how: str) -> str:
    if value is None:
        return "no value (every vote was n/a)"
    scale = framework.manifest.scale
    low = scale.floor(value)
    label = scale.labels[low]
    if abs(value - low) < 1e-9:
        return f"{format_number(round(value, 2))} ({label}), the {how} of the votes"
    high = min(scale.max, round(low + scale.step, 9))
    return (
        f"{format_number(round(value, 2))}, between {label} and {scale.labels[high]}: "
        f"the {how} of the votes"
    )


def _heat_inputs(view: WorkshopView, framework: Framework) -> list[HeatInput]:
    scale = framework.manifest.scale
    span = scale.max - scale.min
    sums = {d.id for d in framework.dimensions if d.aggregate == "sum"}

    def row_input(row: HeatRow, label: str, sub: str, workshop: bool) -> HeatInput:
        values: list[tuple[float | None, str]] = []
        for cell in row.cells:
            if cell.score is None:
                values.append((None, "–"))
                continue
            fraction = (
                (cell.percent or 0.0) / 100
                if cell.dimension in sums
                else ((cell.score - scale.min) / span)
            )
            text = _score(cell.score, 2 if cell.dimension in sums else 1)
            values.append((fraction, text + ("*" if cell.insufficient else "")))
        overall = None if row.percent is None else row.percent / 100
        values.append((overall, _score(row.score, 2 if sums else 1)))
        return HeatInput(label=label, sub=sub, values=tuple(values), workshop=workshop)

    rows = []
    for row in view.heatmap:
        if row.who == "workshop":
            label = f"Workshop: {view.vote_aggregate} of the votes"
            rows.append(row_input(row, label, f"stage: {row.stage_title}", True))
        else:
            rows.append(
                row_input(row, row.label, f"stage on their votes: {row.stage_title}", False)
            )
    return rows


def _card(item: AgendaItem, view: WorkshopView, framework: Framework) -> AgendaCard:
    people = {p.id: p for p in view.respondents}
    weighted = any(v.weight != 1 for v in item.votes)
    how = ("weighted " if weighted else "") + view.vote_aggregate
    cast = {v.who: v.vote for v in item.votes}
    cells = tuple(
        "–" if p.id not in cast else "n/a" if cast[p.id] is None else format_number(cast[p.id] or 0)
        for p in view.respondents
    )
    votes = tuple(
        VoteLine(
            who=people[v.who].label if v.who in people else v.who,
            vote="n/a" if v.vote is None else format_number(v.vote),
            label="" if v.vote is None else framework.manifest.scale.labels.get(v.vote, ""),
            weight=None if v.weight == 1 else f"vote counts {format_number(v.weight)} times",
            note=v.note,
        )
        for v in item.votes
    )
    levels = tuple(
        LevelLine(
            level="n/a" if level.level is None else format_number(level.level),
            label=level.label,
            descriptor=level.descriptor,
            voters=", ".join(people[w].role if w in people else w for w in level.voters),
        )
        for level in item.levels
    )
    question = framework.questions()[item.key]
    choices = tuple(format_number(p) for p in framework.manifest.scale.points())
    if question.allow_na:
        choices += ("n/a",)
    return AgendaCard(
        anchor=f"agenda-{item.key.replace('.', '-').replace('_', '-')}",
        rank=item.rank,
        key=item.key,
        dimension=item.dimension_title,
        text=item.text,
        critical=item.critical,
        spread=format_number(item.spread),
        stdev=f"{item.stdev:.2f}",
        aggregate=_aggregate_words(framework, item.vote_value, how),
        votes=votes,
        levels=levels,
        evidence=item.evidence,
        note=item.note,
        choices=choices,
        cells=cells,
        today="–" if item.vote_value is None else format_number(round(item.vote_value, 2)),
    )


def build_workshop_section(view: WorkshopView, framework: Framework) -> WorkshopSection:
    """The workshop section's context from the workshop view (pure)."""
    people = len(view.respondents)
    open_count = len(view.agenda) + len(view.left_off)
    threshold = format_number(view.dispute_threshold)
    lead = (
        f"{_plural(people, 'respondent')} voted on {_plural(view.voted, 'question')}. "
        f"On {_plural(view.disputed, 'question')} their votes are {threshold} or more levels "
        "apart"
    )
    if view.settled:
        lead += (
            f"; the workshop settled {len(view.settled)} of them with an agreed level, "
            f"which leaves {open_count} to discuss."
        )
    else:
        lead += f", all {open_count} still open." if open_count > 1 else "."
    if not view.disputed:
        lead = (
            f"{_plural(people, 'respondent')} voted on {_plural(view.voted, 'question')}, and "
            f"no two votes on the same question are {threshold} or more levels apart."
        )
    headers = [d.title for d in view.dimensions] + ["Overall"]
    spreads = [
        (
            "–" if d.spread is None else format_number(round(d.spread, 1)),
            d.spread is not None and d.spread >= 1,
        )
        for d in view.dimensions
    ]
    overall_scores = [r.score for r in view.heatmap[:-1] if r.score is not None]
    overall_spread = max(overall_scores) - min(overall_scores) if len(overall_scores) > 1 else None
    spreads.append(
        (
            "–" if overall_spread is None else format_number(round(overall_spread, 1)),
            overall_spread is not None and overall_spread >= 1,
        )
    )
    chart = heatmap_chart(
        headers,
        _heat_inputs(view, framework),
        spreads,
        title="Each respondent's dimension scores from their own votes",
        spread_label="Spread between respondents",
    )
    stages = {r.stage_title for r in view.heatmap[:-1]}
    note = (
        "Each row scores one person's votes alone, as if they had answered the whole "
        "assessment; the last row is the workshop's own score (votes combined, agreed levels "
        "applied). Darker cells score higher; the spread row is the highest minus the lowest "
        "respondent score, in bold where it reaches a whole level."
    )
    if len(stages) > 1:
        note += (
            " On their own answers, the respondents would place the organization at different "
            "stages: " + ", ".join(sorted(stages)) + "."
        )
    if any("*" in c.text for r in chart.rows for c in r.cells):
        note += " * too few of that dimension's questions answered to count as evidence."
    agenda_lead = (
        "The open disputes, most disputed first (the votes furthest apart first, then the "
        "most scattered, then the question that weighs most). After this overview, each question in "
        "turn: every vote and what its author noted, what each level in play means, and the "
        "evidence that would settle it."
    )
    left_off = None
    if view.left_off:
        left_off = (
            f"{_plural(len(view.left_off), 'more open dispute')} did not fit the agenda: "
            + "; ".join(
                humanize_id(framework.questions()[key].id) if key in framework.questions() else key
                for key in view.left_off
            )
            + "."
        )
    settled = tuple(
        SettledRow(
            key=item.key,
            text=item.text,
            dimension=item.dimension_title,
            votes=", ".join(
                f"{v.who.upper()} {'n/a' if v.vote is None else format_number(v.vote)}"
                for v in item.votes
            ),
            votes_gave=_score(item.vote_value, 2),
            consensus=_level_text(framework, item.consensus),
        )
        for item in view.settled
    )
    settled_note = (
        "An agreed level takes precedence over the votes: the score uses it, and the votes "
        "stay on record."
    )
    return WorkshopSection(
        title=TITLE,
        lead=lead,
        heatmap=chart,
        heatmap_note=note,
        agenda_lead=agenda_lead,
        columns=tuple(p.id.upper() for p in view.respondents),
        legend="; ".join(f"{p.id.upper()}: {p.label}" for p in view.respondents),
        agenda=tuple(_card(item, view, framework) for item in view.agenda),
        left_off=left_off,
        settled=settled,
        settled_note=settled_note,
    )
