"""Initiative cards: one status word, KPIs as plain lines whatever their form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from readiness.model import Framework
from readiness.pipeline import Assessed
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan
from readiness.report.cards import _kpi_text
from readiness.report.words import month_name


class Kpi(NamedTuple):
    name: str
    baseline: str | None
    target: str | None


def test_kpis_read_as_one_line_whether_text_or_records() -> None:
    assert _kpi_text("Share of models monitored") == "Share of models monitored"
    assert (
        _kpi_text(Kpi("Share of features served", "Measured in month 1", "80% by month 9"))
        == "Share of features served (baseline measured in month 1; target 80% by month 9)"
    )
    assert _kpi_text(Kpi("Incidents", None, "none by Q4")) == "Incidents (target none by Q4)"


def planned(client: str) -> tuple[Assessed, Framework, Plan]:
    """A bundled client's 2026-Q4, its framework and its plan."""
    from readiness.pipeline import assess
    from readiness.plan.roadmap import plan_roadmap
    from readiness.rules import evaluate_rules

    assessed = assess(Path(__file__).resolve().parent.parent / "examples" / client / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    return (
        assessed,
        framework,
        plan_roadmap(framework, assessed.loaded.assessment, assessed.scorecard, results),
    )


def test_done_when_leaves_out_what_is_already_in_place() -> None:
    from readiness.report.cards import roadmap_view

    assessed, framework, plan = planned("lumen-insurance")
    # Progressive rollout is done when serving alerts and canary releases are both automated;
    # Lumen's serving alerts already are.
    assert assessed.scorecard.facts["monitoring.system_performance"] == 1
    cards = roadmap_view(plan, framework, facts=assessed.scorecard.facts).initiatives
    plain = roadmap_view(plan, framework).initiatives
    said = [c.done_when or "" for c in cards]
    # A done-when is said as what the levels look like, in the framework's words.
    questions = framework.questions()
    canary = " ".join(questions["infrastructure.canary"].levels[1].split())
    alerts = " ".join(questions["monitoring.system_performance"].levels[1].split())
    assert any(alerts in (c.done_when or "") and canary in (c.done_when or "") for c in plain)
    assert not any(alerts in text for text in said)
    assert canary in said  # one level left: its description alone
    assert not any(">=" in text or "at Automated (1)" in text for text in said)


def test_a_target_due_after_the_work_ends_names_who_owns_it() -> None:
    import re

    from readiness.pipeline import assess
    from readiness.plan.roadmap import plan_roadmap
    from readiness.report.cards import roadmap_view
    from readiness.rules import evaluate_rules

    root = Path(__file__).resolve().parent.parent
    assessed = assess(root / "examples" / "acme-retail" / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    plan = plan_roadmap(framework, assessed.loaded.assessment, assessed.scorecard, results)
    planned = {i.title: i for i in plan.initiatives}
    records = {i.id: i.kpis for i in framework.initiatives}
    owned = 0
    for card in roadmap_view(plan, framework).initiatives:
        item = planned[card.title]
        for kpi, record in zip(card.kpis, records[item.id], strict=True):
            due = re.search(r"by month (\d+)", str(record.target or ""))
            late = due is not None and int(due.group(1)) > item.duration_months
            ends = f"holds it after the work ends in {month_name(item.end)})"
            assert late == kpi.endswith(ends), kpi  # inside its brackets, no run-on
            # Every month of the work is said as the calendar month it falls in.
            assert not re.search(r"\bmonth \d", kpi), kpi
            if due is not None:
                start = parse_month(item.start)
                assert f"by {month_name(month_label(start + int(due.group(1)) - 1))}" in kpi
            owned += late
    assert owned


def test_an_initiative_is_grouped_as_the_roadmap_lanes_group_it() -> None:
    from readiness.pipeline import assess
    from readiness.plan.roadmap import plan_roadmap
    from readiness.report.cards import roadmap_view
    from readiness.report.words import workstream_words
    from readiness.rules import evaluate_rules

    root = Path(__file__).resolve().parent.parent
    assessed = assess(root / "examples" / "helios-energy" / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    plan = plan_roadmap(framework, assessed.loaded.assessment, assessed.scorecard, results)
    cards = {c.id: c for c in roadmap_view(plan, framework).initiatives}
    elsewhere = 0
    for item in plan.initiatives:
        lane = workstream_words(item.workstream, framework)
        card = cards[item.id]
        assert card.group.startswith(lane), (card.title, card.group)
        if lane != card.dimension:
            # The dimension it raises is said only where it is another than the lane.
            assert card.group == (
                f"{lane} workstream (raises {card.dimension[:1].lower()}{card.dimension[1:]})"
            )
            elsewhere += 1
        else:
            assert card.group == lane
    assert elsewhere  # Helios has a generative AI workstream across dimensions


def test_every_initiative_is_labelled_as_the_funding_split_counts_it() -> None:
    from readiness.pipeline import assess
    from readiness.plan.roadmap import plan_roadmap
    from readiness.report.context import build_context
    from readiness.rules import evaluate_rules

    root = Path(__file__).resolve().parent.parent
    for client in ("acme-retail", "northwind-bank"):
        assessed = assess(root / "examples" / client / "2026-Q4.yaml")
        framework, card = assessed.loaded.framework, assessed.scorecard
        results = evaluate_rules(framework, card)
        plan = plan_roadmap(framework, assessed.loaded.assessment, card, results)
        context = build_context(
            framework,
            assessed.loaded.assessment,
            card,
            results,
            plan,
            generated=dt.date(2026, 11, 30),
        )
        split = context.story.funding_split
        assert split is not None and context.roadmap is not None
        assert split.stage == "Department scale" and split.reached_by is not None
        labels = {c.id: c.stage for c in context.roadmap.initiatives}
        seen = set()
        for part in split.parts:
            for item in part.initiatives:
                label = labels[item.id]
                seen.add(part.kind)
                if part.kind == "required":
                    assert label.startswith("for the Department scale stage, by "), (item.id, label)
                elif part.kind == "high" and item.id in part.steps:
                    # A containment step fixes nothing: it holds live exposures.
                    assert label.startswith("contains "), (item.id, label)
                elif part.kind == "high":
                    fixes = {r.rule for r in item.why if r.rule in part.findings}
                    assert label == (
                        "fixes a high-severity finding"
                        if len(fixes) == 1
                        else f"fixes {len(fixes)} high-severity findings"
                        if fixes
                        else "prepares the fix of a high-severity finding"
                    ), (item.id, label)
                else:
                    # Money already being spent is never offered as money that can wait.
                    assert label == (
                        "beyond the minimum for department scale, already under way"
                        if item.status == "in_progress"
                        else "beyond the minimum for department scale, can be phased"
                    ), (item.id, label)
        assert {"required", "rest"} <= seen, client
        # Work after the first wave keeps what its wave is for.
        funded = {i.id for p in split.parts for i in p.initiatives}
        later = [labels[i.id] for i in plan.initiatives if i.id not in funded]
        assert later and not any("minimum" in x or "high-severity" in x for x in later)


def test_a_card_names_its_workstream_as_one_and_what_it_raises() -> None:
    from readiness.report.cards import roadmap_view

    _, framework, plan = planned("acme-retail")
    groups = {c.group for c in roadmap_view(plan, framework).initiatives}
    assert "Generative AI foundations workstream (raises infrastructure and MLOps)" in groups
    assert not any(", for " in g for g in groups)
    # A workstream that is its dimension is named once.
    assert "Data foundations" in groups


def test_a_kpi_target_reads_as_a_sentence() -> None:
    from readiness.report.cards import roadmap_view

    _, framework, plan = planned("northwind-bank")
    kpis = [k for c in roadmap_view(plan, framework).initiatives for k in c.kpis]
    assert not any("target within target" in k for k in kpis)
    assert any("target every API within its latency target by " in k for k in kpis)
