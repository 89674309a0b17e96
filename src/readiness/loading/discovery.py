"""Finding frameworks: the folders searched for `<id>/framework.yaml`, and the frameworks a
caller has loaded (its `Shelf`), kept while their files are unchanged and given to each load."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from readiness.errors import Issue, ReadinessError
from readiness.loading.framework import load_framework
from readiness.loading.reading import FRAMEWORK_FILE
from readiness.model import (
    Framework,
)

SEARCH_ENV = "READINESS_PATH"


def framework_search_path(near: Path | None = None, extra: Sequence[Path] = ()) -> list[Path]:
    """Folders searched for `<framework-id>/framework.yaml`, in order.

    `extra` folders first, then `$READINESS_PATH`, then every `questionnaires/` folder from the
    assessment's folder up to the root, then `./questionnaires`, then the frameworks shipped
    inside the package.
    """
    return list(search_folders(near, extra))


_SHIPPED = Path(__file__).parent.parent / "questionnaires"
# A source checkout installed in editable mode keeps the shipped frameworks at the root.
_CHECKOUT = Path(__file__).resolve().parents[3] / "questionnaires"


def search_folders(near: Path | None, extra: Sequence[Path]) -> Iterator[Path]:
    """The folders of `framework_search_path`, one at a time: a search that ends in an early
    folder does not resolve the assessment's folder nor the ones after it."""
    seen: set[Path] = set()

    def fresh(folders: Iterable[Path]) -> Iterator[Path]:
        for folder in folders:
            if folder not in seen:
                seen.add(folder)
                yield folder

    yield from fresh(extra)
    env = os.environ.get(SEARCH_ENV, "")
    yield from fresh(Path(p) for p in env.split(os.pathsep) if p)
    if near is not None:
        resolved = near.resolve()
        yield from fresh(parent / "questionnaires" for parent in [resolved, *resolved.parents])
    try:
        here = [Path.cwd() / "questionnaires"]
    except OSError:  # the working folder was deleted: there is no `./questionnaires`
        here = []
    yield from fresh([*here, _SHIPPED, _CHECKOUT])


def find_framework(framework_id: str, search: Iterable[Path]) -> Path | None:
    """The first folder `<search>/<framework_id>` holding a framework.yaml, if any."""
    for folder in search:
        candidate = folder / framework_id
        try:
            if (candidate / FRAMEWORK_FILE).is_file():
                return candidate
        except OSError:  # an id too long for a file name names no folder
            continue
    return None


Stamps = tuple[tuple[str, int], ...]
"""The name and modification time (ns) of each YAML file of a framework folder, sorted."""


Identity = tuple[int, int]
"""A folder's device and inode: the same folder whatever path (or symbolic link) leads to it."""


def framework_stamps(folder: Path) -> tuple[Identity, Stamps]:
    """The folder's identity, and the name and modification time of each YAML file in it; a
    folder that is missing or cannot be listed has no files."""
    # What `folder.glob("*.yaml")` finds, without its per-path overhead; the folder's own
    # status names it for less than resolving its real path, one link at a time, would.
    try:
        status = folder.stat()
    except OSError:  # missing: loading it says so, and keeps nothing
        return (-1, -1), ()
    entries: list[os.DirEntry[str]] = []
    try:
        with os.scandir(folder) as found:
            entries = [entry for entry in found if entry.name.endswith(".yaml")]
    except OSError:  # not a folder, or not readable
        pass
    stamps = tuple(sorted((entry.name, _modified(entry)) for entry in entries))
    return (status.st_dev, status.st_ino), stamps


def _modified(entry: os.DirEntry[str]) -> int:
    """When a file was last changed; -1 for a link to nowhere (an editor's lock file), or in a
    loop, which loading the framework reports if it is one of its files."""
    try:
        return entry.stat().st_mtime_ns
    except OSError:
        return -1


Found = tuple[Framework, tuple[Issue, ...]]
"""A loaded framework and its warnings."""


class Shelf:
    """The frameworks a caller has loaded, each kept while the YAML files of its folder are
    unchanged (the same names and modification times); an edited framework is read again.

    Held by whoever needs frameworks more than once and given to each load: a use case keeps
    one for the length of its call (a report reads its framework once for every period), a
    batch fills one before its jobs start (`stock`), the workshop server keeps one for as long
    as it runs.

    A `settled` shelf finds and checks each framework once, the first time an assessment
    names it from a folder, and then gives it again without looking at the disk: what a batch
    holds, so that all its assessments are read against the frameworks as they were when it
    started. A framework edited while such a batch runs (or a folder added on the search
    path) is seen by the next batch, not by this one.
    """

    def __init__(self, *, settled: bool = False) -> None:
        self.settled = settled
        self._loaded: dict[Identity, tuple[Stamps, Found]] = {}
        self._found: dict[tuple[str, Path, tuple[Path, ...]], Found | None] = {}
        """What a settled shelf found: by framework id, folder named from and search folders."""

    def find(self, framework_id: str, near: Path, frameworks: Sequence[Path]) -> Found | None:
        """`find_framework_of` for an assessment in folder `near`, the framework kept on this
        shelf; a settled shelf answers a question it was asked before from memory."""
        key = (framework_id, near, tuple(frameworks))
        if self.settled and key in self._found:
            return self._found[key]
        folder = find_framework(framework_id, search_folders(near, frameworks))
        found = None if folder is None else self.load(folder)
        if self.settled:
            self._found[key] = found
        return found

    def load(self, folder: Path) -> Found:
        """The framework in `folder` with its warnings, read only when not kept or changed."""
        identity, stamps = framework_stamps(folder)
        kept = self._loaded.get(identity)
        if kept is not None and kept[0] == stamps:
            return kept[1]
        warnings: list[Issue] = []
        found = (load_framework(folder, warnings=warnings), tuple(warnings))
        self._loaded[identity] = (stamps, found)
        return found

    def stock(self, paths: Iterable[Path], frameworks: Sequence[Path] = ()) -> None:
        """Load the frameworks these assessment files name: what a batch does before its jobs
        start, so that every worker starts with them. A file that cannot be read, or names no
        framework found or a framework that is invalid, is passed over: its job says why."""
        from readiness.yamlfile import read_yaml

        for path in paths:
            try:
                named = read_yaml(path).data.get("framework")
                if isinstance(named, str):
                    find_framework_of(named.split("@")[0], path, frameworks, self)
            except (ReadinessError, OSError):
                continue


def find_framework_of(
    framework_id: str, path: Path, frameworks: Sequence[Path], shelf: Shelf | None = None
) -> Found | None:
    """The framework an assessment names, with its warnings (taken from `shelf` when it keeps
    it, else read and kept there; see `Shelf.settled`); None when it is not found."""
    return (shelf or Shelf()).find(framework_id, path.parent, frameworks)


def latest_assessment(client_dir: Path) -> dict[str, object]:
    """The data of a client folder's latest assessment that names its organization (files
    that cannot be read are passed over); empty when there is none, or no such folder."""
    from readiness.yamlfile import read_yaml

    files = sorted(client_dir.glob("*.yaml")) if client_dir.is_dir() else []
    for file in reversed(files):
        try:
            data = read_yaml(file).data
        except ReadinessError:
            continue
        organization = data.get("organization") if isinstance(data, dict) else None
        if isinstance(organization, dict) and isinstance(organization.get("name"), str):
            return dict(data)
    return {}
