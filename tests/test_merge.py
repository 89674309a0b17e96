"""Workshop merge: per-respondent files into one workshop assessment, votes and notes kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from readiness.cli import main
from readiness.errors import UsageError, ValidationError
from readiness.load import load_assessment
from readiness.merge import merge_files
from readiness.pipeline import validate
from readiness.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
WORKSHOP = FIXTURES / "workshop"
FILES = [WORKSHOP / "ann.yaml", WORKSHOP / "bob.yaml", WORKSHOP / "cy.yaml"]
NORTHWIND = ROOT / "examples" / "northwind-bank" / "2026-Q4.yaml"

EXPECTED = """\
# Workshop assessment: 3 respondents, 13 votes.
# Merged by `readiness merge` from:
#   ann.yaml: ann (Chief Technology Officer)
#   bob.yaml: bob (bob)
#   cy.yaml: cy (Chief Operating Officer, EMEA)
# Record an agreed answer as `level:` next to the votes; it takes precedence over them.
framework: mini@1.2.0
organization: {name: Mini Co, industry: Testing, size: 120}
period: 2026-Q4
date: 2026-11-20
assessor: T. Ester
respondents:
  - {id: ann, role: Chief Technology Officer, name: Ann Archer, weights: {alpha: 2}}
  - {id: bob, role: bob}
  - {id: cy, role: 'Chief Operating Officer, EMEA'}
answers:
  alpha.one:
    votes: {ann: 1, bob: 3, cy: 2}
    notes:
      ann: Only the warehouse is catalogued
      cy: 'yes: it''s "mostly" done'
  alpha.two:
    votes: {ann: 4, bob: 1, cy: 1}
    notes:
      bob: 'Evidence: Runbook v2. Confidence: low.'
  alpha.three:
    votes: {ann: n/a, bob: 2}
  beta.one:
    votes: {ann: 1, bob: 3, cy: 2}
  beta.two:
    votes: {ann: 2, cy: 2}
initiatives:
  groundwork: in_progress
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_merge_keeps_every_vote_and_note_with_its_author() -> None:
    merged = merge_files(FILES, frameworks=[FIXTURES])
    assert merged.text == EXPECTED
    answers = merged.assessment.answers
    assert answers["alpha.one"].votes == {"ann": 1, "bob": 3, "cy": 2}
    assert answers["alpha.three"].votes == {"ann": None, "bob": 2}
    assert answers["alpha.one"].notes["cy"] == 'yes: it\'s "mostly" done'
    assert [r.id for r in merged.assessment.respondents] == ["ann", "bob", "cy"]
    # The respondent's own declaration wins; without one the file name is id and role.
    assert merged.assessment.respondents[0].weights == {"alpha": 2}
    assert merged.assessment.respondents[1].role == "bob"
    # The workshop is complete when the last response came in.
    assert str(merged.assessment.date) == "2026-11-20"
    assert merged.votes == 13


def test_merged_output_is_deterministic_and_valid_strict(tmp_path: Path) -> None:
    first = merge_files(FILES, frameworks=[FIXTURES]).text
    assert merge_files(FILES, frameworks=[FIXTURES]).text == first
    target = tmp_path / "2026-Q4.yaml"
    target.write_text(first, encoding="utf-8")
    checked = validate([target], frameworks=[FIXTURES])
    assert (checked.errors, checked.warnings) == ((), ())
    loaded = load_assessment(target, frameworks=[FIXTURES])
    assert loaded.assessment == merge_files(FILES, frameworks=[FIXTURES]).assessment


