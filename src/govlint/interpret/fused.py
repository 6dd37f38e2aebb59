"""Splitting fused digit runs back into table values.

Web-scraped reports often lose the cell boundaries of a table row: ``640020470`` stands for the seven
values 64, 0, 0, 2, 0, 4, 70, ``200 000121`` for 20, 0, 0, 0, 0, 1, 21.  A digit run on its own is
ambiguous; the table's own arithmetic (a row's applicant columns sum to its 总计, the result rows sum to
（七）总计, 一 + 二 = （七）总计 + 四, …) usually leaves one reading.

* :func:`segmentations` lists every reading of a row's digit runs as exactly ``n`` numbers.  It counts
  first (dynamic programming, linear in the number of digits) and enumerates only when the count is
  within ``limit``, so a long run can never blow up.
* :func:`govlint.interpret.solver.resolve` chooses values for the fused rows of one table: each row is pruned with the relations
  that involve only that row and cells read normally, then the rows still open are searched jointly
  (bounds propagation over the linear relations, a node budget) to find which readings take part in a
  fully consistent table.  Only a row with exactly one such reading is ``UNIQUE``; when the budget runs
  out the row stays ``AMBIGUOUS`` — the solver never guesses.  When no reading of the table as a whole
  is consistent (the source itself does not add up, e.g. pingtan 2020), each row keeps the readings its
  own relations allow, so the arithmetic rules can then report the inconsistency.  A row with too many
  readings to list is settled only when relations force each of its cells and the forced values are a
  reading of its digits.

The solver knows nothing about the report format: relations are the profile's
:class:`~govlint.profile.Relation` objects (``sum(lhs) == sum(rhs)``), and a cell is the pair
(row key, column key).  A fused run that spans several rows (table 四 printed as one line of 15 numbers)
is passed as one :class:`FusedRow` whose column keys name the cells (e.g. ``"fy.wc"``), with relations
written over those keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum

from govlint.numbers import MAX_DIGITS

__all__ = ["MAX_LISTED", "FusedRow", "Resolution", "Status", "is_reading", "segmentations"]

MAX_LISTED = 5
"""At most this many candidate readings are listed in a :class:`Resolution` (for the finding message)."""


@dataclass(frozen=True)
class FusedRow:
    """A row whose digit runs must be split into its values."""

    key: str  # the row key, e.g. "R1"
    tokens: tuple[str, ...]  # digit runs as printed, in order, e.g. ("200", "000121")
    n: int  # number of values the row must have
    columns: tuple[str, ...]  # column keys of those values, in order


class Status(Enum):
    """What the arithmetic left of a fused row's readings."""

    UNIQUE = "unique"  # exactly one reading takes part in a consistent table: it is used
    AMBIGUOUS = "ambiguous"  # several do (or the search budget ran out): the row stays unread
    NONE = "none"  # none does: the row stays unread


@dataclass(frozen=True)
class Resolution:
    """How a fused row was split: one way, several, or none."""

    status: Status
    values: tuple[int, ...] | None  # set only when unique
    candidates: tuple[tuple[int, ...], ...]  # consistent candidates (at most MAX_LISTED), for the finding message


# ----------------------------------------------------------------------------- segmentations


def _check_tokens(tokens: Sequence[str]) -> None:
    for t in tokens:
        if not t or not t.isascii() or not t.isdigit():
            raise ValueError(f"not a digit run: {t!r}")


def _suffix_ways(token: str, n: int, cap: int) -> list[list[int]]:
    """``g[i][k]``: ways (saturated at ``cap``) to read ``token[i:]`` as exactly ``k`` numbers, k ≤ n.

    A number starting with ``0`` is the single digit ``0``; any other start runs at most
    ``MAX_DIGITS`` digits (a longer run is no cell value, as in :mod:`govlint.numbers`), so
    ``g[i][k] = Σ_{i<j≤i+MAX_DIGITS} g[j][k-1]`` (nonzero start) or ``g[i+1][k-1]`` (zero): linear in
    ``len(token) * n``, and a token longer than ``n * MAX_DIGITS`` has no reading at all.
    """
    length = len(token)
    g = [[0] * (n + 1) for _ in range(length + 1)]
    g[length][0] = 1
    if length > n * MAX_DIGITS:
        return g
    for i in range(length - 1, -1, -1):
        row = g[i]
        if token[i] == "0":
            nxt = g[i + 1]
            for k in range(1, n + 1):
                row[k] = nxt[k - 1]
        else:
            stop = min(i + MAX_DIGITS, length)
            for k in range(1, n + 1):
                row[k] = min(sum(g[j][k - 1] for j in range(i + 1, stop + 1)), cap)
    return g


def _splits(token: str, g: list[list[int]], i: int, k: int) -> Iterator[tuple[int, ...]]:
    """Every reading of ``token[i:]`` as ``k`` numbers (only paths that can succeed are walked)."""
    if k == 0:
        if i == len(token):
            yield ()
        return
    if token[i] == "0":
        if g[i + 1][k - 1]:
            for rest in _splits(token, g, i + 1, k - 1):
                yield (0, *rest)
        return
    for j in range(i + 1, min(i + MAX_DIGITS, len(token)) + 1):
        if g[j][k - 1]:
            head = int(token[i:j])
            for rest in _splits(token, g, j, k - 1):
                yield (head, *rest)


def segmentations(tokens: Sequence[str], n: int, limit: int = 5000) -> list[tuple[int, ...]] | None:
    """All readings of the tokens as exactly n non-negative integers: each token splits into >= 1 consecutive
    numbers; a number never has a leading zero unless it is "0" itself. None if there are more than `limit`
    (count with dynamic programming first, enumerate only when within the limit — bounded time for any input,
    e.g. a 300-digit token)."""
    _check_tokens(tokens)
    if n < len(tokens) or n <= 0:
        return []
    cap = limit + 1
    tables = [_suffix_ways(t, n, cap) for t in tokens]
    # count[m][k]: ways to read tokens[m:] as exactly k numbers
    count = [[0] * (n + 1) for _ in range(len(tokens) + 1)]
    count[len(tokens)][0] = 1
    for m in range(len(tokens) - 1, -1, -1):
        head = tables[m][0]
        for k in range(1, n + 1):
            total = 0
            for a in range(1, k + 1):
                if head[a] and count[m + 1][k - a]:
                    total += head[a] * count[m + 1][k - a]
            count[m][k] = min(total, cap)
    if count[0][n] > limit:
        return None
    out: list[tuple[int, ...]] = []

    def walk(m: int, k: int, prefix: tuple[int, ...]) -> None:
        if m == len(tokens):
            if k == 0:
                out.append(prefix)
            return
        for a in range(1, k + 1):
            if tables[m][0][a] and count[m + 1][k - a]:
                for part in _splits(tokens[m], tables[m], 0, a):
                    walk(m + 1, k - a, prefix + part)

    walk(0, n, ())
    return out


def is_reading(tokens: Sequence[str], values: Sequence[int]) -> bool:
    """Whether ``values`` is one of the readings of ``tokens`` (checked directly, without enumerating)."""
    _check_tokens(tokens)
    if any(v < 0 for v in values):
        return False
    texts = [str(v) for v in values]
    vi = 0
    for t in tokens:
        pos = 0
        start = vi
        while pos < len(t) and vi < len(texts):
            s = texts[vi]
            if not t.startswith(s, pos):
                return False
            pos += len(s)
            vi += 1
        if pos != len(t) or vi == start:
            return False
    return vi == len(texts)
