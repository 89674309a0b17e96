"""The workshop's participants as the pack and the report's appendix list them: who they are
(their name when the assessment gives one, and their role) and how their votes count, with the
reason for a weight when the assessment states one, else that it gives none.
"""

from __future__ import annotations

from dataclasses import dataclass

from readiness.model import Assessment, Framework, format_number
from readiness.report.i18n import ENGLISH, Translator
from readiness.report.quotes import clean_words


@dataclass(frozen=True)
class Participant:
    """One respondent's line."""

    who: str
    """`Dana Reyes, Chief Technology Officer`, or the role alone when no name is given."""
    weights: str
    """`Infrastructure and MLOps × 2`, or that their votes count equally everywhere."""
    reason: str | None
    """Why they weigh differently (or that no reason was stated); None when they do not."""


def participants(
    assessment: Assessment, framework: Framework, words: Translator = ENGLISH
) -> tuple[Participant, ...]:
    """Every respondent in the assessment's order."""
    lines = []
    for person in assessment.respondents:
        uneven = {k: v for k, v in sorted(person.weights.items()) if v != 1}
        weights = (
            ", ".join(
                words.gettext(
                    "%(dimension)s × %(weight)s",
                    dimension=framework.dimension(k).title
                    if k in framework.manifest.dimensions
                    else k,
                    weight=format_number(v),
                )
                for k, v in uneven.items()
            )
            if uneven
            else words.gettext("Equally on every dimension")
        )
        reason = None
        if uneven:
            reason = (
                words.gettext("Why: %(reason)s", reason=clean_words(person.weight_reason))
                if person.weight_reason
                else words.gettext("The assessment gives no reason for this weight.")
            )
        who = (
            words.gettext("%(name)s, %(role)s", name=person.name, role=person.role)
            if person.name
            else person.role
        )
        lines.append(Participant(who=who, weights=weights, reason=reason))
    return tuple(lines)
