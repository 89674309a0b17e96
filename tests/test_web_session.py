"""Session settings, the checks on typed values, the tally of a question, the rate limiter and
the vendored htmx file."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from readiness.blank import quarter_of
from readiness.load import Shelf
from readiness.pipeline import locate_framework
from readiness.web.security import RateLimiter, new_code
from readiness.web.session import (
    InputProblem,
    client_defaults,
    parse_level,
    respondent_id,
    tally,
    text,
)

STATIC = Path(__file__).resolve().parent.parent / "src" / "readiness" / "web" / "static"


def test_defaults_come_from_the_newest_period(folder: Path, tmp_path: Path) -> None:
    defaults = client_defaults(folder, dt.date(2027, 2, 1), Shelf())
    assert (defaults.organization, defaults.period) == ("Acme Retail", "2027-Q1")
    assert defaults.framework.manifest.id == "ml-scaling"
    empty = tmp_path / "new-client"
    empty.mkdir()
    blank = client_defaults(empty, dt.date(2026, 11, 29), Shelf())
    assert (blank.organization, blank.period) == ("", "2026-Q4")
    (folder / "2027-Q1.yaml").write_text("framework: ml-scaling\nperiod: [\n")
    broken = client_defaults(folder, dt.date(2027, 2, 1), Shelf())
    assert broken.organization == "" and broken.problem is not None
    assert broken.problem.startswith("2027-Q1.yaml could not be read (")
    # The quarter of the day, as `readiness questionnaire` and `init` default to, file or not.
    for day in (dt.date(2026, 12, 1), dt.date(2027, 2, 1)):
        assert client_defaults(folder, day, Shelf()).period == quarter_of(day)
    assert client_defaults(folder, dt.date(2026, 12, 1), Shelf()).period == "2026-Q4"


def test_respondent_ids_are_readable_and_unique() -> None:
    assert respondent_id("Chief Data Officer", set()) == "chief-data-officer"
    assert respondent_id("Chief Data Officer", {"chief-data-officer"}) == "chief-data-officer-2"
    assert respondent_id("VP, R&D (EMEA)", set()) == "vp-r-d-emea"
    assert respondent_id("3rd line", set()) == "p-3rd-line"
    assert respondent_id("Directeur général", set()) == "directeur-g-n-ral"
    assert respondent_id("日本", set()) == "participant"


def test_levels_are_points_on_the_scale() -> None:
    framework = locate_framework("ml-scaling")
    questions = framework.questions()
    plain = questions["data.inventory"]
    assert parse_level("3", plain, framework) == 3.0
    with pytest.raises(InputProblem, match="not on the scale"):
        parse_level("2.5", plain, framework)
    with pytest.raises(InputProblem, match="cannot be answered n/a"):
        parse_level("n/a", plain, framework)
    optional = next(q for q in questions.values() if q.allow_na)
    assert parse_level("n/a", optional, framework) is None


def test_texts_are_bounded_and_free_of_control_characters() -> None:
    assert text("  a\r\nb ", "Note") == "a\nb"
    for bad in ("bell\x07", "del\x7f", "csi\x9b31m", "bidi\u202eexe.txt", "line\u2028next"):
        with pytest.raises(InputProblem, match="Note: contains control or text-direction"):
            text(bad, "Note")
    assert text("tab\tand\nbreak", "Note") == "tab\tand\nbreak"
    with pytest.raises(InputProblem, match="Note: 6 characters; at most 5"):
        text("abcdef", "Note", limit=5)
    assert text("", "Note", required=False) == ""


def test_the_tally_counts_levels_spread_and_dispute() -> None:
    framework = locate_framework("ml-scaling")
    question = framework.questions()["data.inventory"]
    counted = tally([1.0, 3.0, 3.0], framework, question, 2.0)
    assert [c for _, _, c in counted.counts] == [0, 1, 0, 2, 0]
    assert (counted.spread, counted.mean, counted.disputed) == (2.0, 2.33, True)
    assert tally([], framework, question, 2.0).spread is None


def test_one_vote_or_a_minority_of_the_room_is_too_few_to_be_aligned() -> None:
    framework = locate_framework("ml-scaling")
    question = next(q for q in framework.questions().values() if q.allow_na)

    def status(values: list[float | None], joined: int) -> str:
        return tally(values, framework, question, 2.0, joined=joined).status

    assert status([], 4) == "none"
    assert status([3.0], 1) == "few"  # one vote is no consensus, even alone in the room
    assert status([3.0, 3.0], 4) == "aligned"  # half the room
    assert status([3.0, 3.0], 5) == "few"
    assert status([3.0, None, None], 3) == "few"  # n/a is no level
    assert status([0.0, 3.0], 6) == "disputed"  # two votes that far apart disagree
    counted = tally([1.0, 1.0, 3.0, None], framework, question, 2.0, joined=4)
    assert (counted.votes, counted.levels, counted.na, counted.mean) == (4, 3, 1, 1.67)


def test_the_rate_limiter_allows_a_window_of_events_per_key() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 10.0, clock=lambda: now[0])
    assert [limiter.allow("a") for _ in range(3)] == [True, True, False]
    assert limiter.allow("b")
    now[0] = 10.5
    assert limiter.allow("a")


def test_join_codes_avoid_look_alike_characters() -> None:
    codes = {new_code() for _ in range(200)}
    assert len(codes) == 200
    assert not any(set(c) & set("01ILO") for c in codes)


def test_the_vendored_htmx_is_the_pinned_file_with_its_licence() -> None:
    manifest = (STATIC / "VENDORED.txt").read_text()
    digest = hashlib.sha256((STATIC / "htmx.min.js").read_bytes()).hexdigest()
    assert f"sha256 of htmx.min.js:       {digest}" in manifest
    assert "htmx 2.0.11" in manifest and 'version:"2.0.11"' in (STATIC / "htmx.min.js").read_text()
    assert "Zero-Clause BSD" in (STATIC / "htmx.LICENSE").read_text()
