"""`readiness report` and `deck` (`readiness.cli.reporting`): what they refuse to write over."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run


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
