"""What it takes: the solver's answer is the cheapest cover, found the same way every time."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.plan.what_it_takes import _solve


class Work(NamedTuple):
    id: str
    depends_on: tuple[str, ...] = ()


Wants = dict[str, tuple[float, list[tuple[str, str, float]]]]


def points(picked: set[str], options: list[tuple[str, str, float]]) -> float:
    """What a chosen set adds to a summing dimension: each question once, at its best gain."""
    best: dict[str, float] = {}
    for question, initiative, gain in options:
        if initiative in picked:
            best[question] = max(best.get(question, 0.0), gain)
    return sum(best.values())


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
            if any(points(picked, options) < short - 1e-9 for short, options in wants.values()):
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
    options = [
        (f"s{q}", initiative, draw(st.sampled_from([0.5, 1.0, 1.5])))
        for q in range(draw(st.integers(0, 3)))
        for initiative in sorted(draw(st.sets(st.sampled_from(candidates), max_size=3)))
    ]
    wants: Wants = {}
    reachable = points(set(candidates), options)
    if reachable:
        wants["dim"] = (min(draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0])), reachable), options)
    return candidates, cost, covers, by_id, wants


@settings(max_examples=40, deadline=None)
@given(problem=problems())
def test_the_solver_finds_the_cheapest_cover_with_its_prerequisites(
    problem: tuple[list[str], dict[str, float], dict[str, list[str]], dict[str, Work], Wants],
) -> None:
    candidates, cost, covers, by_id, wants = problem
    chosen, exact = _solve(candidates, cost, covers, wants, by_id, frozenset())
    assert exact
    picked = set(chosen)
    assert all(picked & set(raisers) for raisers in covers.values())
    assert all(points(picked, options) >= short - 1e-9 for short, options in wants.values())
    assert all(d in picked for i in picked for d in by_id[i].depends_on)
    cheapest = brute_force(candidates, cost, covers, by_id, wants)
    assert abs(sum(cost[i] for i in picked) - cheapest) < 1e-9
    # Same problem, same answer: one thread, a fixed seed, no clock.
    assert _solve(candidates, cost, covers, wants, by_id, frozenset()) == (chosen, exact)


def test_a_summing_dimension_is_reached_by_the_points_its_answers_add() -> None:
    """Lumen's next stage asks more than 3 of 7 points of every ML Test Score section: the
    route's answers, applied, put every section there."""
    from pathlib import Path

    from readiness.pipeline import plan
    from readiness.plan.target import stage_levels

    root = Path(__file__).parent.parent
    planned = plan(
        root / "examples" / "lumen-insurance" / "2026-Q4.yaml",
        frameworks=(root / "questionnaires",),
        what_it_takes=True,
    )
    framework, card = planned.assessed.loaded.framework, planned.assessed.scorecard
    routes = planned.plan.what_it_takes
    assert routes is not None and routes.next_stage is not None
    route = routes.next_stage
    assert route.initiatives and route.uncoverable == ()
    values = {q.key: q.value or 0.0 for d in card.dimensions for q in d.questions}
    values.update(route.answer_changes)
    following = framework.manifest.stages[framework.stage_index(card.stage) + 1]
    for dimension, wanted in stage_levels(framework, following)[0].items():
        weights = {
            f"{dimension}.{q.id}": q.weight for q in framework.dimension(dimension).questions
        }
        assert sum(values[k] * w for k, w in weights.items()) >= wanted
