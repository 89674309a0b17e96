"""The planner's per-framework tables (`plan.raising`): the gate terms with the initiatives that
may make each hold, the raisers of each question cheapest first, the order with every
initiative before its prerequisites, and the order in which cheaper work is preferred."""

from __future__ import annotations

from pathlib import Path

from planning_helpers import LOW, make_assessment
from readiness.load import Shelf
from readiness.model import Framework
from readiness.pipeline import locate_framework
from readiness.plan.raising import (
    gate_terms,
    needers_first,
    prerequisites,
    raised_dimensions,
    raised_levels,
    raisers,
    ranked_raisers,
)
from readiness.plan.sizing import scaled_bands, size_work

ROOT = Path(__file__).resolve().parent.parent


def test_gate_terms_pool_the_initiatives_raising_what_each_term_reads(
    planner2: Framework,
) -> None:
    terms = gate_terms(planner2)
    stages = planner2.manifest.stages
    assert len(terms) == len(stages) and terms[0] == ()
    department = terms[1]
    assert [t.text for t in department] == ["data.level >= 2", "ops.level >= 2"]
    by_dimension: dict[str, set[str]] = {}
    for question, pairs in raisers(planner2).items():
        by_dimension.setdefault(question.partition(".")[0], set()).update(i for i, _ in pairs)
    for stage_terms in terms[1:]:
        for term in stage_terms:
            dimension = term.text.partition(".")[0]
            assert term.pool == by_dimension[dimension]
            assert term.condition.text == term.text


def test_a_question_term_pools_only_the_raisers_of_its_question(shelf: Shelf) -> None:
    # Work on another question of the dimension cannot make the term hold: it is not pooled.
    framework = locate_framework("ml-scaling", frameworks=(ROOT / "questionnaires",), shelf=shelf)
    index = raisers(framework)
    checked = 0
    for stage_terms in gate_terms(framework):
        for term in stage_terms:
            (name,) = term.condition.reads
            if name.endswith((".level", ".score", ".percent")):
                continue
            assert term.pool == {i for i, _ in index.get(name, ())}, term.text
            checked += 1
    assert checked > 20
    monitoring = next(
        t for ts in gate_terms(framework) for t in ts if t.text == "infrastructure.monitoring >= 3"
    )
    others = {i for q, pairs in index.items() if q.startswith("infrastructure.") for i, _ in pairs}
    assert monitoring.pool and monitoring.pool < others


def test_cheaper_work_first_by_scaled_fte_months_then_id(planner2: Framework) -> None:
    for size in (200, 4000, 50000):
        sizing = size_work(planner2, make_assessment(planner2, LOW, {"size": size}))
        expected = sorted(
            planner2.initiatives, key=lambda i: (sizing.effort(i) * sizing.duration(i), i.id)
        )
        rank = sizing.scaled.rank
        assert sorted(rank, key=rank.__getitem__) == [i.id for i in expected]


def test_a_question_s_raisers_are_ranked_cheapest_first_for_each_size_band(
    planner2: Framework,
) -> None:
    for scaled in scaled_bands(planner2).values():
        ranked = ranked_raisers(planner2)[scaled.band]
        for question, pairs in raisers(planner2).items():
            assert sorted(ranked[question]) == sorted(pairs)
            places = [scaled.rank[initiative] for initiative, _ in ranked[question]]
            assert places == sorted(places)


def test_every_initiative_comes_before_its_prerequisites(shelf: Shelf) -> None:
    ml_scaling = locate_framework("ml-scaling", frameworks=(ROOT / "questionnaires",), shelf=shelf)
    order = needers_first(ml_scaling)
    assert sorted(order) == sorted(i.id for i in ml_scaling.initiatives)
    place = {initiative: n for n, initiative in enumerate(order)}
    required = prerequisites(ml_scaling)
    assert any(required.values())
    for initiative, needs in required.items():
        assert all(place[initiative] < place[need] for need in needs)


def test_an_initiative_changes_the_facts_of_the_dimensions_it_raises(
    planner2: Framework,
) -> None:
    touched = raised_dimensions(planner2)
    assert touched["quality-checks"] == {"data"} and touched["platform"] == {"ops"}
    for initiative_id, levels in raised_levels(planner2).items():
        assert touched[initiative_id] == {question.partition(".")[0] for question in levels}
