"""What the planner returns: immutable records, turned into JSON by `records.record_data`.

Field names are plain and stable: the report, the deck and `readiness plan --format json` read
them. Months are 0-based offsets from the plan start with exclusive ends, next to calendar
labels (YYYY-MM, YYYY-Qn).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from readiness.model import Severity
from readiness.plan.causes import Deferral, OpenCause, OpenTerm, StartHeld
from readiness.rules import FactReading


class Reason(NamedTuple):
    """Why an initiative is in the plan."""

    kind: Literal["rule", "prerequisite", "in_progress", "gap", "gate"]
    """A rule recommended it, another initiative needs it, it is under way, it closes a gap to
    the target, or it makes a failing gate term hold."""
    rule: str | None
    """The rule id, for kind `rule`."""
    title: str
    """A readable line: the rule's title, what needs it, or the gap it closes."""
    facts: tuple[FactReading, ...]
    """The answers and scores the rule read (or the gap's question), with their values."""
    prerequisite_of: str | None
    """The initiative that needs it, for kind `prerequisite`."""


class PlannedInitiative(NamedTuple):
    """An initiative with its place in the plan."""

    id: str
    """Initiative id."""
    title: str
    """What the initiative does."""
    dimension: str
    """The dimension it improves."""
    workstream: str
    """The workstream it belongs to (its dimension unless the framework says otherwise)."""
    stage: str
    """The wave it belongs to: its own stage, or today's stage for skipped foundations."""
    owner: str
    """The role accountable for it."""
    description: str
    """The work and what it delivers."""
    deliverables: tuple[str, ...]
    """Concrete outputs."""
    exit_criterion: str | None
    """What an auditor would see when it is done."""
    kpis: tuple[str, ...]
    """How progress is measured, one line each; the months of the work they name are sized
    to its duration (`plan.sizing.sized_kpis`)."""
    depends_on: tuple[str, ...]
    """Initiatives that must finish first."""
    done_when: str | None
    """Exit criterion over scores, checked at the next re-score."""
    duration_months: int
    """Elapsed months, scaled by the organization's size band."""
    effort_fte: float
    """Average full-time people while it runs, scaled by the size band."""
    fte_months: float
    """Effort times duration: person-months."""
    quick_win: bool
    """Marked a quick win by the framework."""
    regulatory: bool
    """Answers a regulatory exposure of an organization in a regulated industry."""
    start_month: int
    """Offset of its first month from the plan start, 0-based."""
    end_month: int
    """Exclusive offset: it runs months [start_month, end_month)."""
    start: str
    """First calendar month, YYYY-MM."""
    end: str
    """Last calendar month, YYYY-MM."""
    start_quarter: str
    """Quarter of the first month, e.g. 2027-Q1."""
    end_quarter: str
    """Quarter of the last month."""
    status: Literal["planned", "in_progress"]
    """in_progress when the assessment says it is under way."""
    severity: Severity | None
    """Worst severity of the findings that asked for it, directly or through what needs it."""
    why: tuple[Reason, ...]
    """Every reason it is in the plan."""
    held: StartHeld | None
    """Why it starts later than its prerequisites allow (the team, its owner or the cap on
    initiatives at once, and what freed it); None when it starts as soon as they allow."""


class Deferred(NamedTuple):
    """An initiative the plan needs but does not schedule, and why."""

    id: str
    """Initiative id."""
    title: str
    """Initiative title."""
    stage: str
    """The wave it belongs to."""
    reason: str
    """Why it is not scheduled, in English (`plan.causes.describe_cause` of `cause`)."""
    cause: Deferral
    """Why it is not scheduled, as a record: `kind` and the values the reason states."""


class Achieved(NamedTuple):
    """An initiative that is already done."""

    id: str
    """Initiative id."""
    title: str
    """Initiative title."""
    how: Literal["status", "done_when"]
    """`status`: marked done in the assessment; `done_when`: its exit criterion holds today."""


