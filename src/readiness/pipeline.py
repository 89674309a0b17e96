"""The library API behind every command: load -> score -> rules -> roadmap -> render.

Each function here runs the stages a command needs and returns models; printing is the command
line's job. Usable from Python as it is:

    from readiness.pipeline import assess
    result = assess(Path("examples/acme-retail/2026-Q4.yaml"))
    print(result.scorecard.stage)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from readiness.batch import Outcome, run_batch
from readiness.blank import Initialized, read_carried, write_blank
from readiness.checks import future_date_warnings
from readiness.clients import load_client, with_vote_settings
from readiness.errors import Issue, OutputExistsError, ReadinessError, UsageError
from readiness.files import (
    check_output_folder,
    check_report_target,
    refuse_clashing_targets,
    report_path,
    report_stem,
    write_text_atomic,
)
from readiness.load import (
    Checked,
    LoadedAssessment,
    find_framework,
    framework_search_path,
    load_assessment,
    load_framework_cached,
    validate_paths,
)
from readiness.model import Framework
from readiness.plan.calendar import parse_capacity, parse_month
from readiness.plan.records import Plan, TargetProfile
from readiness.plan.roadmap import plan_roadmap
from readiness.plan.target import measure_target
from readiness.progress import Period, Progress, build_progress
from readiness.records import record_data
from readiness.rules import RuleResults, evaluate_rules
from readiness.score import Scorecard, score_assessment


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
) -> Assessed:
    """Load and score one assessment file.

    `vote_aggregate` (mean or median) and `dispute_threshold` (> 0) override the assessment's
    own settings, as the command line's `--vote-aggregate` and `--dispute-threshold` do.
    """
    loaded = with_vote_settings(
        load_assessment(path, frameworks=frameworks),
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
) -> Planned:
    """Load, score, evaluate the rules and plan the roadmap of one assessment file.

    `start` (YYYY-MM) and `capacity` (1-20) override the defaults; bad values raise
    `UsageError`, before any file is read. `vote_aggregate` and `dispute_threshold` as for
    `assess`. `target_stage` and `by` (YYYY-MM) override the assessment's target;
    `what_it_takes` adds the cheapest routes to the next stage and the target.
    """
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


def progress(client_dir: Path, *, frameworks: Sequence[Path] = ()) -> Progress:
    """Every period of a client folder, their changes, and the latest against the previous."""
    return build_progress(load_client(client_dir, frameworks=frameworks))


PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Reported:
    """A written report: where it went, and the warnings its inputs raised."""

    path: Path
    warnings: tuple[Issue, ...]


def report(
    path: Path,
    *,
    generated: date,
    output: Path | None = None,
    html: bool = False,
    baseline: Path | None = None,
    theme: Path | None = None,
    force: bool = False,
    paper: str = "a4",
    frameworks: Sequence[Path] = (),
    on_step: Callable[[str], None] | None = None,
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
    output_dir: Path | None = None,
    draft: bool = False,
    date_given: bool = False,
    pdf_variant: str = "pdf/ua-1",
    workshop_pack: bool = False,
    target_stage: str | None = None,
    by: str | None = None,
    language: str = "en",
) -> Reported:
    """Write the report of one assessment as PDF (or HTML); say where it went.

    A report dated before its assessment is refused unless `date_given` says the caller chose
    that date (`--date`). `pdf_variant`: pdf/ua-1 (tagged, the default) or pdf/a-3b. With
    `workshop_pack`, the facilitator's workshop pack is written instead of the report (to
    `<client>-<period>-workshop-pack.pdf` unless `output` says otherwise).

    `path` is an assessment file, or a client folder: then the report is on its latest period,
    the period before it is the baseline, and the trend spans every period. `generated` is the
    date printed as the report date (the caller's today; the library never reads the clock).
    `baseline` is an earlier assessment of the same organization and framework, for the
    progress section (for a client folder, instead of the previous period); `theme` a theme
    file (consultancy, logo, colour). `vote_aggregate` and `dispute_threshold` as for `assess`.
    Nothing is written when anything fails, and an existing file is replaced only with `force`.
    `on_step` hears "scoring", "planning", "rendering PDF" as the work goes. Without `output`,
    the report goes to `output_dir` (default `reports/`) under its `report_path` name.
    A dimension answered below the framework's `min_coverage` stops the report, unless
    `draft`: then every page is marked DRAFT.
    `target_stage` and `by` override the assessment's target, as for `plan`.
    """
    step = on_step or (lambda _: None)
    if by is not None:
        parse_month(by, "--by")
    if paper not in PAPERS:
        raise UsageError(f"invalid --paper '{paper}': expected a4 or letter")
    from readiness.report import PDF_VARIANTS

    if pdf_variant not in PDF_VARIANTS:
        raise UsageError(
            f"invalid --pdf-variant '{pdf_variant}': expected {' or '.join(PDF_VARIANTS)}"
        )
    from readiness.report.i18n import translator
    from readiness.report.theme import DEFAULT_THEME, load_theme

    words = translator(language)
    chosen = load_theme(theme) if theme is not None else DEFAULT_THEME
    step("scoring")
    votes: dict[str, Any] = {
        "vote_aggregate": vote_aggregate,
        "dispute_threshold": dispute_threshold,
    }
    path, assessed, periods = _load_latest(path, frameworks, votes)
    loaded = assessed.loaded
    if not date_given:
        _check_date(path, generated, loaded.assessment.date, "report")
    if workshop_pack and output is None:
        stem = report_stem(path, loaded.assessment.period) + "-workshop-pack"
        output = (output_dir or Path("reports")) / f"{stem}.pdf"
    target = report_path(
        path, loaded.assessment.period, output=output, html=html, folder=output_dir
    )
    check_report_target(target, html, [path, baseline, theme, *(Path(p.file) for p in periods)])
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists; pass --force to replace it")
    if not draft:
        _refuse_thin_evidence(path, assessed)
    history = _history(baseline, assessed, frameworks, periods, votes)
    step("planning")
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    roadmap = plan_roadmap(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        target_stage=target_stage,
        by=by,
    )
    from readiness.report.context import build_context
    from readiness.report.html import render_html

    context = build_context(
        loaded.framework,
        loaded.assessment,
        assessed.scorecard,
        results,
        roadmap,
        generated=generated,
        theme=chosen,
        paper="letter" if paper == "letter" else "a4",
        progress=history,
        words=words,
    )
    if workshop_pack and context.workshop is None:
        raise ReadinessError(f"{path}: no workshop votes, so there is no workshop pack to write")
    text = render_html(context, workshop_pack=workshop_pack)
    if draft:
        from readiness.report.draft import mark_draft

        text = mark_draft(text, words)
    if html:
        write_text_atomic(target, text, force=force)
    else:
        step("rendering PDF")
        from readiness.report.pdf import write_pdf

        pdf = write_pdf(text, logo=chosen.logo, variant=pdf_variant)
        write_text_atomic(target, pdf, force=force)
    return Reported(target, assessed.warnings)


def _refuse_thin_evidence(path: Path, assessed: Assessed) -> None:
    """`ReadinessError` when a dimension is below the framework's minimum coverage."""
    thin = [d for d in assessed.scorecard.dimensions if d.insufficient]
    if thin:
        minimum = assessed.loaded.framework.manifest.min_coverage
        names = ", ".join(f"{d.title} {d.coverage:.0%}" for d in thin)
        raise ReadinessError(
            f"{path}: too few answers for a client report: {names} (the framework asks for "
            f"{minimum:.0%} of each dimension); answer more, or pass --draft for a report "
            "marked DRAFT on every page"
        )


def _check_date(path: Path, generated: date, assessed_on: date, what: str) -> None:
    """Refuse to date a report or deck (`what`) before the assessment it presents."""
    if generated < assessed_on:
        raise ReadinessError(
            f"{path}: the {what} would be dated {generated.isoformat()}, before the assessment "
            f"of {assessed_on.isoformat()}; pass --date YYYY-MM-DD to date it"
        )


def _load_latest(
    path: Path, frameworks: Sequence[Path], votes: dict[str, Any]
) -> tuple[Path, Assessed, list[Period]]:
    """An assessment file, or a client folder's latest period with every period loaded: the
    file, its scored assessment, and the client's periods (none for a file)."""
    periods: list[Period] = []
    if path.is_dir():
        periods = load_client(path, frameworks=frameworks, **votes)
        path = Path(periods[-1].file)
    return path, assess(path, frameworks=frameworks, **votes), periods


def _history(
    baseline: Path | None,
    assessed: Assessed,
    frameworks: Sequence[Path],
    periods: Sequence[Period],
    votes: dict[str, Any],
) -> Progress | None:
    """The progress an output shows: against `baseline` when given, else over the client's
    periods when there are several, else none."""
    if baseline is not None:
        return _baseline_progress(baseline, assessed, frameworks, periods, **votes)
    if len(periods) > 1:
        return build_progress(periods)
    return None


def deck(
    path: Path,
    *,
    generated: date,
    output: Path | None = None,
    baseline: Path | None = None,
    theme: Path | None = None,
    template: Path | None = None,
    force: bool = False,
    frameworks: Sequence[Path] = (),
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
    date_given: bool = False,
) -> Reported:
    """Write the steering-committee deck (.pptx) of one assessment or client folder; say
    where it went.

    Inputs as for `report` (a client folder's latest period, its previous one as baseline);
    `template` is the firm's .pptx whose masters and layouts the slides use, else the deck is
    16:9 on the default template in the theme's colour and logo. The deck goes to `output`,
    else `reports/<client>-<period>.pptx`; an existing file is replaced only with `force`.
    `generated` dates the deck; before the assessment's date only with `date_given`.
    """
    from readiness.report.theme import DEFAULT_THEME, load_theme

    chosen = load_theme(theme) if theme is not None else DEFAULT_THEME
    votes: dict[str, Any] = {
        "vote_aggregate": vote_aggregate,
        "dispute_threshold": dispute_threshold,
    }
    path, assessed, periods = _load_latest(path, frameworks, votes)
    loaded = assessed.loaded
    target = output or Path("reports") / f"{report_stem(path, loaded.assessment.period)}.pptx"
    if target.suffix.lower() != ".pptx":
        raise UsageError(f"-o {target}: a deck must be written to a file ending in .pptx")
    for item in [path, baseline, theme, template, *(Path(p.file) for p in periods)]:
        if item is not None and item.resolve() == target.resolve():
            raise UsageError(f"-o {target}: this is one of the deck's inputs; choose another file")
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists; pass --force to replace it")
    if not date_given:
        _check_date(path, generated, loaded.assessment.date, "deck")
    history = _history(baseline, assessed, frameworks, periods, votes)
    card, framework, assessment = assessed.scorecard, loaded.framework, loaded.assessment
    results = evaluate_rules(framework, card)
    roadmap = plan_roadmap(framework, assessment, card, results)
    from readiness.deck.build import build_deck
    from readiness.deck.content import deck_slides
    from readiness.report.story import build_story
    from readiness.workshop import build_workshop

    story = build_story(
        framework,
        assessment,
        card,
        results,
        roadmap,
        progress=history,
        workshop=build_workshop(assessment, framework, card),
    )
    slides = deck_slides(
        story,
        framework,
        assessment,
        card,
        progress=history,
        generated=generated,
        consultancy=chosen.consultancy,
    )
    built = build_deck(slides, generated=generated, template=template, theme=chosen)
    write_text_atomic(target, built.data, force=force)
    return Reported(target, assessed.warnings + built.warnings)


def _baseline_progress(
    baseline: Path,
    current: Assessed,
    frameworks: Sequence[Path],
    history: Sequence[Period] = (),
    **votes: Any,
) -> Progress:
    """The progress from an earlier assessment of the same organization and framework (the
    trend also spans `history`, the periods of the client folder, when given)."""
    earlier = assess(baseline, frameworks=frameworks, **votes)
    now, then = current.loaded, earlier.loaded
    problems = []
    if then.framework.manifest.id != now.framework.manifest.id:
        problems.append(
            f"it is scored against {then.framework.manifest.id}, the assessment against "
            f"{now.framework.manifest.id}"
        )
    if then.assessment.organization.name != now.assessment.organization.name:
        problems.append(
            f"it assesses '{then.assessment.organization.name}', not "
            f"'{now.assessment.organization.name}'"
        )
    if (then.assessment.date, then.assessment.period) >= (
        now.assessment.date,
        now.assessment.period,
    ):
        problems.append(
            f"it is not earlier ({then.assessment.period}, {then.assessment.date}) than the "
            f"assessment ({now.assessment.period}, {now.assessment.date})"
        )
    if problems:
        raise ReadinessError(f"{baseline}: cannot be the baseline: " + "; ".join(problems))
    then_period = Period(then.file, then.assessment, then.framework, earlier.scorecard)
    now_period = Period(now.file, now.assessment, now.framework, current.scorecard)
    if history:
        return build_progress(history, baseline=then_period)
    return build_progress([then_period, now_period])


def locate_framework(name: str, *, frameworks: Sequence[Path] = ()) -> Framework:
    """A framework given as a folder path or as an id found on the search path."""
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
    framework, _ = load_framework_cached(folder)
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
    carried = read_carried(client_dir, carry_from, frameworks) if carry_from else None
    default = carried.framework if carried else "ml-scaling"
    framework = locate_framework(framework_name or default, frameworks=frameworks)
    return write_blank(client_dir, framework, carried=carried, **options)


def to_json(data: Any) -> str:
    """Deterministic JSON: stable key order as built, two-space indent, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- many reports -----------------------------------------------------------------------------


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
    work = functools.partial(_report_target, options=options)
    return run_batch(
        [str(t) for t in targets],
        work,
        jobs=jobs,
        progress=progress,
        label="reports",
        prepare=functools.partial(_import_report_stages, pdf=not options.html),
        on_outcome=on_outcome,
    )


def _report_target(target: str, *, options: ReportOptions) -> Reported:
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
    )


def _import_report_stages(*, pdf: bool) -> None:
    # Imported once here, before the workers fork, rather than once in every worker.
    import readiness.report.context
    import readiness.report.html

    if pdf:
        import readiness.report.pdf  # noqa: F401
