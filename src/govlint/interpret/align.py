"""Stage 2 — label alignment: which text fragments are which row label of the profile.

The text tokens of a table region are joined into one normalised character stream (spaces,
line breaks, brackets and punctuation dropped: :func:`govlint.text.normalise_label`), so a label
split over lines (``（五）不`` / ``予处理``), spaced (``规 章``) or with its numbers in the middle
of its wrapped lines is one contiguous key again.  Each row label of the profile is then found
in the stream:

1. exactly (longest labels first; a character belongs to one label at most);
2. for a row not found so, approximately: a semi-global edit-distance alignment of the label
   against the stretch of stream between the labels of its neighbouring rows (profile order),
   accepting a few typos, missing or extra characters (``2.其他法律行政止公开``).

The result is a list of :class:`Anchor` in text order.  Group labels, headers and notes are not
anchors; text that belongs to none of them is reported by the assembly as noise.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from govlint.interpret.tokens import Token, TokenKind
from govlint.profile import RowSpec, TableSpec
from govlint.text import normalise_label

__all__ = ["Anchor", "Stream", "align", "norm_key"]

# the characters normalise_label keeps (full-width digits and letters fold to ASCII: kept too)
_KEPT = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3400-\u4dbf\u4e00-\u9fff]")
_OPENING = "（(“\"《【[「"
_CLOSING = "）)”\"》】]」"
_MAX_DP = 60_000  # character comparisons allowed per table for approximate alignment
_ORDER = attrgetter("first", "start")  # anchors in text order


@dataclass(slots=True)
class Anchor:
    """Where a row's label was found among a table's tokens."""

    row: RowSpec
    first: int  # index of the first token of the label
    last: int  # index of the last token of the label
    start: int  # source offset where the label starts
    end: int  # source offset just past the label
    raw: str  # the label as printed (its fragments, joined)
    exact: bool = True


norm_key = lru_cache(maxsize=16384)(normalise_label)  # label fragments repeat from report to report


class Stream:
    """The normalised text of the TEXT tokens, and the way back to tokens and offsets."""

    __slots__ = ("text", "tok_index", "tok_at", "tokens", "lengths", "marks")

    def __init__(self, tokens: Sequence[Token]) -> None:
        parts: list[str] = []
        tok_index: list[int] = []  # token index of each part
        tok_at: list[int] = []  # stream offset where each part starts
        marks: list[int] = []  # the parts that are a 无 token (not text)
        pos = 0
        text_kind = TokenKind.TEXT
        for i, t in enumerate(tokens):
            if t.kind is text_kind:
                k = norm_key(t.text)
                if k:
                    parts.append(k)
                    tok_index.append(i)
                    tok_at.append(pos)
                    pos += len(k)
            elif t.text == "无" and 0 < i < len(tokens) - 1 and tokens[i - 1].kind is text_kind \
                    and tokens[i + 1].kind is text_kind:
                # 无 alone on a line between two fragments of text: a blank-cell mark, or a character
                # of a label printed one character per line (4.无正当理由…): the labels' match decides
                marks.append(len(parts))
                parts.append("无")
                tok_index.append(i)
                tok_at.append(pos)
                pos += 1
        self.text = "".join(parts)
        self.lengths = [len(k) for k in parts]
        self.tok_index = tok_index
        self.tok_at = tok_at
        self.tokens = tokens
        self.marks = marks

    def part_of(self, pos: int) -> int:
        """Index (into the parts) of the part holding stream offset ``pos``."""
        return bisect_right(self.tok_at, pos) - 1

    def source_offset(self, pos: int, end: bool = False, part: int = -1) -> int:
        """Source offset of stream character ``pos`` (or just past it, ``end``); ``part``: the
        index of the part holding ``pos`` when the caller knows it."""
        p = bisect_right(self.tok_at, pos) - 1 if part < 0 else part
        tok = self.tokens[self.tok_index[p]]
        want = pos - self.tok_at[p]
        if len(tok.text) == self.lengths[p]:  # nothing dropped from this fragment: offsets map one to one
            return tok.start + want + (1 if end else 0)
        kept = _kept(tok.text)
        if want < len(kept):
            return tok.start + kept[want] + (1 if end else 0)
        return tok.end  # pragma: no cover - pos lies inside the token


@lru_cache(maxsize=16384)
def _kept(fragment: str) -> tuple[int, ...]:
    """Offsets of the characters of ``fragment`` that normalisation keeps (fragments repeat)."""
    return tuple(m.start() for m in _KEPT.finditer(fragment))


@lru_cache(maxsize=1024)
def _keys(spec: RowSpec) -> tuple[str, ...]:
    return tuple(k for k in (normalise_label(x) for x in (spec.label, *spec.aliases)) if k)


@lru_cache(maxsize=64)
def _by_length(tspec: TableSpec) -> tuple[tuple[str, int], ...]:
    """(key, row index) of every label and alias, longest first."""
    out = [(k, i) for i, spec in enumerate(tspec.rows) for k in _keys(spec)]
    out.sort(key=lambda x: -len(x[0]))
    return tuple(out)


def align(tokens: Sequence[Token], tspec: TableSpec) -> tuple[list[Anchor], Stream]:
    """The row labels of ``tspec`` found in ``tokens``, in text order (see the module docstring)."""
    stream = Stream(tokens)
    s = stream.text
    if not s:
        return [], stream
    claimed = bytearray(len(s))
    found: list[tuple[int, int, int, bool]] = []  # (stream start, stream end, row index, exact)
    for key, ri in _by_length(tspec):
        at = s.find(key)
        while at != -1:
            stop = at + len(key)
            if claimed.find(1, at, stop) == -1:
                claimed[at:stop] = b"\x01" * len(key)
                found.append((at, stop, ri, True))
            at = s.find(key, stop)
    have = {tspec.rows[ri].key for _, _, ri, _ in found}
    merged: list[tuple[int, int, int]] = []  # (stream start, end, index into tspec.merged)
    for mi, m in enumerate(tspec.merged):  # a row printed in place of its sub-rows, none of them printed
        key = norm_key(m.label)
        at = s.find(key) if key and not have.intersection(m.rows) else -1
        if at != -1 and claimed.find(1, at, at + len(key)) == -1:
            claimed[at:at + len(key)] = b"\x01" * len(key)
            merged.append((at, at + len(key), mi))
            have.update(m.rows)
    missing = [i for i, spec in enumerate(tspec.rows) if spec.key not in have]
    if missing:
        _approximate(s, claimed, tspec, missing, found)
    if stream.marks and isinstance(tokens, list):
        _label_chars(stream, tokens, tspec)
    anchors = [_anchor(stream, tspec.rows[ri], a, b, exact) for a, b, ri, exact in found]
    anchors += [_anchor(stream, tspec.merged[mi].row, a, b, True) for a, b, mi in merged]
    if isinstance(tokens, list):
        for anchor in anchors:
            _own_number(anchor, tokens)
    anchors.sort(key=_ORDER)
    return anchors, stream


def _own_number(a: Anchor, tokens: list[Token]) -> None:
    """A digit glued to the front of a label found without its number, the digit the row's label
    starts with, is that number (OCR drops the point: ``4无正当理由…``, ``1申请人…``), not a value:
    made text, the anchor's first token."""
    i = a.first - 1
    if i < 0:
        return
    t = tokens[i]
    if t.kind is not TokenKind.NUMBER or not t.glued or t.end != tokens[a.first].start \
            or len(t.text) != 1 or not a.row.label.startswith(t.text):
        return
    tokens[i] = t._replace(kind=TokenKind.TEXT)
    a.first, a.start, a.raw = i, t.start, t.text + a.raw


