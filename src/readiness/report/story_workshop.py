"""Where leadership agrees and disagrees, as the story says it: open disputes with every vote
and its weight, the value they give, and the evidence that would settle them (`story_workshop`),
in the order the workshop takes them (those that decide the stage first)."""

from __future__ import annotations

from typing import NamedTuple

from readiness.model import Assessment, Framework, format_number
from readiness.report.agenda_cards import value_shown
from readiness.report.i18n import N_, Translator
from readiness.report.quotes import Quote, first_vote_note, shared_note
from readiness.report.stakes import session_agenda
from readiness.report.words import lower_first
from readiness.score import Scorecard
from readiness.workshop import AgendaItem, CastVote, WorkshopView


class Dispute(NamedTuple):
    """A question leadership answered far apart, and what would settle it."""

    question: str
    dimension: str
    low: str
    high: str
    low_voters: tuple[str, ...]
    high_voters: tuple[str, ...]
    settled: bool
    evidence: str
    quote: Quote | None
    """The client's words the dispute rests on."""
    votes: tuple[str, ...]
    """Every vote, one line per level from the lowest, each voter with their weight when it is
    not 1 (`Chief Technology Officer (counts 2 times): 4 · Optimized`)."""
    value: str
    """What the votes give and how (`The votes give 3: the weighted mean of the votes.`)."""
    deciding: bool
    """Whether the stage turns on the level recorded."""


class Workshop(NamedTuple):
    """Where leadership agrees and where it does not."""

    voters: int
    questions: int
    consensus: str
    disputes: tuple[Dispute, ...]
    open_disputes: int
    sentence: str


def _quote(
    key: str, cast: list[CastVote], low: float, assessment: Assessment, words: Translator
) -> Quote | None:
    """The client's words a disputed question rests on: the note the workshop wrote with the
    answer, else what one of the lowest voters wrote (why the level is in doubt)."""
    answer = assessment.answers.get(key)
    if answer is None:
        return None
    return shared_note(answer, assessment, words) or first_vote_note(
        answer, [v.who for v in cast if v.vote == low], assessment, words=words
    )


def _vote_lines(item: AgendaItem, framework: Framework, words: Translator) -> tuple[str, ...]:
    """Every vote, voters grouped by level from the lowest (n/a last), weights said."""
    by_level: dict[float | None, list[str]] = {}
    for vote in item.votes:
        who = (
            vote.label
            if vote.weight == 1
            else words.gettext(
                "%(who)s (counts %(times)s times)",
                who=vote.label,
                times=format_number(vote.weight),
            )
        )
        by_level.setdefault(vote.vote, []).append(who)
    scale = framework.manifest.scale
    not_applicable = words.gettext("n/a")
    lines = []
    for level in sorted(by_level, key=lambda v: (v is None, v or 0.0)):
        shown = (
            not_applicable if level is None else f"{format_number(level)} · {scale.label(level)}"
        )
        lines.append(
            words.gettext("%(voters)s: %(level)s", voters=", ".join(by_level[level]), level=shown)
        )
    return tuple(lines)


VALUE_WORDS = {
    ("mean", False): N_("Averaged, the votes give %(value)s."),
    ("mean", True): N_("Averaged with each voter's weight, the votes give %(value)s."),
    ("median", False): N_("The middle vote gives %(value)s."),
    ("median", True): N_("Counting each voter's weight, the middle vote gives %(value)s."),
}
"""What the votes give when it is a level, by how the framework combines them and whether
weights count."""
BETWEEN_WORDS = {
    ("mean", False): N_("Averaged, the votes fall between %(low)s and %(high)s."),
    ("mean", True): N_(
        "Averaged with each voter's weight, the votes fall between %(low)s and %(high)s."
    ),
    ("median", False): N_("The middle votes fall between %(low)s and %(high)s."),
    ("median", True): N_(
        "Counting each voter's weight, the middle votes fall between %(low)s and %(high)s."
    ),
}
"""What the votes give between two levels: the levels, not a decimal a reader must decode."""


def _value(item: AgendaItem, aggregate: str, framework: Framework, words: Translator) -> str:
    """What the votes give, and how they were combined (`Averaged, the votes give 2
    (Repeatable).`; `Averaged, the votes fall between Repeatable and Defined.`)."""
    if item.vote_value is None:
        return words.gettext("Every vote was n/a.")
    weighted = any(v.weight != 1 for v in item.votes if v.vote is not None)
    scale = framework.manifest.scale
    low = scale.floor(item.vote_value)
    if abs(item.vote_value - low) < 1e-9 or low >= scale.max:
        value = words.gettext(
            "%(value)s (%(label)s)", value=value_shown(item.vote_value), label=scale.label(low)
        )
        said = VALUE_WORDS.get((aggregate, weighted))
        if said is None:
            return words.gettext("The votes give %(value)s.", value=value)
        return words.gettext(said, value=value)
    levels = {"low": scale.label(low), "high": scale.label(min(scale.max, low + scale.step))}
    between = BETWEEN_WORDS.get((aggregate, weighted))
    if between is None:
        return words.gettext("The votes fall between %(low)s and %(high)s.", **levels)
    return words.gettext(between, **levels)


