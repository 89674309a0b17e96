"""`readiness score`, `plan` and `progress` (`readiness.cli.scoring`): exit codes, exact
messages for bad options, deterministic JSON and Markdown (snapshot: set UPDATE_SNAPSHOTS=1 to
rewrite it), the tables."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CLIENTS = FIXTURES / "planner-clients"
CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
HIGH = str(CLIENTS / "high.yaml")
LOW = str(CLIENTS / "low.yaml")
SNAPSHOT = CLIENTS / "high.plan.md"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--frameworks", str(FIXTURES)])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_markdown_matches_the_snapshot() -> None:
    code, output = run("plan", HIGH, "--format", "md")
    assert code == 0
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(output, "utf-8")
    assert output == SNAPSHOT.read_text("utf-8")
    assert run("plan", HIGH, "--format", "md") == (code, output)


def test_json_is_deterministic_and_complete() -> None:
    code, output = run("plan", LOW, "--format", "json")
    assert code == 0
    assert run("plan", LOW, "--format", "json") == (0, output)
    data = json.loads(output)
    assert list(data) == [
        "framework",
        "organization",
        "period",
        "stage",
        "findings",
        "undetermined",
        "plan",
    ]
    plan = data["plan"]
    assert plan["months"] == plan["end_month"] == 11
    assert [i["id"] for i in plan["initiatives"]][:2] == ["deploy-pipeline", "inventory"]
    assert (plan["team_fte"], plan["fte_months"], plan["deadline_fits"]) == (8, 43.5, None)
    assert plan["target"]["stage"] == "enterprise"
    assert plan["target"]["gaps"][0] == {  # weight 2, read by a high-severity finding
        "question": "data.inventory",
        "value": 1.0,
        "target": 3.0,
        "gap": 2.0,
        "weighted_gap": 6.0,
    }
    assert [w["id"] for w in plan["workstreams"]] == ["data", "ops", "people"]
    assert plan["what_it_takes"] is None
    assert data["findings"][0]["reads"] == [
        {"name": "data.inventory", "value": 1.0},
        {"name": "data.quality", "value": 0.0},
    ]


def test_table_shows_stages_milestones_and_warnings() -> None:
    code, output = run("plan", HIGH)
    assert code == 0
    lines = output.splitlines()
    assert lines[0] == "High Co · 2027-Q1 · roadmap"
    assert lines[1].startswith("Stage today: Department (department). Plan 2027-04")
    assert lines[lines.index("Findings (5)") + 1].startswith("  high ")
    for heading in (
        "Department (department): months 1-3 (2027-04 to 2027-06)",
        "Enterprise (enterprise): months 2-9 (2027-05 to 2027-12)",
        "Gaps the plan does not close",
        "Deferred",
        "Already achieved",
        "Milestones",
        "Rules that do not apply (they read questions answered n/a)",
        "Warnings",
    ):
        assert any(line.strip() == heading for line in lines), heading
    assert "  lineage-missing: data.lineage n/a" in lines
    assert "Rules not decided for lack of answers" not in lines


def test_options_change_the_plan() -> None:
    code, output = run("plan", LOW, "--format", "json", "--capacity", "1", "--start", "2027-07")
    assert code == 0
    plan = json.loads(output)["plan"]
    assert (plan["start"], plan["capacity"]) == ("2027-07", 1)
    assert plan["months"] > 11


def test_what_it_takes_and_target_options() -> None:
    code, output = run("plan", LOW, "--what-it-takes", "--target-stage", "department")
    assert code == 0
    assert "What it takes" in output
    code, output = run(
        "plan", LOW, "--format", "json", "--what-it-takes", "--target-stage", "department"
    )
    routes = json.loads(output)["plan"]["what_it_takes"]
    assert routes["target"]["stage"] == routes["next_stage"]["stage"] == "department"
    assert routes["target"]["exact"] is True
    code, output = run("plan", LOW, "--format", "md", "--what-it-takes", "--by", "2027-03")
    assert "## What it takes" in output
    assert "deadline 2027-03: not met" in output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--start",
            "2027-13",
            "invalid --start '2027-13': expected a month as YYYY-MM, e.g. 2027-01",
        ),
        ("--start", "next", "invalid --start 'next': expected a month as YYYY-MM, e.g. 2027-01"),
        (
            "--start",
            "0000-01",  # was planned, from year 0, against a deadline in 2027
            "invalid --start '0000-01': before the assessment's month (2026-11); a plan starts "
            "after its assessment",
        ),
        ("--capacity", "0", "invalid --capacity '0': expected a whole number from 1 to 20"),
        ("--capacity", "lots", "invalid --capacity 'lots': expected a whole number from 1 to 20"),
        ("--by", "2027", "invalid --by '2027': expected a month as YYYY-MM, e.g. 2027-01"),
        (
            "--by",
            "2026-01",
            "invalid --by '2026-01': the deadline is before the plan starts (2027-01)",
        ),
        (
            "--target-stage",
            "moon",
            "invalid --target-stage 'moon': expected one of pilot, department, enterprise",
        ),
    ],
)
def test_bad_option_is_a_usage_error(option: str, value: str, message: str) -> None:
    assert run("plan", LOW, option, value) == (2, f"error: {message}\n")


def test_bad_option_is_reported_before_reading_the_file() -> None:
    assert run("plan", "missing.yaml", "--capacity", "99") == (
        2,
        "error: invalid --capacity '99': expected a whole number from 1 to 20\n",
    )


def test_missing_assessment_exits_1() -> None:
    code, output = run("plan", "missing.yaml")
    assert (code, output) == (1, "missing.yaml: no such file\n")


def test_score_shows_the_gaps_to_the_target() -> None:
    code, output = run("score", LOW, "--format", "json", "--target-stage", "department")
    target = json.loads(output)["target"]
    assert (code, target["stage"], target["at_target"]) == (0, "department", False)
    code, output = run("score", LOW)
    assert code == 0
    assert "Target: Enterprise · 16.7% of the way · 7 questions below target" in output
    assert run("score", LOW, "--by", "soon")[0] == 2


def test_score_json_is_deterministic() -> None:
    first = run("score", str(CLIENT), "--format", "json")
    second = run("score", str(CLIENT), "--format", "json")
    assert first == second
    data = json.loads(first[1])
    assert data["stage"] == "pilot"
    assert [d["id"] for d in data["dimensions"]] == ["alpha", "beta"]
    assert data["dimensions"][0]["questions"][1]["disputed"] is True


def test_score_table() -> None:
    code, output = run("score", str(CLIENT))
    assert code == 0
    assert "Alpha" in output and "1 disputed" in output
    assert "Stage: Pilot (pilot)" in output


@pytest.mark.parametrize("command", ["score", "plan"])
def test_the_results_workbook_never_goes_to_another_kind_of_file(
    command: str, tmp_path: Path
) -> None:
    # `plan A --format xlsx -o A --force` wrote a workbook over the assessment it read.
    assessment = tmp_path / "2026-Q4.yaml"
    assessment.write_text(CLIENT.read_text())
    for target, options in ((assessment, ["--force"]), (tmp_path / "results.txt", [])):
        code, output = run(
            command, str(assessment), "--format", "xlsx", "-o", str(target), *options
        )
        assert (code, output) == (
            2,
            f"error: -o {target}: a results workbook must be written to a file ending in .xlsx\n",
        )
    assert assessment.read_text() == CLIENT.read_text()
    assert not (tmp_path / "results.txt").exists()
    # -o writes only the workbook: with another format it was silently ignored.
    code, output = run(command, str(assessment), "--format", "json", "-o", str(tmp_path / "r.xlsx"))
    assert (code, output) == (2, "error: -o writes the results workbook: add --format xlsx\n")
