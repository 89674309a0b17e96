"""The event-driven scheduler: jobs with a duration, an FTE load, an owner and prerequisites,
placed within a team's FTE, each owner's limits and a horizon.

Time jumps from event to event (month 0, then each month a job ends or the team grows). At each
event the jobs whose prerequisites have all ended are tried in priority order (lowest key
first); one starts when its FTE fits in what the running jobs leave of the team available that
month, its owner leads fewer jobs than its limit (and, when it already leads one, the people of
its jobs together stay within `owner_fte`, which never holds back a job already under way: its
owner leads it already), and fewer than `max_parallel` jobs run. A job that does not fit waits
for the next event; lower-priority jobs that fit may start meanwhile, but once a job waits for
the team's FTE, only those that end by the month enough of the team frees up for it (small
work fills gaps without holding a larger, more urgent job back). A job heavier than the whole
team runs with the whole team, for proportionally longer. Jobs already under way wait for no
prerequisite (their priority puts them first).

Ramp-up: the team reaches full strength over `ramp_months` months. The people already on jobs
under way are there from month 0; the rest join in equal steps, rounded down to half people:
with a team of 24, nothing under way and a ramp of 3 months, 8 people in month 0, 16 in month
1, 24 from month 2. Each step is an event. The team available never shrinks, so a job that
fits when it starts fits every month it runs.

Nothing ends after the horizon: a job that would is deferred, with what waits for it; at the
horizon the loop stops and what has not started is deferred with its cause (never squeezed).
A job that starts later than its prerequisites allow keeps why (`Schedule.held`): what it waited
for the last month it was tried, and what freed it the month it starts.
The result depends only on the jobs and limits, not on their order.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, Literal, NamedTuple

from readiness.plan.causes import (
    Blocked,
    Deferral,
    HeldForPriority,
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    StartHeld,
    TeamBusy,
    TeamFull,
    WaitsForDeferred,
    WaitsTooLate,
)


class Job(NamedTuple):
    """One piece of work to place."""

    id: str
    months: int
    fte: float
    owner: str
    depends_on: tuple[str, ...]
    priority: tuple[Any, ...]
    """Its place in the order jobs are tried, lowest first: each job's own (callers end it
    with the job's id)."""
    under_way: bool = False


class Schedule(NamedTuple):
    """Where each job runs, what is deferred and why."""

    placed: dict[str, tuple[int, int]]
    """Job id -> (start, exclusive end) months."""
    fte: dict[str, float]
    """Job id -> the FTE it runs with (at most the team)."""
    deferred: dict[str, Deferral]
    """Job id -> why it is not placed."""
    peak: int
    """Most jobs running at once."""
    ramp: tuple[float, ...]
    """People available in each month before the team is at full strength (empty: full from
    month 0)."""
    held: dict[str, StartHeld]
    """Job id -> why it started later than its prerequisites allowed (jobs that started as
    soon as they were ready are not in it)."""


