"""Rule evaluation: from a scored assessment to findings and the initiatives they recommend.

Every rule of the framework is evaluated against the scorecard's facts (question values,
dimension and overall scores, the stage, the organization). A rule whose condition holds *fires*:
it yields a `Finding` (severity, title, the rule's text) with a trace of how it was decided: the
condition and every fact it read with its value (`data.inventory = 1, data.integration = 2.5`),
and the initiatives it recommends.

Findings are sorted by severity (high, medium, low), then by the framework's dimension order,
then by rule id, so the order never depends on the order rules are written in.

Missing facts. A question left unanswered or answered n/a has no value, and a dimension without
any answer has no score. A missing value never counts as 0 and never crashes a rule; the
behaviour is the one of `readiness.conditions.Condition.evaluate`:
- when every value the missing fact could take gives the same result, the rule is decided
  without it (`data.inventory < 2 or data.silos < 2` with `data.silos = 1` fires whatever the
  inventory answer is); the trace then shows the missing fact with no value;
- otherwise the rule is *undetermined*: it neither fires nor stays silent, and is returned in
  `RuleResults.undetermined` with the answers that would decide it. A missing question names
  itself; a missing dimension fact (`data.score`) names that dimension's unanswered questions
  (or its n/a ones, when every question was answered n/a); a missing overall fact names the
  unanswered questions of the dimensions without a score; `organization.size` and
  `organization.industry` name themselves.

This module is pure: no files, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import NamedTuple

from readiness.condition_terms import only_falls
from readiness.conditions import Condition, FactValue
from readiness.index import derived, framework_index
from readiness.model import SEVERITY_ORDER, Framework, Rule, Severity, format_number
from readiness.score import Scorecard


class FactReading(NamedTuple):
    """One fact a condition read, with the value it had (None: unanswered, n/a or no score)."""

    name: str
    """Fact name, e.g. `data.inventory` or `data.score`."""
    value: float | str | None
    """Its value; None when it has none."""


class Finding(NamedTuple):
    """A fired rule: what the report says, why it fired, and what it recommends."""

    rule: str
    """Rule id."""
    title: str
    """One-line headline of the finding."""
    severity: Severity
    """high, medium or low."""
    dimension: str
    """Dimension the finding is filed under."""
    text: str
    """The rule's finding: what is wrong and why it matters."""
    condition: str
    """The rule's condition, as written."""
    reads: tuple[FactReading, ...]
    """Every fact the condition read, with its value, in the order written."""
    recommend: tuple[str, ...]
    """Initiatives the finding calls for."""
    origin: str
    """Where the rule is written, `rules.yaml:12`."""


class Undetermined(NamedTuple):
    """A rule that missing answers leave undecided, and the answers that would decide it."""

    rule: str
    """Rule id."""
    title: str
    """The rule's title."""
    condition: str
    """The rule's condition, as written."""
    missing: tuple[str, ...]
    """Answers (question ids, or organization facts) that would decide it."""


class RuleResults(NamedTuple):
    """Every rule's outcome for one scored assessment."""

    findings: tuple[Finding, ...]
    """Fired rules, by severity, dimension order, rule id."""
    undetermined: tuple[Undetermined, ...]
    """Rules missing answers leave undecided, by rule id."""


def format_readings(reads: tuple[FactReading, ...]) -> str:
    """`data.inventory = 1, data.integration = 2.5`; a missing value reads `unanswered`."""
    return ", ".join(f"{r.name} = {format_value(r.value)}" for r in reads)


def format_value(value: FactValue) -> str:
    """A fact value as the trace shows it: numbers without noise, texts quoted, None as `unanswered`."""
    if value is None:
        return "unanswered"
    if isinstance(value, str):
        return f'"{value}"'
    return format_number(value)


def rule_dimension(rule: Rule, condition: Condition, framework: Framework) -> str:
    """The dimension a finding is filed under: the rule's own, else the first one its condition
    reads, else the framework's first dimension."""
    if rule.dimension:
        return rule.dimension
    dimensions = framework.manifest.dimensions
    for name in condition.reads:
        prefix = name.split(".")[0]
        if prefix in dimensions:
            return prefix
    return dimensions[0]


def answers_to_decide(
    missing: tuple[str, ...], framework: Framework, scorecard: Scorecard
) -> tuple[str, ...]:
    """The answers that would give the missing facts a value (see the module docstring)."""
    dimensions = framework.manifest.dimensions
    questions = framework_index(framework).questions
    found: dict[str, None] = {}  # each answer once, in the order first named
    for name in missing:
        prefix = name.partition(".")[0]
        if name in questions:
            found[name] = None
        elif prefix == "overall":
            for dimension in scorecard.dimensions:
                if dimension.score is None:
                    found.update(dict.fromkeys(_unanswered(scorecard, dimension.id)))
        elif prefix in dimensions:
            found.update(dict.fromkeys(_unanswered(scorecard, prefix)))
        else:
            found[name] = None
    return tuple(found)


def _unanswered(scorecard: Scorecard, dimension_id: str) -> list[str]:
    """A dimension's unanswered questions; when none is, those without a value (n/a)."""
    questions = scorecard.dimension(dimension_id).questions
    open_ = [q.key for q in questions if q.status == "unanswered"]
    return open_ or [q.key for q in questions if q.value is None]


def _short_origin(origin: str) -> str:
    """`rules.yaml:12` from `/any/folder/rules.yaml:12`: output must not depend on where the
    framework is installed."""
    path, _, line = origin.rpartition(":")
    return f"{PurePath(path).name}:{line}" if path else origin


