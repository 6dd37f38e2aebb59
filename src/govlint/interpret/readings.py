"""Stage 3 — readings: the competing ways the values of a table region can belong to its rows.

The tokens and the label anchors are cut into :class:`Segment` s: labels, then the values that
follow them up to the next label.  (In a grid — markdown pipe rows or a document's own table —
a row's values belong to the labels inside that row; grid rows without a label continue the
segment before them.)  A segment admits one or more :class:`Reading` s:

* ``ROW`` — the last label's row takes the values (the common case: a label and its numbers);
* ``FOLLOWING`` — the values fill the last label's row and the rows after it in profile order
  whose labels are printed elsewhere with no values of their own (raw pdftotext prints some
  labels after the numbers; a converted grid may lose label cells);
* ``BLOCK_ROWS`` / ``BLOCK_COLUMNS`` — several labels first, then their values row by row, or
  column by column (pdfminer prints a block's cells column-major);
* ``PARTIAL`` — values that fill no row exactly (too few, too many, fused digits): the cells
  stage decides what can be said.

Which reading holds is not decided here: :mod:`govlint.interpret.arbiter` lets the table's own
arithmetic choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from govlint.interpret.align import Anchor
from govlint.interpret.tokens import VALUE_KINDS, Token, TokenKind
from govlint.profile import TableSpec

__all__ = ["Reading", "ReadingKind", "Segment", "readings", "segments", "values_first"]

_KIND = itemgetter(0)  # Token.kind (a Token is a NamedTuple)


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


@dataclass(slots=True)
class Segment:
    anchors: list[Anchor]
    runs: list[list[Token]] = field(default_factory=list)
    grid: bool = False
    readings: list[Reading] = field(default_factory=list)

    @property
    def values(self) -> list[Token]:
        return [t for r in self.runs for t in r]


@dataclass(slots=True)
class Layout:
    """What stage 3 found in a region: segments, stray values (no label owns them), labels
    floating outside a grid."""

    segments: list[Segment]
    strays: list[list[Token]]
    floating: list[Anchor]
    grid: bool


def segments(tokens: Sequence[Token], anchors: Sequence[Anchor], text: str = "") -> Layout:
    starts: dict[int, list[Anchor]] = {}
    for a in anchors:
        starts.setdefault(a.first, []).append(a)
    if TokenKind.ROW_OPEN not in map(_KIND, tokens):  # (identity tests in C, no Enum hashing)
        return _flat(tokens, starts)
    return _grid(tokens, starts, text)


def _flat(tokens: Sequence[Token], starts: dict[int, list[Anchor]]) -> Layout:
    """Flat text: labels, then the values that follow them up to the next label (labels with no
    values between them form one segment).  Values before the first label are strays, in runs of
    adjacent values."""
    text_kind = TokenKind.TEXT
    at = sorted(starts)
    lead = tokens[: at[0]] if at else tokens
    strays: list[list[Token]] = []
    prev_value = False
    for t in lead:
        if t.kind is text_kind:
            prev_value = False
        elif prev_value:
            strays[-1].append(t)
        else:
            strays.append([t])
            prev_value = True
    segs: list[Segment] = []
    cur: Segment | None = None
    ends = [*at[1:], len(tokens)]
    for i, j in zip(at, ends):
        if cur is None or cur.runs:
            cur = Segment([], [], False, [])
            segs.append(cur)
        cur.anchors.extend(starts[i])
        vals = [t for t in tokens[i:j] if t.kind is not text_kind]
        if vals:
            cur.runs.append(vals)
    return Layout(segs, strays, [], False)


def _grid(tokens: Sequence[Token], starts: dict[int, list[Anchor]], text: str) -> Layout:
    """Grid rows (markdown pipe rows, a document's own table): a row's values belong to the labels
    inside that row; rows without a label continue the segment before them."""
    segs: list[Segment] = []
    strays: list[list[Token]] = []
    floating: list[Anchor] = []
    cur: Segment | None = None
    row_anchors: list[Anchor] = []
    row_vals: list[Token] = []
    in_row = False
    loose: Segment | None = None  # a label outside the grid rows with its numbers on its line
    value_kinds = VALUE_KINDS
    for i, t in enumerate(tokens):
        here = starts.get(i)
        kind = t.kind
        is_value = kind is TokenKind.NUMBER or (kind is not TokenKind.TEXT and kind in value_kinds)
        if kind is TokenKind.ROW_OPEN:
            in_row, row_anchors, row_vals = True, [], []
            continue
        if kind is TokenKind.ROW_CLOSE:
            in_row = False
            if row_anchors:
                cur = Segment(row_anchors, [row_vals], True)
                segs.append(cur)
            elif row_vals and any(v.kind is not TokenKind.EMPTY for v in row_vals):
                if cur is not None:
                    cur.runs.append(row_vals)
                else:
                    strays.append(row_vals)
            continue
        if here:
            if in_row:
                row_anchors.extend(here)
            else:
                floating.extend(here)
                loose = None
        if is_value:
            if in_row:
                row_vals.append(t)
            elif kind is not TokenKind.EMPTY:
                # outside the grid rows, a label and the numbers on its own line pair as in flat text
                if loose is None and floating and "\n" not in text[floating[-1].end : t.start]:
                    loose = Segment([floating.pop()], [[]])
                    segs.append(loose)
                    cur = loose
                if loose is not None and "\n" not in text[loose.runs[0][-1].end if loose.runs[0] else
                                                          loose.anchors[-1].end : t.start]:
                    loose.runs[0].append(t)
                else:
                    loose = None
                    strays.append([t])
    return Layout(segs, strays, floating, True)


def values_first(layout: Layout) -> Layout | None:
    """The competing layout where every row's numbers precede its label (the numbers of a wrapped
    label printed above it): each segment's values belong to the next segment's labels.  Offered
    only for flat text whose first numbers stand before any label."""
    segs = layout.segments
    if layout.grid or not layout.strays or not segs or not segs[0].anchors:
        return None
    lead = layout.strays[0]
    if lead[-1].start > segs[0].anchors[0].start:
        return None
    shifted = [Segment(seg.anchors, [list(before)] if before else [])
               for seg, before in zip(segs, [lead, *(s.values for s in segs[:-1])])]
    tail = segs[-1].values
    return Layout(shifted, [*layout.strays[1:], *([tail] if tail else [])], layout.floating, False)


def _trim(run: Sequence[Token], n: int) -> list[Token]:
    """A grid row wider than the table: its trailing blank cells are not values."""
    out = list(run)
    while len(out) > n and out[-1].kind is TokenKind.EMPTY:
        out.pop()
    return out


def readings(layout: Layout, tspec: TableSpec) -> None:
    """Fill in the readings of every segment of ``layout``."""
    order, width, columns = _shape(tspec)
    # rows whose own label is followed by values somewhere: their values are their own
    owners = {s.anchors[-1].row.key for s in layout.segments if s.anchors and any(s.runs)}
    for seg in layout.segments:
        seg.readings = _segment_readings(seg, tspec, order, width, columns, owners)


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
    runs = [_trim(r, n) for r in seg.runs if r]
    vals = [t for r in runs for t in r]
    m = len(vals)
    if m == 0:
        return []
    out: list[Reading] = []
    if m == n and (not seg.grid or len(runs) == 1):
        out.append(Reading(ReadingKind.ROW, ((last, tuple(vals)),)))
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
    rows = [last] + [s.key for s in tspec.rows[order[last] + 1 :] if s.key not in owners]
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
    """Labels first, then their values: row-major, and (flat text only) column-major by block."""
    keys = [a.row.key for a in seg.anchors]
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
