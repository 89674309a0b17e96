"""Scoring: worked examples, and properties that must hold for any answers."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.load import load_framework
from readiness.model import Answer, Assessment, Framework, Organization
from readiness.records import record_data
from readiness.score import (
    answer_values,
    reached_stage,
    score_assessment,
    score_values,
    scored_of,
    unassessed_dimensions,
    weighted_median,
)
from readiness.score.questions import exact_value, respondent_weights
from readiness.score.records import QuestionScore
from readiness.score.rollup import reported

LEVELS = st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0])
KEYS = ["alpha.one", "alpha.two", "alpha.three", "beta.one", "beta.two"]


def assessment(answers: dict[str, Any], **extra: Any) -> Assessment:
    data = {
        "framework": "mini@1.2.0",
        "organization": {"name": "Mini Co", "size": 120},
        "period": "2026-Q4",
        "date": "2026-11-20",
        "assessor": "T. Ester",
        "answers": answers,
        **extra,
    }
    return Assessment.model_validate(data)


def test_weighted_mean_and_critical_cap(mini: Framework) -> None:
    card = score_assessment(assessment({"alpha.one": 1, "alpha.two": 4, "alpha.three": 4}), mini)
    alpha = card.dimension("alpha")
    # (1*2 + 4*1 + 4*1) / 4 = 2.5; level 2, but the critical alpha.one at 1 caps it at 2.
    assert alpha.score == 2.5
    assert alpha.uncapped_level == 2
    assert alpha.level == 2
    card = score_assessment(assessment({"alpha.one": 0, "alpha.two": 4, "alpha.three": 4}), mini)
    alpha = card.dimension("alpha")
    assert alpha.score == 2.0
    assert alpha.level == 1
    assert alpha.capped_by == "alpha.one"


def test_na_and_unanswered_leave_numerator_and_denominator(mini: Framework) -> None:
    card = score_assessment(assessment({"alpha.one": 3, "alpha.three": "n/a"}), mini)
    alpha = card.dimension("alpha")
    assert alpha.score == 3.0
    assert (alpha.answered, alpha.not_applicable, alpha.total) == (1, 1, 3)
    assert alpha.coverage == pytest.approx(2 / 3, abs=1e-4)
    assert not alpha.insufficient
    beta = card.dimension("beta")
    assert beta.score is None
    assert beta.insufficient
    # The overall score is the alpha score alone: beta has no evidence at all.
    assert card.score == 3.0


def test_votes_mean_median_spread_and_consensus(mini: Framework) -> None:
    respondents = [
        {"id": "ann", "role": "CTO", "weights": {"alpha": 3}},
        {"id": "bob", "role": "CDO"},
        {"id": "cy", "role": "COO"},
    ]
    votes = {"alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}}}
    mean = score_assessment(assessment(votes, respondents=respondents), mini)
    question = mean.question("alpha.two")
    assert question.value == pytest.approx((4 * 3 + 1 + 1) / 5, abs=1e-4)
    assert question.spread == 3
    assert question.disputed
    median = score_assessment(
        assessment(votes, respondents=respondents, vote_aggregate="median"), mini
    )
    assert median.question("alpha.two").value == 4.0
    agreed = {"alpha.two": {"votes": {"ann": 4, "bob": 1, "cy": 1}, "level": 2}}
    consensus = score_assessment(assessment(agreed, respondents=respondents), mini)
    assert consensus.question("alpha.two").value == 2.0
    assert consensus.question("alpha.two").status == "consensus"
    assert consensus.question("alpha.two").vote_value == question.value


def test_a_mean_of_votes_is_a_float_only_when_the_float_is_that_number_exactly(
    mini: Framework,
) -> None:
    assert exact_value(3, 2) == 1.5 and type(exact_value(3, 2)) is float
    assert exact_value(6, 4) == 1.5 and type(exact_value(6, 4)) is float
    assert exact_value(-5, 1) == -5.0 and type(exact_value(-5, 1)) is float
    assert exact_value(4, 3) == Fraction(4, 3)
    assert exact_value(1, 10) == Fraction(1, 10)  # 0.1 is no float exactly
    assert exact_value(1, 2048) == Fraction(1, 2048)  # `ratio` would read 1/2048 as a decimal
    assert exact_value(2**60 + 1, 2) == Fraction(2**60 + 1, 2)
    workshop = assessment(
        {
            "alpha.one": {"votes": {"a": 1, "b": 2}},
            "alpha.two": {"votes": {"a": 1, "b": 1, "c": 2}},
        },
        respondents=[{"id": r, "role": "Role"} for r in "abc"],
    )
    values = answer_values(mini, workshop, score_assessment(workshop, mini), "alpha")
    assert values == {"alpha.one": 1.5, "alpha.two": Fraction(4, 3)}
    assert type(values["alpha.one"]) is float


def test_a_scored_dimension_gives_back_the_values_it_rolled_up(mini: Framework) -> None:
    """In question order: a mean of votes weighted per respondent for the dimension, a
    consensus level over its votes, None for n/a and for unanswered; n/a counted."""
    respondents = [
        {"id": "ann", "role": "CTO", "weights": {"alpha": 3, "beta": 0.5}},
        {"id": "bob", "role": "CDO"},
    ]
    answers = {
        "alpha.one": {"votes": {"ann": 1, "bob": 2}},
        "alpha.two": {"votes": {"ann": 4, "bob": 0}, "level": 2},
        "alpha.three": "n/a",
        "beta.two": {"votes": {"ann": 1, "bob": 2}},
    }
    workshop = assessment(answers, respondents=respondents)
    card = score_assessment(workshop, mini)
    alpha = card.dimension("alpha")
    assert alpha.values == (1.25, 2.0, None)
    assert alpha.not_applicable == 1
    assert card.dimension("beta").values == (None, Fraction(5, 3))
    for scored in card.dimensions:
        keys = [q.key for q in scored.questions]
        given = answer_values(mini, workshop, card, scored.id)
        assert list(scored.values) == [given.get(key) for key in keys]
    # The exact values are not output: the scorecard's data says each to 4 decimals.
    data = record_data(card)
    assert all("values" not in dimension for dimension in data["dimensions"])
    assert [q["value"] for q in data["dimensions"][1]["questions"]] == [None, 1.6667]
    assert respondent_weights(workshop, "beta") == {"ann": 0.5, "bob": 1.0}


def test_a_question_without_votes_has_the_record_defaults_for_them(mini: Framework) -> None:
    card = score_assessment(
        assessment({"alpha.one": {"level": 3, "note": "Seen", "confidence": "high"}}), mini
    )
    scored = card.question("alpha.one")
    defaults = QuestionScore(
        "alpha.one",
        "alpha",
        3.0,
        "answered",
        scored.weight,
        scored.critical,
        note="Seen",
        confidence="high",
    )
    assert scored == defaults
    unanswered = card.question("alpha.two")
    assert unanswered == QuestionScore(
        "alpha.two", "alpha", None, "unanswered", unanswered.weight, unanswered.critical
    )


@given(
    st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.integers(-(10**6), 10**6).map(lambda n: n / 16),
        st.fractions(max_denominator=10**4),
    )
)
def test_a_reported_number_is_the_number_rounded_to_four_decimals(value: float | Fraction) -> None:
    expected = round(float(value), 4)
    assert repr(reported(value)) == repr(expected)
    assert reported(None) is None


def test_weighted_median() -> None:
    assert weighted_median([(1, 1), (3, 1)]) == 2
    assert weighted_median([(1, 1), (2, 1), (4, 1)]) == 2
    assert weighted_median([(1, 1), (4, 3)]) == 4


def test_stage_needs_every_gate(mini: Framework) -> None:
    low = score_assessment(assessment({"alpha.one": 3, "alpha.two": 3, "beta.one": 1}), mini)
    assert low.stage == "pilot"
    assert low.next_stage == "department"
    high = score_assessment(assessment({"alpha.one": 3, "alpha.two": 3, "beta.one": 2}), mini)
    assert high.stage == "department"
    assert high.next_stage is None
    undecided = score_assessment(assessment({"alpha.one": 3, "alpha.two": 3}), mini)
    assert undecided.gates[1].holds is None
    # beta has no answer: it is not assessed, and its unanswered questions would settle it.
    assert undecided.gates[1].missing == ("beta.one", "beta.two")
    assert undecided.gates[1].unassessed == ("beta",)
    assert undecided.stage == "pilot"


answers_strategy = st.dictionaries(st.sampled_from(KEYS), LEVELS, min_size=1, max_size=len(KEYS))


@settings(max_examples=150, deadline=None)
@given(answers=answers_strategy, key=st.sampled_from(KEYS), data=st.data())
def test_raising_an_answer_never_lowers_its_dimension(
    mini: Framework, answers: dict[str, float], key: str, data: st.DataObject
) -> None:
    before = answers.get(key, 0.0)
    higher = data.draw(st.sampled_from([v for v in (0.0, 1.0, 2.0, 3.0, 4.0) if v >= before]))
    raised = {**answers, key: higher}
    if key not in answers:
        answers = {**answers, key: 0.0}
    dimension = key.split(".")[0]
    low = score_assessment(assessment(answers), mini).dimension(dimension)
    high = score_assessment(assessment(raised), mini).dimension(dimension)
    assert low.score is not None and high.score is not None
    assert high.score >= low.score
    assert (high.level or 0) >= (low.level or 0)


@settings(max_examples=150, deadline=None)
@given(answers=answers_strategy)
def test_scores_stay_within_the_scale(mini: Framework, answers: dict[str, float]) -> None:
    card = score_assessment(assessment(answers), mini)
    for dim in card.dimensions:
        if dim.score is not None:
            assert 0 <= dim.score <= 4
            assert 0 <= (dim.percent or 0) <= 100
            assert dim.level is not None and 0 <= dim.level <= dim.score + 1e-9
    assert card.score is None or 0 <= card.score <= 4


@settings(max_examples=100, deadline=None)
@given(answers=answers_strategy)
def test_na_does_not_change_the_other_answers_mean(
    mini: Framework, answers: dict[str, float]
) -> None:
    without = {k: v for k, v in answers.items() if k != "alpha.three"}
    with_na = {**without, "alpha.three": "n/a"}
    a = score_assessment(assessment(without), mini).dimension("alpha")
    b = score_assessment(assessment(with_na), mini).dimension("alpha")
    assert a.score == b.score


@settings(max_examples=50, deadline=None)
@given(answers=answers_strategy)
def test_same_input_gives_identical_json(mini: Framework, answers: dict[str, float]) -> None:
    shuffled = dict(reversed(list(answers.items())))
    one = json.dumps(record_data(score_assessment(assessment(answers), mini)))
    two = json.dumps(record_data(score_assessment(assessment(answers), mini)))
    assert one == two
    # Key order of the answers in the file does not change the result.
    three = json.dumps(record_data(score_assessment(assessment(shuffled), mini)))
    assert one == three


QUESTIONNAIRES = Path(__file__).resolve().parent.parent / "questionnaires"
SHIPPED = {
    name: load_framework(QUESTIONNAIRES / name) for name in ("ml-scaling", "production-tests")
}


@st.composite
def question_values(draw: st.DrawFn, framework: Framework) -> dict[str, float | None]:
    """A value per question as the planner's simulation passes them: a scale point, a value
    between points (what workshop votes average to), None for n/a, or no key (unanswered)."""
    scale = framework.manifest.scale
    values: dict[str, float | None] = {}
    for key in framework.questions():
        choice = draw(st.sampled_from(["point", "point", "between", "n/a", "unanswered"]))
        if choice == "point":
            values[key] = draw(st.sampled_from(scale.points()))
        elif choice == "between":
            values[key] = draw(
                st.floats(scale.min, scale.max, allow_nan=False).map(lambda v: round(v, 6))
            )
        elif choice == "n/a":
            values[key] = None
    return values


ORGANIZATIONS = st.builds(
    Organization,
    name=st.just("Generated Co"),
    industry=st.sampled_from([None, "retail", "banking"]),
    size=st.one_of(st.none(), st.integers(1, 100_000)),
)


def check_scoring_values(
    framework: Framework, values: dict[str, float | None], organization: Organization
) -> None:
    """Scoring levels given directly (what a simulation does) gives the facts of scoring the
    same levels as answers, key order too, and the same stage."""
    answers = {k: Answer(level=v) if v is not None else Answer(na=True) for k, v in values.items()}
    base = assessment({})
    scored_assessment = base.model_copy(update={"answers": answers, "organization": organization})
    card = score_assessment(scored_assessment, framework)
    scored = score_values(framework, organization, values)
    assert list(scored.facts.items()) == [(k, v) for k, v in card.facts.items() if k != "stage"]
    unassessed = unassessed_dimensions(card.dimensions)
    assert reached_stage(framework, scored.facts, unassessed) == card.stage
    found = {}
    for dimension in framework.manifest.dimensions:
        found.update(answer_values(framework, scored_assessment, card, dimension))
    assert found == values
    assert scored_of(card).facts == scored.facts


@settings(max_examples=150, deadline=None)
@given(data=st.data(), organization=ORGANIZATIONS)
def test_scoring_values_equals_scoring_answers_mini(
    mini: Framework, data: st.DataObject, organization: Organization
) -> None:
    check_scoring_values(mini, data.draw(question_values(mini)), organization)


@pytest.mark.parametrize("name", sorted(SHIPPED))
@settings(max_examples=60, deadline=None)
@given(data=st.data(), organization=ORGANIZATIONS)
def test_scoring_values_equals_scoring_answers_shipped(
    name: str, data: st.DataObject, organization: Organization
) -> None:
    framework = SHIPPED[name]
    check_scoring_values(framework, data.draw(question_values(framework)), organization)


@pytest.mark.parametrize("name", ["mini", *sorted(SHIPPED)])
@settings(max_examples=60, deadline=None)
@given(data=st.data(), organization=ORGANIZATIONS)
def test_rescoring_changed_dimensions_equals_scoring_anew(
    mini: Framework, name: str, data: st.DataObject, organization: Organization
) -> None:
    """What the planner's simulations do: re-score since the result of other values, rolling
    up only the dimensions whose values differ; the same facts, in the same order."""
    framework = mini if name == "mini" else SHIPPED[name]
    before = data.draw(question_values(framework))
    after = data.draw(question_values(framework))
    changed = {
        key.partition(".")[0]
        for key in framework.questions()
        if (key in before, before.get(key)) != (key in after, after.get(key))
    }
    since = score_values(framework, organization, before)
    rescored = score_values(framework, organization, after, since=since, changed=changed)
    expected = score_values(framework, organization, after)
    assert list(rescored.facts.items()) == list(expected.facts.items())
    assert rescored.rollups == expected.rollups


def test_scoring_values_of_no_answers_and_of_every_point(mini: Framework) -> None:
    organization = Organization(name="Mini Co", size=120)
    check_scoring_values(mini, {}, organization)
    for point in mini.manifest.scale.points():
        check_scoring_values(mini, dict.fromkeys(mini.questions(), point), organization)


def test_a_mean_exactly_on_a_point_gets_that_level(mini: Framework) -> None:
    """Votes 2, 2, 3 on a weight-2 question and 1, 1, 2 on a weight-1 question: the dimension's
    mean is (2 * 7/3 + 4/3) / 3 = 2 exactly, so its level is 2, not 1."""
    respondents = [{"id": who, "role": "Lead"} for who in ("ann", "bob", "cy")]
    votes = {
        "alpha.one": {"votes": {"ann": 2, "bob": 2, "cy": 3}},
        "alpha.two": {"votes": {"ann": 1, "bob": 1, "cy": 2}},
        "alpha.three": "n/a",
    }
    card = score_assessment(assessment(votes, respondents=respondents), mini)
    alpha = card.dimension("alpha")
    assert (alpha.score, alpha.level, alpha.uncapped_level) == (2.0, 2.0, 2.0)
    assert card.facts["alpha.level"] == 2.0


DECIMAL_WEIGHTS = st.decimals(min_value="0.01", max_value="100", places=2).map(float)


def _exact_level(score: Fraction, points: tuple[float, ...]) -> Fraction:
    return max((Fraction(str(p)) for p in points if Fraction(str(p)) <= score), default=Fraction(0))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_levels_are_exact_for_any_votes_and_weights(mini: Framework, data: st.DataObject) -> None:
    """Against exact arithmetic on the decimals as written: the dimension's level is the
    highest scale point at or below its exact weighted mean (capped by its critical question),
    and its reported score is that mean to 4 decimals."""
    weights = {key: data.draw(DECIMAL_WEIGHTS, label=key) for key in ("one", "two", "three")}
    alpha = mini.dimension("alpha")
    questions = tuple(q.model_copy(update={"weight": weights[q.id]}) for q in alpha.questions)
    dimensions = (alpha.model_copy(update={"questions": questions}), mini.dimension("beta"))
    framework = mini.model_copy(update={"dimensions": dimensions})
    people = data.draw(st.lists(DECIMAL_WEIGHTS, min_size=1, max_size=5), label="respondents")
    respondents = [
        {"id": f"r{index}", "role": "Lead", "weights": {"alpha": weight}}
        for index, weight in enumerate(people)
    ]
    points = mini.manifest.scale.points()
    answers: dict[str, Any] = {}
    values: dict[str, Fraction] = {}
    for key in ("one", "two", "three"):
        votes = data.draw(st.lists(st.sampled_from(points), min_size=len(people), max_size=5))
        cast = dict(zip((r["id"] for r in respondents), votes, strict=False))
        answers[f"alpha.{key}"] = {"votes": cast}
        pairs = [(Fraction(str(v)), Fraction(str(people[int(r[1:])]))) for r, v in cast.items()]
        values[key] = sum(v * w for v, w in pairs) / sum(w for _, w in pairs)
    card = score_assessment(assessment(answers, respondents=respondents), framework)
    question_weights = {key: Fraction(str(w)) for key, w in weights.items()}
    score = sum(values[k] * question_weights[k] for k in values) / sum(question_weights.values())
    level = min(_exact_level(score, points), _exact_level(values["one"], points) + 1)
    scored = card.dimension("alpha")
    assert Fraction(str(scored.level)) == level
    assert Fraction(str(scored.uncapped_level)) == _exact_level(score, points)
    assert abs(Fraction(str(scored.score)) - score) <= Fraction(1, 20_000)
