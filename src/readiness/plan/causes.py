"""Why the plan leaves something out, as records: why an initiative is deferred, why a gap
to the target (or a failing gate term) stays open, and what keeps a stage the plan does not
reach from being reached.

Each cause is a record of one kind with exactly the values its sentence needs: months, ids,
the owner role, the team's FTE. The planner builds them; `describe_cause` is the one place that
says them in English (the `reason` text of plan JSON, tables and Markdown); the report says
them in its own words and language from the same records (`report.reasons`). Months follow the
plan records: 0-based offsets from the plan start, exclusive ends.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from readiness.condition_syntax import Node


class PastHorizon(NamedTuple):
    """It would end after the horizon, however early it could start."""

    start_month: int
    """The earliest month it could start (0-based)."""
    end_month: int
    """Where it would end (exclusive: its last month, counted from 1)."""
    duration_months: int
    """How long it takes."""
    horizon: int
    """The plan's horizon in months."""
    kind: Literal["past_horizon"] = "past_horizon"


class WaitsForDeferred(NamedTuple):
    """It needs, directly or through others, an initiative that is itself deferred."""

    waits_for: str
    """The deferred initiative it waits for."""
    kind: Literal["waits_for_deferred"] = "waits_for_deferred"


class WaitsTooLate(NamedTuple):
    """Its prerequisites end too late for it to fit in the horizon."""

    waits_for: tuple[str, ...]
    """The scheduled prerequisites it waits for (empty: prerequisites not scheduled at all)."""
    horizon: int
    """The plan's horizon in months."""
    kind: Literal["waits_too_late"] = "waits_too_late"


class TeamBusy(NamedTuple):
    """It could not start within the horizon: the team was busy the whole time."""

    horizon: int
    """The plan's horizon in months."""
    kind: Literal["team_busy"] = "team_busy"


class TeamFull(NamedTuple):
    """It could not start within the horizon: its effort never fit in what the team had free."""

    horizon: int
    """The plan's horizon in months."""
    team_fte: float
    """The delivery team in full-time people."""
    kind: Literal["team_full"] = "team_full"


class HeldForPriority(NamedTuple):
    """It could not start within the horizon: it would have held back more urgent work
    waiting for the team."""

    horizon: int
    """The plan's horizon in months."""
    kind: Literal["held_for_priority"] = "held_for_priority"


class OwnerBusy(NamedTuple):
    """It could not start within the horizon: its owner led as much work as it may at once."""

    horizon: int
    """The plan's horizon in months."""
    owner: str
    """The owner role."""
    kind: Literal["owner_busy"] = "owner_busy"


class ParallelLimit(NamedTuple):
    """It could not start within the horizon: the limit of initiatives at once was reached."""

    horizon: int
    """The plan's horizon in months."""
    limit: int
    """Most initiatives at once (`--capacity` or the assessment's `capacity`)."""
    kind: Literal["parallel_limit"] = "parallel_limit"


class Dropped(NamedTuple):
    """The assessment marks it dropped."""

    needed_by: tuple[str, ...]
    """Planned initiatives that would have needed it."""
    kind: Literal["dropped"] = "dropped"


class StartHeld(NamedTuple):
    """Why a planned initiative starts later than its prerequisites allow: what kept it waiting
    the last month it was tried, and what freed it the month it starts."""

    held_by: Literal["team", "owner", "parallel_limit"]
    """The team's free people (`TeamBusy`, `TeamFull`, `HeldForPriority`), its owner's limits
    (`OwnerBusy`), or the cap on initiatives at once (`ParallelLimit`)."""
    freed_by: tuple[str, ...]
    """The initiatives that end the month it starts, by id (held by its owner: those the owner
    leads)."""
    team: float
    """The people available the month it starts."""
    team_grew: bool
    """Whether the team grew that month (it was still ramping up)."""
    limit: int | None
    """The cap on initiatives at once, when that held it."""


Busy = TeamBusy | TeamFull | HeldForPriority | OwnerBusy
"""What was busy while a ready initiative waited to start."""

Blocked = Busy | ParallelLimit
"""What kept a ready initiative from starting before the horizon."""

Deferral = PastHorizon | WaitsForDeferred | WaitsTooLate | Blocked | Dropped
"""Why an initiative the plan needs is not scheduled."""


class NoInitiative(NamedTuple):
    """No initiative in the catalogue raises the question far enough."""

    question: str
    """`<dimension>.<question>`."""
    level: float
    """The level the target asks for."""
    kind: Literal["no_initiative"] = "no_initiative"


class InitiativesDropped(NamedTuple):
    """The initiatives that would raise it are dropped."""

    initiatives: tuple[str, ...]
    """The dropped initiatives."""
    kind: Literal["initiatives_dropped"] = "initiatives_dropped"


class InitiativesDone(NamedTuple):
    """The initiatives that raise it are done, yet the answer has not moved."""

    initiatives: tuple[str, ...]
    """The initiatives already done."""
    kind: Literal["initiatives_done"] = "initiatives_done"


