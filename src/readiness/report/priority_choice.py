"""Which first-wave work the summary gives as its three priorities (`priorities` says why).

A priority is work a board funds now and a chief executive reads as "start now", so it is
chosen the way a partner chooses it, from the first wave (`waves.plan_waves`, the funded work):

1. What holds the organization back: the requirements of the next stage's gate that are open
   today (`blockers.stage_blockers`); at the last stage, the practices below the level the stage expects
   of every practice. A requirement met only on an answer leadership disputes is not a reason on
   its own: the evidence settles it, not funded work. Work serves an open requirement when it
   raises a practice it reads to the level it asks, or, for a dimension's level or the overall
   score, when it raises a practice of that dimension (or of the dimensions holding a minimum
   overall) above today's answer, and only a practice still below the asked level (a practice
   already at the stage's level is never the reason); or when such work of the first wave waits
   for it (its prerequisites, all the way down): the path to the fix.
2. A live exposure is contained first: first-wave work starting within `SOON_MONTHS` that
   answers an open high-severity finding and raises no practice (it stops the harm while the
   lasting fix is built, so no requirement reads it) leads.
3. Then each open requirement's first step: the work that closes it and starts first; when that
   starts more than `SOON_MONTHS` after the plan's start, the work on its path that starts
   first. One per requirement, by when they start, then by severity (the findings that asked
   for them), then by the theme they answer (most severe theme first).
4. Places left go to the rest of the work that serves an open requirement, closing before
   being on a path, each by start, severity and theme, never two with the same reason; work
   that starts more than `SOON_MONTHS` out comes after the work that starts sooner. Only when
   that runs out does first-wave work that serves no requirement fill a place.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.plan.records import PlannedInitiative
from readiness.report.blockers import Blocker, number
from readiness.report.severity import SEVERITY_RANK
from readiness.report.story_themes import Theme
from readiness.score import Scorecard

PRIORITIES = 3
SOON_MONTHS = 6
"""The latest start, in months after the plan's start, that a priority may have while other
first-wave work serving the next stage starts sooner."""


class Choice(NamedTuple):
    """A first-wave initiative chosen as a priority, and the blocker it serves first."""

    item: PlannedInitiative
    blocker: Blocker | None
    path: tuple[PlannedInitiative, ...] = ()
    """When it serves `blocker` as a step on the path to it: the work that builds on it, from
    what builds on it directly to the work that closes `blocker` (empty when it closes it)."""
    lifts: str | None = None
    """The practice it lifts (a question id) when it closes `blocker` itself."""
    contains: bool = False
    """It contains a live exposure (rule 2 of the module docstring)."""

    @property
    def path_to(self) -> PlannedInitiative | None:
        """The work closing `blocker` that waits for it (None when it closes it itself)."""
        return self.path[-1] if self.path else None


def choose(
    wave: Sequence[PlannedInitiative],
    blockers: Sequence[Blocker],
    grouped: Sequence[Theme],
    framework: Framework,
    scorecard: Scorecard,
) -> tuple[Choice, ...]:
    """Up to three first-wave initiatives by the rule of the module docstring."""
    catalogue = {i.id: i for i in framework.initiatives}
    facts = scorecard.facts
    in_wave = {i.id: i for i in wave}

    def lifted(item: PlannedInitiative, blocker: Blocker) -> str | None:
        """The practice `item` raises to what `blocker` asks of it (the lowest today)."""
        raised = {
            t.name: t.value
            for t in (raised_thresholds(catalogue[item.id]) if item.id in catalogue else ())
        }
        found = []
        for key, level in blocker.asks.items():
            value, today = raised.get(key), number(facts.get(key))
            if value is not None and (
                value >= level - 1e-9 if level is not None else (today is None or value > today)
            ):
                found.append(key)
        return min(found, key=lambda k: (number(facts.get(k)) or 0.0, k), default=None)

    def paths(closer: PlannedInitiative) -> dict[str, tuple[PlannedInitiative, ...]]:
        """The first-wave work `closer` waits for, all the way down, each with the work from
        what builds on it directly up to `closer` (the shortest such chain)."""
        found: dict[str, tuple[PlannedInitiative, ...]] = {}
        todo: list[tuple[str, tuple[PlannedInitiative, ...]]] = [
            (d, (closer,)) for d in closer.depends_on
        ]
        while todo:
            other, path = todo.pop(0)
            if other in in_wave and other not in found:
                found[other] = path
                todo.extend((d, (in_wave[other], *path)) for d in in_wave[other].depends_on)
        return found

    rules_theme = {f.rule: n for n, g in enumerate(grouped) for f in g.findings}

    def theme_rank(item: PlannedInitiative) -> int:
        ranks = [
            rules_theme[r.rule] for r in item.why if r.kind == "rule" and r.rule in rules_theme
        ]
        return min(ranks, default=len(grouped))

    # Every way first-wave work serves an open requirement: closing it, or on its path.
    options: list[Choice] = []
    for blocker in (b for b in blockers if not b.disputed):
        closing = [Choice(i, blocker, (), key) for i in wave if (key := lifted(i, blocker))]
        options += closing
        steps: dict[str, tuple[PlannedInitiative, ...]] = {}
        for closer in sorted(closing, key=lambda c: (c.item.start_month, c.item.title)):
            for waited, path in paths(closer.item).items():
                steps.setdefault(waited, path)
        options += [Choice(in_wave[w], blocker, path) for w, path in steps.items()]
    early = any(c.item.start_month <= SOON_MONTHS for c in options)
    closes = {i.id: sum(1 for c in options if c.item.id == i.id and not c.path) for i in wave}

    def order(item: PlannedInitiative) -> tuple[bool, int, int, int, str]:
        late = early and item.start_month > SOON_MONTHS
        severity = SEVERITY_RANK.get(item.severity or "", len(SEVERITY_RANK))
        return (late, item.start_month, severity, theme_rank(item), item.title)

    contained = sorted(
        (
            Choice(i, None, contains=True)
            for i in wave
            if i.start_month <= SOON_MONTHS
            and i.id in catalogue
            and not raised_thresholds(catalogue[i.id])
            and i.severity == "high"
            and any(r.kind == "rule" and r.rule in rules_theme for r in i.why)
        ),
        key=lambda c: order(c.item),
    )
    # Each requirement's first step: closing it soon, else a step on its path soon, else the
    # late work that closes it.
    firsts = []
    for n, blocker in enumerate(b for b in blockers if not b.disputed):
        own = [c for c in options if c.blocker is blocker]
        soon = [c for c in own if c.item.start_month <= SOON_MONTHS]
        pick = [c for c in soon if not c.path] or soon or [c for c in own if not c.path] or own
        if pick:
            first = min(pick, key=lambda c: (-closes[c.item.id], order(c.item)))
            # On a tie, a practice's requirement before a dimension's level (the more specific).
            firsts.append((order(first.item), bool(first.path), len(blocker.asks), n, first))
    rest = sorted(options, key=lambda c: (order(c.item)[0], bool(c.path), *order(c.item)[1:]))
    fill = sorted(wave, key=order)
    chosen: list[Choice] = []
    said: set[tuple[str, tuple[str, ...], str | None]] = set()
    for choice in [
        *contained,
        *(f[-1] for f in sorted(firsts, key=lambda f: f[:-1])),
        *rest,
        *(Choice(i, None) for i in fill),
    ]:
        reason = (
            (choice.blocker.text, tuple(i.id for i in choice.path), choice.lifts)
            if choice.blocker is not None
            else None
        )
        if len(chosen) < PRIORITIES and all(c.item.id != choice.item.id for c in chosen):
            if reason is not None and reason in said:
                continue
            chosen.append(choice)
            said |= {reason} if reason is not None else set()
    return tuple(chosen)
