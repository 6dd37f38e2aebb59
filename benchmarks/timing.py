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
