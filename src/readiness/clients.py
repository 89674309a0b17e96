"""A client folder: one organization's periods (`<period>.yaml` each), loaded, scored and
checked against each other, with the command line's vote settings applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import Issue, ReadinessError, UsageError, ValidationError
from readiness.load import LoadedAssessment, Shelf, load_assessment

if TYPE_CHECKING:
    from readiness.progress import Period


def with_vote_settings(
    loaded: LoadedAssessment,
    *,
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
) -> LoadedAssessment:
    """The loaded assessment with its vote aggregate and dispute threshold overridden where
    given; `UsageError` for a value the assessment itself could not hold."""
    update: dict[str, Any] = {}
    if vote_aggregate is not None:
        if vote_aggregate not in ("mean", "median"):
            raise UsageError(
                f"invalid --vote-aggregate '{vote_aggregate}': expected mean or median"
            )
        update["vote_aggregate"] = vote_aggregate
    if dispute_threshold is not None:
        if not dispute_threshold > 0:
            raise UsageError(
                f"invalid --dispute-threshold '{dispute_threshold}': expected a number above 0"
            )
        update["dispute_threshold"] = float(dispute_threshold)
    if not update:
        return loaded
    return replace(loaded, assessment=loaded.assessment.model_copy(update=update))


def load_client(
    client_dir: Path,
    *,
    frameworks: Sequence[Path] = (),
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
    shelf: Shelf | None = None,
) -> list[Period]:
    """Load and score every period of a client folder (its top-level `*.yaml` files), oldest
    first, their framework read once (or taken from `shelf`, as for `load_assessment`).

    Raises `ValidationError` with every problem of every file, and for periods that repeat or
    files that name different frameworks or organizations (each naming both files).
    """
    from readiness.progress import Period, order_periods
    from readiness.score import score_assessment

    if not client_dir.is_dir():
        raise ReadinessError(f"{client_dir}: not a folder (give a client folder of periods)")
    files = sorted(p for p in client_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise ReadinessError(
            f"{client_dir}: holds no assessment files (one <period>.yaml per period)"
        )
    shelf = shelf or Shelf()
    periods: list[Period] = []
    issues: list[Issue] = []
    for file in files:
        try:
            loaded = with_vote_settings(
                load_assessment(file, frameworks=frameworks, shelf=shelf),
                vote_aggregate=vote_aggregate,
                dispute_threshold=dispute_threshold,
            )
        except UsageError:
            raise
        except ReadinessError as error:
            issues.extend(error.issues or [Issue(str(file), 0, "", str(error))])
            continue
        card = score_assessment(loaded.assessment, loaded.framework)
        periods.append(Period(loaded.file, loaded.assessment, loaded.framework, card))
    first: dict[str, Period] = {}
    for period in periods:
        reference = periods[0]
        for label, here, there in (
            ("framework", period.framework.manifest.id, reference.framework.manifest.id),
            (
                "organization.name",
                period.assessment.organization.name,
                reference.assessment.organization.name,
            ),
        ):
            if here != there:
                issues.append(
                    Issue(
                        period.file,
                        0,
                        label,
                        f"'{here}' here, but '{there}' in {reference.file}; a client folder "
                        "holds one organization's periods against one framework",
                    )
                )
        other = first.setdefault(period.name, period)
        if other is not period:
            issues.append(
                Issue(
                    period.file,
                    0,
                    "period",
                    f"{period.name} is also the period of {other.file}; one file per period",
                )
            )
    if issues:
        raise ValidationError(f"{client_dir}: the client folder is not valid", issues)
    return order_periods(periods)
