"""The command line: exit codes, exact messages, help for every command, start-up weight."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readiness.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
CLIENT = FIXTURES / "clients" / "mini-co" / "2026-Q4.yaml"
README = (Path(__file__).parent.parent / "README.md").read_text()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_and_is_documented(name: str) -> None:
    code, output = run(name, "--help")
    assert code == 0
    assert "Usage: main" in output or "Usage: readiness" in output
    assert main.commands[name].help
    assert f"readiness {name}" in README, f"README does not show `readiness {name}`"


@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_every_help_has_examples(name: str) -> None:
    code, output = run(*[name][: bool(name)], "--help")
    assert code == 0
    examples = output.split("Examples:\n")[1].split("\n\n")[0].splitlines()
    assert examples, output
    command = f"readiness {name} " if name else "readiness "
    assert all(line.strip().startswith(command) for line in examples if line[6:7] != " ")


def test_validate_ok_and_strict() -> None:
    code, output = run(
        "validate", str(FIXTURES / "mini"), str(CLIENT), "--strict", "--frameworks", str(FIXTURES)
    )
    assert (code, output) == (0, "ok: 2 files valid\n")


def test_validate_json() -> None:
    code, output = run("validate", str(CLIENT), "--format", "json", "--frameworks", str(FIXTURES))
    assert code == 0
    assert json.loads(output) == {"ok": True, "files": [str(CLIENT)], "errors": [], "warnings": []}


def test_validate_missing_file_exits_1() -> None:
    code, output = run("validate", "nowhere.yaml")
    assert (code, output) == (1, "nowhere.yaml: no such file\n1 problem in 1 file checked\n")


def test_usage_error_exits_2() -> None:
    code, _ = run("score")
    assert code == 2
    code, _ = run("score", str(CLIENT), "--format", "xml")
    assert code == 2


def test_score_json_is_deterministic() -> None:
    first = run("score", str(CLIENT), "--format", "json", "--frameworks", str(FIXTURES))
    second = run("score", str(CLIENT), "--format", "json", "--frameworks", str(FIXTURES))
    assert first == second
    data = json.loads(first[1])
    assert data["stage"] == "pilot"
    assert [d["id"] for d in data["dimensions"]] == ["alpha", "beta"]
    assert data["dimensions"][0]["questions"][1]["disputed"] is True


def test_score_table() -> None:
    code, output = run("score", str(CLIENT), "--frameworks", str(FIXTURES))
    assert code == 0
    assert "Alpha" in output and "1 disputed" in output
    assert "Stage: Pilot (pilot)" in output


def test_init_writes_a_valid_blank_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "acme"
    args = [
        "init",
        str(target),
        "--organization",
        'Acme: "Retail"',
        "--framework",
        str(FIXTURES / "mini"),
        "--date",
        "2026-11-20",
        "--assessor",
        "A. Consultant",
    ]
    code, output = run(*args)
    assert (code, output) == (0, f"wrote {target / '2026-Q4.yaml'}: 5 questions to answer\n")
    text = (target / "2026-Q4.yaml").read_text()
    assert "#   0 Absent: a0" in text and "# alpha.one: " in text
    assert run("validate", str(target / "2026-Q4.yaml"), "--frameworks", str(FIXTURES))[0] == 0
    code, output = run(*args)
    assert (code, output) == (
        1,
        f"{target / '2026-Q4.yaml'}: already exists; pass --force to replace it\n",
    )
    assert run(*args, "--force")[0] == 0


def test_schema_lists_every_question() -> None:
    code, output = run("schema", str(FIXTURES / "mini"))
    assert code == 0
    schema = json.loads(output)
    answers = schema["properties"]["answers"]
    assert sorted(answers["properties"]) == sorted(
        ["alpha.one", "alpha.two", "alpha.three", "beta.one", "beta.two"]
    )
    assert answers["additionalProperties"] is False
    assert answers["properties"]["alpha.three"]["anyOf"][0]["enum"] == [0, 1, 2, 3, 4, "n/a"]
    assert schema["$schema"].startswith("https://json-schema.org/")


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'rule_engine', 'pydantic', 'rich', 'jinja2', 'openpyxl') "
        "if m in sys.modules]\nprint('HEAVY=' + ','.join(heavy))"
    )
    output = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output == "HEAVY="


def test_score_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from readiness.cli import main\n"
        f"try:\n    main(['score', {str(CLIENT)!r}, '--frameworks', {str(FIXTURES)!r}])\n"
        "except SystemExit:\n    pass\n"
        "print('weasyprint' in sys.modules)"
    )
    output = (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        .stdout.strip()
        .splitlines()[-1]
    )
    assert output == "False"


@pytest.mark.parametrize("name", ["ml-scaling", "production-tests"])
def test_shipped_schemas_are_in_sync(name: str) -> None:
    """schemas/*.schema.json are generated; regenerate with `readiness schema NAME -o ...`."""
    root = Path(__file__).parent.parent
    code, output = run("schema", str(root / "questionnaires" / name))
    assert code == 0
    assert (root / "schemas" / f"{name}.schema.json").read_text() == output


def test_report_never_writes_over_an_input(tmp_path: Path) -> None:
    """Even with --force, a report refuses a non-report file name and any of its inputs."""
    root = Path(__file__).parent.parent
    client = tmp_path / "acme"
    client.mkdir()
    for name in ("2026-Q3.yaml", "2026-Q4.yaml"):
        (client / name).write_bytes((root / "examples" / "acme-retail" / name).read_bytes())
    before = (client / "2026-Q3.yaml").read_bytes()
    code, output = run(
        "report", str(client / "2026-Q4.yaml"), "-o", str(client / "2026-Q3.yaml"), "--force"
    )
    assert code == 2
    assert output.endswith(
        f"error: -o {client / '2026-Q3.yaml'}: a PDF report must be written "
        "to a file ending in .pdf\n"
    )
    html = client / "notes.html"
    html.write_text("<p>mine</p>")
    code, output = run(
        "report",
        str(client / "2026-Q4.yaml"),
        "--html",
        "-o",
        str(html),
        "--baseline",
        str(html),
        "--force",
    )
    assert code == 2
    assert output.endswith(
        f"error: -o {html}: this is one of the report's inputs; choose another file\n"
    )
    assert (client / "2026-Q3.yaml").read_bytes() == before
    assert html.read_text() == "<p>mine</p>"
