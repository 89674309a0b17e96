"""Loading an assessment (`readiness.loading.assessment`): what it costs to report a file of
many mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.errors import ValidationError
from readiness.load import load_assessment

FIXTURES = Path(__file__).parent / "fixtures"
CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"


def test_only_the_unknown_questions_a_user_is_shown_get_a_suggestion(tmp_path: Path) -> None:
    # A suggestion compares the key with every question: 90,000 misspelt answers took 40 s of
    # suggestions, of which 50 are shown.
    text = CLIENT.read_text().replace(
        "answers:\n", "answers:\n" + "".join(f"  alpha.onee{i}: 2\n" for i in range(60)), 1
    )
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(ValidationError) as error:
        load_assessment(path, frameworks=[FIXTURES])
    unknown = [line for line in error.value.lines() if "unknown question" in line]
    assert len(unknown) == 60
    assert all("(did you mean 'alpha.one'?)" in line for line in unknown[:50])
    assert not any("did you mean" in line for line in unknown[50:])


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("mini\\u200b@1.2.0", "holds an invisible character, U+200B (zero width space)"),
        # A path was looked for as a folder, outside the search path, and reported twice.
        ("../elsewhere/mini@1.2.0", "not in the expected form"),
    ],
    ids=["invisible-mark", "outside-the-search-path"],
)
def test_a_refused_framework_reference_is_not_looked_for(
    reference: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        CLIENT.read_text().replace("framework: mini@1.2.0", f'framework: "{reference}"')
    )
    with pytest.raises(ValidationError) as error:
        load_assessment(path, frameworks=[FIXTURES])
    assert [line.removeprefix(f"{tmp_path}/") for line in error.value.lines()] == [
        f"a.yaml:1: framework: {message} (got '{reference.replace(chr(92) + 'u200b', chr(0x200B))}'; "
        "allowed: a framework id and version, e.g. ml-scaling@1.0.0)"
    ]
