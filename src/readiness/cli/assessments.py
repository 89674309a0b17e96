"""The commands that write assessment files: `init` (a blank one) and `merge` (respondents'
files into a workshop assessment)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from readiness.cli.options import (
    assessment_date_option,
    assessor_option,
    force_option,
    frameworks_option,
    period_option,
)
from readiness.cli.output import echo, handle_errors, print_warnings


@click.command("init")
@click.argument("client_dir", type=click.Path(path_type=Path))
@click.option("--organization", help="The organization's name (default: that of --from).")
@click.option(
    "--framework",
    "framework_name",
    help="Framework id or folder (default: that of --from, else ml-scaling).",
)
@period_option
@assessment_date_option
@assessor_option
@click.option(
    "--respondent",
    metavar="ID",
    help="Write one workshop respondent's file, CLIENT_DIR/workshop-PERIOD/ID.yaml, for merge.",
)
@click.option("--role", help="The respondent's role, e.g. 'Chief Technology Officer'.")
@click.option(
    "--from",
    "carry_from",
    type=click.Path(path_type=Path),
    metavar="EARLIER.yaml",
    help="Start from an earlier period: its answers, notes and initiative statuses, marked "
    "for review.",
)
@force_option()
@frameworks_option
@handle_errors
def init_command(
    client_dir: Path,
    organization: str | None,
    framework_name: str | None,
    period: str | None,
    day: Any,
    assessor: str | None,
    respondent: str | None,
    role: str | None,
    carry_from: Path | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Write a blank assessment CLIENT_DIR/PERIOD.yaml with every question as a comment.

    \b
    Examples:
      readiness init clients/acme --organization "Acme Retail"
      readiness init clients/acme --respondent cto --role "Chief Technology Officer" \\
          --organization "Acme Retail"
      readiness init clients/acme --from 2026-Q3.yaml --period 2026-Q4
    """
    from datetime import date

    from readiness.pipeline import init_assessment

    written = init_assessment(
        client_dir,
        organization=organization,
        framework_name=framework_name,
        period=period,
        day=day.date() if day else date.today(),
        assessor=assessor,
        respondent=respondent,
        role=role,
        carry_from=carry_from,
        force=force,
        frameworks=frameworks,
    )
    carried = f", {written.carried} carried forward for review" if written.carried else ""
    echo(f"wrote {written.path}: {written.questions} questions to answer{carried}")


@click.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The workshop assessment to write, e.g. clients/acme/2026-Q4.yaml.",
)
@click.option("--assessor", help="Who ran the workshop (default: the files' assessors).")
@force_option()
@frameworks_option
@handle_errors
def merge_command(
    files: tuple[Path, ...],
    output: Path,
    assessor: str | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Merge per-respondent assessment FILES into one workshop assessment.

    Each file is an assessment filled in by one person, named by its single `respondents:`
    entry or by its file name (cdo.yaml -> cdo). Every vote and note is kept with its author;
    files that disagree on organization, framework or period are refused, one line per
    conflict.

    \b
    Examples:
      readiness merge examples/workshop/*.yaml -o clients/acme/2026-Q4.yaml
    """
    from readiness.files import check_output_name, write_text_atomic
    from readiness.merge import merge_files

    check_output_name(output, (".yaml", ".yml"), "an assessment", "merge", files)
    merged = merge_files(list(files), frameworks=frameworks, assessor=assessor)
    print_warnings(merged.warnings, False)
    write_text_atomic(output, merged.text, force=force)
    count = len(merged.assessment.respondents)
    echo(f"wrote {output}: {count} respondents, {merged.votes} votes")
