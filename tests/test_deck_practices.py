"""The practices slide (`readiness.deck.practices`): each cell is shaded by the level it prints,
the practices below come first and then the strongest, every practice left out is counted by
level in its row, and the title counts only what a reader can find on the slide."""

from __future__ import annotations

import re

import pytest

from readiness.deck.practices import NAMED_CELLS, practices_slide
from readiness.deck.slides import HeatmapSlide
from readiness.report.story import Story
from test_deck_content import (  # noqa: F401  (the fixtures)
    ROOT,
    Example,
    Northwind,
    example,
    northwind,
    short_of_enterprise,
)


@pytest.fixture(scope="module")
def acme() -> Example:
    """Acme Retail's latest period: two practices below what department scale requires."""
    return example(ROOT / "examples" / "acme-retail")


def _level(text: str) -> float:
    """The level a practice cell prints on its second line (`2, needs 3` -> 2)."""
    return float(text.split("\n")[1].split(",")[0])


def _counted(text: str) -> tuple[int, int, dict[float, int]]:
    """What a row's last cell counts: how many practices, how many of them below, and how
    many at each level (`+8 more, 1 below:\n1 at 1, 6 at 2`)."""
    first, counts = text.split("\n")
    found = re.fullmatch(r"\+(\d+) more(?:, (\d+) below)?:", first)
    assert found, first
    levels = {
        float(part.split(" at ")[1]): int(part.split(" at ")[0])
        for part in counts.split(", ")
        if " at " in part
    }
    return int(found[1]), int(found[2] or 0), levels


def _check_rows(slide: HeatmapSlide, story: Story, low: float, high: float) -> tuple[int, int]:
    """Every practice of each row named or counted, names shaded by their printed level; the
    number of practices named below, and of those counted below."""
    named_below = counted_below = 0
    for row, standing in zip(slide.rows, story.standing, strict=True):
        assert row.label == standing.dimension
        by_name = {p.name: p for p in standing.practices}
        named = [
            c for c in row.cells if c.shade is not None or ("\n" in c.text and "more" not in c.text)
        ]
        for cell in named:
            practice = by_name[cell.text.split("\n")[0]]
            if practice.level is None:
                assert cell.shade is None
                continue
            # The shade is the printed level's: a "1" is never shaded as a 2.
            assert _level(cell.text) == practice.level
            assert cell.shade == pytest.approx((practice.level - low) / (high - low))
        named_below += sum("needs" in c.text or "target" in c.text for c in named)
        rest = [c for c in row.cells if c not in named]
        if len(standing.practices) <= NAMED_CELLS + 1:
            assert not rest and len(named) == len(standing.practices)
            continue
        (last,) = rest
        assert last is row.cells[-1] and last.shade is None
        count, below, levels = _counted(last.text)
        assert len(named) == NAMED_CELLS
        assert count + len(named) == len(standing.practices)
        hidden = [
            p for p in standing.practices if p.name not in {c.text.split("\n")[0] for c in named}
        ]
        assert levels == {
            level: sum(p.level == level for p in hidden)
            for level in {p.level for p in hidden if p.level is not None}
        }
        counted_below += below
    return named_below, counted_below


def test_below_first_then_the_strongest_and_the_rest_counted(acme: Example) -> None:
    story = acme.story
    slide = practices_slide(story, acme.framework)
    scale = acme.framework.manifest.scale
    below = [p for row in story.standing for p in row.practices if p.short]
    assert len(below) == 2
    named_below, counted_below = _check_rows(slide, story, scale.min, scale.max)
    assert (named_below, counted_below) == (2, 0)
    # Few enough to name: the title says which, as the cells name them.
    assert slide.title == (
        "2 practices below what department scale requires: operational monitoring and risk "
        "review before go-live"
    )
    assert {p.name for p in below} == {"Operational monitoring", "Risk review before go-live"}
    # Infrastructure: monitoring (below) first, then the strongest; nothing left out is
    # stronger than a strength shown.
    row = slide.rows[1]
    (monitoring,) = [p for p in story.standing[1].practices if p.short]
    assert row.cells[0].text == f"{monitoring.name}\n2, needs 3"
    strengths = [_level(c.text) for c in row.cells[1:NAMED_CELLS]]
    assert strengths == sorted(strengths, reverse=True)
    _, _, levels = _counted(row.cells[-1].text)
    assert max(levels) <= min(strengths)
    # The legend shades each level as the cells do.
    assert [c.shade for c in slide.legend] == [0, 0.25, 0.5, 0.75, 1]