class GateStillFails(NamedTuple):
    """A gate term still fails with every initiative that raises what it reads."""

    stage: str
    """The stage whose gate it is."""
    stage_title: str
    """That stage's title."""
    kind: Literal["gate_still_fails"] = "gate_still_fails"


class GateUnraised(NamedTuple):
    """No initiative in the catalogue raises what a gate term reads."""

    stage: str
    """The stage whose gate it is."""
    stage_title: str
    """That stage's title."""
    kind: Literal["gate_no_initiative"] = "gate_no_initiative"


class WorkDeferred(NamedTuple):
    """The initiative chosen to close it is deferred."""

    initiative: str
    """The initiative that would close it."""
    deferral: Deferral
    """Why that initiative is deferred."""
    kind: Literal["work_deferred"] = "work_deferred"


OpenCause = (
    NoInitiative
    | InitiativesDropped
    | InitiativesDone
    | GateStillFails
    | GateUnraised
    | WorkDeferred
)
"""Why a gap to the target or a failing gate term stays open."""


class TermFails(NamedTuple):
    """A term of a stage's gate that still fails once all the planned work is done."""

    text: str
    """The term as the framework's gate writes it (one of its top-level `and` parts)."""
    term: Node
    """The term, parsed: what the report words."""
    kind: Literal["gate_term"] = "gate_term"


class NotAssessed(NamedTuple):
    """A dimension the gate reads that has too few answers to count as evidence: the gate
    does not hold on it, whatever the planned work does."""

    dimension: str
    """The dimension id."""
    kind: Literal["not_assessed"] = "not_assessed"


OpenTerm = TermFails | NotAssessed
"""What keeps a stage's gate from holding once all the planned work is done."""


def describe_open_term(term: OpenTerm) -> str:
    """The open term as one English line: the `unaddressed` text of plan JSON, tables and
    Markdown (the term itself, or `data: not assessed (insufficient evidence)`)."""
    if isinstance(term, TermFails):
        return term.text
    return f"{term.dimension}: not assessed (insufficient evidence)"


def describe_busy(blocked: Busy) -> str:
    """What was busy (`the team's 6 FTE`, `its owner (ml-platform-lead)`, ...)."""
    if isinstance(blocked, TeamFull):
        return f"the team's {blocked.team_fte:g} FTE"
    if isinstance(blocked, HeldForPriority):
        return "work of higher priority waiting for the team"
    if isinstance(blocked, OwnerBusy):
        return f"its owner ({blocked.owner})"
    return "the team"


def describe_cause(cause: Deferral | OpenCause) -> str:
    """The cause as one English line: the `reason` of plan JSON, tables and Markdown."""
    if isinstance(cause, PastHorizon):
        return (
            f"would end in month {cause.end_month}, past the {cause.horizon}-month horizon "
            f"(it takes {cause.duration_months} months and could start only in month "
            f"{cause.start_month + 1})"
        )
    if isinstance(cause, WaitsForDeferred):
        return f"waits for {cause.waits_for}, deferred"
    if isinstance(cause, WorkDeferred):
        return describe_work_deferred(cause.initiative, describe_cause(cause.deferral))
    if isinstance(cause, WaitsTooLate):
        return (
            f"waits for {', '.join(cause.waits_for) or 'its prerequisites'}, which end too late "
            f"for it to fit in the {cause.horizon}-month horizon"
        )
    if isinstance(cause, Dropped):
        needed = f"; needed by {', '.join(cause.needed_by)}" if cause.needed_by else ""
        return f"dropped: marked `dropped` in the assessment{needed}"
    if isinstance(cause, NoInitiative):
        return f"no initiative in the catalogue raises {cause.question} to {cause.level:g}"
    if isinstance(cause, InitiativesDropped):
        return "the initiatives that would raise it were dropped: " + ", ".join(cause.initiatives)
    if isinstance(cause, InitiativesDone):
        return (
            f"the initiatives that raise it are already done ({', '.join(cause.initiatives)}), "
            "but the answer has not moved: re-score it"
        )
    if isinstance(cause, GateStillFails):
        return (
            f"gate of {cause.stage_title}: still fails with every initiative that raises what "
            "it reads"
        )
    if isinstance(cause, GateUnraised):
        return f"gate of {cause.stage_title}: no initiative in the catalogue makes it hold"
    if isinstance(cause, ParallelLimit):
        many = "initiative" if cause.limit == 1 else "initiatives"
        return (
            f"could not start within the {cause.horizon}-month horizon: the limit of "
            f"{cause.limit} {many} at once was reached"
        )
    return (
        f"could not start within the {cause.horizon}-month horizon: {describe_busy(cause)} was busy"
    )


def describe_work_deferred(initiative: str, deferral: str) -> str:
    """`describe_cause` of a `WorkDeferred` cause, given its initiative and the English line
    of why that initiative is deferred (for a plan that has said it already)."""
    return f"{initiative} would close it but is deferred: {deferral}"
