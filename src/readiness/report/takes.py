"""What it takes to reach the next stage, in words: each requirement of the stage (a dimension
level or a practice) with today's answer and the planned work that meets it, by when; then the
least work (the plan's solver, `readiness.plan.what_it_takes`) that puts every practice where
the next stage expects it and, when the plan does not reach the target by its deadline, what
stands in the way and the options (`readiness.report.routes`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from readiness.condition_terms import raised_thresholds, split_terms, thresholds
from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.cost import Rate, person_months, work_words
from readiness.report.gates import gate_view, requirements_words
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.reading import disputed_answers, rests_on_dispute
from readiness.report.routes import Choices, choices_words, route_words
from readiness.report.spend import past_horizon
from readiness.report.standing import binding, level_text, points_text
from readiness.report.story_plan import stage_work
from readiness.report.words import (
    DIMENSION_FACT_WORDS,
    and_words,
    lower_first,
    month_name,
    value_words,
)
from readiness.score import Scorecard

CLOSERS_NAMED = 2
"""The most initiatives named as closing one condition; the rest are counted."""


class Condition(NamedTuple):
    """One thing the next stage asks, in words, with today's answer and what closes it."""

    text: str
    today: str
    met: bool
    """In place, on answers nobody disputes."""
    closed_by: tuple[str, ...]
    disputed: bool = False
    """It would be in place, but only through an answer leadership disputes."""
    beyond: bool = False
    """In place with room to spare: today's value is above what is asked (so worth saying)."""


class WhatItTakes(NamedTuple):
    """What it takes to reach the next stage (the target part is a slot the plan fills)."""

    stage: str
    conditions: tuple[Condition, ...]
    when: str | None
    initiatives: int
    effort: str
    sentence: str
    """The whole answer in a sentence or two: what is asked, what is in place, by when."""
    to_target: str | None = None
    """When the plan does not reach the target by its deadline: the options in one sentence
    (`Choices.summary`; `choices` holds them in full); else the least work that reaches the
    target (None when the plan itself reaches it: its date is then the one said)."""
    to_next: str | None = None
    """The least work that puts every practice where the next stage expects it."""
    earliest: str | None = None
    """The month (YYYY-MM) the target is reached with the planned work and the deferred work it
    needs planned after the horizon, when the plan does not reach it by its deadline."""
    choices: Choices | None = None
    """What stands between the plan and the target, and the options (as `to_target` says)."""

    @property
    def own_page(self) -> bool:
        """Whether it says more than the summary's sentence (several things asked, or a least
        route to go further), so it earns a page of its own."""
        return len(self.conditions) > 1 or bool(self.to_next or self.to_target)


