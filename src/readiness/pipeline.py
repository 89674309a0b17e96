"""The library API behind every command: load -> score -> rules -> roadmap -> render.

Each function here runs the stages a command needs and returns models; printing is the command
line's job. Usable from Python as it is:

    from readiness.pipeline import assess
    result = assess(Path("examples/acme-retail/2026-Q4.yaml"))
    print(result.scorecard.stage)
"""

from __future__ import annotations

import functools
import gc
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from readiness.errors import Issue, OutputExistsError, ReadinessError, UsageError, ValidationError
from readiness.load import (
    Checked,
    LoadedAssessment,
    find_framework,
    framework_search_path,
    hold_frameworks,
    load_assessment,
    load_framework_cached,
    validate_paths,
)
from readiness.model import Framework
from readiness.progress import Period, Progress, build_progress, order_periods
from readiness.records import record_data
from readiness.roadmap import Plan, parse_capacity, parse_month, plan_roadmap
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


def validate(paths: Sequence[Path], *, frameworks: Sequence[Path] = ()) -> Checked:
    """Validate frameworks and assessments; see `readiness.load.validate_paths`."""
    return validate_paths(paths, frameworks=frameworks)


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
) -> Planned:
    """Load, score, evaluate the rules and plan the roadmap of one assessment file.

    `start` (YYYY-MM) and `capacity` (1-20) override the defaults; bad values raise
    `UsageError`, before any file is read. `vote_aggregate` and `dispute_threshold` as for
    `assess`.
    """
    if start is not None:
        parse_month(start)
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
    )
    return Planned(assessed, results, roadmap)


