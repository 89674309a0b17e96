"""The command line: parse options, call one library function, print, exit.

The only module that imports click. Library modules are imported inside each command so that
`readiness --help` starts in the time it takes to import click. Longer than other modules for a
reason: it holds every command's options, help text and examples, each command a short block
of glue over one library call.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from readiness.errors import Issue

F = TypeVar("F", bound=Callable[..., Any])

MARKDOWN_HELP = "Output format: tables, JSON, or Markdown to paste into a document."


def handle_errors(function: F) -> F:
    """Turn a user's mistake into one line per problem on stderr and exit status 1 (2 for
    usage); never a traceback. A file the system refuses to read or write is a user's
    problem too (one line, exit 1)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from readiness.errors import ExitCode, ReadinessError, UsageError

        _unwind_on_termination()
        try:
            return function(*args, **kwargs)
        except UsageError as error:
            for line in error.lines():
                _echo(f"error: {line}", err=True)
            sys.exit(ExitCode.USAGE)
        except ReadinessError as error:
            for line in _issue_lines(error.issues) if error.issues else error.lines():
                _echo(line, err=True)
            sys.exit(ExitCode.INVALID_INPUT)
        except OSError as error:
            from readiness.files import system_error_line

            _echo(system_error_line(error), err=True)
            sys.exit(ExitCode.INVALID_INPUT)
        except KeyboardInterrupt:
            _echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _echo(
    text: str, *, err: bool = False, nl: bool = True, block: bool = False, json: bool = False
) -> None:
    """Print `text` with its control characters escaped: a message on one line (a newline in
    it escaped too), a `block` of lines as it is, JSON as the same JSON."""
    from readiness.printable import printable, printable_json, printable_line

    shown = printable_json(text) if json else printable(text) if block else printable_line(text)
    click.echo(shown, err=err, nl=nl)


ISSUES_SHOWN_PER_FILE = 50


def _issue_lines(issues: Sequence[Issue]) -> list[str]:
    """One line per issue, at most `ISSUES_SHOWN_PER_FILE` per file, then how many more."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for issue in issues:
        if shown.get(issue.file, 0) < ISSUES_SHOWN_PER_FILE:
            shown[issue.file] = shown.get(issue.file, 0) + 1
            lines.append(issue.format())
        else:
            hidden[issue.file] = hidden.get(issue.file, 0) + 1
    for file, count in hidden.items():
        lines.append(f"{file}: {count} more problem{'s' if count != 1 else ''} not shown")
    return lines


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
    for line in _issue_lines(warnings):
        _echo(line if not strict else line.replace(" [warning]", ""), err=True)


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

    \b
    Examples:
      readiness init clients/acme --organization "Acme Retail"
      readiness report clients/acme/2026-Q4.yaml
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

    \b
    Examples:
      readiness validate questionnaires/ml-scaling examples/*/*.yaml
      readiness validate --strict clients/acme
    """
    from readiness.pipeline import to_json, validate

    checked = validate(list(paths), frameworks=frameworks, today=_today())
    failed = bool(checked.errors) or (strict and bool(checked.warnings))
    if output == "json":
        _echo(
            to_json(
                {
                    "ok": not failed,
                    "files": list(checked.files),
                    "errors": [i.format() for i in checked.errors],
                    "warnings": [i.format() for i in checked.warnings],
                }
            ),
            nl=False,
            json=True,
        )
    else:
        for line in _issue_lines(checked.errors):
            _echo(line, err=True)
        _print_warnings(checked.warnings, strict)
        count = len(checked.files)
        if failed:
            problems = len(checked.errors) + (len(checked.warnings) if strict else 0)
            _echo(
                f"{problems} problem{'s' if problems != 1 else ''} in {count} "
                f"file{'s' if count != 1 else ''} checked",
                err=True,
            )
        else:
            _echo(
                f"ok: {count} file{'s' if count != 1 else ''} valid"
                + (f", {len(checked.warnings)} warnings" if checked.warnings else "")
            )
    if failed:
        sys.exit(1)


xlsx_target_option = click.option(
    "-o",
    "--output-file",
    "target",
    type=click.Path(path_type=Path),
    help="With --format xlsx: the results workbook to write.",
)
force_option = click.option("--force", is_flag=True, help="Replace an existing file.")


