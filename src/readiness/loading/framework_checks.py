"""The checks of a framework across its files: conditions parse against the facts, rules and
initiatives name what exists, dependencies have no cycle, every stage can be reached and every
question is read by some rule."""

from __future__ import annotations

from collections.abc import Mapping

from readiness.condition_terms import raised_thresholds
from readiness.conditions import ConditionError, FactSpace, compile_condition
from readiness.index import fact_space_for, framework_index
from readiness.loading.issues import Collector, choices, duplicates, show, suggest
from readiness.loading.reading import INITIATIVES_FILE
from readiness.model import (
    Framework,
)
from readiness.yamlfile import Document, PathKey


def _compile(doc: Document, path: PathKey, text: str, space: FactSpace, c: Collector) -> None:
    try:
        compile_condition(text, space)
    except ConditionError as error:
        c.add(doc, path, str(error), got=show(text))


def check_conditions(
    framework: Framework,
    manifest_doc: Document,
    rules_doc: Document | None,
    catalogue_doc: Document | None,
    c: Collector,
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
                    got=show(stage.gate),
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


def check_rules(framework: Framework, doc: Document, c: Collector) -> None:
    duplicates(doc, "rules", [r.id for r in framework.rules], "id", c)
    known = {i.id for i in framework.initiatives}
    dimensions = framework.manifest.dimensions
    for index, rule in enumerate(framework.rules):
        if rule.dimension and rule.dimension not in dimensions:
            c.add(
                doc,
                ("rules", index, "dimension"),
                "unknown dimension",
                got=show(rule.dimension),
                allowed=choices(dimensions),
            )
        for position, initiative_id in enumerate(rule.recommend):
            if initiative_id not in known:
                suggestion = suggest(initiative_id, known)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    ("rules", index, "recommend", position),
                    f"recommends an unknown initiative{hint}",
                    got=show(initiative_id),
                    allowed=f"an id from {INITIATIVES_FILE}",
                )
        if not rule.recommend:
            c.add(
                doc,
                ("rules", index, "recommend"),
                "the rule recommends no initiative, so its finding never reaches the roadmap",
                warning=True,
            )


def check_initiatives(framework: Framework, doc: Document, c: Collector) -> None:
    items = framework.initiatives
    duplicates(doc, "initiatives", [i.id for i in items], "id", c)
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
                got=show(item.dimension),
                allowed=choices(dimensions),
            )
        if item.stage not in stages:
            c.add(
                doc,
                (*at, "stage"),
                "unknown stage",
                got=show(item.stage),
                allowed=", ".join(stages),
            )
        for position, dependency in enumerate(item.depends_on):
            where = (*at, "depends_on", position)
            if dependency == item.id:
                c.add(doc, where, "an initiative cannot depend on itself", got=show(dependency))
            elif dependency not in by_id:
                suggestion = suggest(dependency, by_id)
                hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
                c.add(
                    doc,
                    where,
                    f"depends on an unknown initiative{hint}",
                    got=show(dependency),
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


def check_reachable(framework: Framework, doc: Document, c: Collector) -> None:
    by_id = {i.id: i for i in framework.initiatives}
    reached: set[str] = set()
    todo = [i for r in framework.rules for i in r.recommend if i in by_id]
    space = fact_space_for(framework)
    todo += [i.id for i in framework.initiatives if raised_thresholds(i, space)]  # closes gaps
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
                f"initiative '{item.id}' is never recommended by a rule, raises nothing a "
                "target can ask for, and is needed by no initiative that does, so no plan can "
                "include it",
                warning=True,
            )


def check_questions_used(framework: Framework, docs: Mapping[str, Document], c: Collector) -> None:
    read = framework_index(framework).rules_reading  # the facts the rules that compile read
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
