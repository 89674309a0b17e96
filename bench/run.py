"""The benchmarks of the README, in one command: `make bench` (or `python bench/run.py`).

Each figure is a ratio of two things measured in the same run, on the same machine, interleaved
(A, B, A, B, ...) so that a busy neighbour slows both alike; the median of the repeats is kept.
Every figure is printed next to its target; the exit status is 1 when a target is missed.

1. report    `readiness report` on the bundled example (the whole process) against WeasyPrint
             alone rendering the same final HTML in a fresh process.
2. startup   `readiness --help` against `python -c "import click"`.
3. portfolio load, score and plan 1,000 generated assessments (bench/generate.py) against only
             parsing the same files with PyYAML's C loader; also assessments per second.
4. memory    peak resident memory of one `readiness report` process.
5. batch     `readiness report` over many clients, `--jobs 2` against `--jobs 1`.
6. score     `readiness score` on the bundled example (the whole process) against
             `python -c "import yaml, pydantic, click"`.

Timed figures are never asserted in the test suite: machines differ, targets are checked here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
READINESS = str(BIN / "readiness")
PYTHON = sys.executable
EXAMPLE = ROOT / "examples" / "acme-retail" / "2026-Q4.yaml"
FRAMEWORK = ROOT / "questionnaires" / "ml-scaling"


@dataclass(frozen=True)
class Figure:
    """One measured figure with its target."""

    name: str
    value: float
    unit: str
    target: str
    met: bool
    detail: str = ""

    def row(self) -> str:
        shown = f"{self.value:.2f}{self.unit}" if self.unit != " MiB" else f"{self.value:.0f} MiB"
        status = "ok" if self.met else "MISSED"
        return f"{self.name:<34} {shown:>10}   target {self.target:<10} {status:<6} {self.detail}"


# --- measuring processes ----------------------------------------------------------------------


def run_timed(
    command: Sequence[str], *, cwd: Path | None = None, ok: Sequence[int] = (0,)
) -> float:
    """Wall time of one process, in seconds."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise SystemExit(
            f"bench: {' '.join(command)} exited {result.returncode}:\n"
            + result.stderr.decode(errors="replace")[-2000:]
        )
    return elapsed


