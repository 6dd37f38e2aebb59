"""``--jobs N``: files checked in worker processes, results in the input order.

Workers are forked (where the platform can): they inherit the loaded rules and plugins, so
nothing is re-imported or re-configured per worker.  Where fork is unavailable, or for a
handful of files, the work runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: fewer files than this per worker: not worth starting processes
MIN_FILES_PER_JOB = 4

_work: Callable[[Any], Any] | None = None


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _worker_start() -> None:
    """Workers leave Ctrl-C to the parent (a terminal sends it to the whole process group): the
    parent stops the pool and exits 130, no worker prints a traceback."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _call(item: Any) -> Any:
    assert _work is not None
    return _work(item)


def ordered_map(fn: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """``map(fn, items)`` over ``jobs`` processes, yielding results in the order of ``items``."""
    global _work
    jobs = min(jobs, len(items) // MIN_FILES_PER_JOB)
    if jobs <= 1:
        yield from map(fn, items)
        return
    import multiprocessing  # only when there is work for several processes

    if "fork" not in multiprocessing.get_all_start_methods():
        yield from map(fn, items)
        return
    _work = fn
    ctx = multiprocessing.get_context("fork")
    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with ctx.Pool(jobs, initializer=_worker_start) as pool:
        results: Iterable[R] = pool.imap(_call, items, chunksize=chunk)
        yield from results
    _work = None
