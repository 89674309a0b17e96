"""The report's table of contents: its sections in print order, a section without content
left out, the appendix's sections one level down."""

from __future__ import annotations

from readiness.report.contents import table_of_contents
from readiness.report.i18n import ENGLISH
from test_report import example_context


def test_the_bundled_example_s_contents() -> None:
    context = example_context()
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
    context = example_context(None)
    assert "progress" not in [s.anchor for s in context.sections]


def test_sections_without_content_are_left_out_and_respondents_listed() -> None:
    story = example_context(None).story
    sections = table_of_contents(
        story, ENGLISH, progress=None, first_wave=False, roadmap=False, respondents=True
    )
    anchors = [s.anchor for s in sections]
    assert "first-wave" not in anchors and "all-initiatives" not in anchors
    assert anchors[-2:] == ["method", "respondents"]
    assert sections[-1].level == 2
