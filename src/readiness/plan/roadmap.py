"""`plan_roadmap`: from a scored assessment to a dated roadmap toward its target.

Selection (`plan.select`) finds the work: the gaps to the target profile (`plan.target`), the
failing gate terms, the rules' recommendations, in-progress work and prerequisites. Sizing
(`plan.sizing`) scales it by the organization's size band and sets the team. The scheduler
(`plan.schedule`) places it by FTE within the team and each owner's parallel limit, in
dependency order, up to the framework's horizon.

Waves overlap: each initiative belongs to the wave of its stage (work of a stage already reached
joins today's wave), and starts as soon as its prerequisites have ended and capacity allows,
not when the previous wave ends. Ordering rule: ready work starts in this order: work under way;
then work pulled forward (a high-severity finding asks for it or for work that needs it, it is
`regulatory` and the organization's industry is regulated, or it is a `quick_win`), its
high-severity work first, quick wins first within each part (a containment of a high-severity
finding starts before the work it protects; a quick win of lesser severity takes only people the
ready high-severity work cannot use then); then by wave
(earlier stage first); then by the worst severity of the findings behind it; then by the
weighted gap it closes (largest first); then by id.

Milestones are honest (`plan.milestones`); the warnings and the answers to verify first are
in `plan.advice`. The plan is pure: no files, no clock; identical input gives an identical
plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from readiness.condition_terms import subject_reads
from readiness.decimals import rounded
from readiness.errors import UsageError
from readiness.index import derived, fact_space_for, framework_index
from readiness.model import SEVERITY_ORDER, Assessment, Framework, Severity
from readiness.plan.advice import plan_warnings, verify_first
from readiness.plan.calendar import (
    first_month,
    month_label,
    parse_capacity,
    parse_month,
    quarter_label,
)
from readiness.plan.causes import Dropped, WorkDeferred, describe_cause, describe_work_deferred
from readiness.plan.milestones import find_milestones
from readiness.plan.raising import raised_levels
from readiness.plan.records import (
    Deferred,
    OpenGap,
    Plan,
    PlannedInitiative,
)
from readiness.plan.schedule import Job, Schedule, schedule_jobs
from readiness.plan.select import Item, Selection, select_work
from readiness.plan.simulate import Simulator
from readiness.plan.sizing import KpiTemplate, Sizing, fill_template, kpi_template, size_work
from readiness.plan.target import measure_target
from readiness.plan.workstreams import plan_workstreams
from readiness.rules import RuleResults
from readiness.score import Scorecard

_SEVERITY_NAMES: dict[int, Severity] = {0: "high", 1: "medium", 2: "low"}
_HIGH = SEVERITY_ORDER["high"]


def plan_roadmap(
    framework: Framework,
    assessment: Assessment,
    scorecard: Scorecard,
    results: RuleResults,
    *,
    start: str | None = None,
    capacity: int | None = None,
    target_stage: str | None = None,
    by: str | None = None,
    what_it_takes: bool = False,
) -> Plan:
    """Select, size, schedule and check the roadmap of one scored assessment (pure).

    `start` is the first month (YYYY-MM; default the first month that begins at least the
    framework's `mobilization_weeks` after the assessment date);
    `capacity` caps the initiatives at once (default: the assessment's `capacity`, else no cap
    beyond the team's FTE); `target_stage` and `by` override the assessment's target;
    `what_it_takes` adds the cheapest routes to the next stage and the target. Raises
    `UsageError` for a malformed month, a capacity outside 1-20, an unknown stage or a deadline
    before the plan starts.
    """
    first = (
        first_month(assessment.date, framework.manifest.mobilization_weeks)
        if start is None
        else parse_month(start)
    )
    limit = parse_capacity(capacity) if capacity is not None else assessment.capacity
    severe = _severe_questions(framework, results)
    target = measure_target(
        framework, assessment, scorecard, stage=target_stage, by=by, severe=severe
    )
    deadline = None
    if target.by is not None:
        deadline = parse_month(target.by, "--by")
        if deadline < first - 1:
            raise UsageError(
                f"invalid --by '{target.by}': the deadline is before the plan starts "
                f"({month_label(first)})"
            )
    sizing = size_work(framework, assessment)
    simulator = Simulator(framework, assessment, scorecard)
    selection = select_work(framework, assessment, scorecard, results, target, sizing, simulator)
    horizon = framework.manifest.horizon
    parts = _parts(framework)
    schedule = schedule_jobs(
        _jobs(selection, sizing, parts),
        team_fte=sizing.team_fte,
        role_limit=sizing.role_limit,
        horizon=horizon.max_months,
        max_parallel=limit,
        ramp_months=sizing.ramp_months,
        owner_fte=sizing.owner_fte,
    )
    items = selection.items
    placed = sorted(
        (items[i] for i in schedule.placed),
        key=lambda i: (schedule.placed[i.id][0], i.wave, i.id),
    )
    stages = [s.id for s in framework.manifest.stages]
    deferred = _deferred(framework, selection, schedule, stages)
    months = max((end for _, end in schedule.placed.values()), default=0)
    rows = _rows(placed, schedule, sizing, stages, first, parts)
    milestones = find_milestones(framework, scorecard, simulator, placed, schedule, first)
    open_gaps = [
        *selection.open_gaps,
        *_open_by_deferral(selection, schedule, target.questions, deferred),
    ]
    end_label = month_label(first + max(months, 1) - 1)
    fits = None
    if deadline is not None:
        # The target is met when its stage's milestone is reached and every gap is closed:
        # each question raised to its target by the first placed work that brings it there.
        reached = 0
        for milestone in milestones:
            following = stages.index(milestone.stage) + 1
            if following < len(stages) and stages[following] == target.stage:
                reached = milestone.month if milestone.reachable else -1
        raised = raised_levels(framework)
        for gap in target.gaps if reached >= 0 else ():
            ends = [
                end
                for i, (_, end) in schedule.placed.items()
                if raised.get(i, {}).get(gap.question, -1.0) >= gap.target - 1e-9
            ]
            reached = max(reached, min(ends)) if ends else -1
        fits = not open_gaps and reached >= 0 and first + max(reached, 1) - 1 <= deadline
    plan = Plan(
        start=month_label(first),
        end=end_label,
        months=months,
        end_month=months,
        capacity=limit or schedule.peak,
        team_fte=sizing.team_fte,
        team_ramp=schedule.ramp,
        size_band=sizing.band.id if sizing.band else None,
        fte_months=rounded(sum(r.fte_months for r in rows), 2),
        target=target,
        deadline=target.by,
        deadline_fits=fits,
        initiatives=rows,
        workstreams=plan_workstreams(framework, rows),
        deferred=tuple(deferred),
        achieved=tuple(sorted(selection.achieved.values(), key=lambda a: a.id)),
        milestones=tuple(milestones),
        open_gaps=tuple(open_gaps),
        verify_first=verify_first(framework, scorecard, results),
        what_it_takes=None,
        warnings=(),
    )
    plan = plan._replace(warnings=tuple(plan_warnings(framework, scorecard, selection, plan)))
    if what_it_takes:
        from readiness.plan.what_it_takes import find_routes

        routes = find_routes(
            framework, assessment, scorecard, target, sizing, first, plan=plan, max_parallel=limit
        )
        plan = plan._replace(what_it_takes=routes)
    return plan


def priority(item: Item, sizing: Sizing) -> tuple[int, int, int, int, int, int, float, str]:
    """The ordering rule of the module docstring, as a sort key (lowest first)."""
    initiative = item.initiative
    high = item.severity == _HIGH
    pulled = high or (initiative.regulatory and sizing.regulated) or initiative.quick_win
    return (
        0 if item.status == "in_progress" else 1,
        0 if pulled else 1,
        0 if high else 1,
        0 if initiative.quick_win else 1,
        item.wave,
        item.severity,
        -rounded(item.gap, 6),
        item.id,
    )


def _jobs(selection: Selection, sizing: Sizing, parts: Mapping[str, _Parts]) -> list[Job]:
    """The selected work as jobs to schedule. A job lists all of its initiative's
    prerequisites: the scheduler takes those outside the selection (achieved or dropped) as
    done."""
    months, fte = sizing.scaled.months, sizing.scaled.fte
    return [
        Job(
            item.id,
            months[item.id],
            fte[item.id],
            item.initiative.owner,
            parts[item.id].depends_on,
            priority(item, sizing),
            item.status == "in_progress",
        )
        for item in selection.items.values()
    ]


def _severe_questions(framework: Framework, results: RuleResults) -> set[str]:
    """Questions a high-severity finding is about (not those that only tell where its rule
    steps aside for another, see `subject_reads`)."""
    questions = framework_index(framework).questions
    space = fact_space_for(framework)
    return {
        name
        for finding in results.findings
        if finding.severity == "high"
        for name in subject_reads(finding.condition, space)
        if name in questions
    }


class _Parts(NamedTuple):
    """What an initiative's plan row and job take from the initiative alone."""

    head: tuple[str, str, str, str]
    """The row's fields before its stage: id, title, dimension, workstream."""
    body: tuple[str, str, tuple[str, ...], str | None]
    """The row's fields between its stage and its KPIs: owner, description, deliverables,
    exit criterion."""
    kpis: tuple[str, ...]
    """Its KPIs, a line each, as written for its base duration."""
    templates: tuple[KpiTemplate, ...]
    """The same cut at the months of the work they name, to size them to the plan's duration
    (`sizing.fill_template`)."""
    tail: tuple[tuple[str, ...], str | None]
    """The row's fields between its KPIs (sized to its duration) and its duration:
    prerequisites, done_when."""
    depends_on: tuple[str, ...]
    """Its prerequisites."""


@derived
def _parts(framework: Framework) -> dict[str, _Parts]:
    """Per initiative id, what its plan row and its job take from it (worked out once)."""
    found = {}
    for i in framework.initiatives:
        depends_on = tuple(i.depends_on)
        kpis = tuple(k if isinstance(k, str) else k.text() for k in i.kpis)
        found[i.id] = _Parts(
            (i.id, i.title, i.dimension, i.workstream or i.dimension),
            (i.owner, i.description, tuple(i.deliverables), i.exit_criterion),
            kpis,
            tuple(kpi_template(k) for k in kpis),
            (depends_on, i.done_when),
            depends_on,
        )
    return found


def _rows(
    placed: Sequence[Item],
    schedule: Schedule,
    sizing: Sizing,
    stages: Sequence[str],
    first: int,
    parts: Mapping[str, _Parts],
) -> tuple[PlannedInitiative, ...]:
    """The plan's rows: each placed item with its place in the plan, in the order given."""
    rows = []
    labels: dict[int, tuple[str, str]] = {}  # month -> (YYYY-MM, YYYY-Qn), for this plan
    when, people = schedule.placed, schedule.fte
    for item in placed:
        initiative, own = item.initiative, parts[item.id]
        begin, end = when[item.id]
        fte = people[item.id]
        for month in (first + begin, first + end - 1):
            if month not in labels:
                labels[month] = (month_label(month), quarter_label(month))
        start, start_quarter = labels[first + begin]
        finish, end_quarter = labels[first + end - 1]
        # The fields in their order: the initiative's own around its stage, then the plan's.
        row = (
            *own.head,
            stages[item.wave],
            *own.body,
            own.kpis
            if end - begin == initiative.duration_months
            else tuple(
                fill_template(k, initiative.duration_months, end - begin) for k in own.templates
            ),
            *own.tail,
            end - begin,
            fte,
            rounded(fte * (end - begin), 2),
            initiative.quick_win,
            initiative.regulatory and sizing.regulated,
            begin,
            end,
            start,
            finish,
            start_quarter,
            end_quarter,
            item.status,
            _SEVERITY_NAMES.get(item.severity),
            tuple(item.reasons),
            schedule.held.get(item.id),
        )
        rows.append(PlannedInitiative._make(row))
    return tuple(rows)


def _deferred(
    framework: Framework, selection: Selection, schedule: Schedule, stages: Sequence[str]
) -> list[Deferred]:
    items = selection.items
    found = [
        Deferred(i, items[i].initiative.title, stages[items[i].wave], describe_cause(cause), cause)
        for i, cause in schedule.deferred.items()
    ]
    if selection.dropped:
        current = min((item.wave for item in items.values()), default=0)
        for initiative_id in sorted(selection.dropped):
            initiative = framework_index(framework).initiatives[initiative_id]
            needed = sorted(selection.dropped[initiative_id])
            wave = max(stages.index(initiative.stage), current)
            cause = Dropped(tuple(needed))
            found.append(
                Deferred(
                    initiative_id, initiative.title, stages[wave], describe_cause(cause), cause
                )
            )
    positions = framework_index(framework).stage_positions
    return sorted(found, key=lambda d: (positions[d.stage], d.id))


def _open_by_deferral(
    selection: Selection,
    schedule: Schedule,
    targets: Mapping[str, float],
    deferred: Sequence[Deferred],
) -> list[OpenGap]:
    """Gaps whose chosen initiative is deferred (`deferred`: the plan's deferred work, with
    the reasons said): the plan does not close them."""
    reasons = {d.id: d.reason for d in deferred}
    found: list[OpenGap] = []
    for item_id in sorted(schedule.deferred):
        cause, said = None, ""  # said once for all the gaps the initiative would close
        for reason in selection.items[item_id].reasons:
            if reason.kind == "gap" and reason.facts:
                if cause is None:
                    cause = WorkDeferred(item_id, schedule.deferred[item_id])
                    said = describe_work_deferred(item_id, reasons[item_id])
                question = reason.facts[0].name
                found.append(OpenGap(question, targets.get(question), said, cause))
    return found
