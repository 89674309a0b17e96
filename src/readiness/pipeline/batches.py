"""Many reports in one run: one per assessment file or client folder, in worker processes,
a failing one never stopping the others (see `readiness.batch`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from readiness.batch import Outcome, check_jobs, run_batch
from readiness.errors import UsageError
from readiness.files import check_output_folder, refuse_clashing_targets
from readiness.load import Shelf
from readiness.pipeline.reporting import PAPERS, Reported, report


@dataclass(frozen=True)
class ReportOptions:
    """What every report of a batch shares (see `report` for each option)."""

    generated: date
    output_dir: Path = Path("reports")
    html: bool = False
    theme: Path | None = None
    force: bool = False
    paper: str = "a4"
    frameworks: tuple[Path, ...] = ()
    vote_aggregate: str | None = None
    dispute_threshold: float | None = None
    draft: bool = False
    date_given: bool = False
    pdf_variant: str = "pdf/ua-1"
    target_stage: str | None = None
    by: str | None = None
    language: str = "en"


def report_batch(
    targets: Sequence[Path],
    options: ReportOptions,
    *,
    jobs: int = 1,
    progress: bool = False,
    on_outcome: Callable[[Outcome[Reported]], None] | None = None,
) -> list[Outcome[Reported]]:
    """Write one report per target (an assessment file, or a client folder for its latest
    period with the previous one as baseline) into `options.output_dir`, `jobs` at a time.

    A target that fails (invalid input, an existing report without `force`) is one failed
    outcome; the others go on. Raises `UsageError` before anything runs when two targets would
    write the same report, or when the options are unusable (paper, theme).
    """
    if options.paper not in PAPERS:
        raise UsageError(f"invalid --paper '{options.paper}': expected a4 or letter")
    if options.theme is not None:
        from readiness.report.theme import load_theme

        load_theme(options.theme)  # a bad theme fails every report: say it once
    from readiness.report.i18n import translator

    translator(options.language)  # an unknown language fails every report: say it once
    refuse_clashing_targets(targets)
    check_output_folder(options.output_dir)
    check_jobs(jobs)
    # Each framework is loaded once, here, and every job (each worker) starts with it: every
    # report of the batch is read against the frameworks as they are now (`Shelf.settled`).
    shelf = Shelf(settled=True)
    shelf.stock([_latest_file(t) for t in targets], options.frameworks)
    work = functools.partial(_report_target, options=options, shelf=shelf)
    return run_batch(
        [str(t) for t in targets],
        work,
        jobs=jobs,
        progress=progress,
        label="reports",
        prepare=functools.partial(_import_report_stages, pdf=not options.html),
        on_outcome=on_outcome,
    )


def _latest_file(target: Path) -> Path:
    """The file whose framework a target's report is scored against: the target itself, or a
    client folder's last period."""
    if not target.is_dir():
        return target
    periods = sorted(p for p in target.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    return periods[-1] if periods else target


def _report_target(target: str, *, options: ReportOptions, shelf: Shelf) -> Reported:
    return report(
        Path(target),
        generated=options.generated,
        html=options.html,
        theme=options.theme,
        force=options.force,
        paper=options.paper,
        frameworks=options.frameworks,
        vote_aggregate=options.vote_aggregate,
        dispute_threshold=options.dispute_threshold,
        output_dir=options.output_dir,
        draft=options.draft,
        date_given=options.date_given,
        pdf_variant=options.pdf_variant,
        language=options.language,
        target_stage=options.target_stage,
        by=options.by,
        shelf=shelf,
    )


def _import_report_stages(*, pdf: bool) -> None:
    # Imported once here, before the workers fork, rather than once in every worker.
    import readiness.report.context
    import readiness.report.html

    if pdf:
        import readiness.report.pdf  # noqa: F401
