"""A file into a model (`readiness.loading.reading`): each pydantic error becomes one located
issue naming the field as the user wrote it, what was wrong and what is allowed."""

from __future__ import annotations

from pathlib import Path

from readiness.loading.issues import Collector
from readiness.loading.reading import parse_model, read_document
from readiness.model import Assessment, Dimension

ASSESSMENT = """\
framework: ml-scaling@2.0.0
organization:
  name: Acme
  sizee: 500
period: 2026-Q5
date: 2026-11-20
assessor: A. Consultant
answers:
  data.inventory: {level: 2}
respondents: oops
"""


def _issues(tmp_path: Path, text: str, model: type[Assessment] | type[Dimension]) -> list[str]:
    (tmp_path / "a.yaml").write_text(text)
    collector = Collector()
    doc = read_document(tmp_path / "a.yaml", collector)
    assert doc is not None
    assert parse_model(doc, model, collector) is None
    return [issue.format().removeprefix(f"{tmp_path}/") for issue in collector.issues]


def test_every_problem_of_a_file_is_one_located_line(tmp_path: Path) -> None:
    assert _issues(tmp_path, ASSESSMENT, Assessment) == [
        "a.yaml:4: organization.sizee: unknown key (did you mean 'size'?) (allowed: "
        "industry, name, size, unit, unit_short)",
        "a.yaml:5: period: not in the expected form (got '2026-Q5'; allowed: a period such as "
        "2026-Q4, 2026-H2 or 2026-11)",
        "a.yaml:10: respondents: should be a list (`- item` entries or `[a, b]`) (got 'oops')",
    ]


def test_missing_keys_and_wrong_kinds(tmp_path: Path) -> None:
    text = "id: data\nquestions:\n  - id: Inventory\n    text: [a, b]\n"
    assert _issues(tmp_path, text, Dimension) == [
        "a.yaml:1: title: required key is missing",
        "a.yaml:3: questions[0].id: not in the expected form (got 'Inventory'; allowed: "
        "lower-case letters, digits, '-' and '_', starting with a letter)",
        "a.yaml:4: questions[0].text: should be a valid string (got ['a', 'b'])",
        "a.yaml:3: questions[0].levels: required key is missing",
        "a.yaml:3: questions[0].evidence: required key is missing",
        "a.yaml:3: questions[0].source: required key is missing",
    ]


def test_a_file_that_cannot_be_read_is_collected_not_raised(tmp_path: Path) -> None:
    collector = Collector()
    assert read_document(tmp_path / "missing.yaml", collector) is None
    assert [issue.format() for issue in collector.issues] == [
        f"{tmp_path / 'missing.yaml'}: no such file"
    ]


def test_an_id_holding_an_invisible_mark_is_named_for_it(tmp_path: Path) -> None:
    text = "id: data\ntitle: Data\nquestions: []\n".replace("id: data", 'id: "da\\u200bta"')
    assert _issues(tmp_path, text, Dimension) == [
        "a.yaml:1: id: holds an invisible character, U+200B (zero width space) (got "
        "'da\u200bta'; allowed: lower-case letters, digits, '-' and '_', starting with a letter)",
        "a.yaml:3: questions: List should have at least 1 item after validation, not 0 (got [])",
    ]
