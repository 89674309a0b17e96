"""One problem is one finding: no two rules of the default framework find the same practice short
and call for the same work, in a bundled example or in the same example set in any industry, so
no problem is counted twice among the high-severity findings. In a regulated industry the
supervisor's finding on a practice is the one said; elsewhere the more specific rule is."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest

from planning_helpers import make_assessment, stage_targets
from readiness.conditions import bounds, compile_condition
from readiness.index import fact_space_for
from readiness.load import Shelf, load_assessment, load_framework
from readiness.model import Framework
from readiness.rules import Finding, evaluate_rules
from readiness.score import score_assessment

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
REGULATED = re.compile(r"^ethics-(?P<practice>[a-z-]+)-regulated$")


@pytest.fixture(scope="module")
def ml_scaling() -> Framework:
    return load_framework(ROOT / "questionnaires" / "ml-scaling")


def regulated_industries(framework: Framework) -> list[str]:
    """The industries the framework's regulated-industry rules name, as written."""
    twin = next(r for r in framework.rules if REGULATED.match(r.id))
    return re.findall(r'"([^"]+)"', twin.when)


def twice_said(framework: Framework, findings: tuple[Finding, ...]) -> list[str]:
    """Pairs of findings that find one question short (read below a level) and call for one
    initiative: the same problem said twice."""
    space = fact_space_for(framework)

    def short(finding: Finding) -> set[str]:
        found = bounds(compile_condition(finding.condition, space).tree)
        return {b.fact for b in found if b.op in ("<", "<=")}

    return [
        f"{a.rule} and {b.rule} on {', '.join(sorted(common))}"
        for a, b in combinations(findings, 2)
        if (common := short(a) & short(b) & framework.questions().keys())
        and set(a.recommend) & set(b.recommend)
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_no_bundled_example_says_one_problem_twice_in_any_industry(
    shelf: Shelf, ml_scaling: Framework, path: Path
) -> None:
    """The example as written, then set in every regulated industry and in one that is not."""
    loaded = load_assessment(path, shelf=shelf)
    framework, assessment = loaded.framework, loaded.assessment
    industries = [assessment.organization.industry, *regulated_industries(ml_scaling), "Retail"]
    twice = {}
    for industry in industries:
        organization = assessment.organization.model_copy(update={"industry": industry})
        variant = assessment.model_copy(update={"organization": organization})
        results = evaluate_rules(framework, score_assessment(variant, framework))
        if found := twice_said(framework, results.findings):
            twice[industry] = found
    assert twice == {}


def test_the_check_finds_a_problem_said_twice(shelf: Shelf, ml_scaling: Framework) -> None:
    acme = load_assessment(ROOT / "examples" / "acme-retail" / "2026-Q4.yaml", shelf=shelf)
    card = score_assessment(acme.assessment, ml_scaling)
    drift = next(
        f for f in evaluate_rules(ml_scaling, card).findings if f.rule == "drift-undetected"
    )
    general = drift._replace(rule="drift-general", condition="infrastructure.drift < 2")
    assert twice_said(ml_scaling, (drift, general)) == [
        "drift-undetected and drift-general on infrastructure.drift"
    ]
    # Another initiative is other work; a question read at or above a level is not found short.
    assert twice_said(ml_scaling, (drift, general._replace(recommend=("feedback-loops",)))) == []
    served = general._replace(condition="infrastructure.serving >= 2")
    assert twice_said(ml_scaling, (drift, served)) == []


def _practices(framework: Framework) -> list[str]:
    """The questions a regulated industry's rule reads: the controls supervisors examine."""
    return [
        f"ethics.{m['practice'].replace('-', '_')}"
        for r in framework.rules
        if (m := REGULATED.match(r.id))
    ]


@pytest.mark.parametrize("level", [0.0, 1.0, 2.0, 2.5])
@pytest.mark.parametrize("stage", ["department", "enterprise"])
def test_each_supervised_practice_below_defined_is_one_finding(
    ml_scaling: Framework, stage: str, level: float
) -> None:
    """An organization that meets `stage`, with one supervised practice at `level`, hears of
    that practice once: in a regulated industry from the supervisor's rule (a vote mean between
    Repeatable and Defined, which that rule does not read, from the level rule as elsewhere),
    elsewhere from the general rules."""
    targets = stage_targets(ml_scaling, stage)
    recommend = {r.id: set(r.recommend) for r in ml_scaling.rules}
    practices = _practices(ml_scaling)
    assert len(practices) == 9
    wrong = []
    for key in practices:
        regulated = f"ethics-{key.partition('.')[2].replace('_', '-')}-regulated"

        def said(industry: str, key: str = key, regulated: str = regulated) -> list[str]:
            assessment = make_assessment(
                ml_scaling, {**targets, key: level}, {"industry": industry, "size": 3000}
            )
            results = evaluate_rules(ml_scaling, score_assessment(assessment, ml_scaling))
            return [
                f.rule
                for f in results.findings
                if any(r.name == key and r.value == level for r in f.reads)
                and recommend[regulated] & set(f.recommend)
            ]

        elsewhere = said("Retail")
        if regulated in elsewhere or len(elsewhere) > 1:
            wrong.append(f"{key} in Retail: {elsewhere}")
        expected = [regulated] if level <= 2 else elsewhere
        for industry in regulated_industries(ml_scaling):
            if (found := said(industry)) != expected:
                wrong.append(f"{key} in {industry}: {found}")
    assert wrong == []
