"""Collecting a load's problems (`readiness.loading.issues`): each issue located, errors and
warnings apart, every error raised at once in file and line order, and the words used."""

from __future__ import annotations

import pytest

from readiness.errors import ValidationError
from readiness.loading.issues import Collector, choices, duplicates, ordered, show, suggest
from readiness.yamlfile import Document


def _doc() -> Document:
    lines = {(): 1, ("items",): 2, ("items", 0): 3, ("items", 1): 4, ("items", 2): 5}
    return Document("f.yaml", {"items": ["a", "b", "a"]}, lines)


def test_an_issue_takes_the_line_of_its_path_or_of_its_nearest_ancestor() -> None:
    collector = Collector()
    collector.add(_doc(), ("items", 1), "wrong", got=2, allowed="a text")
    collector.add(_doc(), ("items", 1, "deeper"), "also wrong")
    collector.add("other.yaml", ("x",), "no document", line=7)
    assert [issue.format() for issue in collector.issues] == [
        "f.yaml:4: items[1]: wrong (got 2; allowed: a text)",
        "f.yaml:4: items[1].deeper: also wrong",
        "other.yaml:7: x: no document",
    ]


def test_warnings_do_not_stop_a_load_and_every_error_is_raised_at_once() -> None:
    collector = Collector()
    collector.add(_doc(), ("items", 2), "later", warning=True)
    collector.stop_if_errors("f.yaml: not valid")  # warnings only: goes on
    collector.add(_doc(), ("items", 2), "second")
    collector.add(_doc(), ("items", 0), "first")
    collector.add(_doc(), ("items", 0), "first")
    with pytest.raises(ValidationError) as caught:
        collector.stop_if_errors("f.yaml: not valid")
    assert [issue.message for issue in caught.value.issues] == ["first", "second"]
    assert [issue.message for issue in collector.warnings] == ["later"]


def test_duplicate_ids_name_the_line_of_the_first() -> None:
    collector = Collector()
    duplicates(_doc(), "items", ["a", "b", "a"], None, collector)
    assert [issue.format() for issue in collector.issues] == [
        "f.yaml:5: items[2]: duplicate id 'a' (first used on line 3) (allowed: each id once)"
    ]


def test_ordered_sorts_by_file_and_line_and_drops_repeats() -> None:
    collector = Collector()
    for file, line in (("b.yaml", 1), ("a.yaml", 9), ("a.yaml", 2), ("a.yaml", 9)):
        collector.add(file, (), "m", line=line)
    assert [(i.file, i.line) for i in ordered(collector.issues)] == [
        ("a.yaml", 2),
        ("a.yaml", 9),
        ("b.yaml", 1),
    ]


def test_words() -> None:
    assert show(None) == "an empty value"
    assert show("x") == "'x'"
    assert show([1, 2]) == "[1, 2]"
    assert show("y" * 100) == "'" + "y" * 56 + "..."
    assert suggest("scroe", ["score", "level"]) == "score"
    assert suggest("zzz", ["score"]) is None
    assert choices(["b", "a"]) == "a, b"
    assert choices([str(n) for n in range(10)], limit=3) == "0, 1, 2, ... (10 in all)"
    # A framework listing a dimension twice offered it twice: "allowed: alpha, alpha".
    assert choices(["alpha", "beta", "alpha"]) == "alpha, beta"
