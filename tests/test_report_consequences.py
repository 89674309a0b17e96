"""Why a finding matters, from the framework's words: the clause, the headline, the levels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readiness.load import load_framework
from readiness.pipeline import assess
from readiness.plan.roadmap import plan_roadmap
from readiness.report.consequences import (
    LONGEST_HEADLINE,
    consequence,
    gap_words,
    headline,
    stands_alone,
)
from readiness.report.reading import Gap
from readiness.report.story import build_story
from readiness.report.story_themes import SHOWN
from readiness.rules import evaluate_rules
from test_report_story import BUNDLED, EXAMPLES, story_of

ROOT = Path(__file__).resolve().parent.parent


def test_a_level_finding_gives_the_reason_the_stage_asks_more() -> None:
    text = (
        "The answer places drift detection at Repeatable (2): drift is checked by hand. "
        "Enterprise scale expects every practice at Defined (3), which here means: alerts fire. "
        "Enterprise scale expects more of this practice: drift must be caught for every model."
    )
    assert consequence(text) == "drift must be caught for every model"


def test_a_narrative_gives_its_last_sentence_that_stands_on_its_own() -> None:
    text = (
        "Releases go to all traffic at once. This is risky. A faulty release reaches every "
        "prediction before anyone sees its effect."
    )
    assert (
        consequence(text)
        == "A faulty release reaches every prediction before anyone sees its effect"
    )
    leaning = "Models are deployed by hand. This caps how many models a team can run."
    assert consequence(leaning) == ""  # "This" leans on the sentence before: no reason said
    # A clause after ", so" carries the consequence on its own.
    so = "Nothing is compared. Whether a check is made depends on the author, so a worse model can win."
    assert consequence(so) == "a worse model can win"


def test_a_level_description_is_never_taken_for_a_reason() -> None:
    text = (
        "The answer places unit cost at Ad hoc (1): costs are estimated by hand, and nobody "
        "checks them. Department scale expects Repeatable (2); the next step means: computed."
    )
    assert consequence(text) == ""
    regulated = (
        "The answer places bias testing at Repeatable or below, and the organization works in "
        "a regulated industry where supervisors expect it. Defined (3) means: every model."
    )
    assert consequence(regulated).startswith("the organization works in a regulated industry")


def test_a_headline_is_short_or_the_first_part_of_a_long_consequence() -> None:
    assert headline("value erodes silently for months") == "Value erodes silently for months"
    long = "an unguarded application can be steered into leaking data by a crafted prompt " * 2
    cut = long.strip() + ", and the first sign is the leak"
    assert headline(cut) is None  # no part short enough
    assert (
        headline("models degrade unseen between two retrains, and " + "the rest " * 20)
        == "Models degrade unseen between two retrains"
    )
    assert headline("") is None


@pytest.mark.parametrize("framework", ["ml-scaling", "production-tests"])
def test_every_shipped_headline_stands_on_its_own(framework: str) -> None:
    loaded = load_framework(ROOT / "questionnaires" / framework)
    for rule in loaded.rules:
        said = headline(consequence(rule.finding))
        if said is None:
            continue
        assert len(said.split()) <= LONGEST_HEADLINE, rule.id
        assert stands_alone(said), rule.id
        assert "means:" not in said and not said.endswith((".", ":")), rule.id


def test_the_levels_are_said_in_words() -> None:
    gap = Gap("Bias testing", "Ad hoc", "Repeatable", "needed", "Department scale")
    assert gap_words(gap) == "Bias testing: today Ad hoc; department scale expects Repeatable"
    required = gap._replace(why="required")
    assert gap_words(required).endswith("today Ad hoc; department scale requires Repeatable")
    target = gap._replace(why="targeted")
    assert gap_words(target).endswith("today Ad hoc; the target is Repeatable")


def test_a_theme_names_a_practice_once_by_its_most_severe_finding() -> None:
    # The shipped rules say one problem once (tests/test_content_findings.py). Helios judged by
    # rules whose level finding on explainability does not step aside for the regulated one:
    # the theme names the practice once, by the regulated finding, and counts both.
    assessed = assess(EXAMPLES / "helios-energy" / "2026-Q4.yaml")
    loaded = assessed.loaded
    level = "ethics.explainability >= 2 and ethics.explainability < 3"
    framework = loaded.framework.model_copy(
        update={
            "rules": [
                r.model_copy(update={"when": level}) if r.id == "ethics-explainability-at-2" else r
                for r in loaded.framework.rules
            ]
        }
    )
    results = evaluate_rules(framework, assessed.scorecard)
    plan = plan_roadmap(framework, loaded.assessment, assessed.scorecard, results)
    story = build_story(framework, loaded.assessment, assessed.scorecard, results, plan)
    for theme in story.themes:
        titles = [f.title for f in theme.findings]
        assert len(titles) == len(set(titles))
        practices = [f.gap.partition(":")[0] for f in theme.findings if f.gap]
        assert len(practices) == len(set(practices)), practices
    ethics = next(t for t in story.themes if t.dimension == "Ethics, risk and governance")
    said = [f.title for f in ethics.findings]
    assert "Decisions models make about people cannot all be explained" in said
    assert not any(f.gap.startswith("Explainability of model decisions") for f in ethics.findings)
    # Its count is every finding of the dimension, as the appendix lists them.
    every = [f for f in results.findings if f.dimension == "ethics"]
    assert {"ethics-explainability-at-2", "ethics-explainability-regulated"} <= {
        f.rule for f in every
    }
    high = sum(1 for f in every if f.severity == "high")
    assert len(every) > len(said)
    assert ethics.summary.startswith(
        f"Ethics, risk and governance is at level 2 (Repeatable); {len(every)} findings, "
        f"{high} of them high severity;"
    )


def test_a_theme_is_headed_by_why_its_lead_finding_matters() -> None:
    headed = 0
    for client in ("helios-energy", "northwind-bank", "lumen-insurance", "acme-retail"):
        story, _ = story_of(client)
        for theme in story.themes:
            lead = theme.findings[0]
            assert theme.title == lead.title
            assert " today, " not in theme.title, (client, theme.title)
            if lead.gap and headline(lead.why):
                assert theme.title == headline(lead.why)
                headed += 1
    assert headed  # the shipped frameworks say why for some of the practices that lead


def test_a_theme_gives_the_same_reason_once() -> None:
    story, _ = story_of("northwind-bank")  # a bank: several practices below Defined, regulated
    ethics = next(t for t in story.themes if t.dimension == "Ethics, risk and governance")
    regulated = [f for f in ethics.findings if "works in a regulated industry" in f.text]
    assert len(regulated) == 1 and len(ethics.findings) >= 3
    said = " ".join(f.text for f in ethics.findings)
    assert said.count("works in a regulated industry") == 1


def test_the_appendix_names_a_finding_as_its_theme_does() -> None:
    from readiness.pipeline import assess
    from readiness.plan.roadmap import plan_roadmap
    from readiness.report.findings import finding_views
    from readiness.rules import evaluate_rules

    assessed = assess(ROOT / "examples" / "helios-energy" / "2026-Q4.yaml")
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    plan = plan_roadmap(framework, assessed.loaded.assessment, assessed.scorecard, results)
    listed = {v.rule: v.title for v in finding_views(results, framework, plan, assessed.scorecard)}
    story, _ = story_of("helios-energy")
    shown = [f for t in story.themes for f in t.findings]
    assert shown and all(listed[f.rule] == f.title for f in shown)


def test_a_sentence_that_points_back_is_never_a_reason() -> None:
    # Quoted on its own, "then", "therefore" or "these" points to nothing.
    for leaning in (
        "A finding can then stay open for months while the model keeps deciding",
        "Any improvement claimed after launch is therefore open to dispute",
        "With more models reading more sources, these breakages become a recurring outage",
    ):
        assert not stands_alone(leaning), leaning
        assert consequence(f"Something is wrong today. {leaning}.") == ""
    # A sentence that states its own premise stands, a relative "that" included.
    assert stands_alone("If a check fails, then the release stops before it reaches users")
    assert stands_alone("An assistant that retrieves without checks can answer any employee")
    assert stands_alone("Duplicated tooling absorbs capacity instead of use cases")


@pytest.mark.parametrize("framework", ["ml-scaling", "production-tests"])
def test_every_shipped_level_finding_says_what_goes_wrong(framework: str) -> None:
    # A practice's gap is a detail line, never a headline: each level finding of the shipped
    # frameworks says what goes wrong for the business in a sentence of its own.
    loaded = load_framework(ROOT / "questionnaires" / framework)
    level = re.compile(r": [\w ]+, not yet [\w ]+$")
    missing = [
        rule.id
        for rule in loaded.rules
        if level.search(rule.title) and headline(consequence(rule.finding)) is None
    ]
    assert not missing


GAP_TEMPLATE = re.compile(
    r"today [\w ]+; .*(expects|requires|target is|next step|expects it|sets it)"
)


@pytest.mark.parametrize("client", [*BUNDLED, "meridian-telecom"])
def test_headlines_and_reasons_say_what_goes_wrong_not_the_levels(client: str) -> None:
    story, _ = story_of(client)
    said = [t.title for t in story.themes] + [p.why for p in story.priorities]
    said += [f.title for t in story.themes for f in t.findings]
    for text in said:
        assert not GAP_TEMPLATE.search(text), (client, text)
        for sentence in re.split(r"(?<=\.)\s+", text):
            assert stands_alone(sentence) or "What brings it builds on this" in sentence, text
    for theme in story.themes:
        # The findings past the first few are named by their practice, in one line.
        assert not GAP_TEMPLATE.search(theme.more), theme.more
        assert bool(theme.more) == (len(theme.findings) > SHOWN)


def test_regulation_is_cited_only_where_it_applies() -> None:
    # A bank priced in USD with no jurisdiction stated must not read that the EU AI Act binds it.
    loaded = load_framework(ROOT / "questionnaires" / "ml-scaling")
    for rule in loaded.rules:
        flat = " ".join(rule.finding.split())
        for sentence in re.split(r"(?<=[.;])\s+", flat):
            if "EU AI Act" in sentence:
                assert "where it applies" in sentence or "for the EU AI Act:" in sentence, rule.id
