"""`readiness questionnaire`: the options of the command line turned into a questionnaire
workbook (or the questions for a form) written next to the client's assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.errors import UsageError
from readiness.load import latest_assessment
from readiness.model import Respondent
from readiness.printable import control_character


@dataclass(frozen=True)
class QuestionnaireRequest:
    """What `readiness questionnaire` was asked for."""

    client_dir: Path
    forms: bool = False
    xlsx: bool = False
    respondent: str | None = None
    role: str | None = None
    name: str | None = None
    organization: str | None = None
    framework: str = "ml-scaling"
    period: str | None = None
    day: dt.date | None = None
    assessor: str | None = None
    theme: Path | None = None
    output: Path | None = None
    force: bool = False
    frameworks: Sequence[Path] = ()
    return_to: str | None = None
    due: dt.date | None = None


def make_questionnaire(request: QuestionnaireRequest) -> tuple[Path | None, str]:
    """Write the workbook (or the form questions) the request asks for.

    Returns the file written (None when the form questions go to standard output) and what to
    print. Raises `UsageError` for a missing or invalid respondent, role or organization, a
    return contact that is empty, too long or holds control characters, or a due date before
    the questionnaire's date.
    """
    from readiness.blank import quarter_of
    from readiness.files import check_output_name, write_text_atomic
    from readiness.pipeline import locate_framework
    from readiness.workbook.answers import Bad, read_line
    from readiness.workbook.questionnaire import (
        Recipient,
        build_questionnaire,
        render_form_questions,
    )

    if request.forms and request.xlsx:
        raise UsageError("--forms and --xlsx: choose one (the workbook is the default)")
    framework = locate_framework(request.framework, frameworks=request.frameworks)
    if request.forms:
        text = render_form_questions(framework)
        if request.output is None:
            return None, text
        check_output_name(request.output, (".txt", ".md"), "the form questions", "questionnaire")
        write_text_atomic(request.output, text, force=request.force)
        return request.output, f"{len(framework.questions())} questions for a form"
    if not request.respondent or not request.role:
        raise UsageError("a questionnaire workbook needs --respondent ID and --role ROLE")
    # What the import refuses in the name and role cells is refused here first, so that a
    # workbook written by this command always imports.
    for option, value in (("--name", request.name), ("--role", request.role)):
        given = read_line(value)
        if isinstance(given, Bad):
            raise UsageError(f"invalid {option}: {given.message} (allowed: {given.allowed})")
    try:
        Respondent(id=request.respondent, role=request.role, name=request.name)
    except ValueError:
        raise UsageError(
            f"invalid --respondent '{request.respondent}': expected lower-case letters, "
            "digits, '-' and '_', starting with a letter"
        ) from None
    day = request.day or dt.date.today()
    return_to = _return_to(request.return_to)
    if request.due is not None and request.due < day:
        raise UsageError(
            f"invalid --due '{request.due.isoformat()}': the date to return it by is before "
            f"the questionnaire's date {day.isoformat()}"
        )
    period = request.period or quarter_of(day)
    consultancy, colour = None, "#1f4e79"
    if request.theme is not None:
        from readiness.report.theme import load_theme

        theme = load_theme(request.theme)
        consultancy, colour = theme.consultancy, theme.primary
    told = request.assessor or consultancy
    latest = latest_assessment(request.client_dir)
    named = latest.get("assessor")
    organization = request.organization or _organization_of(latest, request.client_dir)
    recipient = Recipient(
        organization=organization,
        period=period,
        day=day,
        # The workbook goes to the client: it names the assessor given, or the consultancy, or
        # the one of the client's latest assessment; never the login name of the machine that
        # made it (an import reads it back as the assessment's assessor).
        assessor=told or (named if isinstance(named, str) else ""),
        respondent=request.respondent,
        role=request.role,
        name=request.name,
        preparer=consultancy or request.assessor,
        colour=colour,
        return_to=return_to,
        due=request.due,
        **known_organization(latest, organization),
    )
    target = request.output or request.client_dir / f"{period}-{request.respondent}.xlsx"
    check_output_name(target, (".xlsx",), "a questionnaire workbook", "questionnaire")
    write_text_atomic(target, build_questionnaire(framework, recipient), force=request.force)
    return target, f"{len(framework.questions())} questions for {request.respondent}"


def _return_to(text: str | None) -> str | None:
    """The return contact as given, trimmed; `UsageError` when it is empty, longer than 200
    characters or holds a control character."""
    if text is None:
        return None
    contact = text.strip()
    if not contact or len(contact) > 200 or control_character(contact, one_line=True):
        raise UsageError(
            "invalid --return-to: expected who to send the workbook back to (a name or an "
            "e-mail address), at most 200 characters on one line"
        )
    return contact


def known_organization(latest: dict[str, object], name: str) -> dict[str, Any]:
    """What the client folder's latest assessment (`latest`) records of the organization
    called `name` besides its name (industry, size, unit): empty when it is another one."""
    from readiness.workbook.questionnaire import ORGANIZATION_FIELDS

    organization = latest.get("organization")
    if not isinstance(organization, dict) or organization.get("name") != name:
        return {}
    return {f: organization[f] for f in ORGANIZATION_FIELDS if organization.get(f) is not None}


def _organization_of(latest: dict[str, object], client_dir: Path) -> str:
    """The organization named by the client folder's latest assessment (`latest`)."""
    organization = latest.get("organization")
    if isinstance(organization, dict) and isinstance(organization.get("name"), str):
        return str(organization["name"])
    raise UsageError(
        f"{client_dir}: holds no assessment naming the organization; pass --organization"
    )
