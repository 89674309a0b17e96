"""The client's own words in the report: short quotes from the notes written with the answers
(a workshop's shared note, each respondent's note on their vote), attributed by role.

A finding or a disputed answer that rests on what the client wrote says so in their words. A
quote is cleaned of control characters and line breaks and cut at a word to stay short; markup
is left as text for the templates' autoescape to show as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from readiness.model import Answer, Assessment
from readiness.report.i18n import Translator

QUOTE_CHARS = 170
"""The longest quote, in characters (a sentence or two on the page)."""
THEME_QUOTE_CHARS = 150
LONG_SENTENCE = 2
"""How many times the limit a single first sentence may run and still be quoted whole."""
"""The longest quote under a theme (about a line), so the themes keep their pages."""


class Quote(NamedTuple):
    """Words the client wrote, and who wrote them."""

    text: str
    who: str


def clean_words(text: str) -> str:
    """The text on one line: control and format characters become spaces, runs of white space
    one space."""
    shown = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return re.sub(r"\s+", " ", shown).strip()


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """The text cleaned and, when longer than `limit`, its first sentences that fit, or its
    first sentence whole when that is at most `LONG_SENTENCE` times the limit, else cut at the
    last word that fits with an ellipsis."""
    text = clean_words(text)
    if len(text) <= limit:
        return text
    sentences = re.split(r"(?<=[.;!?])\s+", text)
    kept = ""
    for sentence in sentences:
        joined = f"{kept} {sentence}".strip()
        if len(joined) > limit:
            break
        kept = joined
    if not kept and len(sentences[0]) <= limit * LONG_SENTENCE:
        # A sentence cut in the middle can say the opposite of what was written: a first
        # sentence somewhat over the limit is quoted whole.
        kept = sentences[0]
    if kept:
        return kept.rstrip(";") + ("" if kept.endswith((".", "!", "?")) else "…")
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _people(assessment: Assessment) -> dict[str, str]:
    return {r.id: r.role for r in assessment.respondents}


def shared_note(
    answer: Answer, assessment: Assessment, words: Translator, limit: int = QUOTE_CHARS
) -> Quote | None:
    """The note written with an answer: the workshop's when there were several respondents,
    the one respondent's when there was one, else the organization's."""
    if not answer.note or not clean_words(answer.note):
        return None
    people = list(assessment.respondents)
    who = (
        people[0].role
        if len(people) == 1
        else words.gettext("note agreed in the workshop")
        if people
        else assessment.organization.name
    )
    return Quote(shorten(answer.note, limit), who)


def vote_note(
    answer: Answer, who: str, assessment: Assessment, limit: int = QUOTE_CHARS
) -> Quote | None:
    """A respondent's note on their vote, attributed by their role."""
    note = answer.notes.get(who)
    if not note or not clean_words(note):
        return None
    return Quote(shorten(note, limit), _people(assessment).get(who, who))


def first_vote_note(
    answer: Answer, voters: Iterable[str], assessment: Assessment, limit: int = QUOTE_CHARS
) -> Quote | None:
    """The note of the first of `voters` who wrote one."""
    return next((q for v in voters if (q := vote_note(answer, v, assessment, limit))), None)


def finding_quote(
    keys: Iterable[str],
    assessment: Assessment,
    words: Translator,
    limit: int = THEME_QUOTE_CHARS,
) -> Quote | None:
    """What the client wrote about the practices a finding reads (`keys`, in the order read):
    the note written with the answer, else the note of the lowest vote, whose author saw the
    shortfall the finding names."""
    for key in keys:
        answer = assessment.answers.get(key)
        if answer is None:
            continue
        quote = shared_note(answer, assessment, words, limit)
        if quote is None and answer.votes:
            cast = sorted(
                (vote, order, who)
                for order, (who, vote) in enumerate(answer.votes.items())
                if vote is not None
            )
            quote = first_vote_note(answer, [who for _, _, who in cast], assessment, limit)
        if quote is not None:
            return quote
    return None