@main.command("score")
@click.argument("assessment", type=click.Path(path_type=Path))
@format_option("table", "json", "xlsx")
@xlsx_target_option
@force_option
@click.option("--questions", is_flag=True, help="Also list every question's value.")
@click.option(
    "--disputes", is_flag=True, help="List the disputed questions with every respondent's vote."
)
@vote_aggregate_option
@dispute_threshold_option
@frameworks_option
@click.option("--target-stage", metavar="STAGE", help="Stage to measure the gaps to.")
@click.option("--by", metavar="YYYY-MM", help="Target deadline (shown with the target).")
@handle_errors
def score_command(
    assessment: Path,
    output: str,
    target: Path | None,
    force: bool,
    questions: bool,
    disputes: bool,
    target_stage: str | None,
    by: str | None,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Score an assessment: each dimension's score, level and coverage, the stage, and the
    gaps to the target.

    \b
    Examples:
      readiness score examples/acme-retail/2026-Q4.yaml
      readiness score examples/northwind-bank/2026-Q4.yaml --disputes
    """
    from readiness.pipeline import assess, measure_gaps, to_json
    from readiness.records import record_data

    result = assess(
        assessment,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    goal = measure_gaps(result, target_stage=target_stage, by=by)
    if output == "json":
        data = {**record_data(result.scorecard), "target": record_data(goal)}
        _echo(to_json(data), nl=False, json=True)
        return
    if output == "xlsx":
        from readiness.workbook.results import write_results

        _echo(write_results(target, result, force=force))
        return
    _print_warnings(result.warnings, False)
    from readiness.terminal import print_disputes, print_scorecard, print_target

    print_scorecard(result.scorecard, result.loaded.framework, questions=questions)
    print_target(goal, result.loaded.framework)
    if disputes:
        from readiness.workshop import build_workshop, disputed_questions

        loaded = result.loaded
        view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
        if view is None:
            _echo("No disputes: the assessment has no respondents' votes.")
        else:
            items = disputed_questions(loaded.assessment, loaded.framework, result.scorecard)
            print_disputes(view, items)


@main.command("init")
@click.argument("client_dir", type=click.Path(path_type=Path))
@click.option("--organization", help="The organization's name (default: that of --from).")
@click.option(
    "--framework",
    "framework_name",
    help="Framework id or folder (default: that of --from, else ml-scaling).",
)
@click.option("--period", help="Period, e.g. 2026-Q4 (default: the quarter of --date).")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Assessment date (default: today)."
)
@click.option("--assessor", default=None, help="Who runs the assessment (default: your user name).")
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
@click.option("--force", is_flag=True, help="Replace an existing file.")
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
    import getpass
    from datetime import date

    from readiness.pipeline import init_assessment

    written = init_assessment(
        client_dir,
        organization=organization,
        framework_name=framework_name,
        period=period,
        day=day.date() if day else date.today(),
        assessor=assessor or getpass.getuser(),
        respondent=respondent,
        role=role,
        carry_from=carry_from,
        force=force,
        frameworks=frameworks,
    )
    carried = f", {written.carried} carried forward for review" if written.carried else ""
    _echo(f"wrote {written.path}: {written.questions} questions to answer{carried}")


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
    """Print the JSON Schema of an assessment for FRAMEWORK (id or folder; default ml-scaling).

    \b
    Examples:
      readiness schema ml-scaling -o schemas/ml-scaling.schema.json --force
    """
    from readiness.files import write_text_atomic
    from readiness.pipeline import locate_framework, to_json
    from readiness.schema import build_schema

    text = to_json(build_schema(locate_framework(framework_name, frameworks=frameworks)))
    if output:
        write_text_atomic(output, text, force=force)
        _echo(f"wrote {output}")
    else:
        _echo(text, nl=False, block=True)


@main.command("plan")
@click.argument("assessment", type=click.Path(path_type=Path))
@click.option(
    "--capacity",
    metavar="N",
    help="Most initiatives at once, 1-20, on top of the team's FTE (default: the assessment's "
    "`capacity`, else no cap).",
)
@click.option(
    "--start",
    metavar="YYYY-MM",
    help="First month of the plan (default: the month after the assessment date).",
)
@click.option(
    "--target-stage",
    metavar="STAGE",
    help="Stage to plan toward (default: the assessment's target, else the last stage).",
)
@click.option("--by", metavar="YYYY-MM", help="Target deadline; the plan says whether it fits.")
@click.option(
    "--what-it-takes",
    is_flag=True,
    help="Add the cheapest set of initiatives for the next stage and the target.",
)
@format_option(
    "table", "json", "md", "xlsx", help=MARKDOWN_HELP[:-1] + "; xlsx: a results workbook (-o)."
)
@xlsx_target_option
@force_option
@vote_aggregate_option
@dispute_threshold_option
@frameworks_option
@handle_errors
def plan_command(
    assessment: Path,
    capacity: str | None,
    start: str | None,
    target_stage: str | None,
    by: str | None,
    what_it_takes: bool,
    output: str,
    target: Path | None,
    force: bool,
    vote_aggregate: str | None,
    dispute_threshold: float | None,
    frameworks: tuple[Path, ...],
) -> None:
    """Plan the roadmap of an assessment toward its target: gaps, initiatives by wave and
    month within the team's FTE, milestones.

    Every initiative says why it is planned; what does not fit the horizon is listed as
    deferred with the reason.

    \b
    Examples:
      readiness plan examples/acme-retail/2026-Q4.yaml
      readiness plan examples/acme-retail/2026-Q4.yaml --capacity 2 --start 2027-01 --format md
    """
    from readiness.pipeline import plan, to_json

    result = plan(
        assessment,
        start=start,
        capacity=capacity,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
        target_stage=target_stage,
        by=by,
        what_it_takes=what_it_takes,
    )
    card, framework = result.assessed.scorecard, result.assessed.loaded.framework
    if output == "json":
        _echo(to_json(result.data()), nl=False, json=True)
    elif output == "xlsx":
        from readiness.workbook.results import write_results

        _echo(write_results(target, result.assessed, result.data(), force=force))
    elif output == "md":
        from readiness.plan.text import render_plan_markdown

        _echo(
            render_plan_markdown(result.plan, result.results, card, framework),
            nl=False,
            block=True,
        )
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
@click.option("--target-stage", metavar="STAGE", help="Stage the roadmap plans toward.")
@click.option("--by", metavar="YYYY-MM", help="Target deadline; the roadmap says if it fits.")
@click.option(
    "--language",
    default="en",
    show_default=True,
    metavar="LANG",
    help="Language of the report's own words (the framework's text stays as written).",
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
        on_step=lambda step: _echo(f"{step}...", err=True),
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
        target_stage=target_stage,
        by=by,
        language=language,
    )
    _print_warnings(result.warnings, False)
    _echo(f"wrote {result.path}")


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

    \b
    Examples:
      readiness deck examples/acme-retail
      readiness deck examples/northwind-bank/2026-Q4.yaml -o deck.pptx --force
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
            _echo(f"wrote {outcome.value.path}")
        else:
            _echo(outcome.summary(), err=True)

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
        _echo(
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
    every stage gate hold.

    \b
    Examples:
      readiness trace ml-scaling
      readiness trace ml-scaling -o docs/traceability.md --force
    """
    from readiness.files import write_text_atomic
    from readiness.pipeline import locate_framework, to_json
    from readiness.trace import build_trace, render_trace_markdown, trace_data

    framework = locate_framework(framework_name, frameworks=frameworks)
    trace = build_trace(framework)
    if output_format == "json":
        text = to_json(trace_data(trace))
    else:
        text = render_trace_markdown(trace, framework)
    if output:
        write_text_atomic(output, text, force=force)
        _echo(f"wrote {output}")
    else:
        _echo(text, nl=False, block=True)


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

    \b
    Examples:
      readiness merge examples/workshop/*.yaml -o clients/acme/2026-Q4.yaml
    """
    from readiness.errors import UsageError
    from readiness.files import write_text_atomic
    from readiness.merge import merge_files

    if any(output.resolve() == f.resolve() for f in files):
        raise UsageError(f"{output}: is one of the files to merge; write elsewhere")
    merged = merge_files(list(files), frameworks=frameworks, assessor=assessor)
    _print_warnings(merged.warnings, False)
    write_text_atomic(output, merged.text, force=force)
    count = len(merged.assessment.respondents)
    _echo(f"wrote {output}: {count} respondents, {merged.votes} votes")


@main.group("workshop")
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
        echo=lambda line: _echo(line, err=True),
    )


@main.command("questionnaire")
@click.argument("client_dir", type=click.Path(path_type=Path))
@click.option("--xlsx", "as_xlsx", is_flag=True, help="Write the Excel workbook (the default).")
@click.option("--forms", is_flag=True, help="Print the questions to paste into an online form.")
@click.option("--respondent", help="Respondent id, e.g. cto (lower-case letters, digits, -, _).")
@click.option("--role", help="The respondent's role, e.g. Chief Technology Officer.")
@click.option("--name", "person", help="The respondent's name.")
@click.option("--organization", help="The organization's name (default: from CLIENT_DIR).")
@click.option(
    "--framework", "framework_name", default="ml-scaling", show_default=True, help="Framework id."
)
@click.option("--period", help="Period, e.g. 2026-Q4 (default: the quarter of --date).")
@click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Assessment date (default: today)."
)
@click.option("--assessor", default=None, help="Who runs the assessment (default: your user name).")
@click.option("--theme", type=click.Path(path_type=Path), help="A theme file: name and colour.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The file to write.")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@frameworks_option
@handle_errors
def questionnaire_command(
    client_dir: Path,
    as_xlsx: bool,
    forms: bool,
    respondent: str | None,
    role: str | None,
    person: str | None,
    organization: str | None,
    framework_name: str,
    period: str | None,
    day: Any,
    assessor: str | None,
    theme: Path | None,
    output: Path | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Write a questionnaire workbook for one respondent to fill in Excel or LibreOffice
    (CLIENT_DIR/PERIOD-RESPONDENT.xlsx), or with --forms the questions for an online form.

    \b
    Examples:
      readiness questionnaire clients/acme --respondent cto --role "Chief Technology Officer"
      readiness questionnaire clients/acme --forms
    """
    from readiness.workbook.making import QuestionnaireRequest, make_questionnaire

    request = QuestionnaireRequest(
        client_dir=client_dir,
        forms=forms,
        xlsx=as_xlsx,
        respondent=respondent,
        role=role,
        name=person,
        organization=organization,
        framework=framework_name,
        period=period,
        day=day.date() if day else None,
        assessor=assessor,
        theme=theme,
        output=output,
        force=force,
        frameworks=frameworks,
    )
    target, text = make_questionnaire(request)
    _echo(
        text if target is None else f"wrote {target}: {text}",
        nl=target is not None,
        block=target is None,
    )


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The assessment to write, e.g. clients/acme/2026-Q4.yaml.",
)
@click.option("--organization", help="For a Forms export: the organization's name.")
@click.option(
    "--framework",
    "framework_name",
    default="ml-scaling",
    show_default=True,
    help="For a Forms export: the framework id.",
)
@click.option("--period", help="For a Forms export: the period (default: the output's name).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    help="For a Forms export: the date (default: the latest completion time).",
)
@click.option("--assessor", help="Who ran the assessment (default: the workbooks', your name).")
@click.option("--force", is_flag=True, help="Replace an existing file.")
@frameworks_option
@handle_errors
def import_command(
    files: tuple[Path, ...],
    output: Path,
    organization: str | None,
    framework_name: str,
    period: str | None,
    day: Any,
    assessor: str | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Turn filled questionnaire workbooks and Forms exports (xlsx or CSV) into an assessment.

    One respondent gives an assessment; several a workshop assessment with one vote each, as
    `merge` writes it. Every problem is reported with its workbook, sheet and cell, and nothing
    is written while there is one.

    \b
    Examples:
      readiness import acme-cto.xlsx -o clients/acme/2026-Q4.yaml
      readiness import acme-*.xlsx forms-export.csv -o clients/acme/2026-Q4.yaml
    """
    import getpass

    from readiness.files import write_text_atomic
    from readiness.workbook.importing import FormsSettings, import_files

    settings = FormsSettings(
        framework=framework_name,
        organization=organization,
        period=period or output.stem,
        day=day.date() if day else None,
        assessor=assessor or getpass.getuser(),
    )
    result = import_files(list(files), frameworks=frameworks, forms=settings, assessor=assessor)
    write_text_atomic(output, result.text, force=force)
    people = len(result.assessment.respondents)
    _echo(f"wrote {output}: {result.answers} answers from {people} respondents")


@main.command("progress")
@click.argument("client_dir", type=click.Path(path_type=Path))
@format_option("table", "json", "md", help=MARKDOWN_HELP)
@frameworks_option
@handle_errors
def progress_command(client_dir: Path, output: str, frameworks: tuple[Path, ...]) -> None:
    """Every period of a client folder (one <period>.yaml each): overall score, stage and each
    dimension with the change since the previous period; then what the latest period achieved,
    what slipped and which answers went down.

    \b
    Examples:
      readiness progress examples/acme-retail
      readiness progress examples/acme-retail --format md
    """
    from readiness.pipeline import progress, to_json

    result = progress(client_dir, frameworks=frameworks)
    if output == "json":
        _echo(to_json(result.model_dump(mode="json")), nl=False, json=True)
    elif output == "md":
        from readiness.progress import render_progress_markdown

        _echo(render_progress_markdown(result), nl=False, block=True)
    else:
        from readiness.terminal import print_progress

        print_progress(result)
