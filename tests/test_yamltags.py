"""The tags of YAML's plain values: a scalar's tag from its text, as PyYAML's resolver gives
it, and a tag as a file writes it."""

from __future__ import annotations

import pytest
import yaml

from readiness.yamltags import ALLOWED, DIGITS_TAG, STR_TAG, Loader, tag_of, written_tag

PLAIN_SCALARS = [
    *("abc", "x1", "é", "e5", "n", "y", "N", "oN", "tRue", "nO", "~", ".inf", "0x1A", "12:30"),
    *("yes", "Yes", "YES", "No", "off", "On", "ON", "true", "True", "Null", "null", "NULL"),
    *("0", "00", "012", "123", "1_0", "١٢", "2026-01-01", "-1", "+2", "2.5", "1e3"),
]


def _event(text: str) -> yaml.ScalarEvent:
    return next(e for e in yaml.parse(text) if isinstance(e, yaml.ScalarEvent))


@pytest.mark.parametrize("text", PLAIN_SCALARS)
def test_plain_scalars_get_pyyaml_s_own_tags(text: str) -> None:
    """Every plain scalar gets PyYAML's own tag, or the reader's own for the whole numbers
    and true/false words it converts from the text alone."""
    ours = tag_of(_event(f"{text}\n"), Loader(""))
    theirs = yaml.SafeLoader("").resolve(yaml.ScalarNode, text, (True, False))
    assert ours == theirs or ours.startswith("tag:readiness,")
    assert ours in ALLOWED


def test_a_written_or_quoted_tag_wins_over_the_text() -> None:
    loader = Loader("")
    assert tag_of(_event("'12'\n"), loader) == STR_TAG
    assert tag_of(_event("!!str 12\n"), loader) == STR_TAG
    assert tag_of(_event("12\n"), loader) == DIGITS_TAG
    assert tag_of(_event("!custom 12\n"), loader) == "!custom"


def test_tags_are_shown_as_a_file_writes_them() -> None:
    assert written_tag("tag:yaml.org,2002:map") == "!!map"
    assert written_tag("!custom") == "!custom"