def test_more_practices_below_than_cells_are_counted_and_the_title_says_so(
    short_of_enterprise: Example,  # noqa: F811
) -> None:
    story = short_of_enterprise.story
    scale = short_of_enterprise.framework.manifest.scale
    slide = practices_slide(story, short_of_enterprise.framework)
    below = sum(p.short for row in story.standing for p in row.practices)
    named_below, counted_below = _check_rows(slide, story, scale.min, scale.max)
    assert named_below + counted_below == below
    assert counted_below > 0
    # Every cell is a practice below: the title does not promise strengths it has no room for.
    assert slide.title == (
        f"{below} practices below what enterprise scale requires ({named_below} shown)"
    )


def test_at_the_last_stage_the_practices_below_their_target_level_come_first() -> None:
    meridian = example(ROOT / "examples" / "meridian-telecom")
    story = meridian.story
    assert story.next_stage is None
    slide = practices_slide(story, meridian.framework)
    expected = sum(
        p.level is not None and row.target_level is not None and p.level < row.target_level
        for row in story.standing
        for p in row.practices
    )
    assert expected > 0
    named_below, counted_below = _check_rows(slide, story, 0, 4)
    assert named_below + counted_below == expected
    assert slide.title.startswith(f"{expected} practices below their dimension's target level")
    assert all("needs" not in c.text for row in slide.rows for c in row.cells)


def test_with_nothing_below_each_row_names_its_weakest_then_its_strongest(
    northwind: Northwind,  # noqa: F811
) -> None:
    story = northwind.story
    calm = story._replace(
        standing=tuple(
            r._replace(practices=tuple(p._replace(short=False) for p in r.practices))
            for r in story.standing
        )
    )
    slide = practices_slide(calm, northwind.framework)
    levels = [p.level for r in calm.standing for p in r.practices if p.level is not None]
    low, top = min(levels), max(levels)
    labels = northwind.framework.manifest.scale.labels
    # A message said aloud: how many of how many sit at the lowest level and at the highest.
    assert slide.title == (
        f"Of {len(levels)} practices, {levels.count(low)} are at {low:g} {labels[low]} and "
        f"{levels.count(top)} at {top:g} {labels[top]}"
    )
    scale = northwind.framework.manifest.scale
    named_below, counted_below = _check_rows(slide, calm, scale.min, scale.max)
    assert (named_below, counted_below) == (0, 0)
    for row, standing in zip(slide.rows, calm.standing, strict=True):
        values = [p.level for p in standing.practices if p.level is not None]
        shown = [_level(c.text) for c in row.cells[:NAMED_CELLS]]
        half = NAMED_CELLS // 2
        assert shown[:half] == sorted(values)[:half]
        assert shown[half:] == sorted(values, reverse=True)[: NAMED_CELLS - half]


def test_a_dimension_of_few_practices_names_them_all(northwind: Northwind) -> None:  # noqa: F811
    story = northwind.story
    # One cell more than the named ones: a count would take the cell a name can have.
    few = tuple(
        r._replace(practices=tuple(p._replace(short=False) for p in r.practices[: NAMED_CELLS + 1]))
        for r in story.standing
    )
    slide = practices_slide(story._replace(standing=few), northwind.framework)
    names = [{c.text.split("\n")[0] for c in row.cells} for row in slide.rows]
    assert names == [{p.name for p in r.practices} for r in few]
    assert all("more" not in c.text for row in slide.rows for c in row.cells)
    assert slide.title.startswith("Of ") and " practices, " in slide.title
    assert "every practice is shown" in slide.notes
