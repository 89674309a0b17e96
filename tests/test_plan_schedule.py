"""The event-driven scheduler: FTE capacity, owner limits, dependency order, the horizon, and
the same schedule whatever the order of the jobs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.plan.causes import (
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    TeamBusy,
    TeamFull,
    WaitsForDeferred,
    WaitsTooLate,
)
from readiness.plan.schedule import Job, Schedule, schedule_jobs


def job(job_id: str, months: int, fte: float, owner: str = "o", *needs: str) -> Job:
    return Job(job_id, months, fte, owner, needs, (job_id,))


def test_work_runs_side_by_side_within_the_team() -> None:
    placed = schedule_jobs(
        [job("a", 3, 2, "x"), job("b", 2, 2, "y"), job("c", 1, 2, "z")],
        team_fte=4,
        role_limit=lambda owner: 1,
        horizon=12,
    )
    assert placed.placed == {"a": (0, 3), "b": (0, 2), "c": (2, 3)}
    assert placed.peak == 2 and placed.deferred == {}


def test_a_job_heavier_than_the_team_takes_all_of_it_for_longer() -> None:
    placed = schedule_jobs([job("big", 2, 8)], team_fte=4, role_limit=lambda o: 1, horizon=12)
    assert placed.placed == {"big": (0, 4)} and placed.fte == {"big": 4}


def test_an_owner_leads_no_more_than_its_limit() -> None:
    jobs = [job("a", 2, 1, "cdo"), job("b", 2, 1, "cdo"), job("c", 2, 1, "cdo")]
    placed = schedule_jobs(jobs, team_fte=10, role_limit=lambda o: 2, horizon=12)
    assert placed.placed == {"a": (0, 2), "b": (0, 2), "c": (2, 4)}


def test_small_work_fills_a_gap_a_big_job_cannot() -> None:
    jobs = [job("a", 4, 3, "x"), job("big", 2, 3, "y"), job("small", 2, 1, "z")]
    placed = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=12)
    assert placed.placed == {"a": (0, 4), "big": (4, 6), "small": (0, 2)}


def test_the_horizon_defers_with_the_reason_and_what_waits() -> None:
    jobs = [job("a", 3, 1, "x"), job("b", 3, 1, "x"), job("c", 1, 1, "y", "b")]
    placed = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=5)
    assert placed.placed == {"a": (0, 3)}
    assert placed.deferred == {
        "b": PastHorizon(start_month=3, end_month=6, duration_months=3, horizon=5),
        "c": WaitsForDeferred("b"),
    }


def test_what_never_starts_says_what_held_it() -> None:
    # The whole team is busy until the horizon: the small job is never tried.
    busy = schedule_jobs(
        [job("a", 5, 4, "x"), job("b", 1, 1, "y")], team_fte=4, role_limit=lambda o: 1, horizon=5
    )
    assert busy.deferred == {"b": TeamBusy(5)}
    # Tried, but its FTE never fits beside the running job (a lighter one fills the gap).
    full = schedule_jobs(
        [job("a", 5, 3, "x"), job("b", 1, 2, "y"), job("c", 5, 0.5, "z")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=5,
    )
    assert full.placed == {"a": (0, 5), "c": (0, 5)}
    assert full.deferred == {"b": TeamFull(5, 4)}
    # Its owner leads as much work as it may until the horizon.
    owner = schedule_jobs(
        [job("a", 5, 1, "cdo"), job("b", 1, 1, "cdo")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=5,
    )
    assert owner.deferred == {"b": OwnerBusy(5, "cdo")}
    # The most initiatives at once are running until the horizon: the team had room.
    limit = schedule_jobs(
        [job("a", 5, 1, "x"), job("b", 1, 1, "y")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=5,
        max_parallel=1,
    )
    assert limit.deferred == {"b": ParallelLimit(5, 1)}
    # Its prerequisite ends at the horizon: nothing is left for it.
    late = schedule_jobs(
        [job("a", 5, 1, "x"), job("b", 1, 1, "y", "a")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=5,
    )
    assert late.deferred == {"b": WaitsTooLate(("a",), 5)}


@st.composite
def job_sets(draw: st.DrawFn) -> list[Job]:
    count = draw(st.integers(1, 12))
    jobs = []
    for index in range(count):
        needs = draw(st.lists(st.sampled_from(range(index)), unique=True)) if index else []
        jobs.append(
            Job(
                f"j{index}",
                draw(st.integers(1, 6)),
                draw(st.sampled_from([0.5, 1, 2, 3, 7])),
                draw(st.sampled_from(["cdo", "lead", "cto"])),
                tuple(f"j{n}" for n in needs),
                (draw(st.integers(0, 3)), f"j{index}"),
                draw(st.booleans()),
            )
        )
    return jobs


LIMITS = {"cdo": 2, "lead": 1, "cto": 3}


def _run(jobs: list[Job], team: float, horizon: int) -> Schedule:
    return schedule_jobs(jobs, team_fte=team, role_limit=LIMITS.__getitem__, horizon=horizon)


@settings(max_examples=120, deadline=None)
@given(job_sets(), st.sampled_from([1, 2.5, 4, 8]), st.integers(1, 30), st.randoms())
def test_schedule_properties(jobs: list[Job], team: float, horizon: int, rng: object) -> None:
    result = _run(jobs, team, horizon)
    by_id = {j.id: j for j in jobs}
    assert set(result.placed) | set(result.deferred) == set(by_id)
    assert not set(result.placed) & set(result.deferred)
    assert all(result.deferred.values())
    for job_id, (start, end) in result.placed.items():
        assert 0 <= start < end <= horizon
        if not by_id[job_id].under_way:
            for need in by_id[job_id].depends_on:
                assert need in result.placed and result.placed[need][1] <= start
    for month in range(horizon):
        running = [j for j, (s, e) in result.placed.items() if s <= month < e]
        assert sum(result.fte[j] for j in running) <= team + 1e-9
        for owner, limit in LIMITS.items():
            assert sum(1 for j in running if by_id[j].owner == owner) <= limit
    shuffled = list(jobs)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _run(shuffled, team, horizon) == result
