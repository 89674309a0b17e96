"""The waves of the roadmap in words: each named by its dates and the stage milestones it
reaches, so that its name, its dates and its milestones agree; work that ends after the plan
reaches its target says what it is for, and each initiative is tagged with the milestone it is
planned to end in time for."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import and_words, month_name


def wave_goal(stage: str, framework: Framework, words: Translator = ENGLISH) -> str:
    """What the work of a stage's wave is for: `toward department scale` (the stage after its
    own), or, for the last stage's work, `enterprise scale practices`."""
    order = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    index = order.index(stage) if stage in order else len(order) - 1
    if index < len(order) - 1:
        return words.gettext("toward %(stage)s", stage=titles[order[index + 1]].lower())
    return words.gettext("%(stage)s practices", stage=titles.get(stage, stage).lower())


def _past_milestones(item: PlannedInitiative, plan: Plan, stage_order: list[str]) -> bool:
    """Whether an initiative ends after the milestone at which the plan reaches the target
    stage (work toward a stage the plan does not reach is not "past" anything)."""
    target = stage_order.index(plan.target.stage)
    reach = [
        m.month for m in plan.milestones if m.reachable and stage_order.index(m.stage) == target - 1
    ]
    return bool(reach) and item.end_month > reach[0]


def _past_why(items: Sequence[PlannedInitiative], words: Translator) -> str:
    """What work past the last milestone is for: the findings it answers, the levels the
    target sets, or both."""
    kinds = {r.kind for i in items for r in i.why}
    if "rule" in kinds and "gap" in kinds:
        return words.ngettext(
            "for the findings it answers and the levels the target sets",
            "for the findings they answer and the levels the target sets",
            len(items),
        )
    if "gap" in kinds:
        return words.gettext("for the levels the target sets")
    return words.ngettext(
        "for the findings it answers, which no stage requires",
        "for the findings they answer, which no stage requires",
        len(items),
    )


def goal_words(item: PlannedInitiative, plan: Plan, framework: Framework, words: Translator) -> str:
    """What an initiative's work is for: the first stage it is planned to end in time for
    (`for strong automated testing, by Jan 2027`); work past the last milestone, what it is
    for; else its wave's goal (`wave_goal`)."""
    order = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    for m in sorted(plan.milestones, key=lambda m: m.month):
        if m.reachable and order.index(m.stage) + 1 < len(order) and item.end_month <= m.month:
            return words.gettext(
                "for %(stage)s, by %(month)s",
                stage=titles[order[order.index(m.stage) + 1]].lower(),
                month=month_name(m.date, words),
            )
    if _past_milestones(item, plan, order):
        return words.gettext("after the last milestone, %(why)s", why=_past_why([item], words))
    return wave_goal(item.stage, framework, words)


def wave_lines(plan: Plan, framework: Framework, words: Translator = ENGLISH) -> tuple[str, ...]:
    """One line per wave: `Wave 1, 11 initiatives, Dec 2026 – Apr 2028: strong automated
    testing reached by Jan 2027 and exceptional reached by Feb 2028; 1 initiative ends after
    the last milestone, ...`; a milestone is claimed by the first wave whose dates hold it; a
    wave that starts before the previous one ends says it runs alongside it."""
    stage_order = [s.id for s in framework.manifest.stages]
    titles = {s.id: s.title for s in framework.manifest.stages}
    waves_seen = list(dict.fromkeys(i.stage for i in plan.initiatives))
    waves = []
    claimed: set[str] = set()
    previous_end = 0
    for number, stage in enumerate(waves_seen, start=1):
        members = [i for i in plan.initiatives if i.stage == stage]
        first = min(members, key=lambda i: i.start_month)
        last = max(members, key=lambda i: i.end_month)
        # A wave is named by its dates and the milestones it reaches, so that its name, its
        # dates and its milestones agree; work past the last milestone says what it is for.
        reached = [
            words.gettext(
                "%(stage)s reached by %(month)s",
                stage=titles[stage_order[stage_order.index(m.stage) + 1]].lower(),
                month=month_name(m.date, words),
            )
            for m in plan.milestones
            if m.reachable
            and m.stage not in claimed
            and stage_order.index(stage) <= stage_order.index(m.stage) < len(stage_order) - 1
            and first.start_month < m.month <= last.end_month
        ]
        claimed.update(
            m.stage for m in plan.milestones if first.start_month < m.month <= last.end_month
        )
        line = words.ngettext(
            "Wave %(wave)s, %(num)s initiative, %(start)s – %(end)s",
            "Wave %(wave)s, %(num)s initiatives, %(start)s – %(end)s",
            len(members),
            wave=number,
            start=month_name(first.start, words),
            end=month_name(last.end, words),
        )
        if reached:
            line = words.gettext(
                "%(wave)s: %(reached)s", wave=line, reached=and_words(reached, words)
            )
        else:
            line = words.gettext(
                "%(wave)s: %(goal)s", wave=line, goal=wave_goal(stage, framework, words)
            )
        past = [i for i in members if _past_milestones(i, plan, stage_order)]
        if reached and past:
            line = words.ngettext(
                "%(wave)s; %(num)s initiative ends after the last milestone, %(why)s",
                "%(wave)s; %(num)s initiatives end after the last milestone, %(why)s",
                len(past),
                wave=line,
                why=_past_why(past, words),
            )
        if number > 1 and first.start_month < previous_end:
            # Work starts once its prerequisites end and the team has room: waves overlap.
            line = words.gettext(
                "%(wave)s, alongside wave %(previous)s", wave=line, previous=number - 1
            )
        previous_end = max(previous_end, last.end_month)
        waves.append(line)
    return tuple(waves)
