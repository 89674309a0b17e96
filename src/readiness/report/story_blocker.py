"""The summary's first paragraph on the plan: why the first priority starts when it does, and
which planned work answers what holds the organization back most; when that work is not a
priority, why not, in the plan's own terms: where it sits (also funded in the first
wave, or after it), what makes it start when it does, as the plan records it (the prerequisite
it builds on, which ends the month before, or what held it after: the team growing, work ending
that frees the team, its owner's other work, the cap on initiatives at once). Work after the
funded first wave does not answer what holds the organization back from what that wave
reaches: the finding is then called the most severe, not what holds it back most, and the
milestone the first wave reaches is said not to wait for it. Then the requirements of the next stage met only on an answer leadership
disputes: the evidence settles each before the work that rests on it starts (the funding
decision does not wait for it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.blockers import stage_blockers
from readiness.report.cost import people
from readiness.report.i18n import Translator
from readiness.report.story_plan import Priority
from readiness.report.story_themes import Theme
from readiness.report.waves import Wave, reach_phrase
from readiness.report.words import and_words, headcount_words, month_name, owner_words
from readiness.score import Scorecard


def first_and_blocker(
    plan: Plan,
    wave: Wave,
    chosen: Sequence[Priority],
    blocker: Theme,
    framework: Framework,
    words: Translator,
    scorecard: Scorecard | None = None,
    *,
    assessed: str,
) -> tuple[str, ...]:
    """Why the first priority starts when it does, and, when the work that answers the finding
    that holds the organization back most is not a priority, which work it is and why not;
    with the `scorecard`, the requirements of the next stage to settle by evidence before their
    work starts. What holds back is said of `assessed` (the organization or its unit, by
    name: after a sentence about the first priority, "it" would read as the priority)."""
    _ = words.gettext
    by_title = {i.title: i for i in plan.initiatives}
    item = by_title.get(chosen[0].title)
    if item is None:
        return ()
    said = []
    why = start_words(item, plan, framework, words)
    if item.start_month > 0:
        # Named, not called "the first action": the other priorities may start sooner. Said
        # without a reason when the plan records none (never a reason it did not have).
        said.append(
            _(
                "The first priority, “%(action)s”, starts %(month)s, %(why)s.",
                action=item.title,
                month=month_name(item.start, words),
                why=why,
            )
            if why is not None
            else _(
                "The first priority, “%(action)s”, starts %(month)s.",
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
                "What holds %(assessed)s back most (“%(finding)s”) is answered by the first "
                "priority.",
                finding=finding,
                assessed=assessed,
            )
            if rank == 1
            else _(
                "What holds %(assessed)s back most (“%(finding)s”) is answered by priority "
                "%(rank)s.",
                finding=finding,
                rank=rank,
                assessed=assessed,
            )
        )
    else:
        said.append(_not_a_priority(answer, finding, plan, wave, framework, words, assessed))
    if scorecard is not None:
        said += _settle_first(scorecard, plan, framework, words)
    return (" ".join(said),) if said else ()


def _settle_first(
    scorecard: Scorecard, plan: Plan, framework: Framework, words: Translator
) -> list[str]:
    """The requirements of the next stage that hold only on a disputed answer: evidence, not
    funded work, settles them, before the work that rests on them starts (the funding of the
    wave stands; none is a priority's reason)."""
    resting = [b for b in stage_blockers(framework, scorecard, plan, words) if b.disputed]
    disputed = [b.text for b in resting]
    if not disputed:
        return []
    work = _work_on(resting[0].asks, plan, framework) if len(resting) == 1 else None
    if work is not None:
        # Named with its month: "its work" would leave the reader to find which work, and when.
        return [
            words.gettext(
                "Settle by evidence the disputed answer behind %(needs)s before “%(work)s” "
                "starts in %(month)s.",
                needs=disputed[0],
                work=work.title,
                month=month_name(work.start, words),
            )
        ]
    return [
        words.ngettext(
            "Settle by evidence the disputed answer behind %(needs)s before its work starts.",
            "Settle by evidence the disputed answers behind %(needs)s before their work starts.",
            len(disputed),
            needs=and_words(disputed, words),
        )
    ]


def _work_on(
    asks: Mapping[str, float | None], plan: Plan, framework: Framework
) -> PlannedInitiative | None:
    """The first planned work that raises one of the questions `asks` names (it rests on their
    answers); None when no planned work does."""
    catalogue = {i.id: i for i in framework.initiatives}
    raising = [
        i
        for i in plan.initiatives
        if i.id in catalogue and any(t.name in asks for t in raised_thresholds(catalogue[i.id]))
    ]
    return min(raising, key=lambda i: (i.start_month, i.title), default=None)


def held_starts(
    chosen: Sequence[Priority], plan: Plan, framework: Framework, words: Translator
) -> tuple[Priority, ...]:
    """The priorities after the first, each whose start the plan holds after its prerequisites
    allow (its owner busy, the team full, the cap on initiatives at once) saying why: a gap
    before it would otherwise set a date with no reason given. The first priority's start is
    the summary's to say (`first_and_blocker`); a team still growing is not said per row."""
    by_title = {i.title: i for i in plan.initiatives}
    told = []
    for n, priority in enumerate(chosen):
        item = by_title.get(priority.title)
        why = (
            None
            if n == 0 or item is None or waits_for(item, plan) is not None
            else start_words(item, plan, framework, words)
        )
        # A team still growing is the plan's ramp-up, not a wait to explain row by row.
        held = item.held if item is not None else None
        if held is None or (held.held_by == "team" and held.team_grew) or why is None:
            told.append(priority)
            continue
        # Its month and owner are beside it (the table's columns): the reason is what is new,
        # said short in a row; the work its owner finishes is the roadmap's to show.
        started = (
            words.gettext("The work waits for its owner to finish other work.")
            if held.held_by == "owner"
            else words.gettext("The work starts %(why)s.", why=why)
        )
        told.append(priority._replace(why=f"{priority.why} {started}".strip()))
    return tuple(told)


def waits_for(item: PlannedInitiative, plan: Plan) -> PlannedInitiative | None:
    """The planned prerequisite an initiative starts on the end of (the one that ends last, when
    it ends the month before the initiative starts); None when it starts with the plan or
    later than its prerequisites allow (`start_words` says what held it)."""
    by_id = {i.id: i for i in plan.initiatives}
    needed = [by_id[d] for d in item.depends_on if d in by_id]
    last = max(needed, key=lambda i: (i.end_month, i.title), default=None)
    if item.start_month == 0 or last is None or last.end_month != item.start_month:
        return None
    return last


def start_words(
    item: PlannedInitiative, plan: Plan, framework: Framework, words: Translator
) -> str | None:
    """What the plan records that makes an initiative start when it does: the prerequisite it
    starts on the end of, else what held it after its prerequisites allowed (the team, ramping
    onto the work, reaching its size; work ending that frees the team; its owner finishing
    other work; the cap on initiatives at once); None when the plan records neither."""
    _ = words.gettext
    waits = waits_for(item, plan)
    if waits is not None:
        return _("once “%(prerequisite)s” is done", prerequisite=waits.title)
    held = item.held
    if held is None:
        return None
    titles = {i.id: i.title for i in plan.initiatives}
    freed = [titles[f] for f in held.freed_by if f in titles]
    if held.held_by == "team" and held.team_grew:
        return _(
            "when the team ramping onto the work reaches %(team)s",
            team=headcount_words((people(held.team),), words)[0],
        )
    if not freed:
        return None
    names = _quoted(freed, words)
    if held.held_by == "owner":
        return _(
            "when its owner (%(owner)s) finishes %(names)s",
            owner=owner_words(item.owner, framework),
            names=names,
        )
    if held.held_by == "parallel_limit" and held.limit is not None:
        return words.ngettext(
            "when %(names)s ends, as at most %(limit)s initiatives run at once",
            "when %(names)s end, as at most %(limit)s initiatives run at once",
            len(freed),
            limit=held.limit,
            names=names,
        )
    return words.ngettext(
        "when %(names)s ends and frees enough of the team",
        "when %(names)s end and free enough of the team",
        len(freed),
        names=names,
    )


def _quoted(titles: Sequence[str], words: Translator) -> str:
    """Titles in quotes, the first named and the rest counted: `“A”`, `“A” and “B”`, `“A”
    and 2 more`."""
    quoted = [words.gettext("“%(title)s”", title=t) for t in titles]
    if len(quoted) <= 2:
        return and_words(quoted, words)
    return words.ngettext(
        "%(first)s and %(num)s more",
        "%(first)s and %(num)s more",
        len(quoted) - 1,
        first=quoted[0],
    )


def _not_a_priority(
    answer: PlannedInitiative,
    finding: str,
    plan: Plan,
    wave: Wave,
    framework: Framework,
    words: Translator,
    assessed: str,
) -> str:
    """Why the work that answers the biggest problem is not a priority: where it sits in the
    plan, what its start waits for, and, after the first wave, what does not wait for it."""
    _ = words.gettext
    values = {
        "finding": finding,
        "initiative": answer.title,
        "month": month_name(answer.start, words),
        "end": month_name(answer.end, words),
        "assessed": assessed,
    }
    start = ("" if answer.start_month == 0 else start_words(answer, plan, framework, words)) or ""
    if any(i.id == answer.id for i in wave.initiatives):
        where = _(
            "What holds %(assessed)s back most (“%(finding)s”) is answered by “%(initiative)s”, "
            "%(month)s – %(end)s, also funded in the first wave",
            **values,
        )
        return _("%(where)s; it starts %(why)s.", where=where, why=start) if start else where + "."
    # Outside the funded first wave it is not what holds the organization back from what that
    # wave reaches: said as the most severe finding, with where and when it is answered.
    reached = wave.reaches[0] if wave.reaches else None
    said = _(
        "“%(finding)s”, the most severe finding, waits for “%(initiative)s” after the first "
        "wave, %(month)s – %(end)s",
        **values,
    )
    if start:
        said = _("%(said)s, %(why)s", said=said, why=start)
    if reached is None:
        return said + "."
    # The milestone the first wave reaches comes before it ends: it does not stand in the way.
    return _(
        "%(said)s; %(reached)s, reached by %(by)s, does not wait for it.",
        said=said,
        reached=reach_phrase(reached, framework, words),
        by=month_name(reached.date, words),
    )
