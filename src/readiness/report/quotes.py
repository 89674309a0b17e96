"""The client's own words in the report: short quotes from the notes written with the answers
(a workshop's shared note, each respondent's note on their vote), attributed by role.

A finding or a disputed answer that rests on what the client wrote says so in their words. A
quote is cleaned of control characters and line breaks, its dates written out, and kept short
by quoting one whole sentence (under a finding, the one that says what is missing); markup is
left as text for the templates' autoescape to show as written.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from readiness.model import Answer, Assessment
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.words import long_date

QUOTE_CHARS = 170
"""The longest quote, in characters (a sentence or two on the page)."""
THEME_QUOTE_CHARS = 150
"""The longest quote under a theme (about a line), so the themes keep their pages."""
LONG_SENTENCE = 2
"""How many times the limit a single sentence may run and still be quoted whole."""
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])")
SHORTFALL = re.compile(
    r"\b(?:but|only|not|no|none|never|without|nobody|cannot|yet|still|by hand)\b", re.I
)
"""Words of a sentence that says what is missing, which is what a finding's quote shows."""
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


class Quote(NamedTuple):
    """Words the client wrote, and who wrote them."""

    text: str
    who: str


def clean_words(text: str) -> str:
    """The text on one line: control and format characters become spaces, runs of white space
    one space."""
    shown = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return re.sub(r"\s+", " ", shown).strip()


def shorten(
    text: str, limit: int = QUOTE_CHARS, words: Translator = ENGLISH, shortfall: bool = False
) -> str:
    """The text cleaned, its dates written out (`2026-09-17` -> `17 September 2026`) and, when
    longer than `limit`, one of its sentences whole: with `shortfall`, the first that says what
    is missing (`but`, `only`, `not` ...), else the first; a sentence more than
    `LONG_SENTENCE` times the limit is cut at the last word that fits, with an ellipsis. A
    sentence is never cut at a semicolon: the clause after it is often the shortfall."""
    text = ISO_DATE.sub(lambda m: _date_words(m, words), clean_words(text))
    if len(text) <= limit:
        return text
    sentences = SENTENCE_END.split(text)
    chosen = next((s for s in sentences if SHORTFALL.search(s)), None) if shortfall else None
    sentence = chosen or sentences[0]
    if len(sentence) <= limit * LONG_SENTENCE:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _date_words(found: re.Match[str], words: Translator) -> str:
    try:
        day = dt.date(int(found["year"]), int(found["month"]), int(found["day"]))
    except ValueError:
        return found[0]
    return long_date(day, words)


def _people(assessment: Assessment) -> dict[str, str]:
    return {r.id: r.role for r in assessment.respondents}


def shared_note(
    answer: Answer,
    assessment: Assessment,
    words: Translator,
    limit: int = QUOTE_CHARS,
    shortfall: bool = False,
) -> Quote | None:
    """The note written with an answer: the workshop's when there were several respondents,
    the one respondent's when there was one, else the organization's (with `shortfall`, its
    sentence that says what is missing: see `shorten`)."""
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
    return Quote(shorten(answer.note, limit, words, shortfall), who)


def vote_note(
    answer: Answer,
    who: str,
    assessment: Assessment,
    limit: int = QUOTE_CHARS,
    words: Translator = ENGLISH,
    shortfall: bool = False,
) -> Quote | None:
    """A respondent's note on their vote, attributed by their role."""
    note = answer.notes.get(who)
    if not note or not clean_words(note):
        return None
    return Quote(shorten(note, limit, words, shortfall), _people(assessment).get(who, who))


def first_vote_note(
    answer: Answer,
    voters: Iterable[str],
    assessment: Assessment,
    limit: int = QUOTE_CHARS,
    words: Translator = ENGLISH,
    shortfall: bool = False,
) -> Quote | None:
    """The note of the first of `voters` who wrote one."""
    return next(
        (q for v in voters if (q := vote_note(answer, v, assessment, limit, words, shortfall))),
        None,
    )


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
        quote = shared_note(answer, assessment, words, limit, shortfall=True)
        if quote is None and answer.votes:
            cast = sorted(
                (vote, order, who)
                for order, (who, vote) in enumerate(answer.votes.items())
                if vote is not None
            )
            quote = first_vote_note(
                answer, [who for _, _, who in cast], assessment, limit, words, shortfall=True
            )
        if quote is not None:
            return quote
    return None
