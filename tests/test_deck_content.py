"""What the deck's slides say, read from the records `readiness.deck.content` builds for the
Northwind workshop: every count a slide states agrees with what it lists, and each blocker is
paired with the initiative that answers it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest

from readiness.deck.content import PRACTICES_SHOWN, deck_slides
from readiness.deck.slides import HeatmapSlide, Slides, TextSlide
from readiness.model import Assessment, Framework
from readiness.pipeline import load_client
from readiness.plan.roadmap import plan_roadmap
from readiness.report.story import Story, build_story
from readiness.rules import evaluate_rules
from readiness.score import Scorecard
from readiness.workshop import build_workshop

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-bank"


class Northwind(NamedTuple):
    """Northwind's story with its workshop, and what `deck_slides` needs besides."""

    story: Story
    framework: Framework
    assessment: Assessment
    scorecard: Scorecard

    def slides(self, story: Story) -> Slides:
        """The deck of `story` (Northwind's, changed by a test)."""
        return deck_slides(
            story,
            self.framework,
            self.assessment,
            self.scorecard,
            progress=None,
            generated=dt.date(2026, 12, 15),
            consultancy=None,
        )


@pytest.fixture(scope="module")
def northwind() -> Northwind:
    """The Northwind workshop's latest (only) period, built once."""
    period = load_client(NORTHWIND, frameworks=(ROOT / "questionnaires",))[-1]
    framework, assessment, card = period.framework, period.assessment, period.scorecard
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
    workshop = build_workshop(assessment, framework, card)
    story = build_story(framework, assessment, card, results, plan, workshop=workshop)
    return Northwind(story, framework, assessment, card)


def _heatmap(slides: Slides) -> HeatmapSlide:
    return next(s for s in slides.slides if isinstance(s, HeatmapSlide))


def test_the_heat_map_shows_every_practice_it_counts(northwind: Northwind) -> None:
    story = northwind.story
    heatmap = _heatmap(northwind.slides(story))
    short = [p.name for row in story.standing for p in row.practices if p.short]
    needs = [c.text.split("\n")[0] for row in heatmap.rows for c in row.cells if "needs" in c.text]
    assert heatmap.title == f"{len(short)} practices below what enterprise scale requires"
    assert sorted(needs) == sorted(short)
    assert "Human oversight" in needs


def test_a_row_with_more_short_practices_than_cells_counts_the_rest(northwind: Northwind) -> None:
    story = northwind.story
    row = story.standing[0]
    template = next(p for p in row.practices if p.short)
    many = tuple(template._replace(name=f"Practice {n}") for n in range(PRACTICES_SHOWN + 3))
    widened = story._replace(standing=(row._replace(practices=many), *story.standing[1:]))
    heatmap = _heatmap(northwind.slides(widened))
    cells = heatmap.rows[0].cells
    assert len(cells) == PRACTICES_SHOWN
    assert cells[-1].text == "+4 more below the level, in the report"
    assert cells[-1].shade is None
    below = sum(p.short for r in widened.standing for p in r.practices)
    shown = sum("needs" in c.text for r in heatmap.rows for c in r.cells)
    assert shown == below - 4
    assert heatmap.title.endswith(f"requires ({shown} shown)")


def _themes(slides: Slides, organization: str) -> TextSlide:
    return next(
        s
        for s in slides.slides
        if isinstance(s, TextSlide) and s.title == f"What holds {organization} back"
    )


def test_each_blocker_names_the_initiative_its_finding_recommends(northwind: Northwind) -> None:
    story, framework = northwind.story, northwind.framework
    slide = _themes(northwind.slides(story), story.organization)
    rules = {r.id: r for r in framework.rules}
    for theme, point in zip(story.themes, slide.points, strict=True):
        recommended = {
            framework.initiative(i).title for i in rules[theme.findings[0].rule].recommend
        }
        named = point.detail.split("answered by “")[1].split("”")[0]
        assert named in recommended, point
    first = slide.points[0]
    assert first.text.startswith("Bias testing")
    assert "Test every model that affects people for bias" in first.detail
    assert "incidents" not in first.detail
    assert "(Sep 2027 – " in first.detail


def test_a_blocker_no_planned_work_answers_says_so(northwind: Northwind) -> None:
    story = northwind.story
    lone = story._replace(themes=(story.themes[0]._replace(actions=()),))
    (point,) = _themes(northwind.slides(lone), story.organization).points
    assert point.detail.endswith("; no initiative is planned for it yet")
