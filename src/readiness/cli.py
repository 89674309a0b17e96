"""The command line: parse options, call one library function, print, exit.

The only module that imports click. Library modules are imported inside each command so that
`readiness --help` starts in the time it takes to import click.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from readiness.errors import Issue

F = TypeVar("F", bound=Callable[..., Any])

MARKDOWN_HELP = "Output format: tables, JSON, or Markdown to paste into a document."


def handle_errors(function: F) -> F:
    """Turn a user's mistake into one line per problem on stderr and exit status 1 (2 for
    usage); never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from readiness.errors import ExitCode, ReadinessError, UsageError

        _unwind_on_termination()
        try:
            return function(*args, **kwargs)
        except UsageError as error:
            for line in error.lines():
                click.echo(f"error: {line}", err=True)
            sys.exit(ExitCode.USAGE)
        except ReadinessError as error:
            for line in error.lines():
                click.echo(line, err=True)
            sys.exit(ExitCode.INVALID_INPUT)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _unwind_on_termination() -> None:
    """Turn SIGTERM and SIGHUP into an exit that unwinds the stack, as Ctrl-C does, so that a
    file being written is removed instead of left half-written (their default kills at once)."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            if signal.getsignal(number) == signal.SIG_DFL:
                signal.signal(number, stop)
        except ValueError:  # not the main thread (an embedding application): leave it be
            return


def _print_warnings(warnings: tuple[Issue, ...], strict: bool) -> None:
    for issue in warnings:
        click.echo(
            issue.format() if not strict else issue.format().replace(" [warning]", ""), err=True
        )


frameworks_option = click.option(
    "--frameworks",
    "frameworks",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A folder holding framework folders, searched before ./questionnaires (repeatable).",
)


def format_option(
    *choices: str, help: str = "Output format.", dest: str = "output"
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--format` with these choices, the first one the default."""
    return click.option(
        "--format",
        dest,
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help,
    )


