"""`readiness validate`, `schema` and `trace` (`readiness.cli.checking`): exit codes and exact
messages; the shipped schemas are what `schema` writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import CLIENT, FIXTURES, run


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


@pytest.mark.parametrize("name", ["ml-scaling", "production-tests"])
def test_shipped_schemas_are_in_sync(name: str) -> None:
    """schemas/*.schema.json are generated; regenerate with `readiness schema NAME -o ...`."""
    root = Path(__file__).parent.parent
    code, output = run("schema", str(root / "questionnaires" / name))
    assert code == 0
    assert (root / "schemas" / f"{name}.schema.json").read_text() == output


def test_validate_passes_over_a_link_to_nowhere_in_a_client_folder(tmp_path: Path) -> None:
    # An editor's lock file (`.#2026-Q4.yaml`, a link to nowhere while the file is edited)
    # failed validate with "no such file", while report and progress pass it over.
    (tmp_path / "2026-Q4.yaml").write_text(CLIENT.read_text())
    (tmp_path / ".#2026-Q4.yaml").symlink_to("ann@laptop.4242")
    code, output = run("validate", str(tmp_path), "--frameworks", str(FIXTURES))
    assert (code, output) == (0, "ok: 1 file valid\n")
