"""What the deck's slides say, read from the records `readiness.deck.content` builds for the
Northwind workshop: every count a slide states agrees with what it lists, and each blocker is
paired with the initiative that answers it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

import pytest

from readiness.deck.ask import funding
from readiness.deck.content import deck_slides, key_points
from readiness.deck.slides import Slides, TableSlide, TextSlide, TitleSlide, TwoColumnSlide
from readiness.deck.standing import standing_slide, what_it_takes_slide
from readiness.model import Assessment, Framework
from readiness.pipeline import load_client
from readiness.plan.roadmap import plan_roadmap
from readiness.report.cost import Rate, team_rate
from readiness.report.story import Story, build_story
from readiness.report.words import long_date
from readiness.rules import evaluate_rules
from readiness.score import Scorecard
from readiness.workshop import build_workshop

ROOT = Path(__file__).resolve().parent.parent
NORTHWIND = ROOT / "examples" / "northwind-bank"


class Example(NamedTuple):
    """An example's story (with its workshop, if it has one), and what `deck_slides` needs
    besides."""

    story: Story
    framework: Framework
    assessment: Assessment
    scorecard: Scorecard

    @property
    def rate(self) -> Rate | None:
        """The delivery team's rate, as the deck prices the ask with it."""
        return team_rate(self.assessment)

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


Northwind = Example


def example(folder: Path) -> Example:
    """The story of an example's latest period and the models it was built from."""
    period = load_client(folder, frameworks=(ROOT / "questionnaires",))[-1]
    framework, assessment, card = period.framework, period.assessment, period.scorecard
    results = evaluate_rules(framework, card)
    plan = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
    workshop = build_workshop(assessment, framework, card)
    story = build_story(framework, assessment, card, results, plan, workshop=workshop)
    return Example(story, framework, assessment, card)


@pytest.fixture(scope="module")
def northwind() -> Example:
    """The Northwind workshop's latest (only) period, built once."""
    return example(NORTHWIND)


def weighted_northwind(folder: Path) -> Path:
    """A copy of Northwind's workshop in `folder` with the CTO's votes counting twice on
    infrastructure and monitoring left to the votes: at department scale, and short of
    enterprise scale in every dimension."""
    text = (NORTHWIND / "2026-Q4.yaml").read_text(encoding="utf-8")
    weighted = text.replace(
        "    role: Chief Technology Officer\n",
        "    role: Chief Technology Officer\n    weights: {infrastructure: 2}\n",
    ).replace(
        "    level: 2\n    votes: {cto: 3, cdo: 3, cro: 1", "    votes: {cto: 4, cdo: 3, cro: 2"
    )
    assert weighted.count("infrastructure: 2}") == 1 and "{cto: 4, cdo: 3, cro: 2" in weighted
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-Q4.yaml").write_text(weighted, encoding="utf-8")
    return folder / "2026-Q4.yaml"


@pytest.fixture(scope="module")
def short_of_enterprise(tmp_path_factory: pytest.TempPathFactory) -> Example:
    """Northwind weighted as in `weighted_northwind`: many practices short of the next stage."""
    built = example(weighted_northwind(tmp_path_factory.mktemp("weighted")).parent)
    assert built.story.stage != built.story.target_stage
    return built


def _themes(slides: Slides, organization: str) -> TableSlide:
    return next(
        s
        for s in slides.slides
        if isinstance(s, TableSlide) and s.title.startswith(f"What holds {organization} back")
    )


