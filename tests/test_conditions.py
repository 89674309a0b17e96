"""Conditions: the parser, the tree's questions, and answers equal to rule-engine's.

rule-engine (a test dependency only) is the reference for what a condition means: on every
condition of the shipped frameworks, on hand-written ones using every operator, and on randomly
generated ones, with random facts, the tree evaluates as rule-engine does; whatever rule-engine
refuses, the parser refuses too.
"""

from __future__ import annotations

import itertools
import random
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from readiness.condition_syntax import MAX_DEPTH, Compare, Fact, Logic, Value, parse_condition
from readiness.conditions import (
    Bound,
    Condition,
    ConditionError,
    FactSpace,
    Wording,
    bounds,
    compile_condition,
    reads,
    say,
    term_bound,
    terms,
    write,
)
from readiness.index import fact_space_for
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
    "alpha.score * 2 - 1.5 >= beta.score / 4",
    "-alpha.one < -1 or alpha.two == 2.5",
    "alpha.percent - beta.percent >= 10 or overall.level < 2",
    "(alpha.one < 2 or beta.one < 2) and (alpha.two >= 3 or not beta.two < 1)",
    'stage == "pilot" and alpha.coverage >= 0.5',
    "alpha.one < 2 and alpha.two < 2 and alpha.three < 2 and beta.one < 2 and beta.two < 2",
    "true and alpha.one >= 0",
)


def _rule(text: str, space: FactSpace) -> Any:
    """The condition as rule-engine compiles it (raises ConditionError when it refuses it)."""
    import rule_engine
    from rule_engine import types as rule_types

    types = {
        name.replace(".", "__"): rule_types.DataType.FLOAT
        if kind == "number"
        else rule_types.DataType.STRING
        for name, kind in space.kinds.items()
    }
    context = rule_engine.Context(type_resolver=rule_engine.type_resolver_from_dict(types))
    translated = " ".join(text.split()) if "'" not in text and '"' not in text else text
    for name in sorted(space.kinds, key=len, reverse=True):
        translated = translated.replace(name, name.replace(".", "__"))
    try:
        rule = rule_engine.Rule(translated, context=context)
    except rule_engine.errors.EngineError as error:
        raise ConditionError(str(error)) from None
    if rule.statement.expression.result_type != rule_types.DataType.BOOLEAN:
        raise ConditionError("not boolean")
    return rule


def _slow(text: str, space: FactSpace, values: Mapping[str, Any]) -> bool:
    symbols = {name.replace(".", "__"): value for name, value in values.items()}
    return bool(_rule(text, space).matches(symbols))


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
    texts = _conditions(framework)
    assert texts
    for text in texts:
        condition = compile_condition(text, space)
        gates = fact_space_for(framework, include_stage=False).conditions
        assert text in space.conditions or text in gates  # parsed when the framework loaded
        rule = _rule(text, space)
        for _ in range(40):
            facts = _random_facts(space, rng)
            known = {name: facts[name] for name in condition.reads}
            symbols = {name.replace(".", "__"): value for name, value in known.items()}
            assert condition.evaluate(known) is bool(rule.matches(symbols)), (text, known)


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_written_conditions_answer_as_rule_engine_does(text: str, mini: Framework) -> None:
    space = fact_space_for(mini)
    condition = compile_condition(text, space)
    rng = random.Random(text)
    for _ in range(200):
        facts = _random_facts(space, rng)
        known = {name: facts[name] for name in condition.reads}
        assert condition.evaluate(known) == _slow(text, space, known), (text, known)


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
        assert condition.evaluate(facts) == _enumerated(condition, facts, space), (text, facts)


