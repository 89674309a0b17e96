"""The summary's three priorities: first-wave work that contains a live exposure or closes an open
requirement of the next stage, starting soon, each with its own reason."""

from __future__ import annotations

import pytest

from priority_helpers import BUNDLED, Case, case
from readiness.condition_terms import raised_thresholds
from readiness.plan.records import PlannedInitiative
from readiness.report.blockers import stage_blockers
from readiness.report.priorities import priorities
from readiness.report.priority_choice import SOON_MONTHS, Choice, choose


def chosen_items(c: Case) -> list[PlannedInitiative]:
    by_title = {i.title: i for i in c.wave}
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    return [by_title[p.title] for p in found]


def serving(c: Case) -> set[str]:
    """First-wave work that raises what an open (undisputed) blocker reads, or that such work
    waits for."""
    catalogue = {i.id: i for i in c.framework.initiatives}
    in_wave = {i.id: i for i in c.wave}
    closers = set()
    for blocker in stage_blockers(c.framework, c.scorecard, c.plan):
        if blocker.disputed:
            continue
        for item in c.wave:
            raised = {t.name: t.value for t in raised_thresholds(catalogue[item.id])}
            for key, level in blocker.asks.items():
                today = c.scorecard.facts.get(key)
                if key in raised and (
                    raised[key] >= level if level is not None else raised[key] > (today or -1)
                ):
                    closers.add(item.id)
    found = set(closers)
    while True:
        more = {d for i in found for d in in_wave[i].depends_on if d in in_wave} - found
        if not more:
            return found
        found |= more


def choices(c: Case) -> tuple[Choice, ...]:
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    return choose(c.wave, blockers, c.grouped, c.framework, c.scorecard)


def contains(c: Case, item: PlannedInitiative) -> bool:
    """It raises no practice and answers a high-severity finding: it contains an exposure."""
    catalogue = {i.id: i for i in c.framework.initiatives}
    return not raised_thresholds(catalogue[item.id]) and item.severity == "high"


@pytest.mark.parametrize("client", BUNDLED)
def test_every_priority_contains_an_exposure_or_serves_an_open_requirement_soon_first(
    client: str,
) -> None:
    c = case(client)
    chosen = chosen_items(c)
    assert len(chosen) == min(3, len(c.wave))
    assert all(i.id in serving(c) or contains(c, i) for i in chosen), [i.title for i in chosen]
    # Work that starts late is a priority only once the work serving the next stage that
    # starts sooner is chosen (Helios's third priority once started 13 months out).
    early = {i.id for i in c.wave if i.id in serving(c) and i.start_month <= SOON_MONTHS}
    if any(i.start_month > SOON_MONTHS for i in chosen):
        assert early <= {i.id for i in chosen}, client


@pytest.mark.parametrize("client", BUNDLED)
def test_no_two_priorities_give_the_same_reason(client: str) -> None:
    c = case(client)
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    assert len({p.why for p in found}) == len(found), [p.why for p in found]
    # Nor the same requirement, step and practice behind it.
    keys = [(ch.blocker.text, ch.path, ch.lifts) for ch in choices(c) if ch.blocker is not None]
    assert len(set(keys)) == len(keys), keys


def test_meridian_contains_its_live_data_exposure_first() -> None:
    # A live generative AI exposure (a high-severity finding) is contained in the plan's first
    # weeks (a quick win leads the work pulled forward); the priorities used to start with the
    # seven-month governance work and leave it out.
    c = case("meridian-telecom")
    first = choices(c)[0]
    assert first.contains and first.item.id == "genai-exposure-containment"
    (found, *_) = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    assert found.why == (
        "An unguarded or untested application in production can be steered by a crafted prompt "
        "into leaking personal or confidential data. The work contains it by Feb 2027; priority 3 is "
        "the lasting fix, done by Oct 2027."
    )
    # The lasting fix does not repeat the finding: it says what it closes.
    assert priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)[2].why == (
        "Enterprise scale expects generative AI guardrails above Repeatable."
    )
    # Acme's exposure is high severity too: its containment leads.
    acme = case("acme-retail")
    assert [ch.item.id for ch in choices(acme) if ch.contains] == ["genai-exposure-containment"]
    # Containment that answers only medium findings does not jump the queue (Acme's, with the
    # severity its findings had before a live exposure was high).
    medium = tuple(
        i._replace(severity="medium") if i.id == "genai-exposure-containment" else i
        for i in acme.wave
    )
    blockers = stage_blockers(acme.framework, acme.scorecard, acme.plan)
    found = choose(medium, blockers, acme.grouped, acme.framework, acme.scorecard)
    assert not any(ch.contains for ch in found)
    assert "genai-exposure-containment" not in [ch.item.id for ch in found]


