"""The summary's three priorities: the first-wave work that matters first, and why.

A priority is work a board funds now and a chief executive reads as "start now", so it is
chosen the way a partner chooses it, from the first wave (`waves.plan_waves`, the funded work):

1. What holds the organization back: the terms of the next stage's gate that do not hold today
   (`stage_blockers`), those failing outright before those met only on an answer leadership
   disputes; at the last stage, the practices below the level the stage expects of every
   practice. Work serves a term when it raises what the term reads to the level it asks (for a
   dimension's level or the overall score, when it raises a practice of that dimension, or of
   the dimensions holding a minimum overall, above today's answer), or when such work of the first wave waits for it (its prerequisites, all
   the way down): the path to the fix.
2. Each term's first step: the work that closes it and starts first; when that starts more than
   `SOON_MONTHS` after the plan's start, the work on its path that starts first. The first
   steps come first, one per term, the failing terms' before the disputed ones', by when they
   start, then by severity (the findings that asked for them), then by the theme they answer
   (most severe theme first).
3. Places left go to the rest of the first wave: work that closes a failing term, then work
   on a failing term's path, then the same for the disputed terms, then the rest, each by start,
   severity and theme.

Work that starts more than `SOON_MONTHS` after the plan's start comes after every other
candidate, unless nothing else in the first wave serves the next stage. Each priority says why:
what goes wrong (the theme's finding it answers, when it answers one) and what the next stage
needs of it (at the last stage, the finding alone when there is one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from readiness.condition_terms import raised_thresholds, split_terms, thresholds
from readiness.conditions import ConditionError, compile_condition
from readiness.index import fact_space_for
from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import Rate
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import disputed_answers
from readiness.report.severity import SEVERITY_RANK
from readiness.report.standard import last_stage_standard
from readiness.report.standing import binding
from readiness.report.story_plan import Priority, effort_words, status_word, when_words
from readiness.report.story_themes import Theme
from readiness.report.words import (
    condition_words,
    lower_first,
    owner_words,
    practice_name,
    value_words,
)
from readiness.score import Scorecard

PRIORITIES = 3
SOON_MONTHS = 6
"""The latest start, in months after the plan's start, that a priority may have while other
first-wave work serving the next stage starts sooner."""


class Blocker(NamedTuple):
    """A term of the next stage's gate that does not hold today, or a practice below the last
    stage's standard: what holds the organization back."""

    text: str
    """What is asked, in words (`Infrastructure and MLOps: operational monitoring at Defined
    (3) or better`)."""
    today: str
    """Today's answer in words (`Repeatable`)."""
    asks: dict[str, float | None]
    """The questions whose raising serves it, with the level each must reach (None: any level
    above today's answer)."""
    disputed: bool
    """It holds today, but only through an answer leadership disputes."""


class Choice(NamedTuple):
    """A first-wave initiative chosen as a priority, and the blocker it serves first."""

    item: PlannedInitiative
    blocker: Blocker | None
    path_to: PlannedInitiative | None
    """The work closing `blocker` that waits for it, when it serves the blocker as a step on
    the path to it (None when it closes the blocker itself)."""


def stage_blockers(
    framework: Framework, scorecard: Scorecard, plan: Plan, words: Translator = ENGLISH
) -> tuple[Blocker, ...]:
    """What holds the organization back from its next stage, failing terms first; at the last
    stage, the practices below the stage's standard."""
    facts = scorecard.facts
    questions = framework.questions()
    if scorecard.next_stage is None:
        return tuple(
            Blocker(
                lower_first(practice_name(questions[key])),
                _label(facts.get(key), framework, words),
                {key: None},
                False,
            )
            for key in last_stage_standard(framework, plan).below
            if key in questions
        )
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    if gate is None or not gate.condition:
        return ()
    space = fact_space_for(framework, include_stage=False)
    disputed = disputed_answers(scorecard)
    held = {d.id for d in binding(framework, scorecard)}
    found = []
    for term in split_terms(gate.condition):
        try:
            condition = compile_condition(term, space)
        except ConditionError:
            continue
        contested = any(name in disputed for name in condition.reads)
        if condition.evaluate(facts) is True and not contested:
            continue
        asks: dict[str, float | None] = {}
        levels = {t.name: t.value for t in thresholds(term) or () if not t.strict}
        for name in condition.reads:
            head, _, tail = name.partition(".")
            if name in questions:
                asks[name] = levels.get(name)
            elif head == "overall" or (
                head in framework.manifest.dimensions and tail != "coverage"
            ):
                scope = (
                    (held or set(framework.manifest.dimensions)) if head == "overall" else {head}
                )
                asks.update({key: None for key in questions if key.partition(".")[0] in scope})
        reads = condition.reads
        head, _, tail = reads[0].partition(".") if reads else ("", "", "")
        on_scale = len(reads) == 1 and (
            reads[0] in questions
            or (
                tail == "level"
                and head in framework.manifest.dimensions
                and framework.dimension(head).aggregate != "sum"
            )
        )
        today = (
            _label(facts.get(reads[0]), framework, words)
            if on_scale
            else ", ".join(value_words(n, facts.get(n), framework, words) for n in reads)
        )
        found.append(Blocker(_asked_words(term, framework, words), today, asks, contested))
    return tuple(sorted(found, key=lambda b: b.disputed))


