"""The cover solver: the cheapest cover with its prerequisites, found the same way every time."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.plan.cover import solve_cover


class Work(NamedTuple):
    id: str
    depends_on: tuple[str, ...] = ()


def brute_force(
    candidates: list[str],
    cost: dict[str, float],
    covers: dict[str, list[str]],
    by_id: dict[str, Work],
) -> float:
    """The cheapest cost of a set covering every question and closed under prerequisites."""
    best = float("inf")
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            picked = set(chosen)
            if not all(picked & set(raisers) for raisers in covers.values()):
                continue
            if any(d not in picked for i in picked for d in by_id[i].depends_on):
                continue
            best = min(best, sum(cost[i] for i in picked))
    return best


@st.composite
def problems(
    draw: st.DrawFn,
) -> tuple[list[str], dict[str, float], dict[str, list[str]], dict[str, Work]]:
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
    questions = draw(st.integers(1, 4))
    covers = {
        f"q{n}": sorted(draw(st.sets(st.sampled_from(candidates), min_size=1, max_size=3)))
        for n in range(questions)
    }
    return candidates, cost, covers, by_id


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_the_solver_finds_the_cheapest_cover_with_its_prerequisites(
    problem: tuple[list[str], dict[str, float], dict[str, list[str]], dict[str, Work]],
) -> None:
    candidates, cost, covers, by_id = problem
    chosen, exact = solve_cover(candidates, cost, covers, by_id, frozenset())
    assert exact
    picked = set(chosen)
    assert all(picked & set(raisers) for raisers in covers.values())
    assert all(d in picked for i in picked for d in by_id[i].depends_on)
    assert abs(sum(cost[i] for i in picked) - brute_force(candidates, cost, covers, by_id)) < 1e-9
    # Same problem, same answer: one thread, a fixed seed, no clock.
    assert solve_cover(candidates, cost, covers, by_id, frozenset()) == (chosen, exact)
