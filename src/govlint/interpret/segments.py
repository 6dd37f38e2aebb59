"""Stage 3a — segments: the tokens of a table region cut at its label anchors.

A :class:`Segment` is labels, then the values that follow them up to the next label.  In a grid —
markdown pipe rows or a document's own table — a row's values belong to the labels inside that
row; grid rows without a label continue the segment before them.  Where the cells go is decided
later: :mod:`.readings` lists the ways a segment's values can fill its rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from govlint.interpret.align import Anchor
from govlint.interpret.tokens import VALUE_KINDS, Token, TokenKind

if TYPE_CHECKING:
    from govlint.interpret.readings import Reading

__all__ = ["Layout", "Segment", "segments", "values_first"]

_KIND = itemgetter(0)  # Token.kind (a Token is a NamedTuple)


@dataclass(slots=True)
class Segment:
    """A stretch of a table between row labels, with the values read in it."""

    anchors: list[Anchor]
    runs: list[list[Token]] = field(default_factory=list)
    grid: bool = False
    readings: list[Reading] = field(default_factory=list)
    lead: bool = False  # the values stand before the labels (:func:`values_first`)
    # other text stands between values of a run after the labels (not the labels' own fragments):
    # a column header, a label of another row — the tool printed these cells in an order of its own
    interrupted: bool = False

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
            here = starts[i]
            own = here[0].last if len(here) == 1 else max(a.last for a in here)  # the labels' own tokens end here
            if not cur.interrupted and j - i - len(vals) > own - i + 1:  # text beyond the labels' own
                cur.interrupted = _interrupted(tokens, max(own + 1, i), j)
    return Layout(segs, strays, [], False)


def _interrupted(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Among ``tokens[i:j]`` (the tokens after the labels' own), a text token stands between two
    values."""
    text_kind = TokenKind.TEXT
    value = text = False
    for k in range(i, j):
        if tokens[k][0] is text_kind:
            text = value
        elif text:
            return True
        else:
            value = True
    return False


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
    shifted = [Segment(seg.anchors, [list(before)] if before else [], False, [], True)
               for seg, before in zip(segs, [lead, *(s.values for s in segs[:-1])])]
    tail = segs[-1].values
    return Layout(shifted, [*layout.strays[1:], *([tail] if tail else [])], layout.floating, False)