def load_client(
    client_dir: Path,
    *,
    frameworks: Sequence[Path] = (),
    vote_aggregate: str | None = None,
    dispute_threshold: float | None = None,
) -> list[Period]:
    """Load and score every period of a client folder (its top-level `*.yaml` files), oldest
    first.

    Raises `ValidationError` with every problem of every file, and for periods that repeat or
    files that name different frameworks or organizations (each naming both files).
    """
    if not client_dir.is_dir():
        raise ReadinessError(f"{client_dir}: not a folder (give a client folder of periods)")
    files = sorted(p for p in client_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise ReadinessError(
            f"{client_dir}: holds no assessment files (one <period>.yaml per period)"
        )
    periods: list[Period] = []
    issues: list[Issue] = []
    for file in files:
        try:
            loaded = with_vote_settings(
                load_assessment(file, frameworks=frameworks),
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


def progress(client_dir: Path, *, frameworks: Sequence[Path] = ()) -> Progress:
    """Every period of a client folder, their changes, and the latest against the previous."""
    return build_progress(load_client(client_dir, frameworks=frameworks))


PAPERS = ("a4", "letter")


def report_path(
    assessment: Path,
    period: str,
    *,
    output: Path | None = None,
    html: bool = False,
    folder: Path | None = None,
) -> Path:
    """Where a report goes: `output`, else `<folder>/<client>-<period>.pdf` (folder `reports`
    unless given; client = the assessment's folder name as a slug); with `html`, the same name
    ending in .html."""
    if output is None:
        output = (folder or Path("reports")) / f"{report_stem(assessment, period)}.pdf"
    return output.with_suffix(".html") if html else output


def report_stem(assessment: Path, period: str) -> str:
    """`<client>-<period>`: the client is the assessment's folder name as a slug."""
    client = client_slug(assessment.resolve().parent)
    return "-".join(p for p in (client, period) if p)


def client_slug(folder: Path) -> str:
    """A client folder's name in lower case, runs of other characters as one '-'."""
    return re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")


def _check_report_target(target: Path, html: bool, inputs: Sequence[Path | None]) -> None:
    """Refuse an output that is not a report file or that would replace one of the inputs:
    even with --force, a PDF is never written over an assessment."""
    wanted = ".html" if html else ".pdf"
    if target.suffix.lower() != wanted:
        raise UsageError(
            f"-o {target}: a {'HTML' if html else 'PDF'} report must be written to a file "
            f"ending in {wanted}"
        )
    resolved = target.resolve()
    for item in inputs:
        if item is not None and item.resolve() == resolved:
            raise UsageError(
                f"-o {target}: this is one of the report's inputs; choose another file"
            )


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
    date_given: bool = False,
    pdf_variant: str = "pdf/ua-1",
    workshop_pack: bool = False,
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
    """
    step = on_step or (lambda _: None)
    if paper not in PAPERS:
        raise UsageError(f"invalid --paper '{paper}': expected a4 or letter")
    from readiness.report import PDF_VARIANTS

    if pdf_variant not in PDF_VARIANTS:
        raise UsageError(
            f"invalid --pdf-variant '{pdf_variant}': expected {' or '.join(PDF_VARIANTS)}"
        )
    from readiness.report.theme import DEFAULT_THEME, load_theme

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
    _check_report_target(target, html, [path, baseline, theme, *(Path(p.file) for p in periods)])
    if target.exists() and not force:
        raise OutputExistsError(f"{target}: already exists; pass --force to replace it")
    history = _history(baseline, assessed, frameworks, periods, votes)
    step("planning")
    results = evaluate_rules(loaded.framework, assessed.scorecard)
    roadmap = plan_roadmap(loaded.framework, loaded.assessment, assessed.scorecard, results)
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
    )
    if workshop_pack and context.workshop is None:
        raise ReadinessError(f"{path}: no workshop votes, so there is no workshop pack to write")
    text = render_html(context, workshop_pack=workshop_pack)
    if html:
        write_text_atomic(target, text, force=force)
    else:
        step("rendering PDF")
        from readiness.report.pdf import write_pdf

        pdf = write_pdf(text, logo=chosen.logo, variant=pdf_variant)
        write_text_atomic(target, pdf, force=force)
    return Reported(target, assessed.warnings)


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


def to_json(data: Any) -> str:
    """Deterministic JSON: stable key order as built, two-space indent, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_text_atomic(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write a file through a temporary file and a rename: never half-written, never replacing
    an existing file unless `force`."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path}: already exists; pass --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            # mkstemp makes the file private to its owner; an output gets the mode of any new
            # file instead (0666 less the umask): reports are meant to be shared.
            os.fchmod(stream.fileno(), 0o666 & ~_umask())
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not force and path.exists():
            raise OutputExistsError(f"{path}: already exists; pass --force to replace it")
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# --- batches ----------------------------------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one item of a batch gave: its value, or the lines saying why it failed."""

    item: str
    value: T | None = None
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the item succeeded."""
        return not self.errors

    def summary(self) -> str:
        """The failure on one line: the first problem, and how many more there are."""
        if not self.errors:
            return f"{self.item}: ok"
        first = self.errors[0]
        if not first.startswith(self.item):
            first = f"{self.item}: {first}"
        more = len(self.errors) - 1
        if more:
            first += (
                f" (and {more} more problem{'s' if more > 1 else ''}: "
                f"readiness validate {self.item})"
            )
        return first


def run_batch(
    items: Sequence[str],
    work: Callable[[str], T],
    *,
    jobs: int = 1,
    progress: bool = False,
    label: str = "",
    prepare: Callable[[], object] | None = None,
    on_outcome: Callable[[Outcome[T]], None] | None = None,
) -> list[Outcome[T]]:
    """Run `work` on every item in `jobs` worker processes; return the outcomes in item order.

    A failing item never stops the others: a `ReadinessError` becomes that item's error lines,
    and so does an unexpected exception (a bug: named as an internal error) or a worker process
    that died. `work` must be picklable (a module-level function, or a `functools.partial` of
    one). `prepare` runs once in this process before the workers start, so that they inherit
    what it imported or loaded (worker processes are forked where the platform allows).
    `on_outcome` is called in this process as each item finishes, in completion order;
    `progress` shows a progress bar on stderr when stderr is a terminal.
    """
    if jobs < 1:
        raise UsageError(f"invalid --jobs '{jobs}': expected 1 or more")
    if prepare is not None:
        prepare()
    # What is loaded up to here (the framework, imported modules) lives for the whole batch:
    # freezing it spares every garbage collection a walk over it, and forked workers keep
    # sharing its memory pages instead of copying them when the collector touches them.
    gc.freeze()
    done: dict[int, Outcome[T]] = {}
    # The frameworks stay as loaded while the batch runs: each is looked up once, not per item.
    with hold_frameworks(), _progress_bar(len(items), label, enabled=progress) as advance:

        def finish(index: int, outcome: Outcome[T]) -> None:
            done[index] = outcome
            if on_outcome is not None:
                on_outcome(outcome)
            advance()

        if jobs == 1 or len(items) <= 1:
            for index, item in enumerate(items):
                finish(index, _attempt(work, item))
        else:
            pending = _run_in_pool(items, range(len(items)), work, jobs, finish)
            # A worker that died (a crash, a kill, out of memory) breaks the whole pool and
            # fails every item still in it. Each of those runs again in a pool of its own, so
            # only the item that kills its worker is reported as failed.
            for index in pending:
                for left in _run_in_pool(items, [index], work, 1, finish):
                    finish(
                        left,
                        Outcome(items[left], errors=(f"{items[left]}: the worker process died",)),
                    )
    return [done[index] for index in range(len(items))]


def _run_in_pool(
    items: Sequence[str],
    indexes: Iterable[int],
    work: Callable[[str], T],
    jobs: int,
    finish: Callable[[int, Outcome[T]], None],
) -> list[int]:
    """Run the items at `indexes` in a process pool; return those lost to a broken pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    wanted = list(indexes)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    lost: list[int] = []
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(wanted)), mp_context=multiprocessing.get_context(method)
    ) as pool:
        futures = {pool.submit(_attempt, work, items[index]): index for index in wanted}
        try:
            for future in as_completed(futures):
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    lost.append(futures[future])
                    continue
                finish(futures[future], outcome)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return sorted(lost)


def _attempt(work: Callable[[str], T], item: str) -> Outcome[T]:
    try:
        return Outcome(item, work(item))
    except ReadinessError as error:
        return Outcome(item, errors=tuple(error.lines()))
    except Exception as error:  # a bug: reported for this item, the batch goes on
        return Outcome(
            item,
            errors=(f"{item}: internal error (please report it): {type(error).__name__}: {error}",),
        )


@contextmanager
def _progress_bar(total: int, label: str, *, enabled: bool) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr while the block runs; nothing unless stderr is a terminal."""
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label or "working", total=total)
        yield lambda: bar.advance(task)


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
    date_given: bool = False
    pdf_variant: str = "pdf/ua-1"


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
    _refuse_clashing_targets(targets)
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
        date_given=options.date_given,
        pdf_variant=options.pdf_variant,
    )


def _import_report_stages(*, pdf: bool) -> None:
    # Imported once here, before the workers fork, rather than once in every worker.
    import readiness.report.context
    import readiness.report.html

    if pdf:
        import readiness.report.pdf  # noqa: F401


def _refuse_clashing_targets(targets: Sequence[Path]) -> None:
    """Refuse targets that would overwrite each other's report: the same one twice, two files
    of one client with the same name, or a client folder (its latest period) next to a file of
    the same client."""
    given: dict[Path, Path] = {}
    folders: dict[str, Path] = {}
    files: dict[tuple[str, str], Path] = {}
    for target in targets:
        resolved = target.resolve()
        if resolved in given:
            raise UsageError(f"{target} is given twice")
        given[resolved] = target
        if target.is_dir():
            client = client_slug(resolved)
            other = folders.get(client) or next(
                (f for (c, _), f in files.items() if c == client), None
            )
            folders.setdefault(client, target)
        else:
            client = client_slug(resolved.parent)
            other = files.get((client, target.stem)) or folders.get(client)
            files.setdefault((client, target.stem), target)
        if other is not None:
            raise UsageError(
                f"{other} and {target} would write the same report; give them in separate "
                "runs with different -o folders"
            )