def _label_chars(stream: Stream, tokens: list[Token], tspec: TableSpec) -> None:
    """A 无 that, with the characters beside it, spells part of a label holding 无 — a row's
    (4.无正当理由…), a group's (（四）无法提供) — is the label's character, not a blank cell:
    made text (the label is then found whole, and no row gets one value too many)."""
    s = stream.text
    keys = _wu_keys(tspec)
    for p in stream.marks:
        at = stream.tok_at[p]
        after, before = s[at:at + 3], s[max(0, at - 2):at + 1]
        if any((len(after) == 3 and after in k) or (len(before) == 3 and before in k) for k in keys):
            i = stream.tok_index[p]
            tokens[i] = tokens[i]._replace(kind=TokenKind.TEXT)


@lru_cache(maxsize=64)
def _wu_keys(tspec: TableSpec) -> tuple[str, ...]:
    """The normalised labels (rows, aliases, groups, header words) that hold a 无."""
    words = [k for spec in tspec.rows for k in _keys(spec)] + [g[1] for g in tspec.groups] + list(tspec.header_words)
    return tuple(k for k in dict.fromkeys(normalise_label(w) for w in words) if "无" in k)


def _anchor(stream: Stream, spec: RowSpec, a: int, b: int, exact: bool) -> Anchor:
    tok_at, tok_index, toks = stream.tok_at, stream.tok_index, stream.tokens
    p0, p1 = bisect_right(tok_at, a) - 1, bisect_right(tok_at, b - 1) - 1
    first, last = tok_index[p0], tok_index[p1]
    head, tail = toks[first], toks[last]
    raw = head.text if p0 == p1 else "".join(toks[tok_index[p]].text for p in range(p0, p1 + 1))
    start, end = stream.source_offset(a, part=p0), stream.source_offset(b - 1, True, p1)
    while start > head.start and head.text[start - head.start - 1] in _OPENING:
        start -= 1  # the label's opening bracket is part of it as printed: （一）予以公开
    while end < tail.end and tail.text[end - tail.start] in _CLOSING:
        end += 1
    return Anchor(spec, first, last, start, end, raw, exact)


