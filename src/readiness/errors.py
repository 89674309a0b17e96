"""Every exception the package raises for a user's mistake, and the located issues they carry.

A user's mistake never surfaces as a traceback: the command line catches `ReadinessError`,
prints each issue on one line (`file:line: path: message (got X; allowed: ...)`) and exits 1.
Programming errors are not wrapped and do surface, so they get fixed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the command line."""

    OK = 0
    INVALID_INPUT = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in one place of one file.

    `line` is 1-based and 0 when the problem concerns the whole file. `path` is the dotted
    location inside the document (`questions[2].levels.3`), empty for the whole document.
    """

    file: str
    line: int
    path: str
    message: str
    got: str | None = None
    allowed: str | None = None
    warning: bool = field(default=False, compare=False)

    def format(self) -> str:
        """Render the issue as the one line the command line prints."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        details = []
        if self.got is not None:
            details.append(f"got {self.got}")
        if self.allowed is not None:
            details.append(f"allowed: {self.allowed}")
        if details:
            text += f" ({'; '.join(details)})"
        if self.warning:
            text = f"{text} [warning]"
        return text


class ReadinessError(Exception):
    """Base class: a problem caused by the user's input or request, never by a bug."""

    def __init__(self, message: str, issues: Sequence[Issue] = ()) -> None:
        super().__init__(message)
        self.issues: tuple[Issue, ...] = tuple(issues)

    def lines(self) -> list[str]:
        """The lines to print: one per located issue, or the message alone."""
        if self.issues:
            return [issue.format() for issue in self.issues]
        return [str(self)]


class InputError(ReadinessError):
    """Raised when a file cannot be read or parsed: missing, unreadable, not UTF-8, too large,
    not YAML, an alias, a duplicate key, or not a mapping at the top."""


class ValidationError(ReadinessError):
    """Raised when files parse but break the format or each other: wrong types, unknown keys,
    unknown ids, out-of-scale levels, cycles, conditions that do not compile. Carries every
    issue found, not just the first."""


class FrameworkNotFoundError(ReadinessError):
    """Raised when an assessment names a framework that is in none of the search folders."""


class OutputExistsError(ReadinessError):
    """Raised when an output file exists and `--force` was not given."""


class OutputError(ReadinessError):
    """Raised when an output cannot be written: no space, a read-only file system, no
    permission, a name too long, a folder where the file should go."""


class UsageError(ReadinessError):
    """Raised for a request that cannot be carried out as asked (bad option values,
    conflicting options); the command line maps it to exit status 2."""


def raise_if_errors(issues: Iterable[Issue], summary: str) -> None:
    """Raise `ValidationError` carrying every non-warning issue, if there is any."""
    errors = sorted(issue for issue in issues if not issue.warning)
    if errors:
        raise ValidationError(summary, errors)