class _Entry(NamedTuple):
    """A rule as evaluating it needs it: what its finding or its undetermined record says,
    read from the rule once (a model's field costs several times a record's to read), and
    its condition parsed."""

    id: str
    title: str
    severity: Severity
    finding: str
    when: str
    condition: Condition
    dimension: str
    """The dimension its findings are filed under (`rule_dimension`)."""
    origin: str
    """Where it is written, `rules.yaml:12`."""
    recommend: tuple[str, ...]
    """The initiatives it recommends, each once."""
    rank: int
    """Its finding's place among all findings: by severity, dimension order, rule id."""


@derived
def _entries(framework: Framework) -> dict[str, _Entry]:
    """Every rule by id, in the order its findings are listed (see `_Entry.rank`): evaluating
    the rules in this order gives the findings in order."""
    index = framework_index(framework)
    order = index.dimension_order
    placed = sorted(
        (
            (rule, condition, rule_dimension(rule, condition, framework))
            for rule in framework.rules
            if (condition := index.rules.get(rule.id)) is not None
        ),
        key=lambda found: (
            SEVERITY_ORDER[found[0].severity],
            order.get(found[2], len(order)),
            found[0].id,
        ),
    )
    return {
        rule.id: _Entry(
            rule.id,
            rule.title,
            rule.severity,
            rule.finding,
            rule.when,
            condition,
            dimension,
            _short_origin(framework.origins.get(f"rule:{rule.id}", "")),
            tuple(dict.fromkeys(rule.recommend)),
            rank,
        )
        for rank, (rule, condition, dimension) in enumerate(placed)
    }


@derived
def falling_rules(framework: Framework) -> frozenset[str]:
    """The rules that rising answers never make fire (`condition_terms.only_falls`): the
    planner's simulated work only raises answers, or gives an unanswered question a value on
    the scale, so such a rule false today is false on every simulation."""
    index = framework_index(framework)
    return frozenset(
        rule_id
        for rule_id, condition in index.rules.items()
        if only_falls(condition.tree, index.questions)
    )


@derived
def _shared_terms(framework: Framework) -> tuple[tuple[Condition, frozenset[str]], ...]:
    """The top-level `and` terms that several rules' conditions share (`stage != "pilot"`,
    say), each with those rules. A term is shared when its text and its tree (literals
    compared exactly) are the same: it then takes the same value on the same facts."""
    found: dict[tuple[str, object], tuple[Condition, list[str]]] = {}
    for rule_id, condition in framework_index(framework).rules.items():
        for term in condition.parts:
            found.setdefault((term.text, term.tree), (term, []))[1].append(rule_id)
    return tuple((term, frozenset(ids)) for term, ids in found.values() if len(ids) > 1)


def _false_by_shared_terms(framework: Framework, facts: Mapping[str, FactValue]) -> set[str]:
    """The rules a shared term (`_shared_terms`) makes false on these facts: the term is false
    in three-valued logic, and an `and` with a false operand is false, as evaluating the rule
    finds it. Each shared term is evaluated once instead of once per rule."""
    false: set[str] = set()
    for term, rule_ids in _shared_terms(framework):
        if term.run(facts) is False:
            false |= rule_ids
    return false


def evaluate_rules(
    framework: Framework, scorecard: Scorecard, *, only: Iterable[str] | None = None
) -> RuleResults:
    """Evaluate every rule of the framework against the scorecard (a pure function); with
    `only`, just the rules with these ids."""
    facts: Mapping[str, FactValue] = scorecard.facts
    findings: list[Finding] = []
    undetermined: list[Undetermined] = []
    entries = _entries(framework)
    false = _false_by_shared_terms(framework, facts)
    for entry in entries.values() if only is None else [entries[i] for i in only]:
        if entry.id in false:
            continue
        condition = entry.condition
        outcome = condition.evaluate(facts)
        if outcome is None:
            missing = answers_to_decide(condition.missing(facts), framework, scorecard)
            undetermined.append(Undetermined(entry.id, entry.title, entry.when, missing))
        elif outcome:
            findings.append(_finding(entry, facts))
    undetermined.sort(key=lambda u: u.rule)
    return RuleResults(findings=_in_order(entries, findings), undetermined=tuple(undetermined))


def findings_on(
    framework: Framework, facts: Mapping[str, FactValue], only: Iterable[str]
) -> tuple[Finding, ...]:
    """The findings of the rules with these ids that fire on these facts, in the order of
    `evaluate_rules` (which also says why the undecided ones are undecided)."""
    entries = _entries(framework)
    false = _false_by_shared_terms(framework, facts)
    found = []
    for rule_id in only:
        if rule_id in false:
            continue
        entry = entries[rule_id]
        if entry.condition.evaluate(facts) is True:
            found.append(_finding(entry, facts))
    return _in_order(entries, found)


def _finding(entry: _Entry, facts: Mapping[str, FactValue]) -> Finding:
    reads = entry.condition.reads
    # The fields in their order, not by keyword: a record built for every finding of every
    # assessment pays for each keyword it is given.
    return Finding(
        entry.id,
        entry.title,
        entry.severity,
        entry.dimension,
        entry.finding,
        entry.when,
        tuple(map(FactReading, reads, map(facts.get, reads))),
        entry.recommend,
        entry.origin,
    )


def _in_order(entries: Mapping[str, _Entry], findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings by severity, dimension order, rule id (the rank of their rule); findings of
    rules evaluated in that order are in order already, and sorting them costs one pass."""
    findings.sort(key=lambda f: entries[f.rule].rank)
    return tuple(findings)


def describe_missing(missing: tuple[str, ...], scorecard: Scorecard) -> str:
    """The answers that would decide a rule, each marked `(n/a)` when it was answered n/a:
    answering will not decide those, the question does not apply."""
    keys = {q.key: q.status for d in scorecard.dimensions for q in d.questions}
    return ", ".join(f"{name} (n/a)" if keys.get(name) == "n/a" else name for name in missing)
