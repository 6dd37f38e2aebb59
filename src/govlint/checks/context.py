"""What the built-in rules share about one report, built once: the line index, the profile,
the part bodies, the prose segments and their sentences, the reporting body, and an index of
the table rows and cells.

Rules derive these facts from here instead of each re-deriving them with its own definition;
what is derived is computed on first use and kept on the context (one per report).  A rule
says what it needs (:class:`Needs`) instead of repeating the guard.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import ClassVar

from govlint.checks.common import (
    _MEMO,
    SENTENCE_ENDS,
    Joined,
    applies,
    line_index,
    memo,
    part_region,
    part_text,
    profile_fits,
    profile_of,
    prose_segments,
    sentences,
    whole_text,
)
from govlint.diagnostic import Diagnostic
from govlint.facts import body_of
from govlint.model import Cell, Number, Part, Report, Row, Span
from govlint.parsing.positions import LineIndex
from govlint.profile import CellRef, Profile, RowSpec
from govlint.rule import Rule


@dataclass(slots=True)
class Sentence:
    """A sentence of a prose segment: its text and where it sits in the segment."""

    seg: Joined
    start: int
    end: int
    text: str = ""  # seg.text[start:end], sliced once (read by a dozen rules)

    @classmethod
    def all_of(cls, seg: Joined) -> list[Sentence]:
        text = seg.text
        return [cls(seg, a, b, text[a:b]) for a, b in sentences(seg)]


@dataclass
class Context:
    """What the rules of one report share, built once: its profile, line index and joined prose."""

    report: Report
    profile: Profile | None
    index: LineIndex
    whole: Joined
    prose: list[Joined]

    @property
    def known_format(self) -> bool:
        """A report of a known format whose profile covers the report year."""
        return applies(self.report) and self.profile is not None and profile_fits(self.report, self.profile)

    @cached_property
    def admits(self) -> dict[Needs, bool]:
        """Whether the report is what a rule of each :class:`Needs` judges (decided once, asked
        by every rule)."""
        report = applies(self.report)
        return {Needs.REPORT: report, Needs.PROFILE: report and self.profile is not None,
                Needs.FORMAT: self.known_format}

    @property
    def prof(self) -> Profile:
        """The profile, for a rule that needs one (:attr:`Needs.PROFILE` or :attr:`Needs.FORMAT`)."""
        assert self.profile is not None, "a rule without Needs.PROFILE asked for the profile"
        return self.profile

    @cached_property
    def agency(self) -> str:
        """The reporting body as the title names it (``渠县人民政府办公室``), or ``""``
        (:func:`govlint.facts.body_of`)."""
        return body_of(self.report.title) or ""

    # ---------------------------------------------------------------- sentences

    @cached_property
    def prose_sentences(self) -> list[Sentence]:
        """The sentences of the prose segments, in order."""
        return [s for seg in self.prose for s in Sentence.all_of(seg)]

    @cached_property
    def whole_sentences(self) -> list[Sentence]:
        """The sentences of the whole joined text (tables included)."""
        return Sentence.all_of(self.whole)

    def whole_sentences_with(self, word: str) -> list[Sentence]:
        """The sentences of the whole joined text containing ``word`` (``whole_sentences``
        filtered), found from the word's occurrences: the whole text is not split for them."""
        if not word or any(c in word for c in SENTENCE_ENDS):
            return [s for s in self.whole_sentences if word in s.text]
        seg = self.whole
        text = seg.text
        out: list[Sentence] = []
        i = text.find(word)
        while i >= 0:  # the sentence around i: after the last end before it, to the first end after it
            a = max(text.rfind(c, 0, i) for c in SENTENCE_ENDS) + 1
            ends = [j for j in (text.find(c, i) for c in SENTENCE_ENDS) if j >= 0]
            b = min(ends) + 1 if ends else len(text)
            out.append(Sentence(seg, a, b, text[a:b]))
            i = text.find(word, b)
        return out

    def sentences(self) -> Iterator[Sentence]:
        return iter(self.prose_sentences)

    @cached_property
    def _with(self) -> dict[tuple[str, ...], list[Sentence]]:
        return {}

    @cached_property
    def _joined_sentences(self) -> tuple[str, list[int]]:
        """The prose sentences joined by NUL (which no word of a rule holds) and where each
        starts: a word is found in all of them by a search of one string, not a test per sentence."""
        starts: list[int] = []
        n = 0
        for s in self.prose_sentences:
            starts.append(n)
            n += len(s.text) + 1
        return "\0".join([s.text for s in self.prose_sentences]), starts

    def sentences_with(self, *words: str) -> list[Sentence]:
        """The prose sentences containing any of ``words``: a rule whose every match contains
        one of them looks at these only (computed once per set of words)."""
        got = self._with.get(words)
        if got is None:
            text, starts = self._joined_sentences
            last = len(starts) - 1
            hit: set[int] = set()
            for w in words:
                i = text.find(w)
                while i >= 0:
                    k = bisect_right(starts, i) - 1
                    hit.add(k)
                    i = text.find(w, starts[k + 1]) if k < last else -1  # on from the next sentence
            sents = self.prose_sentences
            got = [sents[i] for i in sorted(hit)]
            self._with[words] = got
        return got

    # ---------------------------------------------------------------- parts

    def region(self, index: int) -> tuple[Part, int, int] | None:
        """Part ``index`` and the source offsets of its body (see :func:`common.part_region`)."""
        return memo(self.report, f"part_region:{index}", lambda: part_region(self.report, index))

    def part(self, index: int) -> Part | None:
        region = self.region(index)
        return region[0] if region is not None else None

    def body(self, index: int) -> Joined | None:
        """Part ``index``'s body joined across line breaks (None: no such part)."""
        return part_text(self.report, index)

    def body_text(self, index: int) -> str:
        body = self.body(index)
        return body.text if body is not None else ""

    # ---------------------------------------------------------------- tables

    @cached_property
    def _rows(self) -> dict[tuple[str, str], Row]:
        """(table, row key or label) → the first row with that key or label (as ``Table.row``)."""
        out: dict[tuple[str, str], Row] = {}
        for tid, table in self.report.tables.items():
            for r in table.rows:
                out.setdefault((tid, r.key), r)
                out.setdefault((tid, r.label), r)
        return out

    def row(self, table: str, key: str) -> Row | None:
        return self._rows.get((table, key))

    def found_rows(self) -> Iterator[tuple[str, RowSpec, Row]]:
        """The profile's rows the report's tables have, in the profile's order: (table id, row
        spec, row)."""
        tables = self.report.tables
        for tspec in self.prof.tables:
            if tspec.id not in tables:
                continue
            for rspec in tspec.rows:
                row = self._rows.get((tspec.id, rspec.key))
                if row is not None and row.found:
                    yield tspec.id, rspec, row

    def lookup(self, ref: CellRef) -> tuple[Row | None, Cell | None]:
        row = self._rows.get((ref.table, ref.row))
        return (None, None) if row is None else (row, row.cell(ref.column))

    def _complete_row(self, name: tuple[str, str]) -> Row | None:
        """The row a rule may read cells of (found, placed, every cell read), or None."""
        row = self._rows.get(name)
        return row if row is not None and row.span is not None and row.complete else None

    @cached_property
    def _present(self) -> tuple[dict[tuple[str, str], tuple[dict[str, Cell], Span] | None],
                                dict[int, tuple[dict[str, Cell], Span]]]:
        """The rows asked for by name, and their column maps by row (a row is asked for by its
        key and by its label: one map)."""
        return {}, {}

    def present_row(self, name: tuple[str, str]) -> tuple[dict[str, Cell], Span] | None:
        """(table, row key or label) → the complete row's first cell of each column and its span
        (None: no such row), each row's column map made when first asked for (the rules ask for
        a few dozen of a report's rows)."""
        seen, made = self._present
        if name in seen:
            return seen[name]
        row = self._complete_row(name)
        got = None
        if row is not None and row.span is not None:
            got = made.get(id(row))
            if got is None:  # (reversed: the first cell of a column counts, as in Row.cell)
                got = made[id(row)] = ({c.column: c for c in reversed(row.cells)}, row.span)
        seen[name] = got
        return got

    @cached_property
    def _values(self) -> dict[tuple[str, str], dict[str, Number | None] | None]:
        return {}

    def present_values(self, name: tuple[str, str]) -> dict[str, Number | None] | None:
        """Column → value of a row :meth:`present_row` gives (None: no such row), for reading
        many cells of a row at once (``map(values.get, columns)``: None for an absent cell)."""
        seen = self._values
        if name in seen:
            return seen[name]
        row = self._complete_row(name)
        out = None
        if row is not None:
            # straight from the cells (not via present_row's map: the arithmetic reads only values);
            # reversed: the first cell of a column counts, as in Row.cell
            out = {c.column: c.value for c in reversed(row.cells)}
        seen[name] = out
        return out

    def present(self, ref: CellRef) -> tuple[Number, Span] | None:
        """The cell's value and location, or None when absent (row not found, incomplete row,
        empty or placeholder cell): what the arithmetic may use."""
        got = self.present_row((ref.table, ref.row))
        if got is None:
            return None
        c = got[0].get(ref.column)
        return None if c is None or c.value is None else (c.value, c.span or got[1])

    def cell(self, table: str, row: str, column: str) -> Number | None:
        """A cell's value when it is present (the row found; the cell a number), else None.
        Unlike :meth:`present`, an incomplete row still gives its present cells."""
        r = self.row(table, row)
        if r is None or not r.found:
            return None
        c = r.cell(column)
        return c.value if c is not None else None

    def row_values(self, table: str, row: str) -> list[Number]:
        r = self.row(table, row)
        if r is None or not r.found:
            return []
        return [c.value for c in r.cells if c.value is not None]


