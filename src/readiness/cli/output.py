"""What every command shares on its way out: messages printed with control characters escaped,
one line per problem, and a user's mistake turned into exit status 1 (2 for usage), never a
traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from readiness.errors import Issue

F = TypeVar("F", bound=Callable[..., Any])


def counted(count: int, word: str) -> str:
    """A count and its noun, plural unless one: `1 respondent`, `2 files`."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


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
                echo(f"error: {line}", err=True)
            sys.exit(ExitCode.USAGE)
        except ReadinessError as error:
            for line in issue_lines(error.issues) if error.issues else error.lines():
                echo(line, err=True)
            sys.exit(ExitCode.INVALID_INPUT)
        except OSError as error:
            from readiness.files import system_error_line

            echo(system_error_line(error), err=True)
            sys.exit(ExitCode.INVALID_INPUT)
        except KeyboardInterrupt:
            echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def echo(
    text: str, *, err: bool = False, nl: bool = True, block: bool = False, json: bool = False
) -> None:
    """Print `text` with its control characters escaped: a message on one line (a newline in
    it escaped too), a `block` of lines as it is, JSON as the same JSON."""
    from readiness.printable import printable, printable_json, printable_line

    shown = printable_json(text) if json else printable(text) if block else printable_line(text)
    click.echo(shown, err=err, nl=nl)


ISSUES_SHOWN_PER_FILE = 50


def issue_lines(issues: Sequence[Issue]) -> list[str]:
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
        lines.append(f"{file}: {counted(count, 'more problem')} not shown")
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


def print_warnings(warnings: tuple[Issue, ...], strict: bool) -> None:
    """Each warning on its own line on stderr (without its [warning] mark when `strict`)."""
    for line in issue_lines(warnings):
        echo(line if not strict else line.replace(" [warning]", ""), err=True)
