"""Where leadership disagrees: the workshop view of an assessment with respondents' votes.

Pure functions from an assessment, its framework and its scorecard to a `WorkshopView`:
- a heatmap of respondents x dimensions, each cell the dimension score that respondent's votes
  alone would give (every vote of theirs taken as the level, everyone else's left out), with
  the workshop's own scores as the last row;
- the discussion agenda: the disputed questions (votes `dispute_threshold` or more levels
  apart) that no consensus has settled yet, most disputed first (by spread, then standard
  deviation, then the question's weight, then framework order), at most `limit` of them, each
  with every respondent's vote and note and the descriptors of the levels in play;
- the disputed questions a consensus `level` has already settled: the consensus takes
  precedence over the aggregate of the votes, and the view says what it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import Field

from readiness.model import NA, Answer, Assessment, Framework, Model, Question, Respondent
from readiness.score import QuestionScore, Scorecard, score_assessment

AGENDA_LIMIT = 10


class Person(Model):
    """A respondent, as the workshop section names them."""

    id: str = Field(description="Respondent id.")
    role: str = Field(description="Their role.")
    name: str | None = Field(description="Their name, when the assessment gives it.")
    label: str = Field(description="How the report names them: the name and role, or the role.")


class HeatCell(Model):
    """One respondent's score on one dimension, from their votes alone."""

    dimension: str = Field(description="Dimension id.")
    score: float | None = Field(description="Dimension score; None when they voted on nothing.")
    percent: float | None = Field(description="The score as a share of the attainable range.")
    level: float | None = Field(description="The dimension level their votes give.")
    answered: int = Field(description="Questions of the dimension they voted on (not n/a).")
    insufficient: bool = Field(description="Their votes cover too little of the dimension.")


class HeatRow(Model):
    """A heatmap row: one respondent (or the workshop as a whole) across the dimensions."""

    who: str = Field(description="Respondent id, or `workshop` for the aggregated row.")
    label: str = Field(description="Row label.")
    cells: tuple[HeatCell, ...] = Field(description="One cell per dimension, framework order.")
    score: float | None = Field(description="Overall score.")
    percent: float | None = Field(description="Overall score as a percentage.")
    stage: str = Field(description="The stage this row's answers alone would reach.")
    stage_title: str = Field(description="That stage's title.")


class DimensionSpread(Model):
    """How far apart the respondents are on one dimension."""

    id: str = Field(description="Dimension id.")
    title: str = Field(description="Dimension title.")
    spread: float | None = Field(
        description="Highest minus lowest respondent score; None with fewer than two scores."
    )
    disputed: int = Field(description="Disputed questions in the dimension.")


class CastVote(Model):
    """One respondent's vote on one question, with what they said about it."""

    who: str = Field(description="Respondent id.")
    label: str = Field(description="How the report names them.")
    vote: float | None = Field(description="Their level; None when they said n/a.")
    weight: float = Field(description="Their weight on this question's dimension.")
    note: str | None = Field(description="Their note on this question.")


class LevelInPlay(Model):
    """A level somebody voted for, with its descriptor and who chose it."""

    level: float | None = Field(description="The level; None for n/a.")
    label: str = Field(description="The scale label, or n/a.")
    descriptor: str = Field(description="The question's descriptor of this level.")
    voters: tuple[str, ...] = Field(description="Respondent ids who voted for it.")


class AgendaItem(Model):
    """A disputed question, with everything the workshop needs to settle it."""

    rank: int = Field(description="Position on the agenda, from 1.")
    key: str = Field(description="`<dimension>.<question>`.")
    dimension: str = Field(description="Dimension id.")
    dimension_title: str = Field(description="Dimension title.")
    text: str = Field(description="The question.")
    weight: float = Field(description="The question's weight in its dimension.")
    critical: bool = Field(description="Whether the question caps its dimension's level.")
    spread: float = Field(description="Highest minus lowest vote.")
    stdev: float = Field(description="Population standard deviation of the votes.")
    vote_value: float | None = Field(description="What the votes aggregate to.")
    consensus: float | None = Field(description="The consensus level recorded, if any.")
    value: float | None = Field(description="The value scoring uses: consensus, else votes.")
    votes: tuple[CastVote, ...] = Field(description="Every respondent's vote, in their order.")
    levels: tuple[LevelInPlay, ...] = Field(description="The levels voted for, lowest first.")
    evidence: str = Field(description="What to ask for to settle the question.")
    note: str | None = Field(description="The shared note of the answer, if any.")


class WorkshopView(Model):
    """Everything the "Where leadership disagrees" section shows."""

    respondents: tuple[Person, ...] = Field(description="Respondents in the assessment's order.")
    dimensions: tuple[DimensionSpread, ...] = Field(description="Dimensions, framework order.")
    heatmap: tuple[HeatRow, ...] = Field(
        description="One row per respondent, then the workshop's own scores."
    )
    vote_aggregate: str = Field(description="How votes combine: mean or median.")
    dispute_threshold: float = Field(description="Spread at which a question is disputed.")
    voted: int = Field(description="Questions that received votes.")
    disputed: int = Field(description="Questions whose votes are disputed, settled or not.")
    agenda: tuple[AgendaItem, ...] = Field(description="Open disputes to discuss, ranked.")
    left_off: tuple[str, ...] = Field(
        description="Open disputes beyond the agenda's limit, in rank order."
    )
    settled: tuple[AgendaItem, ...] = Field(
        description="Disputed questions a consensus level has settled, ranked the same way."
    )


def person(respondent: Respondent) -> Person:
    """How the workshop section names a respondent."""
    label = f"{respondent.name} ({respondent.role})" if respondent.name else respondent.role
    return Person(id=respondent.id, role=respondent.role, name=respondent.name, label=label)


