"""Pruning a set of work to what a goal needs: dearest first, never what stays waits for, until
nothing more can go."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from readiness.plan.pruning import Holds, WaitsFor, prune_work, waiting


def _waits(prerequisites: Mapping[str, Sequence[str]]) -> WaitsFor:
    def waits_for(initiative_id: str) -> Iterable[str]:
        return prerequisites.get(initiative_id, ())

    return waits_for


def _needs_all(*wanted: str) -> Holds:
    def holds(chosen: frozenset[str]) -> bool:
        return set(wanted) <= chosen

    return holds


def test_a_dear_prerequisite_goes_once_what_waits_for_it_has_gone() -> None:
    # `platform` is tried first (dearest) while `pilot`, which waits for it, is still kept: a
    # single pass would keep it; the next pass drops it.
    cost = {"platform": 12.0, "pilot": 2.0, "charter": 1.0}
    kept = prune_work(set(cost), _needs_all("charter"), cost, _waits({"pilot": ["platform"]}))
    assert kept == {"charter"}


def test_what_stays_keeps_what_it_waits_for_through_others() -> None:
    cost = {"a": 9.0, "b": 5.0, "c": 1.0, "d": 3.0}
    waits = _waits({"c": ["b"], "b": ["a"]})
    assert prune_work(set(cost), _needs_all("c"), cost, waits) == {"a", "b", "c"}


def test_the_dearest_alternative_goes_first_and_ties_go_by_id() -> None:
    def either(chosen: frozenset[str]) -> bool:
        return bool(chosen & {"x", "y"})

    waits = _waits({})
    assert prune_work({"x", "y"}, either, {"x": 8.0, "y": 2.0}, waits) == {"y"}
    assert prune_work({"x", "y"}, either, {"x": 2.0, "y": 8.0}, waits) == {"x"}
    assert prune_work({"x", "y"}, either, {"x": 2.0, "y": 2.0}, waits) == {"y"}


def test_a_goal_the_whole_set_misses_is_none_after_one_check() -> None:
    asked: list[frozenset[str]] = []

    def never(chosen: frozenset[str]) -> bool:
        asked.append(chosen)
        return False

    assert prune_work({"a", "b"}, never, {"a": 1.0, "b": 2.0}, _waits({})) is None
    assert asked == [frozenset({"a", "b"})]


def test_waiting_follows_prerequisites_within_the_set_only() -> None:
    waits = _waits({"c": ["b"], "b": ["a"], "d": ["outside"]})
    assert waiting({"a", "b", "c", "d"}, waits) == {
        "a": frozenset(),
        "b": frozenset({"a"}),
        "c": frozenset({"a", "b"}),
        "d": frozenset(),
    }
    # `b` left out: `c` is not followed through it.
    assert waiting({"a", "c"}, waits) == {"a": frozenset(), "c": frozenset()}
