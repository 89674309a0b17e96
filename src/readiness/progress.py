"""Quarterly re-scoring: how one client's scores, stage and roadmap moved from period to period.

Pure functions over periods that are already loaded and scored (loading a client folder is
`readiness.pipeline.load_client`'s job):
- `build_progress`: one row per period, oldest first, with the overall score, the stage and
  each dimension, and the change since the previous period; plus the comparison of the latest
  period with the one before it.
- `compare_periods`: a baseline and a current period side by side:
  - dimension deltas and stage crossings (a gate that now holds, or no longer does);
  - initiatives *achieved* since the baseline: marked `done` now, or whose `done_when` holds on
    today's answers, and that were not achieved at the baseline;
  - initiatives that *slipped*: in the baseline's roadmap (planned from the baseline's date, as
    `readiness plan` plans it) to end before the current period's date, yet not achieved now
    (dropped ones are listed apart);
  - questions whose value went down.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from readiness.conditions import FactValue, compile_condition
from readiness.index import achieved, fact_space_for
from readiness.model import Assessment, Framework, Initiative, Model, format_number
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.rules import FactReading, evaluate_rules, format_value
from readiness.score import Scorecard


@dataclass(frozen=True)
class Period:
    """One period of a client: the assessment, its framework and scorecard, and the file."""

    file: str
    assessment: Assessment
    framework: Framework
    scorecard: Scorecard

    @property
    def name(self) -> str:
        """The period, e.g. 2026-Q4."""
        return self.assessment.period

    @property
    def month(self) -> int:
        """The assessment date as a month number (year * 12 + month - 1)."""
        return self.assessment.date.year * 12 + self.assessment.date.month - 1


# --- models -------------------------------------------------------------------------------------


class DimensionPoint(Model):
    """A dimension in one period, and its change since the previous period."""

    id: str = Field(description="Dimension id.")
    score: float | None = Field(description="Dimension score.")
    percent: float | None = Field(description="Score as a percentage.")
    level: float | None = Field(description="Dimension level.")
    delta: float | None = Field(description="Score change since the previous period.")


class PeriodRow(Model):
    """One period of the client's history."""

    period: str = Field(description="The period, e.g. 2026-Q4.")
    date: str = Field(description="Assessment date, YYYY-MM-DD.")
    file: str = Field(description="The assessment file.")
    score: float | None = Field(description="Overall score.")
    percent: float | None = Field(description="Overall percentage.")
    delta: float | None = Field(description="Overall score change since the previous period.")
    stage: str = Field(description="Readiness stage id.")
    stage_title: str = Field(description="Readiness stage title.")
    stage_change: Literal["up", "down"] | None = Field(
        description="Whether the stage rose or fell since the previous period."
    )
    dimensions: tuple[DimensionPoint, ...] = Field(description="Dimensions, framework order.")


class DimensionDelta(Model):
    """A dimension at the baseline and now."""

    id: str = Field(description="Dimension id.")
    title: str = Field(description="Dimension title.")
    before: float | None = Field(description="Score at the baseline.")
    after: float | None = Field(description="Score now.")
    delta: float | None = Field(description="after - before, when both exist.")
    level_before: float | None = Field(description="Level at the baseline.")
    level_after: float | None = Field(description="Level now.")


class GateCrossing(Model):
    """A stage gate that changed state between the baseline and now."""

    stage: str = Field(description="Stage id.")
    title: str = Field(description="Stage title.")
    change: Literal["crossed", "lost"] = Field(
        description="crossed: holds now and did not; lost: held and no longer does."
    )
    condition: str | None = Field(description="The gate condition.")


class AchievedInitiative(Model):
    """An initiative achieved since the baseline."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")
    dimension: str = Field(description="The dimension it improves.")
    how: Literal["status", "done_when"] = Field(
        description="status: marked done; done_when: its exit criterion holds now."
    )
    done_when: str | None = Field(description="The exit criterion.")
    reads: tuple[FactReading, ...] = Field(description="The values the exit criterion reads now.")
    planned_end: str | None = Field(
        description="The month the baseline's roadmap planned it to end, if it was planned."
    )


class SlippedInitiative(Model):
    """An initiative the baseline's roadmap planned to end before now, not achieved."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")
    dimension: str = Field(description="The dimension it improves.")
    owner: str = Field(description="The role accountable for it.")
    planned_start: str = Field(description="Planned first month, YYYY-MM.")
    planned_end: str = Field(description="Planned last month, YYYY-MM.")
    months_late: int = Field(description="Months from the planned end to the current date.")
    status: Literal["planned", "in_progress", "not recorded"] = Field(
        description="Its status in the current assessment."
    )
    done_when: str | None = Field(description="The exit criterion that does not hold yet.")
    reads: tuple[FactReading, ...] = Field(description="The values the exit criterion reads now.")


class DroppedInitiative(Model):
    """An initiative of the baseline's roadmap that the current assessment marks dropped."""

    id: str = Field(description="Initiative id.")
    title: str = Field(description="Initiative title.")


class QuestionChange(Model):
    """A question whose value changed between the baseline and now."""

    key: str = Field(description="`<dimension>.<question>`.")
    dimension: str = Field(description="Dimension id.")
    text: str = Field(description="The question.")
    before: float = Field(description="Value at the baseline.")
    after: float = Field(description="Value now.")
    delta: float = Field(description="after - before.")
    note: str | None = Field(description="The current answer's note.")


