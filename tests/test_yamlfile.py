"""The strict YAML reader: what it refuses, and the line map it keeps."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import yaml

from readiness.errors import InputError
from readiness.yamlfile import MAX_BYTES, read_yaml

ROOT = Path(__file__).parent.parent


def lines_of(tmp_path: Path, content: bytes | str, name: str = "f.yaml") -> list[str]:
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with pytest.raises(InputError) as caught:
        read_yaml(path, display=name)
    return caught.value.lines()


def test_line_map(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb:\n  c: [x, y]\n  d: {e: 2}\n")
    doc = read_yaml(path)
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"], "d": {"e": 2}}}
    assert doc.line_of(("b", "c")) == 3
    assert doc.line_of(("b", "d", "e")) == 4
    assert doc.line_of(("b", "missing")) == 2


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghij"):
        previous = "abcdefghij"[i]
        bomb.append(f"{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}]")
    started = time.perf_counter()
    lines = lines_of(tmp_path, "\n".join(bomb) + "\n")
    assert time.perf_counter() - started < 1.0
    assert lines[0] == (
        "f.yaml:2: b[0]: YAML aliases are not allowed (3 more on this line) "
        "(allowed: write the value out in full)"
    )
    assert len(lines) == 9  # one line per line of the file that holds aliases


def test_size_cap(tmp_path: Path) -> None:
    big = b"a: " + b"x" * (MAX_BYTES + 10) + b"\n"
    assert lines_of(tmp_path, big) == [
        f"f.yaml: file is too large ({len(big):,} bytes) (allowed: at most {MAX_BYTES:,} bytes)"
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "f.yaml: file is empty (allowed: a YAML mapping)"),
        (b"# only a comment\n", "f.yaml: file is empty (allowed: a YAML mapping)"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00",
            "f.yaml:3: binary data (a NUL byte) in a text file (allowed: UTF-8 text)",
        ),
        (b"- a\n- b\n", "f.yaml:1: the top level must be a mapping (got a list)"),
        (b"just text\n", "f.yaml:1: the top level must be a mapping (got a scalar 'just text')"),
        (b"a: [1, 2\n", "f.yaml:2: not valid YAML: did not find expected ',' or ']'"),
        (
            b"<<: {a: 1}\n",
            "f.yaml:1: YAML merge keys (<<) are not allowed (allowed: write the keys out in full)",
        ),
        (
            b"a: !!python/object:os.system x\n",
            "f.yaml:1: a: the tag '!!python/object:os.system' is not allowed (allowed: plain YAML values)",
        ),
        (b"a: 1\n---\nb: 2\n", "f.yaml:2: not valid YAML: but found another document"),
        (
            b"a: 1\nb: !!int 2.5\n",
            "f.yaml:2: b: not a valid whole number (got '2.5'; allowed: digits, e.g. 3)",
        ),
        (
            b"a: !!bool maybe\n",
            "f.yaml:1: a: not a valid true/false value (got 'maybe'; allowed: true or false)",
        ),
        (
            b"a: !!map x\n",
            "f.yaml:1: a: the tag '!!map' does not fit a plain value "
            "(allowed: no tag: write the value as it is)",
        ),
        (
            b"a:\n  b: !custom x\n",
            "f.yaml:2: a.b: the tag '!custom' is not allowed (allowed: plain YAML values)",
        ),
        (
            b"a: [2026-02-30]\n",
            "f.yaml:1: a[0]: not a valid date: day is out of range for month "
            "(got '2026-02-30'; allowed: a date as YYYY-MM-DD)",
        ),
        (b"? [a]\n: 1\n", "f.yaml:1: document: a key must be a plain value (got a list)"),
        (
            b"a: &x 1\nb: *x\n",
            "f.yaml:2: b: YAML aliases are not allowed (allowed: write the value out in full)",
        ),
        (
            b"a: {b: 1, b: 2}\n",
            "f.yaml:1: a.b: duplicate key (first defined on line 1); the later value would "
            "silently replace the earlier one (allowed: each key once)",
        ),
        # The parser's own message named a byte offset in "<unicode string>", not a line.
        (
            "a: 1\nb: Zoë\x1b[2J\n".encode(),
            "f.yaml:2: a control character (\\x1b) in column 7, which YAML does not allow "
            '(allowed: text; delete it, or write it as an escape in double quotes ("\\x1b"))',
        ),
        (
            "a: 1\n\nb: x\ufffe\n".encode(),
            "f.yaml:3: a noncharacter (\\ufffe) in column 5, which YAML does not allow "
            '(allowed: text; delete it, or write it as an escape in double quotes ("\\ufffe"))',
        ),
    ],
    ids=[
        "empty",
        "comment-only",
        "binary",
        "list",
        "scalar",
        "unclosed",
        "merge-key",
        "python-tag",
        "two-documents",
        "int-tag-on-fraction",
        "bool-tag-on-word",
        "map-tag-on-scalar",
        "custom-tag",
        "impossible-date",
        "list-as-key",
        "alias",
        "duplicate-in-flow",
        "control-character",
        "noncharacter",
    ],
)
def test_refused_documents(tmp_path: Path, content: bytes, expected: str) -> None:
    assert lines_of(tmp_path, content) == [expected]


# Plain scalars whose YAML 1.1 type is easy to get wrong, and their quoted twins.
TRICKY = [
    *("y", "Y", "yes", "No", "NO", "off", "On", "true", "False", "TRUE", "n/a", "N/A"),
    *("~", "null", "Null", "NULL", "nil", "None", "-1-", "."),
    *("0", "-3", "+12", "0777", "0o17", "0x1F", "0b101", "1_000", "1:30", "190:20:30"),
    *("2.5", ".5", "0.", "1e3", "1.0e3", "6.8523015e+5", "685_230.15", "190:20:30.15"),
    *(".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e309"),
    *("2026-10-01", "2026-1-1", "2026-10-01T10:00:00Z", "2001-12-14t21:59:43.10-05:00"),
    *("2001-12-14 21:59:43.10 -5", "2026-Q4", "ml-scaling@1.0.0", "data.silos", "x" * 150),
]


def test_values_resolve_as_yaml_does(tmp_path: Path) -> None:
    values = [*TRICKY, *(f"'{value}'" for value in TRICKY)]
    mapping = "".join(f"  m{index}: {value}\n" for index, value in enumerate(values))
    items = "".join(f"  - {value}\n" for value in values)
    path = tmp_path / "f.yaml"
    path.write_text(f"mapping:\n{mapping}list:\n{items}")
    expected = yaml.load(path.read_text(), Loader=yaml.SafeLoader)  # the stock resolver
    for _ in range(2):  # the second time from what the reader remembers
        assert repr(read_yaml(path).data) == repr(expected)


def test_missing_directory_and_unreadable(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_yaml(tmp_path / "nope.yaml", display="nope.yaml")
    assert caught.value.lines() == ["nope.yaml: no such file"]
    with pytest.raises(InputError) as caught:
        read_yaml(tmp_path, display="dir")
    assert caught.value.lines() == ["dir: is a directory (allowed: a YAML file)"]


def test_file_that_grew_since_its_size_was_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb: 2\n")
    real_stat = Path.stat

    def stat_of_smaller_file(self: Path, **kwargs: bool) -> os.stat_result:
        status = real_stat(self, **kwargs)
        return os.stat_result((*status[:6], 3, *status[7:]))  # st_size: 3 bytes

    monkeypatch.setattr(Path, "stat", stat_of_smaller_file)
    assert read_yaml(path).data == {"a": 1, "b": 2}
    big = b"a: " + b"x" * (MAX_BYTES + 10) + b"\n"
    assert lines_of(tmp_path, big) == [
        f"f.yaml: file is too large (allowed: at most {MAX_BYTES:,} bytes)"
    ]


SHIPPED = sorted(
    path.relative_to(ROOT)
    for folder in ("questionnaires", "examples", "tests/fixtures")
    for path in (ROOT / folder).rglob("*.yaml")
)

# Documents with nothing to refuse that take the less common ways through the reader.
UNUSUAL_BUT_VALID = {
    "tags": "a: !!str 1\nb: !!int '7'\nc: ! 12\nd: !<tag:yaml.org,2002:float> 2\ne: !!null\n",
    "flow": "a: {b: [1, {c: no}], d: []}\ne: [[x, y], {}]\n",
    "blocks": "a: |\n  one\n  two\nb: >-\n  folded\n  text\nc:\n  - |\n    x\n  - y\n",
    "ampersands": "a: R&D\nb: [x & y, 'Q&A']\nc: {d: P&L}\n",
    "collection-tags": "--- !!map\na: !!seq [1]\nb: ! {c: 1}\n",
    "long-scalars": f"a: {'1' * 150}\nb: {'x' * 150}\nc: [{'2' * 120}]\n",
    "end-marker": "a: 1\n...\n",
}


def assert_read_as_safe_load(path: Path) -> None:
    """The reader's values are PyYAML's own (repr tells 1 from 1.0, True from '1', and shows the
    order of keys), and every value of a mapping has its line."""
    document = read_yaml(path, display="f.yaml")
    assert repr(document.data) == repr(yaml.safe_load(path.read_text(encoding="utf-8")))
    for key in document.data:
        assert document.lines[(key,)] >= 1


@pytest.mark.parametrize("name", [str(path) for path in SHIPPED])
def test_shipped_files_read_as_safe_load(name: str) -> None:
    assert_read_as_safe_load(ROOT / name)


@pytest.mark.parametrize("content", UNUSUAL_BUT_VALID.values(), ids=UNUSUAL_BUT_VALID.keys())
def test_unusual_documents_read_as_safe_load(tmp_path: Path, content: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(content)
    assert_read_as_safe_load(path)


def test_nesting_past_the_parsers_limit_is_refused_without_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n")
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert caught.value.lines() == [
        f"{path}:1: not valid YAML: exceeded maximum nesting depth (allowed: at most 64 levels)"
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_for_what_it_is(encoding: str, tmp_path: Path) -> None:
    # UTF-16 (what some Windows editors save as "Unicode") was called binary data.
    assert lines_of(tmp_path, "a: 1\n".encode(encoding)) == [
        "f.yaml:1: UTF-16 text, not UTF-8 (allowed: UTF-8 text; re-save the file as UTF-8)"
    ]
