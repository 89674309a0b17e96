"""The commands for respondents who answer in Excel or an online form: `questionnaire` writes
what they fill in, `import` reads it back as an assessment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from readiness.cli.options import (
    assessment_date_option,
    force_option,
    frameworks_option,
    period_option,
    theme_option,
)
from readiness.cli.output import counted, echo, handle_errors, print_warnings


@click.command("questionnaire")
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
@period_option
@assessment_date_option
@click.option(
    "--assessor",
    help="Who runs the assessment, recorded in the workbook (default: the theme's consultancy).",
)
@theme_option("A theme file: name and colour.")
@click.option("--return-to", help="Who the respondent sends the workbook back to (name or e-mail).")
@click.option(
    "--due", type=click.DateTime(["%Y-%m-%d"]), help="The date it is due back, e.g. 2026-12-11."
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The file to write.")
@force_option()
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
    return_to: str | None,
    due: Any,
    output: Path | None,
    force: bool,
    frameworks: tuple[Path, ...],
) -> None:
    """Write a questionnaire workbook for one respondent to fill in Excel or LibreOffice
    (CLIENT_DIR/PERIOD-RESPONDENT.xlsx), or with --forms the questions for an online form.

    \b
    Examples:
      readiness questionnaire clients/acme --respondent cto --role "Chief Technology Officer"
      readiness questionnaire clients/acme --respondent cdo --role CDO --due 2026-12-11
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
        return_to=return_to,
        due=due.date() if due else None,
    )
    target, text = make_questionnaire(request)
    echo(
        text if target is None else f"wrote {target}: {text}",
        nl=target is not None,
        block=target is None,
    )


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The assessment to write, e.g. clients/acme/2026-Q4.yaml.",
)
@click.option(
    "--organization",
    help="For a Forms export: the organization's name (default: the one the latest "
    "assessment in the output's folder names).",
)
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
@click.option(
    "--assessor",
    help="Who ran the assessment (default: the one the workbooks name, else the one the "
    "latest assessment in the output's folder names).",
)
@force_option()
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
    is written while there is one. What the files do not say (the assessor, the organization
    of a Forms export, its industry and size) comes from the latest assessment in the output's
    folder.

    \b
    Examples:
      readiness import acme-cto.xlsx -o clients/acme/2026-Q4.yaml
      readiness import acme-*.xlsx forms-export.csv -o clients/acme/2026-Q4.yaml
    """
    from readiness.files import check_output_name, write_text_atomic
    from readiness.workbook.importing import FormsSettings, import_files

    check_output_name(output, (".yaml", ".yml"), "an assessment", "import", files)
    from readiness.blank import check_period
    from readiness.errors import UsageError

    if period is not None:
        check_period(period)
    else:  # the output's name, when it is one (else the export says it needs --period)
        try:
            period = check_period(output.stem)
        except UsageError:
            period = None
    settings = FormsSettings(
        framework=framework_name,
        organization=organization,
        period=period,
        day=day.date() if day else None,
    )
    result = import_files(
        list(files),
        frameworks=frameworks,
        forms=settings,
        assessor=assessor,
        client_dir=output.parent,
    )
    write_text_atomic(output, result.text, force=force)
    people = len(result.assessment.respondents)
    echo(
        f"wrote {output}: {counted(result.answers, 'answer')} from {counted(people, 'respondent')}"
    )
    print_warnings(result.warnings, strict=False)
