"""Selection's per-framework tables: the gate terms with the initiatives that may make each
hold, the order in which cheaper work is preferred, and the rules rising answers never make
fire."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from planning_helpers import LOW, make_assessment
from readiness.load import load_framework
from readiness.model import Framework
from readiness.plan.select import falling_rules, gate_terms, raisers
from readiness.plan.simulate import Simulator
from readiness.plan.sizing import size_work
from readiness.rules import evaluate_rules
from readiness.score import score_assessment


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


SHIPPED = load_framework(Path(__file__).resolve().parent.parent / "questionnaires" / "ml-scaling")


def test_a_rule_that_only_falls_stays_false_on_every_simulation() -> None:
    """What lets the look ahead leave such rules undecided: planned work only raises answers,
    so a rule false today that rising answers never make fire is false on every set of work."""
    framework = SHIPPED
    falling = falling_rules(framework)
    assert len(falling) > 20  # the shipped rules `question < level` and the like
    rng = random.Random(20261130)
    questions = list(framework.questions())
    initiatives = list(framework.initiatives)
    checked = 0
    for _ in range(12):
        answers: dict[str, Any] = {}
        for key in questions:
            roll = rng.random()
            if roll < 0.2:
                continue  # unanswered: work may give it a value
            answers[key] = "n/a" if roll < 0.25 else rng.randrange(5)
        assessment = make_assessment(framework, answers, {"size": 800})
        card = score_assessment(assessment, framework)
        results = evaluate_rules(framework, card)
        undecided = {u.rule for u in results.undetermined}
        false_today = falling - {f.rule for f in results.findings} - undecided
        simulator = Simulator(framework, assessment, card)
        for _ in range(6):
            work = rng.sample(initiatives, rng.randrange(len(initiatives) + 1))
            facts = simulator.done(work)
            fired = {f.rule for f in evaluate_rules(framework, card._replace(facts=facts)).findings}
            assert not fired & false_today
            checked += len(false_today)
    assert checked > 1000
