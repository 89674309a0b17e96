"""The plan as the report's templates show it: initiative cards, the list of every initiative,
what is deferred and what is already achieved. One status word per initiative everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from readiness.conditions import ConditionError, FactValue, bounds, compile_condition, terms
from readiness.index import fact_space_for
from readiness.model import Framework
from readiness.plan.calendar import month_label, parse_month
from readiness.plan.records import Plan, PlannedInitiative
from readiness.plan.sizing import sized_kpis
from readiness.report.cost import Rate
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import open_terms, practice_names, rests_on_dispute
from readiness.report.reasons import deferral_words
from readiness.report.severity import SEVERITY_WORDS
from readiness.report.story_plan import effort_words, status_word
from readiness.report.waves import goal_words, wave_goal
from readiness.report.words import (
    condition_words,
    humanize_id,
    lower_first,
    month_name,
    owner_words,
    span_words,
    workstream_words,
)


@dataclass(frozen=True)
class Item:
    """A short line: a title, where it sits, a qualifier, a link target."""

    title: str
    detail: str
    tag: str
    target: str


@dataclass(frozen=True)
class InitiativeView:
    """One initiative: what, who, when, how much, done when, measured how."""

    id: str
    anchor: str
    title: str
    dimension: str
    group: str
    """The workstream it is grouped under, as the roadmap's lanes name it, with the dimension
    it raises when that is another (`Generative AI foundations, for data foundations`)."""
    stage: str
    owner: str
    when: str
    effort: str
    status: str
    severity: str | None
    description: str
    deliverables: tuple[str, ...]
    done_when: str | None
    kpis: tuple[str, ...]


@dataclass(frozen=True)
class RoadmapView:
    """Every initiative of the plan, and what is deferred or already achieved."""

    initiatives: tuple[InitiativeView, ...]
    deferred: tuple[Item, ...]
    achieved: tuple[Item, ...]


def initiative_view(
    item: PlannedInitiative,
    framework: Framework,
    words: Translator = ENGLISH,
    facts: Mapping[str, FactValue] | None = None,
    rate: Rate | None = None,
    plan: Plan | None = None,
    purpose: str | None = None,
) -> InitiativeView:
    """A card of the plan (its effort costed at the team's `rate` when there is one; what it
    is for told against the `plan`'s milestones when given, or as `purpose` says it: its part
    of the first wave's funding, `funding_words.part_labels`)."""
    try:
        dimension = framework.dimension(item.dimension).title
    except KeyError:
        dimension = item.dimension
    stream = workstream_words(item.workstream, framework)
    return InitiativeView(
        id=item.id,
        anchor=f"initiative-{item.id}",
        title=item.title,
        dimension=dimension,
        group=stream
        if stream == dimension
        else words.gettext(
            "%(workstream)s workstream (raises %(dimension)s)",
            workstream=stream,
            dimension=lower_first(dimension),
        ),
        stage=purpose
        or (
            wave_goal(item.stage, framework, words)
            if plan is None
            else goal_words(item, plan, framework, words)
        ),
        owner=owner_words(item.owner, framework),
        when=span_words(item.start, item.end, words),
        effort=effort_words(item, words, rate),
        status=status_word(item, words),
        severity=None if item.severity is None else words.gettext(SEVERITY_WORDS[item.severity]),
        description=item.description,
        deliverables=item.deliverables,
        done_when=_done_when(item, framework, words, facts),
        kpis=_kpis(item, framework, words),
    )


def _done_when(
    item: PlannedInitiative,
    framework: Framework,
    words: Translator,
    facts: Mapping[str, FactValue] | None = None,
) -> str | None:
    """What an auditor would see when it is done: the initiative's own words when the plan
    carries them (format 2.0), else what the levels it should reach look like, in the
    framework's words for those levels (the threshold itself when a term is not a described
    level); a level already in place today (on `facts`) is left out, as it is not what the
    work delivers."""
    written = getattr(item, "exit_criterion", None)
    if isinstance(written, str) and written:
        return written
    if item.done_when is None:
        return None
    condition = item.done_when if facts is None else open_terms(item.done_when, framework, facts)
    return _levels_in_words(condition, framework, words) or condition_words(
        condition, framework, words
    )


def _levels_in_words(condition: str, framework: Framework, words: Translator) -> str | None:
    """A done-when of practice levels (`infrastructure.rollback >= 1`) as what each level
    looks like, in the framework's words for that level of that question; None when a term
    is not a practice at a level the question describes."""
    try:
        tree = compile_condition(condition, fact_space_for(framework)).tree
    except ConditionError:
        return None
    questions = framework.questions()
    found = bounds(tree)
    if not found or len(found) != len(terms(tree)):
        return None
    names = practice_names(framework)
    said = []
    for bound in found:
        question = questions.get(bound.fact)
        if question is None or bound.op not in (">=", "=="):
            return None
        described = question.levels.get(bound.value)
        if not described:
            return None
        said.append(
            (names.get(bound.fact) or humanize_id(question.id), " ".join(described.split()))
        )
    if len(said) == 1:
        return said[0][1]
    return " ".join(
        words.gettext("%(practice)s: %(level)s", practice=name, level=level) for name, level in said
    )


def _kpis(item: PlannedInitiative, framework: Framework, words: Translator) -> tuple[str, ...]:
    """The initiative's KPIs in the report's words, from the framework's records (the plan
    carries them as one-line strings), each month of the work said as the calendar month it
    falls in (`by month 5` of work starting in Jan 2027: `by May 2027`), the months sized to
    the work's duration as the plan sizes them."""
    initiative = next((i for i in framework.initiatives if i.id == item.id), None)
    records = None if initiative is None else sized_kpis(initiative, item.duration_months)
    if records is None or len(records) != len(item.kpis):
        return tuple(_kpi_text(k, words) for k in item.kpis)
    owner = owner_words(item.owner, framework)
    # A target due after the work ends says, inside its own brackets, who holds it then.
    handoff = words.gettext(
        "the %(owner)s holds it after the work ends in %(month)s",
        month=month_name(item.end, words),
        owner=lower_first(owner),
    )
    first = parse_month(item.start)
    return tuple(
        _kpi_text(
            k,
            words,
            handoff if _target_month(k) > item.duration_months else None,
            lambda n: month_name(month_label(first + n - 1), words),
        )
        for k in records
    )


def _target_month(kpi: object) -> int:
    """The month of the work a KPI's target is due (`under 10% by month 9` -> 9); 0 when it
    names none."""
    found = re.search(r"\bby month (\d+)", str(getattr(kpi, "target", "") or ""))
    return int(found.group(1)) if found else 0


MONTH_OF_WORK = re.compile(r"\bmonth (\d+)\b")
"""How the framework's KPIs name a month of the work: `measured in month 1`, `by month 9`."""


def _kpi_text(
    kpi: object,
    words: Translator = ENGLISH,
    handoff: str | None = None,
    calendar: Callable[[int], str] | None = None,
) -> str:
    """A KPI as one line: a plain string, or a record with a name, a baseline and a target
    (and, when its target is due after the work ends, the `handoff`); `calendar` says the
    Nth month of the work as a calendar month (else it stays `month N`)."""
    if isinstance(kpi, str):
        return kpi
    name = str(getattr(kpi, "name", kpi))

    def dated(value: object) -> str:
        text = lower_first(str(value))
        if calendar is None:
            return text
        return MONTH_OF_WORK.sub(lambda found: calendar(int(found.group(1))), text)

    baseline, target = getattr(kpi, "baseline", None), getattr(kpi, "target", None)
    details = [
        *([words.gettext("baseline %(value)s", value=dated(baseline))] if baseline else []),
        *([words.gettext("target %(value)s", value=dated(target))] if target else []),
        *([handoff] if handoff else []),
    ]
    if not details:
        return name
    return words.gettext("%(kpi)s (%(details)s)", kpi=name, details="; ".join(details))


def roadmap_view(
    plan: Plan,
    framework: Framework,
    disputed: frozenset[str] = frozenset(),
    words: Translator = ENGLISH,
    facts: Mapping[str, FactValue] | None = None,
    rate: Rate | None = None,
    since: tuple[str, frozenset[str]] | None = None,
    purposes: Mapping[str, str] | None = None,
) -> RoadmapView:
    """Every planned initiative as a card, the deferred ones with the reason, the achieved
    (not those whose goal rests on a `disputed` answer: they are not counted as achieved); a
    card's "done when" leaves out what is in place on today's `facts`. With `since` (the
    baseline period and the ids achieved after it), an achieved initiative says which side of
    the baseline it was achieved on, so the count since the baseline reads against the list.
    `purposes` (initiative id -> what it is for) overrides the label of the stage it serves."""
    goals = {i.id: i.done_when for i in framework.initiatives}
    return RoadmapView(
        initiatives=tuple(
            initiative_view(i, framework, words, facts, rate, plan, (purposes or {}).get(i.id))
            for i in plan.initiatives
        ),
        deferred=tuple(
            Item(
                d.title,
                wave_goal(d.stage, framework, words),
                deferral_words(d.cause, framework, plan.start, words),
                "",
            )
            for d in plan.deferred
        ),
        achieved=tuple(
            Item(
                a.title,
                ""
                if since is None
                else words.gettext("achieved since %(period)s", period=since[0])
                if a.id in since[1]
                else words.gettext("achieved by %(period)s", period=since[0]),
                words.gettext("reported complete")
                if a.how == "status"
                else words.gettext("its goal is already met"),
                "",
            )
            for a in plan.achieved
            if a.how == "status" or not rests_on_dispute(goals.get(a.id), framework, disputed)
        ),
    )
