"""`readiness questionnaire`: the options of the command line turned into a questionnaire
workbook (or the questions for a form) written next to the client's assessments."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.errors import UsageError
from readiness.model import Respondent


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


def make_questionnaire(request: QuestionnaireRequest) -> tuple[Path | None, str]:
    """Write the workbook (or the form questions) the request asks for.

    Returns the file written (None when the form questions go to standard output) and what to
    print. Raises `UsageError` for a missing or invalid respondent, role or organization.
    """
    from readiness.blank import quarter_of
    from readiness.files import write_text_atomic
    from readiness.pipeline import locate_framework
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
        write_text_atomic(request.output, text, force=request.force)
        return request.output, f"{len(framework.questions())} questions for a form"
    if not request.respondent or not request.role:
        raise UsageError("a questionnaire workbook needs --respondent ID and --role ROLE")
    try:
        Respondent(id=request.respondent, role=request.role, name=request.name)
    except ValueError:
        raise UsageError(
            f"invalid --respondent '{request.respondent}': expected lower-case letters, "
            "digits, '-' and '_', starting with a letter"
        ) from None
    day = request.day or dt.date.today()
    period = request.period or quarter_of(day)
    consultancy, colour = None, "#1f4e79"
    if request.theme is not None:
        from readiness.report.theme import load_theme

        theme = load_theme(request.theme)
        consultancy, colour = theme.consultancy, theme.primary
    recipient = Recipient(
        organization=request.organization or _organization_of(request.client_dir),
        period=period,
        day=day,
        assessor=request.assessor or getpass.getuser(),
        respondent=request.respondent,
        role=request.role,
        name=request.name,
        preparer=consultancy or request.assessor,
        colour=colour,
    )
    target = request.output or request.client_dir / f"{period}-{request.respondent}.xlsx"
    write_text_atomic(target, build_questionnaire(framework, recipient), force=request.force)
    return target, f"{len(framework.questions())} questions for {request.respondent}"


def _organization_of(client_dir: Path) -> str:
    """The organization named by the client folder's latest assessment."""
    from readiness.yamlfile import read_yaml

    files = sorted(client_dir.glob("*.yaml")) if client_dir.is_dir() else []
    for file in reversed(files):
        organization = read_yaml(file).data.get("organization")
        if isinstance(organization, dict) and isinstance(organization.get("name"), str):
            return str(organization["name"])
    raise UsageError(
        f"{client_dir}: holds no assessment naming the organization; pass --organization"
    )
