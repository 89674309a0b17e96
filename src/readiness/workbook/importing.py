"""`readiness import`: filled questionnaire workbooks and Forms exports in, an assessment out.

One respondent gives an ordinary assessment (answers with notes, evidence and confidence);
several give a workshop assessment with one vote per respondent, built and checked by
`readiness.merge` exactly as `readiness merge` builds it. Every problem of every file is
reported at once, located by workbook, sheet and cell (`acme-cto.xlsx: 'Data foundations'!D7:
...`), and nothing is returned while there is one: a file that cannot be read at all (missing,
too large, not a workbook) is one of them, and the other files are still read.

What the files do not say is taken from the client folder the assessment goes into: its latest
assessment names the assessor and records the organization's industry, size and unit. The
assessor is never the login name of the machine that imports: without `--assessor`, a
workbook that names one or a client folder whose assessment does, the import is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from readiness.errors import InputError, Issue, UsageError, ValidationError
from readiness.files import unpacked_size
from readiness.load import LoadedAssessment, Shelf, latest_assessment
from readiness.merge import merge_assessments, render_assessment
from readiness.model import Assessment, Framework
from readiness.workbook import import_openpyxl
from readiness.yamlfile import Document

MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 64 * 1024 * 1024
"""Most bytes a workbook's parts may unpack to (as their sizes in the zip say, which reading
never goes past): a questionnaire unpacks to under 1 MiB, a zip bomb to gigabytes."""
MAX_ROWS = 10_000
"""Most rows read from one sheet: a questionnaire has under 100 a sheet, an export one a
respondent."""
NO_ASSESSOR = (
    "names no assessor; pass --assessor NAME, or write the assessment into the client's "
    "folder, whose latest assessment names one"
)


@dataclass(frozen=True)
class FormsSettings:
    """What a Forms export does not say and the command line does."""

    framework: str = "ml-scaling"
    organization: str | None = None
    period: str | None = None
    day: dt.date | None = None


@dataclass(frozen=True)
class Imported:
    """The assessment built from the files, and its YAML text."""

    assessment: Assessment
    framework: Framework
    text: str
    files: tuple[str, ...]
    warnings: tuple[Issue, ...] = ()
    """What the files hold that is not imported (text outside the questions), one line each."""

    @property
    def answers(self) -> int:
        """How many questions have an answer or votes."""
        return len(self.assessment.answers)


class Problems:
    """Located problems collected across every file, raised once at the end."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.usage: list[Issue] = []

    def add(
        self,
        file: str,
        where: str,
        message: str,
        allowed: str | None = None,
        got: str | None = None,
    ) -> None:
        """Record a problem at a place (`'Sheet'!D7`, `F3`, or '' for the whole file)."""
        self.issues.append(Issue(file, 0, where, message, got=got, allowed=allowed))

    def warn(self, file: str, where: str, message: str) -> None:
        """Record what the import leaves out but does not stop for, at its place."""
        self.issues.append(Issue(file, 0, where, message, warning=True))

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The warnings recorded so far."""
        return tuple(issue for issue in self.issues if issue.warning)

    def add_usage(self, file: str, message: str) -> None:
        """Record what the command line must add for a file to import (an option)."""
        self.usage.append(Issue(file, 0, "", message))

    def raise_if_any(self) -> None:
        """Raise `ValidationError` carrying every problem (the warnings among them), if there
        is one; `UsageError` when all that is missing is an option."""
        if any(not issue.warning for issue in self.issues):
            issues = [*self.issues, *self.usage]
            raise ValidationError(issues[0].format(), issues)
        if self.usage:
            raise UsageError(self.usage[0].format(), self.usage)


@dataclass
class Reading:
    """What every file of one import is read with, and the problems found in any of them."""

    frameworks: Sequence[Path] = ()
    assessor: str | None = None
    """The assessor named on the command line."""
    client: Mapping[str, Any] = field(default_factory=dict)
    """The data of the latest assessment of the folder the import is written to ({} if none)."""
    shelf: Shelf = field(default_factory=Shelf)
    """The framework every file names, read once."""
    problems: Problems = field(default_factory=Problems)

    def assessor_for(self, file: str, recorded: str | None) -> str | None:
        """Who ran the assessment: the one named on the command line, else the one the file
        records, else the client folder's; None (and a problem) when nobody is named."""
        latest = self.client.get("assessor")
        named = self.assessor or recorded or (latest if isinstance(latest, str) else None)
        if not named:
            self.problems.add_usage(file, NO_ASSESSOR)
        return named or None

    def organization_for(self, name: str, recorded: Mapping[str, Any]) -> dict[str, Any]:
        """The organization called `name`: what the file records of it, and what the client
        folder's latest assessment records of it (when it is the same organization)."""
        from readiness.workbook.making import known_organization

        return {"name": name, **known_organization(dict(self.client), name), **recorded}

    def organization_name(self) -> str | None:
        """The organization the client folder's latest assessment names, if any."""
        organization = self.client.get("organization")
        name = organization.get("name") if isinstance(organization, dict) else None
        return name if isinstance(name, str) else None


