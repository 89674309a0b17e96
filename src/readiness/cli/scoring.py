"""The commands that score and plan at the terminal: `score`, `plan` and `progress`."""

from __future__ import annotations

from pathlib import Path

import click

from readiness.cli.options import (
    MARKDOWN_HELP,
    check_workbook_target,
    force_option,
    format_option,
    frameworks_option,
    target_options,
    vote_options,
    xlsx_target_option,
)
from readiness.cli.output import echo, handle_errors, print_warnings


@click.command("score")
@click.argument("assessment", type=click.Path(path_type=Path))
@format_option("table", "json", "xlsx")
@xlsx_target_option
@force_option()
@click.option("--questions", is_flag=True, help="Also list every question's value.")
@click.option(
    "--disputes", is_flag=True, help="List the disputed questions with every respondent's vote."
)
@vote_options
@frameworks_option
@target_options("Stage to measure the gaps to.", "Target deadline (shown with the target).")
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

    check_workbook_target(output, target)
    result = assess(
        assessment,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    goal = measure_gaps(result, target_stage=target_stage, by=by)
    if output == "json":
        data = {**record_data(result.scorecard), "target": record_data(goal)}
        echo(to_json(data), nl=False, json=True)
        return
    if output == "xlsx":
        from readiness.workbook.results import write_results

        echo(write_results(target, result, force=force))
        return
    print_warnings(result.warnings, False)
    from readiness.terminal import print_disputes, print_scorecard, print_target

    print_scorecard(result.scorecard, result.loaded.framework, questions=questions)
    print_target(goal, result.loaded.framework)
    if disputes:
        from readiness.workshop import build_workshop, disputed_questions

        loaded = result.loaded
        view = build_workshop(loaded.assessment, loaded.framework, result.scorecard)
        if view is None:
            echo("No disputes: the assessment has no respondents' votes.")
        else:
            items = disputed_questions(loaded.assessment, loaded.framework, result.scorecard)
            print_disputes(view, items)


@click.command("plan")
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
    help="First month of the plan (default: the first month that begins at least the framework's mobilization_weeks after the assessment date).",
)
@target_options(
    "Stage to plan toward (default: the assessment's target, else the last stage).",
    "Target deadline; the plan says whether it fits.",
)
@click.option(
    "--what-it-takes",
    is_flag=True,
    help="Add the cheapest set of initiatives for the next stage and the target.",
)
@format_option(
    "table", "json", "md", "xlsx", help=MARKDOWN_HELP[:-1] + "; xlsx: a results workbook (-o)."
)
@xlsx_target_option
@force_option()
@vote_options
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

    check_workbook_target(output, target)
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
        echo(to_json(result.data()), nl=False, json=True)
    elif output == "xlsx":
        from readiness.workbook.results import write_results

        echo(write_results(target, result.assessed, result.data(), force=force))
    elif output == "md":
        from readiness.plan.text import render_plan_markdown

        echo(
            render_plan_markdown(result.plan, result.results, card, framework),
            nl=False,
            block=True,
        )
    else:
        print_warnings(result.assessed.warnings, False)
        from readiness.terminal import print_plan

        print_plan(result.plan, result.results, card, framework)


@click.command("progress")
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
        echo(to_json(result.model_dump(mode="json")), nl=False, json=True)
    elif output == "md":
        from readiness.progress import render_progress_markdown

        echo(render_progress_markdown(result), nl=False, block=True)
    else:
        from readiness.terminal import print_progress

        print_progress(result)