def _enumerated(condition: Condition, facts: Mapping[str, Any], space: FactSpace) -> bool | None:
    missing = [n for n in condition.reads if facts.get(n) is None]
    known = {n: facts[n] for n in condition.reads if facts.get(n) is not None}
    if not missing:
        return _slow(condition.text, space, known)
    if any(space.kinds[n] == "text" for n in missing) or len(missing) > 3:
        return None
    outcomes = set()
    for combo in itertools.product(*(space.candidates[n] for n in missing)):
        trial = {**known, **dict(zip(missing, combo, strict=True))}
        outcomes.add(_slow(condition.text, space, trial))
    return outcomes.pop() if len(outcomes) == 1 else None


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_a_condition_without_its_facts_is_decided_once_as_by_trying_every_value(
    text: str, mini: Framework
) -> None:
    """With every fact it reads missing, a condition answers what trying every value gives,
    whatever other facts there are, and asking again answers alike."""
    space = fact_space_for(mini)
    condition = compile_condition(text, space)
    rng = random.Random(f"unread:{text}")
    expected = _enumerated(condition, {}, space)
    for _ in range(5):
        facts: dict[str, Any] = _random_facts(space, rng)
        facts.update(dict.fromkeys(condition.reads))
        assert condition.evaluate(facts) == expected, (text, facts)


@pytest.mark.parametrize("folder", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_conditions_without_their_facts_answer_as_the_full_search(folder: Path) -> None:
    """Every condition of a shipped framework, with none of its facts: the answer kept for
    that case is what the search over the missing facts' values gives."""
    framework = load_framework(folder)
    rng = random.Random(f"unread:{folder.name}")
    for text in _conditions(framework):
        space = fact_space_for(framework, include_stage="stage" in text)
        tree = parse_condition(text, space.kinds)
        fresh = Condition(text, tree, reads(tree), space)  # nothing decided on it yet
        facts: dict[str, Any] = _random_facts(space, rng)
        facts.update(dict.fromkeys(fresh.reads))
        searched = fresh._decide(facts, fresh.reads)  # the full computation
        assert fresh.evaluate(facts) == searched, text
        assert fresh.evaluate({}) == searched, text


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
                assert _slow(five, space, trial) is decided, (facts, trial)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("alpha.score / 0 > 1", "`/` divides by a number written in the condition, other than 0"),
        ("alpha.score / beta.score > 1", "`/` divides by a number written"),
        ("alpha.score % 2 == 0", "`%` and `**` are not part of the condition language"),
        ("alpha.score ** 99999 > 1", "`%` and `**` are not part of the condition language"),
        ("alpha.onee < 2", "unknown name 'alpha.onee' (did you mean 'alpha.one'?)"),
        ("alpha.one < 2 and", "condition does not parse: syntax error near EOF"),
        ("alpha.one < 2 )", "condition does not parse: syntax error near ')'"),
        ("1 < alpha.one < 3", "condition does not parse: syntax error near '<'"),
        ('alpha.one == "high"', "a number is compared with a text"),
        ("alpha.three + 1", "condition must be true or false"),
        ("alpha.one and true", "`and` joins conditions that are true or false"),
        ("alpha.one < $today", "built-in symbols ($now, $today, ...) are not allowed"),
        ('organization.industry =~ "R.*"', "regular-expression operators"),
        ("alpha__one < 2", "names must not contain '__'"),
        ("alpha.one in [1, 'a']", "a list holds numbers only or texts only"),
        ("null == alpha.one", "condition does not parse: syntax error near 'null'"),
    ],
)
def test_refused_conditions_say_why(text: str, message: str, mini: Framework) -> None:
    with pytest.raises(ConditionError) as raised:
        compile_condition(text, fact_space_for(mini))
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "alpha.one < 2" + ")" * 5000,
        "not " * 5000 + "alpha.one < 2",
        "-" * 5000 + "alpha.one < 2",
        " + ".join(["alpha.one"] * 5000) + " > 2",
    ],
    ids=["parentheses", "not", "minus", "sum"],
)
def test_deep_nesting_is_a_clear_error(text: str, mini: Framework) -> None:
    with pytest.raises(ConditionError, match=f"nests deeper than {MAX_DEPTH} levels"):
        compile_condition(text, fact_space_for(mini))


def test_long_conjunctions_are_flat_not_deep(mini: Framework) -> None:
    text = " and ".join(f"alpha.one >= {n % 4}" for n in range(2000))
    condition = compile_condition(text, fact_space_for(mini))
    assert len(terms(condition.tree)) == 2000
    assert condition.evaluate({"alpha.one": 3.0}) is True