def test_each_blocker_names_the_initiative_the_report_names(northwind: Northwind) -> None:
    story = northwind.story
    slide = _themes(northwind.slides(story), story.organization)
    assert story.roadmap is not None
    lanes = {b.title: (lane.title, b) for lane in story.roadmap.lanes for b in lane.bars}
    ranks = {p.title: n for n, p in enumerate(story.priorities, start=1)}
    for theme, row in zip(story.themes, slide.rows, strict=True):
        title, findings, answer, when = row
        assert title == theme.title
        # Every finding of the theme, as the report's theme counts them (and the appendix); its
        # dimension is in the notes, so that five themes fit at 14 pt.
        assert findings == f"{theme.counted} finding{'s' if theme.counted > 1 else ''}"
        assert f"{theme.title} ({theme.dimension})." in slide.notes
        assert f"{theme.counted} finding" in theme.summary
        if theme.lead_open:
            # Planned work answers the theme's other findings, not the one the row names.
            assert answer.startswith(f"Not within the plan: it {theme.lead_open}; ")
            assert when == ""
            continue
        # The report's "What answers it" starts with the theme's first action in plan order,
        # labelled with its workstream where the roadmap files it elsewhere.
        first = theme.actions[0]
        lane, bar = lanes[first]
        workstream = f" ({lane} workstream)" if lane != theme.dimension else ""
        more = len(theme.actions) - 1
        then = f"; then {more} more initiative{'s' if more > 1 else ''}" if more else ""
        assert answer == first + workstream + then
        assert when == bar.when + (f", P{ranks[first]}" if first in ranks else "")


def test_a_blocker_no_planned_work_answers_says_so(northwind: Northwind) -> None:
    story = northwind.story
    lone = story._replace(themes=(story.themes[0]._replace(actions=()),))
    (row,) = _themes(northwind.slides(lone), story.organization).rows
    assert row[2:] == ("No initiative is planned for it yet", "")


def test_the_priorities_are_titled_by_when_each_begins(northwind: Northwind) -> None:
    def priorities(example: Example, story: Story) -> TableSlide:
        (table,) = [
            s
            for s in example.slides(story).slides
            if isinstance(s, TableSlide) and s.header[0] == "Priority"
        ]
        return table

    # Northwind: P1 and P2 (the data exposure's containment first) begin together, P3 later.
    paired = [p.when.split(" – ")[0] for p in northwind.story.priorities]
    assert paired[0] == paired[1] != paired[2]
    assert priorities(northwind, northwind.story).title == (
        f"3 priorities: P1 and P2 begin in {paired[0]}, P3 in {paired[2]}"
    )
    # Meridian: each begins in a month of its own.
    meridian = example(ROOT / "examples" / "meridian-telecom")
    story = meridian.story
    table = priorities(meridian, story)
    assert [row[0].split(" · ")[0] for row in table.rows] == ["P1", "P2", "P3"]
    begins = [p.when.split(" – ")[0] for p in story.priorities]
    assert len(set(begins)) == 3
    assert table.title == (
        f"3 priorities: P1 begins in {begins[0]}, P2 in {begins[1]}, P3 in {begins[2]}"
    )
    # Numbered by what matters first, not by start: the title lists them by when they begin.
    late_first = story._replace(priorities=story.priorities[::-1])
    table = priorities(meridian, late_first)
    assert table.title == (
        f"3 priorities: P3 begins in {begins[0]}, P2 in {begins[1]}, P1 in {begins[2]}"
    )
    same = story._replace(priorities=story.priorities[:1] * 2)
    assert priorities(meridian, same).title == f"2 priorities, all beginning {begins[0]}"


def test_the_cover_dates_the_assessment_and_names_its_scope(northwind: Northwind) -> None:
    cover = northwind.slides(northwind.story).slides[0]
    assert isinstance(cover, TitleSlide)
    lines = cover.subtitle.splitlines()
    assessment = northwind.assessment
    assert lines[-3] == "Steering committee, 15 December 2026"
    assert lines[-2] == f"Assessed {long_date(assessment.date)} ({assessment.period})"
    # Who assessed, by name, on a line of its own.
    assert lines[-1] == f"by {assessment.assessor}"
    unit = assessment.organization.unit
    assert (lines[0] == f"Scope: {unit}") if unit else len(lines) == 3


