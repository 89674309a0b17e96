"""Workshop merge: separate per-respondent assessments combined into one workshop assessment.

Each input is an ordinary assessment filled in by one person. Who that person is comes from
the file itself or its name:
- a `respondents:` list with exactly one entry gives the id, role, name and weights;
- without `respondents:`, the id is the file name stem (`cdo.yaml` -> `cdo`) and so is the
  role (declare the respondent in the file to give a readable role).

Every answer becomes that person's vote (a level is their vote, `n/a` an n/a vote; a vote they
cast under their own id is taken as it is), their `note`/`notes` become their note, and their
evidence and confidence are kept in that note, so nothing anyone wrote is lost.

The files must agree on the organization, the framework and the period, and on `capacity`,
`vote_aggregate`, `dispute_threshold` and initiative statuses where more than one sets them;
each disagreement is one error line naming both files. The merged date is the latest date.

The result carries the merged assessment's YAML text (see `readiness.merge.render`); the caller
writes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readiness.checks import BELOW_COVERAGE
from readiness.errors import Issue, UsageError, ValidationError
from readiness.load import LoadedAssessment, Shelf, load_assessment
from readiness.merge.render import render_assessment, yaml_number
from readiness.model import NA, Answer, Assessment, Framework, Respondent
from readiness.yamlfile import Document, PathKey, read_yaml

MAX_ASSESSOR = 200


@dataclass(frozen=True)
class Merged:
    """The outcome of a merge: the workshop assessment and its YAML text."""

    assessment: Assessment
    framework: Framework
    text: str
    files: tuple[str, ...]
    warnings: tuple[Issue, ...]

    @property
    def votes(self) -> int:
        """How many votes the workshop assessment holds."""
        return sum(len(a.votes) for a in self.assessment.answers.values())


@dataclass(frozen=True)
class _Source:
    """One respondent file, loaded, with the respondent it speaks for."""

    loaded: LoadedAssessment
    doc: Document
    respondent: Respondent

    @property
    def file(self) -> str:
        return self.loaded.file

    def where(self, path: PathKey) -> str:
        line = self.doc.line_of(path)
        return f"{self.file}:{line}" if line else self.file


def merge_files(
    paths: Sequence[Path], *, frameworks: Sequence[Path] = (), assessor: str | None = None
) -> Merged:
    """Merge per-respondent assessment files into one workshop assessment.

    Raises `ValidationError` for an invalid input file or for files that disagree (every
    problem at once), `UsageError` when fewer than two files are given or one is given twice.
    """
    if len(paths) < 2:
        raise UsageError("merge needs at least two respondent files")
    seen: dict[Path, Path] = {}
    for path in paths:
        key = path.resolve()
        if key in seen:
            raise UsageError(f"{path}: given twice")
        seen[key] = path
    shelf = Shelf()  # every respondent's file names the same framework: read it once
    loaded = [
        (load_assessment(path, frameworks=frameworks, shelf=shelf), read_yaml(path))
        for path in paths
    ]
    return merge_assessments(loaded, assessor=assessor)


def merge_assessments(
    inputs: Sequence[tuple[LoadedAssessment, Document]], *, assessor: str | None = None
) -> Merged:
    """Merge loaded per-respondent assessments, each with the document its messages point into
    (a document with no lines for one read from elsewhere, such as a workbook).

    The checks and the output of `merge_files`; raises `ValidationError` for a file without a
    respondent or for files that disagree.
    """
    sources: list[_Source] = []
    issues: list[Issue] = []
    for loaded, doc in inputs:
        respondent = _respondent(Path(loaded.file), loaded, doc, issues)
        if respondent is not None:
            sources.append(_Source(loaded, doc, respondent))
    if issues:
        raise ValidationError(issues[0].format(), issues)
    issues.extend(_conflicts(sources))
    if issues:
        raise ValidationError(issues[0].format(), issues)
    assessment = _combine(sources, assessor)
    framework = sources[0].loaded.framework
    whose = [(Path(s.file).name, f"{s.respondent.id} ({s.respondent.role})") for s in sources]
    text = render_assessment(assessment, framework, files=whose)
    # One person's file answers part of the questions; coverage counts once merged.
    warnings = tuple(
        w for s in sources for w in s.loaded.warnings if BELOW_COVERAGE not in w.message
    )
    return Merged(assessment, framework, text, tuple(s.file for s in sources), warnings)


def _respondent(
    path: Path, loaded: LoadedAssessment, doc: Document, issues: list[Issue]
) -> Respondent | None:
    """The one respondent a file speaks for: its single `respondents:` entry, or its stem."""
    declared = loaded.assessment.respondents
    if len(declared) == 1:
        return declared[0]
    if declared:
        issues.append(
            Issue(
                loaded.file,
                doc.line_of(("respondents",)),
                "respondents",
                f"declares {len(declared)} respondents; a respondent file speaks for one person",
                allowed="one entry under `respondents:`, or none (the file name is the id)",
            )
        )
        return None
    try:
        return Respondent(id=path.stem, role=path.stem)
    except ValueError:
        issues.append(
            Issue(
                loaded.file,
                0,
                "",
                "the file name is not a respondent id and the file declares no respondent",
                got=repr(path.stem),
                allowed="a name like cdo.yaml (lower-case letters, digits, '-', '_'), or "
                "`respondents: [{id: cdo, role: Chief Data Officer}]` in the file",
            )
        )
        return None


def _conflicts(sources: Sequence[_Source]) -> list[Issue]:
    """One issue per disagreement between a file and the first file that set the same thing."""
    issues: list[Issue] = []

    def compare(path: PathKey, label: str, value_of: Any, *, optional: bool = False) -> None:
        first: _Source | None = None
        for source in sources:
            value = value_of(source)
            if optional and value is None:
                continue
            if first is None:
                first = source
                continue
            expected = value_of(first)
            if value != expected:
                issues.append(
                    Issue(
                        source.file,
                        source.doc.line_of(path),
                        label,
                        f"{_show(value)} here, but {_show(expected)} in {first.where(path)}; "
                        "every respondent file must agree",
                    )
                )

    compare(("framework",), "framework", lambda s: s.loaded.assessment.framework_id)
    compare(
        ("framework",),
        "framework version",
        lambda s: s.loaded.assessment.framework_version,
        optional=True,
    )
    for field in ("name", "industry", "size", "unit", "unit_short"):
        compare(
            ("organization", field),
            f"organization.{field}",
            lambda s, f=field: getattr(s.loaded.assessment.organization, f),
        )
    compare(("period",), "period", lambda s: s.loaded.assessment.period)
    for field in ("capacity", "vote_aggregate", "dispute_threshold"):
        compare((field,), field, lambda s, f=field: _set(s.loaded.assessment, f), optional=True)
    initiative_ids = sorted({i for s in sources for i in s.loaded.assessment.initiatives})
    for initiative_id in initiative_ids:
        compare(
            ("initiatives", initiative_id),
            f"initiatives.{initiative_id}",
            lambda s, i=initiative_id: s.loaded.assessment.initiatives.get(i),
            optional=True,
        )
    owners: dict[str, _Source] = {}
    for source in sources:
        other = owners.setdefault(source.respondent.id, source)
        if other is not source:
            issues.append(
                Issue(
                    source.file,
                    source.doc.line_of(("respondents",)),
                    "respondent",
                    f"'{source.respondent.id}' also answers in {other.file}; each respondent "
                    "answers in one file",
                )
            )
    return issues


def _set(assessment: Assessment, field: str) -> Any:
    """A field's value where the file sets it, else None."""
    return getattr(assessment, field) if field in assessment.model_fields_set else None


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, float):
        return str(yaml_number(value))
    return f"'{value}'" if isinstance(value, str) else str(value)


