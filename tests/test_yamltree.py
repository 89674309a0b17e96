"""YAML events into values (`readiness.yamltree`): the resolver's shortcuts, the line of every
value, and what the builder refuses, each with its line."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from readiness.yamltags import Loader
from readiness.yamltree import Builder, PathKey, format_path
from test_yamltags import PLAIN_SCALARS


def build(text: str) -> tuple[Any, dict[PathKey, int], list[str]]:
    """The values of a text, their lines, and the builder's issues as printed."""
    builder = Builder("f.yaml", text)
    found = builder.document()
    assert found is not None
    return found[0], builder.lines, [issue.format() for issue in builder.issues]


def test_every_value_has_the_line_of_its_key() -> None:
    data, lines, issues = build("a: 1\nb:\n  c: [x, y]\n  d:\n    - {e: 2}\n")
    assert (data, issues) == ({"a": 1, "b": {"c": ["x", "y"], "d": [{"e": 2}]}}, [])
    assert lines[("b", "c")] == 3
    assert lines[("b", "c", 1)] == 3
    assert lines[("b", "d", 0, "e")] == 5


def test_every_duplicate_key_is_reported() -> None:
    assert build("a: 1\nb: 2\na: 3\nb: 4\n")[2] == [
        "f.yaml:3: a: duplicate key (first defined on line 1); the later value would silently "
        "replace the earlier one (allowed: each key once)",
        "f.yaml:4: b: duplicate key (first defined on line 2); the later value would silently "
        "replace the earlier one (allowed: each key once)",
    ]


def test_aliases_and_foreign_tags_are_refused_where_they_are() -> None:
    data, _, issues = build("a: &x [1]\nb: *x\nc: !!python/name:os.system x\nd: !!int [1]\n")
    assert data == {"a": [1], "b": None, "c": None, "d": None}
    assert issues == [
        "f.yaml:2: b: YAML aliases are not allowed (allowed: write the value out in full)",
        "f.yaml:3: c: the tag '!!python/name:os.system' is not allowed (allowed: plain YAML "
        "values)",
        "f.yaml:4: d: the tag '!!int' does not fit a list (allowed: no tag: write the value as "
        "it is)",
    ]


def test_paths_are_shown_as_messages_write_them() -> None:
    assert format_path(("questions", 2, "levels", "3")) == "questions[2].levels.3"
    assert format_path(()) == ""


def test_keys_that_are_not_texts_are_kept_as_written() -> None:
    """Numbers stay numbers; a boolean, null or date key keeps its text (unlike `safe_load`)."""
    data, _, _ = build(
        "1: one\n1.5: f\ntrue: t\n~: n\n2026-01-01: d\n'2': q\n!!int 3: i\n? k\n: v\n"
    )
    assert data == {
        1: "one",
        1.5: "f",
        "true": "t",
        "~": "n",
        "2026-01-01": "d",
        "2": "q",
        3: "i",
        "k": "v",
    }


@pytest.mark.parametrize("text", PLAIN_SCALARS)
def test_plain_scalars_read_as_pyyaml_reads_them(text: str) -> None:
    """The resolver's shortcuts for words and whole numbers give PyYAML's own values, as a
    value in a list, and as a key where PyYAML's value is a number."""
    expected = yaml.safe_load(f"- {text}\n")[0]
    data, _, issues = build(f"list:\n  - {text}\n{text}: key\n")
    assert issues == []
    assert data["list"] == [expected]
    assert type(data["list"][0]) is type(expected)
    key = expected if type(expected) in (int, float) else text
    assert data[key] == "key"


NOT_ONE_DOCUMENT = {
    "anchor-twice": "a: &x 1\nb: &x 2\n",
    "undefined-alias": "a: *y\n",
    "second-document": "a: 1\n---\nb: 2\n",
    "anchor-twice-in-a-refused-value": "a: !custom [&x 1]\nb: &x 2\n",
    "anchor-twice-in-a-repeated-key": "a: 1\na: [&x 1]\nb: &x 2\n",
    "undefined-alias-after-a-list-as-key": "? [a]\n: 1\nb: *y\n",
    "syntax-after-a-merge-key": "<<: {a: 1}\nb: [1,\n",
    "second-document-after-a-list-as-key": "? [a]\n: 1\n---\nb: 2\n",
}


