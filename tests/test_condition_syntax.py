"""The condition grammar (`readiness.condition_syntax`): the tree each construct gives, the kinds
checked at load, and the exact message for each condition it refuses."""

from __future__ import annotations

import pytest

from readiness.condition_syntax import (
    MAX_DEPTH,
    Arithmetic,
    Compare,
    ConditionError,
    Fact,
    Items,
    Kind,
    Logic,
    Not,
    Value,
    parse_condition,
)

KINDS: dict[str, Kind] = {
    "data.score": "number",
    "data.inventory": "number",
    "infra.level": "number",
    "organization.industry": "text",
}


def test_precedence_and_flattening() -> None:
    tree = parse_condition(
        "not data.score < 2 and infra.level >= 1 + 2 * 3 and data.inventory == 1 or "
        "organization.industry in ['Retail', 'Banking']",
        KINDS,
    )
    assert tree == Logic(
        "or",
        (
            Logic(
                "and",
                (
                    Not(Compare("<", Fact("data.score"), Value(2.0))),
                    Compare(
                        ">=",
                        Fact("infra.level"),
                        Arithmetic("+", Value(1.0), Arithmetic("*", Value(2.0), Value(3.0))),
                    ),
                    Compare("==", Fact("data.inventory"), Value(1.0)),
                ),
            ),
            Compare("in", Fact("organization.industry"), Items(("Retail", "Banking"))),
        ),
    )


def test_signs_texts_and_parentheses() -> None:
    assert parse_condition("-data.score > -1.5", KINDS) == Compare(
        ">", Arithmetic("neg", Value(0.0), Fact("data.score")), Value(-1.5)
    )
    assert parse_condition('organization.industry == "Re\\"tail"', KINDS) == Compare(
        "==", Fact("organization.industry"), Value('Re"tail')
    )
    assert parse_condition("(data.score)/2 >= 1", KINDS) == Compare(
        ">=", Arithmetic("/", Fact("data.score"), Value(2.0)), Value(1.0)
    )


def test_without_kinds_only_the_syntax_is_checked() -> None:
    assert parse_condition("anything.at_all > 'x'", None) == Compare(
        ">", Fact("anything.at_all"), Value("x")
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("data.scroe >= 2", "unknown name 'data.scroe' (did you mean 'data.score'?)"),
        ("data.score >= 'two'", "a number is compared with a text; compare numbers with numbers"),
        ("data.score and infra.level >= 1", "`and` joins conditions that are true or false"),
        ("not data.score", "`not` applies to a condition that is true or false"),
        ("data.score + 1", "condition must be true or false, e.g. `data.score >= 2`"),
        ("data.score / 0 > 1", "`/` divides by a number written in the condition, other than 0"),
        (
            "data.score / infra.level > 1",
            "`/` divides by a number written in the condition, other than 0",
        ),
        (
            "data.score % 2 == 0",
            "`%` and `**` are not part of the condition language (allowed: "
            "+ - * and / by a number other than 0)",
        ),
        (
            "data.score ** 2 > 1",
            "`%` and `**` are not part of the condition language (allowed: "
            "+ - * and / by a number other than 0)",
        ),
        (
            "organization.industry =~ 'R.*'",
            "regular-expression operators (=~, =~~, !~, !~~) are not allowed",
        ),
        (
            "$today > 1",
            "built-in symbols ($now, $today, ...) are not allowed: results must not "
            "depend on the clock",
        ),
        ("data.score > 1 # note", "comments are not allowed inside a condition"),
        ("data.__class__ > 1", "names must not contain '__'"),
        ("1 < data.score < 3", "condition does not parse: syntax error near '<'"),
        ("data.score >= ", "condition does not parse: syntax error near EOF"),
        ("data.score >= 2 )", "condition does not parse: syntax error near ')'"),
        ("data.score in [1, 'a']", "a list holds numbers only or texts only"),
        ("null == data.score", "condition does not parse: syntax error near 'null'"),
        ("data.score >= 2 @", "condition does not parse: syntax error near '@'"),
    ],
)
def test_refused_conditions_say_why(text: str, message: str) -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition(text, KINDS)
    assert str(caught.value) == message


def test_the_suggestion_is_kept_for_the_loader() -> None:
    with pytest.raises(ConditionError) as caught:
        parse_condition("infra.levle >= 1", KINDS)
    assert caught.value.suggestion == "infra.level"


@pytest.mark.parametrize(
    "text",
    [
        "(" * (MAX_DEPTH + 1) + "data.score >= 1" + ")" * (MAX_DEPTH + 1),
        "not " * (MAX_DEPTH + 1) + "data.score >= 1",
        "-" * (MAX_DEPTH + 1) + "data.score >= 1",
        "data.score" + " + 1" * (MAX_DEPTH + 1) + " >= 1",
    ],
    ids=["parentheses", "not", "minus", "sum"],
)
def test_nesting_beyond_the_limit_is_an_error_not_a_recursion_error(text: str) -> None:
    with pytest.raises(ConditionError, match=f"nests deeper than {MAX_DEPTH} levels"):
        parse_condition(text, KINDS)


def test_nesting_at_the_limit_parses() -> None:
    depth = MAX_DEPTH - 2
    text = "(" * depth + "data.score >= 1" + ")" * depth
    assert parse_condition(text, KINDS) == Compare(">=", Fact("data.score"), Value(1.0))


def test_a_number_too_large_to_compare_is_refused_where_it_is_written() -> None:
    huge = "1" + "0" * 400
    for text in (f"a >= {huge}", f"a in [1, {huge}]", f"a in [-{huge}]"):
        with pytest.raises(ConditionError, match="is too large"):
            parse_condition(text, None)
    assert parse_condition("a >= " + "9" * 300, None) is not None
