"""YAML syntax errors say how to fix the common cases (`readiness.yamlhints`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.errors import InputError
from readiness.yamlfile import read_yaml
from readiness.yamlhints import syntax_hint

COLON = '; quote the text that holds a colon, e.g. note: "Owner: the CDO"'
TAB = "; indent with spaces, not tabs"
ESCAPE = "; in double quotes a backslash starts an escape: write \\\\ for one, or use single quotes"
BOM = "; delete the invisible byte-order mark (U+FEFF) on this line: joining two files leaves one"
APOSTROPHE = "; inside single quotes write an apostrophe twice ('it''s'), or use double quotes"


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("answers:\n  data.silos: {level: 2, note: Owner: the CDO}\n", 2, COLON),
        ("note: owner: the CDO\n", 1, COLON),
        ("respondents:\n  - role: CTO: acting\n", 2, COLON),
        ("answers:\n\tdata.silos: 2\n", 2, TAB),
        ("answers:\n    a: 1\n\tb: 2\n", 3, TAB),
        ("answers: [1, 2\n", 2, ""),
        # A Windows path in double quotes was told to quote the text that holds a colon.
        ('answers:\n  data.silos: {level: 2, evidence: "C:\\Users\\x"}\n', 2, ESCAPE),
        ('organization: {name: "Acme\\qCo", size: 3}\n', 1, ESCAPE),
        ("note: 'it's done'\n", 1, APOSTROPHE),
        ("answers: {data.silos: {level: 2, note: 'the CDO's'}}\n", 1, APOSTROPHE),
        ("note: 'it''s done' x\n", 1, ""),
        # Two files joined: the second one's byte-order mark starts a line.
        ("a: 1\n\ufeffb: 2\n", 2, BOM),
    ],
)
def test_the_hint_matches_the_mistake(text: str, line: int, hint: str, tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    [message] = caught.value.lines()
    assert message.startswith(f"{path}:{line}: not valid YAML: ")
    assert message.endswith(hint)
    assert not any(
        other in message for other in (COLON, TAB, ESCAPE, APOSTROPHE, BOM) if other != hint
    )


def test_no_hint_outside_the_text() -> None:
    assert syntax_hint("a: 1\n", 0) == ""
    assert syntax_hint("a: 1\n", 5) == ""


def test_a_quote_never_closed_is_named_where_it_opens(tmp_path: Path) -> None:
    # The parser names the end of the file, where it gave up looking for the closing quote.
    path = tmp_path / "a.yaml"
    path.write_text('a: 1\nnote: "the owner\nb: 2\nc: 3\n')
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    assert caught.value.lines() == [
        f"{path}:2: not valid YAML: a quote opened here is never closed"
    ]