def test_conflicting_metadata_names_both_files() -> None:
    conflict = WORKSHOP / "conflict"
    with pytest.raises(ValidationError) as caught:
        merge_files([conflict / "ann.yaml", conflict / "bob.yaml"], frameworks=[FIXTURES])
    a, b = conflict / "ann.yaml", conflict / "bob.yaml"
    assert caught.value.lines() == [
        f"{b}:2: organization.name: 'Mini Company' here, but 'Mini Co' in {a}:2; "
        "every respondent file must agree",
        f"{b}:3: period: '2026-Q3' here, but '2026-Q4' in {a}:3; every respondent file must agree",
    ]


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _respondent_file(**extra: Any) -> dict[str, Any]:
    return {
        "framework": "mini@1.2.0",
        "organization": {"name": "Mini Co"},
        "period": "2026-Q4",
        "date": "2026-11-20",
        "assessor": "T. Ester",
        "answers": {"alpha.one": 2},
        **extra,
    }


def test_same_respondent_twice_and_several_respondents_are_refused(tmp_path: Path) -> None:
    first = _write(tmp_path / "cto.yaml", _respondent_file())
    person = {"respondents": [{"id": "cto", "role": "CTO"}]}
    second = _write(tmp_path / "other.yaml", _respondent_file(**person))
    with pytest.raises(ValidationError) as caught:
        merge_files([first, second], frameworks=[FIXTURES])
    assert caught.value.lines() == [
        f"{second}:9: respondent: 'cto' also answers in {first}; each respondent answers in "
        "one file"
    ]
    both = {"respondents": [{"id": "cto", "role": "CTO"}, {"id": "cdo", "role": "CDO"}]}
    crowd = _write(tmp_path / "crowd.yaml", _respondent_file(**both))
    with pytest.raises(ValidationError) as caught:
        merge_files([first, crowd], frameworks=[FIXTURES])
    assert caught.value.lines() == [
        f"{crowd}:9: respondents: declares 2 respondents; a respondent file speaks for one "
        "person (allowed: one entry under `respondents:`, or none (the file name is the id))"
    ]


def test_file_name_that_is_not_an_id_is_refused(tmp_path: Path) -> None:
    first = _write(tmp_path / "cto.yaml", _respondent_file())
    odd = _write(tmp_path / "Chief Data Officer.yaml", _respondent_file())
    with pytest.raises(ValidationError) as caught:
        merge_files([first, odd], frameworks=[FIXTURES])
    assert caught.value.lines() == [
        f"{odd}: the file name is not a respondent id and the file declares no respondent "
        "(got 'Chief Data Officer'; allowed: a name like cdo.yaml (lower-case letters, "
        "digits, '-', '_'), or `respondents: [{id: cdo, role: Chief Data Officer}]` in the file)"
    ]


def test_settings_and_statuses_must_agree(tmp_path: Path) -> None:
    first = _write(
        tmp_path / "cto.yaml",
        _respondent_file(vote_aggregate="median", initiatives={"groundwork": "done"}),
    )
    second = _write(
        tmp_path / "cdo.yaml",
        _respondent_file(vote_aggregate="mean", initiatives={"groundwork": "planned"}),
    )
    with pytest.raises(ValidationError) as caught:
        merge_files([first, second], frameworks=[FIXTURES])
    assert caught.value.lines() == [
        f"{second}:9: vote_aggregate: 'mean' here, but 'median' in {first}:9; every "
        "respondent file must agree",
        f"{second}:11: initiatives.groundwork: 'planned' here, but 'done' in {first}:11; "
        "every respondent file must agree",
    ]
    # Settings one file gives and the others leave out are kept.
    third = _write(tmp_path / "coo.yaml", _respondent_file())
    merged = merge_files([first, third], frameworks=[FIXTURES])
    assert merged.assessment.vote_aggregate == "median"
    assert merged.assessment.initiatives == {"groundwork": "done"}
    assert "vote_aggregate: median\n" in merged.text


def test_fewer_than_two_files_or_a_repeated_file_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        merge_files(FILES[:1], frameworks=[FIXTURES])
    with pytest.raises(UsageError):
        merge_files([FILES[0], FILES[0]], frameworks=[FIXTURES])


