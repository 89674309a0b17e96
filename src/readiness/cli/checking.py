"""The commands that check and describe a framework and its assessments: `validate`,
`schema` and `trace`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from readiness.cli.options import (
    force_option,
    format_option,
    frameworks_option,
    to_file_option,
    today,
)
from readiness.cli.output import counted, echo, handle_errors, issue_lines, print_warnings


@click.command("validate")
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

    checked = validate(list(paths), frameworks=frameworks, today=today())
    failed = bool(checked.errors) or (strict and bool(checked.warnings))
    if output == "json":
        echo(
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
        for line in issue_lines(checked.errors):
            echo(line, err=True)
        print_warnings(checked.warnings, strict)
        count = len(checked.files)
        if failed:
            problems = len(checked.errors) + (len(checked.warnings) if strict else 0)
            echo(
                f"{counted(problems, 'problem')} in {counted(count, 'file')} checked",
                err=True,
            )
        else:
            warned = len(checked.warnings)
            echo(
                f"ok: {counted(count, 'file')} valid"
                + (f", {counted(warned, 'warning')}" if warned else "")
            )
    if failed:
        sys.exit(1)


@click.command("schema")
@click.argument("framework_name", default="ml-scaling", required=False)
@to_file_option
@force_option()
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
    from readiness.files import check_output_name, write_text_atomic
    from readiness.pipeline import locate_framework, to_json
    from readiness.schema import build_schema

    if output:
        check_output_name(output, (".json",), "a JSON Schema", "schema")
    text = to_json(build_schema(locate_framework(framework_name, frameworks=frameworks)))
    if output:
        write_text_atomic(output, text, force=force)
        echo(f"wrote {output}")
    else:
        echo(text, nl=False, block=True)


@click.command("trace")
@click.argument("framework_name", metavar="[FRAMEWORK]", default="ml-scaling", required=False)
@format_option("md", "json", dest="output_format")
@to_file_option
@force_option()
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
    from readiness.files import check_output_name, write_text_atomic
    from readiness.pipeline import locate_framework, to_json
    from readiness.trace import build_trace, render_trace_markdown, trace_data

    if output:
        suffix = ".json" if output_format == "json" else ".md"
        kind = "the trace as JSON" if output_format == "json" else "the trace as Markdown"
        check_output_name(output, (suffix,), kind, "trace")
    framework = locate_framework(framework_name, frameworks=frameworks)
    trace = build_trace(framework)
    if output_format == "json":
        text = to_json(trace_data(trace))
    else:
        text = render_trace_markdown(trace, framework)
    if output:
        write_text_atomic(output, text, force=force)
        echo(f"wrote {output}")
    else:
        echo(text, nl=False, block=True)
