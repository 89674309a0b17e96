"""The plan's workstreams: its rows by workstream, in the framework's order (declared, else its
dimensions), each spanning its rows with their effort."""

from __future__ import annotations

from pathlib import Path

import pytest

from planning_helpers import LOW, make_assessment
from readiness.load import Shelf, load_framework
from readiness.model import Framework
from readiness.pipeline import plan
from readiness.plan.records import PlannedInitiative
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.workstreams import plan_workstreams
from readiness.rules import evaluate_rules
from readiness.score import score_assessment

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))


@pytest.fixture(scope="module")
def shelf() -> Shelf:
    return Shelf()


def _rows(folder: str) -> tuple[tuple[PlannedInitiative, ...], Framework]:
    framework = load_framework(FIXTURES / folder)
    assessment = make_assessment(framework, LOW, {"size": 4000})
    card = score_assessment(assessment, framework)
    result = plan_roadmap(framework, assessment, card, evaluate_rules(framework, card))
    return result.initiatives, framework


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_a_workstream_spans_its_rows_and_adds_their_effort(shelf: Shelf, path: Path) -> None:
    result = plan(path, shelf=shelf).plan
    assert result.workstreams
    for stream in result.workstreams:
        rows = [r for r in result.initiatives if r.id in stream.initiatives]
        assert [r.id for r in rows] == list(stream.initiatives)
        assert all(r.workstream == stream.id for r in rows)
        assert stream.start_month == min(r.start_month for r in rows)
        assert stream.end_month == max(r.end_month for r in rows)
        assert stream.fte_months == round(sum(r.fte_months for r in rows), 2)
    # Every row is in one workstream.
    assert sorted(i for s in result.workstreams for i in s.initiatives) == sorted(
        r.id for r in result.initiatives
    )


def test_declared_workstreams_come_in_the_framework_s_order() -> None:
    rows, framework = _rows("planner2")
    streams = plan_workstreams(framework, rows)
    declared = [w.id for w in framework.manifest.workstreams]
    assert [s.id for s in streams] == [w for w in declared if any(r.workstream == w for r in rows)]
    titles = {w.id: w.title for w in framework.manifest.workstreams}
    assert all(s.title == titles[s.id] for s in streams)


def test_without_declared_workstreams_the_dimensions_are_the_workstreams() -> None:
    rows, framework = _rows("planner")
    streams = plan_workstreams(framework, rows)
    assert [(s.id, s.title) for s in streams] == [
        (d.id, d.title) for d in framework.dimensions if any(r.workstream == d.id for r in rows)
    ]
    assert plan_workstreams(framework, ()) == ()