def story_workshop(
    view: WorkshopView | None,
    assessment: Assessment,
    framework: Framework,
    scorecard: Scorecard,
    words: Translator,
) -> Workshop | None:
    """Where leadership agrees and where it does not; None without votes."""
    if view is None or not view.voted:
        return None
    agenda, stakes, _ = session_agenda(view, framework, assessment, scorecard)
    spreads = [d for d in view.dimensions if d.spread is not None]
    agreed = sorted(spreads, key=lambda d: (d.disputed, d.spread or 0.0))
    calm = [d.title for d in agreed if d.disputed == 0][:2]
    agreed_count = view.voted - view.disputed
    # Agreement is defined where it is counted: votes closer than the dispute threshold.
    within = (
        words.gettext("within one level of each other")
        if view.dispute_threshold == 2
        else words.gettext(
            "less than %(apart)s levels apart", apart=format_number(view.dispute_threshold)
        )
    )
    if calm:
        areas = (
            calm[0]
            if len(calm) == 1
            # TRANSLATORS: two dimension titles.
            else words.gettext("%(first)s and %(second)s", first=calm[0], second=calm[1])
        )
        consensus = words.ngettext(
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s question, and on "
            "every question of %(areas)s.",
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s questions, and on "
            "every question of %(areas)s.",
            view.voted,
            agreed=agreed_count,
            areas=areas,
            within=within,
        )
    else:
        consensus = words.ngettext(
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s question.",
            "Leadership's votes are %(within)s on %(agreed)s of %(num)s questions.",
            view.voted,
            agreed=agreed_count,
            within=within,
        )
    scale = framework.manifest.scale
    disputes = []
    for item in (*agenda, *view.settled):
        cast = [v for v in item.votes if v.vote is not None]
        if not cast:
            continue
        low = min(v.vote for v in cast if v.vote is not None)
        high = max(v.vote for v in cast if v.vote is not None)
        disputes.append(
            Dispute(
                question=item.text,
                dimension=item.dimension_title,
                low=f"{format_number(low)} · {scale.label(low)}",
                high=f"{format_number(high)} · {scale.label(high)}",
                low_voters=tuple(v.label for v in cast if v.vote == low),
                high_voters=tuple(v.label for v in cast if v.vote == high),
                settled=item.consensus is not None,
                evidence=item.evidence,
                quote=_quote(item.key, cast, low, assessment, words),
                votes=_vote_lines(item, framework, words),
                value=_value(item, view.vote_aggregate, framework, words),
                deciding=item.key in stakes and stakes[item.key].deciding,
            )
        )
    open_count = len(view.agenda) + len(view.left_off)
    settled = len(view.settled)
    voters = len(view.respondents)
    if not view.disputed:
        sentence = words.ngettext(
            "%(voters)s leaders voted on %(num)s questions and agreed on every one.",
            "%(voters)s leaders voted on %(num)s questions and agreed on every one.",
            view.voted,
            voters=voters,
        )
    else:
        clauses = [
            words.ngettext(
                "%(voters)s leaders voted on %(voted)s questions and disagreed on %(num)s question",
                "%(voters)s leaders voted on %(voted)s questions and disagreed on %(num)s "
                "questions",
                view.disputed,
                voters=voters,
                voted=view.voted,
            )
        ]
        if settled:
            clauses.append(
                # TRANSLATORS: a clause of the workshop sentence; %(num)s counts disputed
                # questions the workshop agreed a level for.
                words.ngettext("the room settled %(num)s", "the room settled %(num)s", settled)
            )
        if open_count:
            clauses.append(
                words.ngettext(
                    # The agenda's order (the stage's disputes, then the next stage's) picks the
                    # area: "widest" would be wrong when a settled question spread further.
                    "%(num)s stays open until the evidence settles it (first to discuss: %(area)s)",
                    "%(num)s stay open until the evidence settles them (first to discuss: "
                    "%(area)s)",
                    open_count,
                    area=lower_first(disputes[0].dimension),
                )
            )
        # TRANSLATORS: clauses already translated, joined by semicolons, ended as a sentence.
        sentence = words.gettext("%(clauses)s.", clauses="; ".join(clauses))
    return Workshop(
        voters=voters,
        questions=view.voted,
        consensus=consensus,
        disputes=tuple(disputes),
        open_disputes=open_count,
        sentence=sentence,
    )
