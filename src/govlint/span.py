"""A stretch of source text (:class:`Span`): in a module of its own, so that diagnostics (read
back from the cache) do not import the document model.  ``govlint.model.Span`` is the same class."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A stretch of source text.

    ``line``/``column`` are 1-based; columns count characters (not bytes).  ``end_line`` and
    ``end_column`` point just past the last character (as in SARIF).  ``start``/``end`` are
    0-based character offsets into the text, handy for slicing.  (A NamedTuple: cheap to
    create, and a report has hundreds of them.)
    """

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
