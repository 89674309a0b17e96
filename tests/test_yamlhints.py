"""YAML syntax errors say how to fix the common cases (`readiness.yamlhints`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.errors import InputError
from readiness.yamlfile import read_yaml
from readiness.yamlhints import syntax_hint

COLON = '; quote the text that holds a colon, e.g. note: "Owner: the CDO"'
TAB = "; indent with spaces, not tabs"


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("answers:\n  data.silos: {level: 2, note: Owner: the CDO}\n", 2, COLON),
        ("note: owner: the CDO\n", 1, COLON),
        ("respondents:\n  - role: CTO: acting\n", 2, COLON),
        ("answers:\n\tdata.silos: 2\n", 2, TAB),
        ("answers:\n    a: 1\n\tb: 2\n", 3, TAB),
        ("answers: [1, 2\n", 2, ""),
    ],
)
def test_the_hint_matches_the_mistake(text: str, line: int, hint: str, tmp_path: Path) -> None:
    assert syntax_hint(text, line) == hint
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        read_yaml(path)
    [message] = caught.value.lines()
    assert message.startswith(f"{path}:{line}: not valid YAML: ")
    assert message.endswith(hint)


def test_no_hint_outside_the_text() -> None:
    assert syntax_hint("a: 1\n", 0) == ""
    assert syntax_hint("a: 1\n", 5) == ""