class Milestone(NamedTuple):
    """When the plan's work makes the next stage's gate hold."""

    stage: str
    """The stage the organization leaves at this milestone (the last stage: its work ends)."""
    title: str
    """Readable name of the milestone."""
    month: int
    """Exclusive offset by which the gate holds (the plan's end when it never does)."""
    date: str
    """The last calendar month of that work, YYYY-MM."""
    quarter: str
    """Quarter of that month."""
    gate: str | None
    """The next stage's gate."""
    reachable: bool
    """Whether the planned work makes the gate hold, and every earlier gate too (a stage is
    never reached past one that is not)."""
    unaddressed: tuple[str, ...]
    """What keeps the gate from holding once all the planned work is done, in English
    (`plan.causes.describe_open_term` of each of `open_terms`)."""
    open_terms: tuple[OpenTerm, ...]
    """The same as records: each gate term that still fails (the term parsed), and each
    dimension the gate reads that is not assessed on enough answers."""


class QuestionGap(NamedTuple):
    """How far one question is from its target."""

    question: str
    """`<dimension>.<question>`."""
    value: float | None
    """Today's level; None when unanswered (counted as the bottom of the scale)."""
    target: float
    """The level the target profile asks for."""
    gap: float
    """max(0, target - value)."""
    weighted_gap: float
    """gap * question weight, * 1.5 when a high-severity finding reads the question."""


class DimensionGap(NamedTuple):
    """How far one dimension is from its target."""

    dimension: str
    """Dimension id."""
    level: float | None
    """Today's level; None when the dimension has no score."""
    target: float
    """The dimension's target level."""
    percent_to_target: float
    """Share of the way from the bottom of the scale to the target its questions have come,
    weighted by question weight (100 at or above target)."""
    gap: float
    """max(0, target - level)."""
    weighted_gap: float
    """Sum of its questions' weighted gaps."""


class TargetProfile(NamedTuple):
    """What the organization aims for, and how far it is."""

    stage: str
    """The target stage."""
    by: str | None
    """Deadline, YYYY-MM, when one is set."""
    levels: dict[str, float]
    """Target level per dimension."""
    questions: dict[str, float]
    """Target level per question."""
    percent_to_target: float
    """Weighted share of the way to the target, over every question (100 at target)."""
    at_target: bool
    """Whether every question is at or above its target and the target stage is reached."""
    dimensions: tuple[DimensionGap, ...]
    """Per dimension, in framework order."""
    gaps: tuple[QuestionGap, ...]
    """Questions below their target, largest weighted gap first."""


class OpenGap(NamedTuple):
    """A gap to the target the plan does not close, and why."""

    question: str
    """`<dimension>.<question>` (or a gate term the plan cannot make hold)."""
    target: float | None
    """The level asked for (None for a gate term)."""
    reason: str
    """Why, in English (`plan.causes.describe_cause` of `cause`): no initiative raises it, or
    the work that would is deferred."""
    cause: OpenCause
    """Why, as a record: `kind` and the values the reason states."""


class Workstream(NamedTuple):
    """A workstream and its planned work."""

    id: str
    """Workstream id."""
    title: str
    """Readable name."""
    initiatives: tuple[str, ...]
    """Planned initiative ids, by start month."""
    fte_months: float
    """Person-months of its planned work."""
    start_month: int
    """First month of its work (0-based)."""
    end_month: int
    """Exclusive end of its work."""


class Route(NamedTuple):
    """The least work that makes the next stage's gate or the target hold
    (`plan.what_it_takes`)."""

    goal: str
    """`next stage` or `target`."""
    stage: str
    """The stage whose gate (and profile) must hold."""
    initiatives: tuple[str, ...]
    """Initiative ids, in dependency order."""
    fte_months: float
    """Their total effort in person-months."""
    months: int
    """Months from the plan start until the last of them ends: scheduled alone with the plan's
    team and limits, longest chain of work first, or where the plan runs them when that ends
    sooner."""
    date: str | None
    """Last calendar month of that work (None when nothing is needed)."""
    answer_changes: dict[str, float]
    """The answers that would be enough: question -> level it must reach (for the next stage,
    the levels its work brings the profile's answers to)."""
    exact: bool
    """Whether the set is the solver's proven cheapest cover of the answers the goal misses
    (for the next stage, its profile's, none of it work the gate holds without); false: the
    best found (work the gate holds without pruned, the plan's own work pruned, or the
    solver's node limit reached)."""
    uncoverable: tuple[str, ...]
    """Questions no initiative can bring to their level: the route cannot close these."""


