"""Loading a framework folder: its files read, each model checked on its own and the whole
assembled; the checks across files are in `readiness.loading.framework_checks`."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

import pydantic

from readiness.conditions import DIMENSION_FACTS
from readiness.errors import Issue, ValidationError
from readiness.index import framework_index
from readiness.loading.framework_checks import (
    check_conditions,
    check_initiatives,
    check_questions_used,
    check_reachable,
    check_rules,
)
from readiness.loading.issues import Collector, choices, duplicates, ordered, show, suggest
from readiness.loading.reading import (
    FRAMEWORK_FILE,
    INITIATIVES_FILE,
    RULES_FILE,
    parse_model,
    read_document,
)
from readiness.model import (
    Catalogue,
    Dimension,
    Framework,
    Manifest,
    Question,
    RuleSet,
    format_number,
)
from readiness.planning_checks import check_framework_plan
from readiness.yamlfile import Document, PathKey


def load_framework(folder: Path, *, warnings: list[Issue] | None = None) -> Framework:
    """Load and cross-check a framework folder. Raises `ValidationError` listing every problem.

    Warnings (unreachable initiatives, questions no rule reads) are appended to `warnings`.
    """
    collector = Collector()
    manifest_path = folder / FRAMEWORK_FILE
    if not folder.is_dir():
        raise ValidationError(
            f"{folder}: not a framework folder",
            [
                Issue(
                    str(folder),
                    0,
                    "",
                    "not a framework folder",
                    allowed=f"a folder holding {FRAMEWORK_FILE}",
                )
            ],
        )
    manifest_doc = read_document(manifest_path, collector)
    if manifest_doc:
        manifest_doc = _without_retired_keys(manifest_doc, collector)
    manifest = parse_model(manifest_doc, Manifest, collector) if manifest_doc else None

    dimension_docs: dict[str, Document] = {}
    dimensions: list[Dimension] = []
    if manifest and manifest_doc:
        _check_manifest(manifest, manifest_doc, collector)
        for index, dimension_id in enumerate(manifest.dimensions):
            path = folder / f"{dimension_id}.yaml"
            if not path.exists():
                collector.add(
                    manifest_doc,
                    ("dimensions", index),
                    f"dimension '{dimension_id}' has no questionnaire file",
                    allowed=f"a file {path}",
                )
                continue
            doc = read_document(path, collector)
            dimension = parse_model(doc, Dimension, collector) if doc else None
            if doc:
                _check_dimension(manifest, doc, dimension, collector)
            if doc and dimension:
                if dimension.id != dimension_id:
                    collector.add(
                        doc,
                        ("id",),
                        "dimension id differs from its file name",
                        got=show(dimension.id),
                        allowed=dimension_id,
                    )
                    continue  # the framework cannot be built: the checks below stop it
                dimension_docs[dimension_id] = doc
                dimensions.append(dimension)

    # A file that exists but cannot be read counts as invalid, not as absent: checking the rules
    # against an empty catalogue would bury the real problem under "unknown initiative" lines.
    rules_exists = (folder / RULES_FILE).exists()
    rules_doc = read_document(folder / RULES_FILE, collector) if rules_exists else None
    rules = parse_model(rules_doc, RuleSet, collector) if rules_doc else None
    if rules is None and not rules_exists:
        rules = RuleSet()
    catalogue_path = folder / INITIATIVES_FILE
    catalogue_exists = catalogue_path.exists()
    catalogue_doc = read_document(catalogue_path, collector) if catalogue_exists else None
    catalogue = parse_model(catalogue_doc, Catalogue, collector) if catalogue_doc else None
    if catalogue is None and not catalogue_exists:
        catalogue = Catalogue()

    if (
        manifest is None
        or manifest_doc is None
        or rules is None
        or catalogue is None
        or len(dimensions) != len(manifest.dimensions)
    ):
        collector.stop_if_errors(f"{folder}: the framework is not valid")
        raise AssertionError("unreachable: a failed parse always records an issue")

    origins = _origins(
        manifest,
        manifest_doc,
        dimension_docs,
        rules_doc,
        catalogue_doc,
        dimensions,
        rules,
        catalogue,
    )
    framework = Framework(
        manifest=manifest,
        dimensions=tuple(dimensions),
        rules=tuple(rules.rules),
        initiatives=tuple(catalogue.initiatives),
        folder=str(folder),
        origins=origins,
    )
    framework_index(framework)  # built once here; the framework carries it to every stage
    check_conditions(framework, manifest_doc, rules_doc, catalogue_doc, collector)
    if rules_doc:
        check_rules(framework, rules_doc, collector)
    if catalogue_doc:
        check_initiatives(framework, catalogue_doc, collector)
        check_reachable(framework, catalogue_doc, collector)
    if rules_doc:
        check_questions_used(framework, dimension_docs, collector)
    collector.extend(check_framework_plan(framework, manifest_doc, catalogue_doc))
    collector.stop_if_errors(f"{folder}: the framework is not valid")
    if warnings is not None:
        warnings.extend(ordered(collector.warnings))
    return framework


RETIRED_KEYS = {
    "stage_overlap_months": (
        "has no effect, the key is ignored: a wave's work starts as soon as its prerequisites "
        "have ended and the team's capacity allows, not at a fixed overlap"
    ),
    "capacity": (
        "has no effect, the key is ignored: the plan fits work to the delivery team's FTE "
        "(`team_fte`, `size_bands`); a cap on initiatives at once is the assessment's "
        "`capacity` or `--capacity`"
    ),
}
"""Keys framework.yaml once had that no longer do anything: loaded with a warning saying why,
so a framework written for an earlier version still loads."""


def _without_retired_keys(doc: Document, c: Collector) -> Document:
    """The manifest without its retired keys, each one warned about where it is written."""
    retired = [key for key in RETIRED_KEYS if key in doc.data]
    for key in retired:
        c.add(doc, (key,), RETIRED_KEYS[key], allowed="remove the key", warning=True)
    if not retired:
        return doc
    kept = {key: value for key, value in doc.data.items() if key not in RETIRED_KEYS}
    return dataclasses.replace(doc, data=kept)


def _check_manifest(manifest: Manifest, doc: Document, c: Collector) -> None:
    duplicates(doc, "dimensions", list(manifest.dimensions), None, c)
    duplicates(doc, "stages", [s.id for s in manifest.stages], "id", c)
    for index, stage in enumerate(manifest.stages):
        if index == 0 and stage.gate:
            c.add(
                doc,
                ("stages", 0, "gate"),
                "the first stage is where every organization starts and cannot have a gate",
                allowed="no gate on the first stage",
            )
        if index > 0 and not stage.gate:
            c.add(
                doc,
                ("stages", index),
                f"stage '{stage.id}' has no gate",
                allowed="a gate condition on every stage after the first",
            )
    for theme_id, theme in manifest.themes.items():
        if theme.dimension not in manifest.dimensions:
            c.add(
                doc,
                ("themes", theme_id, "dimension"),
                "unknown dimension",
                got=show(theme.dimension),
                allowed=choices(manifest.dimensions),
            )


RESERVED = frozenset(DIMENSION_FACTS)


def _parsed_questions(doc: Document, dimension: Dimension | None) -> list[tuple[int, Question]]:
    """The questions of a dimension file that are valid on their own, with their positions:
    those of the parsed dimension, or when it did not parse, each question parsed alone."""
    if dimension is not None:
        return list(enumerate(dimension.questions))
    raw = doc.data.get("questions")
    found: list[tuple[int, Question]] = []
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            try:
                found.append((index, Question.model_validate(item)))
            except pydantic.ValidationError:
                continue
    return found


def _check_dimension(
    manifest: Manifest, doc: Document, dimension: Dimension | None, c: Collector
) -> None:
    scale = manifest.scale
    points = scale.points()
    raw = doc.data.get("questions")
    if isinstance(raw, list):
        ids = [str(q.get("id")) if isinstance(q, dict) else "" for q in raw]
        duplicates(doc, "questions", ids, "id", c)
    for index, question in _parsed_questions(doc, dimension):
        at: PathKey = ("questions", index)
        if question.id in RESERVED:
            c.add(
                doc,
                (*at, "id"),
                f"'{question.id}' is reserved for the dimension's own facts",
                allowed="any other id",
            )
        missing = [p for p in points if p not in question.levels]
        if missing:
            c.add(
                doc,
                (*at, "levels"),
                "missing level descriptor for " + ", ".join(format_number(p) for p in missing),
                allowed="one descriptor for every scale point "
                + ", ".join(format_number(p) for p in points),
            )
        for key, text in question.levels.items():
            if not scale.is_point(key):
                c.add(
                    doc,
                    (*at, "levels", format_number(key)),
                    "level is not on the scale",
                    line=doc.line_of((*at, "levels", _key(key))),
                    got=format_number(key),
                    allowed=", ".join(format_number(p) for p in points),
                )
            elif not text.strip():
                c.add(
                    doc,
                    (*at, "levels", format_number(key)),
                    "empty level descriptor",
                    line=doc.line_of((*at, "levels", _key(key))),
                    allowed="a sentence describing what is observed at this level",
                )
        if question.allow_na and not question.na_when:
            c.add(
                doc,
                (*at, "allow_na"),
                "allow_na without na_when: say when n/a is the right answer",
                warning=True,
            )
        if question.na_when and not question.allow_na:
            c.add(
                doc,
                (*at, "na_when"),
                "na_when is set but allow_na is false",
                allowed="allow_na: true, or no na_when",
            )
        if manifest.themes and question.source not in manifest.themes:
            suggestion = suggest(question.source, manifest.themes)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                (*at, "source"),
                f"unknown theme{hint}",
                got=show(question.source),
                allowed=choices(manifest.themes),
            )


def _key(value: float) -> str | int:
    return int(value) if value == int(value) else format_number(value)


def _origins(
    manifest: Manifest,
    manifest_doc: Document,
    dimension_docs: Mapping[str, Document],
    rules_doc: Document | None,
    catalogue_doc: Document | None,
    dimensions: Sequence[Dimension],
    rules: RuleSet,
    catalogue: Catalogue,
) -> dict[str, str]:
    origins: dict[str, str] = {}
    for index, stage in enumerate(manifest.stages):
        origins[f"stage:{stage.id}"] = (
            f"{manifest_doc.file}:{manifest_doc.line_of(('stages', index))}"
        )
    for dimension in dimensions:
        doc = dimension_docs[dimension.id]
        for index, question in enumerate(dimension.questions):
            origins[f"question:{dimension.id}.{question.id}"] = (
                f"{doc.file}:{doc.line_of(('questions', index))}"
            )
    if rules_doc:
        for index, rule in enumerate(rules.rules):
            origins[f"rule:{rule.id}"] = f"{rules_doc.file}:{rules_doc.line_of(('rules', index))}"
    if catalogue_doc:
        for index, item in enumerate(catalogue.initiatives):
            origins[f"initiative:{item.id}"] = (
                f"{catalogue_doc.file}:{catalogue_doc.line_of(('initiatives', index))}"
            )
    return origins
