"""`readiness report` and `deck` (`readiness.cli.reporting`): what they refuse to write over."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import CLIENT, FIXTURES, run


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


def test_a_template_that_unpacks_to_too_much_is_refused_before_it_is_read(
    tmp_path: Path,
) -> None:
    # A 400 KiB template whose zip held 400 MiB took 900 MB of memory to read; a 20 MB one
    # could take gigabytes.
    import zipfile

    template = tmp_path / "firm.pptx"
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ppt/media/padding.bin", bytes(201 * 1024 * 1024))
    target = tmp_path / "deck.pptx"
    code, output = run(
        "deck", str(CLIENT), "--template", str(template), "-o", str(target),
        "--frameworks", str(FIXTURES),
    )  # fmt: skip
    assert (code, output) == (
        1,
        f"--template {template}: unpacks to 201 MiB (allowed: at most 200 MiB)\n",
    )
    assert not target.exists()
