"""The report's table of contents: the sections it has, in the order it prints them, each
with its anchor, title and level (the appendix's sections one level down). A section without
content is left out: progress without a baseline, the disagreement without workshop votes, the
roadmap's pages without a plan, What it takes when it has no page of its own."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.report.i18n import Translator
from readiness.report.progress import ProgressView
from readiness.report.story import Story


@dataclass(frozen=True)
class Section:
    """A table-of-contents entry."""

    anchor: str
    title: str
    level: int


def table_of_contents(
    story: Story,
    words: Translator,
    *,
    progress: ProgressView | None,
    first_wave: bool,
    roadmap: bool,
    respondents: bool,
) -> tuple[Section, ...]:
    """The report's sections in order: `progress` (its section, when there is a baseline),
    whether there are a first wave's pages, a roadmap and respondents to list."""
    _ = words.gettext
    sections = [Section("summary", _("Executive summary"), 1)]
    if progress:
        sections.append(
            Section(
                "progress",
                _("Progress since %(period)s", period=progress.baseline_period),
                1,
            )
        )
    sections.append(Section("standing", _("Where you stand"), 1))
    if story.workshop:
        sections.append(Section("disagreement", _("Where leadership disagrees"), 1))
    sections.append(Section("themes", _("What holds you back"), 1))
    if story.roadmap:
        sections.append(Section("roadmap", _("The roadmap"), 1))
    if first_wave:
        sections.append(Section("first-wave", _("The first wave"), 1))
    if story.what_it_takes and story.what_it_takes.own_page:
        sections.append(Section("what-it-takes", _("What it takes"), 1))
    sections += [
        Section("appendix", _("Appendix"), 1),
        Section("answers", _("Every practice and answer"), 2),
        Section("all-findings", _("Every finding"), 2),
        *([Section("all-initiatives", _("Every initiative"), 2)] if roadmap else []),
        Section("method", _("Method"), 2),
    ]
    if respondents:
        sections.append(Section("respondents", _("Respondents"), 2))
    if story.workshop is not None and story.workshop.disputes:
        sections.append(Section("disputes", _("Every disputed question"), 2))
    return tuple(sections)
