"""The framework index: built once per framework, carried with it, rebuilt for a copy with other
parts; what it holds for scoring, gates and the planner."""

from __future__ import annotations

from fractions import Fraction

from readiness.index import achieved, derived, fact_space_for, framework_index
from readiness.model import Framework


def test_the_index_is_built_once_and_carried_with_the_framework(mini: Framework) -> None:
    index = framework_index(mini)
    assert framework_index(mini) is index
    copy = mini.model_copy(update={"rules": []})
    assert framework_index(copy) is not index
    assert framework_index(copy).rules == {}
    assert framework_index(mini) is index  # the original keeps its own


def test_the_scoring_layout_and_the_facts_of_each_dimension(mini: Framework) -> None:
    index = framework_index(mini)
    alpha, beta = index.layout
    assert alpha.keys == ("alpha.one", "alpha.two", "alpha.three")
    assert alpha.weights == (Fraction(2), Fraction(1), Fraction(1))
    assert alpha.critical == (True, False, False)
    assert (alpha.score_name, alpha.level_name) == ("alpha.score", "alpha.level")
    assert beta.keys == ("beta.one", "beta.two")
    assert index.keys == {"alpha": alpha.keys, "beta": beta.keys}
    assert index.points == (0.0, 1.0, 2.0, 3.0, 4.0)
    assert index.min_coverage == (1, 2)
    assert index.dimension_facts["beta"] == (
        "beta.one",
        "beta.two",
        "beta.score",
        "beta.level",
        "beta.percent",
    )


def test_gates_are_parsed_with_the_dimensions_they_read(mini: Framework) -> None:
    index = framework_index(mini)
    assert index.gates[0] is None  # the first stage has no gate
    gate = index.gates[1]
    assert gate is not None and gate.text == "alpha.level >= 2 and beta.one >= 2"
    assert index.gate_dimensions == ((), ("alpha", "beta"))
    assert "stage" not in fact_space_for(mini, include_stage=False).kinds
    assert "stage" in fact_space_for(mini).kinds


def test_achieved_by_status_or_by_exit_criterion(mini: Framework) -> None:
    index = framework_index(mini)
    with_exit = next(i for i in mini.initiatives if i.id in index.exit_criteria)
    condition = index.exit_criteria[with_exit.id]
    assert achieved(mini, with_exit, "done", {}) == "status"
    holding = {name: 4.0 for name in condition.reads}
    assert achieved(mini, with_exit, None, holding) == "done_when"
    assert achieved(mini, with_exit, None, {}) is None


def test_derived_tables_live_with_the_framework(mini: Framework) -> None:
    calls: list[str] = []

    @derived
    def table(framework: Framework) -> dict[str, int]:
        calls.append(framework.ref)
        return {"questions": len(framework.questions())}

    assert table(mini) == {"questions": 5}
    assert table(mini) is table(mini)
    assert calls == [mini.ref]
    table(mini.model_copy(update={"rules": []}))
    assert calls == [mini.ref, mini.ref]


def test_the_rules_reading_each_fact(mini: Framework) -> None:
    index = framework_index(mini)
    listed = {(name, rule) for name, rules in index.rules_reading.items() for rule in rules}
    assert listed == {(name, r) for r, c in index.rules.items() for name in c.reads}
    for rules in index.rules_reading.values():
        order = [rule.id for rule in mini.rules]
        assert list(rules) == sorted(rules, key=order.index)