def respondent_source(
    assessment: dict[str, Any],
    framework: Framework,
    file: str,
    line: int,
    problems: Problems,
    cells: Mapping[tuple[str | int, ...], str] | None = None,
) -> tuple[LoadedAssessment, Document] | None:
    """One respondent's answers as a loaded assessment the merge can take (None when the data
    breaks the format, reported as a problem of the file: at the cell `cells` gives for the
    field or the nearest one above it, with the field's name; else at the field's path)."""
    from readiness.workbook.answers import shown

    try:
        parsed = Assessment.model_validate(assessment)
    except pydantic.ValidationError as error:
        for item in error.errors(include_url=False):
            loc = tuple(item["loc"])
            found = [loc[:n] for n in range(len(loc), 0, -1) if loc[:n] in (cells or {})]
            value = item.get("input")
            got = shown(value) if isinstance(value, str) else None
            if not found:
                where = ".".join(str(part) for part in loc)
                problems.add(file, where, item["msg"], got=got)
                continue
            label = next(part for part in reversed(loc) if isinstance(part, str))
            problems.add(file, (cells or {})[found[0]], f"{label}: {item['msg']}", got=got)
        return None
    return LoadedAssessment(parsed, framework, file), Document(file, {}, {(): line})


def import_files(
    paths: Sequence[Path],
    *,
    frameworks: Sequence[Path] = (),
    forms: FormsSettings | None = None,
    assessor: str | None = None,
    client_dir: Path | None = None,
) -> Imported:
    """Read filled questionnaire workbooks and Forms exports (xlsx or CSV) into one assessment.

    `assessor` overrides the one the workbooks name; `client_dir` is the folder the assessment
    goes into, whose latest assessment gives what the files leave out (the assessor, the
    organization of a Forms export, its industry, size and unit). Raises `ValidationError`
    with every located problem of every file (a file that cannot be read is one of them),
    `UsageError` for a file given twice, or when all that is missing is `--assessor`.
    """

    seen: set[Path] = set()
    for path in paths:
        if path.resolve() in seen:
            raise UsageError(f"{path}: given twice")
        seen.add(path.resolve())
    client = latest_assessment(client_dir) if client_dir is not None else {}
    reading = Reading(frameworks, assessor, client)
    sources: list[tuple[LoadedAssessment, Document]] = []
    for path in paths:
        try:
            sources += _read_file(path, forms or FormsSettings(), reading)
        except InputError as error:
            reading.problems.add(path.name, "", str(error))
    reading.problems.raise_if_any()
    if not any(loaded.assessment.answers for loaded, _ in sources):
        raise ValidationError(f"{paths[0]}: holds no answers; nothing to import")
    names = [Path(p).name for p in paths]
    files = [(name, "") for name in names]
    made_by = "Imported by `readiness import`"
    if len(sources) == 1:
        loaded = sources[0][0]
        text = render_assessment(loaded.assessment, loaded.framework, files=files, made_by=made_by)
        return Imported(
            loaded.assessment, loaded.framework, text, tuple(names), reading.problems.warnings
        )
    merged = merge_assessments(sources, assessor=assessor)
    text = render_assessment(merged.assessment, merged.framework, files=files, made_by=made_by)
    return Imported(
        merged.assessment, merged.framework, text, tuple(names), reading.problems.warnings
    )


