"""Cross-checks of the planning fields of format 2.0, each problem located in its file.

Framework: stage profiles (known dimensions and questions, levels on the scale), gate reasons
(one per top-level `and` term of the gate), size bands (in order, one open-ended last band, at
most one default), roles and workstreams (unique, and every initiative's owner and workstream
one of them), what initiatives raise (known questions, levels on the scale). Assessment: the
target (a known stage, levels on the scale, a deadline not before the assessment's month) and
the team (known roles). The loader calls `check_framework_plan` and `check_assessment_plan`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from readiness.condition_terms import split_terms
from readiness.errors import Issue
from readiness.model import Assessment, Framework, format_number
from readiness.yamlfile import Document, PathKey, format_path


def _issue(
    doc: Document,
    path: PathKey,
    message: str,
    *,
    got: str | None = None,
    allowed: str | None = None,
) -> Issue:
    return Issue(doc.file, doc.line_of(path), format_path(path), message, got=got, allowed=allowed)


def _choices(choices: Iterable[str], limit: int = 8) -> str:
    items = list(choices)
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def _levels(
    doc: Document,
    at: PathKey,
    levels: Mapping[str, float],
    known: Sequence[str],
    what: str,
    framework: Framework,
) -> list[Issue]:
    """Keys among `known`, values on the framework's scale."""
    scale = framework.manifest.scale
    points = ", ".join(format_number(p) for p in scale.points())
    known_set = set(known)
    issues = []
    for key, level in levels.items():
        if key not in known_set:
            issues.append(
                _issue(doc, (*at, key), f"unknown {what}", got=key, allowed=_choices(known))
            )
        elif not scale.is_point(level):
            issues.append(
                _issue(
                    doc,
                    (*at, key),
                    "level is not on the scale",
                    got=format_number(level),
                    allowed=points,
                )
            )
    return issues


def _unique(doc: Document, at: PathKey, ids: Sequence[str]) -> list[Issue]:
    seen: set[str] = set()
    issues = []
    for index, item_id in enumerate(ids):
        if item_id in seen:
            issues.append(
                _issue(doc, (*at, index, "id"), f"duplicate id '{item_id}'", allowed="each id once")
            )
        seen.add(item_id)
    return issues


def check_framework_plan(
    framework: Framework, manifest_doc: Document, catalogue_doc: Document | None
) -> list[Issue]:
    """Every problem of a framework's planning fields (empty when there is none)."""
    manifest = framework.manifest
    questions = list(framework.questions())
    issues: list[Issue] = []
    for index, stage in enumerate(manifest.stages):
        at: PathKey = ("stages", index)
        if stage.profile is not None:
            issues += _levels(
                manifest_doc,
                (*at, "profile", "levels"),
                stage.profile.levels,
                manifest.dimensions,
                "dimension",
                framework,
            )
            issues += _levels(
                manifest_doc,
                (*at, "profile", "questions"),
                stage.profile.questions,
                questions,
                "question",
                framework,
            )
        if stage.gate_reasons:
            terms = len(split_terms(stage.gate)) if stage.gate else 0
            if len(stage.gate_reasons) != terms:
                issues.append(
                    _issue(
                        manifest_doc,
                        (*at, "gate_reasons"),
                        f"{len(stage.gate_reasons)} reasons for a gate of {terms} top-level "
                        "`and` terms",
                        allowed=f"{terms} reasons, one per term, in order",
                    )
                )
    issues += _check_bands(framework, manifest_doc)
    issues += _unique(manifest_doc, ("workstreams",), [w.id for w in manifest.workstreams])
    if catalogue_doc is not None:
        issues += _check_catalogue(framework, catalogue_doc, questions)
    return issues


def _check_bands(framework: Framework, doc: Document) -> list[Issue]:
    bands = framework.manifest.size_bands
    issues = _unique(doc, ("size_bands",), [b.id for b in bands])
    previous = 0
    for index, band in enumerate(bands):
        at: PathKey = ("size_bands", index, "max_size")
        last = index == len(bands) - 1
        if last and band.max_size is not None:
            issues.append(
                _issue(doc, at, "the last band is open-ended", allowed="no max_size on it")
            )
        elif not last and band.max_size is None:
            issues.append(_issue(doc, at, "every band but the last needs a max_size"))
        elif band.max_size is not None and band.max_size <= previous:
            issues.append(
                _issue(
                    doc,
                    at,
                    "bands must grow: max_size is not above the previous band's",
                    got=str(band.max_size),
                    allowed=f"above {previous}",
                )
            )
        previous = band.max_size or previous
    defaults = [index for index, band in enumerate(bands) if band.default]
    for index in defaults[1:]:
        issues.append(_issue(doc, ("size_bands", index, "default"), "more than one default band"))
    return issues


def _check_catalogue(framework: Framework, doc: Document, questions: list[str]) -> list[Issue]:
    manifest = framework.manifest
    streams = [w.id for w in manifest.workstreams] or list(manifest.dimensions)
    roles = list(manifest.roles)
    issues: list[Issue] = []
    for index, item in enumerate(framework.initiatives):
        at: PathKey = ("initiatives", index)
        if item.workstream is not None and item.workstream not in streams:
            issues.append(
                _issue(
                    doc,
                    (*at, "workstream"),
                    "unknown workstream",
                    got=item.workstream,
                    allowed=_choices(streams),
                )
            )
        if roles and item.owner not in manifest.roles:
            issues.append(
                _issue(
                    doc,
                    (*at, "owner"),
                    "unknown role (the framework declares `roles`)",
                    got=item.owner,
                    allowed=_choices(roles),
                )
            )
        issues += _levels(doc, (*at, "raises"), item.raises, questions, "question", framework)
    return issues


def check_assessment_plan(
    assessment: Assessment, framework: Framework, doc: Document
) -> list[Issue]:
    """Every problem of an assessment's target and team against its framework."""
    manifest = framework.manifest
    issues: list[Issue] = []
    target = assessment.target
    if target is not None:
        stages = [s.id for s in manifest.stages]
        if target.stage is not None and target.stage not in stages:
            issues.append(
                _issue(
                    doc,
                    ("target", "stage"),
                    "unknown stage",
                    got=target.stage,
                    allowed=", ".join(stages),
                )
            )
        issues += _levels(
            doc, ("target", "levels"), target.levels, manifest.dimensions, "dimension", framework
        )
        issues += _levels(
            doc,
            ("target", "questions"),
            target.questions,
            list(framework.questions()),
            "question",
            framework,
        )
        assessed = f"{assessment.date.year:04d}-{assessment.date.month:02d}"
        if target.by is not None and target.by < assessed:
            issues.append(
                _issue(
                    doc,
                    ("target", "by"),
                    "the deadline is before the assessment date",
                    got=target.by,
                    allowed=f"{assessed} or later",
                )
            )
    if assessment.team is not None:
        for role in assessment.team.roles:
            if role not in manifest.roles:
                issues.append(
                    _issue(
                        doc,
                        ("team", "roles", role),
                        "unknown role",
                        allowed=_choices(manifest.roles) or "none: the framework declares no roles",
                    )
                )
    return issues