def _allowed(m: int) -> int:
    """Edits tolerated in a label of ``m`` characters."""
    if m >= 8:
        return m // 4
    if m >= 3:
        return 1
    return 0


def _approximate(s: str, claimed: bytearray, tspec: TableSpec, missing: list[int],
                 found: list[tuple[int, int, int, bool]]) -> None:
    budget = _MAX_DP
    for ri in missing:
        # the stretch between the labels of the nearest found neighbours (profile order)
        prev = max((f for f in found if f[2] < ri), key=lambda f: f[2], default=None)
        nxt = min((f for f in found if f[2] > ri), key=lambda f: f[2], default=None)
        lo = prev[1] if prev is not None else 0
        hi = nxt[0] if nxt is not None else len(s)
        if hi <= lo:
            lo, hi = 0, len(s)
        best: tuple[int, int, int] | None = None
        for key in _keys(tspec.rows[ri]):
            m = len(key)
            k = _allowed(m)
            if m <= 4 and (prev is None or nxt is None):
                continue  # a short label is matched loosely only in the gap between its two neighbours
            stop = hi
            if hi - lo > 3 * m + 30 and prev is not None:
                # a stretch too long to be this one label with noise (other rows' labels missed
                # too, an OCR's text): the label is looked for where it starts, after the last found
                stop = lo + 3 * m + 30
            if k == 0 or stop - lo < m - k or stop - lo > 3 * m + 30:
                continue  # nothing to match, or a stretch too long to be this one label with noise
            cost = m * (stop - lo)
            if cost > budget:
                continue
            budget -= cost
            hit = _search(key, s, lo, stop, k)
            if hit is not None and (best is None or hit[0] < best[0]):
                best = hit
        if best is None:
            continue
        _, a, b = best
        if any(claimed[a:b]):
            continue
        claimed[a:b] = b"\x01" * (b - a)
        found.append((a, b, ri, False))


def _search(p: str, s: str, lo: int, hi: int, k: int) -> tuple[int, int, int] | None:
    """Best approximate occurrence of ``p`` in ``s[lo:hi]`` with at most ``k`` edits:
    (edits, start, end), or None.  Semi-global alignment; each DP cell carries its start."""
    m = len(p)
    prev = list(range(m + 1))  # column for text position lo (empty text): i edits
    prev_start = [lo] * (m + 1)
    best: tuple[int, int, int] | None = None
    for j in range(lo, hi):
        c = s[j]
        cur = [0] * (m + 1)
        cur_start = [j + 1] * (m + 1)  # an occurrence may start after j
        for i in range(1, m + 1):
            sub = prev[i - 1] + (p[i - 1] != c)
            dele = cur[i - 1] + 1  # pattern char missing in the text
            ins = prev[i] + 1  # extra text char
            if sub <= dele and sub <= ins:
                cur[i], cur_start[i] = sub, prev_start[i - 1]
            elif dele <= ins:
                cur[i], cur_start[i] = dele, cur_start[i - 1]
            else:
                cur[i], cur_start[i] = ins, prev_start[i]
        cur_start[0] = j + 1
        d = cur[m]
        if d <= k and (best is None or d < best[0]):
            best = (d, cur_start[m], j + 1)
        prev, prev_start = cur, cur_start
    if best is None:
        return None
    d, a, b = best
    # (a first or last character of the label missing costs what a neighbour's substituted for it
    # does: the alignment keeps the neighbour — 度 for the 4 of 4保护第三方… an OCR dropped — and
    # the match is narrowed to the label's own characters, for the same number of edits)
    if s[a] not in p[:2] and b - a > 1 and s[a + 1] in p[:2]:
        a += 1
    if s[b - 1] not in p[-2:] and b - a > 1 and s[b - 2] in p[-2:]:
        b -= 1
    # a label is recognised by its own characters: the match must be about as long as the label
    # and start and end on it (not on neighbouring text the edits swallowed)
    if b - a < m - k or s[a] not in p[:2] or s[b - 1] not in p[-2:]:
        return None
    return d, a, b
