"""Offsets → 1-based line/column spans."""

from __future__ import annotations

from bisect import bisect_right

from govlint.model import Span


class LineIndex:
    """Maps character offsets of a text to (line, column), both 1-based."""

    __slots__ = ("starts", "length")

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self.starts = starts
        self.length = len(text)

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, self.length))
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def span(self, start: int, end: int) -> Span:
        starts = self.starts
        if start < 0:
            start = 0
        if start > self.length:
            start = self.length
        if end < start:
            end = start
        elif end > self.length:
            end = self.length
        line = bisect_right(starts, start)
        end_line = bisect_right(starts, end, line - 1)
        return Span(line, start - starts[line - 1] + 1, end_line, end - starts[end_line - 1] + 1, start, end)