def respondent_assessment(assessment: Assessment, respondent_id: str) -> Assessment:
    """The assessment as this respondent alone answered it: each of their votes as the level
    (n/a where they said n/a), every other answer left out."""
    answers: dict[str, Answer] = {}
    for key, answer in assessment.answers.items():
        if respondent_id not in answer.votes:
            continue
        vote = answer.votes[respondent_id]
        answers[key] = Answer(na=True) if vote is None else Answer(level=vote)
    return assessment.model_copy(update={"answers": answers, "respondents": []})


def score_respondent(assessment: Assessment, framework: Framework, respondent_id: str) -> Scorecard:
    """The scorecard of one respondent's votes alone."""
    return score_assessment(respondent_assessment(assessment, respondent_id), framework)


def _row(who: str, label: str, card: Scorecard) -> HeatRow:
    return HeatRow(
        who=who,
        label=label,
        cells=tuple(
            HeatCell(
                dimension=d.id,
                score=d.score,
                percent=d.percent,
                level=d.level,
                answered=d.answered,
                insufficient=d.insufficient,
            )
            for d in card.dimensions
        ),
        score=card.score,
        percent=card.percent,
        stage=card.stage,
        stage_title=card.stage_title,
    )


def _levels(
    question: Question, votes: Sequence[CastVote], labels: dict[float, str]
) -> tuple[LevelInPlay, ...]:
    chosen: dict[float | None, list[str]] = {}
    for vote in votes:
        chosen.setdefault(vote.vote, []).append(vote.who)
    ordered = sorted(chosen, key=lambda v: (v is None, v or 0.0))
    return tuple(
        LevelInPlay(
            level=level,
            label=NA if level is None else labels.get(level, ""),
            descriptor=(question.na_when or "Does not apply.")
            if level is None
            else question.levels.get(level, ""),
            voters=tuple(chosen[level]),
        )
        for level in ordered
    )


def rank_key(scored: QuestionScore, order: int) -> tuple[float, float, float, int]:
    """Most disputed first: widest spread, then largest deviation, then heaviest question."""
    return (-(scored.spread or 0.0), -(scored.stdev or 0.0), -scored.weight, order)


def disputed_questions(
    assessment: Assessment, framework: Framework, scorecard: Scorecard
) -> list[AgendaItem]:
    """Every disputed question, settled or not, most disputed first, with votes and levels."""
    questions = framework.questions()
    order = {key: index for index, key in enumerate(questions)}
    people = {r.id: person(r) for r in assessment.respondents}
    respondents = {r.id: r for r in assessment.respondents}
    disputed = sorted(
        (q for d in scorecard.dimensions for q in d.questions if q.disputed),
        key=lambda q: rank_key(q, order[q.key]),
    )
    items = []
    for rank, scored in enumerate(disputed, start=1):
        question = questions[scored.key]
        answer = assessment.answers[scored.key]
        dimension = framework.dimension(scored.dimension)
        votes = tuple(
            CastVote(
                who=who,
                label=people[who].label if who in people else who,
                vote=answer.votes[who],
                weight=respondents[who].weights.get(scored.dimension, 1.0)
                if who in respondents
                else 1.0,
                note=answer.notes.get(who),
            )
            for who in [r.id for r in assessment.respondents if r.id in answer.votes]
        )
        items.append(
            AgendaItem(
                rank=rank,
                key=scored.key,
                dimension=dimension.id,
                dimension_title=dimension.title,
                text=question.text,
                weight=question.weight,
                critical=question.critical,
                spread=scored.spread or 0.0,
                stdev=scored.stdev or 0.0,
                vote_value=scored.vote_value,
                consensus=answer.level if scored.status == "consensus" else None,
                value=scored.value,
                votes=votes,
                levels=_levels(question, votes, framework.manifest.scale.labels),
                evidence=question.evidence,
                note=answer.note,
            )
        )
    return items


def build_workshop(
    assessment: Assessment,
    framework: Framework,
    scorecard: Scorecard,
    *,
    limit: int = AGENDA_LIMIT,
) -> WorkshopView | None:
    """The workshop view of an assessment; None when it has no respondents."""
    if not assessment.respondents:
        return None
    people = tuple(person(r) for r in assessment.respondents)
    rows = [_row(p.id, p.label, score_respondent(assessment, framework, p.id)) for p in people]
    rows.append(_row("workshop", f"Workshop ({assessment.vote_aggregate})", scorecard))
    disputed = disputed_questions(assessment, framework, scorecard)
    open_items = [i for i in disputed if i.consensus is None]
    settled = [i for i in disputed if i.consensus is not None]
    spreads = []
    for index, dimension in enumerate(scorecard.dimensions):
        scores = [s for r in rows[:-1] if (s := r.cells[index].score) is not None]
        spreads.append(
            DimensionSpread(
                id=dimension.id,
                title=dimension.title,
                spread=round(max(scores) - min(scores), 4) if len(scores) > 1 else None,
                disputed=sum(1 for q in dimension.questions if q.disputed),
            )
        )
    return WorkshopView(
        respondents=people,
        dimensions=tuple(spreads),
        heatmap=tuple(rows),
        vote_aggregate=assessment.vote_aggregate,
        dispute_threshold=assessment.dispute_threshold,
        voted=sum(1 for d in scorecard.dimensions for q in d.questions if q.votes),
        disputed=len(disputed),
        agenda=tuple(
            item.model_copy(update={"rank": rank})
            for rank, item in enumerate(open_items[:limit], start=1)
        ),
        left_off=tuple(i.key for i in open_items[limit:]),
        settled=tuple(
            item.model_copy(update={"rank": rank}) for rank, item in enumerate(settled, start=1)
        ),
    )
