"""The live workshop command group: `workshop serve`."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli.output import echo, handle_errors


@click.group("workshop")
def workshop_group() -> None:
    """The live workshop: participants vote from their phones, the export is an assessment.

    \b
    Examples:
      readiness workshop serve clients/acme
      readiness workshop serve clients/acme --host 0.0.0.0
    """


@workshop_group.command("serve")
@click.argument("client_dir", type=click.Path(path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 for a room network.",
)
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--database",
    help="postgresql://user@host/db to keep sessions in PostgreSQL (default: SQLite in CLIENT_DIR).",
)
@click.option(
    "--url",
    "public_url",
    help="The address participants open, when not this machine's (e.g. behind a proxy).",
)
@handle_errors
def workshop_serve_command(
    client_dir: Path, host: str, port: int, database: str | None, public_url: str | None
) -> None:
    """Serve the live workshop of CLIENT_DIR; the export writes CLIENT_DIR/PERIOD.yaml.

    \b
    Examples:
      readiness workshop serve clients/acme
      readiness workshop serve clients/acme --host 0.0.0.0
    """
    from readiness.web.serve import serve_workshop

    serve_workshop(
        client_dir,
        host=host,
        port=port,
        database=database,
        public_url=public_url,
        echo=lambda line: echo(line, err=True),
    )
