"""Every finding with the initiatives that answer it, each with its one status word."""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework
from readiness.plan.records import Plan
from readiness.report.cards import Item
from readiness.report.consequences import plain_title
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import Reading, finding_as_read, practice_names
from readiness.report.severity import SEVERITY_WORDS
from readiness.report.story_plan import status_word
from readiness.report.words import condition_words, fact_words, value_words
from readiness.rules import Finding, RuleResults
from readiness.score import Scorecard


@dataclass(frozen=True)
class FindingView:
    """A fired rule, with its trace and what it recommends."""

    rule: str
    anchor: str
    title: str
    severity: str
    severity_word: str
    dimension: str
    text: str
    condition: str
    reads: tuple[str, ...]
    recommends: tuple[Item, ...]


def finding_views(
    results: RuleResults,
    framework: Framework,
    plan: Plan | None,
    scorecard: Scorecard,
    words: Translator = ENGLISH,
) -> tuple[FindingView, ...]:
    """Fired rules with the answers they read and where their recommendations went."""
    planned = {i.id: status_word(i, words) for i in plan.initiatives} if plan else {}
    deferred = {d.id for d in plan.deferred} if plan else set()
    achieved = {a.id for a in plan.achieved} if plan else set()
    views = []
    names = practice_names(framework)
    for finding in results.findings:
        recommends = []
        for initiative_id in finding.recommend:
            try:
                title = framework.initiative(initiative_id).title
            except KeyError:
                title = initiative_id
            elsewhere = (
                words.gettext("achieved")
                if initiative_id in achieved
                else words.gettext("deferred")
                if initiative_id in deferred
                else words.gettext("not planned")
            )
            state = planned.get(initiative_id, elsewhere)
            target = f"initiative-{initiative_id}" if initiative_id in planned else ""
            recommends.append(Item(title, "", state, target))
        try:
            dimension = framework.dimension(finding.dimension).title
        except KeyError:
            dimension = finding.dimension
        read = _read(finding, framework, scorecard, plan, names, words)
        views.append(
            FindingView(
                rule=finding.rule,
                anchor=f"finding-{finding.rule}",
                title=plain_title(finding.text, read.gap, read.title, words),
                severity=finding.severity,
                severity_word=words.gettext(SEVERITY_WORDS[finding.severity]),
                dimension=dimension,
                text=read.text,
                condition=condition_words(finding.condition, framework, words),
                reads=tuple(
                    words.gettext(
                        "%(fact)s = %(value)s",
                        fact=fact_words(r.name, framework, words),
                        value=value_words(r.name, r.value, framework, words),
                    )
                    for r in finding.reads
                ),
                recommends=tuple(recommends),
            )
        )
    return tuple(views)


def _read(
    finding: Finding,
    framework: Framework,
    scorecard: Scorecard,
    plan: Plan | None,
    names: dict[str, str],
    words: Translator,
) -> Reading:
    """The finding as the report reads it (`reading.finding_as_read`), against the client's
    target when the plan carries one."""
    aims = getattr(getattr(plan, "target", None), "questions", None)
    return finding_as_read(finding, framework, scorecard, names, words, aims)


def finding_title(
    finding: Finding,
    framework: Framework,
    scorecard: Scorecard,
    plan: Plan | None,
    words: Translator = ENGLISH,
) -> str:
    """What the report calls a finding wherever it names it (the themes, every finding's
    list, the findings the first wave leaves waiting)."""
    read = _read(finding, framework, scorecard, plan, practice_names(framework), words)
    return plain_title(finding.text, read.gap, read.title, words)