def schedule_jobs(
    jobs: Iterable[Job],
    *,
    team_fte: float,
    role_limit: Callable[[str], int],
    horizon: int,
    max_parallel: int | None = None,
    ramp_months: int = 1,
    owner_fte: float | None = None,
) -> Schedule:
    """Place the jobs (see the module docstring). Prerequisites outside `jobs` are taken as
    done; `jobs` must have no dependency cycle (the loader refuses them)."""
    by_id = {job.id: job for job in jobs}
    # Jobs are known by their place in priority order: the ready list, the prerequisites and
    # the running jobs hold places.
    order = sorted(by_id.values(), key=attrgetter("priority"))
    place: dict[str, int] = {}
    ids: list[str] = []
    owner: list[str] = []
    fte: list[float] = []
    months: list[int] = []
    under_way = 0.0  # people on jobs already under way
    for n, job in enumerate(order):
        place[job.id] = n
        ids.append(job.id)
        owner.append(job.owner)
        if job.fte > team_fte:  # the whole team, for proportionally longer
            fte.append(team_fte)
            months.append(math.ceil(job.months * job.fte / team_fte - 1e-9))
        else:
            fte.append(job.fte)
            months.append(job.months)
        if job.under_way:
            under_way += fte[n]
    # A prerequisite listed twice counts twice and is waited for twice: it ends once, and
    # each of its entries in `dependents` counts that end.
    pending = [0] * len(order)
    dependents: list[list[int]] = [[] for _ in order]
    for n, job in enumerate(order):
        if job.depends_on and not job.under_way:
            for need in job.depends_on:
                at = place.get(need)
                if at is not None:
                    pending[n] += 1
                    dependents[at].append(n)
    lightest = min(fte, default=0.0)
    available = _ramp(team_fte, under_way, ramp_months)
    placed: dict[str, tuple[int, int]] = {}
    deferred: dict[str, Deferral] = {}
    blocked: dict[int, Blocked] = {}  # why a job tried at an event did not start
    last_wait: dict[int, Blocked] = {}  # the same, kept up to the event it starts, stalls too
    held: dict[str, StartHeld] = {}
    stalled: Blocked = TeamBusy(horizon)  # why the last event stopped starting jobs
    # What blocks a job is the same record at every event it waits: built once.
    team_full, held_back = TeamFull(horizon, team_fte), HeldForPriority(horizon)
    owner_busy: dict[str, OwnerBusy] = {}
    ends: list[tuple[int, str, int]] = []  # (end, id, place) of the jobs running, sorted
    owners: dict[str, int] = {}
    led: dict[str, float] = {}  # people in the jobs each owner leads
    parked: dict[str, list[int]] = {}  # waiting for their owner
    used, running, peak = 0.0, 0, 0

    def defer(n: int, cause: Deferral) -> None:
        deferred[ids[n]] = cause
        todo = list(dependents[n])
        while todo:
            waiting = todo.pop()
            if ids[waiting] not in deferred and ids[waiting] not in placed:
                deferred[ids[waiting]] = WaitsForDeferred(ids[n])
                todo.extend(dependents[waiting])

    # The ready jobs by place: sorted at each event, tried in that order. None is ever
    # deferred while it waits: what waits for a deferred job waits for work that never ends,
    # so it never becomes ready.
    ready = [n for n in range(len(order)) if pending[n] == 0]
    month = 0
    while True:
        ended: list[int] = []  # the jobs that end this month
        while ends and ends[0][0] <= month:
            _, _, done = ends.pop(0)
            ended.append(done)
            who = owner[done]
            used -= fte[done]
            running -= 1
            owners[who] -= 1
            led[who] -= fte[done]
            ready.extend(parked.pop(who, ()))
            for waiting in dependents[done]:
                pending[waiting] -= 1
                if pending[waiting] == 0:
                    ready.append(waiting)
        ready.sort()
        kept: list[int] = []  # ready jobs still waiting after this event
        reserved: int | None = None  # when the first job blocked by the team can start
        team = available(month) + 1e-9  # the people this month, with a margin for rounding
        remaining = horizon - month  # months left before the horizon
        for at, n in enumerate(ready):  # until nothing more can start before the next event
            if max_parallel is not None and running >= max_parallel:
                stalled = ParallelLimit(horizon, max_parallel)
                kept.extend(ready[at:])
                last_wait.update(dict.fromkeys(ready[at:], stalled))
                break
            if used + lightest > team:
                stalled = TeamBusy(horizon)
                kept.extend(ready[at:])
                last_wait.update(dict.fromkeys(ready[at:], stalled))
                break
            if months[n] > remaining:
                defer(n, PastHorizon(month, month + months[n], months[n], horizon))
            elif used + fte[n] > team:
                blocked[n] = last_wait[n] = team_full
                kept.append(n)
                if reserved is None:
                    reserved = _free_at(month, ends, fte, used, fte[n], available, ramp_months)
            elif reserved is not None and month + months[n] > reserved:
                blocked[n] = last_wait[n] = held_back
                kept.append(n)
            elif owners.get(who := owner[n], 0) >= role_limit(who) or (
                owner_fte is not None
                and not order[n].under_way
                and owners.get(who, 0) > 0
                and led[who] + fte[n] > owner_fte + 1e-9
            ):
                if who not in owner_busy:
                    owner_busy[who] = OwnerBusy(horizon, who)
                blocked[n] = last_wait[n] = owner_busy[who]
                parked.setdefault(who, []).append(n)
            else:  # it starts
                if n in last_wait:
                    held[ids[n]] = _held(last_wait[n], ended, owner, ids, available, month)
                placed[ids[n]] = (month, month + months[n])
                bisect.insort(ends, (month + months[n], ids[n], n))
                used += fte[n]
                running += 1
                peak = max(peak, running)
                owners[who] = owners.get(who, 0) + 1
                led[who] = led.get(who, 0.0) + fte[n]
        ready = kept
        # The team grows at the next month while the ramp lasts: an event when work waits.
        grows = month + 1 if ready and month + 1 < ramp_months else None
        if not ends and grows is None:
            break
        month = min(ends[0][0] if ends else horizon, grows if grows is not None else horizon)
        if month >= horizon:
            break
    # What neither started nor was deferred on the way, by id: first what was ready (and what
    # waits for it), then what waits for work that ended too late.
    left = sorted(j for j in by_id if j not in placed and j not in deferred)
    for job_id in left:
        n = place[job_id]
        if job_id not in deferred and pending[n] == 0:
            defer(n, blocked.get(n, stalled))
    for job_id in left:
        if job_id not in deferred:
            late = sorted(d for d in by_id[job_id].depends_on if d in placed)
            defer(place[job_id], WaitsTooLate(tuple(late), horizon))
    ramp = tuple(available(m) for m in range(min(ramp_months - 1, horizon)))
    return Schedule(placed, dict(zip(ids, fte, strict=True)), deferred, peak, ramp, held)


