"""Loading: the only stage that reads files. YAML in, validated and cross-checked models out.

Every problem found is collected with its file and line before anything is raised, so a user
fixes a file in one pass. Errors stop the load; warnings are returned for the caller to show
(and `--strict` to refuse).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from readiness.conditions import DIMENSION_FACTS, ConditionError, FactSpace, compile_condition
from readiness.errors import FrameworkNotFoundError, Issue, ReadinessError, ValidationError
from readiness.index import fact_space_for, framework_index
from readiness.model import (
    Answer,
    Assessment,
    Catalogue,
    Dimension,
    Framework,
    Manifest,
    Model,
    Question,
    Respondent,
    RuleSet,
    Scale,
    format_number,
)
from readiness.yamlfile import Document, PathKey, format_path, read_yaml

M = TypeVar("M", bound=Model)

FRAMEWORK_FILE = "framework.yaml"
RULES_FILE = "rules.yaml"
INITIATIVES_FILE = "initiatives.yaml"
SEARCH_ENV = "READINESS_PATH"


@dataclass(frozen=True)
class LoadedAssessment:
    """An assessment with the framework it was checked against."""

    assessment: Assessment
    framework: Framework
    file: str
    warnings: tuple[Issue, ...] = ()


@dataclass
class _Collector:
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
                got=got if got is None or isinstance(got, str) else _show(got),
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
            raise ValidationError(summary, _ordered(self.errors))


def _ordered(issues: Iterable[Issue]) -> list[Issue]:
    seen: set[Issue] = set()
    unique = []
    for issue in issues:
        if issue not in seen:
            seen.add(issue)
            unique.append(issue)
    return sorted(unique, key=lambda i: (i.file, i.line, i.path, i.message))


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "..."


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _choices(choices: Iterable[str], limit: int = 8) -> str:
    items = sorted(choices)
    text = ", ".join(items[:limit])
    return text + (f", ... ({len(items)} in all)" if len(items) > limit else "")


def _read(path: Path, collector: _Collector) -> Document | None:
    try:
        return read_yaml(path)
    except ReadinessError as error:
        collector.extend(error.issues)
        return None


def _parse(doc: Document, model: type[M], collector: _Collector) -> M | None:
    """Validate a document against a model, turning pydantic's errors into located issues."""
    try:
        return model.model_validate(doc.data)
    except pydantic.ValidationError as error:
        for item in error.errors(include_url=False):
            collector.issues.append(issue_from_pydantic(doc, model, item))
        return None


def issue_from_pydantic(doc: Document, model: type[Model], item: Any) -> Issue:
    """One pydantic error as a located issue: the line from the document, the path as the
    user wrote it, a did-you-mean for unknown keys and the allowed values where known."""
    loc = tuple(part for part in item["loc"] if _is_data_key(part))
    kind = item["type"]
    message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    value = item.get("input")
    got: str | None = None if kind in ("missing", "extra_forbidden") else _show(value)
    if kind in _TYPE_ERRORS:
        # A whole mapping or list, cut at 60 characters, says less than what it is.
        got = _describe(value)
    elif kind == "value_error" and isinstance(value, dict) and len(value) > 2:
        got = None  # a check across several keys: its message names what is wrong
    allowed: str | None = None
    if item["loc"] and item["loc"][-1] == "[key]" and loc:
        # A mapping key that YAML read as a number (`1: 2`): name the key, not a list index.
        loc = (*loc[:-1], str(loc[-1]))
        message = "a key here must be text, not a number"
        allowed = "an id starting with a letter"
    elif kind == "extra_forbidden":
        fields = _fields_at(model, loc[:-1])
        message = "unknown key"
        suggestion = _suggest(str(loc[-1]), fields)
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
        allowed = _choices(fields, 20)
    elif kind == "missing":
        message = "required key is missing"
    elif kind in ("model_type", "dict_type"):
        message = "should be a mapping (`key: value` entries)"
    elif kind in ("list_type", "tuple_type"):
        message = "should be a list (`- item` entries or `[a, b]`)"
    elif kind == "literal_error":
        allowed = str(item.get("ctx", {}).get("expected", "")).replace("'", "")
        message = "not one of the allowed values"
    elif kind == "string_pattern_mismatch":
        allowed = _PATTERN_HELP.get(str(loc[-1]) if loc else "", "see the README")
        message = "not in the expected form"
    elif "Input should be" in message:
        message = message.replace("Input should be", "should be")
    line = doc.line_of(loc)
    return Issue(doc.file, line, format_path(loc), message, got=got, allowed=allowed)