def test_the_tree_answers_what_is_asked_of_a_condition(mini: Framework) -> None:
    text = '2 <= alpha.one and (beta.one > 1 or stage == "pilot") and alpha.level < 3'
    tree = parse_condition(text, fact_space_for(mini).kinds)
    assert reads(tree) == ("alpha.one", "beta.one", "stage", "alpha.level")
    first, second, _ = terms(tree)
    assert first == Compare("<=", Value(2.0), Fact("alpha.one"))
    assert isinstance(second, Logic) and second.op == "or"
    assert term_bound(first) == Bound("alpha.one", ">=", 2.0)
    assert term_bound(second) is None
    assert bounds(tree) == (Bound("alpha.one", ">=", 2.0), Bound("alpha.level", "<", 3.0))
    assert (
        write(tree) == '2 <= alpha.one and (beta.one > 1 or stage == "pilot") and alpha.level < 3'
    )
    assert terms(parse_condition("alpha.one < 1 or beta.one < 1", None)) == (
        parse_condition("alpha.one < 1 or beta.one < 1", None),
    )


def test_terms_are_parsed_with_the_framework(mini: Framework) -> None:
    space = fact_space_for(mini, include_stage=False)
    gate = next(s.gate for s in mini.manifest.stages if s.gate)
    for term in space.conditions[gate].terms():
        assert space.conditions[term.text] == term


def test_a_condition_in_words(mini: Framework) -> None:
    scale = mini.manifest.scale
    wording = Wording(
        fact=lambda name: {"alpha.one": "Ownership after the pilot"}.get(name, name),
        value=lambda fact, value: (
            f"{scale.labels[float(value)]} ({value:g})"
            if fact and isinstance(value, float)
            else str(value)
        ),
        operators={">=": "at least", "<": "below"},
    )
    tree = parse_condition("alpha.one >= 3 or not (alpha.two < 1 and beta.one < 1)", None)
    assert say(tree, wording) == (
        "Ownership after the pilot at least Defined (3) or not (alpha.two below Ad hoc (1) "
        "and beta.one below Ad hoc (1))"
    )


def test_the_package_never_imports_rule_engine() -> None:
    code = (
        "import sys; from pathlib import Path; from readiness.pipeline import plan; "
        f"plan(Path({str(ROOT / 'examples/acme-retail/2026-Q4.yaml')!r})); "
        "print('rule_engine' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def _random_condition(rng: random.Random, names: list[str], depth: int = 0) -> str:
    """A random condition, often outside the language or wrong on purpose."""
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
    if rng.random() < 0.15:
        operand += rng.choice(
            [" + 1", " - 0.5", " * 2", " / 4", " / 0", " % 2", " - "]
        ) + rng.choice([*names, "1", "2.5"])
    other = rng.choice([*names, "2", "3.5", '"Retail"', "[1, 2]", '["Retail", "x"]', "null"])
    operator_ = rng.choice(["<", "<=", ">", ">=", "==", "!=", " in ", "=", "<>", " < 2 < "])
    if rng.random() < 0.1:
        return operand
    return f"{operand} {operator_} {other}"


def test_random_conditions_agree_with_rule_engine(mini: Framework) -> None:
    space = fact_space_for(mini)
    names = sorted(space.kinds)
    rng = random.Random(20261120)
    accepted = refused = 0
    for _ in range(400):
        text = _random_condition(rng, names)
        try:
            condition = compile_condition(text, space)
        except ConditionError:
            condition = None
        try:
            _rule(text, space)
        except ConditionError:
            assert condition is None, f"accepted what rule-engine refuses: {text}"
            refused += 1
            continue
        if condition is None:
            continue
        accepted += 1
        for _ in range(10):
            facts = _random_facts(space, rng)
            known = {name: facts[name] for name in condition.reads}
            assert condition.evaluate(known) == _slow(text, space, known), (text, known)
    assert accepted > 50 and refused > 50
