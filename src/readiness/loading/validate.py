"""Validating paths: frameworks (folders) and assessments (files or client folders), every
problem of every file reported at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.errors import Issue, ReadinessError
from readiness.loading.assessment import load_assessment
from readiness.loading.discovery import Shelf
from readiness.loading.issues import ordered
from readiness.loading.reading import FRAMEWORK_FILE, INITIATIVES_FILE, RULES_FILE


@dataclass(frozen=True)
class Checked:
    """What `validate_paths` looked at and found."""

    files: tuple[str, ...]
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]


def _looks_like_framework(folder: Path) -> bool:
    if any((folder / name).is_file() for name in (FRAMEWORK_FILE, RULES_FILE, INITIATIVES_FILE)):
        return True
    for candidate in sorted(folder.glob("*.yaml"))[:3]:
        # Only peek at small regular files: a FIFO would block, an unreadable file is
        # reported when it is loaded as what it is.
        try:
            if not candidate.is_file() or candidate.stat().st_size >= 1 << 20:
                continue
            text = candidate.read_text("utf-8", errors="replace")
        except OSError:
            continue
        if any(line.startswith("questions:") for line in text.splitlines()):
            return True
    return False


def validate_paths(paths: Sequence[Path], *, frameworks: Sequence[Path] = ()) -> Checked:
    """Validate frameworks (folders or framework.yaml) and assessments (files or client folders).

    Never raises for a user's mistake: every problem of every path comes back in `errors`.
    Each framework is read once however many of the assessments name it.
    """
    shelf = Shelf()
    checked: list[str] = []
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for path in paths:
        if path.is_dir() and _looks_like_framework(path):
            targets: list[tuple[str, Path]] = [("framework", path)]
        elif path.name == FRAMEWORK_FILE and path.is_file():
            targets = [("framework", path.parent)]
        elif path.is_dir():
            # A link to nowhere (an editor's lock file) is no period: reports pass it over too.
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix in (".yaml", ".yml") and (p.exists() or not p.is_symlink())
            )
            if not files:
                errors.append(
                    Issue(
                        str(path),
                        0,
                        "",
                        "holds no framework.yaml and no assessment files",
                        allowed="a framework folder, an assessment file or a client folder",
                    )
                )
            targets = [("assessment", p) for p in files]
        else:
            targets = [("assessment", path)]
        for kind, target in targets:
            checked.append(str(target))
            try:
                if kind == "framework":
                    warnings.extend(shelf.load(target)[1])
                else:
                    loaded = load_assessment(target, frameworks=frameworks, shelf=shelf)
                    warnings.extend(loaded.warnings)
            except ReadinessError as error:
                errors.extend(error.issues or [Issue(str(target), 0, "", str(error))])
    return Checked(tuple(checked), tuple(ordered(errors)), tuple(ordered(warnings)))
