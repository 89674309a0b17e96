"""The cover solver: the cheapest cover with its prerequisites, found the same way every time."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.plan.cover import Gain, gained, solve_cover


class Work(NamedTuple):
    id: str
    depends_on: tuple[str, ...] = ()


Wants = dict[str, tuple[float, list[Gain]]]


def brute_force(
    candidates: list[str],
    cost: dict[str, float],
    covers: dict[str, list[str]],
    by_id: dict[str, Work],
    wants: Wants,
) -> float:
    """The cheapest cost of a set covering every question, adding the points each summing
    dimension is short of, and closed under prerequisites."""
    best = float("inf")
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            picked = set(chosen)
            if not all(picked & set(raisers) for raisers in covers.values()):
                continue
            if any(gained(picked, gains) < short - 1e-9 for short, gains in wants.values()):
                continue
            if any(d not in picked for i in picked for d in by_id[i].depends_on):
                continue
            best = min(best, sum(cost[i] for i in picked))
    return best


@st.composite
def problems(
    draw: st.DrawFn,
) -> tuple[list[str], dict[str, float], dict[str, list[str]], dict[str, Work], Wants]:
    count = draw(st.integers(1, 7))
    candidates = [f"i{n}" for n in range(count)]
    # Prerequisites point to earlier candidates only: no cycles, as the loader guarantees.
    by_id = {
        c: Work(
            c,
            tuple(sorted(draw(st.sets(st.sampled_from(candidates[:n]), max_size=2)))) if n else (),
        )
        for n, c in enumerate(candidates)
    }
    cost = {c: draw(st.sampled_from([0.5, 1.0, 2.0, 3.0, 4.5])) for c in candidates}
    questions = draw(st.integers(0, 4))
    covers = {
        f"q{n}": sorted(draw(st.sets(st.sampled_from(candidates), min_size=1, max_size=3)))
        for n in range(questions)
    }
    # A summing dimension: questions s0.. raised by some candidates, each by some points; it is
    # short of at most what all of them together can add.
    gains = [
        (f"s{q}", initiative, draw(st.sampled_from([0.5, 1.0, 1.5])))
        for q in range(draw(st.integers(0, 3)))
        for initiative in sorted(draw(st.sets(st.sampled_from(candidates), max_size=3)))
    ]
    wants: Wants = {}
    reachable = gained(candidates, gains)
    if reachable:
        wants["dim"] = (min(draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0])), reachable), gains)
    return candidates, cost, covers, by_id, wants


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_the_solver_finds_the_cheapest_cover_with_its_prerequisites(
    problem: tuple[list[str], dict[str, float], dict[str, list[str]], dict[str, Work], Wants],
) -> None:
    candidates, cost, covers, by_id, wants = problem
    chosen, exact = solve_cover(candidates, cost, covers, by_id, frozenset(), wants)
    assert exact
    picked = set(chosen)
    assert all(picked & set(raisers) for raisers in covers.values())
    assert all(gained(picked, gains) >= short - 1e-9 for short, gains in wants.values())
    assert all(d in picked for i in picked for d in by_id[i].depends_on)
    cheapest = brute_force(candidates, cost, covers, by_id, wants)
    assert abs(sum(cost[i] for i in picked) - cheapest) < 1e-9
    # Same problem, same answer: one thread, a fixed seed, no clock.
    assert solve_cover(candidates, cost, covers, by_id, frozenset(), wants) == (chosen, exact)
