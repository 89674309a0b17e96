"""The commands that write client-facing files: `report` (one, or a batch of them) and
`deck`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from readiness.cli.options import (
    baseline_option,
    dated_option,
    force_option,
    frameworks_option,
    language_option,
    target_options,
    theme_option,
    today,
    vote_options,
)
from readiness.cli.output import counted, echo, handle_errors, print_warnings


@click.command("report")
@click.argument(
    "assessments", metavar="ASSESSMENT...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Where to write (default: reports/<client>-<period>.pdf); for several, a folder.",
)
@click.option("--html", is_flag=True, help="Write the HTML instead of the PDF (same name, .html).")
@baseline_option("a progress section")
@theme_option("Consultancy name, logo and primary colour.")
@force_option("report")
@click.option(
    "--draft",
    is_flag=True,
    help="Write the report even below the framework's minimum coverage, marked DRAFT on every "
    "page.",
)
@click.option(
    "--paper",
    type=click.Choice(("a4", "letter")),
    default="a4",
    show_default=True,
    help="Paper size.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Reports written at once when there are several (default 1; try the number of cores).",
)
@dated_option("report_date", "The report date")
@click.option(
    "--pdf-variant",
    type=click.Choice(("pdf/ua-1", "pdf/a-3b")),
    default="pdf/ua-1",
    show_default=True,
    help="Tagged, accessible PDF (pdf/ua-1) or archival PDF (pdf/a-3b).",
)
@click.option(
    "--workshop-pack",
    is_flag=True,
    help="Write the facilitator's workshop pack (timed agenda, decision rule, every vote, "
    "evidence to settle each dispute) instead of the report: "
    "<client>-<period>-workshop-pack.pdf, dated the assessment's date unless --date says "
    "otherwise.",
)
@target_options("Stage the roadmap plans toward.", "Target deadline; the roadmap says if it fits.")
@language_option("the report")
@vote_options
@frameworks_option
@handle_errors
def report_command(
    assessments: tuple[Path, ...],
    output: Path | None,
    html: bool,
    baseline: Path | None,
    theme: Path | None,
    force: bool,
    draft: bool,
    paper: str,
    jobs: int | None,
    report_date: Any,
    pdf_variant: str,
    workshop_pack: bool,
    target_stage: str | None,
    by: str | None,
    language: str,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Write the report of an assessment as a PDF: summary, scorecard, findings, roadmap.

    ASSESSMENT may be a client folder: the report is then on its latest period, with the
    period before it as the baseline (unless --baseline says otherwise) and a trend over all.

    Several ASSESSMENTs (files or client folders) are a batch: one report each in the -o
    folder (default reports/), --jobs at a time, with a progress bar; a client that fails is
    reported on one line and the others go on; exit 1 at the end if any failed.

    \b
    Examples:
      readiness report examples/acme-retail/2026-Q4.yaml --theme examples/theme.yaml
      readiness report clients/* -o reports/2026-Q4 --jobs 2
    """
    from readiness.pipeline import report

    generated = report_date.date() if report_date is not None else today()
    if len(assessments) > 1 or jobs is not None:
        if workshop_pack:
            from readiness.errors import UsageError

            raise UsageError("--workshop-pack writes the pack of one assessment at a time")
        _report_batch(
            assessments,
            output=output,
            html=html,
            baseline=baseline,
            theme=theme,
            force=force,
            draft=draft,
            paper=paper,
            jobs=jobs or 1,
            vote_aggregate=vote_aggregate,
            dispute_threshold=dispute_threshold,
            frameworks=frameworks,
            generated=generated,
            date_given=report_date is not None,
            pdf_variant=pdf_variant,
            target_stage=target_stage,
            by=by,
            language=language,
        )
        return
    result = report(
        assessments[0],
        generated=generated,
        date_given=report_date is not None,
        pdf_variant=pdf_variant,
        workshop_pack=workshop_pack,
        output=output,
        html=html,
        baseline=baseline,
        theme=theme,
        force=force,
        draft=draft,
        paper=paper,
        frameworks=frameworks,
        on_step=lambda step: echo(f"{step}...", err=True),
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
        target_stage=target_stage,
        by=by,
        language=language,
    )
    print_warnings(result.warnings, False)
    echo(f"wrote {result.path}")


def _report_batch(
    targets: tuple[Path, ...],
    *,
    output: Path | None,
    baseline: Path | None,
    jobs: int,
    frameworks: tuple[Path, ...],
    **options: Any,
) -> None:
    """`report` over several assessments or client folders: see report_command."""
    from readiness.errors import UsageError
    from readiness.pipeline import ReportOptions, report_batch

    if baseline is not None:
        raise UsageError("--baseline applies to one report; a client folder uses its own history")
    if output is not None and output.suffix.lower() in (".pdf", ".html"):
        raise UsageError(f"-o {output}: with several reports, give a folder")

    def said(outcome: Any) -> None:
        if outcome.ok:
            print_warnings(outcome.value.warnings, False)
            echo(f"wrote {outcome.value.path}")
        else:
            echo(outcome.summary(), err=True)

    outcomes = report_batch(
        targets,
        ReportOptions(
            output_dir=output or Path("reports"),
            frameworks=frameworks,
            **options,
        ),
        jobs=jobs,
        progress=True,
        on_outcome=said,
    )
    failed = sum(1 for o in outcomes if not o.ok)
    if failed:
        echo(
            f"{failed} of {counted(len(outcomes), 'report')} failed",
            err=True,
        )
        sys.exit(1)


@click.command("deck")
@click.argument("assessment", metavar="ASSESSMENT|CLIENT_DIR", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE.pptx",
    help="Where to write (default: reports/<client>-<period>.pptx).",
)
@baseline_option("a progress slide")
@theme_option("Consultancy name, logo and primary colour (used when there is no --template).")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    metavar="FIRM.pptx",
    help="The firm's PowerPoint whose slide master and layouts the deck uses.",
)
@dated_option("deck_date", "The deck's date")
@force_option("deck")
@vote_options
@frameworks_option
@handle_errors
def deck_command(
    assessment: Path,
    output: Path | None,
    baseline: Path | None,
    theme: Path | None,
    template: Path | None,
    deck_date: Any,
    force: bool,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Write the steering-committee deck of an assessment: a 16:9 PowerPoint with native
    charts and tables, text in placeholders and speaker notes, ready to edit.

    A client folder gives its latest period, with the period before it as the baseline.

    \b
    Examples:
      readiness deck examples/acme-retail
      readiness deck examples/northwind-bank/2026-Q4.yaml -o deck.pptx --force
    """
    from readiness.pipeline import deck

    result = deck(
        assessment,
        generated=deck_date.date() if deck_date else today(),
        date_given=deck_date is not None,
        output=output,
        baseline=baseline,
        theme=theme,
        template=template,
        force=force,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    print_warnings(result.warnings, False)
    click.echo(f"wrote {result.path}")
