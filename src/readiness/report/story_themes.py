"""The themes of the story: the findings grouped into the 3-5 things that hold the
organization back, each with its severity and what the client answered."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from readiness.conditions import ConditionError, bounds, compile_condition
from readiness.index import fact_space_for
from readiness.model import Assessment, Framework, format_number
from readiness.plan.records import Plan
from readiness.report.consequences import consequence, gap_words, plain_title
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.quotes import Quote, finding_quote
from readiness.report.reading import Reading, finding_as_read, practice_names
from readiness.report.severity import SEVERITY_RANK, SEVERITY_WORDS
from readiness.report.words import and_words, lower_first
from readiness.rules import Finding, RuleResults
from readiness.score import Scorecard

MAX_THEMES = 5
SHOWN = 3
"""The findings a theme says in full; the rest it names in one line."""


class ThemeFinding(NamedTuple):
    """A finding inside a theme."""

    title: str
    """What goes wrong, in plain words: the finding's own headline, or for a finding on a
    practice's level why that level matters (its levels in words when the framework says
    no why)."""
    text: str
    severity: str
    rule: str = ""
    """The rule id (not shown: it ties the finding to the initiatives it recommends)."""
    gap: str = ""
    """For a finding on a practice's level: the practice and its levels in words
    (`Bias testing: today ad hoc; department scale expects repeatable`)."""
    why: str = ""
    """Why it matters, in one plain clause from the framework's words ("" when it says none)."""
    practice: str = ""
    """For a finding on a practice's level: the practice (`Bias testing`)."""


class Theme(NamedTuple):
    """A group of findings that share a cause, and the planned actions that answer it."""

    title: str
    dimension: str
    severity: str
    summary: str
    findings: tuple[ThemeFinding, ...]
    actions: tuple[str, ...]
    quote: Quote | None
    """What the client wrote about the practices its findings read, most severe first."""
    more: str = ""
    """The findings past the first `SHOWN` named in one line (`Also in this theme: visibility
    of ML run costs and ...`), by their practice, else their title; "" when none."""
    counted: int = 0
    """How many findings the theme holds: every finding of its dimension, as the appendix
    lists them (`findings` names each practice once)."""
    lead_open: str = ""
    """Why no planned work answers the lead finding (the theme's title), in words, when other
    planned work answers the theme's other findings; "" when planned work answers it."""


def _theme_summary(
    where: str,
    members: int,
    high: int,
    actions: list[str],
    answered: int,
    lead_open: str,
    words: Translator,
) -> str:
    """`Data foundations is at level 1 (ad hoc); 3 findings, 2 of them high severity; 2
    planned initiatives answer them, starting with ...` (capitalized); `answered` of the
    `members` findings have planned work, and `lead_open` says why the lead finding has none
    ("" when it has)."""
    clauses = [where] if where else []
    clauses.append(
        words.gettext("1 finding, of high severity")
        if high and members == 1
        else words.ngettext(
            "%(num)s finding, %(high)s of them high severity",
            "%(num)s findings, %(high)s of them high severity",
            members,
            high=high,
        )
        if high
        else words.ngettext("%(num)s finding", "%(num)s findings", members)
    )
    first = lower_first(actions[0]) if actions else ""
    if len(actions) > 1 and members == 1:
        answer = words.ngettext(
            "%(num)s planned initiative answers it, starting with %(first)s.",
            "%(num)s planned initiatives answer it, starting with %(first)s.",
            len(actions),
            first=first,
        )
    elif len(actions) > 1 and answered < members:
        answer = words.ngettext(
            "%(num)s planned initiative answers %(answered)s of them, starting with %(first)s.",
            "%(num)s planned initiatives answer %(answered)s of them, starting with %(first)s.",
            len(actions),
            answered=answered,
            first=first,
        )
    elif len(actions) > 1:
        answer = words.ngettext(
            "%(num)s planned initiative answers them, starting with %(first)s.",
            "%(num)s planned initiatives answer them, starting with %(first)s.",
            len(actions),
            first=first,
        )
    elif actions:
        answer = words.ngettext(
            "1 planned initiative answers it: %(first)s.",
            "1 planned initiative answers them: %(first)s.",
            members,
            first=first,
        )
    else:
        answer = words.ngettext(
            "no initiative of the catalogue answers it yet.",
            "no initiative of the catalogue answers them yet.",
            members,
        )
    if lead_open and actions:
        answer = answer.removesuffix(".")
        clauses.append(answer)
        # TRANSLATORS: %(why)s is "waits for work the plan defers past its horizon" or "has
        # no planned work", translated.
        clauses.append(words.gettext("the lead finding %(why)s.", why=lead_open))
    else:
        clauses.append(answer)
    summary = "; ".join(clauses)
    return summary[:1].upper() + summary[1:]


