"""Stage 3b — readings: the competing ways the values of a table region can belong to its rows.

Each :class:`~govlint.interpret.segments.Segment` (labels, then their values) admits one or more
:class:`Reading` s:

* ``ROW`` — the last label's row takes the values (the common case: a label and its numbers);
* ``FOLLOWING`` — the values fill the last label's row and the rows after it in profile order
  whose labels are printed elsewhere with no values of their own (raw pdftotext prints some
  labels after the numbers; a converted grid may lose label cells), never past the block the
  label's row is in (表二's captions: the next block has other columns);
* ``BLOCK_ROWS`` / ``BLOCK_COLUMNS`` — several labels first, then their values row by row, or
  column by column (pdfminer prints a block's cells column-major);
* ``PARTIAL`` — values that fill no row exactly (too few, too many, fused digits): the cells
  stage decides what can be said.

Which reading holds is not decided here: :mod:`govlint.interpret.arbiter` lets the table's own
arithmetic choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from govlint.interpret.segments import Layout, Segment
from govlint.interpret.tokens import Token, TokenKind, all_blank
from govlint.profile import TableSpec

__all__ = ["Reading", "ReadingKind", "readings"]


class ReadingKind(Enum):
    ROW = "row"
    FOLLOWING = "following"
    BLOCK_ROWS = "block-rows"
    BLOCK_COLUMNS = "block-columns"
    PARTIAL = "partial"
    SINGLE_LINE = "single-line"
    REGROUPED = "regrouped"  # unplaced values regrouped into rows by the arithmetic (regroup.py)


class Reading(NamedTuple):
    """(A NamedTuple: immutable, and the cheapest object to make; every row has one.)"""

    kind: ReadingKind
    cells: tuple[tuple[str, tuple[Token, ...]], ...]  # (row key, value tokens in column order)

    @property
    def rows(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.cells)


_new = tuple.__new__  # Reading(...) without the NamedTuple's Python-level __new__


def _trim(run: Sequence[Token], n: int) -> list[Token]:
    """A grid row wider than the table: its trailing blank cells are not values, or the blank
    cells between its label and its first value (a label cell merged across columns, which a
    pipe table — pandoc's gfm, markitdown — prints as empty cells after it).  Kept whole (a
    long row, unread) when blanks at both ends could be dropped in more than one way."""
    excess = len(run) - n
    if excess <= 0:
        return list(run)
    trail = 0
    while trail < len(run) and run[-1 - trail].kind is TokenKind.EMPTY:
        trail += 1
    lead = 0
    while lead < len(run) - trail and run[lead].kind is TokenKind.EMPTY:
        lead += 1
    if lead and trail and lead + trail > excess:
        return list(run)  # blanks at both ends, more than one way to drop them
    drop_trail = min(trail, excess)
    drop_lead = min(lead, excess - drop_trail)
    return list(run[drop_lead : len(run) - drop_trail])


def readings(layout: Layout, tspec: TableSpec) -> None:
    """Fill in the readings of every segment of ``layout``."""
    order, width, columns = _shape(tspec)
    # rows whose own label is followed by values somewhere: their values are their own
    owners = {s.anchors[-1].row.key for s in layout.segments
              if s.anchors and any(t.kind is not TokenKind.EMPTY for r in s.runs for t in r)}
    for seg in layout.segments:
        seg.readings = _segment_readings(seg, tspec, order, width, columns, owners)
    # a FOLLOWING reading presumes the rows it fills past its own have their labels printed
    # elsewhere with no values of their own; a label standing in a segment whose values no
    # reading explains may own those values: the presumption has nothing to rest on
    unexplained = {a.row.key for s in layout.segments if not s.readings and any(s.runs) for a in s.anchors}
    if unexplained:
        for seg in layout.segments:
            if seg.readings:
                seg.readings = [r for r in seg.readings if r.kind is not ReadingKind.FOLLOWING
                                or not unexplained.intersection(k for k, _ in r.cells[1:])]


@lru_cache(maxsize=64)
def _shape(tspec: TableSpec) -> tuple[dict[str, int], dict[str, int], dict[str, tuple[str, ...]]]:
    """Row order, width and columns by row key (merged rows included; callers do not change them)."""
    order = {spec.key: i for i, spec in enumerate(tspec.rows)}
    for m in tspec.merged:  # a merged row is followed by the rows after its sub-rows
        order[m.key] = order[m.rows[-1]]
    specs = [*tspec.rows, *(m.row for m in tspec.merged)]
    width = {spec.key: len(spec.columns) for spec in specs}
    columns = {spec.key: spec.columns for spec in specs}
    return order, width, columns


def _segment_readings(seg: Segment, tspec: TableSpec, order: dict[str, int], width: dict[str, int],
                      columns: dict[str, tuple[str, ...]], owners: set[str]) -> list[Reading]:
    last = seg.anchors[-1].row.key
    n = width[last]
    first = seg.runs[0] if len(seg.runs) == 1 else None
    if first is not None and (len(first) <= n or TokenKind.EMPTY not in (first[0].kind, first[-1].kind)):
        runs = seg.runs  # the common case: one run, nothing to trim (read only below)
        vals = runs[0]
    else:
        # (a grid line of blank cells beside a label whose values are on the next line — markitdown's
        # PDF tables — holds no values: the runs with values are the segment's)
        runs = [_trim(r, n) for r in seg.runs if r and (len(seg.runs) == 1 or not all_blank(r))]
        vals = [t for r in runs for t in r]
    m = len(vals)
    if m == 0:
        return []
    out: list[Reading] = []
    if m == n and (not seg.grid or len(runs) == 1):
        out.append(_new(Reading, (ReadingKind.ROW, ((last, tuple(vals)),))))
    if m > n:
        following = _following(last, runs, vals, tspec, order, width, owners, seg.grid)
        if following is not None:
            out.append(following)
        out.extend(_blocks(seg, vals, width, columns, len(runs)))
    if not out and len(seg.anchors) == 1 and m < 2 * n:  # values for more than one row are not "a long row"
        out.append(Reading(ReadingKind.PARTIAL, ((last, tuple(vals)),)))
    return out


def _following(last: str, runs: list[list[Token]], vals: list[Token], tspec: TableSpec, order: dict[str, int],
               width: dict[str, int], owners: set[str], grid: bool) -> Reading | None:
    # (within the last label's block: a caption starts rows with columns of their own, 表二)
    block = tspec.rows[order[last]].block
    rows = [last] + [s.key for s in tspec.rows[order[last] + 1 :] if s.key not in owners and s.block == block]
    if grid:
        if len(runs) < 2 or len(runs) > len(rows):
            return None
        cells = []
        for key, run in zip(rows, runs):
            run = _trim(run, width[key])
            if len(run) != width[key]:
                return None
            cells.append((key, tuple(run)))
        return Reading(ReadingKind.FOLLOWING, tuple(cells))
    cells = []
    pos = 0
    for key in rows:
        w = width[key]
        if pos + w > len(vals):
            return None
        cells.append((key, tuple(vals[pos : pos + w])))
        pos += w
        if pos == len(vals):
            return Reading(ReadingKind.FOLLOWING, tuple(cells)) if len(cells) > 1 else None
    return None


def _blocks(seg: Segment, vals: list[Token], width: dict[str, int], columns: dict[str, tuple[str, ...]],
            n_runs: int) -> list[Reading]:
    """Labels first, then their values: row-major, and (flat text only) column-major by block.
    The values fill the labels nearest them: the last ones, or the first ones where the values
    stand before the labels (a lead segment) — never labels further off with nearer ones left over."""
    keys = [a.row.key for a in seg.anchors]
    if seg.lead:
        keys.reverse()
    m = len(vals)
    total = 0
    for j in range(1, len(keys) + 1):
        total += width[keys[-j]]
        if total < m:
            continue
        if total > m or j < 2:
            return []
        tail = keys[-j:]
        if len(set(tail)) != j:
            return []
        if seg.lead:
            tail.reverse()
        out = []
        if not seg.grid or n_runs == j:
            rows, pos = [], 0
            for k in tail:
                rows.append((k, tuple(vals[pos : pos + width[k]])))
                pos += width[k]
            out.append(Reading(ReadingKind.BLOCK_ROWS, tuple(rows)))
        if not seg.grid:
            out.append(Reading(ReadingKind.BLOCK_COLUMNS, _column_major(tail, vals, width, columns)))
        return out
    return []


def _column_major(tail: list[str], vals: list[Token], width: dict[str, int],
                  columns: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[Token, ...]], ...]:
    out: list[tuple[str, tuple[Token, ...]]] = []
    pos = 0
    i = 0
    while i < len(tail):
        j = i
        while j < len(tail) and columns[tail[j]] == columns[tail[i]]:
            j += 1
        group = tail[i:j]
        g, w = len(group), width[tail[i]]
        for r, key in enumerate(group):
            out.append((key, tuple(vals[pos + c * g + r] for c in range(w))))
        pos += g * w
        i = j
    return tuple(out)