def test_merge_command_writes_once_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "workshop" / "2026-Q4.yaml"
    args = ["merge", *map(str, FILES), "-o", str(target), "--frameworks", str(FIXTURES)]
    assert run(*args) == (0, f"wrote {target}: 3 respondents, 13 votes\n")
    assert target.read_text(encoding="utf-8") == EXPECTED
    assert run(*args) == (1, f"{target}: already exists; pass --force to replace it\n")
    assert run(*args, "--force")[0] == 0
    code, output = run(
        "merge", *map(str, FILES), "-o", str(FILES[0]), "--frameworks", str(FIXTURES)
    )
    assert (code, output) == (
        2,
        f"error: -o {FILES[0]}: this is one of the merge's inputs; choose another file\n",
    )
    assert run("validate", "--strict", str(target), "--frameworks", str(FIXTURES)) == (
        0,
        "ok: 1 file valid\n",
    )


def test_merge_command_reports_conflicts_one_line_each(tmp_path: Path) -> None:
    conflict = WORKSHOP / "conflict"
    code, output = run(
        "merge",
        str(conflict / "ann.yaml"),
        str(conflict / "bob.yaml"),
        "-o",
        str(tmp_path / "out.yaml"),
        "--frameworks",
        str(FIXTURES),
    )
    assert code == 1
    assert output.count("\n") == 2
    assert not (tmp_path / "out.yaml").exists()


def test_splitting_the_bundled_workshop_and_merging_it_back_keeps_every_vote(
    tmp_path: Path,
) -> None:
    """Each Northwind executive's votes as their own file, merged: the same votes and notes."""
    workshop = load_assessment(NORTHWIND).assessment
    files = []
    for respondent in workshop.respondents:
        answers: dict[str, Any] = {}
        for key, answer in workshop.answers.items():
            if respondent.id not in answer.votes:
                continue
            vote = answer.votes[respondent.id]
            entry: dict[str, Any] = {"level": "n/a" if vote is None else vote}
            if respondent.id in answer.notes:
                entry["note"] = answer.notes[respondent.id]
            answers[key] = entry
        data = {
            "framework": workshop.framework,
            "organization": workshop.organization.model_dump(exclude_none=True),
            "period": workshop.period,
            "date": str(workshop.date),
            "assessor": workshop.assessor,
            "respondents": [respondent.model_dump(exclude_defaults=True)],
            "answers": answers,
        }
        files.append(_write(tmp_path / f"{respondent.id}.yaml", data))
    merged = merge_files(files)
    assert merged.assessment.respondents == workshop.respondents
    for key, answer in workshop.answers.items():
        assert merged.assessment.answers[key].votes == answer.votes, key
        assert merged.assessment.answers[key].notes == answer.notes, key
    target = tmp_path / "out" / "2026-Q4.yaml"
    target.parent.mkdir()
    target.write_text(merged.text, encoding="utf-8")
    assert validate([target]).errors == ()


def test_file_names_cannot_inject_keys_into_the_merged_file(tmp_path: Path) -> None:
    names = ["ann\nperiod: 1999-Q1\n#.yaml", "bob\u2028capacity: 20.yaml", "cy\x1b[2J.yaml"]
    copies = []
    for source, name in zip(FILES, names, strict=True):
        text = source.read_text()
        if "respondents:" not in text:
            text = text.replace(
                "answers:", f"respondents:\n  - {{id: {source.stem}, role: x}}\nanswers:", 1
            )
        copy = tmp_path / name
        copy.write_text(text)
        copies.append(copy)
    merged = merge_files(copies, frameworks=[FIXTURES])
    header = merged.text.split("framework:")[0]
    assert header.count("\n") == 6  # three lines of its own, one per file
    assert not any(c in merged.text for c in "\u2028\x1b")
    assert "ann\\nperiod: 1999-Q1\\n#.yaml" in header
    out = tmp_path / "merged.yaml"
    out.write_text(merged.text)
    assert read_yaml(out).data["period"] == "2026-Q4"
    assert "capacity" not in read_yaml(out).data
