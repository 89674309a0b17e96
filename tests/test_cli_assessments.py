"""`readiness init` and `merge` (`readiness.cli.assessments`): files written, and never over
an existing one without --force."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import FIXTURES, run


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