@pytest.mark.parametrize("text", NOT_ONE_DOCUMENT.values(), ids=NOT_ONE_DOCUMENT.keys())
def test_what_composing_refuses_is_refused_the_same_way(text: str) -> None:
    """Reading events refuses what composing the node tree refuses, with PyYAML's own error,
    before anything the builder finds itself (a key that cannot be one stops the build, not
    the reading)."""
    with pytest.raises(yaml.MarkedYAMLError) as theirs:
        yaml.compose(text, Loader=Loader)
    with pytest.raises(yaml.MarkedYAMLError) as ours:
        Builder("f.yaml", text).document()
    expected, found = theirs.value, ours.value
    assert (found.context, found.problem) == (expected.context, expected.problem)
    assert found.problem_mark is not None and expected.problem_mark is not None
    assert found.problem_mark.line == expected.problem_mark.line


def test_every_alias_is_refused_where_it_is() -> None:
    """Also an alias of an anchored key, and an alias written as a key."""
    assert build("&k a: 1\nb: *k\n")[2] == [
        "f.yaml:2: b: YAML aliases are not allowed (allowed: write the value out in full)"
    ]
    assert build("a: &x k\n*x : 1\n")[2] == [
        "f.yaml:2: document: YAML aliases are not allowed (allowed: write the value out in full)"
    ]


def test_values_after_a_refused_one_are_read_on() -> None:
    data, _, issues = build("a: !!set {x, y}\nb: {c: [1, 2]}\na: [3]\nd: 4\n")
    assert data == {"a": None, "b": {"c": [1, 2]}, "d": 4}
    assert len(issues) == 2


def test_a_number_too_long_to_read_is_refused_where_it_is() -> None:
    # Python reads at most 4,300 digits; a longer number was a ValueError traceback.
    long = "9" * 5000
    data, _, issues = build(f"a: {long}\nb: +{long}\nc: [{long}]\nd: {'9' * 4300}\n")
    assert data == {"a": None, "b": None, "c": [None], "d": int("9" * 4300)}
    assert issues == [
        f"f.yaml:{line}: {path}: a number of {digits} characters is too long "
        "(allowed: at most 4300 digits)"
        for line, path, digits in ((1, "a", "5,000"), (2, "b", "5,001"), (3, "c[0]", "5,000"))
    ]


@pytest.mark.parametrize("opening", ["{a: ", "["])
def test_nesting_deeper_than_the_limit_is_refused_where_it_is(opening: str) -> None:
    # 600 levels were a RecursionError traceback.
    closing = "}" if opening == "{a: " else "]"
    for depth, refused in ((64, False), (65, True), (600, True)):
        data, _, issues = build(f"b: 1\nc: {opening * depth}1{closing * depth}\nd: 2\n")
        assert (data["b"], data["d"]) == (1, 2)
        assert issues == (
            ["f.yaml:2: c: nested more than 64 levels deep (allowed: at most 64 levels)"]
            if refused
            else []
        )


@pytest.mark.parametrize("mark", ["\u202e", "\u2066", "\u200f", "\u061c", "\u200b", "\ufeff"])
def test_a_key_holding_an_invisible_mark_is_refused_where_it_is(mark: str) -> None:
    # Such a key looked like `data.inventory` on screen and was read as another key.
    data, _, issues = build(f"a: 1\nanswers:\n  data.inv{mark}entory: 2\n")
    assert data["answers"] == {f"data.inv{mark}entory": 2}
    name = {"\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE"}.get(mark)
    assert len(issues) == 1
    assert issues[0].startswith(f"f.yaml:3: answers.data.inv{mark}entory: the key holds an ")
    assert issues[0].endswith("(allowed: visible characters only; type the key again)")
    assert f"U+{ord(mark):04X}" in issues[0]
    if name:
        assert name.lower() in issues[0]


def test_invisible_marks_in_values_are_kept() -> None:
    data, _, issues = build('name: "\u0627\u200f \u200c"\nnote: a\u200db\n')
    assert (data, issues) == ({"name": "\u0627\u200f \u200c", "note": "a\u200db"}, [])
