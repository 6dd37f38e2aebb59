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
        if end < start:
            end = start
        line, col = self.position(start)
        end_line, end_col = self.position(end)
        return Span(line, col, end_line, end_col, start, end)
