"""A finding as the client's own answer reads it, so the report never contradicts the answer.

A rule's narrative is written once for every client whose answers meet its condition. When the
condition admits a range of levels down to the bottom of the scale (`x < 2` admits "Absent" and
"Ad hoc"), the narrative may speak of the bottom ("models are not tested"), and a client who
answered above it ("tested once, with no defined groups") would read a finding that denies its
own answer. Such a finding on a single practice is said from the client's answer instead: the
level the answer gives and what that level looks like, then what the next level asks, then the
narrative's later sentences (why it matters) when they stand on their own. A finding written
for one exact level (`x == 2`) already says that level; only its title ("Practice: Repeatable,
not yet Defined") is said as the reader says it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from readiness.condition_terms import split_terms, subject_reads, thresholds
from readiness.conditions import ConditionError, FactValue, bounds, compile_condition
from readiness.index import fact_space_for
from readiness.model import Framework, format_number
from readiness.plan.target import stage_levels
from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.words import lower_first, practice_name
from readiness.rules import Finding
from readiness.score import QuestionScore, Scorecard

# A later sentence that opens on one of these leans on the sentence before it.
LEANING = re.compile(
    r"^(?:\S+\s+){0,2}(?:this|these|that|those|it|its|they|them|their|therefore)\b", re.I
)


class Gap(NamedTuple):
    """A practice's level today and the level wanted of it, as the scale labels them."""

    practice: str
    now: str
    needed: str
    why: str
    """`required` (the gate of the stage ahead asks it), `needed` (the stage's standard expects
    it beyond its gate), `targeted` or `next` (see `_why`)."""
    stage: str
    """The title of the stage whose standard asks it (the next stage, or the last reached)."""


class Reading(NamedTuple):
    """A finding's title and text as the report shows them to this client."""

    title: str
    text: str
    rewritten: bool
    """The generic narrative was replaced by the client's answer (it would contradict it)."""
    brief: str | None = None
    """For a finding on one practice's level, titled by its gap (`X: Repeatable today, Defined
    needed`): what the text adds beyond the levels' descriptions (why it matters), which the
    appendix of every answer already shows; "" when it adds nothing. None for other findings."""
    gap: Gap | None = None
    """For a finding titled by a practice's gap: the practice and its levels."""


GAP_TITLES = {
    "required": N_("%(practice)s: %(now)s today, %(needed)s required"),
    "needed": N_("%(practice)s: %(now)s today, %(needed)s expected"),
    "targeted": N_("%(practice)s: %(now)s today, %(needed)s targeted"),
    "next": N_("%(practice)s: %(now)s today, %(needed)s the next step"),
}
"""A practice's gap, by why its next level is wanted (see `_why`)."""


def gap_title(
    practice: str, now: str, needed: str, words: Translator = ENGLISH, why: str = "needed"
) -> str:
    """`Operational monitoring: Repeatable today, Defined required` when the gate of the stage
    ahead asks the level (`why` "required"); `..., Defined expected` when the stage's standard
    asks it beyond its gate ("needed"); `..., Optimized targeted` when only the client's target
    does ("targeted"); `..., Optimized the next step` when none does ("next")."""
    return words.gettext(GAP_TITLES[why], practice=practice, now=now, needed=needed)


def _why(
    key: str | None,
    needed: float,
    framework: Framework,
    scorecard: Scorecard,
    aims: Mapping[str, float] | None,
) -> str:
    """Whether a practice's next level is required (the gate of the stage ahead asks exactly
    that level, and today's answer fails it), needed (the standard of the stage ahead, or of
    the last stage once reached, asks it), targeted (only the client's target asks it) or the
    next step (none asks it). The report counts only the gate's terms as a stage's
    requirements, so only they are said to be required."""
    if key is None:
        return "needed"
    stage_id = scorecard.next_stage or scorecard.stage
    stage = next(s for s in framework.manifest.stages if s.id == stage_id)
    if scorecard.next_stage is not None and _gate_requires(stage.gate, key, needed, framework):
        return "required"
    levels, questions = stage_levels(framework, stage)
    dimension = key.partition(".")[0]
    floor = levels.get(dimension, 0.0) if framework.dimension(dimension).aggregate != "sum" else 0
    if needed <= max(questions.get(key, 0.0), floor) + 1e-9:
        return "needed"
    return "targeted" if (aims or {}).get(key, -1.0) >= needed - 1e-9 else "next"


def _gate_requires(gate: str | None, key: str, level: float, framework: Framework) -> bool:
    """Whether a gate has a term on question `key` that `level` is the lowest scale point to
    meet, where the level below fails it."""
    scale = framework.manifest.scale
    below = level - scale.step
    return any(
        t.name == key and t.holds(level) and not t.holds(below)
        for t in thresholds(gate, fact_space_for(framework)) or ()
    )


def _level_title(title: str, framework: Framework) -> re.Match[str] | None:
    labels = "|".join(re.escape(label) for label in framework.manifest.scale.labels.values())
    return re.fullmatch(rf"(?P<practice>.+): (?P<now>{labels}), not yet (?P<next>{labels})", title)


def practice_names(framework: Framework) -> dict[str, str]:
    """Each question's practice as the framework's level rules name it (`infrastructure.cost`
    -> `Visibility of ML run costs`); questions no level rule names are left out."""
    names: dict[str, str] = {}
    space = fact_space_for(framework)
    questions = framework.questions()
    for rule in framework.rules:
        match = _level_title(rule.title, framework)
        if match is None:
            continue
        try:
            found = bounds(compile_condition(rule.when, space).tree)
        except ConditionError:
            continue
        # A level rule reads one question at one level: `x == 2`, or `x >= 2 and x < 3`
        # (which also holds for a vote mean between the two).
        facts = {b.fact for b in found}
        ops = sorted(b.op for b in found)
        if len(facts) == 1 and ops in (["=="], ["<", ">="]) and found[0].fact in questions:
            names.setdefault(found[0].fact, match["practice"])
    return names


