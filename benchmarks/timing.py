"""The one timing loop the benchmarks share: the median wall time of a few calls (a shared VM's
speed changes from one second to the next, so a single call says little)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(fn: Callable[[], object], rounds: int = 3, warm: bool = False) -> float:
    """Median wall seconds of ``rounds`` calls of ``fn``; ``warm`` calls it once first, untimed
    (imports, caches)."""
    if warm:
        fn()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def collect_as_command_line() -> str:
    """Set the garbage collector as ``govlint`` sets it for a run (``govlint.cli.GC_THRESHOLD``;
    what is alive now — the modules, the rules — frozen out of its sight, as
    ``Engine.gc_freeze`` does), so in-process figures are those of the command line.  Returns
    what was set, for the report line."""
    import gc

    from govlint.cli import GC_THRESHOLD

    if GC_THRESHOLD is None:
        return "Python's default collector"
    gc.set_threshold(*GC_THRESHOLD)
    gc.freeze()
    return f"collector as the command line sets it: threshold {GC_THRESHOLD[0]}, start-up objects frozen"
