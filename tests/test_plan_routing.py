"""What routes share: the points a summing dimension gains from the catalogue, and whether a
set of initiatives meets a goal."""

from __future__ import annotations

from pathlib import Path

from readiness.load import load_assessment, load_framework
from readiness.plan.routing import Goal, Rules
from readiness.plan.sizing import size_work
from readiness.score import score_assessment

ROOT = Path(__file__).resolve().parent.parent


def test_a_summing_dimension_gains_the_points_each_initiative_adds_to_its_answers() -> None:
    tests = load_framework(ROOT / "questionnaires" / "production-tests")
    lumen = load_assessment(
        ROOT / "examples" / "lumen-insurance" / "2026-Q4.yaml", framework=tests
    ).assessment
    card = score_assessment(lumen, tests)
    values = {q.key: q for d in card.dimensions for q in d.questions}
    rules = Rules(
        tests,
        frozenset(),
        frozenset(),
        size_work(tests, lumen),
        1,
        None,
        None,
        dict,
        values,
    )
    gains = rules.gains("model")
    assert gains
    for question, initiative_id, gain in gains:
        current = values[question].value or 0.0
        level = rules.levels[initiative_id][question]
        assert level > current and gain == (level - current) * 1.0
    # A question already automated gains nothing from any initiative.
    automated = {k for k, q in values.items() if k.startswith("model.") and q.value == 1}
    assert automated and not automated & {question for question, _, _ in gains}
    model = next(d for d in card.dimensions if d.id == "model")
    assert model.score is not None
    short = Goal("target", "exceptional", {}, {"model": 5.5 - model.score})
    meets = rules.covers(short)
    assert not meets([])
    assert meets(rules.by_id)
    beyond = Goal("target", "exceptional", {}, {"model": 7.5})  # more than 7 tests can give
    assert rules.wants(beyond) == {}
