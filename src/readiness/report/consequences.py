"""Why a finding matters, said from what the framework already wrote.

A rule's narrative says what is wrong and then why it matters: the consequence for the
business is its last sentence that stands on its own (one that opens on "this" or "it" leans
on the sentence before it, and one that says what a level means describes, it does not warn).
A finding on a practice's level may say why the stage ahead asks more of that practice
(`... expects more of this practice: <why>.`): that clause is the reason. A finding written
from the answer (`The answer places X at ..., and <circumstance>.`) with nothing after gives
the circumstance. A narrative with no
such sentence gives none, and the report says the practice's levels instead: it never invents a
consequence.

The consequence names a theme and answers "why this priority" in one plain clause: the part of
the sentence after its last `, so` when that part stands on its own and is long enough
to carry the point ("so a worse model can replace a better one" -> "a worse model can replace
a better one"), else the whole sentence.
"""

from __future__ import annotations

import re

from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.reading import Gap

EXPECTS = re.compile(r"\b(?:expects|asks) more of this practice: (?P<why>[^.]+)\.")
LEVEL_MEANS = re.compile(r"\bmeans:|^The answer places\b|^The next step\b")
ANSWER_PLACES = "The answer places "
SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
CLAUSE = re.compile(r".*,\s+so\s+(?P<tail>.+)$")
LEANS_ON = re.compile(
    r"^(?:this|these|that|those|it|its|they|them|their|such)\b"
    r"|^(?:\S+\s+){0,2}(?:this|these|those|such|it|its|they|them|their)\b"
    r"|\b(?:these|therefore|thus|hence|then|otherwise)\b|\binstead\b(?! of)",
    re.I,
)
"""A sentence that leans on the one before it: it opens on a pronoun, or points back with
`these ...`, `therefore` or `then` ("A finding can then stay open ...": after what?)."""
CONDITIONAL = re.compile(r"\b(?:if|when|once|until)\b.*\bthen\b", re.I)
"""`If X, then Y` states its own premise: its `then` does not point back."""
SHORTEST_CLAUSE = 5
"""The fewest words a clause cut from a sentence needs to carry a consequence on its own."""
LONGEST_HEADLINE = 22
"""The most words a consequence may have to stand as a headline."""

GAP_WORDS = {
    "required": N_("today %(now)s; %(stage)s requires %(needed)s"),
    "needed": N_("today %(now)s; %(stage)s expects %(needed)s"),
    "targeted": N_("today %(now)s; the target is %(needed)s"),
    "next": N_("today %(now)s; %(needed)s is the next step"),
}
"""A practice's levels in words, by why its next level is wanted (see `reading.Gap.why`)."""


def consequence(text: str) -> str:
    """Why the finding whose narrative is `text` matters, in one plain clause without its
    final stop (see the module docstring); "" when the narrative says none."""
    flat = " ".join(text.split())
    expects = EXPECTS.search(flat)
    if expects:
        return expects["why"].strip()
    sentences = SENTENCES.split(flat)
    # The first sentence says what is wrong; a regulated-industry finding says why in its
    # second half (`..., and the organization works in a regulated industry where ...`).
    later = [
        s.rstrip(".!?")
        for s in sentences[1:]
        if not LEVEL_MEANS.search(s) and stands_alone(s) and not s.endswith(":")
    ]
    if not later:
        # A finding written from the answer says the answer, then the circumstance that makes
        # it matter (`The answer places X at Repeatable or below, and the organization works
        # in a regulated industry where ...`).
        first = sentences[0].rstrip(".!?")
        _, joined, tail = first.partition(", and ")
        written = first.startswith(ANSWER_PLACES) and ":" not in first
        return tail if written and joined and _stands(tail) else ""
    sentence = later[-1]
    cut = CLAUSE.search(sentence)
    if cut and _stands(cut["tail"]):
        return cut["tail"].strip()
    return sentence


def stands_alone(sentence: str) -> bool:
    """Whether a sentence reads on its own, quoted as a headline or a reason: it does not
    point back to a sentence before it (see `LEANS_ON`)."""
    return not LEANS_ON.search(sentence) or bool(CONDITIONAL.search(sentence))


def _stands(clause: str) -> bool:
    """Whether a clause cut from a sentence reads on its own."""
    return len(clause.split()) >= SHORTEST_CLAUSE and stands_alone(clause)


def headline(clause: str) -> str | None:
    """The consequence as a headline (capitalized): whole when short enough, else its part
    before the first `, and` when that stands on its own and is; None when neither is."""
    if len(clause.split()) > LONGEST_HEADLINE:
        clause = clause.partition(", and ")[0]
    if not _stands(clause) or len(clause.split()) > LONGEST_HEADLINE:
        return None
    return clause[:1].upper() + clause[1:]


def gap_words(gap: Gap, words: Translator = ENGLISH) -> str:
    """`Bias testing: today Ad hoc; department scale expects Repeatable`: the bars named as the
    summary names them (what the stage's gate requires, what the stage expects beyond it, the
    client's target), each level by its label as the scale writes it, as the priorities do."""
    levels = words.gettext(
        GAP_WORDS[gap.why],
        now=gap.now,
        needed=gap.needed,
        stage=gap.stage.lower(),
    )
    return words.gettext("%(practice)s: %(levels)s", practice=gap.practice, levels=levels)


def plain_title(text: str, gap: Gap | None, title: str, words: Translator = ENGLISH) -> str:
    """What a finding is called wherever the report names it: its own `title` when it is not
    a practice's level (`gap` None), else why that level matters (from its narrative `text`)
    as a headline, else the practice's levels in words."""
    if gap is None:
        return title
    return headline(consequence(text)) or gap_words(gap, words)
