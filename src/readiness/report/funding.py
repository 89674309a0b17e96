"""What the first wave's money buys: its work split by why the plan holds it.

Every planned initiative carries its reasons (`PlannedInitiative.why`). From them each falls in
exactly one part, the first that applies:

1. `required`: what the next stage still requires. A reason that is a term of the next stage's
   gate, or a gap to the target on a question an open term of that gate reads (a term that does
   not hold today, or holds only on an answer leadership disputes): directly, or through its
   dimension's level when the question is below the level the term asks.
2. `high`: a high-severity finding of today's assessment asked for it: what the organization
   must fix whatever its stage.
3. `rest`: other findings (and those met on the way), gaps to the target, work under way.

A prerequisite belongs to the most important part of any planned work that needs it,
transitively. So the parts of a wave's initiatives sum to the wave's effort exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Literal, NamedTuple

from readiness.condition_terms import term_threshold
from readiness.conditions import FactValue
from readiness.model import Framework, Stage
from readiness.plan.raising import GateTerm, gate_terms, needers_first, prerequisites
from readiness.plan.records import Plan, PlannedInitiative, Reason
from readiness.report.cost import (
    Rate,
    money_words,
    number_words,
    person_months,
    work_words,
)
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import disputed_answers
from readiness.report.words import and_words
from readiness.rules import RuleResults
from readiness.score import Scorecard

PartKind = Literal["required", "high", "rest"]
PARTS: tuple[PartKind, ...] = ("required", "high", "rest")
"""The parts, most important first: an initiative belongs to the first that applies."""


class FundingPart(NamedTuple):
    """One part of the funded work: why it is there, its initiatives and their effort."""

    kind: PartKind
    initiatives: tuple[PlannedInitiative, ...]
    """In the order given (the wave's start order)."""
    fte_months: Decimal
    """Their person-months as the report shows them (`cost.person_months`)."""
    findings: tuple[str, ...]
    """Rule ids of today's high-severity findings this part's work answers (its own reasons)."""
    gaps: bool
    """Whether some of its work raises practices toward the target (a gap is one of its
    reasons)."""
    prerequisites: int
    """How many of its initiatives are in it only as work the others build on."""


class FundingSplit(NamedTuple):
    """The funded work in parts: non-empty parts only, most important first."""

    stage: str | None
    """The title of the next stage (None at the last stage: nothing is required of it)."""
    parts: tuple[FundingPart, ...]
    fte_months: Decimal
    """The whole of the funded work: the sum of the parts."""


def initiative_parts(
    plan: Plan, framework: Framework, scorecard: Scorecard, results: RuleResults
) -> dict[str, PartKind]:
    """The part of every planned initiative (see the module docstring)."""
    own = _own_ranks(plan, framework, scorecard, results)
    return {i: PARTS[n] for i, n in _with_prerequisites(own, framework).items()}


def _own_ranks(
    plan: Plan, framework: Framework, scorecard: Scorecard, results: RuleResults
) -> dict[str, int]:
    """Per planned initiative, the part (as an index of `PARTS`) its own reasons put it in,
    before what needs it is counted."""
    asks = _Asks(framework, scorecard, plan)
    high = {f.rule for f in results.findings if f.severity == "high"}
    rank = {}
    for item in plan.initiatives:
        ranks = [2]
        for reason in item.why:
            if asks.requires(item, reason):
                ranks.append(0)
            elif reason.kind == "rule" and reason.rule in high:
                ranks.append(1)
        rank[item.id] = min(ranks)
    return rank


def _with_prerequisites(own: dict[str, int], framework: Framework) -> dict[str, int]:
    """The ranks with each prerequisite in the most important part of what needs it: in one
    pass, each needer before its prerequisites, so a part passes on down a chain."""
    rank = dict(own)
    required = prerequisites(framework)
    for needer in needers_first(framework):
        if needer not in rank:
            continue
        for dependency in required[needer]:
            if dependency in rank:
                rank[dependency] = min(rank[dependency], rank[needer])
    return rank


def split_funding(
    items: Sequence[PlannedInitiative],
    plan: Plan,
    framework: Framework,
    scorecard: Scorecard,
    results: RuleResults,
) -> FundingSplit:
    """The initiatives `items` (a wave of `plan`) in parts, by `initiative_parts`."""
    own = _own_ranks(plan, framework, scorecard, results)
    rank = _with_prerequisites(own, framework)
    part_of = {i: PARTS[n] for i, n in rank.items()}
    high = {f.rule for f in results.findings if f.severity == "high"}
    parts = []
    for kind in PARTS:
        members = tuple(i for i in items if part_of[i.id] == kind)
        if not members:
            continue
        answered = sorted({r.rule for i in members for r in i.why if r.rule in high})
        parts.append(
            FundingPart(
                kind,
                members,
                person_months(members),
                tuple(str(rule) for rule in answered) if kind == "high" else (),
                any(r.kind == "gap" for i in members for r in i.why),
                sum(1 for i in members if own[i.id] != rank[i.id]),
            )
        )
    stage = _next_stage(framework, scorecard)
    return FundingSplit(
        stage.title if stage else None, tuple(parts), sum_parts(p.fte_months for p in parts)
    )


def sum_parts(months: Iterable[Decimal]) -> Decimal:
    """The person-months of several parts together."""
    return sum(months, Decimal(0))


def _next_stage(framework: Framework, scorecard: Scorecard) -> Stage | None:
    """The next stage's record, None at the last stage."""
    return next((s for s in framework.manifest.stages if s.id == scorecard.next_stage), None)


class _Asks:
    """What the next stage's gate still asks, to test the reasons of planned work against."""

    def __init__(self, framework: Framework, scorecard: Scorecard, plan: Plan) -> None:
        self.framework = framework
        self.facts = scorecard.facts
        self.questions = framework.questions()
        stage = _next_stage(framework, scorecard)
        stages = [s.id for s in framework.manifest.stages]
        disputed = disputed_answers(scorecard)
        # Open: not holding today, or holding only on a disputed answer (What it takes
        # counts these as open too).
        self.terms = (
            tuple(
                term
                for term in gate_terms(framework)[stages.index(stage.id)]
                if term.condition.evaluate(scorecard.facts) is not True
                or any(name in disputed for name in term.condition.reads)
            )
            if stage is not None
            else ()
        )
        self.titles = frozenset(
            f"Gate of {stage.title}: {t.text}" for t in self.terms if stage is not None
        )
        milestone = next((m for m in plan.milestones if m.stage == scorecard.stage), None)
        # Work that ends after the stage is reached is not what reaching it requires.
        self.by = milestone.month if milestone is not None and milestone.reachable else None

    def requires(self, item: PlannedInitiative, reason: Reason) -> bool:
        """Whether `reason` is one the next stage asks for: a term of its gate, or a gap on a
        question an open term asks for, in work that ends by the time the stage is reached."""
        if self.by is not None and item.end_month > self.by:
            return False
        if reason.kind == "gate":
            return reason.title in self.titles
        if reason.kind not in ("gap", "rule"):
            return False
        return any(
            self._asks(term, name, value)
            for name, value in reason.facts
            if name in self.questions
            for term in self.terms
        )

    def _asks(self, term: GateTerm, question: str, value: FactValue) -> bool:
        """Whether a gate term asks for a question: it reads it; or it reads its dimension's
        level or score (or the overall one, when the overall is the weakest dimension's and this
        dimension is below it) and the question is below the level asked (any question, for a
        dimension whose score is the sum of its practices)."""
        reads = term.condition.reads
        if question in reads:
            return True
        dimension = question.partition(".")[0]
        asked = term_threshold(term.text)
        summed = self.framework.dimension(dimension).aggregate == "sum"
        for fact in reads:
            head, _, tail = fact.partition(".")
            if fact in self.questions or head not in (dimension, "overall"):
                continue
            own = f"{dimension}.{tail}"
            if (
                head == "overall"
                and self.framework.manifest.aggregate == "min"
                and asked is not None
                and asked.holds(self.facts.get(own))
            ):
                continue  # not this dimension that holds the overall back
            if asked is None or summed:
                return True
            if not isinstance(value, int | float) or value < asked.value:
                return True
        return False


class FundingRow(NamedTuple):
    """A line of What it takes's table of the funded work: a part, or the whole."""

    part: str
    initiatives: int
    effort: str
    """Person-months (`cost.number_words`)."""
    cost: str | None
    """Its cost at the team's rate; None without a rate."""
    detail: str | None = None
    """How many of its initiatives are there as work the others build on (None: none)."""


def _amount(months: Decimal, rate: Rate | None, words: Translator) -> str:
    """A part's money at the rate, else its person-months. Rounded as every amount of the
    report is (`money_words`), without a second "about": the whole, said just before, has it."""
    if rate is None:
        return work_words(months, None, words)
    return money_words(float(months) * rate.per_month, rate.currency, words)


def _rest_words(part: FundingPart, words: Translator, *, label: bool = False) -> str:
    """What the rest answers: other findings, higher practice levels (toward the target), or
    both; as a clause of the sentence, or as the label of its row (`label`)."""
    findings = any(r.kind == "rule" for i in part.initiatives for r in i.why)
    if findings and part.gaps:
        if label:
            return words.gettext("Other findings and higher practice levels")
        return words.gettext("the other findings and higher practice levels")
    if part.gaps:
        if label:
            return words.gettext("Higher practice levels")
        return words.gettext("higher practice levels")
    if findings:
        return words.gettext("Other findings") if label else words.gettext("the other findings")
    return words.gettext("Other work") if label else words.gettext("the other work")


def split_words(split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH) -> str | None:
    """The funded work by part in one sentence, in money at `rate`, else in person-months:
    `Of it, USD 2.16 million closes what department scale still requires (5 initiatives),
    USD 3.03 million answers 5 high-severity findings and USD 4.83 million goes to the other
    findings and higher practice levels.` None when the work is all one part."""
    if len(split.parts) < 2:
        return None
    clauses = [_clause(part, split, rate, words) for part in split.parts]
    return words.gettext("Of it, %(parts)s.", parts=and_words(clauses, words))


def _clause(part: FundingPart, split: FundingSplit, rate: Rate | None, words: Translator) -> str:
    """One part of `split_words`: an amount of money takes `closes`, person-months `close`."""
    amount = _amount(part.fte_months, rate, words)
    money = rate is not None
    if part.kind == "rest":
        what = _rest_words(part, words)
        if money:
            return words.gettext("%(amount)s goes to %(what)s", amount=amount, what=what)
        return words.gettext("%(amount)s go to %(what)s", amount=amount, what=what)
    if part.kind == "required":
        count = len(part.initiatives)
        stage = (split.stage or "").lower()
        if money:
            return words.ngettext(
                "%(amount)s closes what %(stage)s still requires (%(num)s initiative)",
                "%(amount)s closes what %(stage)s still requires (%(num)s initiatives)",
                count,
                amount=amount,
                stage=stage,
            )
        return words.ngettext(
            "%(amount)s close what %(stage)s still requires (%(num)s initiative)",
            "%(amount)s close what %(stage)s still requires (%(num)s initiatives)",
            count,
            amount=amount,
            stage=stage,
        )
    if not part.findings:
        # Its work is there for high-severity findings whose own work comes in a later wave.
        if money:
            return words.gettext(
                "%(amount)s prepares the answers to high-severity findings", amount=amount
            )
        return words.gettext(
            "%(amount)s prepare the answers to high-severity findings", amount=amount
        )
    if money:
        return words.ngettext(
            "%(amount)s answers %(num)s high-severity finding",
            "%(amount)s answers %(num)s high-severity findings",
            len(part.findings),
            amount=amount,
        )
    return words.ngettext(
        "%(amount)s answer %(num)s high-severity finding",
        "%(amount)s answer %(num)s high-severity findings",
        len(part.findings),
        amount=amount,
    )


def split_rows(
    split: FundingSplit, rate: Rate | None, words: Translator = ENGLISH
) -> tuple[FundingRow, ...]:
    """What it takes's table of the funded work: a row per part, then the whole (empty when
    the work is all one part, as the summary then says nothing more)."""
    if len(split.parts) < 2:
        return ()
    rows = []
    for part in split.parts:
        if part.kind == "required":
            label = words.gettext(
                "What %(stage)s still requires", stage=(split.stage or "").lower()
            )
        elif part.kind == "high":
            label = (
                words.ngettext(
                    "%(num)s high-severity finding",
                    "%(num)s high-severity findings",
                    len(part.findings),
                )
                if part.findings
                else words.gettext("Prerequisites of high-severity findings")
            )
        else:
            label = _rest_words(part, words, label=True)
        row = _row(label, len(part.initiatives), part.fte_months, rate, words)
        if part.prerequisites:
            row = row._replace(
                detail=words.ngettext(
                    "including %(num)s initiative the others build on",
                    "including %(num)s initiatives the others build on",
                    part.prerequisites,
                )
            )
        rows.append(row)
    count = sum(len(p.initiatives) for p in split.parts)
    rows.append(_row(words.gettext("The first wave"), count, split.fte_months, rate, words))
    return tuple(rows)


def _row(
    label: str, count: int, months: Decimal, rate: Rate | None, words: Translator
) -> FundingRow:
    cost = None if rate is None else _amount(months, rate, words)
    return FundingRow(label, count, number_words(months), cost)
