"""What raises what, derived once per framework for the planner: the level each initiative
brings each question to (through its `raises`, else the thresholds of its `done_when`; raising
a dimension's or the overall level or score counts as raising each of its questions), the
dimensions whose facts it may change, the
initiatives raising each question (cheapest first per size band), each initiative's
prerequisites and an order with every initiative before its prerequisites, and each gate's
terms with the initiatives that may make each hold.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.condition_terms import raised_thresholds
from readiness.conditions import Condition
from readiness.index import derived, framework_index
from readiness.model import Framework
from readiness.plan.simulate import lowest_point
from readiness.plan.sizing import scaled_bands


@derived
def raised_levels(framework: Framework) -> dict[str, dict[str, float]]:
    """Per initiative id, the level it brings each question to (see the module docstring)."""
    manifest = framework.manifest
    points = manifest.scale.points()
    keys: dict[str, list[str]] = {}
    questions = framework_index(framework).questions
    for key in questions:
        keys.setdefault(key.partition(".")[0], []).append(key)
    found: dict[str, dict[str, float]] = {}
    for initiative in framework.initiatives:
        levels: dict[str, float] = {}
        for threshold in raised_thresholds(initiative):
            level = lowest_point(points, threshold)
            if level is None:
                continue
            prefix, _, fact = threshold.name.partition(".")
            if fact in ("level", "score"):
                scope = manifest.dimensions if prefix == "overall" else [prefix]
                names = [key for dimension in scope for key in keys.get(dimension, [])]
            else:
                names = [threshold.name] if threshold.name in questions else []
            for name in names:
                levels[name] = max(levels.get(name, level), level)
        found[initiative.id] = levels
    return found


@derived
def raised_dimensions(framework: Framework) -> dict[str, frozenset[str]]:
    """Per initiative id, the dimensions whose facts finishing it may change: the dimension of
    each question it raises and each dimension whose facts it raises; `overall` (and every
    dimension) when it raises an overall fact. Organization facts are not raised."""
    dimensions = framework.manifest.dimensions
    questions = framework_index(framework).questions
    found: dict[str, frozenset[str]] = {}
    for initiative in framework.initiatives:
        touched: set[str] = set()
        for threshold in raised_thresholds(initiative):
            prefix = threshold.name.partition(".")[0]
            if prefix == "overall":
                touched.update(("overall", *dimensions))
            elif prefix in dimensions or threshold.name in questions:
                touched.add(prefix)
        found[initiative.id] = frozenset(touched)
    return found


@derived
def raisers(framework: Framework) -> dict[str, tuple[tuple[str, float], ...]]:
    """Per question, the initiatives that raise it, with the level each brings it to."""
    found: dict[str, list[tuple[str, float]]] = {}
    for initiative_id, levels in sorted(raised_levels(framework).items()):
        for question, level in levels.items():
            found.setdefault(question, []).append((initiative_id, level))
    return {question: tuple(pairs) for question, pairs in found.items()}


@derived
def ranked_raisers(
    framework: Framework,
) -> dict[int | None, dict[str, tuple[tuple[str, float], ...]]]:
    """Per size band's position (see `sizing.Scaled.band`), per question: `raisers`, cheapest
    first for that band."""
    found = {}
    for scaled in scaled_bands(framework).values():
        rank = scaled.rank
        found[scaled.band] = {
            question: tuple(sorted(pairs, key=lambda pair: rank[pair[0]]))
            for question, pairs in raisers(framework).items()
        }
    return found


@derived
def prerequisites(framework: Framework) -> dict[str, tuple[str, ...]]:
    """Per initiative id, the initiatives of the framework it depends on, each once, by id."""
    known = framework_index(framework).initiatives
    return {
        i.id: tuple(sorted({d for d in i.depends_on if d in known})) for i in framework.initiatives
    }


@derived
def needers_first(framework: Framework) -> tuple[str, ...]:
    """The framework's initiative ids, each before every initiative it depends on (the loader
    refuses dependency cycles)."""
    needs = prerequisites(framework)
    seen: set[str] = set()
    order: list[str] = []  # prerequisites before the work that needs them
    for initiative in framework.initiatives:
        if initiative.id in seen:
            continue
        seen.add(initiative.id)
        stack = [(initiative.id, iter(needs[initiative.id]))]
        while stack:  # depth first, without recursion: chains may be long
            current, following = stack[-1]
            dependency = next(following, None)
            if dependency is None:
                stack.pop()
                order.append(current)
            elif dependency not in seen:
                seen.add(dependency)
                stack.append((dependency, iter(needs[dependency])))
    return tuple(reversed(order))


class GateTerm(NamedTuple):
    """One top-level term of a stage's gate and the initiatives that may make it hold."""

    text: str
    condition: Condition
    pool: frozenset[str]
    """The initiatives raising a question it reads, or any question of a dimension whose
    level, score or percent it reads."""


@derived
def gate_terms(framework: Framework) -> tuple[tuple[GateTerm, ...], ...]:
    """Per stage, in stage order, the terms of its gate (none for a stage without one)."""
    index = raisers(framework)
    questions = framework_index(framework).questions
    by_dimension: dict[str, set[str]] = {}
    for question, pairs in index.items():
        by_dimension.setdefault(question.partition(".")[0], set()).update(i for i, _ in pairs)
    found = []
    for gate in framework_index(framework).gates:
        terms = []
        for term in gate.terms() if gate is not None else ():
            # A question's own raisers; for a dimension's fact (its level, score, percent),
            # the raisers of any of its questions. Work on another question of the dimension
            # cannot make a question term hold.
            pool = {
                i
                for name in term.reads
                for i in (
                    [i for i, _ in index.get(name, ())]
                    if name in questions
                    else by_dimension.get(name.partition(".")[0], ())
                )
            }
            terms.append(GateTerm(term.text, term, frozenset(pool)))
        found.append(tuple(terms))
    return tuple(found)
