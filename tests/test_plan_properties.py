"""Properties of the planner on generated frameworks and assessments (hand-written hypothesis
strategies): dependencies, FTE capacity, owner limits, waves, horizon, nothing recommended
lost, what it takes never dearer or later than the plan's own way to the same goal, and the same plan whatever the order of rules,
initiatives and YAML keys."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness.condition_terms import check_gate
from readiness.index import fact_space_for
from readiness.load import load_framework
from readiness.model import Assessment, Catalogue, Dimension, Framework, Manifest, RuleSet
from readiness.plan.calendar import first_month
from readiness.plan.raising import raised_levels
from readiness.plan.records import Plan
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.simulate import simulate_done
from readiness.plan.sizing import size_work
from readiness.plan.what_it_takes import find_routes
from readiness.rules import RuleResults, evaluate_rules
from readiness.score import assessed_facts, score_assessment, unassessed_dimensions

LABELS = {0: "Absent", 1: "Ad hoc", 2: "Repeatable", 3: "Defined", 4: "Optimized"}
STATUSES = ("planned", "in_progress", "done", "dropped")
SEVERITIES = ("high", "medium", "low")


@st.composite
def framework_data(draw: st.DrawFn) -> dict[str, Any]:
    """The YAML documents of a small random framework, as plain data by file name."""
    dimension_count = draw(st.integers(1, 3))
    questions = {
        f"d{d}": [f"q{q}" for q in range(draw(st.integers(1, 3)))] for d in range(dimension_count)
    }
    keys = [f"{d}.{q}" for d, qs in questions.items() for q in qs]
    dims = list(questions)
    stage_count = draw(st.integers(1, 3))
    stages: list[dict[str, Any]] = [{"id": "s0", "title": "Stage 0"}]
    for index in range(1, stage_count):
        terms = draw(
            st.lists(
                st.tuples(st.sampled_from([f"{d}.level" for d in dims] + keys), st.integers(1, 4)),
                min_size=1,
                max_size=3,
                unique_by=lambda t: t[0],
            )
        )
        gate = " and ".join(f"{name} >= {value}" for name, value in terms)
        stages.append({"id": f"s{index}", "title": f"Stage {index}", "gate": gate})
    min_months = draw(st.integers(1, 12))
    manifest = {
        "id": "generated",
        "version": "1.0.0",
        "title": "Generated",
        "scale": {"min": 0, "max": 4, "labels": LABELS},
        "dimensions": dims,
        "horizon": {"min_months": min_months, "max_months": min_months + draw(st.integers(0, 12))},
        "themes": {"t": {"title": "Theme", "dimension": dims[0]}},
        "team_fte": draw(st.sampled_from([2, 4, 8])),
        "mobilization_weeks": draw(st.sampled_from([0, 4])),
        "ramp_months": draw(st.integers(1, 3)),
        "stages": stages,
    }
    initiative_count = draw(st.integers(1, 8))
    stage_of = sorted(draw(st.integers(0, stage_count - 1)) for _ in range(initiative_count))
    initiatives = []
    for index, stage in enumerate(stage_of):
        earlier = [f"i{j}" for j in range(index)]
        depends = (
            draw(st.lists(st.sampled_from(earlier), unique=True, max_size=3)) if earlier else []
        )
        done_when = draw(
            st.one_of(
                st.none(),
                st.builds(lambda k, v: f"{k} >= {v}", st.sampled_from(keys), st.integers(1, 4)),
                st.builds(
                    lambda d, v: f"{d}.level >= {v}", st.sampled_from(dims), st.integers(1, 4)
                ),
                st.builds(
                    lambda a, b: f"{a} >= 3 or {b} >= 2",
                    st.sampled_from(keys),
                    st.sampled_from(keys),
                ),
            )
        )
        item: dict[str, Any] = {
            "id": f"i{index}",
            "title": f"Initiative {index}",
            "dimension": draw(st.sampled_from(dims)),
            "stage": f"s{stage}",
            "duration_months": draw(st.integers(1, 8)),
            "effort_fte": draw(st.sampled_from([0.5, 1, 2, 3, 5, 9])),
            "depends_on": depends,
            "owner": draw(st.sampled_from(["cdo", "lead", "Someone else"])),
            "quick_win": draw(st.booleans()),
            "description": "Work.",
        }
        if done_when:
            item["done_when"] = done_when
        initiatives.append(item)
    ids = [i["id"] for i in initiatives]
    rules = []
    for index in range(draw(st.integers(1, 6))):
        first, second = draw(st.sampled_from(keys)), draw(st.sampled_from(keys))
        when = draw(
            st.sampled_from(
                [
                    f"{first} < {draw(st.integers(1, 4))}",
                    f"{first} < 3 or {second} < 2",
                    f"{first.split('.')[0]}.score < 3",
                ]
            )
        )
        rules.append(
            {
                "id": f"r{index}",
                "title": f"Rule {index}",
                "when": when,
                "severity": draw(st.sampled_from(SEVERITIES)),
                "finding": "Something is wrong.",
                "recommend": draw(
                    st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True)
                ),
            }
        )
    documents: dict[str, Any] = {"framework.yaml": manifest}
    for d, qs in questions.items():
        documents[f"{d}.yaml"] = {
            "id": d,
            "title": d.upper(),
            "questions": [
                {
                    "id": q,
                    "text": f"{d} {q}?",
                    "critical": draw(st.booleans()),
                    "levels": {p: f"level {p}" for p in LABELS},
                    "evidence": "A document.",
                    "source": "t",
                }
                for q in qs
            ],
        }
    documents["rules.yaml"] = {"rules": rules}
    documents["initiatives.yaml"] = {"initiatives": initiatives}
    return documents


def build_framework(documents: dict[str, Any]) -> Framework:
    """The framework the documents describe, built in memory (no files)."""
    manifest = Manifest.model_validate(documents["framework.yaml"])
    return Framework(
        manifest=manifest,
        dimensions=tuple(
            Dimension.model_validate(documents[f"{d}.yaml"]) for d in manifest.dimensions
        ),
        rules=tuple(RuleSet.model_validate(documents["rules.yaml"]).rules),
        initiatives=tuple(Catalogue.model_validate(documents["initiatives.yaml"]).initiatives),
        folder="generated",
    )


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[Framework, Assessment, dict[str, Any]]:
    documents = draw(framework_data())
    framework = build_framework(documents)
    answers = {
        key: value
        for key in framework.questions()
        if (value := draw(st.sampled_from([None, 0, 0, 1, 1, 2, 2, 3, 4]))) is not None
    }
    statuses = draw(
        st.dictionaries(
            st.sampled_from([i.id for i in framework.initiatives]), st.sampled_from(STATUSES)
        )
    )
    data = {
        "framework": "generated@1.0.0",
        "organization": {"name": "Generated"},
        "period": "2026-Q4",
        "date": "2026-11-20",
        "assessor": "Hypothesis",
        "capacity": draw(st.one_of(st.none(), st.integers(1, 4))),
        "team": draw(
            st.one_of(st.none(), st.builds(lambda f: {"fte": f}, st.sampled_from([1, 3, 6])))
        ),
        "answers": answers,
        "initiatives": statuses,
    }
    return framework, Assessment.model_validate(data), documents


def run(
    framework: Framework, assessment: Assessment, *, what_it_takes: bool = False
) -> tuple[RuleResults, Plan]:
    card = score_assessment(assessment, framework)
    results = evaluate_rules(framework, card)
    return results, plan_roadmap(framework, assessment, card, results, what_it_takes=what_it_takes)


PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(scenarios())
def test_plan_invariants(scenario: tuple[Framework, Assessment, dict[str, Any]]) -> None:
    framework, assessment, _ = scenario
    results, plan = run(framework, assessment, what_it_takes=True)
    manifest = framework.manifest
    stages = [s.id for s in manifest.stages]
    planned = {i.id: i for i in plan.initiatives}

    # Dependencies end before their dependents start.
    for item in plan.initiatives:
        assert item.end_month - item.start_month == item.duration_months
        for dependency in item.depends_on:
            if dependency in planned and item.status != "in_progress":
                assert planned[dependency].end_month <= item.start_month

    # Never more FTE than the team has in that month as it ramps up, more initiatives than a
    # stated capacity, or more work at once than an owner may lead (one each: the generated
    # owners are not declared roles). Teams are whole or half people.
    assert len(plan.team_ramp) == min(manifest.ramp_months - 1, manifest.horizon.max_months)
    for month in range(plan.months):
        running = [i for i in plan.initiatives if i.start_month <= month < i.end_month]
        ramp = plan.team_ramp
        available = ramp[month] if month < len(ramp) else plan.team_fte
        assert sum(i.effort_fte for i in running) <= available + 1e-9
        assert all(i.effort_fte * 2 == int(i.effort_fte * 2) for i in running)
        if assessment.capacity is not None:
            assert len(running) <= assessment.capacity
        owners = [i.owner for i in running]
        assert len(owners) == len(set(owners))

    # Waves: an initiative is planned in its own stage's wave or a later one.
    for item in plan.initiatives:
        assert stages.index(item.stage) >= stages.index(framework.initiative(item.id).stage)

    # What it takes is never dearer than the plan's own route to the target.
    route = plan.what_it_takes.target if plan.what_it_takes else None
    assert route is not None
    if not plan.open_gaps and not plan.deferred and not route.uncoverable:
        assert route.fte_months <= plan.fte_months + 1e-6

    # Within the horizon, or deferred with a reason.
    assert plan.months <= manifest.horizon.max_months
    assert all(i.end_month <= manifest.horizon.max_months for i in plan.initiatives)
    assert all(d.reason for d in plan.deferred)
    if plan.initiatives and plan.months < manifest.horizon.min_months:
        assert any("less than the framework's" in w for w in plan.warnings)

    # Nothing recommended goes missing; prerequisites are planned, achieved or deferred.
    accounted = set(planned) | {d.id for d in plan.deferred} | {a.id for a in plan.achieved}
    for finding in results.findings:
        assert set(finding.recommend) <= accounted
    for item in plan.initiatives:
        assert item.why
        assert set(item.depends_on) <= accounted
    assert len(accounted) == len(planned) + len(plan.deferred) + len(plan.achieved)

    # Every planned initiative is asked for: by a rule, as a prerequisite, or in progress.
    for item in plan.initiatives:
        for reason in item.why:
            if reason.kind == "prerequisite":
                assert reason.prerequisite_of in accounted
            elif reason.kind == "rule" and reason.title.endswith("(once the planned work is done)"):
                assert reason.rule in {r.id for r in framework.rules}
            elif reason.kind == "rule":
                assert reason.rule in {f.rule for f in results.findings}
            elif reason.kind == "gap":
                assert reason.facts[0].name in {g.question for g in plan.target.gaps}
            elif reason.kind == "gate":
                assert reason.title.startswith("Gate of ")
            else:
                assert assessment.initiatives.get(item.id) == "in_progress"

    # Empty only at target, or when nothing can close the gaps.
    if not plan.initiatives and not plan.deferred:
        assert plan.target.at_target or plan.open_gaps or not plan.target.gaps

    # Ordered as documented.
    order = [(i.start_month, stages.index(i.stage), i.id) for i in plan.initiatives]
    assert order == sorted(order)


@PROPERTY
@given(scenarios())
def test_what_it_takes_is_never_later_or_dearer_than_the_plans_own_way(
    scenario: tuple[Framework, Assessment, dict[str, Any]],
) -> None:
    """Given the plan, a route makes its goal hold, and when the plan reaches the goal the
    route ends no later and costs no more than the plan's own work up to then."""
    framework, assessment, _ = scenario
    card = score_assessment(assessment, framework)
    plan = plan_roadmap(framework, assessment, card, evaluate_rules(framework, card))
    first = first_month(assessment.date, framework.manifest.mobilization_weeks)
    sizing = size_work(framework, assessment)
    routes = find_routes(framework, assessment, card, plan.target, sizing, first, plan=plan)
    stages = [s.id for s in framework.manifest.stages]
    by_id = {i.id: i for i in framework.initiatives}
    space = fact_space_for(framework, include_stage=False)
    unassessed = unassessed_dimensions(card.dimensions)
    ends = {i.id: i.end_month for i in plan.initiatives}

    def own_work(month: int) -> float:
        return sum(i.fte_months for i in plan.initiatives if i.end_month <= month)

    route = routes.next_stage
    position = stages.index(card.stage) + 1
    if route is not None and route.initiatives:
        facts = simulate_done(framework, assessment, [by_id[i] for i in route.initiatives], card)
        gate = framework.manifest.stages[position].gate or "true"
        decided = assessed_facts(framework, position, facts, unassessed)[0]
        holds = check_gate(gate, decided, space).holds
        milestone = next((m for m in plan.milestones if m.stage == card.stage), None)
        if milestone is not None and milestone.reachable:
            assert holds
            assert route.months <= milestone.month
            assert route.fte_months <= own_work(milestone.month) + 0.01 * len(route.initiatives)

    # The target: its stage reached and every answer it misses raised by placed work.
    route = routes.target
    reached: int | None = 0
    target_at = stages.index(plan.target.stage)
    if target_at > stages.index(card.stage):
        milestone = next(m for m in plan.milestones if m.stage == stages[target_at - 1])
        reached = milestone.month if milestone.reachable else None
    levels = raised_levels(framework)
    for question, level in route.answer_changes.items():
        raised = [ends[i] for i in ends if levels[i].get(question, -1.0) >= level - 1e-9]
        reached = None if reached is None or not raised else max(reached, min(raised))
    if reached is not None and not route.uncoverable:
        assert route.months <= reached
        assert route.fte_months <= own_work(reached) + 0.01 * len(route.initiatives)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.randoms(use_true_random=False))