def what_it_takes(
    framework: Framework,
    scorecard: Scorecard,
    plan: Plan | None,
    name: str,
    words: Translator = ENGLISH,
    rate: Rate | None = None,
) -> WhatItTakes | None:
    """What the next stage asks, what is met, which planned work closes the rest and by when;
    a condition met only through a disputed answer is not counted as in place."""
    disputed = disputed_answers(scorecard)
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    if gate is None or not gate.condition:
        return None
    view = gate_view(gate, framework, scorecard, words)
    milestone = (
        next((m for m in plan.milestones if m.stage == scorecard.stage), None) if plan else None
    )
    reached = milestone.month if milestone is not None and milestone.reachable else None
    # The work that closes the gap: what is planned to end by the stage's milestone (whatever
    # its wave), or all the planned work when the plan does not reach the stage.
    closing = stage_work(plan, scorecard.stage) if plan else None
    items = list(closing if closing is not None else plan.initiatives if plan else ())
    conditions = []

    raw = split_terms(gate.condition) if len(view.terms) > 1 else (gate.condition,)
    for term, said in zip(raw, view.terms, strict=False):
        contested = said.state == "met" and (
            said.disputed or rests_on_dispute(term, framework, disputed)
        )
        holds = said.state == "met" and not contested
        conditions.append(
            Condition(
                text=said.text[:1].upper() + said.text[1:],
                today=_today(said.reads, framework, scorecard, disputed, words) or said.current,
                met=holds,
                closed_by=() if holds else _closers(term, items, plan, framework, words),
                disputed=contested,
                beyond=holds
                and any(
                    isinstance(v := scorecard.facts.get(t.name), float | int) and v > t.value
                    for t in thresholds(term) or ()
                ),
            )
        )
    needed = items
    open_count = sum(1 for c in conditions if not c.met)
    needed_work = person_months(needed)
    when = month_name(milestone.date, words) if milestone and reached is not None else None
    asked, met = len(conditions), len(conditions) - open_count
    _ = words.gettext
    if asked == 1:
        only = conditions[0]
        held = binding(framework, scorecard)
        sentence = (
            words.ngettext(
                "%(stage)s needs an %(condition)s. The overall score is that of the weakest "
                "dimension, today %(level)s: %(dimensions)s holds it there.",
                "%(stage)s needs an %(condition)s. The overall score is that of the weakest "
                "dimension, today %(level)s: %(dimensions)s hold it there.",
                len(held),
                stage=gate.title,
                condition=lower_first(only.text),
                level=only.today,
                dimensions=and_words([d.title.lower() for d in held], words),
            )
            if held
            else _(
                "%(stage)s needs %(condition)s; today: %(level)s.",
                stage=gate.title,
                condition=lower_first(only.text),
                level=only.today,
            )
        )
        sentence += " " + (
            _("It is in place.")
            if only.met
            else words.ngettext(
                "The planned work lifts it above that by %(month)s.",
                "The planned work lifts them above that by %(month)s.",
                len(held),
                month=when,
            )
            if when and held
            else _("The planned work closes it by %(month)s.", month=when)
            if when
            else _("The planned work does not close it.")
        )
    else:
        start = words.ngettext(
            "%(stage)s has %(asked)s; %(num)s is met",
            "%(stage)s has %(asked)s; %(num)s are met",
            met,
            stage=gate.title,
            asked=requirements_words([t.reads for t in view.terms], framework, words),
        )
        if open_count == 0:
            sentence = _("%(clauses)s.", clauses=start)
        elif when:
            # How many initiatives that is, and which of them close what is open, are the
            # funding split's (`funding`): a count here would read as a rival figure.
            sentence = words.ngettext(
                "%(start)s, and the work planned to end by %(month)s meets the other %(num)s.",
                "%(start)s, and the work planned to end by %(month)s meets the other %(num)s.",
                open_count,
                start=start,
                month=when,
            )
        else:
            sentence = words.ngettext(
                "%(start)s; %(num)s remains open, and the planned work does not meet it.",
                "%(start)s; %(num)s remain open, and the planned work does not meet them all.",
                open_count,
                start=start,
            )
    routes = plan.what_it_takes if plan else None
    whole = person_months(plan.initiatives) if plan else Decimal(0)
    effort = work_words(needed_work, rate, words)
    if whole > needed_work:
        # Two figures that differ say what each covers (the summary gives the whole plan's).
        whole_said = work_words(whole, rate, words)
        # Where the target needs work past the horizon, the summary's whole plan counts it:
        # this figure is the work planned to the horizon.
        effort = (
            _(
                "%(effort)s, part of the %(whole)s planned to the horizon",
                effort=effort,
                whole=whole_said,
            )
            if plan is not None and past_horizon(plan)
            else _(
                "%(effort)s, part of the whole plan's %(whole)s", effort=effort, whole=whole_said
            )
        )
    to_next = routes.next_stage if routes else None
    stage_ids = [s.id for s in framework.manifest.stages]
    current = stage_ids.index(scorecard.stage)
    wave = sum(
        i.fte_months
        for i in (plan.initiatives if plan else ())
        if stage_ids.index(i.stage) <= current
    )
    if when and to_next is not None and round(to_next.fte_months) <= round(wave):
        # The wave reaches the stage, and the least work that does so is the funding split's
        # minimum (`report.minimum`, the route's figure where the plan holds the route): a route
        # no dearer than the wave would be a second least-work figure, on its own schedule with a
        # second date. Only a route dearer than the wave (an answer the solver could not prove)
        # is said.
        to_next = None
    options = routes.options if routes and plan else None
    if options is not None and when is None:
        # The plan does not reach the next stage: the options toward the target (which holds
        # the next stage's gate) are the one answer, not a second least-work figure.
        to_next = None
    choices = choices_words(options, plan, framework, words, rate) if options and plan else None
    to_target = (
        choices.summary
        if choices is not None
        else route_words(routes.target, framework, name, words, rate)
        if routes
        else None
    )
    return WhatItTakes(
        to_next=route_words(to_next, framework, name, words, rate=rate),
        earliest=options.date if options is not None else None,
        to_target=to_target,
        choices=choices,
        stage=gate.title,
        conditions=tuple(conditions),
        when=when,
        initiatives=len(needed),
        effort=effort,
        sentence=sentence,
    )


