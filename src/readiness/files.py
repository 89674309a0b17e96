"""Output files: where a report goes, and writing any output so that nothing is lost (and
how much a zip input unpacks to, before it is read), a backup of a file about to be replaced
included.

A file is written to a temporary file in the target's folder and then published in one step:
without `force` by a hard link, which fails when the target exists (so two processes writing
the same file cannot both succeed, and neither replaces the other's file); with `force` by a
rename over the old file. Either way a reader sees the old file or the new one, never half of
one. The temporary file is named `.readiness-<pid>-<random>.part` (short, whatever the
target's name), and a temporary left by a process that no longer runs (killed outright) is
removed by the next write into that folder.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from readiness.errors import OutputError, OutputExistsError, UsageError

PART_PREFIX = ".readiness-"
PART_SUFFIX = ".part"
_PART_NAME = re.compile(r"^\.readiness-(\d+)-[A-Za-z0-9_]+\.part$")

# What the system says, in the words a user can act on.
_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOTDIR: "a folder on its path is a file",
    errno.EISDIR: "it is a folder; give a file name",
    errno.EEXIST: "a folder on its path is a file",
}


def output_error(path: Path, error: OSError) -> OutputError:
    """A one-line error for a file that could not be written, naming the file and why."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or str(error)).lower()
    return OutputError(f"{path}: cannot write: {reason}")


def system_error_line(error: OSError) -> str:
    """An error the system gave on a file, on one line: the file and the reason."""
    reason = _REASONS.get(error.errno or 0) or (error.strerror or type(error).__name__).lower()
    return f"{error.filename}: {reason}" if error.filename is not None else f"error: {reason}"


def write_text_atomic(
    path: Path, text: str | bytes, *, force: bool = False, mode: int | None = None
) -> None:
    """Write `text` to `path` in one step; never replace an existing file unless `force`.
    The file gets `mode` when given, else that of any new file (0666 less the umask).

    Raises `OutputExistsError` when the file exists (even if another process created it while
    this one was writing) and `OutputError` when the system refuses the write (no space, a
    read-only file system, no permission, a name too long, a folder in the way).
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.is_dir():
            raise OSError(errno.EISDIR, "Is a directory")
        if not force and path.exists():
            raise OutputExistsError(f"{path}: already exists; pass --force to replace it")
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path.parent)
        handle, name = tempfile.mkstemp(
            prefix=f"{PART_PREFIX}{os.getpid()}-", suffix=PART_SUFFIX, dir=path.parent
        )
    except OSError as error:
        raise output_error(path, error) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file private to its owner; an output gets the mode of any new
            # file instead (0666 less the umask): reports are meant to be shared.
            os.fchmod(stream.fileno(), 0o666 & ~_umask() if mode is None else mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            temporary.replace(path)
        else:
            _publish_new(temporary, path)
    except OSError as error:
        raise output_error(path, error) from None
    finally:
        temporary.unlink(missing_ok=True)


def back_up(path: Path, stamp: str) -> Path:
    """Copy `path` to `<name>.bak-<stamp>` beside it (`.bak-<stamp>-2`, `-3` ... when that
    name is taken) before the file is replaced; return the copy's path.

    The copy is written like every output, to a temporary file in the same folder published in
    one step, and never over an earlier backup: an interrupted run leaves no half-written
    backup, and a good one is never replaced. Raises `OutputError` when the file cannot be read
    or the copy cannot be written.
    """
    try:
        data = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)  # a private file's backup stays private
    except OSError as error:  # a folder where the file should be, no permission
        raise output_error(path, error) from None
    number = 1
    while True:
        backup = path.with_name(f"{path.name}.bak-{stamp}" + (f"-{number}" if number > 1 else ""))
        try:
            write_text_atomic(backup, data, mode=mode)
        except OutputExistsError:
            number += 1
            continue
        return backup


def _publish_new(temporary: Path, path: Path) -> None:
    """Give the finished temporary file the name `path`, failing if that name is taken."""
    try:
        os.link(temporary, path)
        return
    except FileExistsError:
        raise OutputExistsError(f"{path}: already exists; pass --force to replace it") from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
    # A file system without hard links: claim the name with an exclusive create (which fails
    # if it exists), then rename the finished file over the empty claim.
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise OutputExistsError(f"{path}: already exists; pass --force to replace it") from None
    temporary.replace(path)


def remove_stale_parts(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` left by processes that no longer run; return
    them. A temporary file of a running process (this one included) is left alone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PART_NAME.match(entry.name)
        if match is None or _is_running(int(match.group(1))):
            continue
        try:
            Path(entry.path).unlink()
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _is_running(pid: int) -> bool:
    # On Windows os.kill ends the process instead of probing it: never probe there.
    if pid == os.getpid() or os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process, or not a pid at all
        return True
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_output_folder(folder: Path) -> None:
    """Refuse a folder for outputs that is a file (`UsageError`), before any work starts."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"-o {folder}: is a file; with several reports, give a folder")
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"-o {folder}: {parent} is a file, not a folder")
            break