def peak_rss_mib(command: Sequence[str], *, cwd: Path | None = None) -> float:
    """Peak resident set size of one process (and none of its children), in MiB."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} exited {process.returncode}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def interleaved(
    first: Callable[[], float], second: Callable[[], float], repeats: int
) -> tuple[float, float]:
    """Medians of two measurements taken alternately, after one warm-up of each."""
    first(), second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(repeats):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


# --- 2. start-up ------------------------------------------------------------------------------


def bench_startup(repeats: int) -> list[Figure]:
    """`readiness --help` against `python -c "import click"`."""
    ours, click = interleaved(
        lambda: run_timed([READINESS, "--help"]),
        lambda: run_timed([PYTHON, "-c", "import click"]),
        repeats,
    )
    ratio = ours / click
    return [
        Figure(
            "2. start-up (--help / import click)",
            ratio,
            "x",
            "<= 1.6x",
            ratio <= 1.6,
            f"{ours * 1000:.0f} ms vs {click * 1000:.0f} ms",
        )
    ]


def bench_score(repeats: int) -> list[Figure]:
    """`readiness score` on the example, the whole process, against `python -c "import yaml,
    pydantic, click"` (the libraries any such command has to import)."""
    ours, imports = interleaved(
        lambda: run_timed([READINESS, "score", str(EXAMPLE)], cwd=ROOT),
        lambda: run_timed([PYTHON, "-c", "import yaml, pydantic, click"]),
        repeats,
    )
    ratio = ours / imports
    return [
        Figure(
            "6. score (readiness score / import yaml, pydantic, click)",
            ratio,
            "x",
            "<= 2.5x",
            ratio <= 2.5,
            f"{ours * 1000:.0f} ms vs {imports * 1000:.0f} ms",
        )
    ]


# --- 3. portfolio -----------------------------------------------------------------------------


def task_parse(folder: Path) -> None:
    """Worker: only parse every file with the C loader; print the seconds it took."""
    import yaml

    files = sorted(folder.glob("*.yaml"))
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    print(time.perf_counter() - start)


def plan_summary(path: str) -> tuple[str, int]:
    """Load, score and plan one assessment; what a portfolio view keeps of it."""
    from readiness.pipeline import plan

    planned = plan(Path(path), frameworks=(ROOT / "questionnaires",))
    return planned.assessed.scorecard.stage, len(planned.plan.initiatives)


def task_plan(folder: Path, jobs: int) -> None:
    """Worker: load, score and plan every file; print the seconds it took. The framework is
    loaded once, inside the timing, before any worker process starts."""
    from readiness.pipeline import locate_framework, run_batch

    files = [str(p) for p in sorted(folder.glob("*.yaml"))]
    start = time.perf_counter()
    outcomes = run_batch(
        files,
        plan_summary,
        jobs=jobs,
        prepare=lambda: locate_framework("ml-scaling", frameworks=(ROOT / "questionnaires",)),
    )
    elapsed = time.perf_counter() - start
    failed = [o.summary() for o in outcomes if not o.ok]
    if failed:
        raise SystemExit("\n".join(failed[:5]))
    print(elapsed)


def _worker_seconds(arguments: Sequence[str]) -> float:
    result = subprocess.run(
        [PYTHON, __file__, *arguments], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: worker {arguments} failed:\n{result.stderr[-2000:]}")
    return float(result.stdout.strip().splitlines()[-1])


def bench_portfolio(count: int, repeats: int, jobs: Sequence[int]) -> list[Figure]:
    """Load + score + plan against C-loader parsing, in fresh processes, work time only."""
    sys.path.insert(0, str(Path(__file__).parent))
    from generate import write_portfolio

    from readiness.load import load_framework

    figures = []
    with tempfile.TemporaryDirectory(prefix="readiness-bench-") as temporary:
        folder = Path(temporary) / "portfolio"
        write_portfolio(load_framework(FRAMEWORK), folder, count)
        for job_count in jobs:
            ours, parse = interleaved(
                lambda n=job_count: _worker_seconds(["--task", "plan", str(folder), str(n)]),
                lambda: _worker_seconds(["--task", "parse", str(folder)]),
                repeats,
            )
            ratio = ours / parse
            processes = "1 process" if job_count == 1 else f"{job_count} processes"
            figures.append(
                Figure(
                    f"3. portfolio, {processes}",
                    ratio,
                    "x",
                    "<= 2.5x",
                    ratio <= 2.5,
                    f"{count / ours:,.0f} assessments/s; {ours:.2f} s vs parse {parse:.2f} s",
                )
            )
    return figures


# --- 1, 4, 5: the report ----------------------------------------------------------------------


def report_available() -> bool:
    """Whether this version has the `report` command."""
    result = subprocess.run([READINESS, "report", "--help"], capture_output=True, check=False)
    return result.returncode == 0


def bench_report(repeats: int, work: Path) -> list[Figure]:
    """The report, whole process, against WeasyPrint alone on the same HTML; its peak memory."""
    pdf = work / "report.pdf"
    html = work / "report.html"
    run_timed([READINESS, "report", str(EXAMPLE), "--html", "-o", str(html), "--force"])
    # The same rendering options as the report's writer (fonts embedded whole), so that both
    # sides do the same WeasyPrint work; the HTML links its fonts and styles by file URL.
    render = (
        "import sys, weasyprint; "
        "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], full_fonts=True)"
    )
    ours, alone = interleaved(
        lambda: run_timed([READINESS, "report", str(EXAMPLE), "-o", str(pdf), "--force"]),
        lambda: run_timed([PYTHON, "-c", render, str(html), str(work / "alone.pdf")]),
        repeats,
    )
    ratio = ours / alone
    peak = max(
        peak_rss_mib([READINESS, "report", str(EXAMPLE), "-o", str(pdf), "--force"])
        for _ in range(3)
    )
    return [
        Figure(
            "1. report (readiness / WeasyPrint)",
            ratio,
            "x",
            "<= 1.25x",
            ratio <= 1.25,
            f"{ours:.2f} s vs {alone:.2f} s",
        ),
        Figure("4. peak memory of one report", peak, " MiB", "<= 200 MiB", peak <= 200),
    ]


def bench_batch(clients: int, repeats: int, work: Path) -> list[Figure]:
    """`readiness report` over many client folders: --jobs 2 against --jobs 1.

    One extra client is broken on purpose: it is reported and the others still get a report.
    """
    folders = []
    source = EXAMPLE.parent
    for index in range(clients):
        folder = work / "clients" / f"client-{index:02d}"
        shutil.copytree(source, folder, dirs_exist_ok=True)
        folders.append(str(folder))
    broken = work / "clients" / "broken"
    broken.mkdir(parents=True, exist_ok=True)
    (broken / "2026-Q4.yaml").write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("period: 2026-Q4", "period: 2026-Q5"),
        encoding="utf-8",
    )
    folders.append(str(broken))
    out = work / "batch"

    def batch(jobs: int) -> float:
        command = [READINESS, "report", *folders, "-o", str(out), "--force", "--jobs", str(jobs)]
        return run_timed([*command, "--frameworks", str(ROOT / "questionnaires")], ok=(1,))

    one, two = interleaved(lambda: batch(1), lambda: batch(2), repeats)
    speedup = one / two
    return [
        Figure(
            f"5. batch of {clients} clients (--jobs 2)",
            speedup,
            "x",
            ">= 1.7x",
            speedup >= 1.7,
            f"{one:.1f} s with --jobs 1, {two:.1f} s with --jobs 2; one broken client reported",
        )
    ]


# --- main -------------------------------------------------------------------------------------

ALL = ("startup", "score", "portfolio", "report", "batch")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print each figure with its target."""
    parser = argparse.ArgumentParser(description="readiness benchmarks")
    parser.add_argument("--only", default=",".join(ALL), help=f"Comma-separated: {', '.join(ALL)}.")
    parser.add_argument("--count", type=int, default=1000, help="Portfolio size.")
    parser.add_argument("--clients", type=int, default=8, help="Clients in the batch benchmark.")
    parser.add_argument("--repeats", type=int, default=0, help="Repeats (default: per figure).")
    parser.add_argument("--task", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.task:
        name, *rest = args.task
        if name == "parse":
            task_parse(Path(rest[0]))
        else:
            task_plan(Path(rest[0]), int(rest[1]))
        return 0
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    cores = os.cpu_count() or 1
    print(f"readiness benchmarks: Python {sys.version.split()[0]}, {cores} cores")
    figures: list[Figure] = []
    if "startup" in wanted:
        figures += bench_startup(args.repeats or 21)
    if "score" in wanted:
        figures += bench_score(args.repeats or 15)
    if "portfolio" in wanted:
        jobs = [1] if cores < 2 else [1, 2]
        figures += bench_portfolio(args.count, args.repeats or 3, jobs)
    if {"report", "batch"} & set(wanted):
        if not report_available():
            print("report, memory, batch: skipped (this version has no `readiness report`)")
        else:
            with tempfile.TemporaryDirectory(prefix="readiness-bench-") as temporary:
                if "report" in wanted:
                    figures += bench_report(args.repeats or 5, Path(temporary))
                if "batch" in wanted:
                    figures += bench_batch(args.clients, args.repeats or 2, Path(temporary))
    print()
    for figure in sorted(figures, key=lambda f: f.name):
        print(figure.row())
    return 0 if all(f.met for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
