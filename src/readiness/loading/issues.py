"""Collecting the problems of a load: every issue with its file and line, errors and warnings
apart, ordered for display, and the helpers that word them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from readiness.errors import Issue, ValidationError
from readiness.yamlfile import Document, PathKey, format_path


@dataclass
class Collector:
    """Gathers issues from every file before the load decides to stop."""

    issues: list[Issue] = field(default_factory=list)

    def add(
        self,
        doc: Document | str,
        path: PathKey,
        message: str,
        *,
        got: Any = None,
        allowed: str | None = None,
        warning: bool = False,
        line: int | None = None,
    ) -> None:
        if isinstance(doc, Document):
            file, where = doc.file, doc.line_of(path) if line is None else line
        else:
            file, where = doc, line or 0
        self.issues.append(
            Issue(
                file,
                where,
                format_path(path),
                message,
                got=got if got is None or isinstance(got, str) else show(got),
                allowed=allowed,
                warning=warning,
            )
        )

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if not i.warning]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.warning]

    def stop_if_errors(self, summary: str) -> None:
        if self.errors:
            raise ValidationError(summary, ordered(self.errors))


def ordered(issues: Iterable[Issue]) -> list[Issue]:
    seen: set[Issue] = set()
    unique = []
    for issue in issues:
        if issue not in seen:
            seen.add(issue)
            unique.append(issue)
    return sorted(unique, key=lambda i: (i.file, i.line, i.path, i.message))


def show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, date):  # as written in the file, not as Python shows it
        return value.isoformat()
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def suggest(word: str, choices: Iterable[str]) -> str | None:
    import difflib  # only when something is misspelt

    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def choices(choices: Iterable[str], limit: int = 8) -> str:
    items = sorted(set(choices))  # a list with an id twice (itself an error) names it once
    text = ", ".join(items[:limit])
    return text + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def duplicates(
    doc: Document,
    key: str,
    ids: list[str],
    field_name: str | None,
    c: Collector,
    prefix: PathKey = (),
) -> None:
    first: dict[str, int] = {}
    for index, item_id in enumerate(ids):
        path: PathKey = (*prefix, key, index) + ((field_name,) if field_name else ())
        if item_id in first:
            earlier = doc.line_of((*prefix, key, first[item_id]))
            c.add(
                doc,
                path,
                f"duplicate id '{item_id}' (first used on line {earlier})",
                allowed="each id once",
            )
        else:
            first[item_id] = index
