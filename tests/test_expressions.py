"""Conditions: the plain parser and the fast evaluators answer exactly as rule-engine does.

Rule-engine is the reference for what a condition means and words every compile error, but
building its parser costs about 0.3 s a process and its evaluation about 15 µs a symbol. Plain
conditions are parsed without it, and every condition evaluates through plain-Python closures.
These tests hold both to rule-engine's answers: on every condition of the shipped frameworks, on
hand-written ones using every operator, and on randomly generated ones, with random facts.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from readiness.expressions import (
    UNKNOWN,
    Condition,
    ConditionError,
    FactSpace,
    _compile_with_rule_engine,
    _parse_plain,
    _rule_engine_context,
    _translate,
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


def _reference(text: str, space: FactSpace) -> Condition:
    """The condition as rule-engine compiles it."""
    translated, reads = _translate(text, space.kinds)
    return _compile_with_rule_engine(
        text, translated, reads, space, _rule_engine_context(space.kinds)
    )


def _slow(condition: Condition, values: Mapping[str, Any]) -> bool:
    reference = (
        condition if condition._rule is not None else _reference(condition.text, condition.space)
    )
    symbols = {name.replace(".", "__"): value for name, value in values.items()}
    return bool(reference._rule.matches(symbols))


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
        engine = _reference(condition.text, space)
        assert engine._fast is not None, condition.text
        for _ in range(40):
            facts = _random_facts(space, rng)
            known = {name: facts[name] for name in condition.reads}
            assert condition._fast(known) is not UNKNOWN
            assert bool(condition._fast(known)) == _slow(condition, known), (condition.text, known)
            assert bool(engine._fast(known)) == _slow(engine, known), (condition.text, known)


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


def test_many_missing_facts_are_decided_when_the_known_ones_settle_it(mini: Framework) -> None:
    """Beyond three missing facts (or a missing text) no values are tried, but what the known
    facts settle in three-valued logic is still an answer, and always the right one."""
    space = fact_space_for(mini)
    five = (
        "alpha.one >= 2 and alpha.two >= 2 and alpha.three >= 2 and beta.one >= 2 and beta.two >= 2"
    )
    condition = compile_condition(five, space)
    missing = dict.fromkeys(["alpha.two", "alpha.three", "beta.one", "beta.two"])
    assert condition.evaluate({"alpha.one": 1.0, **missing}) is False
    assert condition.evaluate({"alpha.one": 3.0, **missing}) is None
    text = compile_condition('organization.industry == "Retail" and alpha.one >= 2', space)
    assert text.evaluate({"organization.industry": None, "alpha.one": 1.0}) is False
    assert text.evaluate({"organization.industry": None, "alpha.one": 3.0}) is None
    rng = random.Random("many missing")
    for _ in range(40):
        facts: dict[str, Any] = {
            name: rng.choice([None, 0.0, 1.0, 2.0, 3.0]) for name in five.split() if "." in name
        }
        decided = condition.evaluate(facts)
        if decided is not None:
            absent = [n for n in condition.reads if facts[n] is None]
            for combo in itertools.product(*(space.candidates[n] for n in absent)):
                trial = {**facts, **dict(zip(absent, combo, strict=True))}
                assert _slow(condition, trial) is decided, (facts, trial)


def test_arithmetic_is_left_to_rule_engine(mini: Framework) -> None:
    condition = compile_condition("alpha.score + 1 > beta.score", fact_space_for(mini))
    assert condition._fast is None and condition._rule is not None
    assert condition.evaluate({"alpha.score": 1.0, "beta.score": 1.5}) is True


def test_integer_facts_equal_their_float_literals(mini: Framework) -> None:
    condition = compile_condition("organization.size == 250", fact_space_for(mini))
    assert condition.evaluate({"organization.size": 250}) is True
    assert condition.evaluate({"organization.size": 250.0}) is True


@pytest.mark.parametrize("folder", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_conditions_need_no_rule_engine(folder: Path) -> None:
    framework = load_framework(folder)
    space = fact_space_for(framework)
    for text in _conditions(framework):
        assert _parse_plain(text, space.kinds) is not None, text


def test_planning_does_not_import_rule_engine() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from readiness.pipeline import plan; "
        f"plan(Path({str(ROOT / 'examples/acme-retail/2026-Q4.yaml')!r})); "
        "print('rule_engine' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def _random_condition(rng: random.Random, names: list[str], depth: int = 0) -> str:
    """A random condition, often outside the plain subset or wrong on purpose."""
    roll = rng.random()
    if depth < 3 and roll < 0.3:
        joiner = rng.choice([" and ", " or ", " and not ", " AND ", " or (", " ^ "])
        left = _random_condition(rng, names, depth + 1)
        right = _random_condition(rng, names, depth + 1)
        text = f"{left}{joiner}{right}" + (")" if joiner.endswith("(") else "")
        return f"({text})" if rng.random() < 0.3 else text
    if depth < 3 and roll < 0.38:
        return "not " + _random_condition(rng, names, depth + 1)
    operand = rng.choice(
        [*names, *names, "2", "1.5", "0", '"Retail"', "'pilot'", "true", "-1", "2.", "1e1"]
    )
    other = rng.choice([*names, "2", "3.5", '"Retail"', "[1, 2]", '["Retail", "x"]', "null"])
    operator_ = rng.choice(["<", "<=", ">", ">=", "==", "!=", " in ", "=", "<>", " < 2 < "])
    if rng.random() < 0.1:
        return operand
    return f"{operand} {operator_} {other}"


def test_random_conditions_agree_with_rule_engine(mini: Framework) -> None:
    space = fact_space_for(mini)
    names = sorted(space.kinds)
    rng = random.Random(20261120)
    plain = refused = 0
    for _ in range(400):
        text = _random_condition(rng, names)
        accepted = _parse_plain(text, space.kinds) is not None
        try:
            reference = _reference(text, space)
        except ConditionError:
            assert not accepted, f"plain parser accepted what rule-engine refuses: {text}"
            refused += 1
            continue
        if not accepted:
            continue
        plain += 1
        condition = compile_condition(text, space)
        for _ in range(10):
            facts = _random_facts(space, rng)
            known = {name: facts[name] for name in reference.reads}
            assert condition._matches(known) == _slow(reference, known), (text, known)
    assert plain > 50 and refused > 50
