"""Pruning a set of work to what a goal needs: the set less every initiative the goal holds
without, never one that what stays waits for. What it takes prunes each of its starts so
(`plan.what_it_takes`); the report's least planned work starts its search from the set so
pruned (`report.minimum`).

An initiative waits for its prerequisites, and through them for theirs; work under way waits
for none (as in the plan). Only the initiatives of the set are counted: a set with its
prerequisites (`routing.Rules.closed`, or every planned initiative that ends by a month) keeps
them as long as something kept waits for them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal

Holds = Callable[[frozenset[str]], bool]
"""Whether the goal holds once these initiatives are done."""

WaitsFor = Callable[[str], Iterable[str]]
"""The initiatives one waits for directly: its prerequisites, none for work under way."""


def waiting(chosen: Collection[str], waits_for: WaitsFor) -> dict[str, frozenset[str]]:
    """Per initiative of `chosen`, the initiatives of `chosen` it waits for, transitively (an
    initiative outside `chosen` is not followed)."""
    found = {}
    for initiative_id in chosen:
        needs: set[str] = set()
        todo = [initiative_id]
        while todo:
            for prerequisite in waits_for(todo.pop()):
                if prerequisite in chosen and prerequisite not in needs:
                    needs.add(prerequisite)
                    todo.append(prerequisite)
        found[initiative_id] = frozenset(needs)
    return found


def prune_work(
    chosen: Collection[str],
    holds: Holds,
    cost: Mapping[str, Decimal] | Mapping[str, float],
    waits_for: WaitsFor,
) -> frozenset[str] | None:
    """`chosen` less every initiative the goal holds without; None when it does not hold with
    all of `chosen` (checked first, once).

    Each pass tries the initiatives kept, dearest first (by `cost`, then by id), and drops one
    when nothing kept waits for it, directly or through others, and the goal holds without it;
    passes repeat until one drops nothing. What it returns therefore:

    - holds the goal: `holds` accepted it;
    - keeps what it needs: nothing in it waits, directly or through others, for an initiative
      of `chosen` it left out;
    - is a fixed point: each initiative in it is waited for by another in it, or the goal does
      not hold without it (checked on the set returned, so this needs no assumption about
      `holds`). It is a set nothing can be taken from one at a time, not the least set that
      holds the goal (`report.minimum` searches for that).

    The answer does not depend on the order of `chosen`."""
    if not holds(frozenset(chosen)):
        return None
    needs = waiting(chosen, waits_for)
    needers = {i: frozenset(j for j in chosen if i in needs[j]) for i in chosen}
    kept = set(chosen)
    dropped = True
    while dropped:
        dropped = False
        for initiative_id in sorted(kept, key=lambda i: (-cost[i], i)):
            if needers[initiative_id] & kept:
                continue
            if holds(frozenset(kept - {initiative_id})):
                kept.discard(initiative_id)
                dropped = True
    return frozenset(kept)