def _combine(sources: Sequence[_Source], assessor: str | None) -> Assessment:
    """The workshop assessment: shared metadata, every vote and note by its author."""
    first = sources[0].loaded.assessment
    versions = [s.loaded.assessment.framework for s in sources]
    framework = next((v for v in versions if "@" in v), versions[0])
    assessors = list(dict.fromkeys(s.loaded.assessment.assessor for s in sources))
    if assessor is None:
        assessor = ", ".join(assessors)
        if len(assessor) > MAX_ASSESSOR:
            assessor = assessors[0]
    answers: dict[str, dict[str, Any]] = {}
    for key in sources[0].loaded.framework.questions():
        votes: dict[str, float | str] = {}
        notes: dict[str, str] = {}
        for source in sources:
            answer = source.loaded.assessment.answers.get(key)
            if answer is None:
                continue
            who = source.respondent.id
            vote = _vote(answer, who)
            votes[who] = NA if vote is None else vote
            note = _note(answer, who)
            if note:
                notes[who] = note
        if votes:
            answers[key] = {"votes": votes, **({"notes": notes} if notes else {})}
    statuses: dict[str, str] = {}
    for source in sources:
        statuses.update(source.loaded.assessment.initiatives)
    settings: dict[str, Any] = {}
    for field in ("capacity", "vote_aggregate", "dispute_threshold"):
        value = next(
            (_set(s.loaded.assessment, field) for s in sources if _set(s.loaded.assessment, field)),
            None,
        )
        if value is not None:
            settings[field] = value
    catalogue = [i.id for i in sources[0].loaded.framework.initiatives]
    return Assessment.model_validate(
        {
            "framework": framework,
            "organization": first.organization.model_dump(exclude_none=True),
            "period": first.period,
            "date": max(s.loaded.assessment.date for s in sources),
            "assessor": assessor,
            **settings,
            "respondents": [s.respondent.model_dump(exclude_defaults=True) for s in sources],
            "answers": answers,
            "initiatives": {
                i: statuses[i] for i in sorted(statuses, key=lambda i: (catalogue.index(i), i))
            },
        }
    )


def _vote(answer: Answer, who: str) -> float | None:
    """A respondent's vote from their own answer: their own vote, else their level or n/a."""
    if who in answer.votes:
        return answer.votes[who]
    return answer.level


def _note(answer: Answer, who: str) -> str | None:
    """Everything a respondent wrote about one answer, in one note."""
    parts = [text for text in (answer.notes.get(who), answer.note) if text]
    if answer.evidence:
        parts.append(f"Evidence: {answer.evidence}")
    if answer.confidence:
        parts.append(f"Confidence: {answer.confidence}.")
    if len(parts) < 2:
        return parts[0] if parts else None
    return " ".join(_sentence(p) for p in parts)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ":")) else text + "."
