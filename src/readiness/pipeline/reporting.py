"""The use cases that write a client-facing file for one assessment or client folder: the PDF
(or HTML) report and the steering-committee deck. The rendering stages are imported when a
file is written, never when the module is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readiness.errors import Issue, OutputExistsError, ReadinessError, UsageError
from readiness.files import (
    check_output_name,
    check_report_target,
    report_path,
    report_stem,
    unpacked_size,
    write_text_atomic,
)
from readiness.load import Shelf
from readiness.pipeline.assessing import Assessed, assess

if TYPE_CHECKING:
    from readiness.progress import Period, Progress

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
    shelf: Shelf | None = None,
    language: str = "en",
) -> Reported:
    """Write the report of one assessment as PDF (or HTML); say where it went.

    A report dated before its assessment is refused unless `date_given` says the caller chose
    that date (`--date`). `pdf_variant`: pdf/ua-1 (tagged, the default) or pdf/a-3b. With
    `workshop_pack`, the facilitator's workshop pack is written instead of the report (to
    `<client>-<period>-workshop-pack.pdf` unless `output` says otherwise), dated the
    assessment's date (when its votes were in) unless `date_given`.

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
    `target_stage` and `by` override the assessment's target, as for `plan`. `shelf`: the
    caller's loaded frameworks (see `readiness.load.load_assessment`); without it, one is kept
    for this report, so its periods and baseline read their framework once.
    """
    from readiness.plan.calendar import parse_month
    from readiness.plan.roadmap import plan_roadmap
    from readiness.rules import evaluate_rules

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
    loading: dict[str, Any] = {
        "vote_aggregate": vote_aggregate,
        "dispute_threshold": dispute_threshold,
        "shelf": shelf or Shelf(),
    }
    path, assessed, periods = _load_latest(path, frameworks, loading)
    loaded = assessed.loaded
    if workshop_pack and not date_given:  # prepared for a session still to come
        generated = loaded.assessment.date
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
    history = _history(baseline, assessed, frameworks, periods, loading)
    step("planning")
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    planning = (loaded.framework, loaded.assessment, assessed.scorecard, results)
    roadmap = plan_roadmap(*planning, target_stage=target_stage, by=by, what_it_takes=True)
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


MAX_TEMPLATE_UNPACKED = 200 * 1024 * 1024
"""Most bytes a firm's template may unpack to (it is read whole): fonts and pictures of a
real one come to tens of MiB, a zip bomb to gigabytes."""


def _check_template_size(template: Path) -> None:
    import zipfile

    try:
        unpacked = unpacked_size(template)
    except (zipfile.BadZipFile, OSError):
        return  # not a presentation at all: opening it says so
    if unpacked > MAX_TEMPLATE_UNPACKED:
        raise ReadinessError(
            f"--template {template}: unpacks to {unpacked // (1024 * 1024):,} MiB (allowed: "
            f"at most {MAX_TEMPLATE_UNPACKED // (1024 * 1024)} MiB)"
        )


def _check_date(path: Path, generated: date, assessed_on: date, what: str) -> None:
    """Refuse to date a report or deck (`what`) before the assessment it presents."""
    if generated < assessed_on:
        raise ReadinessError(
            f"{path}: the {what} would be dated {generated.isoformat()}, before the assessment "
            f"of {assessed_on.isoformat()}; pass --date YYYY-MM-DD to date it"
        )


def _load_latest(
    path: Path, frameworks: Sequence[Path], loading: dict[str, Any]
) -> tuple[Path, Assessed, list[Period]]:
    """An assessment file, or a client folder's latest period with every period loaded: the
    file, its scored assessment, and the client's periods (none for a file)."""
    periods: list[Period] = []
    if path.is_dir():
        from readiness.clients import load_client

        periods = load_client(path, frameworks=frameworks, **loading)
        path = Path(periods[-1].file)
    return path, assess(path, frameworks=frameworks, **loading), periods


def _history(
    baseline: Path | None,
    assessed: Assessed,
    frameworks: Sequence[Path],
    periods: Sequence[Period],
    loading: dict[str, Any],
) -> Progress | None:
    """The progress an output shows: against `baseline` when given, else over the client's
    periods when there are several, else none."""
    from readiness.progress import build_progress

    if baseline is not None:
        return _baseline_progress(baseline, assessed, frameworks, periods, **loading)
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
    shelf: Shelf | None = None,
) -> Reported:
    """Write the steering-committee deck (.pptx) of one assessment or client folder; say
    where it went.

    Inputs as for `report` (a client folder's latest period, its previous one as baseline);
    `template` is the firm's .pptx whose masters and layouts the slides use, else the deck is
    16:9 on the default template in the theme's colour and logo. The deck goes to `output`,
    else `reports/<client>-<period>.pptx`; an existing file is replaced only with `force`.
    `generated` dates the deck; before the assessment's date only with `date_given`.
    `shelf` as for `report`.
    """
    from readiness.report.theme import DEFAULT_THEME, load_theme

    chosen = load_theme(theme) if theme is not None else DEFAULT_THEME
    loading: dict[str, Any] = {
        "vote_aggregate": vote_aggregate,
        "dispute_threshold": dispute_threshold,
        "shelf": shelf or Shelf(),
    }
    path, assessed, periods = _load_latest(path, frameworks, loading)
    loaded = assessed.loaded
    target = output or Path("reports") / f"{report_stem(path, loaded.assessment.period)}.pptx"
    inputs = [path, baseline, theme, template, *(Path(p.file) for p in periods)]
    check_output_name(target, (".pptx",), "a deck", "deck", inputs)
    if template is not None:
        _check_template_size(template)
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists; pass --force to replace it")
    if not date_given:
        _check_date(path, generated, loaded.assessment.date, "deck")
    history = _history(baseline, assessed, frameworks, periods, loading)
    from readiness.plan.roadmap import plan_roadmap
    from readiness.rules import evaluate_rules

    card, framework, assessment = assessed.scorecard, loaded.framework, loaded.assessment
    results = evaluate_rules(framework, card)
    # The routes of What it takes, as the report has them: the deck says what the report says.
    roadmap = plan_roadmap(framework, assessment, card, results, what_it_takes=True)
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
    **loading: Any,
) -> Progress:
    """The progress from an earlier assessment of the same organization and framework (the
    trend also spans `history`, the periods of the client folder, when given)."""
    earlier = assess(baseline, frameworks=frameworks, **loading)
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
    from readiness.progress import Period, build_progress

    then_period = Period(then.file, then.assessment, then.framework, earlier.scorecard)
    now_period = Period(now.file, now.assessment, now.framework, current.scorecard)
    if history:
        return build_progress(history, baseline=then_period)
    return build_progress([then_period, now_period])
