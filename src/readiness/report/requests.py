"""What to ask for before the session: per open dispute, the evidence that would settle it and
whom to ask, by role.

The room agrees the level the evidence supports, so the evidence is asked of those who voted
furthest apart: the highest voters for what shows their level is met, the lowest for the cases
behind theirs. In the session's order, the disputes that decide the stage first.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.stakes import Stake
from readiness.workshop import AgendaItem


@dataclass(frozen=True)
class EvidenceRequest:
    """One disputed question's request."""

    rank: int
    anchor: str
    text: str
    dimension: str
    deciding: bool
    evidence: str
    ask: tuple[str, ...]
    """Whom to ask for what, one line per side of the dispute."""


def _voters(item: AgendaItem, level: float) -> str:
    return ", ".join(v.label for v in item.votes if v.vote == level)


def evidence_requests(
    agenda: tuple[AgendaItem, ...],
    stakes: dict[str, Stake],
    framework: Framework,
    words: Translator = ENGLISH,
) -> tuple[EvidenceRequest, ...]:
    """One request per open dispute, in the session's order (`stakes.deciding_first`)."""
    scale = framework.manifest.scale
    requests = []
    for item in agenda:
        cast = [v.vote for v in item.votes if v.vote is not None]
        ask: tuple[str, ...] = ()
        if cast:
            low, high = min(cast), max(cast)
            ask = (
                words.gettext(
                    "%(voters)s, who voted %(level)s: what shows that level is met.",
                    voters=_voters(item, high),
                    level=f"{format_number(high)} · {scale.label(high)}",
                ),
                words.gettext(
                    "%(voters)s, who voted %(level)s: the cases behind that level.",
                    voters=_voters(item, low),
                    level=f"{format_number(low)} · {scale.label(low)}",
                ),
            )
        requests.append(
            EvidenceRequest(
                rank=item.rank,
                anchor=agenda_anchor(item.key),
                text=item.text,
                dimension=item.dimension_title,
                deciding=stakes[item.key].deciding,
                evidence=item.evidence,
                ask=ask,
            )
        )
    return tuple(requests)


def agenda_anchor(key: str) -> str:
    """The id of a question's page in the pack (`agenda-data-quality`)."""
    return f"agenda-{key.replace('.', '-').replace('_', '-')}"
