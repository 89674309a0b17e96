"""Comparing periods: rows per period, and a baseline against the current period (see the
package docstring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from readiness.conditions import FactValue, compile_condition
from readiness.index import achieved, fact_space_for
from readiness.model import Framework, Initiative
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.progress.records import (
    AchievedInitiative,
    Comparison,
    DimensionDelta,
    DimensionPoint,
    DroppedInitiative,
    GateCrossing,
    Period,
    PeriodRow,
    Progress,
    QuestionChange,
    SlippedInitiative,
)
from readiness.rules import FactReading, evaluate_rules


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else round(after - before, 4)


def _direction(framework: Framework, before: str, after: str) -> Literal["up", "down"] | None:
    order = [s.id for s in framework.manifest.stages]
    if before not in order or before == after:
        return None
    return "up" if order.index(after) > order.index(before) else "down"


def order_periods(periods: Sequence[Period]) -> list[Period]:
    """Periods oldest first: by assessment date, then period name."""
    return sorted(periods, key=lambda p: (p.assessment.date, p.name))


def build_progress(periods: Sequence[Period], *, baseline: Period | None = None) -> Progress:
    """Every period's scores and their changes, and the latest period against the previous
    one (or against `baseline`, which joins the periods when it is not one of them)."""
    if not periods:
        raise ValueError("progress needs at least one period")
    ordered = order_periods(periods)
    if baseline is not None and all(p.name != baseline.name for p in ordered):
        ordered = order_periods([*ordered, baseline])
    latest = ordered[-1]
    against = baseline if baseline is not None else ordered[-2] if len(ordered) > 1 else None
    rows = []
    previous: Period | None = None
    for period in ordered:
        card = period.scorecard
        before = {d.id: d for d in previous.scorecard.dimensions} if previous else {}
        rows.append(
            PeriodRow(
                period=period.name,
                date=period.assessment.date.isoformat(),
                file=period.file,
                score=card.score,
                percent=card.percent,
                delta=_delta(previous.scorecard.score, card.score) if previous else None,
                stage=card.stage,
                stage_title=card.stage_title,
                stage_change=_direction(period.framework, previous.scorecard.stage, card.stage)
                if previous
                else None,
                dimensions=tuple(
                    DimensionPoint(
                        id=d.id,
                        score=d.score,
                        percent=d.percent,
                        level=d.level,
                        delta=_delta(before[d.id].score, d.score) if d.id in before else None,
                    )
                    for d in card.dimensions
                ),
            )
        )
        previous = period
    return Progress(
        organization=latest.assessment.organization.name,
        framework=latest.framework.ref,
        dimensions=tuple((d.id, d.title) for d in latest.framework.dimensions),
        periods=tuple(rows),
        latest=compare_periods(against, latest) if against is not None else None,
    )


def baseline_plan(baseline: Period) -> Plan:
    """The roadmap as it was planned at the baseline, from the baseline's date."""
    results = evaluate_rules(baseline.framework, baseline.scorecard)
    return plan_roadmap(baseline.framework, baseline.assessment, baseline.scorecard, results)


def _reads(
    initiative: Initiative, framework: Framework, facts: Mapping[str, FactValue]
) -> tuple[FactReading, ...]:
    if not initiative.done_when:
        return ()
    condition = compile_condition(initiative.done_when, fact_space_for(framework))
    return tuple(FactReading(name=name, value=facts.get(name)) for name in condition.reads)


def achieved_by(period: Period, initiative: Initiative) -> Literal["status", "done_when"] | None:
    """How an initiative counts as achieved in a period: marked done, or its exit criterion
    holds on that period's answers; None when it is not achieved."""
    status = period.assessment.initiatives.get(initiative.id)
    return achieved(period.framework, initiative, status, period.scorecard.facts)


