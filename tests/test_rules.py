"""Rule evaluation: the YAML rule cases in tests/rule_cases, then sorting, traces and
undetermined rules on the small `planner` framework, and the rules rising answers never make
fire on the shipped one."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from planning_helpers import make_assessment
from readiness.index import framework_index
from readiness.load import load_framework
from readiness.model import Framework
from readiness.plan.simulate import Simulator
from readiness.rules import (
    RuleResults,
    _false_by_shared_terms,
    evaluate_rules,
    falling_rules,
    findings_on,
    format_readings,
    format_value,
)
from readiness.score import score_assessment

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
CASE_FILES = sorted((TESTS / "rule_cases").glob("*.yaml"))


def _cases() -> list[Any]:
    params = []
    for path in CASE_FILES:
        suite = yaml.safe_load(path.read_text("utf-8"))
        for case in suite["cases"]:
            params.append(pytest.param(suite, case, id=f"{path.stem}:{case['id']}"))
    return params


_FRAMEWORKS: dict[str, Framework] = {}


def framework_named(name: str) -> Framework:
    if name not in _FRAMEWORKS:
        _FRAMEWORKS[name] = load_framework(FIXTURES / name)
    return _FRAMEWORKS[name]


def run_case(suite: dict[str, Any], case: dict[str, Any]) -> RuleResults:
    framework = framework_named(suite["framework"])
    answers = {**suite.get("answers", {}), **case.get("answers", {})}
    organization = {**suite.get("organization", {}), **case.get("organization", {})}
    assessment = make_assessment(framework, answers, organization)
    return evaluate_rules(framework, score_assessment(assessment, framework))


@pytest.mark.parametrize(("suite", "case"), _cases())
def test_rule_case(suite: dict[str, Any], case: dict[str, Any]) -> None:
    results = run_case(suite, case)
    assert [f.rule for f in results.findings] == case["fired"]
    assert {u.rule: list(u.missing) for u in results.undetermined} == case.get("undetermined", {})
    by_rule = {f.rule: f for f in results.findings}
    for rule_id, trace in case.get("reads", {}).items():
        assert format_readings(by_rule[rule_id].reads) == trace


def test_there_are_rule_cases() -> None:
    assert len(_cases()) >= 10


def test_finding_carries_the_rule_and_its_origin() -> None:
    framework = framework_named("planner")
    assessment = make_assessment(framework, {"data.inventory": 1, "data.quality": 4})
    finding = evaluate_rules(framework, score_assessment(assessment, framework)).findings[0]
    assert finding.rule == "data-gaps"
    assert finding.title == "Data sources are unknown or unchecked"
    assert finding.severity == "high"
    assert finding.dimension == "data"
    assert finding.text == "Models are built on data nobody can list or trust."
    assert finding.condition == "data.inventory < 2 or data.quality < 2"
    assert finding.recommend == ("inventory",)
    assert finding.origin == "rules.yaml:2"


def test_dimension_defaults_to_the_first_dimension_read() -> None:
    framework = framework_named("planner")
    assert {r.id: r.dimension for r in framework.rules}["skills-gap"] is None
    assessment = make_assessment(framework, {"people.owner": 4, "people.skills": 1})
    results = evaluate_rules(framework, score_assessment(assessment, framework))
    assert {f.rule: f.dimension for f in results.findings}["skills-gap"] == "people"


def test_rule_order_in_the_file_does_not_change_the_results() -> None:
    framework = framework_named("planner")
    shuffled = framework.model_copy(update={"rules": tuple(reversed(framework.rules))})
    answers = {"data.inventory": 0, "ops.deploy": 0, "people.owner": 0, "data.lineage": 1}
    assessment = make_assessment(framework, answers)
    card = score_assessment(assessment, framework)
    assert evaluate_rules(shuffled, card) == evaluate_rules(framework, card)


def test_only_the_rules_asked_for_are_evaluated() -> None:
    framework = framework_named("planner")
    answers = {"data.inventory": 0, "ops.deploy": 0, "people.owner": 0, "data.lineage": 1}
    card = score_assessment(make_assessment(framework, answers), framework)
    every = evaluate_rules(framework, card)
    fired = [f.rule for f in every.findings]
    assert len(fired) >= 2
    some = evaluate_rules(framework, card, only=reversed(fired[1:]))
    assert some.findings == every.findings[1:]
    assert evaluate_rules(framework, card, only=[]) == ((), ())


def test_findings_on_facts_are_the_findings_of_evaluate_rules() -> None:
    """The look ahead's question: the same findings in the same order, undecided rules left
    out (they neither fire nor say here which answers would decide them)."""
    framework = framework_named("planner")
    answers = {"data.inventory": 0, "ops.deploy": 0, "people.owner": 0}  # data.lineage open
    card = score_assessment(make_assessment(framework, answers), framework)
    every = evaluate_rules(framework, card)
    assert every.findings and every.undetermined
    rule_ids = [r.id for r in reversed(framework.rules)]
    assert findings_on(framework, card.facts, rule_ids) == every.findings
    some = [f.rule for f in every.findings][::2]
    assert findings_on(framework, card.facts, some) == every.findings[::2]
    undecided = [u.rule for u in every.undetermined]
    assert findings_on(framework, card.facts, undecided) == ()


def test_format_value() -> None:
    assert format_value(None) == "unanswered"
    assert format_value(2.0) == "2"
    assert format_value(2.5) == "2.5"
    assert format_value(2.6667) == "2.67"
    assert format_value("pilot") == '"pilot"'


SHIPPED = load_framework(TESTS.parent / "questionnaires" / "ml-scaling")


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


def test_a_rule_left_out_by_a_false_shared_term_is_false() -> None:
    """Rules sharing a term (`stage != "pilot"`) are left out where that term is false: on
    random facts (some missing) each of them evaluates false on its own, and what evaluating
    every rule finds is what the rules give one by one."""
    framework = SHIPPED
    index = framework_index(framework)
    space = index.space
    rng = random.Random("shared terms")
    left_out = 0
    for _ in range(300):
        facts: dict[str, Any] = {}
        for name, kind in space.kinds.items():
            if rng.random() < 0.1:
                facts[name] = None
            elif kind == "text":
                facts[name] = rng.choice(["pilot", "department", "enterprise", "Banking", "Retail"])
            else:
                facts[name] = float(rng.choice(space.candidates[name]))
        false = _false_by_shared_terms(framework, facts)
        assert all(index.rules[rule_id].evaluate(facts) is False for rule_id in false)
        left_out += len(false)
        fired = [r for r, c in index.rules.items() if c.evaluate(facts) is True]
        found = findings_on(framework, facts, list(index.rules))
        assert sorted(f.rule for f in found) == sorted(fired)
    assert left_out > 300 * 20  # the shipped `stage` terms are shared by many rules
