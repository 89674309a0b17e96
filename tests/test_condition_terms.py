"""Conditions as terms and thresholds: splitting, thresholds, what an initiative raises, and
gate checks on facts."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from readiness.condition_terms import (
    Threshold,
    check_gate,
    condition_holds,
    condition_reads,
    failing_terms,
    gate_holds,
    only_falls,
    raised_thresholds,
    split_terms,
    subject_reads,
    term_threshold,
    thresholds,
)
from readiness.conditions import compile_condition
from readiness.index import fact_space_for
from readiness.load import load_framework
from readiness.model import Framework, Initiative


def test_split_terms_and_thresholds() -> None:
    assert split_terms("a.x >= 2 and (b.y > 1 or c.z < 2) and not d.w") == (
        "a.x >= 2",
        "b.y > 1 or c.z < 2",
        "not d.w",
    )
    # One term, written with the parentheses its precedence implies.
    assert split_terms("a.x >= 2 and b.y > 1 or c.z < 2") == ("(a.x >= 2 and b.y > 1) or c.z < 2",)
    assert split_terms("(a.x >= 2 and b.y >= 1)") == ("a.x >= 2", "b.y >= 1")
    assert split_terms('stage == "and" and a.x > 1') == ('stage == "and"', "a.x > 1")
    found = thresholds("data.inventory >= 3 and 2 < ops.level")
    assert found is not None
    assert [(t.name, t.value, t.strict) for t in found] == [
        ("data.inventory", 3.0, False),
        ("ops.level", 2.0, True),
    ]
    assert thresholds("data.inventory >= 3 or ops.level > 2") is None
    assert thresholds("data.inventory < 3") is None
    assert thresholds(None) is None


def test_a_threshold_holds_on_numbers_only() -> None:
    at_least = Threshold("data.level", 2.0, False)
    above = Threshold("data.level", 2.0, True)
    assert at_least.holds(2.0) and not at_least.holds(1.99)
    assert above.holds(2.5) and not above.holds(2.0)
    assert not at_least.holds(None) and not at_least.holds("2")
    assert term_threshold("3 <= data.level") == Threshold("data.level", 3.0, False)
    assert term_threshold("data.level < 3") is None


def test_an_initiative_raises_its_stated_levels_else_its_exit_thresholds(mini: Framework) -> None:
    base = mini.initiatives[0]
    stated = Initiative.model_validate(
        {**base.model_dump(), "raises": {"beta.two": 3, "alpha.one": 2}}
    )
    assert raised_thresholds(stated) == (
        Threshold("alpha.one", 2.0, False),
        Threshold("beta.two", 3.0, False),
    )
    from_exit = Initiative.model_validate(
        {**base.model_dump(), "raises": {}, "done_when": "alpha.level >= 2 and beta.one > 1"}
    )
    assert raised_thresholds(from_exit) == (
        Threshold("alpha.level", 2.0, False),
        Threshold("beta.one", 1.0, True),
    )
    unreadable = Initiative.model_validate(
        {**base.model_dump(), "raises": {}, "done_when": "alpha.level >= 2 or beta.one > 1"}
    )
    assert raised_thresholds(unreadable) == ()


def test_exit_thresholds_are_read_from_the_fact_space_when_given(mini: Framework) -> None:
    """A framework's own `done_when` is found parsed in its space, with the same thresholds; a
    condition the space refuses (an unknown fact) raises nothing."""
    space = fact_space_for(mini)
    for item in mini.initiatives:
        assert raised_thresholds(item, space) == raised_thresholds(item)
    typo = Initiative.model_validate(
        {**mini.initiatives[0].model_dump(), "raises": {}, "done_when": "alpha.levle >= 2"}
    )
    assert raised_thresholds(typo) == (Threshold("alpha.levle", 2.0, False),)
    assert raised_thresholds(typo, space) == ()


def test_a_gate_check_names_the_terms_that_fail_or_are_undetermined(mini: Framework) -> None:
    space = fact_space_for(mini, include_stage=False)
    gate = "alpha.level >= 2 and beta.one >= 2"
    assert check_gate(gate, {"alpha.level": 3.0, "beta.one": 2.0}, space) == (True, ())
    failing = check_gate(gate, {"alpha.level": 1.0, "beta.one": None}, space)
    assert failing == (False, ("alpha.level >= 2", "beta.one >= 2"))
    assert condition_holds(gate, {"alpha.level": 3.0, "beta.one": 2.0}, space)
    assert not condition_holds(gate, {"alpha.level": 3.0}, space)  # undetermined is not true
    assert condition_reads(gate, space) == ("alpha.level", "beta.one")
    for facts in (
        {"alpha.level": 3.0, "beta.one": 2.0},
        {"alpha.level": 1.0, "beta.one": None},
        {"alpha.level": 3.0},
        {"alpha.level": 2.0, "beta.one": 1.0},
    ):
        assert gate_holds(gate, facts, space) == check_gate(gate, facts, space).holds
    assert condition_reads("alpha.level >=", space) == ()


def test_a_gate_holding_as_a_whole_or_term_by_term_gives_the_same_answer(mini: Framework) -> None:
    """Five missing facts leave the whole gate undecided (too many to try), yet each term holds
    on its own: the gate holds and no term fails."""
    space = fact_space_for(mini, include_stage=False)
    gate = " and ".join(f"{name} >= 0" for name in mini.questions())
    assert gate_holds(gate, {}, space)
    assert check_gate(gate, {}, space) == (True, ())
    assert check_gate(gate, {"alpha.one": 1.0}, space) == (True, ())
    assert check_gate("alpha.one >= 0 and alpha.two >= 0", {}, space) == (True, ())
    failing = check_gate(gate + " and alpha.level >= 2", {"alpha.level": 1.0}, space)
    assert failing == (False, ("alpha.level >= 2",))


def test_a_condition_only_falls_when_each_term_caps_a_rising_fact(mini: Framework) -> None:
    space = fact_space_for(mini)
    rising = mini.questions()

    def falls(text: str) -> bool:
        return only_falls(compile_condition(text, space).tree, rising)

    assert falls("alpha.one < 2")
    assert falls("alpha.one < 2 and (beta.two <= 1 or 3 > alpha.two)")
    assert falls('alpha.one < 2 and organization.industry == "Retail"')
    assert falls("organization.size >= 500 and alpha.one <= 3")
    assert not falls("alpha.one >= 2")  # rises into truth
    assert not falls("alpha.one == 2")  # true again on the way up
    assert not falls("alpha.level < 2")  # a dimension's level may fall as answers come in
    assert not falls('alpha.one < 2 and stage == "pilot"')
    assert not falls("not alpha.one >= 2")
    assert not falls("alpha.one + 1 < 2")


def test_gate_checks_answer_as_deciding_the_whole_gate_first() -> None:
    """The whole gate is only tried in three-valued logic: on random facts with some missing,
    the failing terms and whether the gate holds are what deciding the whole first (trying
    its missing facts' values) and then each term gives."""
    framework = load_framework(Path(__file__).parent.parent / "questionnaires" / "ml-scaling")
    space = fact_space_for(framework, include_stage=False)
    gates = [stage.gate for stage in framework.manifest.stages if stage.gate]
    rng = random.Random("gates")
    undecided = 0
    for _ in range(400):
        facts: dict[str, Any] = {
            name: None if rng.random() < 0.03 else float(rng.choice([2, 3, 3, 3, 4]))
            for name in space.kinds
            if space.kinds[name] == "number"
        }
        for gate in gates:
            whole = compile_condition(gate, space)
            terms = whole.terms()
            decided = whole.evaluate(facts)
            expected = (
                () if decided is True else tuple(t for t in terms if t.evaluate(facts) is not True)
            )
            assert failing_terms(gate, facts, space) == expected
            assert gate_holds(gate, facts, space) is (not expected)
            undecided += whole.run(facts) not in (True, False)
    assert undecided > 100  # wholes three-valued logic leaves undecided


def test_a_condition_is_about_what_it_reads_outside_where_it_steps_aside() -> None:
    framework = load_framework(Path(__file__).parent.parent / "questionnaires" / "ml-scaling")
    space = fact_space_for(framework)
    stepping = (
        "infrastructure.retraining >= 2 and infrastructure.drift < 2 and not "
        "infrastructure.serving >= 2"
    )
    assert condition_reads(stepping, space) == (
        "infrastructure.retraining",
        "infrastructure.drift",
        "infrastructure.serving",
    )
    assert subject_reads(stepping, space) == ("infrastructure.retraining", "infrastructure.drift")
    regulated = 'ethics.privacy < 2 and not organization.industry in ["Banking"]'
    assert subject_reads(regulated, space) == ("ethics.privacy",)
    # A `not` inside a term is part of what the term says.
    assert subject_reads("ethics.privacy < 2 or not ethics.security >= 2", space) == (
        "ethics.privacy",
        "ethics.security",
    )
    assert subject_reads("ethics.privacy <", space) == ()
