"""The report's table of contents: its sections in print order, a section without content
left out, the appendix's sections one level down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from readiness.pipeline import assess
from readiness.plan.roadmap import plan_roadmap
from readiness.report.contents import table_of_contents
from readiness.report.context import ReportContext, build_context
from readiness.report.i18n import ENGLISH
from readiness.rules import evaluate_rules

ROOT = Path(__file__).resolve().parent.parent
ACME = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
ACME_BASELINE = ROOT / "examples" / "acme-retail" / "2026-Q3.yaml"


def _context(baseline: Path | None) -> ReportContext:
    assessed = assess(ACME)
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    progress = None
    if baseline is not None:
        from readiness.pipeline.reporting import _baseline_progress

        progress = _baseline_progress(baseline, assessed, ())
    return build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        plan,
        generated=dt.date(2026, 12, 1),
        progress=progress,
    )


def test_the_bundled_example_s_contents() -> None:
    context = _context(ACME_BASELINE)
    assert [(s.anchor, s.level) for s in context.sections] == [
        ("summary", 1),
        ("progress", 1),
        ("standing", 1),
        ("themes", 1),
        ("roadmap", 1),
        ("first-wave", 1),
        ("what-it-takes", 1),
        ("appendix", 1),
        ("answers", 2),
        ("all-findings", 2),
        ("all-initiatives", 2),
        ("method", 2),
    ]
    assert context.sections[1].title == "Progress since 2026-Q3"


def test_without_a_baseline_the_contents_have_no_progress() -> None:
    context = _context(None)
    assert "progress" not in [s.anchor for s in context.sections]


def test_sections_without_content_are_left_out_and_respondents_listed() -> None:
    story = _context(None).story
    sections = table_of_contents(
        story, ENGLISH, progress=None, first_wave=False, roadmap=False, respondents=True
    )
    anchors = [s.anchor for s in sections]
    assert "first-wave" not in anchors and "all-initiatives" not in anchors
    assert anchors[-2:] == ["method", "respondents"]
    assert sections[-1].level == 2
