"""Why the planner deferred an initiative, in the report's words and language.

The plan carries each reason as the planner's one-line text (`would end in month 37, past the
36-month horizon (...)`, `waits for llm-guardrails, deferred`, ...). Each shape the planner
writes is read back here into its parts and said again through the catalogue, with initiative
ids said as their titles and owners as their role titles; a reason of any other shape is shown
as written, its ids said as titles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from readiness.model import Framework
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import owner_words

Words = Callable[[Mapping[str, str]], str]


def _shapes(words: Translator, framework: Framework) -> list[tuple[re.Pattern[str], Words]]:
    _ = words.gettext

    def blocked(what: str) -> str:
        if what == "the team":
            return _("the team")
        if what == "work of higher priority waiting for the team":
            return _("work of higher priority waiting for the team")
        if match := re.fullmatch(r"the team's (?P<fte>[\d.]+) FTE", what):
            return _("the team's %(fte)s FTE", fte=match["fte"])
        if match := re.fullmatch(r"its owner \((?P<owner>.+)\)", what):
            return _("its owner (%(owner)s)", owner=owner_words(match["owner"], framework))
        if match := re.fullmatch(r"the limit of (?P<count>\d+) initiatives at once", what):
            count = int(match["count"])
            return words.ngettext(
                "the limit of %(num)s initiative at once",
                "the limit of %(num)s initiatives at once",
                count,
            )
        return what

    return [
        (
            re.compile(
                r"would end in month (?P<end>\d+), past the (?P<horizon>\d+)-month horizon "
                r"\(it takes (?P<months>\d+) months and could start only in month (?P<start>\d+)\)"
            ),
            lambda m: _(
                "would end in month %(end)s, past the %(horizon)s-month horizon (it takes "
                "%(months)s months and could start only in month %(start)s)",
                **m,
            ),
        ),
        (
            re.compile(r"waits for (?P<ids>.+), deferred"),
            lambda m: _("waits for %(ids)s, itself deferred", **m),
        ),
        (
            re.compile(
                r"waits for (?P<ids>.+), which end too late for it to fit in the "
                r"(?P<horizon>\d+)-month horizon"
            ),
            lambda m: _(
                "waits for %(ids)s, which end too late for it to fit in the %(horizon)s-month "
                "horizon",
                **m,
            ),
        ),
        (
            re.compile(
                r"could not start within the (?P<horizon>\d+)-month horizon: (?P<what>.+) was busy"
            ),
            lambda m: _(
                "could not start within the %(horizon)s-month horizon: %(what)s was busy",
                horizon=m["horizon"],
                what=blocked(m["what"]),
            ),
        ),
    ]


def reason_words(reason: str, framework: Framework, words: Translator = ENGLISH) -> str:
    """The planner's reason in the report's words
    (`waits for llm-guardrails, deferred` -> `waits for “Put tested ...”, itself deferred`)."""
    titles = {i.id: i.title for i in framework.initiatives}

    def said(ids: str) -> str:
        if ids == "its prerequisites":
            return words.gettext("its prerequisites")
        return ", ".join(f"“{titles[i]}”" if i in titles else i for i in ids.split(", "))

    for pattern, say in _shapes(words, framework):
        match = pattern.fullmatch(reason)
        if match:
            parts = match.groupdict()
            if "ids" in parts:
                parts["ids"] = said(parts["ids"])
            return say(parts)
    if not titles:
        return reason
    ids = "|".join(re.escape(i) for i in sorted(titles, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])(?:{ids})(?![\w-])", lambda m: f"“{titles[m.group(0)]}”", reason)
