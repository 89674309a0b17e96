"""The shipped content: every framework and example loads with --strict, and the default
framework meets the bar a consultant's client would hold it to."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.load import load_framework
from readiness.model import Framework

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = sorted(p.parent for p in (ROOT / "questionnaires").glob("*/framework.yaml"))
EXAMPLES = sorted((ROOT / "examples").glob("*/*.yaml"))
PLACEHOLDERS = re.compile(
    r"\b(TBD|TODO|FIXME|lorem|ipsum|placeholder|etc\.?|XXX)\b|\.\.\.", re.IGNORECASE
)


@pytest.fixture(scope="module")
def ml_scaling() -> Framework:
    return load_framework(ROOT / "questionnaires" / "ml-scaling")


@pytest.mark.parametrize(
    "path", FRAMEWORKS + EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in FRAMEWORKS + EXAMPLES]
)
def test_shipped_file_is_valid_with_strict(path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--strict", str(path)])
    assert result.exit_code == 0, result.output


def test_there_are_examples_and_frameworks() -> None:
    assert len(FRAMEWORKS) >= 2
    assert len({p.parent for p in EXAMPLES}) >= 3


def test_size_of_the_default_framework(ml_scaling: Framework) -> None:
    assert [d.id for d in ml_scaling.dimensions] == [
        "data",
        "infrastructure",
        "teams",
        "ethics",
        "measurement",
    ]
    for dimension in ml_scaling.dimensions:
        assert len(dimension.questions) >= 10, dimension.id
        critical = [q for q in dimension.questions if q.critical]
        assert 1 <= len(critical) <= 3, dimension.id
    assert len(ml_scaling.questions()) >= 50
    assert len(ml_scaling.rules) >= 40
    assert len(ml_scaling.initiatives) >= 40


def test_every_theme_has_questions(ml_scaling: Framework) -> None:
    used = Counter(q.source for q in ml_scaling.questions().values())
    assert set(used) == set(ml_scaling.manifest.themes)


@pytest.mark.parametrize("folder", FRAMEWORKS, ids=[p.name for p in FRAMEWORKS])
def test_descriptor_lint(folder: Path) -> None:
    framework = load_framework(folder)
    seen: dict[str, str] = {}
    problems = []
    for key, question in framework.questions().items():
        keys = list(question.levels)
        if keys != sorted(keys):
            problems.append(f"{key}: levels out of order")
        for level, text in question.levels.items():
            if len(text.split()) < 4:
                problems.append(f"{key}.{level}: descriptor too short: {text!r}")
            if PLACEHOLDERS.search(text):
                problems.append(f"{key}.{level}: placeholder wording: {text!r}")
            if text in seen:
                problems.append(f"{key}.{level}: same descriptor as {seen[text]}")
            seen[text] = f"{key}.{level}"
        for field in (question.text, question.evidence):
            if PLACEHOLDERS.search(field):
                problems.append(f"{key}: placeholder wording: {field!r}")
    for rule in framework.rules:
        if PLACEHOLDERS.search(rule.finding) or len(rule.finding.split()) < 15:
            problems.append(f"rule {rule.id}: finding too thin or placeholder: {rule.finding!r}")
    for item in framework.initiatives:
        if PLACEHOLDERS.search(item.description) or len(item.description.split()) < 15:
            problems.append(f"initiative {item.id}: description too thin: {item.description!r}")
        if not item.kpis or len(item.kpis) > 3:
            problems.append(f"initiative {item.id}: needs 1-3 KPIs")
        if not item.done_when:
            problems.append(f"initiative {item.id}: no exit criterion")
    assert problems == []


@pytest.mark.parametrize("folder", FRAMEWORKS, ids=[p.name for p in FRAMEWORKS])
def test_dependencies_never_point_to_a_later_stage(folder: Path) -> None:
    framework = load_framework(folder)
    order = [s.id for s in framework.manifest.stages]
    by_id = {i.id: i for i in framework.initiatives}
    for item in framework.initiatives:
        for dependency in item.depends_on:
            assert order.index(by_id[dependency].stage) <= order.index(item.stage)