def compare_periods(baseline: Period, current: Period) -> Comparison:
    """The current period against the baseline: deltas, crossings, achieved and slipped
    initiatives, questions that went down."""
    framework = current.framework
    before, after = baseline.scorecard, current.scorecard
    old_dims = {d.id: d for d in before.dimensions}
    dimensions = tuple(
        DimensionDelta(
            id=d.id,
            title=d.title,
            before=old_dims[d.id].score if d.id in old_dims else None,
            after=d.score,
            delta=_delta(old_dims[d.id].score, d.score) if d.id in old_dims else None,
            level_before=old_dims[d.id].level if d.id in old_dims else None,
            level_after=d.level,
        )
        for d in after.dimensions
    )
    old_gates = {g.stage: g for g in before.gates}
    gates = []
    for gate in after.gates[1:]:
        old = old_gates.get(gate.stage)
        if old is None:
            continue
        if gate.holds and not old.holds:
            gates.append(
                GateCrossing(
                    stage=gate.stage, title=gate.title, change="crossed", condition=gate.condition
                )
            )
        elif old.holds and not gate.holds:
            gates.append(
                GateCrossing(
                    stage=gate.stage, title=gate.title, change="lost", condition=gate.condition
                )
            )

    plan = baseline_plan(baseline)
    planned = {i.id: i for i in plan.initiatives}
    old_catalogue = {i.id: i for i in baseline.framework.initiatives}
    achieved = []
    for initiative in framework.initiatives:
        how = achieved_by(current, initiative)
        if how is None:
            continue
        earlier = old_catalogue.get(initiative.id)
        if earlier is not None and achieved_by(baseline, earlier) is not None:
            continue
        achieved.append(
            AchievedInitiative(
                id=initiative.id,
                title=initiative.title,
                dimension=initiative.dimension,
                how=how,
                done_when=initiative.done_when,
                reads=_reads(initiative, framework, after.facts),
                planned_end=planned[initiative.id].end if initiative.id in planned else None,
            )
        )
    achieved_ids = {a.id for a in achieved}
    now = current.month
    slipped = []
    dropped = []
    status = current.assessment.initiatives
    by_id = {i.id: i for i in framework.initiatives}
    for item in plan.initiatives:
        if item.id in achieved_ids or item.id not in by_id:
            continue
        if status.get(item.id) == "dropped":
            dropped.append(DroppedInitiative(id=item.id, title=item.title))
            continue
        end_month = _month_number(item.end)
        if end_month >= now:
            continue
        state = status.get(item.id)
        recorded: Literal["planned", "in_progress", "not recorded"] = (
            "in_progress"
            if state == "in_progress"
            else "planned"
            if state == "planned"
            else "not recorded"
        )
        slipped.append(
            SlippedInitiative(
                id=item.id,
                title=item.title,
                dimension=item.dimension,
                owner=item.owner,
                planned_start=item.start,
                planned_end=item.end,
                months_late=now - end_month,
                status=recorded,
                done_when=item.done_when,
                reads=_reads(by_id[item.id], framework, after.facts),
            )
        )
    slipped.sort(key=lambda s: (-s.months_late, s.planned_end, s.id))

    went_down = []
    went_up = 0
    questions = framework.questions()
    for key, question in questions.items():
        dimension_id = key.split(".")[0]
        if dimension_id not in old_dims:
            continue
        old_q = next((q for q in old_dims[dimension_id].questions if q.key == key), None)
        new_q = after.question(key)
        if old_q is None or old_q.value is None or new_q.value is None:
            continue
        change = round(new_q.value - old_q.value, 4)
        if change > 0:
            went_up += 1
        elif change < 0:
            went_down.append(
                QuestionChange(
                    key=key,
                    dimension=dimension_id,
                    text=question.text,
                    before=old_q.value,
                    after=new_q.value,
                    delta=change,
                    note=new_q.note,
                )
            )
    order = {key: index for index, key in enumerate(questions)}
    went_down.sort(key=lambda q: (q.delta, order[q.key]))
    return Comparison(
        baseline_period=baseline.name,
        baseline_date=baseline.assessment.date.isoformat(),
        current_period=current.name,
        current_date=current.assessment.date.isoformat(),
        score_before=before.score,
        score_after=after.score,
        delta=_delta(before.score, after.score),
        stage_before=before.stage,
        stage_before_title=before.stage_title,
        stage_after=after.stage,
        stage_after_title=after.stage_title,
        stage_change=_direction(framework, before.stage, after.stage),
        dimensions=dimensions,
        gates=tuple(gates),
        achieved=tuple(achieved),
        slipped=tuple(slipped),
        dropped=tuple(dropped),
        went_down=tuple(went_down),
        went_up=went_up,
        baseline_plan_start=plan.start,
    )


def _month_number(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


# --- text ---------------------------------------------------------------------------------------
