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

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from readiness.errors import ReadinessError, UsageError
from readiness.files import system_error_line

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

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
    that died (only the item it was running fails; a new worker takes the rest). Worker
    processes are forked where the platform allows, and then inherit `work` as it is, never
    pickled: it may carry what the batch loaded once (a partial holding the frameworks, say).
    Elsewhere `work` must be picklable. `prepare` runs once in this process before the workers
    start, so that they inherit what it imported. `on_outcome` is called in this process as
    each item finishes, in completion order; `progress` shows a progress bar on stderr when
    stderr is a terminal. An exception raised in this process while the batch runs
    (KeyboardInterrupt, SystemExit from a signal) kills the workers at once and propagates.
    """
    check_jobs(jobs)
    if prepare is not None:
        prepare()
    done: dict[int, Outcome[T]] = {}
    with _progress_bar(len(items), label, enabled=progress) as advance:

        def finish(index: int, outcome: Outcome[T]) -> None:
            done[index] = outcome
            if on_outcome is not None:
                on_outcome(outcome)
            advance()

        if jobs == 1 or len(items) <= 1:
            for index, item in enumerate(items):
                finish(index, _attempt(work, item))
        else:
            _run_in_workers(items, work, min(jobs, len(items)), finish)
    return [done[index] for index in range(len(items))]


def check_jobs(jobs: int) -> None:
    """`UsageError` unless `jobs` is 1 or more."""
    if jobs < 1:
        raise UsageError(f"invalid --jobs '{jobs}': expected 1 or more")


@dataclass
class _Worker:
    """One worker process, the end of its pipe this process talks through, and the index of
    the item it is running (None when idle)."""

    process: BaseProcess
    connection: Connection
    running: int | None = None


def _run_in_workers(
    items: Sequence[str],
    work: Callable[[str], T],
    jobs: int,
    finish: Callable[[int, Outcome[T]], None],
) -> None:
    """Run every item in `jobs` worker processes, each given the next item as it finishes one."""
    import multiprocessing
    from multiprocessing.connection import wait

    forks = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if forks else multiprocessing.get_context()
    waiting = list(range(len(items)))[::-1]  # popped from the end: first item first
    workers: list[_Worker] = []

    def start() -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(
            target=_serve, args=(items, work, theirs, os.getpid()), daemon=True
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        workers.append(worker)
        return worker

    def give(worker: _Worker) -> None:
        """Send the worker the next item (None: no more); a worker gone in between items is
        replaced, and the item goes back to the queue."""
        worker.running = waiting.pop() if waiting else None
        try:
            worker.connection.send(worker.running)
        except OSError:  # the worker died after sending its last outcome
            if worker.running is not None:
                waiting.append(worker.running)
            retire(worker)

    def retire(worker: _Worker) -> None:
        """Forget a worker that died; start another while items are waiting."""
        worker.running = None
        workers.remove(worker)
        worker.connection.close()
        if waiting:
            give(start())

    try:
        for _ in range(jobs):
            give(start())
        while any(w.running is not None for w in workers):
            busy = [w for w in workers if w.running is not None]
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                index = worker.running
                if index is None:
                    continue
                outcome: Outcome[T] | None = None
                if worker.connection in ready or worker.connection.poll():
                    with contextlib.suppress(EOFError):  # EOF: it died mid-item
                        outcome = worker.connection.recv()
                elif worker.process.sentinel not in ready:
                    continue  # still working
                if outcome is not None:
                    finish(index, outcome)
                    give(worker)
                else:
                    finish(index, Outcome(items[index], errors=(_DIED.format(items[index]),)))
                    retire(worker)
    except BaseException:
        for worker in workers:
            _kill(worker.process)
        raise
    for worker in workers:
        worker.process.join()
        worker.connection.close()


_DIED = "{}: the worker process died"


def _serve(
    items: Sequence[str], work: Callable[[str], T], connection: Connection, parent: int
) -> None:
    """A worker process: run the item whose index it is sent, send back its outcome, until it
    is sent None."""
    _start_worker(parent)
    while (index := connection.recv()) is not None:
        connection.send(_attempt(work, items[index]))


def _kill(process: BaseProcess) -> None:
    """Stop a worker now, mid-item: nothing it was doing is finished."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # already gone
        process.kill()


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
