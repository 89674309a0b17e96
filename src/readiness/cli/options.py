"""The options several commands share, each written once: the same flag reads and behaves the
same wherever it appears. Also the date a dated output carries by default."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

MARKDOWN_HELP = "Output format: tables, JSON, or Markdown to paste into a document."

frameworks_option = click.option(
    "--frameworks",
    "frameworks",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A folder holding framework folders, searched before ./questionnaires (repeatable).",
)

xlsx_target_option = click.option(
    "-o",
    "--output-file",
    "target",
    type=click.Path(path_type=Path),
    help="With --format xlsx: the results workbook to write.",
)


def check_workbook_target(output: str, target: Path | None) -> None:
    """Refuse, before any work, an -o without --format xlsx (it would be ignored) and a
    results workbook going to a name not ending in .xlsx (an assessment, even with --force)."""
    from readiness.errors import UsageError
    from readiness.files import check_output_name

    if target is None:
        return
    if output != "xlsx":
        raise UsageError("-o writes the results workbook: add --format xlsx")
    check_output_name(target, (".xlsx",), "a results workbook", "results workbook")


to_file_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)

period_option = click.option(
    "--period", help="Period, e.g. 2026-Q4 (default: the quarter of --date)."
)

assessment_date_option = click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Assessment date (default: today)."
)

assessor_option = click.option(
    "--assessor",
    default=None,
    help="Who runs the assessment (default: the earlier period's, or the client folder's "
    "latest assessment's).",
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


def force_option(what: str = "file") -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--force`: replace an existing `what` (a file, a report, a deck)."""
    return click.option("--force", is_flag=True, help=f"Replace an existing {what}.")


def vote_options(function: F) -> F:
    """`--vote-aggregate` and `--dispute-threshold`: how a workshop's votes are read."""
    aggregate = click.option(
        "--vote-aggregate",
        type=click.Choice(("mean", "median")),
        help="How workshop votes combine (default: the assessment's `vote_aggregate`, else mean).",
    )
    threshold = click.option(
        "--dispute-threshold",
        type=click.FloatRange(min=0, min_open=True),
        metavar="LEVELS",
        help="Spread of votes at which a question is disputed (default: the assessment's, else 2).",
    )
    return aggregate(threshold(function))


def target_options(stage_help: str, by_help: str) -> Callable[[F], F]:
    """`--target-stage` and `--by`: the target an output measures or plans toward."""

    def decorate(function: F) -> F:
        stage = click.option("--target-stage", metavar="STAGE", help=stage_help)
        by = click.option("--by", metavar="YYYY-MM", help=by_help)
        return stage(by(function))

    return decorate


def baseline_option(adds: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--baseline`: an earlier assessment of the same organization; it `adds` a part."""
    return click.option(
        "--baseline",
        type=click.Path(path_type=Path),
        metavar="EARLIER.yaml",
        help=f"An earlier assessment of the same organization: adds {adds}.",
    )


def theme_option(help: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--theme`: a theme file (consultancy name, logo, colour)."""
    return click.option("--theme", type=click.Path(path_type=Path), metavar="THEME.yaml", help=help)


def language_option(what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--language`: the language of `what`'s own words (English, or a shipped catalogue)."""
    return click.option(
        "--language",
        default="en",
        show_default=True,
        metavar="LANG",
        help=f"Language of {what}'s own words (the framework's text stays as written).",
    )


def dated_option(dest: str, what: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--date` of a client-facing output (`what`: "The report date"), into `dest`."""
    return click.option(
        "--date",
        dest,
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="YYYY-MM-DD",
        help=f"{what} (default today); a date before the assessment's is allowed only here.",
    )


def today() -> date:
    """The date of an output: today, or the day of $SOURCE_DATE_EPOCH for reproducible
    builds."""
    import os
    from datetime import UTC, datetime

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