vote_aggregate_option = click.option(
    "--vote-aggregate",
    type=click.Choice(("mean", "median")),
    help="How workshop votes combine (default: the assessment's `vote_aggregate`, else mean).",
)
dispute_threshold_option = click.option(
    "--dispute-threshold",
    type=click.FloatRange(min=0, min_open=True),
    metavar="LEVELS",
    help="Spread of votes at which a question is disputed (default: the assessment's, else 2).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="readiness")
def main() -> None:
    """Assess how ready an organization is to scale machine learning, and plan how it gets there.

    Exit status: 0 success, 1 invalid input or a failed check, 2 usage error.
    """


@main.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@format_option("table", "json")
@frameworks_option
@handle_errors
def validate_command(
    paths: tuple[Path, ...], strict: bool, output: str, frameworks: tuple[Path, ...]
) -> None:
    """Check frameworks (folders) and assessments (files or client folders).

    Every problem is listed as file:line: path: message; exit 1 if there is any.
    """
    from readiness.pipeline import to_json, validate

    checked = validate(list(paths), frameworks=frameworks)
    failed = bool(checked.errors) or (strict and bool(checked.warnings))
    if output == "json":
        click.echo(
            to_json(
                {
                    "ok": not failed,
                    "files": list(checked.files),
                    "errors": [i.format() for i in checked.errors],
                    "warnings": [i.format() for i in checked.warnings],
                }
            ),
            nl=False,
        )
    else:
        for issue in checked.errors:
            click.echo(issue.format(), err=True)
        _print_warnings(checked.warnings, strict)
        count = len(checked.files)
        if failed:
            problems = len(checked.errors) + (len(checked.warnings) if strict else 0)
            click.echo(
                f"{problems} problem{'s' if problems != 1 else ''} in {count} "
                f"file{'s' if count != 1 else ''} checked",
                err=True,
            )
        else:
            click.echo(
                f"ok: {count} file{'s' if count != 1 else ''} valid"
                + (f", {len(checked.warnings)} warnings" if checked.warnings else "")
            )
    if failed:
        sys.exit(1)


@main.command("score")
@click.argument("assessment", type=click.Path(path_type=Path))
@format_option("table", "json")
@click.option("--questions", is_flag=True, help="Also list every question's value.")
@click.option(
    "--disputes", is_flag=True, help="List the disputed questions with every respondent's vote."
)
@vote_aggregate_option
@dispute_threshold_option
@frameworks_option
@handle_errors
def score_command(
    assessment: Path,
    output: str,
    questions: bool,
    disputes: bool,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Score an assessment: each dimension's score, level and coverage, and the stage."""
    from readiness.pipeline import assess, to_json
    from readiness.records import record_data

    result = assess(
        assessment,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    if output == "json":
        click.echo(to_json(record_data(result.scorecard)), nl=False)
        return
    _print_warnings(result.warnings, False)
    from readiness.terminal import print_disputes, print_scorecard

    print_scorecard(result.scorecard, result.loaded.framework, questions=questions)
    if disputes:
        from readiness.workshop import build_workshop, disputed_questions

        loaded = result.loaded
        view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
        if view is None:
            click.echo("No disputes: the assessment has no respondents' votes.")
        else:
            items = disputed_questions(loaded.assessment, loaded.framework, result.scorecard)
            print_disputes(view, items)


@main.command("init")
@click.argument("client_dir", type=click.Path(path_type=Path))
@click.option("--organization", required=True, help="The organization's name.")
@click.option(
    "--framework",
    "framework_name",
    default="ml-scaling",
    show_default=True,
    help="Framework id or folder.",
)
@click.option("--period", help="Period, e.g. 2026-Q4 (default: the quarter of --date).")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Assessment date (default: today)."
)
@click.option("--assessor", default=None, help="Who runs the assessment (default: your user name).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@frameworks_option
@handle_errors
def init_command(
    client_dir: Path,
    organization: str,
    framework_name: str,
    period: str | None,
    day: Any,
    assessor: str | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Write a blank assessment CLIENT_DIR/PERIOD.yaml with every question as a comment."""
    import getpass
    import os
    from datetime import date

    from readiness.blank import quarter_of, render_blank_assessment
    from readiness.pipeline import locate_framework, write_text_atomic

    framework = locate_framework(framework_name, frameworks=frameworks)
    when = day.date() if day else date.today()
    period = period or quarter_of(when)
    target = client_dir / f"{period}.yaml"
    schema_file = Path("schemas") / f"{framework.manifest.id}.schema.json"
    schema = None
    if schema_file.is_file():
        schema = os.path.relpath(schema_file.resolve(), client_dir.resolve())
    text = render_blank_assessment(
        framework,
        organization=organization,
        period=period,
        day=when,
        assessor=assessor or getpass.getuser(),
        schema=schema,
    )
    write_text_atomic(target, text, force=force)
    click.echo(f"wrote {target}: {len(framework.questions())} questions to answer")


@main.command("schema")
@click.argument("framework_name", default="ml-scaling", required=False)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@frameworks_option
@handle_errors
def schema_command(
    framework_name: str, output: Path | None, force: bool, frameworks: tuple[Path, ...]
) -> None:
    """Print the JSON Schema of an assessment for FRAMEWORK (id or folder; default ml-scaling)."""
    from readiness.pipeline import locate_framework, to_json, write_text_atomic
    from readiness.schema import build_schema

    text = to_json(build_schema(locate_framework(framework_name, frameworks=frameworks)))
    if output:
        write_text_atomic(output, text, force=force)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command("plan")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--capacity",
    metavar="N",
    help="Initiatives that can run at once, 1-20 (default: the assessment's, then the "
    "framework's).",
)
@click.option(
    "--start",
    metavar="YYYY-MM",
    help="First month of the plan (default: the month after the assessment date).",
)
@format_option("table", "json", "md", help=MARKDOWN_HELP)
@vote_aggregate_option
@dispute_threshold_option
@frameworks_option
@handle_errors
def plan_command(
    assessment: Path,
    capacity: str | None,
    start: str | None,
    output: str,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Plan the roadmap of an assessment: findings, initiatives by stage and month, milestones.

    Every initiative says why it is planned; what does not fit the horizon is listed as
    deferred with the reason.
    """
    from readiness.pipeline import plan, to_json

    result = plan(
        assessment,
        start=start,
        capacity=capacity,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    card, framework = result.assessed.scorecard, result.assessed.loaded.framework
    if output == "json":
        click.echo(to_json(result.data()), nl=False)
    elif output == "md":
        from readiness.roadmap_text import render_plan_markdown

        click.echo(render_plan_markdown(result.plan, result.results, card, framework), nl=False)
    else:
        _print_warnings(result.assessed.warnings, False)
        from readiness.terminal import print_plan

        print_plan(result.plan, result.results, card, framework)


@main.command("report")
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
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="EARLIER.yaml",
    help="An earlier assessment of the same organization: adds a progress section.",
)
@click.option(
    "--theme",
    type=click.Path(path_type=Path),
    metavar="THEME.yaml",
    help="Consultancy name, logo and primary colour.",
)
@click.option("--force", is_flag=True, help="Replace an existing report.")
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
@click.option(
    "--date",
    "report_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The report date (default today); a date before the assessment's is allowed only here.",
)
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
    help="Write the facilitator's workshop pack (agenda, every vote, evidence to settle each "
    "dispute) instead of the report: <client>-<period>-workshop-pack.pdf.",
)
@vote_aggregate_option
@dispute_threshold_option
@frameworks_option
@handle_errors
def report_command(
    assessments: tuple[Path, ...],
    output: Path | None,
    html: bool,
    baseline: Path | None,
    theme: Path | None,
    force: bool,
    paper: str,
    jobs: int | None,
    report_date: Any,
    pdf_variant: str,
    workshop_pack: bool,
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
    """
    from readiness.pipeline import report

    generated = report_date.date() if report_date is not None else _today()
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
            paper=paper,
            jobs=jobs or 1,
            vote_aggregate=vote_aggregate,
            dispute_threshold=dispute_threshold,
            frameworks=frameworks,
            generated=generated,
            date_given=report_date is not None,
            pdf_variant=pdf_variant,
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
        paper=paper,
        frameworks=frameworks,
        on_step=lambda step: click.echo(f"{step}...", err=True),
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    _print_warnings(result.warnings, False)
    click.echo(f"wrote {result.path}")


@main.command("deck")
@click.argument("assessment", metavar="ASSESSMENT|CLIENT_DIR", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE.pptx",
    help="Where to write (default: reports/<client>-<period>.pptx).",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    metavar="EARLIER.yaml",
    help="An earlier assessment of the same organization: adds a progress slide.",
)
@click.option(
    "--theme",
    type=click.Path(path_type=Path),
    metavar="THEME.yaml",
    help="Consultancy name, logo and primary colour (used when there is no --template).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    metavar="FIRM.pptx",
    help="The firm's PowerPoint whose slide master and layouts the deck uses.",
)
@click.option(
    "--date",
    "deck_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The deck's date (default today); a date before the assessment's is allowed only here.",
)
@click.option("--force", is_flag=True, help="Replace an existing deck.")
@vote_aggregate_option
@dispute_threshold_option
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
    """
    from readiness.pipeline import deck

    result = deck(
        assessment,
        generated=deck_date.date() if deck_date else _today(),
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
    _print_warnings(result.warnings, False)
    click.echo(f"wrote {result.path}")


def _today() -> Any:
    """The report date: today, or the day of $SOURCE_DATE_EPOCH for reproducible builds."""
    import os
    from datetime import UTC, date, datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        from readiness.errors import UsageError

        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(
                f"invalid SOURCE_DATE_EPOCH '{epoch}': expected seconds since 1970-01-01"
            ) from None
    return date.today()


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
            _print_warnings(outcome.value.warnings, False)
            click.echo(f"wrote {outcome.value.path}")
        else:
            click.echo(outcome.summary(), err=True)

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
        click.echo(
            f"{failed} of {len(outcomes)} report{'s' if len(outcomes) != 1 else ''} failed",
            err=True,
        )
        sys.exit(1)


@main.command("trace")
@click.argument("framework_name", metavar="[FRAMEWORK]", default="ml-scaling", required=False)
@format_option("md", "json", dest="output_format")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@frameworks_option
@handle_errors
def trace_command(
    framework_name: str,
    output_format: str,
    output: Path | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Map every theme of FRAMEWORK (id or folder; default ml-scaling) to its questions, the
    rules that read them and the initiatives they recommend; check that the catalogue can make
    every stage gate hold."""
    from readiness.pipeline import locate_framework, to_json, write_text_atomic
    from readiness.trace import build_trace, render_trace_markdown, trace_data

    framework = locate_framework(framework_name, frameworks=frameworks)
    trace = build_trace(framework)
    if output_format == "json":
        text = to_json(trace_data(trace))
    else:
        text = render_trace_markdown(trace, framework)
    if output:
        write_text_atomic(output, text, force=force)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@main.command("merge")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The workshop assessment to write, e.g. clients/acme/2026-Q4.yaml.",
)
@click.option("--assessor", help="Who ran the workshop (default: the files' assessors).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
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
    """
    from readiness.errors import UsageError
    from readiness.merge import merge_files
    from readiness.pipeline import write_text_atomic

    if any(output.resolve() == f.resolve() for f in files):
        raise UsageError(f"{output}: is one of the files to merge; write elsewhere")
    merged = merge_files(list(files), frameworks=frameworks, assessor=assessor)
    _print_warnings(merged.warnings, False)
    write_text_atomic(output, merged.text, force=force)
    count = len(merged.assessment.respondents)
    click.echo(f"wrote {output}: {count} respondents, {merged.votes} votes")


@main.command("progress")
@click.argument("client_dir", type=click.Path(path_type=Path))
@format_option("table", "json", "md", help=MARKDOWN_HELP)
@frameworks_option
@handle_errors
def progress_command(client_dir: Path, output: str, frameworks: tuple[Path, ...]) -> None:
    """Every period of a client folder (one <period>.yaml each): overall score, stage and each
    dimension with the change since the previous period; then what the latest period achieved,
    what slipped and which answers went down."""
    from readiness.pipeline import progress, to_json

    result = progress(client_dir, frameworks=frameworks)
    if output == "json":
        click.echo(to_json(result.model_dump(mode="json")), nl=False)
    elif output == "md":
        from readiness.progress import render_progress_markdown

        click.echo(render_progress_markdown(result), nl=False)
    else:
        from readiness.terminal import print_progress

        print_progress(result)
