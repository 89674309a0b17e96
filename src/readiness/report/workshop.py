"""The "Where leadership disagrees" part of the report context (the heat map is placed in
`heatmap`).

Built from `readiness.workshop.WorkshopView` (itself pure): every number is formatted and every
cell placed here, so the template `sections/workshop.html.j2` and the macro in
`heatmap.html.j2` only loop and draw.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Assessment, Framework, format_number
from readiness.report.agenda_cards import AgendaCard, agenda_card
from readiness.report.heatmap import HeatInput, HeatmapChart, heatmap_chart
from readiness.report.i18n import ENGLISH, N_, Translator
from readiness.report.participants import Participant, participants
from readiness.report.requests import EvidenceRequest, evidence_requests
from readiness.report.session import SessionPlan, plan_session
from readiness.report.stakes import session_agenda, stake_sentence
from readiness.report.words import assessed_words, practice_name
from readiness.score import Scorecard
from readiness.workshop import HeatRow, WorkshopView

# --- views --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SettledRow:
    """A dispute a consensus level settled."""

    key: str
    text: str
    dimension: str
    votes: str
    votes_gave: str
    consensus: str


@dataclass(frozen=True)
class WorkshopSection:
    """Everything the "Where leadership disagrees" section shows."""

    title: str
    lead: str
    heatmap: HeatmapChart
    heatmap_note: str
    agenda_lead: str
    columns: tuple[str, ...]
    legend: str
    agenda: tuple[AgendaCard, ...]
    left_off: str | None
    settled: tuple[SettledRow, ...]
    settled_note: str
    session: SessionPlan
    requests: tuple[EvidenceRequest, ...]
    participants: tuple[Participant, ...]


TITLE = N_("Where leadership disagrees")


def _score(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _level_text(framework: Framework, value: float | None, words: Translator) -> str:
    if value is None:
        return words.gettext("n/a")
    return f"{format_number(value)} · {framework.manifest.scale.labels.get(value, '')}"


def _heat_inputs(view: WorkshopView, framework: Framework, words: Translator) -> list[HeatInput]:
    scale = framework.manifest.scale
    span = scale.max - scale.min
    sums = {d.id for d in framework.dimensions if d.aggregate == "sum"}

    def row_input(row: HeatRow, label: str, sub: str, workshop: bool) -> HeatInput:
        values: list[tuple[float | None, str]] = []
        for cell in row.cells:
            if cell.score is None:
                values.append((None, "–"))
                continue
            fraction = (
                (cell.percent or 0.0) / 100
                if cell.dimension in sums
                else ((cell.score - scale.min) / span)
            )
            text = _score(cell.score, 2 if cell.dimension in sums else 1)
            values.append((fraction, text + ("*" if cell.insufficient else "")))
        overall = None if row.percent is None else row.percent / 100
        values.append((overall, _score(row.score, 2 if sums else 1)))
        return HeatInput(label=label, sub=sub, values=tuple(values), workshop=workshop)

    rows = []
    for row in view.heatmap:
        if row.who == "workshop":
            label = (
                words.gettext("Workshop: median of the votes")
                if view.vote_aggregate == "median"
                else words.gettext("Workshop: mean of the votes")
            )
            stage = words.gettext("stage: %(stage)s", stage=row.stage_title)
            rows.append(row_input(row, label, stage, True))
        else:
            stage = words.gettext("stage on their votes: %(stage)s", stage=row.stage_title)
            rows.append(row_input(row, row.label, stage, False))
    return rows


def build_workshop_section(
    view: WorkshopView,
    assessment: Assessment,
    framework: Framework,
    scorecard: Scorecard,
    words: Translator = ENGLISH,
) -> WorkshopSection:
    """The workshop section's context from the workshop view (pure), its agenda in the order
    the session takes it: the disputes that decide the stage first."""
    _ = words.gettext
    agenda, stakes, left_off_keys = session_agenda(view, framework, assessment, scorecard)
    organization = assessed_words(assessment.organization, words)
    people = len(view.respondents)
    open_count = len(view.agenda) + len(view.left_off)
    threshold = format_number(view.dispute_threshold)
    respondents = words.ngettext("%(num)s respondent", "%(num)s respondents", people)
    voted = words.ngettext(
        "%(people)s voted on %(num)s question",
        "%(people)s voted on %(num)s questions",
        view.voted,
        people=respondents,
    )
    apart = words.ngettext(
        "On %(num)s question their votes are %(threshold)s or more levels apart",
        "On %(num)s questions their votes are %(threshold)s or more levels apart",
        view.disputed,
        threshold=threshold,
    )
    if view.settled:
        apart = words.ngettext(
            "%(apart)s; the workshop settled %(settled)s of them with an agreed level, which "
            "leaves %(num)s to discuss.",
            "%(apart)s; the workshop settled %(settled)s of them with an agreed level, which "
            "leaves %(num)s to discuss.",
            open_count,
            apart=apart,
            settled=len(view.settled),
        )
    elif open_count > 1:
        apart = words.ngettext(
            "%(apart)s, all %(num)s still open.",
            "%(apart)s, all %(num)s still open.",
            open_count,
            apart=apart,
        )
    else:
        apart = _("%(clauses)s.", clauses=apart)
    # TRANSLATORS: two sentences already translated: "5 respondents voted on 64 questions"
    # and what their votes disagree on.
    lead = _("%(voted)s. %(apart)s", voted=voted, apart=apart)
    if not view.disputed:
        lead = _(
            "%(voted)s, and no two votes on the same question are %(threshold)s or more levels "
            "apart.",
            voted=voted,
            threshold=threshold,
        )
    headers = [d.title for d in view.dimensions] + [_("Overall")]
    spreads = [
        (
            "–" if d.spread is None else format_number(round(d.spread, 1)),
            d.spread is not None and d.spread >= 1,
        )
        for d in view.dimensions
    ]
    overall_scores = [r.score for r in view.heatmap[:-1] if r.score is not None]
    overall_spread = max(overall_scores) - min(overall_scores) if len(overall_scores) > 1 else None
    spreads.append(
        (
            "–" if overall_spread is None else format_number(round(overall_spread, 1)),
            overall_spread is not None and overall_spread >= 1,
        )
    )
    chart = heatmap_chart(
        headers,
        _heat_inputs(view, framework, words),
        spreads,
        title=_("Each respondent's dimension scores from their own votes"),
        spread_label=_("Spread between respondents"),
    )
    stages = {r.stage_title for r in view.heatmap[:-1]}
    note = _(
        "Each row scores one person's votes alone, as if they had answered the whole "
        "assessment; the last row is the workshop's own score (votes combined, agreed levels "
        "applied). Darker cells score higher; the spread row is the highest minus the lowest "
        "respondent score, in bold where it reaches a whole level."
    )
    if len(stages) > 1:
        note += " " + _(
            "On their own answers, the respondents would place the organization at different "
            "stages: %(stages)s.",
            stages=", ".join(sorted(stages)),
        )
    if any("*" in c.text for r in chart.rows for c in r.cells):
        note += " " + _("* too few of that dimension's questions answered to count as evidence.")
    agenda_lead = _(
        "The open disputes in the order the session takes them: those that decide the stage "
        "first, then the others by topic, most disputed first (the votes furthest apart, then "
        "the most scattered, then the question that weighs most). After this overview, each "
        "question in turn: every vote and what its author noted, what each level in play "
        "means, and the evidence that would settle it."
    )
    left_off = None
    if left_off_keys:
        left_off = words.ngettext(
            "%(num)s more open dispute did not fit the agenda: %(questions)s.",
            "%(num)s more open disputes did not fit the agenda: %(questions)s.",
            len(left_off_keys),
            questions="; ".join(
                practice_name(framework.questions()[key]) if key in framework.questions() else key
                for key in left_off_keys
            ),
        )
    settled = tuple(
        SettledRow(
            key=item.key,
            text=item.text,
            dimension=item.dimension_title,
            votes=", ".join(
                f"{v.who.upper()} {_('n/a') if v.vote is None else format_number(v.vote)}"
                for v in item.votes
            ),
            votes_gave=_score(item.vote_value, 2),
            consensus=_level_text(framework, item.consensus, words),
        )
        for item in view.settled
    )
    settled_note = _(
        "An agreed level takes precedence over the votes: the score uses it, and the votes "
        "stay on record."
    )
    return WorkshopSection(
        title=_(TITLE),
        lead=lead,
        heatmap=chart,
        heatmap_note=note,
        agenda_lead=agenda_lead,
        columns=tuple(p.id.upper() for p in view.respondents),
        legend="; ".join(f"{p.id.upper()}: {p.label}" for p in view.respondents),
        agenda=tuple(
            agenda_card(
                item,
                view,
                framework,
                stake_sentence(stakes[item.key], framework, organization, words),
                words,
            )
            for item in agenda
        ),
        left_off=left_off,
        settled=settled,
        settled_note=settled_note,
        session=plan_session(view, agenda, stakes, framework, organization, words),
        requests=evidence_requests(agenda, stakes, framework, words),
        participants=participants(assessment, framework, words),
    )
