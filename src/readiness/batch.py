"""Running one job over many items: worker processes, a progress bar, and stopping cleanly.

`run_batch` runs a function on every item, in this process or in a pool of worker processes,
and gives back one `Outcome` per item: a failing item never stops the others.

Stopping: a worker process dies at once on SIGINT, SIGTERM or SIGHUP (their default action, so
a worker never finishes, or publishes, the file it was writing), and dies with this process
even when this process is killed outright (SIGKILL). When this process is interrupted (Ctrl-C
reaches the whole process group; the command line turns SIGTERM and SIGHUP into an exit), it
kills its workers before anything else and returns no further outcome: after the signal no
file is written or replaced, and the command exits within a moment. A temporary file a killed
worker leaves behind is removed by the next write into its folder (see `readiness.files`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from readiness.errors import ReadinessError, UsageError
from readiness.files import system_error_line
from readiness.load import hold_frameworks

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_STOPPING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


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
    `progress` shows a progress bar on stderr when stderr is a terminal. An exception raised
    in this process while the batch runs (KeyboardInterrupt, SystemExit from a signal) kills
    the workers at once and propagates.
    """
    if jobs < 1:
        raise UsageError(f"invalid --jobs '{jobs}': expected 1 or more")
    if prepare is not None:
        prepare()
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
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(wanted)),
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
    try:
        futures = {pool.submit(_attempt, work, items[index]): index for index in wanted}
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                lost.append(futures[future])
                continue
            finish(futures[future], outcome)
    except BaseException:
        _kill_workers(pool)
        raise
    pool.shutdown(wait=True)
    return sorted(lost)


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every worker of `pool` now, mid-item: nothing they were doing is finished."""
    # The executor keeps its worker processes in `_processes` (pid -> process); it has no
    # public way to stop a worker that is running an item.
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.kill()
        except (OSError, ValueError):  # already gone
            continue
    pool.shutdown(wait=False, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """In each worker process, before any item: die on a stopping signal, and with the
    parent."""
    for name in _STOPPING_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """Where the kernel cannot kill a worker with its parent: exit once the parent is gone."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _attempt(work: Callable[[str], T], item: str) -> Outcome[T]:
    try:
        return Outcome(item, work(item))
    except ReadinessError as error:
        return Outcome(item, errors=tuple(error.lines()))
    except OSError as error:  # a file the system refused: the user's to fix, not a bug
        return Outcome(item, errors=(system_error_line(error),))
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