def test_the_cover_names_the_assessor_with_the_consultancy(northwind: Northwind) -> None:
    for built in (northwind, example(ROOT / "examples" / "acme-retail")):
        slides = deck_slides(
            built.story,
            built.framework,
            built.assessment,
            built.scorecard,
            progress=None,
            generated=dt.date(2026, 12, 15),
            consultancy="Kestrel Advisory",
        )
        cover = slides.slides[0]
        assert isinstance(cover, TitleSlide)
        # The assessor by name, with the theme's consultancy once (Acme's assessor names it).
        by = cover.subtitle.splitlines()[-1]
        assert by.startswith(f"by {built.assessment.assessor}")
        assert by.endswith(", Kestrel Advisory") and by.count("Kestrel") == 1


def test_the_themes_slide_says_what_holds_it_back_most(northwind: Northwind) -> None:
    story = northwind.story
    slide = _themes(northwind.slides(story), story.organization)
    assert story.holds_back == story.themes[0].title
    assert slide.title == (
        "What holds Northwind Bank back most: not every model that decides about people is "
        "tested for bias"
    )


def test_at_the_last_stage_what_it_takes_names_the_gaps_the_plan_closes(
    northwind: Northwind,
) -> None:
    story = northwind.story
    # No practice below the standard: the plan is for the themes its findings name.
    rows = tuple(
        r._replace(practices=tuple(p._replace(short=False) for p in r.practices))
        for r in story.standing
    )
    last = story._replace(
        what_it_takes=None, stage="Enterprise scale", next_stage=None, standing=rows
    )
    slide = what_it_takes_slide(last)
    assert slide.title == (
        "Enterprise scale, the last stage, is reached; the plan answers "
        f"{len(story.themes)} themes of findings"
    )
    assert slide.left.heading == "What the plan answers"
    named = [p.text for p in slide.left.points]
    assert named[:3] == [t.title for t in story.themes[:3]]
    assert len(story.themes) == 5
    assert named[3:] == ["and 2 more themes"]
    bare = what_it_takes_slide(last._replace(themes=()))
    assert bare.title == "Enterprise scale is the last stage of the path"
    assert [p.text for p in bare.left.points] == ["Nothing more to reach"]


def test_a_dimension_short_only_on_practices_is_told_apart(
    short_of_enterprise: Example, northwind: Northwind
) -> None:
    story = short_of_enterprise.story
    first, *rest = story.standing
    assert first.state == "short" and first.asks_level is not None
    # Its level meets what enterprise scale asks; one practice does not.
    met = first._replace(level=int(first.asks_level), gap="1 practice below")
    slide = standing_slide(
        story._replace(standing=(met, *rest)),
        short_of_enterprise.framework,
        short_of_enterprise.scorecard,
    )
    short = sum(r.state == "short" for r in story.standing)
    assert slide.title == (
        f"{short - 1} of {len(story.standing)} dimensions fall short of the level enterprise "
        "scale requires; the other is short on practices"
    )
    assert slide.side.points[0].detail == "1 practice below"
    # Northwind itself: every level meets department scale, one dimension is short on
    # practices; the title does not open on "0 of 5".
    plain = northwind.story
    on_practices = [r for r in plain.standing if r.state == "short"]
    assert len(on_practices) == 1 and all(
        r.level is not None and r.asks_level is not None and r.level >= r.asks_level
        for r in plain.standing
    )
    undisputed = tuple(
        r._replace(state="meets") if r.state == "disputed" else r for r in plain.standing
    )
    said = standing_slide(
        plain._replace(standing=undisputed), northwind.framework, northwind.scorecard
    )
    assert said.title == (
        "Every dimension has the level department scale requires, but 1 is short on practices"
    )
    assert [p.text.split(":")[0] for p in said.side.points] == [on_practices[0].dimension]