_TYPE_ERRORS = frozenset({"model_type", "dict_type", "list_type", "tuple_type"})


def _describe(value: Any) -> str | None:
    """What a value is, for a message about its type: a list, a mapping, or the value itself."""
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:4]) + (", ..." if len(value) > 4 else "")
        return f"a mapping with keys {keys}" if value else "an empty mapping"
    return _show(value)


_PATTERN_HELP = {
    "id": "lower-case letters, digits, '-' and '_', starting with a letter",
    "version": "a semantic version such as 1.0.0",
    "framework": "a framework id and version, e.g. ml-scaling@1.0.0",
    "period": "a period such as 2026-Q4, 2026-H2 or 2026-11",
}


def _is_data_key(part: Any) -> bool:
    if isinstance(part, int):
        return True
    return (
        isinstance(part, str)
        and not part.startswith(("function-", "literal["))
        and part not in ("float", "int", "str", "bool", "none", "list[...]", "dict[...]", "[key]")
    )


def _fields_at(model: type[Any], loc: Sequence[Any]) -> list[str]:
    """The keys allowed at a location inside a model, for 'unknown key' messages."""
    import typing

    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
            info = current.model_fields.get(str(part))
            if info is None:
                return []
            current = info.annotation
        while typing.get_origin(current) is not None or isinstance(current, type(int | None)):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, pydantic.BaseModel)]
            if models:
                current = models[0]
                break
            if not args:
                break
            current = args[-1]
    if isinstance(current, type) and issubclass(current, pydantic.BaseModel):
        return list(current.model_fields)
    return []


# --- frameworks -------------------------------------------------------------------------------


def load_framework(folder: Path, *, warnings: list[Issue] | None = None) -> Framework:
    """Load and cross-check a framework folder. Raises `ValidationError` listing every problem.

    Warnings (unreachable initiatives, questions no rule reads) are appended to `warnings`.
    """
    collector = _Collector()
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
    manifest_doc = _read(manifest_path, collector)
    manifest = _parse(manifest_doc, Manifest, collector) if manifest_doc else None

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
            doc = _read(path, collector)
            dimension = _parse(doc, Dimension, collector) if doc else None
            if doc:
                _check_dimension(manifest, doc, collector)
            if doc and dimension:
                if dimension.id != dimension_id:
                    collector.add(
                        doc,
                        ("id",),
                        "dimension id differs from its file name",
                        got=_show(dimension.id),
                        allowed=dimension_id,
                    )
                    continue  # the framework cannot be built: the checks below stop it
                dimension_docs[dimension_id] = doc
                dimensions.append(dimension)

    # A file that exists but cannot be read counts as invalid, not as absent: checking the rules
    # against an empty catalogue would bury the real problem under "unknown initiative" lines.
    rules_exists = (folder / RULES_FILE).exists()
    rules_doc = _read(folder / RULES_FILE, collector) if rules_exists else None
    rules = _parse(rules_doc, RuleSet, collector) if rules_doc else None
    if rules is None and not rules_exists:
        rules = RuleSet()
    catalogue_path = folder / INITIATIVES_FILE
    catalogue_exists = catalogue_path.exists()
    catalogue_doc = _read(catalogue_path, collector) if catalogue_exists else None
    catalogue = _parse(catalogue_doc, Catalogue, collector) if catalogue_doc else None
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
        manifest_doc, dimension_docs, rules_doc, catalogue_doc, dimensions, rules, catalogue
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
    _check_conditions(framework, manifest_doc, rules_doc, catalogue_doc, collector)
    if rules_doc:
        _check_rules(framework, rules_doc, collector)
    if catalogue_doc:
        _check_initiatives(framework, catalogue_doc, collector)
        _check_reachable(framework, catalogue_doc, collector)
    if rules_doc:
        _check_questions_used(framework, dimension_docs, collector)
    collector.stop_if_errors(f"{folder}: the framework is not valid")
    if warnings is not None:
        warnings.extend(_ordered(collector.warnings))
    return framework