def _read_file(
    path: Path, forms: FormsSettings, reading: Reading
) -> list[tuple[LoadedAssessment, Document]]:
    """The respondents of one file; `InputError` (without the file's name) when it cannot
    be read at all."""
    import zipfile
    import zlib

    from readiness.workbook import questionnaire as q
    from readiness.workbook.filled import read_questionnaire
    from readiness.workbook.forms import read_forms

    _check_file(path)
    if path.suffix.lower() == ".csv":
        return read_forms(path, None, forms, reading)
    book = open_workbook(path)
    try:
        if q.FORMAT_SHEET in book.sheetnames or q.INSTRUCTIONS in book.sheetnames:
            source = read_questionnaire(path, book, reading)
            return [source] if source else []
        return read_forms(path, book, forms, reading)
    # A sheet is read as it is walked: a damaged part shows only then.
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError, *_READING_ERRORS) as error:
        raise damaged_workbook(error) from None
    finally:
        book.close()


_READING_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)
"""What openpyxl raises for a value in a workbook's XML it cannot read (a cell reference such
as `1A`, a style number that is no number, a view state it does not know), and zipfile for a
part that is missing; besides zipfile's, zlib's and the XML parsers' own errors."""


def damaged_workbook(error: Exception) -> InputError:
    """The one-line error for a workbook whose parts cannot be read: a truncated or corrupt
    entry, XML cut short (the XML parsers' errors are SyntaxErrors), a value openpyxl refuses.
    The error itself is raised again when it comes from this package's own code: a bug."""
    import zipfile
    import zlib

    if not isinstance(error, zipfile.BadZipFile | zlib.error | EOFError | SyntaxError):
        frame = error.__traceback__
        while frame is not None and frame.tb_next is not None:
            frame = frame.tb_next
        module = frame.tb_frame.f_globals.get("__name__", "") if frame is not None else ""
        if not module.startswith(("openpyxl.", "zipfile", "xml.", "et_xmlfile")):
            raise error
    return InputError(f"not a readable xlsx workbook ({type(error).__name__})")


def _check_file(path: Path) -> None:
    allowed = "(allowed: a workbook (.xlsx) or a Forms export (.csv))"
    if path.is_dir():
        raise InputError(f"is a folder {allowed}")
    if path.exists() and not path.is_file():
        raise InputError(f"not a regular file (a pipe, socket or device) {allowed}")
    if not path.is_file():
        raise InputError("no such file")
    if path.stat().st_size > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InputError("not a workbook (.xlsx) or a Forms export (.xlsx, .csv)")


def open_workbook(path: Path) -> Any:
    """The workbook at `path`, read-only (each sheet is read as it is walked; close it when
    done), formulas kept as written; `InputError` (without the file's name) if it is not one."""
    import zipfile
    import zlib

    import_openpyxl()
    from openpyxl import load_workbook

    try:
        unpacked = unpacked_size(path)
        if unpacked > MAX_UNPACKED:
            raise InputError(
                f"unpacks to {unpacked // (1024 * 1024):,} MiB (allowed: at most "
                f"{MAX_UNPACKED // (1024 * 1024)} MiB; a questionnaire unpacks to under 1 MiB)"
            )
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except OSError as error:
        raise InputError(f"not a readable xlsx workbook ({type(error).__name__})") from None
    # A damaged part read on opening: the content types, the workbook, its relationships.
    except (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError, *_READING_ERRORS) as error:
        raise damaged_workbook(error) from None


def sheet_of(book: Any, name: str | None = None) -> Any:
    """A sheet of a workbook opened by `open_workbook` (the first when no name is given), read
    to its last row and column whatever size the file claims: some writers claim too small."""
    sheet = book[name] if name is not None else book.worksheets[0]
    sheet.reset_dimensions()
    return sheet


def rows_of(sheet: Any, **bounds: Any) -> Iterator[Any]:
    """The rows of a sheet from `sheet_of` (`bounds` as `iter_rows` takes them), one at a
    time; `InputError` (without the file's name) past `MAX_ROWS` rows."""
    for count, row in enumerate(sheet.iter_rows(**bounds), start=1):
        if count > MAX_ROWS:
            raise InputError(
                f"sheet '{sheet.title}' has more than {MAX_ROWS:,} rows (allowed: at most "
                f"{MAX_ROWS:,} a sheet)"
            )
        yield row
