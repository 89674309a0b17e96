"""Conditions: the fast evaluator built from rule-engine's syntax tree answers as rule-engine does.

Rule-engine compiles and type-checks every condition; evaluation then runs through plain-Python
closures (rule-engine's own evaluation costs about 15 µs a symbol, and the planner evaluates gates
thousands of times). These tests hold the two to the same answers, on every condition of the
shipped frameworks and on hand-written ones that use every operator, with random facts.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from readiness.expressions import (
    UNKNOWN,
    Condition,
    FactSpace,
    compile_condition,
    fact_space_for,
)
from readiness.load import load_framework
from readiness.model import Framework

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p.parent for p in (ROOT / "questionnaires").glob("*/framework.yaml"))

HAND_WRITTEN = (
    "not (alpha.one < 2) and alpha.two >= 1",
    "alpha.one == 2 or alpha.two != 3",
    "alpha.one in [1, 2, 3.5] or not alpha.two in [0, 4]",
    'organization.industry == "Retail" and organization.size > 1000',
    'organization.industry != "Retail" or alpha.level <= 2',
    '"tail" in organization.industry',
    'organization.industry in ["Retail", "Banking"]',
    "alpha.score + 1 > beta.score",
    "alpha.percent - beta.percent >= 10 or overall.level < 2",
    "(alpha.one < 2 or beta.one < 2) and (alpha.two >= 3 or not beta.two < 1)",
    'stage == "pilot" and alpha.coverage >= 0.5',
    "alpha.one < 2 and alpha.two < 2 and alpha.three < 2 and beta.one < 2 and beta.two < 2",
    "true and alpha.one >= 0",
)


def _slow(condition: Condition, values: Mapping[str, Any]) -> bool:
    symbols = {name.replace(".", "__"): value for name, value in values.items()}
    return bool(condition._rule.matches(symbols))


def _random_facts(space: FactSpace, rng: random.Random) -> dict[str, Any]:
    facts: dict[str, Any] = {}
    for name, kind in space.kinds.items():
        if kind == "text":
            facts[name] = rng.choice(("Retail", "Banking", "Re", "pilot", "department", ""))
        else:
            candidates = space.candidates.get(name) or (0.0, 1.0, 2.0)
            facts[name] = float(rng.choice(candidates))
    return facts


def _conditions(framework: Framework) -> list[str]:
    texts = [s.gate for s in framework.manifest.stages if s.gate]
    texts += [r.when for r in framework.rules]
    texts += [i.done_when for i in framework.initiatives if i.done_when]
    return texts


@pytest.mark.parametrize("folder", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_conditions_answer_as_rule_engine_does(folder: Path) -> None:
    framework = load_framework(folder)
    space = fact_space_for(framework)
    rng = random.Random(folder.name)
    conditions = [compile_condition(text, space) for text in _conditions(framework)]
    assert conditions
    for condition in conditions:
        assert condition._fast is not None, condition.text
        for _ in range(40):
            facts = _random_facts(space, rng)
            known = {name: facts[name] for name in condition.reads}
            assert condition._fast(known) is not UNKNOWN
            assert bool(condition._fast(known)) == _slow(condition, known), (condition.text, known)


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_written_conditions_answer_as_rule_engine_does(text: str, mini: Framework) -> None:
    space = fact_space_for(mini)
    condition = compile_condition(text, space)
    rng = random.Random(text)
    for _ in range(200):
        facts = _random_facts(space, rng)
        known = {name: facts[name] for name in condition.reads}
        assert condition._matches(known) == _slow(condition, known), (text, known)


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_missing_facts_decided_as_by_trying_every_value(text: str, mini: Framework) -> None:
    """Three-valued logic only ever short-cuts the enumeration of candidate values."""
    space = fact_space_for(mini)
    condition = compile_condition(text, space)
    rng = random.Random(f"missing:{text}")
    numeric = [n for n in condition.reads if space.kinds[n] == "number"]
    for _ in range(60):
        facts: dict[str, Any] = _random_facts(space, rng)
        for name in rng.sample(numeric, min(len(numeric), rng.randrange(1, 4))):
            facts[name] = None
        expected = _enumerated(condition, facts, space)
        assert condition.evaluate(facts) == expected, (text, facts)


def _enumerated(condition: Condition, facts: Mapping[str, Any], space: FactSpace) -> bool | None:
    import itertools

    missing = [n for n in condition.reads if facts.get(n) is None]
    known = {n: facts[n] for n in condition.reads if facts.get(n) is not None}
    if not missing:
        return _slow(condition, known)
    if any(space.kinds[n] == "text" for n in missing) or len(missing) > 3:
        return None
    outcomes = set()
    for combo in itertools.product(*(space.candidates[n] for n in missing)):
        outcomes.add(_slow(condition, {**known, **dict(zip(missing, combo, strict=True))}))
    return outcomes.pop() if len(outcomes) == 1 else None


def test_arithmetic_is_left_to_rule_engine(mini: Framework) -> None:
    condition = compile_condition("alpha.score + 1 > beta.score", fact_space_for(mini))
    assert condition._fast is None
    assert condition.evaluate({"alpha.score": 1.0, "beta.score": 1.5}) is True


def test_integer_facts_equal_their_float_literals(mini: Framework) -> None:
    condition = compile_condition("organization.size == 250", fact_space_for(mini))
    assert condition.evaluate({"organization.size": 250}) is True
    assert condition.evaluate({"organization.size": 250.0}) is True
