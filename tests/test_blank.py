"""`readiness init` (`readiness.blank`): values written safely, the period kept inside the
client folder, per-respondent files ready for merge, and the next period started from the
previous one with every carried answer marked for review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main
from readiness.load import load_assessment
from readiness.yamlfile import read_yaml

FIXTURES = Path(__file__).parent / "fixtures"
MINI = ["--framework", str(FIXTURES / "mini"), "--date", "2026-11-20", "--assessor", "A. C."]
ENV = {"READINESS_PATH": str(FIXTURES)}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), env=ENV)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize(
    "name", ["Acme\nperiod: 1999-Q1", "Acme\u2028x: 1", "Acme\r\n# x", "Acme\x85\x1b[2J"]
)
def test_organization_is_written_as_one_value(name: str, tmp_path: Path) -> None:
    code, _ = run("init", str(tmp_path / "c"), "--organization", name, *MINI)
    assert code == 0
    target = tmp_path / "c" / "2026-Q4.yaml"
    loaded = load_assessment(target, frameworks=[FIXTURES])
    assert loaded.assessment.organization.name == name
    assert loaded.assessment.period == "2026-Q4"
    assert not any(c in target.read_text() for c in "\r\u2028\x85\x1b")


@pytest.mark.parametrize("period", ["../../x", "2026-Q4/../../x", "/tmp/x", "2026-Q5", ""])
def test_a_period_that_is_not_one_is_refused(period: str, tmp_path: Path) -> None:
    code, output = run("init", str(tmp_path / "c"), "--organization", "A", "--period", period)
    assert code == 2
    assert output.startswith("error: invalid --period")
    assert list(tmp_path.iterdir()) == []


def test_a_respondent_file_is_ready_for_merge(tmp_path: Path) -> None:
    client = tmp_path / "c"
    base = ["init", str(client), "--organization", "Mini Co", *MINI]
    assert run(*base, "--respondent", "cto", "--role", "Chief Technology Officer")[0] == 0
    assert run(*base, "--respondent", "cdo")[0] == 0
    folder = client / "workshop-2026-Q4"
    for name, level in (("cto", 1), ("cdo", 3)):
        path = folder / f"{name}.yaml"
        path.write_text(path.read_text().replace("  # alpha.one: \n", f"  alpha.one: {level}\n"))
    out = client / "2026-Q4.yaml"
    code, output = run("merge", str(folder / "cto.yaml"), str(folder / "cdo.yaml"), "-o", str(out))
    assert (code, output) == (0, f"wrote {out}: 2 respondents, 2 votes\n")
    text = out.read_text()
    assert "#   cto.yaml: cto (Chief Technology Officer)\n#   cdo.yaml: cdo (cdo)\n" in text
    assert "votes: {cto: 1, cdo: 3}" in text
    code, output = run("init", str(client), "--organization", "M", "--respondent", "Not An Id")
    assert code == 2 and output.startswith("error: invalid --respondent")


def test_the_next_period_starts_from_the_previous_one(tmp_path: Path) -> None:
    client = tmp_path / "mini-co"
    shutil.copytree(FIXTURES / "clients" / "mini-co", client)
    earlier = load_assessment(client / "2026-Q4.yaml", frameworks=[FIXTURES]).assessment
    code, output = run("init", str(client), "--from", "2026-Q4.yaml", "--period", "2027-Q1")
    assert code == 0, output
    assert "carried forward for review" in output
    target = client / "2027-Q1.yaml"
    later = load_assessment(target, frameworks=[FIXTURES]).assessment
    assert later.period == "2027-Q1"
    assert later.organization == earlier.organization
    assert later.answers == earlier.answers
    assert later.initiatives == earlier.initiatives
    assert later.respondents == earlier.respondents
    text = target.read_text()
    assert text.count("# review (2026-Q4.yaml)") == len(earlier.answers)
    assert read_yaml(target).data["framework"] == earlier.framework


def test_the_assessor_is_named_never_taken_from_the_login(tmp_path: Path) -> None:
    client = tmp_path / "c"
    unnamed = [a for a in MINI if a not in ("--assessor", "A. C.")]
    code, output = run("init", str(client), "--organization", "Mini Co", *unnamed)
    assert code == 2
    assert output.startswith("error: --assessor is required")
    assert not client.exists()
    code, _ = run("init", str(client), "--organization", "Mini Co", *MINI, "--period", "2026-Q3")
    assert code == 0
    # The folder's latest assessment names who runs the client's assessments.
    code, _ = run("init", str(client), "--organization", "Mini Co", *unnamed, "--period", "2026-Q4")
    assert code == 0
    assert read_yaml(client / "2026-Q4.yaml").data["assessor"] == "A. C."


def test_the_next_period_never_replaces_the_one_it_starts_from(tmp_path: Path) -> None:
    client = tmp_path / "mini-co"
    shutil.copytree(FIXTURES / "clients" / "mini-co", client)
    before = (client / "2026-Q4.yaml").read_bytes()
    code, output = run(
        "init", str(client), "--from", "2026-Q4.yaml", "--period", "2026-Q4", "--force"
    )
    assert code == 2, output
    assert "this is the file --from reads" in output
    assert (client / "2026-Q4.yaml").read_bytes() == before
