"""The decision the steering committee is asked for, in a line, and what its money buys.

`Fund the first wave: about USD 10.03 million, Jan 2027 – May 2028, to reach department scale`:
the first wave's cost as the report's key facts say it (its person-months at the team's rate,
with "about" when rounded; its person-months without a rate), the months its initiatives run
and the furthest milestone they reach. Every figure is the story's (`readiness.report.story`):
the funded work, the split, the roadmap's bars and milestones, said by the report's own
functions, so the deck and the report ask for the same in the same words.
"""

from __future__ import annotations

from readiness.deck.gantt import month_span
from readiness.model import Framework
from readiness.report.cost import Rate, amount_words
from readiness.report.story import Milestone, Story
from readiness.report.words import lower_first

REFERS_BACK = (
    "With them",
    "With it",
    "Of this",
    "Of these",
    "It ",
    "This ",
    "That ",
    "These ",
    "They ",
    "Then ",
)
"""How a sentence that leans on the one before it begins: it is never a bullet of its own."""


def sentences(text: str) -> list[str]:
    """A paragraph split after each full stop that ends a sentence."""
    out: list[str] = []
    for part in text.replace(". ", ".\n").splitlines():
        if out and not out[-1].endswith("."):
            out[-1] += " " + part
        else:
            out.append(part)
    return [s.strip() for s in out if s.strip()]


def whole_thoughts(text: str) -> list[str]:
    """The sentences of a paragraph, each sentence that refers back (`With them, ...`, `Of
    this, ...`) kept with the one it refers to."""
    out: list[str] = []
    for sentence in sentences(text):
        if out and sentence.startswith(REFERS_BACK):
            out[-1] += " " + sentence
        else:
            out.append(sentence)
    return out


def funding(story: Story) -> list[str]:
    """The sentences of the report's headline that ask the committee to fund work (`Fund now
    the 17 initiatives ...`), as the report says them."""
    return [s for s in sentences(story.headline) if s.startswith("Fund")]


def funding_ask(story: Story, framework: Framework, rate: Rate | None) -> str | None:
    """The funding decision in a line, for a title: `Fund the first wave: about USD 10.03
    million, Jan 2027 – May 2028, to reach department scale` (the amount at the team's `rate`).
    None when the report asks for no funding or there is no roadmap to date it."""
    roadmap = story.roadmap
    bars = [b for lane in roadmap.lanes for b in lane.bars] if roadmap else []
    if roadmap is None or not bars or not funding(story):
        return None
    first = min(b.wave for b in bars)
    wave = [b for b in bars if b.wave == first]
    said = [first_amount(story, rate) or roadmap.first_effort, month_span(roadmap.first, wave)]
    end = max(b.end_month for b in wave)
    reached = [
        m
        for m in roadmap.milestones
        if m.reachable and m.month <= end and _goal(m, framework, roadmap.months)
    ]
    if reached:
        said.append(_goal(reached[-1], framework, roadmap.months))
    what = "the plan" if len(wave) == len(bars) else "the first wave"
    return f"Fund {what}: " + ", ".join(s for s in said if s)


def first_amount(story: Story, rate: Rate | None) -> str | None:
    """What the first wave comes to, as the report's key facts say it: `about EUR 1.44
    million`, `EUR 850,000`, `115 person-months` without a rate; None without a plan."""
    split = story.funding_split
    return None if split is None else amount_words(split.fte_months, rate)


def _goal(milestone: Milestone, framework: Framework, months: int) -> str:
    """What reaching a milestone means, after the money and months: `to reach department
    scale`, `for every practice at the enterprise scale standard`; empty for the end of the
    plan (that is no goal of its own)."""
    stages = [s.title for s in framework.manifest.stages if milestone.title.startswith(s.title)]
    if stages:
        return f"to reach {max(stages, key=len).lower()}"
    return "" if milestone.month >= months else f"for {lower_first(milestone.title)}"


def split_lines(story: Story) -> tuple[str, ...]:
    """The decision on the funded money, a line per tier with its money, in the words of the
    report's split (`About USD 1.24 million is for the minimum department scale requires and
    about USD 3.31 million for 5 high-severity fixes`, `About USD 5.48 million goes to
    improvements from Jan 2027 that could wait ...`), each line opening as a sentence does;
    empty when the work is all one part."""
    if story.split is None:
        return ()
    parts = story.split.removeprefix("Of this, ").removesuffix(".").split("; ")
    return tuple(part[:1].upper() + part[1:] for part in parts)