def _closers(
    term: str,
    items: list[PlannedInitiative],
    plan: Plan | None,
    framework: Framework,
    words: Translator,
) -> tuple[str, ...]:
    """The planned work that raises what `term` asks to the level it asks (at most three), or,
    when none does, the deferred initiative that would, said as deferred."""
    asked = thresholds(term) or ()
    questions = {t.name: t.value for t in asked if not t.name.endswith((".level", ".score"))}
    dimensions = {t.name.split(".")[0] for t in asked if t.name.endswith((".level", ".score"))}
    catalogue = {i.id: i for i in framework.initiatives}

    def raises(initiative_id: str, dimension: str) -> bool:
        if initiative_id not in catalogue:
            return False
        raised = {t.name: t.value for t in raised_thresholds(catalogue[initiative_id])}
        return any(raised.get(n, -1.0) >= v - 1e-9 for n, v in questions.items()) or (
            dimension in dimensions and any(n.startswith(dimension + ".") for n in raised)
        )

    found = tuple(i.title for i in items if raises(i.id, i.dimension))
    if len(found) > CLOSERS_NAMED:
        more = len(found) - CLOSERS_NAMED
        return (
            *found[:CLOSERS_NAMED],
            words.ngettext("and %(num)s more initiative", "and %(num)s more initiatives", more),
        )
    if found or plan is None:
        return found
    return tuple(
        words.gettext("“%(initiative)s” would, but it is deferred", initiative=d.title)
        for d in plan.deferred
        if d.id in catalogue and raises(d.id, catalogue[d.id].dimension)
    )[:1]


def _today(
    reads: tuple[str, ...],
    framework: Framework,
    scorecard: Scorecard,
    disputed: frozenset[str],
    words: Translator,
) -> str:
    """Today's value of what a condition reads, as one kind of number: a practice or a
    dimension level as its whole level and label (`2 · Repeatable`, even when votes average
    2.25), anything else named with what it is (`score 3`)."""
    questions = framework.questions()
    said = []
    for name in reads:
        value = scorecard.facts.get(name)
        head, _, tail = name.partition(".")
        if not isinstance(value, float | int):
            said.append(value_words(name, value, framework, words))
            continue
        on_scale = name in questions or (
            tail == "level"
            and head in framework.manifest.dimensions
            and framework.dimension(head).aggregate != "sum"
        )
        sums = [
            d for d in framework.manifest.dimensions if framework.dimension(d).aggregate == "sum"
        ]
        if on_scale:
            text = level_text(value, framework, words)
        elif name == "overall.score" and sums and framework.manifest.aggregate == "min":
            text = points_text(value, framework, sums[0], words)
        else:
            known = DIMENSION_FACT_WORDS.get(tail)
            fact = words.gettext(known) if known else tail
            # TRANSLATORS: what a condition reads and its value today, e.g. "score 3".
            text = words.gettext(
                "%(fact)s %(value)s", fact=fact, value=value_words(name, value, framework, words)
            )
        said.append(words.gettext("%(value)s, disputed", value=text) if name in disputed else text)
    # TRANSLATORS: the separator between the values a condition reads.
    return words.gettext("; ").join(said)


def target_complete(plan: Plan | None, target_date: str | None, words: Translator) -> str | None:
    """See `Story.target_complete`: the latest month What it takes's options give the target's
    late levels, when the plan reaches the target's stage and misses the deadline only by them
    (None when a late level has no month: nothing planned brings it)."""
    if plan is None or target_date is None or plan.deadline_fits is not False:
        return None
    options = plan.what_it_takes.options if plan.what_it_takes else None
    dates = [p.date for p in options.late] if options is not None else []
    if not dates or None in dates:
        return None
    return month_name(max(d for d in dates if d is not None), words)