def unpacked_size(path: Path) -> int:
    """The bytes the parts of a zip file (a workbook, a presentation) unpack to, as the zip
    says, which reading a part never goes past: what a zip bomb is told by before it is read.
    Raises `zipfile.BadZipFile` or `OSError` for a file that is not a readable zip."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return sum(item.file_size for item in archive.infolist())


# --- names ------------------------------------------------------------------------------------


def report_path(
    assessment: Path,
    period: str,
    *,
    output: Path | None = None,
    html: bool = False,
    folder: Path | None = None,
) -> Path:
    """Where a report goes: `output`, else `<folder>/<client>-<period>.pdf` (folder `reports`
    unless given; client = the assessment's folder name as a slug); with `html`, the same name
    ending in .html."""
    if output is None:
        output = (folder or Path("reports")) / f"{report_stem(assessment, period)}.pdf"
    return output.with_suffix(".html") if html else output


def report_stem(assessment: Path, period: str) -> str:
    """`<client>-<period>`: the client is the assessment's folder name as a slug."""
    client = client_slug(assessment.resolve().parent)
    return "-".join(p for p in (client, period) if p)


def client_slug(folder: Path) -> str:
    """A client folder's name in lower case, runs of other characters as one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")


def check_report_target(target: Path, html: bool, inputs: Sequence[Path | None]) -> None:
    """Refuse an output that is not a report file or that would replace one of the inputs:
    even with --force, a PDF is never written over an assessment."""
    kind = "a HTML report" if html else "a PDF report"
    check_output_name(target, (".html",) if html else (".pdf",), kind, "report", inputs)


def check_output_name(
    target: Path,
    suffixes: Sequence[str],
    kind: str,
    owner: str,
    inputs: Sequence[Path | None] = (),
) -> None:
    """Refuse (`UsageError`), even with --force, an output whose name does not end in one of
    `suffixes` (`kind` says what is written: "a PDF report") or that is one of the `inputs`
    of the command (`owner`): no output replaces a file of another kind, such as an
    assessment, or a file the command reads."""
    if target.suffix.lower() not in suffixes:
        raise UsageError(
            f"-o {target}: {kind} must be written to a file ending in {' or '.join(suffixes)}"
        )
    resolved = target.resolve()
    for item in inputs:
        if item is not None and item.resolve() == resolved:
            raise UsageError(
                f"-o {target}: this is one of the {owner}'s inputs; choose another file"
            )


def refuse_clashing_targets(targets: Sequence[Path]) -> None:
    """Refuse targets that would overwrite each other's report: the same one twice, two files
    of one client with the same name, or a client folder (its latest period) next to a file of
    the same client."""
    given: dict[Path, Path] = {}
    folders: dict[str, Path] = {}
    files: dict[tuple[str, str], Path] = {}
    for target in targets:
        resolved = target.resolve()
        if resolved in given:
            raise UsageError(f"{target} is given twice")
        given[resolved] = target
        if target.is_dir():
            client = client_slug(resolved)
            other = folders.get(client) or next(
                (f for (c, _), f in files.items() if c == client), None
            )
            folders.setdefault(client, target)
        else:
            client = client_slug(resolved.parent)
            other = files.get((client, target.stem)) or folders.get(client)
            files.setdefault((client, target.stem), target)
        if other is not None:
            raise UsageError(
                f"{other} and {target} would write the same report; give them in separate "
                "runs with different -o folders"
            )
