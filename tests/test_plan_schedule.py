"""The event-driven scheduler: FTE capacity as the team ramps up, owner limits (initiatives and
people), dependency order, the horizon, and the same schedule whatever the order of the jobs
(hypothesis)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.plan.causes import (
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    StartHeld,
    TeamBusy,
    TeamFull,
    WaitsForDeferred,
    WaitsTooLate,
)
from readiness.plan.schedule import Job, Schedule, _free_at, _ramp, schedule_jobs


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


def test_prerequisites_outside_the_jobs_are_taken_as_done() -> None:
    # The planner passes each initiative's prerequisites whole: those already achieved or
    # dropped are not among the jobs and hold nothing back.
    jobs = [job("a", 2, 1, "x", "done-already"), job("b", 2, 1, "y", "a", "dropped")]
    placed = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=12)
    assert placed.placed == {"a": (0, 2), "b": (2, 4)} and placed.deferred == {}
    late = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=3)
    assert late.deferred == {"b": PastHorizon(2, 4, 2, 3)}  # ready once "a" ends


def test_small_work_fills_a_gap_a_big_job_cannot() -> None:
    jobs = [job("a", 4, 3, "x"), job("big", 2, 3, "y"), job("small", 2, 1, "z")]
    placed = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=12)
    assert placed.placed == {"a": (0, 4), "big": (4, 6), "small": (0, 2)}


def test_a_start_later_than_its_prerequisites_allow_keeps_what_held_it() -> None:
    # The team ramps up: 2 people in month 0, 4 from month 1.
    ramped = schedule_jobs(
        [job("a", 3, 2, "x"), job("b", 3, 2, "y")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=12,
        ramp_months=2,
    )
    assert ramped.placed == {"a": (0, 3), "b": (1, 4)}
    assert ramped.held == {"b": StartHeld("team", (), 4, True, None)}
    # Work ending frees the team for a job too big for the gap.
    jobs = [job("a", 4, 3, "x"), job("big", 2, 3, "y"), job("small", 2, 1, "z")]
    busy = schedule_jobs(jobs, team_fte=4, role_limit=lambda o: 1, horizon=12)
    assert busy.held == {"big": StartHeld("team", ("a",), 4, False, None)}
    # Its owner finishes other work; the owner's jobs only are named.
    jobs = [job("a", 2, 1, "cdo"), job("b", 2, 1, "cdo"), job("c", 2, 1, "cdo"), job("d", 2, 1)]
    owned = schedule_jobs(jobs, team_fte=10, role_limit=lambda o: 2, horizon=12)
    assert owned.placed["c"] == (2, 4) and owned.placed["d"] == (0, 2)
    assert owned.held == {"c": StartHeld("owner", ("a", "b"), 10, False, None)}
    # The cap on initiatives at once.
    jobs = [job("x", 2, 1, "p"), job("y", 3, 1, "q"), job("z", 2, 1, "r")]
    capped = schedule_jobs(jobs, team_fte=10, role_limit=lambda o: 1, horizon=12, max_parallel=2)
    assert capped.placed["z"] == (2, 4)
    assert capped.held == {"z": StartHeld("parallel_limit", ("x",), 10, False, 2)}
    # Started the month its prerequisite ends: nothing held it.
    chained = schedule_jobs(
        [job("a", 2, 1, "x"), job("b", 2, 1, "y", "a")],
        team_fte=4,
        role_limit=lambda o: 1,
        horizon=12,
    )
    assert chained.placed["b"] == (2, 4) and chained.held == {}


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


def test_the_team_ramps_up_in_equal_steps_and_each_step_is_an_event() -> None:
    jobs = [job(name, 3, 2, name) for name in "abcdef"]
    placed = schedule_jobs(jobs, team_fte=6, role_limit=lambda o: 1, horizon=24, ramp_months=3)
    # 2 people in month 0, 4 in month 1, all 6 from month 2.
    assert placed.ramp == (2, 4)
    assert placed.placed == {
        "a": (0, 3),
        "b": (1, 4),
        "c": (2, 5),
        "d": (3, 6),
        "e": (4, 7),
        "f": (5, 8),
    }
    whole = schedule_jobs(jobs, team_fte=6, role_limit=lambda o: 1, horizon=24)
    assert whole.ramp == () and [whole.placed[n][0] for n in "abcdef"] == [0, 0, 0, 3, 3, 3]


def test_people_on_work_under_way_are_there_from_the_first_month() -> None:
    under_way = Job("u", 4, 4, "x", (), ("",), under_way=True)  # its priority puts it first
    placed = schedule_jobs(
        [under_way, job("n", 2, 2, "y")],
        team_fte=6,
        role_limit=lambda o: 1,
        horizon=24,
        ramp_months=3,
    )
    # 4 people already at work, the other 2 join half a person then one person at a time.
    assert placed.ramp == (4.5, 5)
    assert placed.placed == {"u": (0, 4), "n": (2, 4)}


def test_an_owner_leads_a_second_initiative_only_within_its_people() -> None:
    jobs = [job("p", 2, 3, "head"), job("q", 2, 3, "head"), job("r", 4, 2, "head")]
    placed = schedule_jobs(jobs, team_fte=20, role_limit=lambda o: 2, horizon=24, owner_fte=5)
    # p (3 people) and q (3) together would be 6: q waits for p; r (2) runs beside either.
    assert placed.placed == {"p": (0, 2), "q": (2, 4), "r": (0, 4)}
    # A large initiative runs alone; work already under way is never held back.
    big = schedule_jobs(
        [job("big", 2, 8, "head"), job("small", 1, 1, "head")],
        team_fte=20,
        role_limit=lambda o: 2,
        horizon=24,
        owner_fte=5,
    )
    assert big.placed == {"big": (0, 2), "small": (2, 3)}
    running = [Job(n, 2, 3, "head", (), (n,), under_way=True) for n in ("u1", "u2")]
    both = schedule_jobs(running, team_fte=20, role_limit=lambda o: 2, horizon=24, owner_fte=4)
    assert both.placed == {"u1": (0, 2), "u2": (0, 2)}


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
                draw(st.sampled_from([0.5, 1, 1.5, 2, 2.5, 3, 7])),
                draw(st.sampled_from(["cdo", "lead", "cto"])),
                tuple(f"j{n}" for n in needs),
                (draw(st.integers(0, 3)), f"j{index}"),
                draw(st.booleans()),
            )
        )
    return jobs


LIMITS = {"cdo": 2, "lead": 1, "cto": 3}


def _run(
    jobs: list[Job], team: float, horizon: int, ramp: int = 1, owner_fte: float | None = None
) -> Schedule:
    return schedule_jobs(
        jobs,
        team_fte=team,
        role_limit=LIMITS.__getitem__,
        horizon=horizon,
        ramp_months=ramp,
        owner_fte=owner_fte,
    )


def _available(jobs: list[Job], team: float, ramp: int, month: int) -> float:
    """The people the module docstring says are available in `month`."""
    base = min(team, sum(min(j.fte, team) for j in jobs if j.under_way))
    if month + 1 >= ramp:
        return team
    return base + math.floor((team - base) * (month + 1) / ramp * 2 + 1e-9) / 2


@settings(max_examples=150, deadline=None)
@given(
    job_sets(),
    st.sampled_from([1, 2.5, 4, 8]),
    st.integers(1, 30),
    st.integers(1, 4),
    st.sampled_from([None, 2, 3.5]),
    st.randoms(),
)
def test_schedule_properties(
    jobs: list[Job],
    team: float,
    horizon: int,
    ramp: int,
    owner_fte: float | None,
    rng: object,
) -> None:
    result = _run(jobs, team, horizon, ramp, owner_fte)
    by_id = {j.id: j for j in jobs}
    assert set(result.placed) | set(result.deferred) == set(by_id)
    assert not set(result.placed) & set(result.deferred)
    assert all(result.deferred.values())
    for job_id, (start, end) in result.placed.items():
        assert 0 <= start < end <= horizon
        # Whole or half people.
        assert result.fte[job_id] * 2 == int(result.fte[job_id] * 2)
        if not by_id[job_id].under_way:
            for need in by_id[job_id].depends_on:
                assert need in result.placed and result.placed[need][1] <= start
    for month in range(horizon):
        running = [j for j, (s, e) in result.placed.items() if s <= month < e]
        assert sum(result.fte[j] for j in running) <= _available(jobs, team, ramp, month) + 1e-9
        for owner, limit in LIMITS.items():
            led = [j for j in running if by_id[j].owner == owner]
            assert len(led) <= limit
            if owner_fte is not None and len(led) > 1 and not any(by_id[j].under_way for j in led):
                assert sum(result.fte[j] for j in led) <= owner_fte + 1e-9
    shuffled = list(jobs)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _run(shuffled, team, horizon, ramp, owner_fte) == result


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 12), st.sampled_from([0.5, 1, 2, 3])), max_size=8),
    st.integers(0, 4),
    st.sampled_from([0, 1, 2.5, 6]),
    st.sampled_from([0.5, 2, 5, 9]),
    st.integers(1, 6),
)
def test_free_at_takes_each_month_whole(
    running: list[tuple[int, float]], month: int, extra: float, need: float, ramp: int
) -> None:
    # The first month with room, found one change at a time, is the month found when every
    # month's ends and growth are taken together.
    ends = sorted((month + end, f"j{n}", n) for n, (end, _) in enumerate(running))
    fte = [people for _, people in running]
    used = sum(fte) + extra
    available = _ramp(10, 0, ramp)
    months = sorted({end for end, _, _ in ends} | set(range(month + 1, ramp)))
    whole = next(
        (
            when
            for when in months
            if used - sum(fte[n] for end, _, n in ends if end <= when) + need
            <= available(when) + 1e-9
        ),
        0,
    )
    assert _free_at(month, ends, fte, used, need, available, ramp) == whole
