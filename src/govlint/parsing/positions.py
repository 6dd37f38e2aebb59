"""Offsets → 1-based line/column spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, repeat
from operator import add
from typing import Protocol

from govlint.model import Span

_new_span = tuple.__new__  # Span(...) without the NamedTuple's Python-level __new__


class _Stretch(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class LineIndex:
    """Maps character offsets of a text to (line, column), both 1-based."""

    __slots__ = ("starts", "length", "_last")

    def __init__(self, text: str) -> None:
        # where each line starts, and a sentinel (the start of a line past the end, len + 1): the
        # running sum of the lines' lengths plus their line breaks, in C
        self.starts = list(accumulate(map(add, map(len, text.split("\n")), repeat(1)), initial=0))
        self.length = len(text)
        self._last = 1  # the line of the previous lookup (lookups mostly move forward)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        if not 0 <= start <= end <= self.length:  # (the common case decided in one comparison)
            start, end = self._clamp(start, end)
        starts = self.starts
        line = self._last
        ls = starts[line - 1]
        if not ls <= start < starts[line]:
            line = self._last = bisect_right(starts, start)
            ls = starts[line - 1]
        if end < starts[line]:  # on one line
            return _new_span(Span, (line, start - ls + 1, line, end - ls + 1, start, end))
        end_line = bisect_right(starts, end, line - 1)
        return _new_span(Span, (line, start - ls + 1, end_line, end - starts[end_line - 1] + 1, start, end))

    def _clamp(self, start: int, end: int) -> tuple[int, int]:
        """``start`` within the text, ``end`` from ``start`` to the end of the text."""
        start = min(max(start, 0), self.length)
        return start, min(max(end, start), self.length)

    def line_bounds(self, offset: int) -> tuple[int, int, int]:
        """(line, offset where it starts, offset where the next line starts) of ``offset``."""
        starts = self.starts
        offset = max(0, min(offset, self.length))
        line = self._last
        if not (starts[line - 1] <= offset < starts[line]):
            line = self._last = bisect_right(starts, offset)
        return line, starts[line - 1], starts[line]

    def spans(self, items: Sequence[_Stretch]) -> list[Span]:
        """``[self.span(x.start, x.end) for x in items]`` for stretches in text order, mostly on
        one line (a table row's cells): one line lookup for the run, not one per stretch."""
        starts = self.starts
        out: list[Span] = []
        append = out.append
        line = 0
        ls = nxt = -1
        for x in items:
            start, end = x.start, x.end
            if not ls <= start <= end < nxt:  # (ls >= 0 and nxt <= length + 1: a stretch of the text)
                append(self.span(start, end))
                line = self._last
                ls, nxt = starts[line - 1], starts[line]
                continue
            append(_new_span(Span, (line, start - ls + 1, line, end - ls + 1, start, end)))
        return out
