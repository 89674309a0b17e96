"""The verdict sheet: what the plan says about the target, in the workbook a partner sends."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from readiness.pipeline import plan
from readiness.workbook.results import build_results
from workbook_helpers import ROOT

ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"


@pytest.fixture(scope="module")
def book() -> Any:
    planned = plan(ACME)
    loaded = planned.assessed.loaded
    data = build_results(
        loaded.assessment, loaded.framework, planned.assessed.scorecard, planned.data()
    )
    return load_workbook(BytesIO(data))


def _rows(book: Any) -> list[tuple[Any, ...]]:
    return list(book["Verdict"].iter_rows(values_only=True))


def test_the_verdict_is_the_first_sheet_and_opens_first(book: Any) -> None:
    assert book.sheetnames[:2] == ["Verdict", "Summary"]
    assert book.active.title == "Verdict"


def test_it_says_the_deadline_and_the_target_stage_are_missed(book: Any) -> None:
    facts = {row[0]: row[1] for row in _rows(book) if row[0] and row[1]}
    assert facts["Target"] == "Enterprise scale, by Jun 2029"
    assert facts["Deadline"] == (
        "NOT MET: the plan does not reach Enterprise scale; its work ends Dec 2029, after the "
        "deadline Jun 2029"
    )
    assert facts["Reaches the target stage"] == (
        "NO: once all the planned work is done, teams.level >= 3 still fails"
    )
    assert facts["Way to the target"].startswith("60.1% of the way")
    assert facts["Stage today"] == "Pilot to production"


def test_milestones_warnings_deferred_work_and_findings_are_listed(book: Any) -> None:
    rows = _rows(book)
    milestones = {row[0]: row[1:] for row in rows if row[0] and str(row[0]).startswith("Ready for")}
    assert milestones["Ready for Department scale"][:2] == ("yes", "Sep 2027 (month 9)")
    assert milestones["Ready for Enterprise scale"] == (
        "NO",
        "not by the plan's end (Dec 2029)",
        "teams.level >= 3",
    )
    firsts = [row[0] for row in rows]
    assert any(str(f).startswith("the target deadline 2029-06 is not met") for f in firsts)
    assert "4 gaps to the target stay open: listed below" in firsts
    # The deferred work says what it is needed for and why it waits: the standard tool stack,
    # past the horizon, leaves teams.standard_tools (and so teams.level) short of the target.
    deferred = next(row for row in rows if row[0] == "standard-tool-stack")
    assert deferred[2] == "target: teams.standard_tools at 3"
    assert deferred[3].startswith("would end in month 37")
    gated = next(row for row in rows if row[0] == "progressive-delivery")
    assert "Enterprise scale gate: infrastructure.cicd >= 3" in gated[2]
    gaps = {row[0] for row in rows if row[1] == "3" and row[3]}
    assert gaps == {
        "infrastructure.llm_evaluation",
        "infrastructure.llm_guardrails",
        "ethics.security",
        "teams.standard_tools",
    }
    findings = [
        row for row in rows if row[0] and str(row[0]).endswith(("(high)", "(medium)", "(low)"))
    ]
    assert len(findings) == 24
    # High severity first: Acme's live generative AI exposure (prompts and retrieval data at
    # Ad hoc) leads, then its drift finding, once (the rule on retraining without drift
    # detection steps aside where models are served).
    assert findings[0][0] == "data-prompt-retrieval-data-at-1 (high)"
    assert findings[1][0] == "drift-undetected (high)"
    assert "retraining-without-drift-detection (high)" not in [f[0] for f in findings]
    assert findings[-1][0] == "no-self-service (low)"


def _facts(example: str) -> tuple[dict[str, Any], dict[Any, Any]]:
    planned = plan(ROOT / "examples" / example / "2026-Q4.yaml")
    loaded = planned.assessed.loaded
    data = build_results(
        loaded.assessment, loaded.framework, planned.assessed.scorecard, planned.data()
    )
    rows = load_workbook(BytesIO(data))["Verdict"].iter_rows(values_only=True)
    return planned.data()["plan"], {row[0]: row[1] for row in rows if row[0] and row[1]}


def test_a_deadline_says_when_the_target_stage_is_reached_and_whether_its_levels_follow() -> None:
    # Meridian is at the target stage already; its target's levels are in place by Jun 2029.
    meridian, facts = _facts("meridian-telecom")
    assert meridian["deadline_fits"] is True
    year, month = meridian["end"].split("-")
    ends = dt.date(int(year), int(month), 1).strftime("%b %Y")
    assert meridian["end"] <= "2029-06"
    assert facts["Deadline"] == (
        f"met: Enterprise scale is reached today; the planned work ends {ends}, by the "
        "deadline Jun 2029"
    )
    # Helios reaches the target stage by its deadline, but work raising the target's levels
    # ends after it.
    helios, facts = _facts("helios-energy")
    assert helios["deadline_fits"] is False
    assert facts["Deadline"] == (
        "NOT MET: Enterprise scale is reached Dec 2028, but the levels the target sets are in "
        "place only after the deadline Dec 2028"
    )
    assert facts["Reaches the target stage"] == "yes, in Dec 2028"