def test_the_standing_counts_what_is_open_as_what_it_takes_does(northwind: Northwind) -> None:
    """A dimension whose level rests on a disputed answer is open, as What it takes and the
    disputes slide say: the standing slide counts it and names it beside the short ones."""
    story = northwind.story
    takes = story.what_it_takes
    assert takes is not None
    unmet = [c for c in takes.conditions if not c.met]
    disputed = [r for r in story.standing if r.state == "disputed"]
    short = [r for r in story.standing if r.state == "short"]
    assert len(unmet) == 2 and [c.disputed for c in unmet] == [True, False]
    assert len(disputed) == 1 and len(short) == 1
    slide = standing_slide(story, northwind.framework, northwind.scorecard)
    assert slide.title == (
        "Every dimension has the level department scale requires, but 1 is short on practices "
        "and 1 rests on a disputed answer"
    )
    # As many dimensions listed as What it takes has open conditions, each in its row's words.
    assert slide.side.heading == "What is still open"
    assert [p.text.split(":")[0] for p in slide.side.points] == [
        r.dimension for r in story.standing if r in disputed or r in short
    ]
    assert len(slide.side.points) == len(unmet)
    assert slide.side.points[0].detail.endswith("rests on a disputed answer: data quality")
    # Only disputed: the title says so rather than counting nothing short.
    only = tuple(r._replace(state="meets") if r.state == "short" else r for r in story.standing)
    alone = standing_slide(story._replace(standing=only), northwind.framework, northwind.scorecard)
    assert alone.title == (
        "Every dimension has the level department scale requires, 1 only on a disputed answer"
    )


def test_at_target_each_dimension_says_what_is_still_below(northwind: Northwind) -> None:
    story = northwind.story
    rows = tuple(
        r._replace(
            state="last stage",
            verdict="Level met",
            gap="1 practice below the standard" if n == 0 else "",
            target_level=float(r.level or 0),
            asks=None,
            asks_level=None,
        )
        for n, r in enumerate(story.standing)
    )
    at = story._replace(standing=rows, next_stage=None)
    slide = standing_slide(at, northwind.framework, northwind.scorecard)
    # A met level is not a met target: the title says how many still have practices short.
    assert slide.title == (
        f"Every dimension of {story.organization} is at its target level; 1 of 5 with "
        "practices still short"
    )
    details = [p.detail for p in slide.side.points]
    assert details[0] == "Level met; 1 practice below the standard"
    assert details[1:] == ["Level met"] * (len(rows) - 1)


def test_the_headline_slide_is_titled_with_the_decision(northwind: Example) -> None:
    story = northwind.story
    slide = northwind.slides(story).slides[1]
    assert isinstance(slide, TextSlide)
    # What the committee is asked to decide, in the words of the report's key facts.
    assert slide.title == (
        "Fund the first wave: about USD 10.03 million, Jan 2027 – May 2028, to reach department "
        "scale"
    )
    # Short points, not the report's paragraph: today's stage, the next stage's date and what
    # it still needs (one requirement rests on a disputed answer), the target's month against
    # its deadline with the decision it asks, and the disputes to settle.
    takes = story.what_it_takes
    assert takes is not None and takes.when == "May 2028" and takes.earliest == "2030-12"
    assert [(p.text, p.detail) for p in slide.points] == [
        ("Today: pilot to production stage", ""),
        (
            "Department scale by May 2028: 2 of 20 requirements to meet",
            "1 of them rests on a disputed answer: data quality at Repeatable",
        ),
        (
            "Enterprise scale in Dec 2030, after the Jun 2029 target",
            "No team size keeps Jun 2029: the committee decides the date",
        ),
        ("Settle the 6 disputed answers by evidence", ""),
    ]
    # The paragraph is the presenter's, whole.
    assert slide.notes.startswith(story.headline)
    # Without a plan to fund, the stage is the title.
    plain = northwind.slides(story._replace(roadmap=None)).slides[1]
    assert isinstance(plain, TextSlide)
    assert plain.title == "Northwind Bank has reached the Pilot to production stage."


