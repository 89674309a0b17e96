"""The practices slide: each dimension's practices as a row of heat-map cells, those below what
the next stage requires (at the last stage, below their dimension's target level) first, then
the dimension's strongest, and a last cell that counts the rest by level. Where no practice is
below anything, each row names its weakest and then its strongest.

A cell is shaded by the level it prints, so the shade and the number never disagree, and the
title counts only what a reader can find on the slide: the practices below are all shown (or the
title says how many are), and every practice left out is counted by level in its row.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from readiness.deck.slides import HeatCell, HeatmapSlide, HeatRow
from readiness.model import Framework, format_number
from readiness.report.i18n import ENGLISH
from readiness.report.story import Practice, StandingRow, Story
from readiness.report.words import and_words, lower_first, plural

NAMED_CELLS = 3
"""Practices named per dimension; a dimension with more gets a last cell counting the rest. Three
named cells and the count keep the grid and its legend at 14 pt inside a 16:9 slide's body, even
when every named practice is below the bar (its cell then says so on a line of its own)."""


NAMED_SHORT = 3
"""The most practices below the bar the title names; more are counted."""


class Gap(NamedTuple):
    """What a practice falls short of, in the cell's words (`needs 3`, `target 3`)."""

    below: bool
    words: str


def _gap(practice: Practice, row: StandingRow, story: Story) -> Gap:
    """Whether `practice` is below what the next stage requires of it, or, at the last stage,
    below the level the target sets for its dimension; and how its cell says so."""
    if practice.level is None:
        return Gap(False, "")
    if story.next_stage is not None:
        if practice.short and practice.asked:
            return Gap(True, f"needs {practice.asked.split(' · ')[0]}")
        return Gap(False, "")
    target = row.target_level
    # A points dimension's target is in points, not a level a practice can be compared with.
    if row.level is not None and target is not None and practice.level < target:
        return Gap(True, f"target {format_number(target)}")
    return Gap(False, "")


def _chosen(row: StandingRow, story: Story, spread: bool) -> tuple[list[int], list[int]]:
    """The positions of the practices a row names, in the order shown, and of those it only
    counts: those below first (weakest first), then the strongest; or, with `spread` (no
    practice anywhere is below), the weakest and then the strongest."""
    practices = row.practices
    below = [i for i, p in enumerate(practices) if _gap(p, row, story).below]
    below.sort(key=lambda i: (practices[i].level or 0.0, i))
    rest = [i for i, p in enumerate(practices) if i not in below and p.level is not None]
    rest.sort(key=lambda i: (-(practices[i].level or 0.0), practices[i].asked is None, i))
    if spread:
        weakest = sorted(rest, key=lambda i: (practices[i].level or 0.0, i))[: NAMED_CELLS // 2]
        rest = weakest + [i for i in rest if i not in weakest]
    unanswered = [i for i, p in enumerate(practices) if p.level is None]
    order = below + rest + unanswered
    if len(order) <= NAMED_CELLS + 1:
        return order, []
    return order[:NAMED_CELLS], order[NAMED_CELLS:]


def _cell(practice: Practice, gap: Gap, framework: Framework) -> HeatCell:
    """A practice's cell: its name and level (and what it falls short of), shaded by that
    level."""
    scale = framework.manifest.scale
    if practice.level is None:
        return HeatCell(f"{practice.name}\n{practice.label.lower()}", None)
    value = format_number(practice.level) + (f", {gap.words}" if gap.below else "")
    share = (practice.level - scale.min) / (scale.max - scale.min)
    return HeatCell(f"{practice.name}\n{value}", share)


def _counted(hidden: list[Practice], below: int) -> HeatCell:
    """The last cell of a row: how many practices it leaves out (and how many of them are
    below), then how many at each level, lowest first (the legend names the levels)."""
    levels = Counter(p.level for p in hidden if p.level is not None)
    counts = [f"{n} at {format_number(level)}" for level, n in sorted(levels.items())]
    if unanswered := sum(p.level is None for p in hidden):
        counts.append(f"{unanswered} not answered")
    head = f"+{len(hidden)} more" + (f", {below} below" if below else "")
    return HeatCell(f"{head}:\n{', '.join(counts)}", None)


def practices_slide(story: Story, framework: Framework) -> HeatmapSlide:
    """The practices of every dimension, those below first, then the strongest, the rest
    counted; titled with how many are below and how many of them are shown."""
    scale = framework.manifest.scale
    rows = []
    below = shown_below = named = 0
    short: list[str] = []
    spread = not any(_gap(p, r, story).below for r in story.standing for p in r.practices)
    for row in story.standing:
        shown, hidden = _chosen(row, story, spread)
        gaps = [_gap(p, row, story) for p in row.practices]
        cells = [_cell(row.practices[i], gaps[i], framework) for i in shown]
        below += sum(g.below for g in gaps)
        shown_below += sum(gaps[i].below for i in shown)
        short += [row.practices[i].name for i in shown if gaps[i].below]
        named += len(shown)
        if hidden:
            hidden_below = sum(gaps[i].below for i in hidden)
            cells.append(_counted([row.practices[i] for i in hidden], hidden_below))
        rows.append(HeatRow(row.dimension, tuple(cells)))
    legend = tuple(
        HeatCell(f"{format_number(p)} {scale.labels[p]}", (p - scale.min) / (scale.max - scale.min))
        for p in scale.points()
    )
    what = (
        f"what {story.next_stage.lower()} requires"
        if story.next_stage
        else "their dimension's target level"
    )
    if below and shown_below == below and below <= NAMED_SHORT:
        # Few enough to name: the title says which (the notes say how the rows are ordered).
        title = f"{plural(below, 'practice')} below {what}: " + and_words(
            [lower_first(name) for name in short], ENGLISH
        )
    elif below:
        title = f"{plural(below, 'practice')} below {what}" + (
            "" if shown_below == below else f" ({shown_below} shown)"
        )
    else:
        title = _extremes(story, framework)
    total = sum(len(r.practices) for r in story.standing)
    notes = (
        f"Each cell is a practice and the level it reached, shaded by that level (darker is "
        f"stronger). First come the practices below {what} (“needs” or “target” says the level), "
        "then each dimension's strongest (with none below, its weakest, then its strongest); "
        + (
            "every practice is shown."
            if named == total
            else f"the last cell of a row counts the others by level ({named} of {total} named)."
        )
    )
    return HeatmapSlide(title, tuple(rows), legend, notes)


def _extremes(story: Story, framework: Framework) -> str:
    """The title when no practice is below: how many sit at the lowest level any reaches and
    how many at the highest (each row names its weakest and strongest and counts the rest by
    level, so both counts can be checked)."""
    scale = framework.manifest.scale
    levels = [p.level for row in story.standing for p in row.practices if p.level is not None]
    if not levels:
        return "No practice is answered yet"
    low, top = min(levels), max(levels)
    lowest = levels.count(low)
    said = (
        f"Of {plural(len(levels), 'practice')}, {lowest} {'is' if lowest == 1 else 'are'} at "
        f"{format_number(low)} {scale.labels[low]}"
    )
    if top > low:
        said += f" and {levels.count(top)} at {format_number(top)} {scale.labels[top]}"
    return said
