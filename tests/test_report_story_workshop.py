"""The report's open questions: every vote with its weight, so the value stated can be checked by
hand; those that decide the stage first."""

from __future__ import annotations

import re
from pathlib import Path

from readiness.model import Framework
from readiness.pipeline import assess
from readiness.report.i18n import ENGLISH
from readiness.report.story_workshop import story_workshop
from readiness.score import score_assessment
from readiness.workshop import build_workshop
from test_deck_content import weighted_northwind
from test_workshop import workshop

VOTERS = re.compile(r"^(?P<voters>.+): (?P<level>\d+) · ")
TIMES = re.compile(r" \(counts (?P<times>[\d.]+) times\)")


def test_every_vote_is_shown_with_its_weight(mini: Framework) -> None:
    answers = {"alpha.one": {"votes": {"ann": 0, "bob": 2, "cy": 3}}}
    assessment = workshop(answers)
    scored = score_assessment(assessment, mini)
    talk = story_workshop(
        build_workshop(assessment, mini, scored), assessment, mini, scored, ENGLISH
    )
    assert talk is not None
    (dispute,) = talk.disputes
    assert dispute.votes == (
        "Ann Archer (CTO) (counts 3 times): 0 · Absent",
        "CDO: 2 · Repeatable",
        "COO: 3 · Defined",
    )
    # (0 * 3 + 2 + 3) / 5
    assert dispute.value == "Averaged with each voter's weight, the votes give 1 (Ad hoc)."


def test_the_bundled_values_can_be_checked_by_hand(tmp_path: Path) -> None:
    # Northwind with the CTO's infrastructure votes counting twice: weights to check by hand.
    result = assess(weighted_northwind(tmp_path / "weighted"))
    loaded = result.loaded
    view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
    talk = story_workshop(view, loaded.assessment, loaded.framework, result.scorecard, ENGLISH)
    assert talk is not None and view is not None
    open_disputes = [d for d in talk.disputes if not d.settled]
    assert [d.deciding for d in open_disputes] == [True] * 3 + [False] * 4
    for dispute in open_disputes:
        total = weight = 0.0
        for line in dispute.votes:
            found = VOTERS.match(line)
            assert found, line
            for voter in found["voters"].split(", "):
                times = TIMES.search(voter)
                counts = float(times["times"]) if times else 1.0
                total += counts * int(found["level"])
                weight += counts
        # Every respondent's vote is there (the report once showed only the lowest and highest).
        assert weight >= len(view.respondents)
        average = round(total / weight, 2)
        points = {label: point for point, label in loaded.framework.manifest.scale.labels.items()}
        # On a level, its number and name; between two levels, the two levels and no decimal
        # a reader must decode.
        on = re.search(r"give ([\d.]+) \(([A-Z][\w ]+)\)\.$", dispute.value)
        between = re.search(r"fall between ([A-Z][\w ]+) and ([A-Z][\w ]+)\.$", dispute.value)
        assert on or between, dispute.value
        if on:
            assert average == float(on[1]) == points[on[2]], (dispute.question, dispute.votes)
        else:
            assert between is not None
            assert points[between[1]] < average < points[between[2]], dispute.votes
            assert not re.search(r"\d", dispute.value), dispute.value