def finding_as_read(
    finding: Finding,
    framework: Framework,
    scorecard: Scorecard,
    names: dict[str, str] | None = None,
    words: Translator = ENGLISH,
    aims: Mapping[str, float] | None = None,
) -> Reading:
    """The finding's title and text, said from the client's answer when the generic
    narrative could contradict it (see the module docstring); `names` from `practice_names`;
    `aims` (question -> the client's target level) tells a level the target asks from one the
    stage needs."""
    scale = framework.manifest.scale
    level_title = _level_title(finding.title, framework)
    questions = framework.questions()
    # What a rule reads only to step aside where another says the same (`and not ...`) is not
    # what its finding is about.
    about = set(subject_reads(finding.condition, fact_space_for(framework)))
    if level_title:
        keys = sorted(about & questions.keys())
        labels = {label: point for point, label in scale.labels.items()}
        why = _why(
            keys[0] if len(keys) == 1 else None,
            labels[level_title["next"]],
            framework,
            scorecard,
            aims,
        )
        title = gap_title(
            level_title["practice"], level_title["now"], level_title["next"], words, why
        )
        gap = Gap(
            level_title["practice"],
            level_title["now"],
            level_title["next"],
            why,
            _stage_title(framework, scorecard),
        )
        return Reading(title, finding.text, False, "", gap)
    unchanged = Reading(finding.title, finding.text, False)
    if len(about) != 1 or not about <= questions.keys():
        return unchanged
    try:
        found = bounds(compile_condition(finding.condition, fact_space_for(framework)).tree)
    except ConditionError:
        return unchanged
    upper = [b for b in found if b.op in ("<", "<=")]
    lower = [b for b in found if b.op in (">", ">=", "==")]
    value = scorecard.facts.get(next(iter(about)))
    # Only a range that reaches the bottom of the scale, read against an answer above it.
    if len(upper) != 1 or lower or not isinstance(value, float | int):
        return unchanged
    now = scale.floor(value)
    if now <= scale.min:
        return unchanged
    bound = upper[0]
    question = questions[bound.fact]
    needed = min(
        scale.max,
        bound.value
        if bound.op == "<" and scale.is_point(bound.value)
        else scale.floor(bound.value) + scale.step,
    )
    practice = (names or {}).get(bound.fact) or practice_name(question)
    today = question.levels.get(now, "")
    placed = {
        "practice": lower_first(practice),
        "label": scale.label(now),
        "level": format_number(now),
    }
    sentences = [
        words.gettext(
            "The answer places %(practice)s at %(label)s (%(level)s): %(descriptor)s",
            descriptor=_sentence(today),
            **placed,
        )
        if today
        else words.gettext("The answer places %(practice)s at %(label)s (%(level)s).", **placed)
    ]
    asks = question.levels.get(needed)
    if asks:
        sentences.append(
            words.gettext(
                "The next step, %(label)s (%(level)s), means: %(descriptor)s",
                label=scale.label(needed),
                level=format_number(needed),
                descriptor=_sentence(asks),
            )
        )
    later = re.split(r"(?<=[.!?])\s+(?=[A-Z])", finding.text.strip())[1:]
    why = " ".join(later) if later and not LEANING.match(later[0]) else ""
    wanted = _why(bound.fact, needed, framework, scorecard, aims)
    return Reading(
        gap_title(practice, scale.label(now), scale.label(needed), words, wanted),
        " ".join([*sentences, why] if why else sentences),
        True,
        why,
        Gap(
            practice,
            scale.label(now),
            scale.label(needed),
            wanted,
            _stage_title(framework, scorecard),
        ),
    )


def _stage_title(framework: Framework, scorecard: Scorecard) -> str:
    """The title of the stage ahead, or of the stage reached when it is the last."""
    stage_id = scorecard.next_stage or scorecard.stage
    return next((s.title for s in framework.manifest.stages if s.id == stage_id), stage_id)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def open_dispute(question: QuestionScore) -> bool:
    """Whether leadership disputes an answer (votes at least the dispute threshold apart) and
    has not settled it: an agreed level recorded next to the votes settles it."""
    return question.disputed and question.status != "consensus"


def disputed_answers(scorecard: Scorecard) -> frozenset[str]:
    """The questions leadership disputes and has not settled (see `open_dispute`)."""
    return frozenset(q.key for d in scorecard.dimensions for q in d.questions if open_dispute(q))


def rests_on_dispute(condition: str | None, framework: Framework, disputed: frozenset[str]) -> bool:
    """Whether a condition reads a disputed answer: what it says cannot be counted as in place
    or achieved until the dispute is settled."""
    if not condition or not disputed:
        return False
    try:
        reads = compile_condition(condition, fact_space_for(framework)).reads
    except ConditionError:
        return False
    return any(name in disputed for name in reads)


def open_terms(condition: str, framework: Framework, facts: Mapping[str, FactValue]) -> str:
    """The terms of an all-of `condition` that do not hold on `facts`, joined again (a term
    already met today is not what is still missing); the whole condition when every term holds,
    when it has one term, or when it cannot be read."""
    terms = split_terms(condition)
    if len(terms) < 2:
        return condition
    space = fact_space_for(framework)
    try:
        missing = [t for t in terms if compile_condition(t, space).evaluate(facts) is not True]
    except ConditionError:
        return condition
    return " and ".join(missing) if missing else condition