class Comparison(Model):
    """A current period measured against a baseline."""

    baseline_period: str = Field(description="The baseline period.")
    baseline_date: str = Field(description="The baseline's assessment date.")
    current_period: str = Field(description="The current period.")
    current_date: str = Field(description="The current assessment date.")
    score_before: float | None = Field(description="Overall score at the baseline.")
    score_after: float | None = Field(description="Overall score now.")
    delta: float | None = Field(description="Overall score change.")
    stage_before: str = Field(description="Stage id at the baseline.")
    stage_before_title: str = Field(description="Its title.")
    stage_after: str = Field(description="Stage id now.")
    stage_after_title: str = Field(description="Its title.")
    stage_change: Literal["up", "down"] | None = Field(description="Whether the stage moved.")
    dimensions: tuple[DimensionDelta, ...] = Field(description="Dimensions, framework order.")
    gates: tuple[GateCrossing, ...] = Field(description="Gates that changed state.")
    achieved: tuple[AchievedInitiative, ...] = Field(
        description="Initiatives achieved since the baseline, catalogue order."
    )
    slipped: tuple[SlippedInitiative, ...] = Field(
        description="Initiatives due by now in the baseline's roadmap, not achieved; latest "
        "first by months late."
    )
    dropped: tuple[DroppedInitiative, ...] = Field(
        description="Initiatives of the baseline's roadmap marked dropped now."
    )
    went_down: tuple[QuestionChange, ...] = Field(
        description="Questions whose value fell, biggest fall first."
    )
    went_up: int = Field(description="How many questions rose.")
    baseline_plan_start: str = Field(description="First month of the baseline's roadmap.")


class Progress(Model):
    """A client's history: every period, and the latest compared with the one before."""

    organization: str = Field(description="Organization name (of the latest period).")
    framework: str = Field(description="`id@version` of the latest period's framework.")
    dimensions: tuple[tuple[str, str], ...] = Field(
        description="(id, title) of each dimension, framework order."
    )
    periods: tuple[PeriodRow, ...] = Field(description="Periods, oldest first.")
    latest: Comparison | None = Field(
        description="The latest period against the previous one; None with a single period."
    )


# --- building -----------------------------------------------------------------------------------


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


def _signed(delta: float | None, digits: int = 2) -> str:
    if delta is None:
        return ""
    sign = "+" if delta > 0 else "-" if delta < 0 else "±"
    return f"{sign}{abs(delta):.{digits}f}"


def _readings(reads: Sequence[FactReading]) -> str:
    return ", ".join(f"{r.name} = {format_value(r.value)}" for r in reads)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def comparison_summary(comparison: Comparison) -> list[tuple[str, list[str]]]:
    """What changed since the baseline, as (heading, lines) blocks for text output."""
    blocks: list[tuple[str, list[str]]] = []
    stage = f"{comparison.stage_before_title} -> {comparison.stage_after_title}"
    if comparison.stage_change is None:
        stage = f"still {comparison.stage_after_title}"
    gates = [
        f"gate {g.title} {'now holds' if g.change == 'crossed' else 'no longer holds'}"
        for g in comparison.gates
    ]
    overall = f"overall {_signed(comparison.delta)}" if comparison.delta is not None else ""
    blocks.append(("Stage", [", ".join(x for x in (stage, overall, *gates) if x)]))
    blocks.append(
        (
            f"Achieved ({len(comparison.achieved)})",
            [
                f"{a.id}: {a.title} ("
                + (
                    "marked done"
                    if a.how == "status"
                    else f"exit criterion holds: {_readings(a.reads)}"
                )
                + ")"
                for a in comparison.achieved
            ]
            or ["none"],
        )
    )
    blocks.append(
        (
            f"Slipped ({len(comparison.slipped)})",
            [
                f"{s.id}: {s.title} (due {s.planned_end}, {_plural(s.months_late, 'month')} "
                f"late, {s.status.replace('_', ' ')}"
                + (f"; exit criterion not met: {_readings(s.reads)}" if s.reads else "")
                + ")"
                for s in comparison.slipped
            ]
            or ["none"],
        )
    )
    if comparison.dropped:
        blocks.append(
            (
                f"Dropped ({len(comparison.dropped)})",
                [f"{d.id}: {d.title}" for d in comparison.dropped],
            )
        )
    blocks.append(
        (
            f"Went down ({len(comparison.went_down)})",
            [
                f"{q.key}: {format_number(q.before)} -> {format_number(q.after)}"
                for q in comparison.went_down
            ]
            or ["none"],
        )
    )
    return blocks


def render_progress_markdown(progress: Progress) -> str:
    """The progress table and the latest comparison as Markdown."""
    titles = [title for _, title in progress.dimensions]
    lines = [
        f"# Progress: {progress.organization}",
        "",
        f"Framework {progress.framework}. Scores with the change since the previous period.",
        "",
        "| Period | Date | Overall | Stage | " + " | ".join(titles) + " |",
        "|---|---|--:|---|" + "--:|" * len(titles),
    ]
    for row in progress.periods:
        cells = {d.id: d for d in row.dimensions}
        arrow = {"up": " ↑", "down": " ↓", None: ""}[row.stage_change]
        values = [
            _cell(cells[i].score, cells[i].delta) if i in cells else "–"
            for i, _ in progress.dimensions
        ]
        lines.append(
            f"| {row.period} | {row.date} | {_cell(row.score, row.delta)} | "
            f"{row.stage_title}{arrow} | " + " | ".join(values) + " |"
        )
    if progress.latest is not None:
        comparison = progress.latest
        lines += ["", f"## Since {comparison.baseline_period} ({comparison.baseline_date})"]
        for heading, items in comparison_summary(comparison):
            lines += ["", f"**{heading}**", ""]
            lines.extend(f"- {_escape(item)}" for item in items)
    return "\n".join(lines) + "\n"


def _cell(value: float | None, delta: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" + (f" ({_signed(delta)})" if delta is not None else "")


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
