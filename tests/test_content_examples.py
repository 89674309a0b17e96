"""The shipped content as a reader meets it: practices named in plain words, examples that state
what a person-month costs, votes weighted only for a stated reason, and live generative AI
exposures contained in the first months of a plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.load import load_assessment, load_framework
from readiness.model import Framework, Question
from readiness.pipeline import assess
from readiness.plan.roadmap import plan_roadmap
from readiness.report.words import practice_name
from readiness.rules import evaluate_rules
from readiness.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = sorted(p.parent for p in (ROOT / "questionnaires").glob("*/framework.yaml"))
LATEST = sorted((ROOT / "examples").glob("*/2026-Q4.yaml"))
CONTAINMENT = "genai-exposure-containment"
LABEL_CHARS = 30  # what a grid cell or a list line shows on one or two lines


@pytest.mark.parametrize("folder", FRAMEWORKS, ids=[p.name for p in FRAMEWORKS])
def test_every_shipped_practice_has_a_short_plain_label(folder: Path) -> None:
    framework = load_framework(folder)
    labels = {key: q.label for key, q in framework.questions().items()}
    assert [key for key, label in labels.items() if not label] == []
    too_long = {key: label for key, label in labels.items() if len(label or "") > LABEL_CHARS}
    assert too_long == {}
    # One name per practice: two cells reading the same would be two different questions.
    assert len(set(labels.values())) == len(labels)


def test_a_practice_is_named_by_its_label_else_by_its_id_in_words() -> None:
    levels = {0.0: "none", 1.0: "some"}
    plain = Question(id="coe_roles", text="Q?", levels=levels, evidence="e", source="s")
    assert practice_name(plain) == "CoE roles"
    labelled = plain.model_copy(update={"label": "Core ML roles staffed"})
    assert practice_name(labelled) == "Core ML roles staffed"


def test_the_assessment_schema_titles_each_answer_with_its_practice() -> None:
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    answers = build_schema(framework)["properties"]["answers"]["properties"]
    assert answers["data.silos"]["title"] == "Data silos"
    assert answers["infrastructure.monitoring"]["title"] == "Operational monitoring"


@pytest.mark.parametrize("path", LATEST, ids=[p.parent.name for p in LATEST])
def test_every_example_states_its_rate_and_reasons_for_any_weight(path: Path) -> None:
    assessment = load_assessment(path).assessment
    # A steering committee funds money, not person-months.
    assert assessment.team is not None
    assert assessment.team.cost_per_fte_month is not None and assessment.team.currency
    for respondent in assessment.respondents:
        if any(w != 1 for w in respondent.weights.values()):
            assert respondent.weight_reason, respondent.id


def test_northwind_counts_every_vote_once_and_its_monitoring_answer_agrees_with_its_note() -> None:
    assessed = assess(ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml")
    assessment = assessed.loaded.assessment
    assert all(not r.weights for r in assessment.respondents)
    monitoring = assessment.answers["infrastructure.monitoring"]
    # 19 of 46 models have no alerts: below Defined, which asks for alerts on every model.
    assert monitoring.level == 2 and monitoring.note and "19 models" in monitoring.note
    assert max(monitoring.votes.values()) < 4  # nobody claims Optimized
    # The department gate asks monitoring at Defined: the bank is not there yet.
    assert assessed.scorecard.stage == "pilot"


def _exposure_rules(framework: Framework) -> list[str]:
    return [
        r.id
        for r in framework.rules
        if {"llm-guardrails", "prompt-retrieval-governance"} & set(r.recommend)
    ]


def test_a_live_generative_ai_exposure_is_contained_first() -> None:
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    rules = {r.id: r for r in framework.rules}
    exposures = _exposure_rules(framework)
    assert len(exposures) == 6
    assert all(rules[r].recommend[0] == CONTAINMENT for r in exposures)
    containment = framework.initiative(CONTAINMENT)
    assert containment.quick_win and containment.duration_months == 1
    assert containment.exit_criterion and "access rights" in containment.exit_criterion
    # Meridian's internal assistant answers from documents without checking access rights:
    # the containment starts while the team ramps up (the first month's people go to the
    # governance work, which ranks ahead), and ends well before the 7-month governance work.
    assessed = assess(ROOT / "examples" / "meridian-telecom" / "2026-Q4.yaml")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    plan = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
    planned = {i.id: i for i in plan.initiatives}
    assert plan.team_ramp and planned[CONTAINMENT].start_month < len(plan.team_ramp)
    assert planned[CONTAINMENT].end_month < planned["prompt-retrieval-governance"].end_month


def test_enterprise_scale_asks_for_guardrails_where_generative_ai_runs() -> None:
    framework = load_framework(ROOT / "questionnaires" / "ml-scaling")
    enterprise = framework.manifest.stages[-1]
    assert enterprise.profile is not None
    assert enterprise.profile.questions["infrastructure.llm_guardrails"] == 3
    assert "guardrails" in enterprise.description
    # Not in the gate: an organization without generative AI answers n/a, and the gate must
    # still be able to hold for it.
    assert enterprise.gate is not None and "llm_guardrails" not in enterprise.gate
    assert framework.questions()["infrastructure.llm_guardrails"].allow_na


def test_the_rollback_drill_can_be_shown_done_when_the_work_ends() -> None:
    framework = load_framework(ROOT / "questionnaires" / "production-tests")
    rollback = framework.initiative("one-step-rollback")
    assert rollback.exit_criterion is not None
    assert "first drill" in rollback.exit_criterion and "scheduled" in rollback.exit_criterion
    assert "each quarter" not in rollback.exit_criterion
