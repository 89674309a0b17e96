"""The summary's three priorities (chosen by `report.priority_choice`), each with why.

Each priority says why, naming what it itself closes: what goes wrong (the finding it answers,
when it answers one), then the requirement with today's answer and, for a dimension's level or
the overall score, the practice it lifts; a step on a path names the work that builds on it, up
to the work that closes the requirement (by its priority number when it is one); a containment
says by when it contains the harm and which work is the lasting fix. At the last stage, a
finding is why enough; a finding an earlier priority gave is not said again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from readiness.condition_terms import raised_thresholds
from readiness.model import Framework
from readiness.plan.records import Plan, PlannedInitiative
from readiness.report.blockers import level_label, stage_blockers
from readiness.report.cost import Rate
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.priority_choice import Choice, choose
from readiness.report.story_plan import Priority, effort_words, status_word, when_words
from readiness.report.story_themes import Theme, ThemeFinding
from readiness.report.words import lower_first, month_name, owner_words, practice_name
from readiness.score import Scorecard


def priorities(
    wave: tuple[PlannedInitiative, ...],
    grouped: tuple[Theme, ...],
    plan: Plan | None,
    framework: Framework,
    scorecard: Scorecard,
    words: Translator = ENGLISH,
    rate: Rate | None = None,
) -> tuple[Priority, ...]:
    """The three priorities (`choose`), each with why (what goes wrong and what it closes), its
    owner, months and effort."""
    if plan is None or not wave:
        return ()
    blockers = stage_blockers(framework, scorecard, plan, words)
    titles = {s.id: s.title for s in framework.manifest.stages}
    stage = titles[scorecard.next_stage or framework.manifest.stages[-1].id]
    last = scorecard.next_stage is None
    found = []
    told: set[str] = set()
    needs: set[str] = set()
    brings: set[str] = set()
    chosen = choose(wave, blockers, grouped, framework, scorecard)
    ranks = {c.item.id: n for n, c in enumerate(chosen, start=1)}

    def named(item: PlannedInitiative) -> str:
        """Work by its priority number when it is one (the table beside says which), else by
        its title."""
        if item.id in ranks:
            return words.gettext("priority %(rank)s", rank=ranks[item.id])
        return words.gettext("“%(initiative)s”", initiative=item.title)

    for choice in chosen:
        item = choice.item
        theme, finding = _answered(item, grouped)
        # A finding an earlier priority gave is not said again: what this one closes is.
        repeated = finding is not None and finding.title in told
        said = [_sentence(finding.title)] if finding and not repeated else []
        told.add(finding.title if finding else "")
        if choice.path and not said and choice.path[-1].id not in ranks:
            # A step with no finding of its own is worth doing for what the work it leads to
            # answers: that business problem, once (a priority at the end of the path says it
            # in its own row).
            _, ahead = _answered(choice.path[-1], grouped)
            if ahead is not None and ahead.title not in told:
                said.append(_sentence(ahead.title))
                told.add(ahead.title)
        if choice.contains:
            said.append(_contain_words(item, finding.rule if finding else "", plan, words, named))
        # A finding that names the stage already says what it expects; at the last stage the
        # headline says the money goes to the practices below its standard, so a finding is
        # why enough for the work that lifts one.
        elif choice.blocker is not None and (
            choice.path
            or repeated
            or not ((last and finding) or stage.lower() in " ".join(said).lower())
        ):
            need = _need_words(choice, stage, last, framework, scorecard, words, named)
            if choice.blocker.text in needs and choice.path:
                # An earlier priority said what the stage needs and which work brings it.
                closer = named(choice.path[-1])
                need = words.gettext(
                    "%(closer)s builds on it for %(need)s.",
                    closer=closer[:1].upper() + closer[1:],
                    need=choice.blocker.text,
                )
            elif len(choice.blocker.asks) == 1 and choice.blocker.text in needs:
                # An earlier priority said what the stage needs of it and, when it named this
                # one as the work that brings it, that too: else this one closes it.
                need = (
                    ""
                    if item.id in brings
                    else words.gettext("The work closes %(need)s.", need=choice.blocker.text)
                )
            said += [need] if need else []
            needs.add(choice.blocker.text)
            brings |= {choice.path[-1].id} if choice.path else set()
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


def _answered(
    item: PlannedInitiative, grouped: Sequence[Theme]
) -> tuple[str | None, ThemeFinding | None]:
    """The most severe theme whose finding the item answers, and that finding (what goes wrong,
    as the theme names it)."""
    answered = {r.rule for r in item.why if r.kind == "rule"}
    for group in grouped:
        finding = next((f for f in group.findings if f.rule in answered), None)
        if finding is not None:
            return group.title, finding
    return None, None


def _need_words(
    choice: Choice,
    stage: str,
    last: bool,
    framework: Framework,
    scorecard: Scorecard,
    words: Translator,
    named: Callable[[PlannedInitiative], str],
) -> str:
    """What the next stage needs that the priority closes, with today's answer and the practice
    it lifts; for a step on the path, the work that builds on it up to the work that closes it
    (as `named` names work: by its priority number when it is one)."""
    _ = words.gettext
    blocker = choice.blocker
    assert blocker is not None
    values = {"stage": stage, "need": blocker.text, "today": blocker.today}
    if choice.path:
        # What the stage needs first, then the work that brings it: "which" after a chain of
        # priorities would leave the reader to guess what it refers to.
        values |= {"next": named(choice.path[0]), "closer": named(choice.path[-1])}
        said = (
            _(
                "%(stage)s expects %(need)s above %(today)s: %(closer)s brings it, building "
                "on this work.",
                **values,
            )
            if last and len(choice.path) == 1
            else _(
                "%(stage)s expects %(need)s above %(today)s: %(closer)s brings it, building "
                "on this work through %(next)s.",
                **values,
            )
            if last
            else _(
                "%(stage)s needs %(need)s (today %(today)s): %(closer)s brings it, building on "
                "this work.",
                **values,
            )
            if len(choice.path) == 1
            else _(
                "%(stage)s needs %(need)s (today %(today)s): %(closer)s brings it, building on "
                "this work through %(next)s.",
                **values,
            )
        )
        return said[:1].upper() + said[1:]
    need = (
        _("%(stage)s expects %(need)s above %(today)s.", **values)
        if last
        else _("%(stage)s needs %(need)s (today %(today)s).", **values)
    )
    if choice.lifts is None or len(blocker.asks) == 1:
        return need
    raised = {
        t.name: t.value
        for i in framework.initiatives
        if i.id == choice.item.id
        for t in raised_thresholds(i)
    }
    scale = framework.manifest.scale
    return _(
        "%(need)s The work lifts %(practice)s from %(from)s to %(to)s.",
        need=need,
        practice=lower_first(practice_name(framework.questions()[choice.lifts])),
        **{"from": level_label(scorecard.facts.get(choice.lifts), framework, words)},
        to=scale.label(raised[choice.lifts]),
    )


def _contain_words(
    item: PlannedInitiative,
    rule: str,
    plan: Plan,
    words: Translator,
    named: Callable[[PlannedInitiative], str],
) -> str:
    """How a containment answers its finding: by when, and which work is the lasting fix."""
    fixes = sorted(
        (
            i
            for i in plan.initiatives
            if i.id != item.id and any(r.kind == "rule" and r.rule == rule for r in i.why)
        ),
        key=lambda i: (i.end_month, i.title),
    )
    end = month_name(item.end, words)
    if not fixes:
        return words.gettext("The work contains it by %(month)s.", month=end)
    return words.gettext(
        "The work contains it by %(month)s; %(fix)s is the lasting fix, done by %(end)s.",
        month=end,
        fix=named(fixes[-1]),
        end=month_name(fixes[-1].end, words),
    )


def _other_why(item: PlannedInitiative, plan: Plan, words: Translator) -> str:
    """Why first-wave work that serves no requirement of the next stage is a priority."""
    if item.status == "in_progress":
        return words.gettext("The work is under way and the rest of the first wave builds on it.")
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