def themes(
    results: RuleResults,
    framework: Framework,
    plan: Plan | None,
    scorecard: Scorecard,
    assessment: Assessment,
    words: Translator = ENGLISH,
) -> tuple[Theme, ...]:
    """The findings grouped by the dimension they concern, most severe group first (at most
    five); each theme names the planned initiatives its findings recommend and quotes what the
    client wrote in the `assessment` about the practices they read."""
    questions = framework.questions()
    groups: dict[str, list[int]] = {}
    for index, finding in enumerate(results.findings):
        groups.setdefault(finding.dimension, []).append(index)
    planned = {i.id: i for i in plan.initiatives} if plan else {}
    names = practice_names(framework)
    aims = getattr(getattr(plan, "target", None), "questions", None)
    ranked = sorted(groups.items(), key=lambda kv: _theme_rank(results, kv[1]))
    found = []
    for dimension_id, indexes in ranked[:MAX_THEMES]:
        every = [results.findings[i] for i in indexes]
        read = {id(f): finding_as_read(f, framework, scorecard, names, words, aims) for f in every}
        members = one_per_practice(every, read, questions.keys())
        try:
            dimension = framework.dimension(dimension_id).title
        except KeyError:
            dimension = dimension_id
        # What the lead finding recommends first, then the rest of the theme's, each in plan
        # order: "answered by" names the first to start of the lead finding's own work, as the
        # summary does.
        lead = members[0]
        chosen = {r for f in members for r in f.recommend if r in planned}
        ordered = sorted(
            (planned[r] for r in chosen),
            key=lambda i: (i.id not in lead.recommend, i.start_month, i.title),
        )
        actions = [i.title for i in ordered]
        answered = sum(1 for f in every if any(r in planned for r in f.recommend))
        lead_open = ""
        if not any(r in planned for r in lead.recommend):
            deferred = {d.id for d in plan.deferred} if plan else set()
            lead_open = (
                words.gettext("waits for work the plan defers past its horizon")
                if any(r in deferred for r in lead.recommend)
                else words.gettext("has no planned work")
            )
        # The theme names a practice once, by its most severe finding; its count is of every
        # finding, as the appendix lists them, so the two pages agree.
        high = sum(1 for f in every if f.severity == "high")
        scored = next((d for d in scorecard.dimensions if d.id == dimension_id), None)
        where = ""
        if scored is not None and scored.level is not None and scored.aggregate != "sum":
            scale = framework.manifest.scale
            where = words.gettext(
                "%(dimension)s is at level %(level)s (%(label)s)",
                dimension=dimension,
                level=format_number(scored.level),
                label=scale.label(scored.level),
            )
        shown = _reason_once(
            [
                _theme_finding(f, read[id(f)], text, words)
                for f, text in zip(
                    members,
                    # A finding titled by its gap is said by its title (and why it matters);
                    # the levels' descriptions are in the appendix of answers.
                    _said_once([_brief(read[id(f)]) for f in members]),
                    strict=True,
                )
            ]
        )
        found.append(
            Theme(
                title=shown[0].title,
                dimension=dimension,
                severity=words.gettext(SEVERITY_WORDS[lead.severity]),
                summary=_theme_summary(
                    where, len(every), high, actions, answered, lead_open, words
                ),
                findings=shown,
                actions=tuple(actions),
                quote=finding_quote(
                    [key for f in members for key in _shortfall_keys(f, framework)],
                    assessment,
                    words,
                ),
                more=_more(shown[SHOWN:], words),
                counted=len(every),
                lead_open=lead_open if actions else "",
            )
        )
    return tuple(found)


def _more(rest: Sequence[ThemeFinding], words: Translator) -> str:
    """`Also in this theme: visibility of ML run costs and feature reuse across models.`"""
    if not rest:
        return ""
    names = [lower_first(f.practice or f.title) for f in rest]
    # A headline may hold a comma of its own: a list of such is kept apart by semicolons.
    items = "; ".join(names) if any("," in n for n in names) else and_words(names, words)
    return words.gettext("Also in this theme: %(items)s.", items=items)


