"""What each first-wave initiative outside the minimum is for, as the funding split says it
(`readiness.report.funding`): the labels the list of every initiative shows."""

from __future__ import annotations

from readiness.plan.records import PlannedInitiative
from readiness.report.funding import FundingSplit
from readiness.report.i18n import ENGLISH, Translator


def part_labels(split: FundingSplit | None, words: Translator = ENGLISH) -> dict[str, str]:
    """What each first-wave initiative outside the minimum is for, as the split says it (the
    list of every initiative labels it so, not by the stage its wave reaches): `fixes a
    high-severity finding`, `contains 2 live exposures` (a containment step: `fixing`), `beyond
    the minimum for department scale; can be phased`. Empty when the split says nothing of
    parts (all one part); the minimum's initiatives, and the rest at the last stage (where
    nothing is the minimum), keep the label of what their wave reaches."""
    if split is None or len(split.parts) < 2:
        return {}
    required = any(p.kind == "required" for p in split.parts)
    labels: dict[str, str] = {}
    for part in split.parts:
        if part.kind == "required" or (part.kind == "rest" and not required):
            continue
        contained = {c.rule for c in part.contained}
        for item in part.initiatives:
            if part.kind == "rest":
                labels[item.id] = _rest_label(item, split, words)
                continue
            fixed = {r.rule for r in item.why if r.rule in part.findings}
            if item.id in part.steps:
                # A containment step fixes nothing: it holds the exposures until their fixes.
                held = fixed | {r.rule for r in item.why if r.rule in contained}
                labels[item.id] = words.ngettext(
                    "contains a live exposure", "contains %(num)s live exposures", len(held)
                )
                continue
            labels[item.id] = (
                words.ngettext(
                    "fixes a high-severity finding",
                    "fixes %(num)s high-severity findings",
                    len(fixed),
                )
                if fixed
                else words.gettext("prepares the fix of a high-severity finding")
            )
    return labels


def _rest_label(item: PlannedInitiative, split: FundingSplit, words: Translator) -> str:
    """The label of work beyond the minimum (or, when it is not proven the least, beyond the
    work the stage asks for): money already being spent is not offered as money that can
    wait; the rest can be phased when the plan reaches the stage."""
    stage = (split.stage or "").lower()
    if not split.least:
        return (
            words.gettext("not needed for %(stage)s, already under way", stage=stage)
            if item.status == "in_progress"
            else words.gettext("not needed for %(stage)s, can be phased", stage=stage)
            if split.reached_by is not None
            else words.gettext("not needed for %(stage)s", stage=stage)
        )
    if item.status == "in_progress":
        return words.gettext("beyond the minimum for %(stage)s, already under way", stage=stage)
    return words.gettext("beyond the minimum for %(stage)s, can be phased", stage=stage)
