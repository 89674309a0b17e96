"""Loading an assessment: the file read, the framework it names found and loaded, and every
check that needs both."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pydantic

from readiness.checks import assessment_warnings
from readiness.errors import FrameworkNotFoundError, Issue
from readiness.index import derived, framework_index
from readiness.loading.discovery import Shelf, find_framework_of, framework_search_path
from readiness.loading.issues import Collector, choices, duplicates, ordered, show, suggest
from readiness.loading.reading import INITIATIVES_FILE, parse_model, read_document
from readiness.model import (
    Answer,
    Assessment,
    Framework,
    Question,
    Respondent,
    Scale,
    format_number,
)
from readiness.planning_checks import check_assessment_plan
from readiness.yamlfile import Document, PathKey

SUGGESTED = 50
"""Unknown questions that get a did-you-mean, in the order of the file: as many as the command
line shows of a file's problems. Each compares the key with every question, and a file of
thousands of misspelt answers would take most of a minute on suggestions nobody reads."""


@dataclass(frozen=True)
class LoadedAssessment:
    """An assessment with the framework it was checked against."""

    assessment: Assessment
    framework: Framework
    file: str
    warnings: tuple[Issue, ...] = ()


def load_assessment(
    path: Path,
    *,
    frameworks: Sequence[Path] = (),
    framework: Framework | None = None,
    shelf: Shelf | None = None,
) -> LoadedAssessment:
    """Load an assessment and the framework it names, and cross-check them.

    The framework is `framework` when given, else the one found on the search path, taken
    from `shelf` when it keeps it unchanged (and kept there once read).

    Raises `ValidationError` listing every problem of the assessment (or of its framework).
    """
    collector = Collector()
    doc = read_document(path, collector)
    if doc is None:
        collector.stop_if_errors(f"{path}: cannot be read")
        raise AssertionError("unreachable")
    assessment = parse_model(doc, Assessment, collector)
    framework_id = str(doc.data.get("framework", "")).split("@")[0]
    framework_warnings: tuple[Issue, ...] = ()
    # A reference the model refused (`../x`, an invisible mark in it) is not looked for: its
    # own issue says what is wrong, and it may not name a folder outside the search path.
    refused = any(issue.path == "framework" for issue in collector.issues)
    if framework is None and framework_id and not refused:
        found = find_framework_of(framework_id, path, frameworks, shelf)
        if found is None:
            search = framework_search_path(path.parent, frameworks)
            collector.add(
                doc,
                ("framework",),
                f"framework '{framework_id}' not found",
                allowed="a folder <id>/framework.yaml under "
                + ", ".join(str(p) for p in search[:4])
                + " ...; set READINESS_PATH "
                "or pass --frameworks",
            )
            errors = ordered(collector.errors)
            raise FrameworkNotFoundError(errors[0].format(), errors)
        framework, framework_warnings = found
    if framework is not None:
        parts = (
            read_parts(doc.data)
            if assessment is None
            else Parts(
                assessment.framework,
                dict(assessment.answers),
                list(assessment.respondents),
                list(assessment.initiatives),
            )
        )
        check_assessment(parts, framework, doc, collector)
        if assessment is not None:
            collector.extend(check_assessment_plan(assessment, framework, doc))
    collector.stop_if_errors(f"{doc.file}: the assessment is not valid")
    if assessment is None or framework is None:
        raise AssertionError("unreachable: a failed parse always records an issue")
    collector.extend(assessment_warnings(assessment, framework, doc))
    return LoadedAssessment(
        assessment, framework, doc.file, tuple(ordered([*framework_warnings, *collector.warnings]))
    )


@dataclass(frozen=True)
class Parts:
    """What could be read of an assessment, even when other parts of it are invalid."""

    framework: str
    answers: dict[str, Answer]
    respondents: list[Respondent]
    initiatives: list[str]


def read_parts(data: Mapping[str, Any]) -> Parts:
    """Parse answers and respondents one by one, so that cross-checks run on every part that
    is valid even when another part is not (each invalid part is reported by the model).
    Only needed when the assessment as a whole did not validate."""
    answers: dict[str, Answer] = {}
    raw_answers = data.get("answers")
    if isinstance(raw_answers, dict):
        for key, value in raw_answers.items():
            try:
                answers[str(key)] = Answer.model_validate(value)
            except pydantic.ValidationError:
                continue
    respondents: list[Respondent] = []
    raw_respondents = data.get("respondents")
    if isinstance(raw_respondents, list):
        for value in raw_respondents:
            try:
                respondents.append(Respondent.model_validate(value))
            except pydantic.ValidationError:
                continue
    raw_initiatives = data.get("initiatives")
    initiatives = [str(k) for k in raw_initiatives] if isinstance(raw_initiatives, dict) else []
    return Parts(str(data.get("framework", "")), answers, respondents, initiatives)


@dataclass(frozen=True)
class _Reference:
    """What checking an assessment looks up in its framework, gathered once per framework."""

    framework: Framework
    questions: Mapping[str, Question]
    initiatives: frozenset[str]
    scale: Scale
    points: frozenset[float]
    points_text: str

    def on_scale(self, value: float) -> bool:
        """`Scale.is_point`, answered without a search for a value that is a point exactly."""
        return value in self.points or self.scale.is_point(value)


@derived
def _reference(framework: Framework) -> _Reference:
    """What checking an assessment looks up in its framework, from its index (worked out once
    per framework)."""
    index = framework_index(framework)
    return _Reference(
        framework,
        index.questions,
        frozenset(index.initiatives),
        framework.manifest.scale,
        frozenset(index.points),
        ", ".join(format_number(p) for p in index.points),
    )


def check_assessment(parts: Parts, framework: Framework, doc: Document, c: Collector) -> None:
    """Every check that needs both the assessment and its framework."""
    manifest = framework.manifest
    framework_id, _, version = parts.framework.partition("@")
    if framework_id != manifest.id:
        c.add(
            doc,
            ("framework",),
            "the assessment names another framework",
            got=show(framework_id),
            allowed=manifest.id,
        )
    if version and version != manifest.version:
        same_major = version.split(".")[0] == manifest.version.split(".")[0]
        c.add(
            doc,
            ("framework",),
            f"written for version {version}, but the framework in "
            f"{framework.folder} is version {manifest.version}"
            + ("; answers are read against the newer questions" if same_major else ""),
            allowed=f"{manifest.id}@{manifest.version}",
            warning=same_major,
        )
    reference = _reference(framework)
    questions = reference.questions
    points = reference.points_text
    respondents = [r.id for r in parts.respondents]
    duplicates(doc, "respondents", respondents, "id", c)
    for index, respondent in enumerate(parts.respondents):
        for dimension_id in respondent.weights:
            if dimension_id not in manifest.dimensions:
                c.add(
                    doc,
                    ("respondents", index, "weights", dimension_id),
                    "unknown dimension",
                    allowed=choices(manifest.dimensions),
                )
        if respondent.weight_reason and all(w == 1 for w in respondent.weights.values()):
            c.add(
                doc,
                ("respondents", index, "weight_reason"),
                "a reason for a weight, but this respondent's votes count once on every dimension",
                allowed="weights: {<dimension>: <number other than 1>} beside the reason, "
                "or no weight_reason",
            )
    unknown = 0
    for key, answer in parts.answers.items():
        at: PathKey = ("answers", key)
        question = questions.get(key)
        if question is None:
            unknown += 1
            suggestion = suggest(key, questions) if unknown <= SUGGESTED else None
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                at,
                f"unknown question{hint}",
                allowed="<dimension>.<question> from the framework; `readiness init` lists "
                "them all",
            )
            continue
        level = answer.level
        if level is not None and not reference.on_scale(level):
            c.add(
                doc,
                at,
                "level is not on the scale",
                got=format_number(level),
                allowed=points + (", n/a" if question.allow_na else ""),
            )
        if answer.na and not question.allow_na:
            c.add(doc, at, "n/a is not allowed for this question", got="n/a", allowed=points)
        for voter, vote in answer.votes.items():
            if voter not in respondents:
                suggestion = suggest(voter, respondents)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    (*at, "votes", voter),
                    f"vote from an undeclared respondent{hint}",
                    allowed=choices(respondents)
                    if respondents
                    else "declare respondents under `respondents:` first",
                )
            elif vote is None and not question.allow_na:
                c.add(
                    doc,
                    (*at, "votes", voter),
                    "n/a is not allowed for this question",
                    got="n/a",
                    allowed=points,
                )
            elif vote is not None and not reference.on_scale(vote):
                c.add(
                    doc,
                    (*at, "votes", voter),
                    "vote is not on the scale",
                    got=format_number(vote),
                    allowed=points,
                )
        for author in answer.notes:
            if author not in respondents:
                c.add(
                    doc,
                    (*at, "notes", author),
                    "note from an undeclared respondent",
                    allowed=choices(respondents) if respondents else "declare respondents",
                )
    known = reference.initiatives
    for initiative_id in parts.initiatives:
        if initiative_id not in known:
            suggestion = suggest(initiative_id, known)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                ("initiatives", initiative_id),
                f"unknown initiative{hint}",
                allowed=f"an id from the framework's {INITIATIVES_FILE}",
            )