def test_same_input_same_plan_whatever_the_order(
    scenario: tuple[Framework, Assessment, dict[str, Any]], rng: random.Random
) -> None:
    framework, assessment, _ = scenario
    results, plan = run(framework, assessment)
    assert run(framework, assessment) == (results, plan)
    rules, initiatives = list(framework.rules), list(framework.initiatives)
    rng.shuffle(rules)
    rng.shuffle(initiatives)
    shuffled = framework.model_copy(
        update={"rules": tuple(rules), "initiatives": tuple(initiatives)}
    )
    answers = list(assessment.answers.items())
    statuses = list(assessment.initiatives.items())
    rng.shuffle(answers)
    rng.shuffle(statuses)
    reordered = assessment.model_copy(
        update={"answers": dict(answers), "initiatives": dict(statuses)}
    )
    assert run(shuffled, reordered) == (results, plan)


def _shuffled(value: Any, rng: random.Random) -> Any:
    """The same data with every mapping's keys, and the rules and initiatives, reordered."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if (
        isinstance(value, list) and value and isinstance(value[0], dict) and "recommend" in value[0]
    ) or (isinstance(value, list) and value and isinstance(value[0], dict) and "owner" in value[0]):
        value = list(value)
        rng.shuffle(value)
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def _write(folder: Path, documents: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in documents.items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(scenarios(), st.randoms(use_true_random=False))
def test_yaml_key_order_does_not_change_the_plan(
    tmp_path_factory: Any,
    scenario: tuple[Framework, Assessment, dict[str, Any]],
    rng: random.Random,
) -> None:
    _, assessment, documents = scenario
    base = tmp_path_factory.mktemp("order")
    _write(base / "a" / "generated", documents)
    _write(base / "b" / "generated", _shuffled(documents, rng))
    first = load_framework(base / "a" / "generated")
    second = load_framework(base / "b" / "generated")
    results_a, plan_a = run(first, assessment)
    results_b, plan_b = run(second, assessment)
    assert plan_a == plan_b
    strip = [f._replace(origin="") for f in results_a.findings]
    assert strip == [f._replace(origin="") for f in results_b.findings]
    assert results_a.undetermined == results_b.undetermined
