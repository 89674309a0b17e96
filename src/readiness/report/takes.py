"""What it takes to reach the next stage, in words: each thing the stage asks with today's
answer and the planned work that closes it, by when, and the cheapest route to the target when
the plan carries one.
"""

from __future__ import annotations

from typing import NamedTuple

from readiness.condition_terms import split_terms, thresholds
from readiness.model import Framework
from readiness.plan.records import Plan
from readiness.report.gates import gate_view
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import lower_first, month_name
from readiness.score import Scorecard


class Condition(NamedTuple):
    """One thing the next stage asks, in words, with today's answer and what closes it."""

    text: str
    today: str
    met: bool
    closed_by: tuple[str, ...]


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
    """The cheapest route to the target, in a sentence, when the plan carries one."""


def what_it_takes(
    framework: Framework,
    scorecard: Scorecard,
    plan: Plan | None,
    name: str,
    words: Translator = ENGLISH,
) -> WhatItTakes | None:
    """What the next stage asks, what is met, which planned work closes the rest and by when."""
    gate = next((g for g in scorecard.gates if g.stage == scorecard.next_stage), None)
    if gate is None or not gate.condition:
        return None
    view = gate_view(gate, framework, scorecard, words)
    stage_ids = [s.id for s in framework.manifest.stages]
    current = stage_ids.index(scorecard.stage)
    # The work planned up to the next stage's milestone (the first wave): what closes the gap.
    items = [i for i in plan.initiatives if stage_ids.index(i.stage) <= current] if plan else []
    conditions = []

    raw = split_terms(gate.condition) if len(view.terms) > 1 else (gate.condition,)
    for term, said in zip(raw, view.terms, strict=False):
        names = {t.name for t in thresholds(term) or ()}
        dims = {n.split(".")[0] for n in names}
        closers = [
            i.title
            for i in items
            if (reads := {t.name for t in thresholds(i.done_when) or ()}) & names
            or (i.dimension in dims and any(n.endswith((".level", ".score")) for n in names))
            or (not reads and i.dimension in dims)
        ]
        conditions.append(
            Condition(
                text=said.text[:1].upper() + said.text[1:],
                today=said.current,
                met=said.state == "met",
                closed_by=tuple(closers[:3]) if said.state != "met" else (),
            )
        )
    needed = items
    milestone = (
        next((m for m in plan.milestones if m.stage == scorecard.stage), None) if plan else None
    )
    open_count = sum(1 for c in conditions if not c.met)
    person_months = sum(i.effort_fte * i.duration_months for i in needed)
    when = month_name(milestone.date, words) if milestone and milestone.reachable else None
    asked, met = len(conditions), len(conditions) - open_count
    _ = words.gettext
    if asked == 1:
        only = conditions[0]
        sentence = _(
            "%(stage)s asks one thing of %(organization)s: %(condition)s; today %(level)s.",
            stage=gate.title,
            organization=name,
            condition=lower_first(only.text),
            level=only.today,
        )
        sentence += " " + (
            _("It is in place.")
            if only.met
            else _("The planned work closes it by %(month)s.", month=when)
            if when
            else _("The planned work does not close it.")
        )
    else:
        start = words.ngettext(
            "%(stage)s asks %(asked)s things of %(organization)s; %(num)s is in place",
            "%(stage)s asks %(asked)s things of %(organization)s; %(num)s are in place",
            met,
            stage=gate.title,
            asked=asked,
            organization=name,
        )
        if open_count == 0:
            sentence = _("%(clauses)s.", clauses=start)
        elif when:
            work = words.ngettext("%(num)s initiative", "%(num)s initiatives", len(needed))
            sentence = words.ngettext(
                "%(start)s and the planned work (%(work)s of the first wave) closes the other "
                "%(num)s by %(month)s.",
                "%(start)s and the planned work (%(work)s of the first wave) closes the other "
                "%(num)s by %(month)s.",
                open_count,
                start=start,
                work=work,
                month=when,
            )
        else:
            sentence = words.ngettext(
                "%(start)s; %(num)s remains open, and the planned work does not close it.",
                "%(start)s; %(num)s remain open, and the planned work does not close them all.",
                open_count,
                start=start,
            )
    return WhatItTakes(
        to_target=_route_words(plan, framework, words),
        stage=gate.title,
        conditions=tuple(conditions),
        when=when,
        initiatives=len(needed),
        effort=_("about %(work)s person-months", work=format(round(person_months), ",")),
        sentence=sentence,
    )


def _route_words(plan: Plan | None, framework: Framework, words: Translator) -> str | None:
    """The plan's cheapest route to the target in words (format 2.0 plans, when computed)."""
    route = getattr(getattr(plan, "what_it_takes", None), "target", None)
    if route is None:
        return None
    titles = {s.id: s.title for s in framework.manifest.stages}
    stage = titles.get(str(getattr(route, "stage", ""))) or words.gettext("the target")
    count = len(getattr(route, "initiatives", ()))
    months = round(float(getattr(route, "fte_months", 0.0)))
    date = getattr(route, "date", None)
    if isinstance(date, str):
        return words.ngettext(
            "The cheapest route to %(stage)s is %(num)s initiative, about %(work)s "
            "person-months; with that work alone and first, it could be reached by %(month)s.",
            "The cheapest route to %(stage)s is %(num)s initiatives, about %(work)s "
            "person-months; with that work alone and first, it could be reached by %(month)s.",
            count,
            stage=stage.lower(),
            work=format(months, ","),
            month=month_name(date, words),
        )
    return words.ngettext(
        "The cheapest route to %(stage)s is %(num)s initiative, about %(work)s person-months.",
        "The cheapest route to %(stage)s is %(num)s initiatives, about %(work)s person-months.",
        count,
        stage=stage.lower(),
        work=format(months, ","),
    )
