"""The report's story: headline, priorities, themes, standing, workshop, what it takes."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from readiness.load import load_framework
from readiness.pipeline import assess
from readiness.pipeline import plan as plan_file
from readiness.plan.roadmap import plan_roadmap
from readiness.report.cost import Rate, team_rate
from readiness.report.i18n import ENGLISH
from readiness.report.story import Story, build_story
from readiness.report.story_plan import effort_words, first_wave
from readiness.rules import evaluate_rules
from readiness.workshop import build_workshop
from test_deck_content import weighted_northwind

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
BUNDLED = ("acme-retail", "northwind-bank", "helios-energy", "lumen-insurance")
ID_PATTERN = re.compile(r"\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b|>=|<=|==")


def story_of(client: str | Path) -> tuple[Story, tuple[str, ...]]:
    """The story of a bundled client's 2026-Q4 (by folder name), or of an assessment file."""
    assessed = assess(client if isinstance(client, Path) else EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    workshop = build_workshop(loaded.assessment, loaded.framework, assessed.scorecard)
    story = build_story(
        loaded.framework, loaded.assessment, assessed.scorecard, results, plan, workshop=workshop
    )
    return story, tuple(i.title for i in first_wave(plan, loaded.framework))


@pytest.fixture(scope="module", params=BUNDLED)
def told(request: pytest.FixtureRequest) -> tuple[Story, tuple[str, ...]]:
    return story_of(request.param)


def test_the_priorities_are_first_wave_actions(told: tuple[Story, tuple[str, ...]]) -> None:
    story, wave = told
    assert story.priorities
    assert len(story.priorities) == min(3, len(wave))
    assert all(p.title in wave for p in story.priorities)


def test_the_headline_is_a_funding_decision(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    assert story.stage in story.headline
    # What to fund now: the first wave, with what it reaches, its months and its effort.
    assert "Fund now the first wave, " in story.headline or "Fund the plan now: " in story.headline
    # The decision names the work it funds, led by the first priority.
    assert f"led by “{story.priorities[0].title}”" in story.headline
    assert re.search(r"[A-Z][a-z]{2} 20\d\d", story.headline)
    assert "person-months" in story.headline
    # Whether the target is in reach, and the decision to take when it is not.
    if story.target_date is None:
        # Missed: the opening gives What it takes's options in one sentence, never a verdict.
        takes = story.what_it_takes
        assert takes is not None and takes.choices is not None
        assert takes.choices.summary in story.headline
    else:
        assert story.target_date in story.headline
    # What holds the organization back is said in the summary, with the work that answers it.
    assert story.holds_back is not None
    # Work after the first wave answers it as the most severe finding, not what holds it back.
    assert any(
        f"(“{story.holds_back}”) is answered by" in p
        or f"“{story.holds_back}”, the most severe finding, waits for" in p
        for p in story.summary
    )


FUNDED = re.compile(
    r"Fund now the first wave, the (\d+) initiatives that reach (.+?) by (\w{3} \d{4}), led by "
    r"“[^”]+”.*?: .*?, ([\d,.]+ person-months)"
)


def test_the_funded_work_is_what_it_takes_to_reach_the_next_stage(
    told: tuple[Story, tuple[str, ...]],
) -> None:
    story, wave = told
    takes = story.what_it_takes
    funded = FUNDED.search(story.headline)
    if takes is None or takes.when is None:
        # The plan does not reach the next stage: the opening never claims that it does.
        assert funded is None and "initiatives that reach" not in story.headline
        return
    assert funded is not None, story.headline
    count, stage, month, effort = funded.groups()
    # The opening funds the first wave, the roadmap's wave 1, whole.
    assert int(count) == len(wave)
    assert story.roadmap is not None
    assert story.roadmap.waves[0].startswith(f"Wave 1, {count} initiatives, ")
    assert f"{stage} reached by {month}" in story.roadmap.waves[0]
    if stage == takes.stage.lower():
        # When the wave ends at the next stage, it is the set What it takes counts.
        assert int(count) == takes.initiatives and month == takes.when
        assert takes.effort.startswith(effort)


def test_a_plan_that_reaches_no_milestone_funds_its_first_year(tmp_path: Path) -> None:
    # Northwind at department scale (weighted votes): its plan does not reach enterprise scale.
    story, wave = story_of(weighted_northwind(tmp_path / "weighted"))
    said = re.search(
        r"Fund now the first wave, the (\d+) initiatives that end in the plan's first year, "
        r"led by “([^”]+)” and (\d+) more: (\w{3} \d{4}) – (\w{3} \d{4}), ([\d,.]+) "
        r"person-months",
        story.headline,
    )
    assert said is not None, story.headline
    count, named, more, first, last, _ = said.groups()
    assert int(count) == len(wave) and int(more) == len(wave) - 1
    assert named == story.priorities[0].title
    # The first year is the plan's: from its first month (after mobilisation), twelve months.
    assert story.roadmap is not None
    assert story.roadmap.waves[0].startswith(f"Wave 1, {count} initiatives, {first} – {last}:")
    assert month_span(first, last) == 11
    assert story.roadmap.waves[0].endswith(": the first year's work")


def month_span(first: str, last: str) -> int:
    """Months from one "Mon YYYY" to another."""
    from datetime import datetime

    a, b = (datetime.strptime(m, "%b %Y") for m in (first, last))
    return (b.year - a.year) * 12 + b.month - a.month


def test_themes_are_three_to_five_when_findings_spread(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    assert 1 <= len(story.themes) <= 5
    severities = ["High", "Medium", "Low"]
    ranks = [severities.index(t.severity) for t in story.themes]
    assert ranks == sorted(ranks)


def test_a_theme_with_more_high_findings_leads_one_with_a_longer_tail() -> None:
    # Northwind's ethics findings: 4 of 6 high; its infrastructure findings: 2 of 6 high.
    # Dimension order alone would put infrastructure first, and page one would say an
    # infrastructure finding holds the bank back most.
    story, _ = story_of("northwind-bank")
    lead, *rest = story.themes
    assert lead.dimension == "Ethics, risk and governance" and lead.counted == 6
    assert "4 of them high severity" in lead.summary
    infrastructure = next(t for t in rest if t.dimension == "Infrastructure and MLOps")
    assert infrastructure.counted == 6 and "2 of them high severity" in infrastructure.summary


def test_no_sentence_carries_ids_or_operators(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    texts = [story.headline, *story.summary, *(t.summary for t in story.themes)]
    if story.what_it_takes:
        texts += [c.text for c in story.what_it_takes.conditions]
    for text in texts:
        assert not ID_PATTERN.search(text), text


def test_headlines_differ_between_clients() -> None:
    headlines = {story_of(client)[0].headline for client in ("acme-retail", "helios-energy")}
    assert len(headlines) == 2


def test_a_disputed_answer_is_never_a_strength() -> None:
    story, _ = story_of("northwind-bank")
    disputed = {p.name for row in story.standing for p in row.practices if p.disputed}
    assert disputed
    assert story.workshop is not None and story.workshop.disputes
    assert not {s.practice for s in story.strengths} & disputed


def test_the_target_date_is_when_the_target_gate_holds() -> None:
    story, _ = story_of("helios-energy")  # its next stage is its target
    assert story.what_it_takes is not None
    assert story.target_date is not None
    assert story.target_date == story.what_it_takes.when
    assert story.target_date in story.headline
    short, _ = story_of("acme-retail")  # the plan leaves a condition of the target open
    assert short.target_date is None
    # The opening says what the target needs and when it comes, from What it takes's options.
    assert short.what_it_takes is not None and short.what_it_takes.choices is not None
    summary = short.what_it_takes.choices.summary
    assert summary.startswith("With today's team, enterprise scale comes in ")
    assert summary in short.headline
    assert "after the Jun 2029 target" in summary


def test_the_roadmap_marks_the_same_priorities(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    assert story.roadmap is not None
    marked = {b.title for lane in story.roadmap.lanes for b in lane.bars if b.priority}
    assert marked == {p.title for p in story.priorities}


def test_a_score_shown_never_suggests_a_higher_level() -> None:
    from readiness.report.words import score_shown

    assert score_shown(1.96, 1) == "1.9"
    assert score_shown(2.0, 1) == "2.0"
    assert score_shown(2.25, 2) == "2.25"
    assert score_shown(None, 1) == "–"


class PlanWithTarget:
    """Today's plan record with the target fields of format 2.0 plans added."""

    def __init__(self, plan: object, target: object, fits: bool) -> None:
        self._plan, self.target, self.deadline, self.deadline_fits = plan, target, None, fits

    def __getattr__(self, name: str) -> object:
        return getattr(self._plan, name)


def test_the_story_reads_the_target_when_the_plan_carries_one() -> None:
    from types import SimpleNamespace

    assessed = assess(EXAMPLES / "acme-retail" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    aim = SimpleNamespace(
        stage="enterprise",
        by="2027-12",
        dimensions=(SimpleNamespace(dimension="ethics", target=3.0),),
        gaps=(),
    )
    args = (loaded.framework, loaded.assessment, assessed.scorecard, results)
    story = build_story(*args, PlanWithTarget(plan, aim, False))  # type: ignore[arg-type]
    assert story.target_by == "Dec 2027"
    assert story.what_it_takes is not None and story.what_it_takes.choices is not None
    assert story.what_it_takes.choices.summary.startswith("With today's team, enterprise scale ")
    assert story.what_it_takes.choices.summary in story.headline
    assert [r.target for r in story.standing if r.target] == ["3 · Defined"]
    if not hasattr(plan, "target"):  # a plan without the client's target: empty slots
        plain = build_story(*args, plan)
        assert plain.target_by is None and all(r.target is None for r in plain.standing)


def test_the_headline_says_once_when_the_target_is_reached(
    told: tuple[Story, tuple[str, ...]],
) -> None:
    story, _ = told
    sentences = [t.strip() for t in story.headline.split(". ") if t.strip()]
    assert len(sentences) == len(set(sentences)), story.headline
    assert story.headline.count("target") <= 1, story.headline
    assert story.headline.count("The plan") <= 1, story.headline


def test_owners_are_role_titles_not_role_ids(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    roles = load_framework(ROOT / "questionnaires" / "ml-scaling").manifest.roles
    for priority in story.priorities:
        assert priority.owner not in roles, priority.owner
    if story.change is not None:
        assert not {s.owner for s in story.change.slipped} & set(roles)


def test_the_workshop_counts_add_up() -> None:
    story, _ = story_of("northwind-bank")
    talk = story.workshop
    assert talk is not None
    numbers = [int(n) for n in re.findall(r"\d+", talk.sentence + " " + talk.consensus)]
    voters, voted, disagreed, *rest = numbers
    assert voters == talk.voters
    settled, still_open = (rest[0], rest[1]) if len(rest) > 3 else (0, rest[0])
    agreed, of = rest[-2], rest[-1]
    assert (voted, of) == (talk.questions, talk.questions)
    assert disagreed == settled + still_open == talk.questions - agreed
    assert still_open == talk.open_disputes


def test_a_met_level_beside_short_says_which_practices() -> None:
    story, _ = story_of("helios-energy")
    met_but_short = [r for r in story.standing if r.state == "short" and r.shown == r.asks]
    assert met_but_short
    assert all(re.fullmatch(r"\d+ required practices? below", r.gap) for r in met_but_short)
    assert {r.verdict for r in met_but_short} == {"Level met"}
    assert all(not r.gap for r in story.standing if r.shown != r.asks)


def test_the_roadmap_names_workstreams_and_wraps_long_ones() -> None:
    from readiness.report.lanes import LABEL_CHARS, LABEL_LINE, lanes_chart

    story, _ = story_of("acme-retail")
    assert story.roadmap is not None
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    assert {lane.title for lane in story.roadmap.lanes} <= {
        w.title for w in framework.manifest.workstreams
    }
    chart = lanes_chart(story.roadmap)
    assert any(len(lane.lines) > 1 for lane in chart.lanes)
    for lane in chart.lanes:
        assert " ".join(lane.lines) == lane.title
        assert all(len(line) <= LABEL_CHARS for line in lane.lines)
        assert lane.height >= len(lane.lines) * LABEL_LINE  # the label stays inside its band


@pytest.mark.parametrize("client", [*BUNDLED, "meridian-telecom"])
def test_every_effort_figure_multiplies_out_and_adds_up(client: str) -> None:
    from decimal import Decimal

    from readiness.report.story_plan import effort_words

    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    story = build_story(loaded.framework, loaded.assessment, assessed.scorecard, results, plan)
    shown = []
    for item in plan.initiatives:
        said = re.fullmatch(
            r"([\d.]+|half a) (person|people|FTE) for (\d+) months?", effort_words(item)
        )
        assert said is not None, effort_words(item)
        team = Decimal("0.5") if said[1] == "half a" else Decimal(said[1])
        # Whole people, or FTE: never half people.
        assert (said[2] == "FTE") == (team != team.to_integral_value() and said[1] != "half a")
        shown.append((team, int(said[3]), item))
    # The whole plan's person-months are the sum of people times months as shown, and its peak
    # the most people the shown figures put to work in one month.
    total = sum(people * months for people, months, _ in shown)
    peak = max(
        sum(p for p, _, i in shown if i.start_month <= month < i.end_month)
        for month in range(plan.months)
    )
    assert story.effort is not None
    said = re.fullmatch(
        r"([\d,.]+) person-months(?: \([^)]+\))? of work over \d+ months, "
        r"at most ([\d.]+) (?:people?|person|FTE) at once",
        story.effort,
    )
    assert said is not None, story.effort
    assert Decimal(said[1].replace(",", "")) == total
    assert Decimal(said[2]) == peak
    # The funded work's figure is the sum of the funded initiatives' figures: the work up to
    # a milestone, or the first wave's work that starts by a month.
    funded = re.search(r"([\d,.]+) person-months", story.headline)
    assert funded is not None
    wave = {i.id for i in first_wave(plan, loaded.framework)}
    assert Decimal(funded[1].replace(",", "")) == sum(p * m for p, m, i in shown if i.id in wave)


@pytest.mark.parametrize("client", [*BUNDLED, "meridian-telecom"])
def test_the_roadmap_chart_keeps_every_mark_inside(client: str) -> None:
    from readiness.report.lanes import lanes_chart

    story, _ = story_of(client)
    assert story.roadmap is not None
    chart = lanes_chart(story.roadmap)
    diamonds = sorted(mark.diamond_x for mark in chart.milestones)
    assert all(b - a >= 12 for a, b in itertools.pairwise(diamonds)), diamonds  # none hidden
    for mark in chart.milestones:  # the diamond is 12 wide around its x
        assert chart.plot_x <= mark.diamond_x - 6 and mark.diamond_x + 6 <= chart.width, mark
        for quarter in chart.quarters:  # no quarter label under a diamond
            centre = quarter.x + quarter.width / 2
            assert not quarter.label or abs(centre - mark.diamond_x) >= 12, (quarter, mark.title)
    for lane in chart.lanes:
        for bar in lane.bars:
            assert chart.plot_x <= bar.x and bar.x + bar.width <= chart.width, bar
            assert not any(  # no milestone's line runs through a bar's number
                abs(mark.x - (bar.x + bar.width / 2)) < len(str(bar.number)) * 2.3
                and any(top < bar.y + 13 and bottom > bar.y for top, bottom in mark.segments)
                for mark in chart.milestones
            ), bar


def test_waves_are_named_for_what_they_deliver() -> None:
    story, wave = story_of("acme-retail")  # at pilot to production: wave 1 reaches the next
    assert story.roadmap is not None and story.what_it_takes is not None
    month = story.what_it_takes.when
    assert month is not None
    assert re.fullmatch(
        rf"Wave 1, {len(wave)} initiatives, \w{{3}} \d{{4}} – {month}: the Department scale stage reached "
        rf"by {month}",
        story.roadmap.waves[0],
    ), story.roadmap.waves[0]
    # Acme never reaches enterprise scale: the rest of the work says so, and that it overlaps.
    assert story.roadmap.waves[1].endswith(": toward enterprise scale; it starts while wave 1 runs")
    assert story.roadmap.not_reached[0].startswith(
        "Enterprise scale is not reached by the plan's end"
    )
    assert len(story.roadmap.waves) == 2


def test_a_wave_names_every_milestone_it_reaches_and_what_later_work_is_for() -> None:
    # Strong automated testing is reached in the plan's third month: too soon to close a wave
    # of its own, so the first wave runs on to the next milestone; three items answer findings
    # only, after it.
    story, wave = story_of("lumen-insurance")
    assert story.roadmap is not None
    assert [m.title for m in story.roadmap.milestones] == [
        "Strong automated testing reached",
        "Exceptional reached",
    ]
    testing, exceptional = (m.when for m in story.roadmap.milestones)
    first, second = story.roadmap.waves
    assert re.fullmatch(
        rf"Wave 1, {len(wave)} initiatives, \w{{3}} \d{{4}} – {exceptional}: the Strong "
        rf"automated testing stage reached by {testing} and the Exceptional stage reached by "
        rf"{exceptional}",
        first,
    ), first
    assert re.fullmatch(
        r"Wave 2, 3 initiatives, \w{3} \d{4} – \w{3} \d{4}: answering findings that no stage "
        rf"requires, work that ends after the {exceptional} milestone(; it starts while wave 1 "
        r"runs)?",
        second,
    ), second


def test_a_stage_resting_on_a_disputed_answer_is_said_as_provisional_with_its_weighting(
    tmp_path: Path,
) -> None:
    story, _ = story_of(weighted_northwind(tmp_path / "weighted"))  # the CTO's vote weighted
    assert story.stage == "Department scale"
    assert "provided 3 disputed answers stand" in story.headline
    assert story.summary[0].startswith("Department scale is provisional")
    resting = {r.practice: r for r in story.provisional}
    monitoring = resting["Operational monitoring of production models"]
    # The CTO's double weight lifts the mean of 4, 3, 2, 2 from 2.75 to 3: it decides the stage.
    assert monitoring.weighting is not None
    assert "counts 2 times" in monitoring.weighting and "2.75" in monitoring.weighting
    assert monitoring.evidence == "The monitoring dashboards and alert rules"
    # A disputed answer the stage does not rest on is not named, nor is weighting that does
    # not decide it.
    assert all(r.weighting is None for k, r in resting.items() if k != monitoring.practice)


@pytest.mark.parametrize("client", ["acme-retail", "helios-energy", "lumen-insurance"])
def test_a_stage_resting_on_no_dispute_is_said_plainly(client: str) -> None:
    story, _ = story_of(client)
    assert story.provisional == () and "provided" not in story.headline


def test_first_item_keeps_brackets_whole() -> None:
    from readiness.report.provisional import first_item

    assert first_item("The check definitions (suites, dbt tests), the list, and more.") == (
        "The check definitions (suites, dbt tests)"
    )
    assert first_item("Usage and override logs.") == "Usage and override logs"


def test_a_milestone_the_plan_does_not_reach_is_never_called_ready() -> None:
    for client in ("acme-retail", "northwind-bank"):
        story, _ = story_of(client)
        assert story.roadmap is not None and story.target_date is None
        # The stage not reached is said with what stays open, never drawn as a milestone.
        assert story.roadmap.not_reached, client
        assert all(" stay" in line and "open" in line for line in story.roadmap.not_reached)
        assert all(m.reachable or "complete" in m.title for m in story.roadmap.milestones)


def story_with_routes(client: str) -> Story:
    """The story of a bundled client with the solver's routes planned (as the report has)."""
    assessed = assess(EXAMPLES / client / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    return build_story(loaded.framework, loaded.assessment, assessed.scorecard, results, plan)


def test_one_date_and_one_effort_per_claim(tmp_path: Path) -> None:
    helios = story_with_routes("helios-energy")
    # The plan reaches the target: the solver's later date for the same work is not said too.
    assert helios.target_date == "Dec 2028" and helios.what_it_takes is not None
    assert helios.what_it_takes.to_target is None and helios.what_it_takes.to_next is None
    assert helios.roadmap is not None
    assert "the Enterprise scale stage reached by Dec 2028" in helios.roadmap.waves[0]
    # Northwind at department scale (weighted votes): its plan does not reach the next stage, so
    # the work said is the whole plan's, once.
    northwind, _ = story_of(weighted_northwind(tmp_path / "weighted"))
    takes = northwind.what_it_takes
    assert takes is not None and northwind.effort is not None
    whole = re.search(r"[\d,.]+", northwind.effort)
    # Northwind's plan does not reach the next stage: the work said is the whole plan's, once,
    # with its cost as the plan's effort says it.
    assert whole is not None and takes.effort.startswith(f"{whole.group()} person-months")
    assert northwind.effort.startswith(f"{takes.effort} of work")
    assert "does not meet them all" in takes.sentence
    acme = story_with_routes("acme-retail")
    assert acme.what_it_takes is not None and acme.what_it_takes.to_target is not None
    # The plan stops short of the target: the options say why, with no least-work figure.
    assert "least work" not in acme.what_it_takes.to_target


def test_counts_agree_with_their_nouns(tmp_path: Path) -> None:
    from readiness.report.gates import gate_view, stage_track
    from readiness.report.story_themes import _theme_summary

    said = _theme_summary("", 1, 1, [], 0, "", ENGLISH)
    assert said.startswith("1 finding, of high severity")
    # Planned work answering some of the findings, not the lead one: said, with the number.
    said = _theme_summary(
        "",
        4,
        0,
        ["Contain data exposures", "Govern retrieval"],
        1,
        "waits for work the plan defers past its horizon",
        ENGLISH,
    )
    assert said == (
        "4 findings; 2 planned initiatives answer 1 of them, starting with contain data "
        "exposures; the lead finding waits for work the plan defers past its horizon."
    )
    assessed = assess(weighted_northwind(tmp_path / "weighted"))  # at department scale
    framework, scorecard = assessed.loaded.framework, assessed.scorecard
    gate = next(g for g in scorecard.gates if g.stage == scorecard.next_stage)
    steps = stage_track(framework, scorecard, gate_view(gate, framework, scorecard))
    assert steps[-1].note == "Next: 1 of 34 requirements met"


def test_framework_finding_texts_use_no_gate_words_nor_broken_acronyms() -> None:
    for rule in load_framework(ROOT / "questionnaires" / "ml-scaling").rules:
        text = rule.finding
        assert "Its gate" not in text and not re.search(r"\b[a-z][A-Z]{2,}", text), rule.id


def test_verdicts_at_the_last_stage_name_no_next_stage() -> None:
    assessed = assess(EXAMPLES / "meridian-telecom" / "2026-Q4.yaml")
    from readiness.report.standing import standing_rows

    rows = standing_rows(assessed.loaded.framework, assessed.scorecard)
    assert assessed.scorecard.next_stage is None
    assert {r.verdict for r in rows} == {"At target"}
    # With the plan's target, each row's level is met and its practices are the shortfall:
    # those below the stage's standard and those short of their target, counted apart; the
    # counts add up to the target's gaps.
    story, _ = story_of("meridian-telecom")
    plan = plan_roadmap(
        assessed.loaded.framework,
        assessed.loaded.assessment,
        assessed.scorecard,
        evaluate_rules(assessed.loaded.framework, assessed.scorecard),
    )
    assert {r.verdict for r in story.standing} == {"Level met"}
    counted = 0
    for row in story.standing:
        said = re.fullmatch(
            r"(?:(\d+) practices? below the standard)?(?:, )?"
            r"(?:(\d+) (?:practices?|more) short of target)?",
            row.gap,
        )
        assert said is not None and row.gap, row.gap
        counted += sum(int(n) for n in said.groups() if n)
    assert counted == len(plan.target.gaps)


def test_the_last_stage_says_what_the_money_buys() -> None:
    story, wave = story_of("meridian-telecom")  # every gate holds; the target asks more
    assert story.roadmap is not None
    (_, standard_met), (_, ends) = ((m.title, m.when) for m in story.roadmap.milestones)
    first, fund, *rest = story.headline.split(". ")
    assert first == (
        "Meridian Telecom meets every requirement of enterprise scale, the last stage of the "
        "path; the funding asked goes to closing its 2 open high-severity findings and lifting "
        "the 5 practices still below the level that stage expects of every practice"
    )
    # The second sentence is the decision (the deck takes it as the committee's decision).
    assert fund.startswith(
        f"Fund now the first wave, the {len(wave)} initiatives that bring every practice to the "
        f"enterprise scale standard by {standard_met}, led by “"
    )
    # What the money buys, split by why the work is there (nothing is required of the last
    # stage): the high-severity findings, then the rest.
    assert rest == [story.split] and story.split is not None
    assert re.fullmatch(
        r"Of this, EUR [\d,]+ is for the 2 high-severity fixes; about EUR [\d.]+ million goes "
        r"to other findings and practices, from [A-Z][a-z]{2} \d{4}\.",
        story.split,
    ), story.split
    below = [p for row in story.standing for p in row.practices if p.level is not None]
    assert sum(1 for p in below if p.level < 3) == 5
    # What the plan does beyond the standard, by name, with one end date and the deadline as a
    # deadline; not "the plan's other initiatives": first-wave work lifts some of them already.
    beyond = next(s for s in story.summary if s.startswith("Beyond the enterprise scale"))
    said = re.fullmatch(
        r"Beyond the enterprise scale standard, the target lifts (\d+) practices further: "
        rf"(.+)\. The plan does it by its end, {ends}, ahead of the Jun 2029 deadline\.",
        beyond,
    )
    assert said is not None, beyond
    assert int(said[1]) == len(said[2].replace(" and ", ", ").split(", ")) == 6
    assert [m.title for m in story.roadmap.milestones] == [
        "Every practice at the enterprise scale standard",
        "All planned work complete",
    ]
    # A level only the target asks is the target's, never "needed".
    gaps = [f.gap for t in story.themes for f in t.findings]
    assert any(g.endswith("the target is Optimized") for g in gaps), gaps
    assert not any(g.endswith(("expects Optimized", "requires Optimized")) for g in gaps), gaps


def test_agreement_is_defined_and_a_settled_question_is_not_shown_disputed() -> None:
    from readiness.report.reading import disputed_answers
    from readiness.report.standing import standing_rows

    story, _ = story_of("northwind-bank")
    assert story.workshop is not None
    assert "votes are within one level of each other on 55 of 64" in story.workshop.consensus
    # The widest gap (3 levels) was settled: the open ones are named by the agenda's order (no
    # open dispute decides the stage; department scale's gate reads data quality, the dispute
    # the summary asks to settle before funding, so it comes first).
    assert "(first to discuss: data foundations)" in story.workshop.sentence
    assert "widest" not in story.workshop.sentence
    assessed = assess(EXAMPLES / "northwind-bank" / "2026-Q4.yaml")
    scorecard = assessed.scorecard
    settled = {q.key for d in scorecard.dimensions for q in d.questions if q.status == "consensus"}
    assert settled == {
        "infrastructure.workflow_integration",
        "infrastructure.monitoring",
        "ethics.committee",
    }
    assert not settled & disputed_answers(scorecard)
    shown = {
        p.name: p.disputed
        for row in standing_rows(assessed.loaded.framework, scorecard)
        for p in row.practices
    }
    assert shown["AI governance committee"] is False and shown["Bias testing"] is True


def test_roadmap_lanes_and_dimensions_share_their_names() -> None:
    story, _ = story_of("acme-retail")
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    dimensions = {d.title for d in framework.dimensions}
    assert story.roadmap is not None
    lanes = {lane.title for lane in story.roadmap.lanes}
    # Every lane is a dimension's, bar generative AI, which no dimension covers alone.
    assert lanes - dimensions == {"Generative AI foundations"}


def test_a_team_scaled_to_a_fraction_is_said_to_one_decimal() -> None:
    # The size band scales Northwind's teams to fractions.
    assessed = assess(EXAMPLES / "northwind-bank" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    rate = team_rate(loaded.assessment)
    said = [effort_words(i, ENGLISH, rate) for i in first_wave(plan, loaded.framework)]
    # No "about" in the team: the figure shown is the one every total is computed from (a
    # cost above a million is rounded, and says so).
    people = r"(\d+ (person|people)|\d+\.\d FTE|half a person) for \d+ months?"
    costed = r" \([\d.]+ person-months?, (USD [\d,]+|about USD [\d.]+ million)\)"
    assert all(re.fullmatch(people + costed, e) for e in said), said
    assert any(" FTE for " in e for e in said)


def test_a_theme_says_a_level_description_once(told: tuple[Story, tuple[str, ...]]) -> None:
    story, _ = told
    for theme in story.themes:
        tails = [
            sentence.rpartition(": ")[2]
            for finding in theme.findings
            for sentence in re.split(r"(?<=[.!?])\s+", finding.text)
            if len(sentence.rpartition(": ")[2]) >= 40
        ]
        assert len(tails) == len(set(tails)), theme.title


@pytest.mark.parametrize("client", ["northwind-bank", "helios-energy", "lumen-insurance"])
def test_the_themes_say_findings_without_reciting_the_rubric(client: str) -> None:
    # Regulated industries: the levels' descriptions are in the appendix of answers; a theme
    # says what falls short and why it matters, never what a level means.
    story, _ = story_of(client)
    said = " ".join(f.text for t in story.themes for f in t.findings)
    assert "supervisors expect" in said
    for rubric in ("means:", "The answer places", "Defined (3)", "Repeatable or below"):
        assert rubric not in said, rubric


def test_a_stage_not_reached_names_what_stays_open() -> None:
    story, _ = story_of("northwind-bank")  # the plan leaves 4 things of enterprise scale open
    assert story.roadmap is not None
    (said,) = story.roadmap.not_reached
    assert said.startswith("Enterprise scale is not reached by the plan's end: ")
    assert "What it takes lists" not in said
    assert said.count(" at Defined overall") == 2


@pytest.mark.parametrize("client", ["meridian-telecom", "acme-retail"])
def test_a_theme_says_a_practice_gap_by_its_title_not_its_descriptors(client: str) -> None:
    story, _ = story_of(client)
    gaps = [
        f
        for t in story.themes
        for f in t.findings
        if re.search(r": today [\w ]+; .+ (expects|requires|target is|is the next step)", f.gap)
    ]
    assert gaps
    # The levels' descriptions are in the appendix of answers: the theme says the gap and, at
    # most, why it matters.
    assert not any("The answer places" in f.text or "which here means" in f.text for f in gaps)


def test_the_method_states_only_the_rules_the_framework_applies() -> None:
    from readiness.report.method import method_paragraphs, planning_paragraphs

    lumen = assess(EXAMPLES / "lumen-insurance" / "2026-Q4.yaml").loaded
    said = " ".join(method_paragraphs(lumen.framework, lumen.assessment))
    # Unweighted points, no critical questions, full coverage asked: none of those rules.
    assert "the sum of its answered questions' points." in said
    assert "weight" not in said and "critical" not in said and "100%" not in said
    assert "any of its questions unanswered" in said
    assessed = assess(EXAMPLES / "acme-retail" / "2026-Q4.yaml")
    acme = assessed.loaded
    said = " ".join(method_paragraphs(acme.framework, acme.assessment))
    assert "lowest critical question" in said
    results = evaluate_rules(acme.framework, assessed.scorecard)
    plan = plan_roadmap(acme.framework, acme.assessment, assessed.scorecard, results)
    said = " ".join(planning_paragraphs(acme.framework, plan))
    assert "Each wave is the work planned to end by its milestone" in said
    assert planning_paragraphs(acme.framework, None) == ()  # no plan, no planning method
    # The team the dates and the cost rest on, as it grows; no limit the client did not set.
    assert plan.team_fte == 24 and plan.team_ramp == (14, 19)
    assert (
        "The plan is staffed by a delivery team of 24 people: 14 people in Jan 2027, 19 people "
        "in Feb 2027, all 24 people from Mar 2027." in said
    )
    assert "run at once" not in said
    limited = " ".join(planning_paragraphs(acme.framework, plan, limit=3))
    assert "No more than 3 initiatives run at once, as the organization asked." in limited
    steady = " ".join(planning_paragraphs(acme.framework, plan._replace(team_ramp=())))
    assert "a delivery team of 24 people from its first month." in steady


def test_a_gate_on_a_minimum_overall_binds_the_dimensions_at_or_below_it() -> None:
    story, _ = story_of("lumen-insurance")  # overall = min of four sums out of 7; gate > 3
    rows = {r.dimension: r for r in story.standing}
    assert {r.asks for r in rows.values()} == {"more than 3 of 7 points"}
    held = {name for name, r in rows.items() if r.state == "short"}
    assert held == {"Model tests", "Infrastructure tests"}
    assert all(rows[name].gap == "it holds the overall score down" for name in held)
    assert {rows[n].verdict for n in rows.keys() - held} == {"In place"}
    said = " ".join(story.summary)
    assert (
        "Strong automated testing needs an overall score above 3. The overall score is that of "
        "the weakest dimension, today 3 of 7 points: model tests and infrastructure tests hold "
        "it there." in said
    )
    assert "requires one thing" not in said and "today score" not in said
    # One thing asked and said in the summary: What it takes earns no page of its own.
    assert story.what_it_takes is not None and not story.what_it_takes.own_page


def test_a_target_level_after_the_deadline_is_one_date_and_a_choice() -> None:
    # Helios reaches enterprise scale by its Dec 2028 deadline, one practice's target level
    # only in Apr 2029: the headline names the stage's date once and the late level as the
    # choice between the plan's date and the deadline kept with more people.
    story, _ = story_of("helios-energy")
    assert "reach the Enterprise scale stage by Dec 2028" in story.headline
    assert "target is met but for" not in story.headline
    assert story.headline.endswith(
        "The target also sets evaluation of generative AI applications (Defined; the plan brings it in Apr 2029); "
        "with 4 people added from Jan 2027 (a team of 18 people) it comes by Dec 2028, for the same person-months."
    ), story.headline


@pytest.mark.parametrize("client", ["acme-retail", "northwind-bank"])
def test_the_roadmap_names_the_work_past_the_horizon_as_what_it_takes_does(client: str) -> None:
    story, _ = story_of(client)
    assert story.roadmap is not None and story.what_it_takes is not None
    choices = story.what_it_takes.choices
    assert choices is not None
    named = re.findall(r"“[^”]+”", choices.standing)
    assert named
    sentence = story.roadmap.not_reached[-1]
    # The first two by name, in What it takes's order, the rest counted.
    assert re.findall(r"“[^”]+”", sentence) == named[:2]
    assert f"The {len(named)} initiatives the target needs" in sentence
    assert (f"and {len(named) - 2} more, would end" in sentence) == (len(named) > 2)
    # Work waits past the horizon: the plan's last milestone does not say all of it is done.
    assert story.roadmap.milestones[-1].title == "Work within the horizon complete"


def test_a_theme_whose_lead_finding_waits_for_deferred_work_says_so() -> None:
    from readiness.report.severity import SEVERITY_RANK
    from readiness.report.story_themes import themes

    # Northwind's data theme now leads with its retrieval finding, a live generative AI
    # exposure (high severity) that planned work answers.
    story, _ = story_of("northwind-bank")
    data = next(t for t in story.themes if t.dimension == "Data foundations")
    assert data.title.startswith("Retrieval that ignores the source systems' access rules")
    assert data.lead_open == ""
    # With that finding medium, as it was, the theme leads with negotiated data requests, whose
    # answer (one sharing agreement) the plan defers past its horizon; planned work answers
    # only its retrieval finding, and the theme says both rather than "answered, starting
    # with" that work.
    assessed = assess(EXAMPLES / "northwind-bank" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, assessed.scorecard, results, what_it_takes=True
    )
    retrieval = "data-prompt-retrieval-data-at-1"
    assert retrieval in [f.rule for f in results.findings if f.severity == "high"]
    medium = sorted(
        (f._replace(severity="medium") if f.rule == retrieval else f for f in results.findings),
        key=lambda f: SEVERITY_RANK[f.severity],
    )
    grouped = themes(
        results._replace(findings=tuple(medium)),
        loaded.framework,
        plan,
        assessed.scorecard,
        loaded.assessment,
    )
    data = next(t for t in grouped if t.dimension == "Data foundations")
    assert data.title.startswith("Other departments' data still takes a negotiated request")
    assert data.counted == 4
    assert data.lead_open == "waits for work the plan defers past its horizon"
    assert data.summary.endswith(
        "2 planned initiatives answer 1 of them, starting with contain live generative AI data "
        "exposures; the lead finding waits for work the plan defers past its horizon."
    )
    # A theme whose lead finding is answered says nothing of the kind.
    assert all(not t.lead_open for t in grouped if t is not data)
    assert all(not t.lead_open for t in story.themes)


def test_the_key_facts_lead_with_the_ask_the_headline_makes(
    told: tuple[Story, tuple[str, ...]],
) -> None:
    story, _ = told
    assert story.ask is not None and story.whole_plan is not None and story.effort is not None
    said = re.fullmatch(r"Fund now: (.+), (\w{3} \d{4}(?: – \w{3} \d{4})?)", story.ask)
    assert said is not None, story.ask
    amount, span = said.groups()
    # The same figures as the funding sentence: the wave's months and its cost.
    assert f"{span}, " in story.headline and f"({amount} at " in story.headline
    # The whole plan under it: the same months and peak team as the plan's effort; when the
    # target's date needs work past the horizon, first the bill to that date, then the plan's
    # part by the horizon with the same peak team.
    tail = re.fullmatch(r".+ of work (over \d+ months), at most (.+) at once", story.effort)
    assert tail is not None, story.effort
    months, peak = tail.groups()
    if story.target_later:
        lead = f"Whole plan to {story.target_later}: "
        assert story.whole_plan.startswith(lead) and " by the horizon, " in story.whole_plan
        assert story.whole_plan.endswith(f"), {peak} at peak")
    else:
        assert story.whole_plan.startswith("Whole plan: ")
        assert story.whole_plan.endswith(f" {months}, {peak} at peak")


def test_key_facts_do_not_show_a_target_met_while_a_level_it_sets_comes_later() -> None:
    # Helios reaches enterprise scale by its Dec 2028 deadline; the target's level for the
    # evaluation of generative AI applications comes only in Apr 2029: the key facts say when
    # the target is met in full. Northwind misses the stage itself: nothing to add there.
    helios = assess(EXAMPLES / "helios-energy" / "2026-Q4.yaml")
    loaded = helios.loaded
    results = evaluate_rules(loaded.framework, helios.scorecard)
    plan = plan_roadmap(
        loaded.framework, loaded.assessment, helios.scorecard, results, what_it_takes=True
    )
    assert plan.deadline_fits is False
    story = build_story(loaded.framework, loaded.assessment, helios.scorecard, results, plan)
    assert (story.target_date, story.target_by) == ("Dec 2028", "Dec 2028")
    assert story.target_complete == "Apr 2029"
    northwind, _ = story_of("northwind-bank")
    assert northwind.target_complete is None


def test_waiting_findings_are_named_as_every_finding_names_them() -> None:
    from readiness.report.findings import finding_views

    assessed = assess(EXAMPLES / "acme-retail" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    story = build_story(loaded.framework, loaded.assessment, assessed.scorecard, results, plan)
    assert story.funding_split is not None and story.funding_split.waiting
    shown = {v.title for v in finding_views(results, loaded.framework, plan, assessed.scorecard)}
    for waiting in story.funding_split.waiting:
        assert waiting.title in shown
        assert f"“{waiting.title}”" in " ".join(story.funding_notes)
    # A finding said from the client's answer is named by why its practice matters, not by
    # the rule's generic title the appendix does not show.
    assert "Models are not tested for unfair outcomes" not in " ".join(story.funding_notes)


def test_a_unit_assessed_gets_the_verdict_not_its_organization() -> None:
    # Lumen assessed one model (its `organization.unit`, short name FraudLens): the verdict
    # names it, and a stage is named as a stage, its title as written ("reach exceptional" is
    # no sentence).
    story, _ = story_of("lumen-insurance")
    assert (story.organization, story.assessed, story.subject) == (
        "Lumen Insurance",
        "FraudLens",
        "FraudLens",
    )
    assert story.headline.startswith("FraudLens has reached the Reasonably tested stage.")
    assert "initiatives that reach the Exceptional stage by Jan 2028" in story.headline
    assert "Lumen Insurance has reached" not in story.headline
    whole, _ = story_of("northwind-bank")
    assert whole.subject == whole.assessed == "Northwind Bank"
    assert whole.headline.startswith("Northwind Bank has reached the Pilot to production stage.")


@pytest.mark.parametrize(
    ("unit", "short", "said"),
    [
        (None, None, "Lumen Insurance"),
        ("Claims Analytics", None, "Claims Analytics"),
        ("Claims Analytics, FraudLens claims fraud-triage model", None, "the assessed unit"),
        ("Claims Analytics, FraudLens claims fraud-triage model", "FraudLens", "FraudLens"),
    ],
    ids=["whole", "short-unit", "long-unit", "short-name"],
)
def test_a_unit_is_named_by_its_short_name_else_as_written_when_short(
    unit: str | None, short: str | None, said: str
) -> None:
    from readiness.model import Organization
    from readiness.report.words import assessed_words

    organization = Organization(name="Lumen Insurance", unit=unit, unit_short=short)
    assert assessed_words(organization) == said


def test_a_target_reached_only_with_deferred_work_says_when_with_todays_team() -> None:
    story, _ = story_of("acme-retail")
    # The key facts show the month the deferred work brings it, not a blank.
    assert story.target_date is None
    assert story.target_later == "Mar 2030"
    assert (
        "With today's team, enterprise scale comes in Mar 2030, after the Jun 2029 target, with "
        "36 person-months (EUR 450,000) of work past the horizon (Dec 2029); no team size brings "
        "it before Jul 2029."
    ) in story.headline
    # The two are the standard ML tool stack and the automated privacy controls (the
    # containment pulled forward moved the modular architecture inside the horizon and the
    # tool stack past it; they were 64 person-months with the modular architecture).
    # The horizon is a month, never a count of months beside the plan's own length.
    northwind, _ = story_of("northwind-bank")
    assert "month horizon" not in story.headline + northwind.headline
    assert "past the horizon (Dec 2029)" in northwind.headline
    reached, _ = story_of("helios-energy")
    assert reached.target_later is None


def test_a_priority_held_by_its_owner_says_why_it_starts_then() -> None:
    from priority_helpers import case
    from readiness.report.priorities import priorities
    from readiness.report.story_blocker import held_starts

    # Northwind's monitoring work (Jan 2028) waits for its owner. The containment of its live
    # generative AI exposure now leads its priorities and monitoring is no longer among them:
    # its row is told from the priorities of the wave without the containment.
    c = case("northwind-bank")
    wave = tuple(i for i in c.wave if i.id != "genai-exposure-containment")
    chosen = priorities(wave, c.grouped, c.plan, c.framework, c.scorecard)
    third = held_starts(chosen, c.plan, c.framework, ENGLISH)[2]
    assert third.title == "Monitor production models and alert the owning team"
    assert third.why.endswith(" The work waits for its owner to finish other work.")
    # Priority 1 and 2 already name it as the work that brings operational monitoring.
    assert "The work closes operational monitoring" not in third.why
    # The story's own rows: the registry and the serving start when their turn comes.
    story, _ = story_of("northwind-bank")
    assert story.priorities[0].title == "Contain live generative AI data exposures"
    assert all("owner" not in p.why for p in story.priorities)
    # A team still growing is the plan's ramp-up: no row says it.
    meridian, _ = story_of("meridian-telecom")
    assert all("The work starts" not in p.why for p in meridian.priorities)


def test_half_a_person_is_said_in_words() -> None:
    story, _ = story_of("lumen-insurance")
    efforts = [p.effort for p in story.priorities]
    assert "half a person for 2 months (1 person-month, GBP 8,200)" in efforts
    rows = plan_file(EXAMPLES / "lumen-insurance" / "2026-Q4.yaml").plan.initiatives
    alert = next(i for i in rows if i.id == "model-age-alert")
    efforts.append(effort_words(alert, ENGLISH, Rate(8200, "GBP")))
    assert efforts[-1] == "half a person for 1 month (half a person-month, GBP 4,100)"
    assert not any("0.5 people" in e or "0.5 person-months" in e for e in efforts)


def test_the_disputed_answer_to_settle_names_the_work_it_holds_and_when() -> None:
    story, _ = story_of("northwind-bank")
    assert any(
        "Settle by evidence the disputed answer behind data quality at Repeatable before "
        "“Automate quality checks on the data feeding production models” starts in Apr 2027." in p
        for p in story.summary
    )


def test_requirements_read_as_a_client_says_them() -> None:
    story, _ = story_of("acme-retail")
    roadmap = story.roadmap
    assert roadmap is not None
    assert (
        "Enterprise scale is not reached by the plan's end: teams and operating model at Defined "
        "overall stays open."
    ) in " ".join(roadmap.not_reached)
    # Priority 1 contains the live generative AI exposure; priority 2 serves a requirement.
    assert (
        "Department scale needs infrastructure and MLOps at Repeatable overall (today Ad hoc)."
        in (story.priorities[1].why)
    )
    # A level is its label as the scale writes it, in a theme as in a priority.
    said = " ".join(f.gap or "" for t in story.themes for f in t.findings)
    assert "today Ad hoc;" in said and "today ad hoc" not in said
    # A requirement on the overall score takes its article.
    lumen, _ = story_of("lumen-insurance")
    assert any("needs an overall score above 3 (today 3)" in p.why for p in lumen.priorities)


def test_a_last_stage_heat_map_frames_the_practices_below_its_standard() -> None:
    story, _ = story_of("meridian-telecom")
    framed = {c.name for row in story.standing for c in row.practices if c.short}
    assert framed == {
        "Prompt and retrieval data",
        "Generative AI guardrails",
        "Third-party models",
        "Change management",
        "Bias remediation",
    }


@pytest.mark.parametrize(
    ("sizes", "said"),
    [
        ((24, 14, 19), ("24 people", "14 people", "19 people")),
        ((1,), ("1 person",)),
        ((0.5,), ("half a person",)),
        ((50, 16.5, 33), ("50 FTE", "16.5 FTE", "33 FTE")),
        ((1.5,), ("1.5 FTE",)),
        ((2.44,), ("2.4 FTE",)),
        ((1200,), ("1,200 people",)),
    ],
    ids=["whole", "one", "half", "ramp-with-a-half", "fraction", "one-decimal", "thousands"],
)
def test_team_sizes_are_people_or_fte_never_half_people(
    sizes: tuple[float, ...], said: tuple[str, ...]
) -> None:
    from readiness.report.words import headcount_words

    assert headcount_words(sizes) == said


def test_a_team_that_grows_by_halves_is_said_in_fte() -> None:
    # Northwind's team of 50 starts at 16.5: the Method says every size in FTE, not half people.
    assessed = assess(EXAMPLES / "northwind-bank" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    from readiness.report.method import planning_paragraphs

    said = " ".join(planning_paragraphs(loaded.framework, plan))
    assert (
        "The plan is staffed by a delivery team of 50 FTE: 16.5 FTE in Jan 2027, 33 FTE in "
        "Feb 2027, all 50 FTE from Mar 2027."
    ) in said
    assert "16.5 in" not in said
