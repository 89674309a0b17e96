"""Checks of an assessment beyond its format, reported as warnings (`--strict` makes them
errors): a date that does not fall in the assessment's period or lies in the future, and a
dimension with fewer answers than the framework's `min_coverage`, whose score would rest on
too little evidence for a client report."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from readiness.errors import Issue
from readiness.model import Assessment, Framework
from readiness.yamlfile import Document

# An assessment is often written up shortly after its period ends.
GRACE = timedelta(days=31)


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


def assessment_warnings(
    assessment: Assessment, framework: Framework, doc: Document, today: date | None = None
) -> list[Issue]:
    """Every warning of these checks for one assessment (`today` defaults to the clock's)."""
    return [
        *date_warnings(assessment, doc, today or date.today()),
        *coverage_warnings(assessment, framework, doc),
    ]


def date_warnings(assessment: Assessment, doc: Document, today: date) -> list[Issue]:
    """A date outside its period (or more than `GRACE` after its end), or in the future."""
    issues = []
    line = doc.line_of(("date",))
    first, last = period_bounds(assessment.period)
    when = assessment.date
    if not first <= when <= last + GRACE:
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
    if when > today:
        issues.append(
            Issue(
                doc.file, line, "date", f"{when} is in the future (today is {today})", warning=True
            )
        )
    return issues


def coverage_warnings(assessment: Assessment, framework: Framework, doc: Document) -> list[Issue]:
    """A dimension with a smaller share of its questions answered (n/a counts as answered)
    than the framework's `min_coverage`."""
    minimum = framework.manifest.min_coverage
    issues = []
    for dimension in framework.dimensions:
        keys = [f"{dimension.id}.{q.id}" for q in dimension.questions]
        answered = sum(1 for key in keys if key in assessment.answers)
        if keys and answered / len(keys) < minimum:
            issues.append(
                Issue(
                    doc.file,
                    doc.line_of(("answers",)),
                    "answers",
                    f"{dimension.title}: {answered} of {len(keys)} questions answered "
                    f"({answered / len(keys):.0%}), below the framework's minimum coverage of "
                    f"{minimum:.0%}; a report needs more answers (or `report --draft`)",
                    warning=True,
                )
            )
    return issues