def test_acme_priorities_close_open_requirements_not_practices_already_in_place() -> None:
    c = case("acme-retail")
    chosen = choices(c)
    # Accountability and model serving are at Repeatable, the level department scale asks of
    # its dimensions: lifting them is never the reason (they were priorities 2 and 3). The
    # containment of the live generative AI exposure leads; the two requirements after it are
    # open ones (the ethics committee, for risk review, was third before the containment).
    for ch in chosen:
        if ch.lifts is not None:
            assert (c.scorecard.facts[ch.lifts] or 0) < 2, ch
    assert "model-accountability" not in [ch.item.id for ch in chosen]
    served = {ch.blocker.text for ch in chosen if ch.blocker is not None}
    assert {
        "infrastructure and MLOps at Repeatable overall",
        "value and measurement at Repeatable overall",
    } == served
    assert chosen[0].contains and chosen[0].item.id == "genai-exposure-containment"
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    # A dimension's level names the practice the work lifts.
    assert "The work lifts drift detection from Ad hoc to Defined." in found[1].why
    # With the drift work out of the wave and the monitoring it answers starting late, the
    # serving work is a prerequisite on the path to monitoring: its reason says the business
    # problem of the work it leads to, then names that work.
    late = tuple(
        i._replace(start_month=SOON_MONTHS + 1) if i.id == "production-monitoring" else i
        for i in c.wave
        if i.id != "drift-monitoring"
    )
    found = priorities(late, c.grouped, c.plan, c.framework, c.scorecard)
    serving_apis = next(p for p in found if p.title.startswith("Serve production models"))
    assert serving_apis.why == (
        "Without alerts to a rota, a failing model goes unnoticed. Department scale needs "
        "operational monitoring at Defined (today Repeatable): “Monitor production models and "
        "alert the owning team” brings it, building on this work."
    )
    assert "The work lifts pre-ML baselines from Ad hoc to Defined." in found[1].why


def test_northwind_priorities_are_the_path_to_monitoring_not_the_disputed_answer() -> None:
    c = case("northwind-bank")
    found = priorities(c.wave, c.grouped, c.plan, c.framework, c.scorecard)
    # Data quality holds only on a disputed answer: evidence settles it, so its work is no
    # priority (it was priority 2 with "today's answer disputed" as its only reason).
    assert all("disputed" not in p.why for p in found)
    assert "Automate quality checks on the data feeding production models" not in [
        p.title for p in found
    ]
    # The live generative AI exposure is contained first. Monitoring is the open requirement:
    # the registry and the serving that builds on it; each says what it unblocks (the late
    # monitoring work itself was priority 3 before the containment took the lead).
    assert [p.title for p in found] == [
        "Contain live generative AI data exposures",
        "Register model versions, artifacts and approvals",
        "Serve production models through stable, versioned APIs",
    ]
    # The business problem at the end of the path is said once, by the first step on it, as no
    # priority closes it. What the stage needs comes first, then the work that brings it, so
    # nothing is left for a "which" to point at; the need is said once, the later step names
    # only its builder.
    assert found[1].why == (
        "Without alerts to a rota, a failing model goes unnoticed. Department scale needs "
        "operational monitoring at Defined (today Repeatable): “Monitor production models and "
        "alert the owning team” brings it, building on this work "
        "through priority 3."
    )
    assert found[2].why == (
        "“Monitor production models and alert the owning team” builds on it for operational "
        "monitoring at Defined."
    )


def test_the_overall_minimum_is_served_by_the_dimensions_that_hold_it() -> None:
    c = case("lumen-insurance")
    assert all(i.dimension in ("model", "infrastructure") for i in chosen_items(c))


def test_at_the_last_stage_the_practices_below_its_standard_hold_it_back() -> None:
    c = case("meridian-telecom")
    chosen = chosen_items(c)
    # Releases gated on a risk approval (Aug 2027) served no practice below the standard.
    assert "release-approval-gate" not in [i.id for i in chosen]


def test_with_nothing_that_serves_the_next_stage_the_earliest_then_most_severe_work_leads() -> None:
    c = case("acme-retail")
    rank = {"high": 0, "medium": 1, "low": 2}
    chosen = choose(c.wave, (), c.grouped, c.framework, c.scorecard)
    first = sorted(c.wave, key=lambda i: (i.start_month, rank.get(i.severity or "", 3)))
    assert [ch.item.start_month for ch in chosen] == [i.start_month for i in first[:3]]
    assert all(ch.blocker is None for ch in chosen)


def test_late_work_comes_after_the_work_on_its_path_that_starts_sooner() -> None:
    c = case("northwind-bank")
    blockers = stage_blockers(c.framework, c.scorecard, c.plan)
    monitoring = tuple(b for b in blockers if b.text == "operational monitoring at Defined")
    # The containment of the live generative AI exposure leads whatever the requirements: out
    # of the wave here, so the path to monitoring is all there is to choose from.
    uncontained = tuple(i for i in c.wave if i.id != "genai-exposure-containment")
    # Monitoring alone, and the registry and serving it builds on taken out of the wave: only
    # the late monitoring work serves it, so it is the first priority.
    wave = tuple(i for i in uncontained if i.id not in ("model-registry", "api-model-serving"))
    chosen = choose(wave, monitoring, c.grouped, c.framework, c.scorecard)
    assert chosen[0].item.id == "production-monitoring"
    assert chosen[0].item.start_month > SOON_MONTHS
    # With them in the wave, the registry is the step on the path that starts now, then the
    # serving, and the late monitoring work itself comes last.
    chosen = choose(uncontained, monitoring, c.grouped, c.framework, c.scorecard)
    assert [ch.item.id for ch in chosen] == [
        "model-registry",
        "api-model-serving",
        "production-monitoring",
    ]
    assert chosen[0].path_to is not None and chosen[0].path_to.id == "production-monitoring"
    assert chosen[2].path == ()