def _held(
    cause: Blocked,
    ended: list[int],
    owner: list[str],
    ids: list[str],
    available: Callable[[int], float],
    month: int,
) -> StartHeld:
    """What held a job that starts at `month` (`cause`, the last thing it waited for) and what
    freed it: the jobs that end that month (its owner's, when the owner held it) and the
    team's growth."""
    if isinstance(cause, OwnerBusy):
        freed = sorted(ids[n] for n in ended if owner[n] == cause.owner)
        by: Literal["team", "owner", "parallel_limit"] = "owner"
    else:
        freed = sorted(ids[n] for n in ended)
        by = "parallel_limit" if isinstance(cause, ParallelLimit) else "team"
    return StartHeld(
        held_by=by,
        freed_by=tuple(freed),
        team=available(month),
        team_grew=month > 0 and available(month) > available(month - 1),
        limit=cause.limit if isinstance(cause, ParallelLimit) else None,
    )


def _ramp(team: float, under_way: float, ramp_months: int) -> Callable[[int], float]:
    """The people available in each month (see the module docstring)."""
    base = min(team, under_way)

    def available(month: int) -> float:
        if month + 1 >= ramp_months:
            return team
        return base + math.floor((team - base) * (month + 1) / ramp_months * 2 + 1e-9) / 2

    return available


def _free_at(
    month: int,
    ends: list[tuple[int, str, int]],
    fte: list[float],
    used: float,
    need: float,
    available: Callable[[int], float],
    ramp_months: int,
) -> int:
    """The first month after `month` at which enough of the team is free for `need` FTE, as
    running jobs end (`ends`, sorted) and as the team grows; 0 if never.

    The changes are taken one at a time, in month order: when several jobs end in one month,
    enough is free after some of them only if it is after all of them, so the first month
    found is the same as when each month is taken whole."""
    changes = [(end, fte[n]) for end, _, n in ends]
    if month + 1 < ramp_months:  # the team grows too: no one is freed, more are available
        changes = sorted(changes + [(step, 0.0) for step in range(month + 1, ramp_months)])
    for when, freed in changes:
        used -= freed
        if used + need <= available(when) + 1e-9:
            return when
    return 0