def _check_manifest(manifest: Manifest, doc: Document, c: _Collector) -> None:
    _duplicates(doc, "dimensions", list(manifest.dimensions), None, c)
    _duplicates(doc, "stages", [s.id for s in manifest.stages], "id", c)
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
                got=_show(theme.dimension),
                allowed=_choices(manifest.dimensions),
            )


def _duplicates(
    doc: Document,
    key: str,
    ids: list[str],
    field_name: str | None,
    c: _Collector,
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


RESERVED = frozenset(DIMENSION_FACTS)


def _parsed_questions(doc: Document) -> list[tuple[int, Question]]:
    """The questions of a dimension file that are valid on their own, with their positions."""
    raw = doc.data.get("questions")
    found: list[tuple[int, Question]] = []
    if isinstance(raw, list):
        for index, item in enumerate(raw):
            try:
                found.append((index, Question.model_validate(item)))
            except pydantic.ValidationError:
                continue
    return found


def _check_dimension(manifest: Manifest, doc: Document, c: _Collector) -> None:
    scale = manifest.scale
    points = scale.points()
    raw = doc.data.get("questions")
    if isinstance(raw, list):
        ids = [str(q.get("id")) if isinstance(q, dict) else "" for q in raw]
        _duplicates(doc, "questions", ids, "id", c)
    for index, question in _parsed_questions(doc):
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
            suggestion = _suggest(question.source, manifest.themes)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                (*at, "source"),
                f"unknown theme{hint}",
                got=_show(question.source),
                allowed=_choices(manifest.themes),
            )


def _key(value: float) -> str | int:
    return int(value) if value == int(value) else format_number(value)


def _origins(
    manifest_doc: Document,
    dimension_docs: Mapping[str, Document],
    rules_doc: Document | None,
    catalogue_doc: Document | None,
    dimensions: Sequence[Dimension],
    rules: RuleSet,
    catalogue: Catalogue,
) -> dict[str, str]:
    origins: dict[str, str] = {}
    for index, stage in enumerate(Manifest.model_validate(manifest_doc.data).stages):
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


def _compile(doc: Document, path: PathKey, text: str, space: FactSpace, c: _Collector) -> None:
    try:
        compile_condition(text, space)
    except ConditionError as error:
        c.add(doc, path, str(error), got=_show(text))


def _check_conditions(
    framework: Framework,
    manifest_doc: Document,
    rules_doc: Document | None,
    catalogue_doc: Document | None,
    c: _Collector,
) -> None:
    gate_space = fact_space_for(framework, include_stage=False)
    space = fact_space_for(framework)
    for index, stage in enumerate(framework.manifest.stages):
        if stage.gate:
            if "stage" in stage.gate.split() and "stage" not in gate_space.kinds:
                c.add(
                    manifest_doc,
                    ("stages", index, "gate"),
                    "a gate cannot read 'stage': the gates decide the stage",
                    got=_show(stage.gate),
                )
                continue
            _compile(manifest_doc, ("stages", index, "gate"), stage.gate, gate_space, c)
    if rules_doc:
        for index, rule in enumerate(framework.rules):
            _compile(rules_doc, ("rules", index, "when"), rule.when, space, c)
    if catalogue_doc:
        for index, item in enumerate(framework.initiatives):
            if item.done_when:
                _compile(
                    catalogue_doc, ("initiatives", index, "done_when"), item.done_when, space, c
                )