def test_the_key_points_follow_where_the_target_stands(northwind: Example) -> None:
    story = northwind.story._replace(workshop=None)
    assert key_points(story._replace(target_date="Apr 2029"))[-1].text == (
        "Enterprise scale by Apr 2029 (target Jun 2029)"
    )
    # At the target's stage, the target in full is still to meet: Northwind's plan defers
    # work past its horizon, so not within the plan; without a plan, nothing is left.
    assert key_points(story._replace(stage="Enterprise scale"))[-1].text == (
        "Enterprise scale reached today; the target in full is not within the plan"
    )
    assert key_points(story._replace(stage="Enterprise scale", roadmap=None))[-1].text == (
        "Enterprise scale, the target, is reached today"
    )
    takes = story.what_it_takes
    assert takes is not None
    lost = story._replace(what_it_takes=takes._replace(earliest=None))
    assert key_points(lost)[-1].text == "Enterprise scale: not reached by the planned work"
    # Once the next stage is the target, one point says both.
    near = story._replace(what_it_takes=takes._replace(stage="Enterprise scale"))
    assert len(key_points(near)) == 2
    # A stage whose one requirement is open says so without counting "1 of 1".
    one = takes._replace(conditions=takes.conditions[:1])
    said = key_points(
        story._replace(
            what_it_takes=one._replace(
                conditions=(one.conditions[0]._replace(met=False, disputed=False),)
            )
        )
    )[1]
    assert said.text == "Department scale by May 2028: its one requirement to meet"


def test_every_example_asks_for_the_money_and_months_its_report_asks_for() -> None:
    goals = {
        "acme-retail": ("to reach department scale", "reach the Department scale stage by"),
        "helios-energy": ("to reach enterprise scale", "reach the Enterprise scale stage by"),
        # At the last stage the wave is for the stage's standard, not for a stage.
        "meridian-telecom": (
            "for every practice at the enterprise scale standard",
            "bring every practice to the enterprise scale standard",
        ),
        # Two stages within the wave: the furthest.
        "lumen-insurance": ("to reach exceptional", "reach the Exceptional stage by"),
    }
    for name, (goal, said) in goals.items():
        built = example(ROOT / "examples" / name)
        title = built.slides(built.story).slides[1].title
        (fund,) = funding(built.story)
        money, span, end = title.removeprefix("Fund the first wave: ").split(", ")
        assert money in fund and span in fund and said in fund, name
        assert end == goal, name


def test_every_finding_in_the_themes_notes_is_a_whole_sentence() -> None:
    """The presenter reads each finding with why it matters, or its title alone as a
    sentence: never a colon with nothing after it (Lumen had 16 such items)."""
    for name in ("lumen-insurance", "helios-energy", "meridian-telecom"):
        built = example(ROOT / "examples" / name)
        story = built.story
        notes = next(
            s.notes
            for s in built.slides(story).slides
            if isinstance(s, TableSlide) and s.header[0] == "What holds it back"
        )
        assert notes, name
        for line in notes.split("\n"):
            assert not line.rstrip().endswith(":"), (name, line)
            assert ":  " not in line and ": " + " " not in line, (name, line)
        # Every finding is still there: its title is in the notes.
        for theme in story.themes:
            for finding in theme.findings:
                assert finding.title in notes, (name, finding.title)


def _texts(slide: object) -> list[str]:
    """Every line a slide shows: its title, headings, points and their details."""
    said = [str(getattr(slide, "title", ""))]
    columns = [getattr(slide, n) for n in ("left", "right", "side") if hasattr(slide, n)]
    points = list(getattr(slide, "points", ()))
    for column in columns:
        said.append(column.heading)
        points += column.points
    for point in points:
        said += [point.text, *point.detail.split("\n")]
    return said


