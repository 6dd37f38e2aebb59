"""What the built-in rules share about one report, built once: the line index, the profile,
the part bodies, the prose segments and their sentences, the reporting body.

Rules derive these facts from here instead of each re-deriving them with its own definition.
A rule that needs a report of a known format says so (``needs_format``) instead of repeating
the guard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import ClassVar

from govlint.checks.common import (
    Joined,
    applies,
    line_index,
    memo,
    part_text,
    profile_fits,
    profile_of,
    prose_segments,
    sentences,
    whole_text,
)
from govlint.diagnostic import Diagnostic
from govlint.model import Number, Report
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile
from govlint.rule import Rule

_AGENCY = re.compile(r"^(.*?)(?:(?:19|20)\d{2}|〔|政府信息公开)")


@dataclass
class Sentence:
    """A sentence of a prose segment: its text and where it sits in the segment."""

    seg: Joined
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.seg.text[self.start:self.end]


@dataclass
class Context:
    report: Report
    profile: Profile | None
    index: LineIndex
    whole: Joined
    prose: list[Joined]
    parts: dict[int, Joined] = field(default_factory=dict)

    @property
    def known_format(self) -> bool:
        """A report of a known format whose profile covers the report year."""
        return applies(self.report) and self.profile is not None and profile_fits(self.report, self.profile)

    @property
    def agency(self) -> str:
        """The reporting body as the title names it (``渠县人民政府办公室``), or ``""``."""
        m = _AGENCY.match(re.sub(r"\s+", "", self.report.title))
        return m.group(1) if m else ""

    def sentences(self) -> Iterator[Sentence]:
        for seg in self.prose:
            for a, b in sentences(seg):
                yield Sentence(seg, a, b)

    def cell(self, table: str, row: str, column: str) -> Number | None:
        """A cell's value when it is present (the row found; the cell a number), else None.
        Unlike the arithmetic rules' view, an incomplete row still gives its present cells."""
        t = self.report.tables.get(table)
        r = t.row(row) if t is not None else None
        if r is None or not r.found:
            return None
        c = r.cell(column)
        return c.value if c is not None else None

    def row_values(self, table: str, row: str) -> list[Number]:
        t = self.report.tables.get(table)
        r = t.row(row) if t is not None else None
        if r is None or not r.found:
            return []
        return [c.value for c in r.cells if c.value is not None]


def context(report: Report) -> Context:
    """The report's context (built once per report)."""
    return memo(report, "context", lambda: _build(report))


def _build(report: Report) -> Context:
    parts: dict[int, Joined] = {}
    for i in range(1, 7):
        j = part_text(report, i)
        if j is not None:
            parts[i] = j
    return Context(report, profile_of(report), line_index(report), whole_text(report), prose_segments(report), parts)


class ReportRule(Rule):
    """A built-in rule that works on the report's :class:`Context`.

    ``needs_format``: only for a report of a known format (the default); a rule that can judge
    any text (e.g. duplicated words) sets it False and still skips texts that are no report.
    """

    needs_format: ClassVar[bool] = True

    def check(self, report: Report) -> Iterable[Diagnostic]:
        if not applies(report):
            return ()
        ctx = context(report)
        if self.needs_format and not ctx.known_format:
            return ()
        return self.check_context(ctx)

    def check_context(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()