def _asked_words(term: str, framework: Framework, words: Translator) -> str:
    """What a gate term asks, short: `operational monitoring at Defined`, `infrastructure and
    MLOps at Repeatable`; any other term as the gate tables say it."""
    asked = thresholds(term) or ()
    scale = framework.manifest.scale
    if len(asked) == 1 and not asked[0].strict and asked[0].value in scale.labels:
        head, _, tail = asked[0].name.partition(".")
        questions = framework.questions()
        fact = (
            practice_name(questions[asked[0].name])
            if asked[0].name in questions
            else framework.dimension(head).title
            if tail == "level" and head in framework.manifest.dimensions
            else None
        )
        if fact is not None:
            return words.gettext(
                "%(fact)s at %(label)s",
                fact=lower_first(fact),
                label=scale.labels[int(asked[0].value)],
            )
    return lower_first(condition_words(term, framework, words))


def _label(value: object, framework: Framework, words: Translator) -> str:
    """Today's level of a practice or dimension by its label (`Repeatable`)."""
    number = _number(value)
    if number is None:
        return words.gettext("no level")
    return framework.manifest.scale.label(number)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def choose(
    wave: Sequence[PlannedInitiative],
    blockers: Sequence[Blocker],
    grouped: Sequence[Theme],
    framework: Framework,
    scorecard: Scorecard,
) -> tuple[Choice, ...]:
    """Up to three first-wave initiatives by the rule of the module docstring."""
    catalogue = {i.id: i for i in framework.initiatives}
    facts = scorecard.facts
    in_wave = {i.id: i for i in wave}

    def closes(item: PlannedInitiative, blocker: Blocker) -> bool:
        if item.id not in catalogue:
            return False
        raised = {t.name: t.value for t in raised_thresholds(catalogue[item.id])}
        for key, level in blocker.asks.items():
            value = raised.get(key)
            if value is None:
                continue
            today = _number(facts.get(key))
            if (level is not None and value >= level - 1e-9) or (
                level is None and (today is None or value > today)
            ):
                return True
        return False

    def waited_for(item: PlannedInitiative) -> set[str]:
        """The first-wave work `item` waits for, all the way down."""
        found: set[str] = set()
        todo = list(item.depends_on)
        while todo:
            other = todo.pop()
            if other in in_wave and other not in found:
                found.add(other)
                todo.extend(in_wave[other].depends_on)
        return found

    rules_theme = {f.rule: n for n, g in enumerate(grouped) for f in g.findings}

    def theme_rank(item: PlannedInitiative) -> int:
        ranks = [
            rules_theme[r.rule] for r in item.why if r.kind == "rule" and r.rule in rules_theme
        ]
        return min(ranks, default=len(grouped))

    closers = {n: [i for i in wave if closes(i, b)] for n, b in enumerate(blockers)}
    paths: dict[int, dict[str, PlannedInitiative]] = {}
    for n, found in closers.items():
        paths[n] = {}
        for closer in sorted(found, key=lambda i: (i.start_month, i.title)):
            for waited in waited_for(closer):
                paths[n].setdefault(waited, closer)
    serving = {i.id for found in closers.values() for i in found} | {
        w for path in paths.values() for w in path
    }
    early = any(in_wave[i].start_month <= SOON_MONTHS for i in serving)

    def order(item: PlannedInitiative) -> tuple[bool, int, int, int, str]:
        late = early and item.start_month > SOON_MONTHS
        severity = SEVERITY_RANK.get(item.severity or "", len(SEVERITY_RANK))
        return (late, item.start_month, severity, theme_rank(item), item.title)

    steps: list[Choice] = []
    for n, blocker in enumerate(blockers):
        soon = [i for i in closers[n] if i.start_month <= SOON_MONTHS]
        path = [in_wave[w] for w in paths[n] if in_wave[w].start_month <= SOON_MONTHS]
        if soon or not path:
            first = min(soon or closers[n], key=order, default=None)
            if first is not None:
                steps.append(Choice(first, blocker, None))
        else:
            first = min(path, key=order)
            steps.append(Choice(first, blocker, paths[n][first.id]))
    chosen: list[Choice] = []
    # On a tie, a term the work closes before one it is on the path to, and a practice's term
    # before a dimension's level (the more specific).
    rank = {id(b): (len(b.asks), n) for n, b in enumerate(blockers)}
    for step in sorted(
        steps,
        key=lambda c: (
            c.blocker is not None and c.blocker.disputed,
            order(c.item),
            c.path_to is not None,
            rank.get(id(c.blocker), (0, 0)),
        ),
    ):
        if len(chosen) < PRIORITIES and all(c.item.id != step.item.id for c in chosen):
            chosen.append(step)

    def tier(item: PlannedInitiative) -> tuple[int, int]:
        """How directly it serves what holds the organization back: a failing term before a
        disputed one, closing it before being on its path; (2, 2) when it serves none."""
        kinds = [(int(b.disputed), 0) for n, b in enumerate(blockers) if item in closers[n]]
        kinds += [(int(b.disputed), 1) for n, b in enumerate(blockers) if item.id in paths[n]]
        return min(kinds, default=(2, 2))

    rest = sorted(
        (i for i in wave if all(c.item.id != i.id for c in chosen)),
        key=lambda i: (order(i)[0], tier(i), *order(i)[1:]),
    )
    for item in rest[: PRIORITIES - len(chosen)]:
        # The term it serves most directly (as `tier` ranks them), else none.
        served = [Choice(item, b, None) for n, b in enumerate(blockers) if item in closers[n]]
        served += [
            Choice(item, b, paths[n][item.id])
            for n, b in enumerate(blockers)
            if item.id in paths[n]
        ]
        served.sort(
            key=lambda c: (c.blocker is not None and c.blocker.disputed, c.path_to is not None)
        )
        chosen.append(served[0] if served else Choice(item, None, None))
    return tuple(chosen)