def _check_rules(framework: Framework, doc: Document, c: _Collector) -> None:
    _duplicates(doc, "rules", [r.id for r in framework.rules], "id", c)
    known = {i.id for i in framework.initiatives}
    dimensions = framework.manifest.dimensions
    for index, rule in enumerate(framework.rules):
        if rule.dimension and rule.dimension not in dimensions:
            c.add(
                doc,
                ("rules", index, "dimension"),
                "unknown dimension",
                got=_show(rule.dimension),
                allowed=_choices(dimensions),
            )
        for position, initiative_id in enumerate(rule.recommend):
            if initiative_id not in known:
                suggestion = _suggest(initiative_id, known)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    ("rules", index, "recommend", position),
                    f"recommends an unknown initiative{hint}",
                    got=_show(initiative_id),
                    allowed=f"an id from {INITIATIVES_FILE}",
                )
        if not rule.recommend:
            c.add(
                doc,
                ("rules", index, "recommend"),
                "the rule recommends no initiative, so its finding never reaches the roadmap",
                warning=True,
            )


def _check_initiatives(framework: Framework, doc: Document, c: _Collector) -> None:
    items = framework.initiatives
    _duplicates(doc, "initiatives", [i.id for i in items], "id", c)
    by_id = {i.id: i for i in items}
    stages = [s.id for s in framework.manifest.stages]
    dimensions = framework.manifest.dimensions
    for index, item in enumerate(items):
        at: PathKey = ("initiatives", index)
        if item.dimension not in dimensions:
            c.add(
                doc,
                (*at, "dimension"),
                "unknown dimension",
                got=_show(item.dimension),
                allowed=_choices(dimensions),
            )
        if item.stage not in stages:
            c.add(
                doc,
                (*at, "stage"),
                "unknown stage",
                got=_show(item.stage),
                allowed=", ".join(stages),
            )
        for position, dependency in enumerate(item.depends_on):
            where = (*at, "depends_on", position)
            if dependency == item.id:
                c.add(doc, where, "an initiative cannot depend on itself", got=_show(dependency))
            elif dependency not in by_id:
                suggestion = _suggest(dependency, by_id)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    where,
                    f"depends on an unknown initiative{hint}",
                    got=_show(dependency),
                    allowed=f"an id from {INITIATIVES_FILE}",
                )
            elif (
                item.stage in stages
                and by_id[dependency].stage in stages
                and stages.index(by_id[dependency].stage) > stages.index(item.stage)
            ):
                c.add(
                    doc,
                    where,
                    f"depends on '{dependency}' of the later stage "
                    f"'{by_id[dependency].stage}', which cannot finish first",
                    allowed=f"dependencies of stage '{item.stage}' or earlier",
                )
    for cycle in _cycles(
        {i.id: [d for d in i.depends_on if d in by_id and d != i.id] for i in items}
    ):
        index = next(n for n, i in enumerate(items) if i.id == cycle[0])
        c.add(
            doc,
            ("initiatives", index, "depends_on"),
            "dependency cycle: " + " -> ".join([*cycle, cycle[0]]),
            allowed="dependencies that end somewhere",
        )


