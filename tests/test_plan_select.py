"""Selection's per-framework tables: the gate terms with the initiatives that may make each
hold, and the order in which cheaper work is preferred."""

from __future__ import annotations

from planning_helpers import LOW, make_assessment
from readiness.model import Framework
from readiness.plan.select import gate_terms, raisers
from readiness.plan.sizing import size_work


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


def test_cheaper_work_first_by_scaled_fte_months_then_id(planner2: Framework) -> None:
    for size in (200, 4000, 50000):
        sizing = size_work(planner2, make_assessment(planner2, LOW, {"size": size}))
        expected = sorted(
            planner2.initiatives, key=lambda i: (sizing.effort(i) * sizing.duration(i), i.id)
        )
        rank = sizing.scaled.rank
        assert sorted(rank, key=rank.__getitem__) == [i.id for i in expected]
