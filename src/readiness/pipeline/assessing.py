"""The use cases that read and score one assessment: validate, score (`assess`), measure the
gaps to a target, plan, and a client's progress; also a framework found by name and a blank
assessment written. Each imports the stages it runs when it runs, so that a command pays only
for what it uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.clients import with_vote_settings
from readiness.errors import Issue, ReadinessError, UsageError
from readiness.load import (
    LoadedAssessment,
    Shelf,
    find_framework,
    framework_search_path,
    load_assessment,
)
from readiness.records import record_data
from readiness.score import Scorecard, score_assessment

if TYPE_CHECKING:
    from readiness.blank import Initialized
    from readiness.load import Checked
    from readiness.model import Framework
    from readiness.plan.records import Plan, TargetProfile
    from readiness.progress import Progress
    from readiness.rules import RuleResults


@dataclass(frozen=True)
class Assessed:
    """A loaded assessment and its scorecard."""

    loaded: LoadedAssessment
    scorecard: Scorecard

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return self.loaded.warnings


def validate(
    paths: Sequence[Path], *, frameworks: Sequence[Path] = (), today: date | None = None
) -> Checked:
    """Validate frameworks and assessments; see `readiness.load.validate_paths`. With
    `today`, an assessment dated after it is also a warning."""
    from readiness.checks import future_date_warnings
    from readiness.load import validate_paths

    checked = validate_paths(paths, frameworks=frameworks)
    if today is None:
        return checked
    future = future_date_warnings(checked.files, today)
    return replace(checked, warnings=tuple(sorted([*checked.warnings, *future])))


def measure_gaps(
    assessed: Assessed, *, target_stage: str | None = None, by: str | None = None
) -> TargetProfile:
    """The target profile of a scored assessment and its gaps (`--target-stage`, `--by`
    override the assessment's target; `UsageError` for an unknown stage or a bad month)."""
    from readiness.plan.calendar import parse_month
    from readiness.plan.target import measure_target
    from readiness.rules import evaluate_rules

    if by is not None:
        parse_month(by, "--by")
    loaded = assessed.loaded
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    severe = {
        reading.name
        for finding in results.findings
        if finding.severity == "high"
        for reading in finding.reads
    }
    return measure_target(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        stage=target_stage,
        by=by,
        severe=severe,
    )


def assess(
    path: Path,
    *,
    frameworks: Sequence[Path] = (),
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
    shelf: Shelf | None = None,
) -> Assessed:
    """Load and score one assessment file (`shelf`: the caller's loaded frameworks, see
    `readiness.load.load_assessment`).

    `vote_aggregate` (mean or median) and `dispute_threshold` (> 0) override the assessment's
    own settings, as the command line's `--vote-aggregate` and `--dispute-threshold` do.
    """
    loaded = with_vote_settings(
        load_assessment(path, frameworks=frameworks, shelf=shelf),
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
    )
    return Assessed(loaded, score_assessment(loaded.assessment, loaded.framework))


@dataclass(frozen=True)
class Planned:
    """A scored assessment, its rule results and its roadmap."""

    assessed: Assessed
    results: RuleResults
    plan: Plan

    def data(self) -> dict[str, Any]:
        """Everything `readiness plan --format json` prints, in a stable order."""
        card = self.assessed.scorecard
        return {
            "framework": card.framework,
            "organization": card.organization,
            "period": card.period,
            "stage": card.stage,
            "findings": record_data(self.results.findings),
            "undetermined": record_data(self.results.undetermined),
            "plan": record_data(self.plan),
        }


def plan(
    path: Path,
    *,
    start: str | None = None,
    capacity: int | str | None = None,
    frameworks: Sequence[Path] = (),
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
    target_stage: str | None = None,
    by: str | None = None,
    what_it_takes: bool = False,
    shelf: Shelf | None = None,
) -> Planned:
    """Load, score, evaluate the rules and plan the roadmap of one assessment file.

    `start` (YYYY-MM, not before the assessment's month) and `capacity` (1-20) override the
    defaults; bad values raise `UsageError`, before any file is read (a start before the
    assessment, once it is read). `vote_aggregate` and `dispute_threshold` as for
    `assess`. `target_stage` and `by` (YYYY-MM) override the assessment's target;
    `what_it_takes` adds the cheapest routes to the next stage and the target. `shelf` as
    for `assess`.
    """
    from readiness.plan.calendar import parse_capacity, parse_month
    from readiness.plan.roadmap import plan_roadmap
    from readiness.rules import evaluate_rules

    if start is not None:
        parse_month(start)
    if by is not None:
        parse_month(by, "--by")
    limit = parse_capacity(capacity) if capacity is not None else None
    assessed = assess(
        path,
        frameworks=frameworks,
        vote_aggregate=vote_aggregate,
        dispute_threshold=dispute_threshold,
        shelf=shelf,
    )
    assessed_on = assessed.loaded.assessment.date
    if start is not None and parse_month(start) < assessed_on.year * 12 + assessed_on.month - 1:
        raise UsageError(
            f"invalid --start '{start}': before the assessment's month ({assessed_on:%Y-%m}); "
            "a plan starts after its assessment"
        )
    framework = assessed.loaded.framework
    results = evaluate_rules(framework, assessed.scorecard)
    roadmap = plan_roadmap(
        framework,
        assessed.loaded.assessment,
        assessed.scorecard,
        results,
        start=start,
        capacity=limit,
        target_stage=target_stage,
        by=by,
        what_it_takes=what_it_takes,
    )
    return Planned(assessed, results, roadmap)


def progress(
    client_dir: Path, *, frameworks: Sequence[Path] = (), shelf: Shelf | None = None
) -> Progress:
    """Every period of a client folder, their changes, and the latest against the previous
    (`shelf` as for `assess`)."""
    from readiness.clients import load_client
    from readiness.progress import build_progress

    return build_progress(load_client(client_dir, frameworks=frameworks, shelf=shelf))


def locate_framework(
    name: str, *, frameworks: Sequence[Path] = (), shelf: Shelf | None = None
) -> Framework:
    """A framework given as a folder path or as an id found on the search path (taken from
    `shelf` when it keeps it unchanged)."""
    candidate = Path(name)
    folder = (
        candidate
        if candidate.is_dir()
        else find_framework(name.split("@")[0], framework_search_path(None, frameworks))
    )
    if folder is None:
        raise ReadinessError(
            f"{name}: framework not found (give a framework folder, or an id "
            "found under ./questionnaires or $READINESS_PATH)"
        )
    framework, _ = (shelf or Shelf()).load(folder)
    return framework


def init_assessment(
    client_dir: Path,
    *,
    framework_name: str | None = None,
    carry_from: Path | None = None,
    frameworks: Sequence[Path] = (),
    **options: Any,
) -> Initialized:
    """Write a blank assessment into `client_dir` (see `readiness.blank.write_blank` for the
    `options`); with `carry_from` (an earlier period's file, as given or inside `client_dir`),
    that period's answers are carried forward and its framework is the default."""
    from readiness.blank import read_carried, write_blank

    shelf = Shelf()
    carried = read_carried(client_dir, carry_from, frameworks, shelf) if carry_from else None
    default = carried.framework if carried else "ml-scaling"
    framework = locate_framework(framework_name or default, frameworks=frameworks, shelf=shelf)
    return write_blank(client_dir, framework, carried=carried, **options)


def to_json(data: Any) -> str:
    """Deterministic JSON: stable key order as built, two-space indent, a final newline."""
    import json

    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