def _cycles(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, reported once, smallest id first."""
    found: list[list[str]] = []
    seen_sets: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :]
                key = frozenset(cycle)
                if key not in seen_sets:
                    seen_sets.add(key)
                    start = cycle.index(min(cycle))
                    found.append(cycle[start:] + cycle[:start])
            elif state.get(nxt) is None:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def _check_reachable(framework: Framework, doc: Document, c: _Collector) -> None:
    by_id = {i.id: i for i in framework.initiatives}
    reached: set[str] = set()
    todo = [i for r in framework.rules for i in r.recommend if i in by_id]
    while todo:
        current = todo.pop()
        if current not in reached:
            reached.add(current)
            todo.extend(d for d in by_id[current].depends_on if d in by_id)
    for index, item in enumerate(framework.initiatives):
        if item.id not in reached:
            c.add(
                doc,
                ("initiatives", index),
                f"initiative '{item.id}' is never recommended by "
                "a rule nor needed by one that is, so no plan can include it",
                warning=True,
            )


def _check_questions_used(
    framework: Framework, docs: Mapping[str, Document], c: _Collector
) -> None:
    space = fact_space_for(framework)
    read: set[str] = set()
    for rule in framework.rules:
        try:
            read.update(compile_condition(rule.when, space).reads)
        except ConditionError:
            continue
    for dimension in framework.dimensions:
        for index, question in enumerate(dimension.questions):
            if f"{dimension.id}.{question.id}" not in read:
                c.add(
                    docs[dimension.id],
                    ("questions", index),
                    f"question "
                    f"'{dimension.id}.{question.id}' is read by no rule, so its answer never "
                    "leads to a finding",
                    warning=True,
                )


# --- finding frameworks ----------------------------------------------------------------------


def framework_search_path(near: Path | None = None, extra: Sequence[Path] = ()) -> list[Path]:
    """Folders searched for `<framework-id>/framework.yaml`, in order.

    `extra` folders first, then `$READINESS_PATH`, then every `questionnaires/` folder from the
    assessment's folder up to the root, then `./questionnaires`, then the frameworks shipped
    inside the package.
    """
    return list(_search_folders(near, extra))


_SHIPPED = Path(__file__).parent / "questionnaires"
# A source checkout installed in editable mode keeps the shipped frameworks at the root.
_CHECKOUT = Path(__file__).resolve().parents[2] / "questionnaires"


def _search_folders(near: Path | None, extra: Sequence[Path]) -> Iterator[Path]:
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


def _framework_cache_key(folder: Path) -> tuple[str, tuple[tuple[str, int], ...]]:
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


_Found = tuple[Framework, tuple[Issue, ...]]
"""A loaded framework and its warnings."""

_FRAMEWORKS: dict[tuple[str, tuple[tuple[str, int], ...]], _Found] = {}


def load_framework_cached(folder: Path) -> _Found:
    """`load_framework`, remembered per folder while its files are unchanged."""
    key = _framework_cache_key(folder)
    if key not in _FRAMEWORKS:
        warnings: list[Issue] = []
        framework = load_framework(folder, warnings=warnings)
        _FRAMEWORKS[key] = (framework, tuple(warnings))
    return _FRAMEWORKS[key]


_FOUND_IN_BATCH: dict[tuple[str, Path, tuple[Path, ...]], _Found] | None = None
"""What `hold_frameworks` keeps while a batch runs, by framework id, assessment folder and
search folders; None outside a batch."""


@contextmanager
def hold_frameworks() -> Iterator[None]:
    """While the block runs, the framework found for an assessment is kept for every other
    assessment of the same folder naming the same framework: it is neither searched for nor
    checked for changed files again. For a batch, whose frameworks do not change while it runs
    (worker processes forked inside the block hold it too)."""
    global _FOUND_IN_BATCH
    if _FOUND_IN_BATCH is not None:
        yield
        return
    _FOUND_IN_BATCH = {}
    try:
        yield
    finally:
        _FOUND_IN_BATCH = None


# --- assessments ------------------------------------------------------------------------------


def load_assessment(
    path: Path, *, frameworks: Sequence[Path] = (), framework: Framework | None = None
) -> LoadedAssessment:
    """Load an assessment and the framework it names, and cross-check them.

    Raises `ValidationError` listing every problem of the assessment (or of its framework).
    """
    collector = _Collector()
    doc = _read(path, collector)
    if doc is None:
        collector.stop_if_errors(f"{path}: cannot be read")
        raise AssertionError("unreachable")
    assessment = _parse(doc, Assessment, collector)
    framework_id = str(doc.data.get("framework", "")).split("@")[0]
    framework_warnings: tuple[Issue, ...] = ()
    if framework is None and framework_id:
        found = _find_framework_of(framework_id, path, frameworks)
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
            errors = _ordered(collector.errors)
            raise FrameworkNotFoundError(errors[0].format(), errors)
        framework, framework_warnings = found
    if framework is not None:
        parts = (
            _parts(doc.data)
            if assessment is None
            else _Parts(
                assessment.framework,
                dict(assessment.answers),
                list(assessment.respondents),
                list(assessment.initiatives),
            )
        )
        check_assessment(parts, framework, doc, collector)
    collector.stop_if_errors(f"{doc.file}: the assessment is not valid")
    if assessment is None or framework is None:
        raise AssertionError("unreachable: a failed parse always records an issue")
    return LoadedAssessment(
        assessment, framework, doc.file, tuple(_ordered([*framework_warnings, *collector.warnings]))
    )


def _find_framework_of(framework_id: str, path: Path, frameworks: Sequence[Path]) -> _Found | None:
    """The framework an assessment names, with its warnings; None when it is not found."""
    held = _FOUND_IN_BATCH
    key = (framework_id, path.parent, tuple(frameworks))
    if held is not None and key in held:
        return held[key]
    folder = find_framework(framework_id, _search_folders(path.parent, frameworks))
    if folder is None:
        return None
    found = load_framework_cached(folder)
    if held is not None:
        held[key] = found
    return found


@dataclass(frozen=True)
class _Parts:
    """What could be read of an assessment, even when other parts of it are invalid."""

    framework: str
    answers: dict[str, Answer]
    respondents: list[Respondent]
    initiatives: list[str]


def _parts(data: Mapping[str, Any]) -> _Parts:
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
    return _Parts(str(data.get("framework", "")), answers, respondents, initiatives)


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


def _reference(framework: Framework) -> _Reference:
    """What checking an assessment looks up in its framework, from its index."""
    index = framework_index(framework)
    return _Reference(
        framework,
        index.questions,
        frozenset(index.initiatives),
        framework.manifest.scale,
        frozenset(index.points),
        ", ".join(format_number(p) for p in index.points),
    )


def check_assessment(parts: _Parts, framework: Framework, doc: Document, c: _Collector) -> None:
    """Every check that needs both the assessment and its framework."""
    manifest = framework.manifest
    framework_id, _, version = parts.framework.partition("@")
    if framework_id != manifest.id:
        c.add(
            doc,
            ("framework",),
            "the assessment names another framework",
            got=_show(framework_id),
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
    _duplicates(doc, "respondents", respondents, "id", c)
    for index, respondent in enumerate(parts.respondents):
        for dimension_id in respondent.weights:
            if dimension_id not in manifest.dimensions:
                c.add(
                    doc,
                    ("respondents", index, "weights", dimension_id),
                    "unknown dimension",
                    allowed=_choices(manifest.dimensions),
                )
    for key, answer in parts.answers.items():
        at: PathKey = ("answers", key)
        question = questions.get(key)
        if question is None:
            suggestion = _suggest(key, questions)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                at,
                f"unknown question{hint}",
                allowed="<dimension>.<question> from the framework; `readiness init` lists "
                "them all",
            )
            continue
        if answer.level is not None and not reference.on_scale(answer.level):
            c.add(
                doc,
                at,
                "level is not on the scale",
                got=format_number(answer.level),
                allowed=points + (", n/a" if question.allow_na else ""),
            )
        if answer.na and not question.allow_na:
            c.add(doc, at, "n/a is not allowed for this question", got="n/a", allowed=points)
        for voter, vote in answer.votes.items():
            if voter not in respondents:
                suggestion = _suggest(voter, respondents)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    (*at, "votes", voter),
                    f"vote from an undeclared respondent{hint}",
                    allowed=_choices(respondents)
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
                    allowed=_choices(respondents) if respondents else "declare respondents",
                )
    known = reference.initiatives
    for initiative_id in parts.initiatives:
        if initiative_id not in known:
            suggestion = _suggest(initiative_id, known)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            c.add(
                doc,
                ("initiatives", initiative_id),
                f"unknown initiative{hint}",
                allowed=f"an id from the framework's {INITIATIVES_FILE}",
            )


# --- validate ---------------------------------------------------------------------------------


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
    """
    checked: list[str] = []
    errors: list[Issue] = []
    warnings: list[Issue] = []
    for path in paths:
        if path.is_dir() and _looks_like_framework(path):
            targets: list[tuple[str, Path]] = [("framework", path)]
        elif path.name == FRAMEWORK_FILE and path.is_file():
            targets = [("framework", path.parent)]
        elif path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
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
                    found: list[Issue] = []
                    load_framework(target, warnings=found)
                    warnings.extend(found)
                else:
                    loaded = load_assessment(target, frameworks=frameworks)
                    warnings.extend(loaded.warnings)
            except ReadinessError as error:
                errors.extend(error.issues or [Issue(str(target), 0, "", str(error))])
    return Checked(tuple(checked), tuple(_ordered(errors)), tuple(_ordered(warnings)))