class LatePractice(NamedTuple):
    """A question the target raises that is still below its target level at the deadline."""

    question: str
    """`<dimension>.<question>`."""
    level: float
    """The level the target asks of it."""
    date: str | None
    """The month (YYYY-MM) the planned work, with the deferred work the target needs planned
    after the horizon, raises it there; None when nothing does."""


class Options(NamedTuple):
    """What stands between the plan and its target when the plan does not reach the target
    by its deadline (or at all), and the two ways past it (`plan.target_options`)."""

    deferred: tuple[str, ...]
    """Deferred initiatives (past the horizon) the target needs, by id, in order of end."""
    extra_fte_months: float
    """Their person-months."""
    date: str | None
    """The month (YYYY-MM) the target holds with the planned work and those initiatives
    planned after the horizon; None when even that work does not reach it."""
    late: tuple[LatePractice, ...]
    """With a deadline: the questions still below their target level then, by month closed."""
    team_fte: float | None
    """With a deadline: the smallest team, in whole people and at most twice today's, whose
    schedule of the same work meets it; None when none does."""
    team_date: str | None
    """The month the target holds with that team."""
    unlimited_date: str | None
    """When no team up to twice today's meets the deadline: the month the target holds with
    as many people as the work can use (prerequisites and each owner's limit on parallel
    work still hold); None when that is not computed or not reached."""


class WhatItTakes(NamedTuple):
    """What reaching the next stage and the target takes."""

    next_stage: Route | None
    """Toward the stage after today's (None at the last stage)."""
    target: Route
    """Toward the target profile."""
    options: Options | None = None
    """When the plan does not reach the target by its deadline (or at all): what stands in
    the way and the ways past it."""


class VerifyFirst(NamedTuple):
    """A low-confidence answer that a gate or a high-severity finding depends on."""

    question: str
    """`<dimension>.<question>`."""
    value: float | None
    """The answer as given."""
    depends: tuple[str, ...]
    """What depends on it: `gate <stage>`, `finding <rule>`."""


class Plan(NamedTuple):
    """A dated roadmap toward a target for one assessment."""

    start: str
    """First calendar month, YYYY-MM."""
    end: str
    """Last calendar month with planned work, YYYY-MM."""
    months: int
    """Length of the planned work in months."""
    end_month: int
    """Exclusive offset of the last planned month (= months)."""
    capacity: int
    """Most initiatives running at once: the stated limit (assessment or --capacity), else
    the most the schedule ran at once."""
    team_fte: float
    """Delivery team in full-time people: the assessment's, else the size band's."""
    team_ramp: tuple[float, ...]
    """People available in each of the plan's first months while the team ramps up to
    `team_fte` (empty: the whole team from the first month)."""
    size_band: str | None
    """The size band that scaled effort and duration (None: no bands, multipliers of 1)."""
    fte_months: float
    """Person-months of all planned work."""
    target: TargetProfile
    """The target and the gaps to it."""
    deadline: str | None
    """The target deadline, YYYY-MM."""
    deadline_fits: bool | None
    """Whether the target is met by the deadline: its stage's milestone reached by then, every
    question raised to its target by then (by the first placed work that brings it there) and
    no gap left open. None without a deadline."""
    initiatives: tuple[PlannedInitiative, ...]
    """Scheduled initiatives, by start month, wave, id."""
    workstreams: tuple[Workstream, ...]
    """Workstreams with planned work, in framework order."""
    deferred: tuple[Deferred, ...]
    """Needed but not scheduled, with the reason."""
    achieved: tuple[Achieved, ...]
    """Already done, by id."""
    milestones: tuple[Milestone, ...]
    """One per wave, in stage order."""
    open_gaps: tuple[OpenGap, ...]
    """Gaps and gate terms the plan does not close, with the reason."""
    verify_first: tuple[VerifyFirst, ...]
    """Low-confidence answers to check before acting on the plan."""
    what_it_takes: WhatItTakes | None
    """The cheapest routes, when asked for (`--what-it-takes`)."""
    warnings: tuple[str, ...]
    """What the reader of the plan should know."""