def _theme_rank(results: RuleResults, indexes: list[int]) -> tuple[int, int, int, int]:
    """Where a theme of the findings at `indexes` ranks: by its most severe finding, then by how
    many findings it has at that severity (four high findings hold an organization back more
    than one with a longer tail of medium ones), then by how many it has, then by the order of
    its first finding."""
    ranks = [SEVERITY_RANK[results.findings[i].severity] for i in indexes]
    worst = min(ranks)
    return worst, -ranks.count(worst), -len(indexes), indexes[0]


def one_per_practice(
    findings: Sequence[Finding], read: Mapping[int, Reading], questions: Collection[str]
) -> list[Finding]:
    """The `findings` (`read` by `id`), most severe first, with one finding per practice: of
    several that read the same single question (its level, and the same level in a regulated
    industry), the most severe, and of equally severe ones the one with its own headline
    rather than the practice's levels; findings on several practices are all kept."""
    ranked = sorted(
        findings,
        key=lambda f: (SEVERITY_RANK[f.severity], read[id(f)].gap is not None),
    )
    kept: list[Finding] = []
    seen: set[str] = set()
    for finding in ranked:
        keys = {r.name for r in finding.reads} & set(questions)
        practice = next(iter(keys)) if len(keys) == 1 else None
        if practice is not None and practice in seen:
            continue
        if practice is not None:
            seen.add(practice)
        kept.append(finding)
    return kept


def _theme_finding(finding: Finding, read: Reading, text: str, words: Translator) -> ThemeFinding:
    """A finding as a theme shows it: titled by what goes wrong (see `ThemeFinding.title`),
    with its text less the sentence its title already says."""
    why = consequence(finding.text)
    severity = words.gettext(SEVERITY_WORDS[finding.severity])
    title = plain_title(finding.text, read.gap, read.title, words)
    if read.gap is None:
        return ThemeFinding(title, text, severity, finding.rule, "", why)
    gap = gap_words(read.gap, words)
    if title == gap:
        said = text or (f"{why[:1].upper()}{why[1:]}." if why else "")
        return ThemeFinding(gap, said, severity, finding.rule, gap, why, read.gap.practice)
    rest = [s for s in re.split(r"(?<=[.!?])\s+", text) if s and why not in s]
    return ThemeFinding(title, " ".join(rest), severity, finding.rule, gap, why, read.gap.practice)


def _shortfall_keys(finding: Finding, framework: Framework) -> list[str]:
    """The questions a finding reads that its condition wants below a level (in `x >= 2 and
    y < 2` the shortfall is `y`, and what the client wrote of `x` does not show it); all it
    reads when it bounds none from above."""
    questions = framework.questions()
    keys = [r.name for r in finding.reads if r.name in questions]
    try:
        found = bounds(compile_condition(finding.condition, fact_space_for(framework)).tree)
    except ConditionError:
        return keys
    short = [k for k in keys if k in {b.fact for b in found if b.op in ("<", "<=", "==")}]
    return short or keys


def _reason_once(findings: list[ThemeFinding]) -> tuple[ThemeFinding, ...]:
    """The theme's findings, each without the sentence giving the same reason as an earlier
    one (three practices below Defined in a regulated industry say why regulation matters
    once)."""
    given: set[str] = set()
    kept = []
    for finding in findings:
        if finding.why in given and len(finding.why) >= REPEAT_CHARS:
            sentences = re.split(r"(?<=[.!?])\s+", finding.text)
            finding = finding._replace(text=" ".join(s for s in sentences if finding.why not in s))
        given.add(finding.why)
        kept.append(finding)
    return tuple(kept)


def _brief(read: Reading) -> str:
    """What a theme says of a finding beyond its title: for one titled by a practice's gap, why
    it matters (the levels' descriptions are in the appendix of answers), else its text."""
    return read.text if read.brief is None else read.brief


REPEAT_CHARS = 40
"""The shortest part of a sentence that, said again in the same theme, is left out the second
time (a level's description, typically)."""


def _said_once(texts: list[str]) -> list[str]:
    """The findings' texts, each without the sentences whose substance (what follows their last
    colon) an earlier finding of the theme already said: two findings on one practice quote
    its level's description once."""
    said: list[str] = []
    kept = []
    for text in texts:
        sentences = re.split(r"(?<=[.!?])\s+", text)
        own = [
            sentence
            for sentence in sentences
            if not (
                len(tail := sentence.rpartition(": ")[2]) >= REPEAT_CHARS
                and any(tail in earlier for earlier in said)
            )
        ]
        kept.append(" ".join(own) if own else text)
        said.append(text)
    return kept
