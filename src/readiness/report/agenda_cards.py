"""The pack's question pages: for each open dispute, every vote with its weight and note, the
value the votes give, the levels in play with who chose them, and the boxes to tick.

Also how a combined vote value is said (`value_shown`, `how_votes_combine`), which the report's
own table of open questions uses too, so that the two read alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.report.i18n import N_, Translator
from readiness.report.quotes import clean_words
from readiness.report.requests import agenda_anchor
from readiness.workshop import AgendaItem, WorkshopView


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
    stake: str | None
    """What the stage turns on, when this answer decides it."""


HOW = {
    ("mean", False): N_("the mean of the votes"),
    ("mean", True): N_("the weighted mean of the votes"),
    ("median", False): N_("the median of the votes"),
    ("median", True): N_("the weighted median of the votes"),
}


def how_votes_combine(aggregate: str, weighted: bool, words: Translator) -> str:
    """`the weighted mean of the votes`."""
    said = HOW.get((aggregate, weighted))
    return words.gettext(said) if said else aggregate


def value_shown(value: float) -> str:
    """A combined vote value, always in one form: a whole level as is (`3`), else two
    decimals (`2.25`, `2.20`), so the pack's values read alike."""
    rounded = round(value, 2)
    return format_number(rounded) if rounded == int(rounded) else f"{rounded:.2f}"


def aggregate_words(framework: Framework, value: float | None, how: str, words: Translator) -> str:
    if value is None:
        return words.gettext("no value (every vote was n/a)")
    scale = framework.manifest.scale
    low = scale.floor(value)
    label = scale.labels[low]
    shown = value_shown(value)
    if abs(value - low) < 1e-9:
        return words.gettext("%(value)s (%(label)s), %(how)s", value=shown, label=label, how=how)
    high = min(scale.max, round(low + scale.step, 9))
    return words.gettext(
        "%(value)s, between %(low)s and %(high)s: %(how)s",
        value=shown,
        low=label,
        high=scale.labels[high],
        how=how,
    )


def agenda_card(
    item: AgendaItem,
    view: WorkshopView,
    framework: Framework,
    stake: str | None,
    words: Translator,
) -> AgendaCard:
    not_applicable = words.gettext("n/a")
    people = {p.id: p for p in view.respondents}
    weighted = any(v.weight != 1 for v in item.votes)
    how = how_votes_combine(view.vote_aggregate, weighted, words)
    cast = {v.who: v.vote for v in item.votes}
    cells = tuple(
        "–"
        if p.id not in cast
        else not_applicable
        if cast[p.id] is None
        else format_number(cast[p.id] or 0)
        for p in view.respondents
    )
    votes = tuple(
        VoteLine(
            who=people[v.who].label if v.who in people else v.who,
            vote=not_applicable if v.vote is None else format_number(v.vote),
            label="" if v.vote is None else framework.manifest.scale.labels.get(v.vote, ""),
            weight=None
            if v.weight == 1
            else words.gettext(
                "weighted: the vote counts %(times)s times toward the value",
                times=format_number(v.weight),
            ),
            note=clean_words(v.note) if v.note else None,
        )
        for v in item.votes
    )
    levels = tuple(
        LevelLine(
            level=not_applicable if level.level is None else format_number(level.level),
            label=level.label,
            descriptor=level.descriptor,
            voters=", ".join(people[w].role if w in people else w for w in level.voters),
        )
        for level in item.levels
    )
    question = framework.questions()[item.key]
    choices = tuple(format_number(p) for p in framework.manifest.scale.points())
    if question.allow_na:
        choices += (not_applicable,)
    return AgendaCard(
        anchor=agenda_anchor(item.key),
        rank=item.rank,
        key=item.key,
        dimension=item.dimension_title,
        text=item.text,
        critical=item.critical,
        spread=format_number(item.spread),
        stdev=f"{item.stdev:.2f}",
        aggregate=aggregate_words(framework, item.vote_value, how, words),
        votes=votes,
        levels=levels,
        evidence=item.evidence,
        note=clean_words(item.note) if item.note else None,
        choices=choices,
        cells=cells,
        today="–" if item.vote_value is None else value_shown(item.vote_value),
        stake=stake,
    )
