"""Checks of an assessment beyond its format, reported as warnings (`--strict` makes them
errors): a date that does not fall in the assessment's period, a date in the future (asked by
`readiness validate` only: the library never reads the clock itself), and a dimension with
fewer answers than the framework's `min_coverage`, whose score would rest on too little
evidence for a client report."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from readiness.errors import Issue, ReadinessError
from readiness.index import framework_index
from readiness.model import Assessment, Framework
from readiness.yamlfile import Document, read_yaml

# An assessment is often written up shortly after its period ends.
GRACE = timedelta(days=31)
BELOW_COVERAGE = "below the framework's minimum coverage"
# A file is often prepared for a workshop in the coming days; further ahead is a typing slip.
AHEAD = timedelta(days=7)


def period_bounds(period: str) -> tuple[date, date]:
    """The first and last day of a period: 2026-Q4, 2026-H2 or 2026-11."""
    year, part = int(period[:4]), period[5:]
    if part.startswith("Q"):
        first, last = 3 * int(part[1]) - 2, 3 * int(part[1])
    elif part.startswith("H"):
        first, last = 6 * int(part[1]) - 5, 6 * int(part[1])
    else:
        first = last = int(part)
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def in_period(period: str, day: date) -> bool:
    """Whether an assessment of `period` may carry the date `day`: from the period's first
    day to `GRACE` after its last."""
    first, last = period_bounds(period)
    return first <= day <= last + GRACE


def assessment_warnings(assessment: Assessment, framework: Framework, doc: Document) -> list[Issue]:
    """The warnings of these checks that depend on the file alone (not on today's date)."""
    return [*period_warnings(assessment, doc), *coverage_warnings(assessment, framework, doc)]


def period_warnings(assessment: Assessment, doc: Document) -> list[Issue]:
    """A date outside its period (or more than `GRACE` after its end)."""
    issues = []
    line = doc.line_of(("date",))
    first, last = period_bounds(assessment.period)
    when = assessment.date
    if not in_period(assessment.period, when):
        issues.append(
            Issue(
                doc.file,
                line,
                "date",
                f"{when} is not in the period {assessment.period} ({first} to {last}); "
                "check the period or the date",
                warning=True,
            )
        )
    return issues


def coverage_warnings(assessment: Assessment, framework: Framework, doc: Document) -> list[Issue]:
    """A dimension with a smaller share of its questions answered (n/a counts as answered)
    than the framework's `min_coverage`."""
    minimum = framework.manifest.min_coverage
    answers = assessment.answers
    issues = []
    for layout in framework_index(framework).layout:
        dimension, keys = layout.dimension, layout.keys
        answered = sum(1 for key in keys if key in answers)
        if keys and answered / len(keys) < minimum:
            issues.append(
                Issue(
                    doc.file,
                    doc.line_of(("answers",)),
                    "answers",
                    f"{dimension.title}: {answered} of {len(keys)} questions answered "
                    f"({answered / len(keys):.0%}), {BELOW_COVERAGE} of "
                    f"{minimum:.0%}; a report needs more answers (or `report --draft`)",
                    warning=True,
                )
            )
    return issues


def future_date_warnings(files: Sequence[str], today: date) -> list[Issue]:
    """The assessments among `files` dated more than `AHEAD` after `today` (files that cannot
    be read, or hold no date, are left to the other checks)."""
    issues = []
    for file in files:
        if Path(file).suffix not in (".yaml", ".yml"):
            continue
        try:
            doc = read_yaml(Path(file))
        except (ReadinessError, OSError):
            continue
        when = doc.data.get("date")
        if type(when) is date and when > today + AHEAD:  # a date with a time is refused
            issues.append(
                Issue(
                    file,
                    doc.line_of(("date",)),
                    "date",
                    f"{when} is in the future (today is {today})",
                    warning=True,
                )
            )
    return issues