def context(report: Report) -> Context:
    """The report's context (built once per report; every built-in rule asks for it)."""
    entry = _MEMO.get(id(report))
    if entry is not None and entry[0] is report:
        got = entry[1].get("context")
        if got is not None:
            return got  # type: ignore[no-any-return]
    return memo(report, "context", lambda: _build(report))


def _build(report: Report) -> Context:
    return Context(report, profile_of(report), line_index(report), whole_text(report), prose_segments(report))


class Needs(str, Enum):
    """What a rule needs of a report before it judges it."""

    REPORT = "report"  # a text that is a report (not a fragment of notes, not an old template)
    PROFILE = "profile"  # ... whose format (profile) is known
    FORMAT = "format"  # ... and covers the report year


class ReportRule(Rule):
    """A built-in rule that works on the report's :class:`Context`.

    ``needs``: what the report must be for the rule to judge it (default: a known format
    covering the report year); texts that are no report are always skipped.
    """

    needs: ClassVar[Needs] = Needs.FORMAT

    def check(self, report: Report) -> Iterable[Diagnostic]:
        if not applies(report):
            return ()
        ctx = context(report)
        if not ctx.admits.get(self.needs, True):
            return ()
        return self.check_context(ctx)

    def check_context(self, ctx: Context) -> Iterable[Diagnostic]:
        return ()
