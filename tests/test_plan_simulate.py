"""Simulating finished work: a simulation is the score of the raised answers, and one simulator
asked about many sets of work, in any order, answers as a fresh one does for each."""

from __future__ import annotations

import random
from typing import Any

from planning_helpers import make_assessment
from readiness.condition_terms import raised_thresholds
from readiness.model import Assessment, Framework
from readiness.plan.simulate import Simulator, lowest_point, simulate_done
from readiness.score import score_assessment


def _answers(framework: Framework, rng: random.Random) -> dict[str, Any]:
    """Levels, unanswered questions, n/a where allowed, and now and then workshop votes."""
    answers: dict[str, Any] = {}
    for key, question in framework.questions().items():
        roll = rng.random()
        if roll < 0.15:
            continue
        if question.allow_na and roll < 0.3:
            answers[key] = "n/a"
        elif roll < 0.45:
            answers[key] = {"votes": {"a": rng.randrange(5), "b": rng.randrange(5)}}
        else:
            answers[key] = rng.randrange(5)
    return answers


def _assessment(framework: Framework, answers: dict[str, Any]) -> Assessment:
    respondents = [{"id": "a", "role": "CTO"}, {"id": "b", "role": "CDO", "weights": {"ops": 2}}]
    return make_assessment(framework, answers, {"size": 4000}, respondents=respondents)


def test_a_simulation_is_the_score_of_the_raised_answers(planner2: Framework) -> None:
    rng = random.Random(20261130)
    points = planner2.manifest.scale.points()
    initiatives = list(planner2.initiatives)
    for _ in range(25):
        answers = _answers(planner2, rng)
        assessment = _assessment(planner2, answers)
        simulator = Simulator(planner2, assessment, score_assessment(assessment, planner2))
        for _ in range(6):  # the same simulator, asked again and again
            work = rng.sample(initiatives, rng.randrange(len(initiatives) + 1))
            raised = dict(answers)
            for threshold in (t for i in work for t in raised_thresholds(i)):
                target = lowest_point(points, threshold)
                current = raised.get(threshold.name)
                if target is None or current == "n/a":
                    continue
                if current is None or isinstance(current, dict) or current < target:
                    # Votes are raised as a whole: their mean may already be above the target.
                    card = score_assessment(assessment, planner2)
                    now = card.question(threshold.name).value
                    raised[threshold.name] = target if now is None or now < target else current
            expected = dict(score_assessment(_assessment(planner2, raised), planner2).facts)
            expected.pop("stage")
            assert simulator.done(work, include_stage=False) == expected, [i.id for i in work]


def test_one_simulator_answers_as_a_fresh_one_whatever_was_asked_before(
    planner2: Framework,
) -> None:
    """Raising a dimension's level (not only questions) included."""
    platform = next(i for i in planner2.initiatives if i.id == "platform")
    framework = planner2.model_copy(
        update={
            "initiatives": tuple(
                i.model_copy(update={"raises": {"ops.level": 4, "data.level": 3}})
                if i is platform
                else i
                for i in planner2.initiatives
            )
        }
    )
    rng = random.Random(7)
    initiatives = list(framework.initiatives)
    for _ in range(15):
        assessment = _assessment(framework, _answers(framework, rng))
        card = score_assessment(assessment, framework)
        shared = Simulator(framework, assessment, card)
        for _ in range(8):
            work = rng.sample(initiatives, rng.randrange(len(initiatives) + 1))
            fresh = simulate_done(framework, assessment, work, card)
            assert shared.done(work) == fresh
            assert list(shared.done(work)) == list(fresh)  # same order of facts
            without = shared.done(work, include_stage=False)
            assert without == {k: v for k, v in fresh.items() if k != "stage"}
