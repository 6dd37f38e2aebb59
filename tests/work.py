"""Work counted, not timed: the number of Python lines a call executes (``sys.settrace`` line
events).  It is the same on any machine at any load, so a test can say "linear in size" or
"bounded search" without a stopwatch (timed figures live in benchmarks/)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any


def executed_lines(fn: Callable[[], Any]) -> int:
    """Python lines executed by ``fn()`` (its callees included; C code such as a regex counts as
    the one line that calls it)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    previous = sys.gettrace()
    sys.settrace(lambda frame, event, arg: local)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count