def priorities(
    wave: tuple[PlannedInitiative, ...],
    grouped: tuple[Theme, ...],
    plan: Plan | None,
    framework: Framework,
    scorecard: Scorecard,
    words: Translator = ENGLISH,
    rate: Rate | None = None,
) -> tuple[Priority, ...]:
    """The three priorities (`choose`), each with what goes wrong and what the next stage needs
    of it, its owner, months and effort."""
    if plan is None or not wave:
        return ()
    blockers = stage_blockers(framework, scorecard, plan, words)
    titles = {s.id: s.title for s in framework.manifest.stages}
    aim = scorecard.next_stage or framework.manifest.stages[-1].id
    found = []
    for choice in choose(wave, blockers, grouped, framework, scorecard):
        item = choice.item
        theme, finding = _answered(item, grouped)
        said = [_sentence(finding)] if finding else []
        last = scorecard.next_stage is None
        # A finding that names the stage already says what it expects; at the last stage the
        # headline says the money goes to the practices below its standard, so a finding is
        # why enough.
        if (
            choice.blocker is not None
            and not (last and finding)
            and titles[aim].lower() not in " ".join(said).lower()
        ):
            said.append(_need_words(choice, titles[aim], last, words))
        elif not said:
            said.append(_other_why(item, plan, words))
        found.append(
            Priority(
                title=item.title,
                why=" ".join(said),
                owner=owner_words(item.owner, framework),
                when=when_words(item, words),
                effort=effort_words(item, words, rate),
                status=status_word(item, words),
                theme=theme,
            )
        )
    return tuple(found)


def _answered(item: PlannedInitiative, grouped: Sequence[Theme]) -> tuple[str | None, str | None]:
    """The most severe theme whose finding the item answers, and that finding's title (what
    goes wrong, as the theme names it)."""
    answered = {r.rule for r in item.why if r.kind == "rule"}
    for group in grouped:
        finding = next((f for f in group.findings if f.rule in answered), None)
        if finding is not None:
            return group.title, finding.title
    return None, None


def _need_words(choice: Choice, stage: str, last: bool, words: Translator) -> str:
    """What the next stage needs that the priority serves, with today's answer, and, for a step
    on the path, the work that builds on it."""
    _ = words.gettext
    blocker = choice.blocker
    assert blocker is not None
    values = {"stage": stage, "need": blocker.text, "today": blocker.today}
    need = (
        _("%(stage)s expects more of %(need)s (today %(today)s).", **values)
        if last
        else _("%(stage)s needs %(need)s (today's answer disputed).", **values)
        if blocker.disputed
        else _("%(stage)s needs %(need)s (today %(today)s).", **values)
    )
    if choice.path_to is None:
        return need
    return _("%(need)s What brings it builds on this.", need=need)


def _other_why(item: PlannedInitiative, plan: Plan, words: Translator) -> str:
    """Why first-wave work that serves no term of the next stage is a priority."""
    if item.status == "in_progress":
        return words.gettext("It is under way and the rest of the first wave builds on it.")
    needed = [r.prerequisite_of for r in item.why if r.kind == "prerequisite" and r.prerequisite_of]
    titles = {i.id: i.title for i in plan.initiatives}
    later = words.gettext("later work")
    if needed:
        return words.gettext(
            "It must come before %(initiative)s.",
            initiative=lower_first(titles.get(needed[0]) or later),
        )
    return words.gettext("It is part of the first wave.")


def _sentence(clause: str) -> str:
    """A clause as a sentence: capitalized, with a full stop."""
    clause = clause.strip()
    return clause[:1].upper() + clause[1:] + ("" if clause.endswith((".", "!", "?")) else ".")
