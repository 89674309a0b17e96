"""The summary's first paragraph on the plan: why the first priority starts when it does, and
which planned work answers what holds the organization back most; when that work is not a
priority, why not (the priorities are first-wave work, and it waits for a prerequisite or runs
past the first wave)."""

from __future__ import annotations

from collections.abc import Sequence

from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.i18n import Translator
from readiness.report.story_plan import Priority
from readiness.report.story_themes import Theme
from readiness.report.waves import Wave
from readiness.report.words import month_name


def first_and_blocker(
    plan: Plan,
    wave: Wave,
    chosen: Sequence[Priority],
    blocker: Theme,
    words: Translator,
) -> tuple[str, ...]:
    """Why the first priority starts when it does, and, when the work that answers the finding
    that holds the organization back most is not a priority, which work it is and why not (it
    waits for its prerequisite or for room in the team, and ends after the first wave)."""
    _ = words.gettext
    by_title = {i.title: i for i in plan.initiatives}
    by_id = {i.id: i for i in plan.initiatives}
    item = by_title.get(chosen[0].title)
    if item is None:
        return ()
    said = []
    if item.start_month > 0:
        needed = [by_id[d].title for d in item.depends_on if d in by_id]
        # Named, not called "the first action": the other priorities may start sooner.
        said.append(
            _(
                "The first priority, “%(action)s”, starts %(month)s, once “%(prerequisite)s” "
                "is done.",
                action=item.title,
                month=month_name(item.start, words),
                prerequisite=needed[0],
            )
            if needed
            else _(
                "The first priority, “%(action)s”, starts %(month)s, when the team's capacity "
                "allows it.",
                action=item.title,
                month=month_name(item.start, words),
            )
        )
    rule = blocker.findings[0].rule if blocker.findings else ""
    answers = [
        i
        for i in sorted(plan.initiatives, key=lambda i: (i.start_month, i.title))
        if any(r.kind == "rule" and r.rule == rule for r in i.why)
    ]
    finding = blocker.findings[0].title if blocker.findings else ""
    titles = [p.title for p in chosen]
    answer = next((i for i in answers if i.title in titles), answers[0] if answers else None)
    if not rule:
        pass
    elif answer is None:
        said.append(_("No planned work answers “%(finding)s” yet.", finding=finding))
    elif answer.title in titles:
        rank = titles.index(answer.title) + 1
        said.append(
            _(
                "What holds it back most (“%(finding)s”) is answered by the first priority.",
                finding=finding,
            )
            if rank == 1
            else _(
                "What holds it back most (“%(finding)s”) is answered by priority %(rank)s.",
                finding=finding,
                rank=rank,
            )
        )
    else:
        said.append(_not_a_priority(answer, finding, plan, wave, words))
    return (" ".join(said),) if said else ()


def _not_a_priority(
    answer: PlannedInitiative,
    finding: str,
    plan: Plan,
    wave: Wave,
    words: Translator,
) -> str:
    """Why the work that answers the biggest problem is not a priority: the priorities are
    first-wave work and it ends after the first wave, as it waits for a prerequisite (or for
    room in the team) or runs long."""
    _ = words.gettext
    values = {
        "finding": finding,
        "initiative": answer.title,
        "month": month_name(answer.start, words),
        "end": month_name(answer.end, words),
    }
    if any(i.id == answer.id for i in wave.initiatives):
        return _(
            "What holds it back most (“%(finding)s”) is answered by “%(initiative)s”, "
            "%(month)s – %(end)s, in the first wave beside the priorities.",
            **values,
        )
    by_id = {i.id: i for i in plan.initiatives}
    needed = [by_id[d] for d in answer.depends_on if d in by_id]
    if needed:
        return _(
            "What holds it back most (“%(finding)s”) is answered by “%(initiative)s”, "
            "%(month)s – %(end)s, not a priority as it waits for “%(prerequisite)s”.",
            prerequisite=max(needed, key=lambda i: i.end_month).title,
            **values,
        )
    return _(
        "What holds it back most (“%(finding)s”) is answered by “%(initiative)s”, %(month)s – "
        "%(end)s, not a priority as it runs past the first wave.",
        **values,
    )
