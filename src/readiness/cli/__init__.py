"""The command line: parse options, call one library function, print, exit.

The only package that imports click. Each command group is a module: `checking` (validate,
schema, trace), `scoring` (score, plan, progress), `reporting` (report, deck), `assessments`
(init, merge), `workbooks` (questionnaire, import) and `workshop`; `options` holds the options
they share and `output` how they print and fail. A command's module is imported only when that
command runs (or when `--help` lists them all), and a command imports the library it calls
inside its body, so a command pays only for what it uses.
"""

from __future__ import annotations

import importlib
import io
import os
import sys

import click

COMMANDS: dict[str, str] = {
    "validate": "checking",
    "score": "scoring",
    "init": "assessments",
    "schema": "checking",
    "plan": "scoring",
    "report": "reporting",
    "deck": "reporting",
    "trace": "checking",
    "merge": "assessments",
    "workshop": "workshop",
    "questionnaire": "workbooks",
    "import": "workbooks",
    "progress": "scoring",
}
"""Each command, and the module of this package that defines it (as `<name>_command`, or
`<name>_group` for a group)."""


class CommandLine(click.Group):
    """The `readiness` group: commands looked up in `COMMANDS` and imported when asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        found = importlib.import_module(f"readiness.cli.{module}")
        name = cmd_name.replace("-", "_")
        command = getattr(found, f"{name}_command", None) or getattr(found, f"{name}_group")
        if not isinstance(command, click.Command):
            raise TypeError(f"readiness.cli.{module}: {cmd_name} is not a command")
        return command


@click.group(
    cls=CommandLine,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="readiness")
def main() -> None:
    """Assess how ready an organization is to scale machine learning, and plan how it gets there.

    Exit status: 0 success, 1 invalid input or a failed check, 2 usage error.

    \b
    Examples:
      readiness init clients/acme --organization "Acme Retail"
      readiness report clients/acme/2026-Q4.yaml
    """
    # The package uses no pydantic plugins: pydantic's documented switch spares every command
    # the look through every installed package's entry points that finds them.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A stream that cannot show a character (an ASCII terminal, a Windows pipe in cp1252)
    # gets its escape instead of a UnicodeEncodeError at the first table border or name.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