def test_meridian_says_the_stage_is_reached_and_the_target_is_not() -> None:
    """Meridian is at enterprise scale, the last stage, and asks for money to lift practices to
    the stage's standard and the target's levels: no slide says the target is reached, each
    says when the plan meets it, as the report does (by the plan's end)."""
    built = example(ROOT / "examples" / "meridian-telecom")
    story = built.story
    assert story.stage == story.target_stage == "Enterprise scale"
    assert story.roadmap is not None and story.roadmap.end == "Apr 2029"
    slides = built.slides(story).slides
    every = [line for slide in slides for line in _texts(slide)]
    assert not [line for line in every if "target, is reached" in line or "target level\n" in line]
    headline, standing = slides[1], slides[2]
    assert isinstance(headline, TextSlide)
    assert headline.points[-1].text == (
        "Enterprise scale reached today; the target in full by the plan's end, Apr 2029 "
        "(deadline Jun 2029)"
    )
    assert standing.title.endswith("at its target level; 5 of 5 with practices still short")
    # What it takes counts the practices below the standard, the ones the practices slide
    # names first, not the themes of findings.
    below = [p.name for r in story.standing for p in r.practices if p.short]
    takes = next(s for s in slides if s.title.startswith("Enterprise scale is reached"))
    assert takes.title == (
        f"Enterprise scale is reached; {len(below)} practices below its standard, the target "
        "in full by Apr 2029"
    )
    assert len(below) == 5
    assert [p.text for p in takes.left.points] == [*below[:3], "and 2 more practices"]
    assert [p.text for p in takes.right.points] == [
        "Enterprise scale: reached today",
        "The target in full: by the plan's end, Apr 2029",
    ]


def test_helios_gives_the_target_one_date_on_every_slide() -> None:
    """Helios reaches enterprise scale by its Dec 2028 deadline and meets the target in full
    in Apr 2029 (a practice the target sets comes then): every slide that dates the target
    says Apr 2029, as the decision's option A and the report's key facts do."""
    built = example(ROOT / "examples" / "helios-energy")
    story = built.story
    assert (story.target_date, story.target_by, story.target_complete) == (
        "Dec 2028",
        "Dec 2028",
        "Apr 2029",
    )
    slides = built.slides(story).slides
    headline = slides[1]
    assert isinstance(headline, TextSlide)
    assert headline.points[-1].text == (
        "Enterprise scale by Dec 2028; the Dec 2028 target met in full Apr 2029"
    )
    takes = next(s for s in slides if s.title.startswith("Enterprise scale: "))
    assert [p.text for p in takes.right.points] == [
        "Enterprise scale: by Dec 2028",
        "The target in full: Apr 2029",
    ]
    assert "evaluation of generative AI applications" in takes.right.points[1].detail
    every = [line for slide in slides for line in _texts(slide)]
    assert not [line for line in every if "Within reach" in line]
    dated = [line for line in every if "target" in line and "met" in line]
    assert dated and all("Apr 2029" in line for line in dated), dated


def test_a_unit_assessed_is_named_by_its_short_name_on_every_slide() -> None:
    """Lumen assessed one model, FraudLens: the titles speak of it, never of the whole
    company; the cover names the company and the scope."""
    lumen = example(ROOT / "examples" / "lumen-insurance")
    slides = lumen.slides(lumen.story).slides
    cover = slides[0]
    assert isinstance(cover, TitleSlide)
    assert cover.title == "Lumen Insurance: ML Test Score"
    assert cover.subtitle.splitlines()[0] == "Scope: FraudLens"
    titles = [s.title for s in slides[1:]]
    assert not [t for t in titles if "Lumen" in t]
    assert "Model tests and infrastructure tests hold FraudLens at 3 of 7" in titles
    assert _themes(lumen.slides(lumen.story), "FraudLens").title.startswith(
        "What holds FraudLens back most: "
    )


def test_the_method_names_the_stages_as_a_list(northwind: Northwind) -> None:
    closing = northwind.slides(northwind.story).slides[-1]
    assert isinstance(closing, TwoColumnSlide)
    assert closing.right.points[-1].text.startswith(
        "Stages: Pilot to production → Department scale → Enterprise scale, each reached when"
    )
