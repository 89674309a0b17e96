"""Finding frameworks: the folders searched for `<id>/framework.yaml`, the frameworks a
process has loaded, kept while their files are unchanged, and the frameworks a caller loads
beforehand and hands to each load (`Held`: a batch's, given to its jobs)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
        if (candidate / FRAMEWORK_FILE).is_file():
            return candidate
    return None


def framework_cache_key(folder: Path) -> tuple[str, tuple[tuple[str, int], ...]]:
    """The folder's real path, and the name and modification time of each YAML file in it."""
    # What `folder.glob("*.yaml")` finds, without its per-path overhead.
    entries: list[os.DirEntry[str]] = []
    if folder.is_dir():
        try:
            with os.scandir(folder) as found:
                entries = [entry for entry in found if entry.name.endswith(".yaml")]
        except PermissionError:
            pass
    stamps = tuple(sorted((entry.name, entry.stat().st_mtime_ns) for entry in entries))
    return os.path.realpath(folder), stamps


Found = tuple[Framework, tuple[Issue, ...]]
"""A loaded framework and its warnings."""

_FRAMEWORKS: dict[tuple[str, tuple[tuple[str, int], ...]], Found] = {}


def load_framework_cached(folder: Path) -> Found:
    """`load_framework`, remembered per folder while its files are unchanged."""
    key = framework_cache_key(folder)
    if key not in _FRAMEWORKS:
        warnings: list[Issue] = []
        framework = load_framework(folder, warnings=warnings)
        _FRAMEWORKS[key] = (framework, tuple(warnings))
    return _FRAMEWORKS[key]


Held = Mapping[tuple[str, Path], Found]
"""Frameworks a caller loaded beforehand (a batch, before its jobs start), by framework id and
the folder of the assessment naming it: given to `load_assessment`, they are neither searched
for nor read again."""


def find_framework_of(
    framework_id: str, path: Path, frameworks: Sequence[Path], held: Held | None = None
) -> Found | None:
    """The framework an assessment names, with its warnings; None when it is not found."""
    if held is not None and (framework_id, path.parent) in held:
        return held[(framework_id, path.parent)]
    folder = find_framework(framework_id, search_folders(path.parent, frameworks))
    if folder is None:
        return None
    return load_framework_cached(folder)


def hold_frameworks_of(paths: Iterable[Path], frameworks: Sequence[Path] = ()) -> Held:
    """The frameworks these assessment files name, each loaded once: what a batch loads before
    its jobs start and gives them. A file that cannot be read, or names no framework found, is
    left out: its job reports the problem."""
    from readiness.yamlfile import read_yaml

    held: dict[tuple[str, Path], Found] = {}
    for path in paths:
        try:
            named = read_yaml(path).data.get("framework")
        except (ReadinessError, OSError):
            continue
        if not isinstance(named, str):
            continue
        key = (named.split("@")[0], path.parent)
        if key not in held:
            try:
                found = find_framework_of(key[0], path, frameworks)
            except ReadinessError:  # an invalid framework: each job says why
                continue
            if found is not None:
                held[key] = found
    return held
