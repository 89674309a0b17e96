"""The causes of what the plan leaves out: every kind said in English by the one function, with
exactly the values its record holds."""

from __future__ import annotations

import pytest

from readiness.condition_syntax import parse_condition
from readiness.plan.causes import (
    Deferral,
    Dropped,
    GateStillFails,
    GateUnraised,
    HeldForPriority,
    InitiativesDone,
    InitiativesDropped,
    NoInitiative,
    NotAssessed,
    OpenCause,
    OwnerBusy,
    ParallelLimit,
    PastHorizon,
    TeamBusy,
    TeamFull,
    TermFails,
    WaitsForDeferred,
    WaitsTooLate,
    WorkDeferred,
    describe_cause,
    describe_open_term,
    describe_work_deferred,
)
from readiness.records import record_data

_DEFERRALS = {
    "past_horizon",
    "waits_for_deferred",
    "waits_too_late",
    "team_busy",
    "team_full",
    "held_for_priority",
    "owner_busy",
    "parallel_limit",
    "dropped",
}

CASES: list[tuple[Deferral | OpenCause, str]] = [
    (
        PastHorizon(start_month=33, end_month=37, duration_months=4, horizon=36),
        "would end in month 37, past the 36-month horizon (it takes 4 months and could start "
        "only in month 34)",
    ),
    (WaitsForDeferred("llm-guardrails"), "waits for llm-guardrails, deferred"),
    (
        WaitsTooLate(("lineage", "platform"), 24),
        "waits for lineage, platform, which end too late for it to fit in the 24-month horizon",
    ),
    (
        WaitsTooLate((), 24),
        "waits for its prerequisites, which end too late for it to fit in the 24-month horizon",
    ),
    (TeamBusy(36), "could not start within the 36-month horizon: the team was busy"),
    (TeamFull(36, 6.0), "could not start within the 36-month horizon: the team's 6 FTE was busy"),
    (TeamFull(36, 2.5), "could not start within the 36-month horizon: the team's 2.5 FTE was busy"),
    (
        HeldForPriority(36),
        "could not start within the 36-month horizon: work of higher priority waiting for the "
        "team was busy",
    ),
    (
        OwnerBusy(36, "ml-platform-lead"),
        "could not start within the 36-month horizon: its owner (ml-platform-lead) was busy",
    ),
    (
        ParallelLimit(36, 2),
        "could not start within the 36-month horizon: the limit of 2 initiatives at once was "
        "reached",
    ),
    (
        ParallelLimit(36, 1),
        "could not start within the 36-month horizon: the limit of 1 initiative at once was "
        "reached",
    ),
    (Dropped(()), "dropped: marked `dropped` in the assessment"),
    (
        Dropped(("lineage", "quality-checks")),
        "dropped: marked `dropped` in the assessment; needed by lineage, quality-checks",
    ),
    (
        NoInitiative("data.quality", 3.5),
        "no initiative in the catalogue raises data.quality to 3.5",
    ),
    (
        InitiativesDropped(("quality-checks",)),
        "the initiatives that would raise it were dropped: quality-checks",
    ),
    (
        InitiativesDone(("inventory", "lineage")),
        "the initiatives that raise it are already done (inventory, lineage), but the answer has "
        "not moved: re-score it",
    ),
    (
        GateStillFails("enterprise", "Enterprise"),
        "gate of Enterprise: still fails with every initiative that raises what it reads",
    ),
    (
        GateUnraised("enterprise", "Enterprise"),
        "gate of Enterprise: no initiative in the catalogue makes it hold",
    ),
    (
        WorkDeferred("academy", WaitsForDeferred("platform")),
        "academy would close it but is deferred: waits for platform, deferred",
    ),
]


@pytest.mark.parametrize(
    ("cause", "text"), CASES, ids=[f"{c.kind}-{i}" for i, (c, _) in enumerate(CASES)]
)
def test_every_kind_is_said_in_one_english_line(cause: Deferral | OpenCause, text: str) -> None:
    assert describe_cause(cause) == text


@pytest.mark.parametrize(
    "deferral", [c for c, _ in CASES if not isinstance(c, WorkDeferred) and c.kind in _DEFERRALS]
)
def test_work_deferred_is_said_from_the_line_of_its_deferral(deferral: Deferral) -> None:
    # A plan that has said why an initiative is deferred says the gaps it leaves open from
    # that line: the same text as the cause said whole.
    said = describe_work_deferred("lineage", describe_cause(deferral))
    assert said == describe_cause(WorkDeferred("lineage", deferral))
    assert said.startswith("lineage would close it but is deferred: ")


def test_every_kind_is_covered_and_named_in_its_json() -> None:
    kinds = {cause.kind for cause, _ in CASES}
    assert len(kinds) == 15
    nested = record_data(WorkDeferred("academy", OwnerBusy(36, "cdo")))
    assert nested == {
        "initiative": "academy",
        "deferral": {"horizon": 36, "owner": "cdo", "kind": "owner_busy"},
        "kind": "work_deferred",
    }


def test_an_open_gate_term_is_said_as_the_gate_writes_it_and_carries_its_tree() -> None:
    term = TermFails("data.level >= 3", parse_condition("data.level >= 3", None))
    assert describe_open_term(term) == "data.level >= 3"
    assert record_data(term) == {
        "text": "data.level >= 3",
        "term": {"op": ">=", "left": {"name": "data.level"}, "right": {"value": 3.0}},
        "kind": "gate_term",
    }


def test_a_dimension_not_assessed_is_said_as_plan_json_has_always_said_it() -> None:
    assert describe_open_term(NotAssessed("data")) == "data: not assessed (insufficient evidence)"
    assert record_data(NotAssessed("data")) == {"dimension": "data", "kind": "not_assessed"}
