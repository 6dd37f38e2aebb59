"""Values no reading could place, regrouped into complete rows by the arithmetic (stage 4½).

Some tools interleave sub-tables printed side by side (raw pdftotext prints 表四 as
``72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20``): no label tells which value belongs
where, but each row's own relations (``总计 = 维持 + 纠正 + 其他 + 尚未审结``) do tell which
values can form a complete row.  Every way of splitting the unplaced values into the unread
rows — each row's cells in printed order, every row satisfying its relations — is enumerated
(bounded).  That gives candidate rows, not yet their names:

* a row the prose states (the profile's claims, as for fused digits: ``行政复议 351 件`` is
  ``fy.zj = 351``) is named when exactly one candidate agrees with every value stated;
* rows left whose candidates are all the same values (every cell 0) are read, whichever is which;
* the rest stay unread, their candidates listed in the reading problem.  No guess: zero or
  several matching candidates place nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from govlint.interpret.arbiter import Decision, _violations, complete_values
from govlint.interpret.readings import ReadingKind, Segment
from govlint.interpret.tokens import Token, TokenKind
from govlint.numbers import Number
from govlint.profile import Relation, TableSpec

__all__ = ["Regrouped", "regroup"]

_MAX_VALUES = 40  # unplaced values considered at most (beyond: left unplaced, as before)
_MAX_ROWS = 4  # unread rows regrouped at most
_NODE_BUDGET = 200_000  # search nodes; when exhausted nothing is placed
_MAX_SPLITS = 64  # distinct splits kept; more: too ambiguous to list, nothing is placed


class _Budget(Exception):
    """The search ran out of nodes or found too many splits."""


@dataclass(slots=True)
class Regrouped:
    """What regrouping decided for one table: rows named (and why), rows left with candidates."""

    placed: dict[str, str] = field(default_factory=dict)  # row → "prose" | "equal"
    stated: dict[str, dict[str, int]] = field(default_factory=dict)  # row → the prose's values (column → value)
    left: list[str] = field(default_factory=list)  # rows still unread
    candidates: list[tuple[int, ...]] = field(default_factory=list)  # their candidate rows (values)
    values: list[Token] = field(default_factory=list)  # every value regrouped
    count: int = 0  # complete rows the arithmetic can form (distinct candidates)


def regroup(d: Decision, tspec: TableSpec, relations: Sequence[Relation],
            hints: Mapping[tuple[str, str], int]) -> Regrouped | None:
    """Regroup ``d.unplaced`` into the table's unread rows (see the module docstring); ``d`` is
    updated with the rows named.  None when the case does not apply or the search gives up."""
    if not d.unplaced:
        return None
    busy = set(d.assigned) | {r for t in d.ties for r in t.rows} | set(d.unsure)
    rows = [r for r in tspec.rows if r.key not in busy and r.key not in {m.key for m in tspec.merged}]
    vals = [t for seg in d.unplaced for t in seg.values]
    if not 2 <= len(rows) <= _MAX_ROWS or len(vals) > _MAX_VALUES:
        return None
    cols = rows[0].columns
    n = len(cols)
    if any(r.columns != cols for r in rows) or len(vals) != n * len(rows):
        return None
    if any(t.kind is not TokenKind.NUMBER or not t.text.isdigit() or len(t.text) > 15 for t in vals):
        return None
    nums = [int(t.text) for t in vals]
    checks = {r.key: _row_checks(r.key, cols, tspec.id, relations) for r in rows}
    if not all(checks.values()):
        return None  # a row with no relation of its own: any values fit, nothing can be told

    def fits(key: str, row: tuple[int, ...]) -> bool:
        return all(sum(row[i] for i in lhs) == sum(row[i] for i in rhs) for lhs, rhs in checks[key])

    if all(fits(r.key, tuple(nums[i * n:(i + 1) * n])) for i, r in enumerate(rows)):
        return None  # printed in row order after all: the one-line and row readers read that
    try:
        splits = _splits(nums, len(rows), n, lambda row: any(fits(r.key, row) for r in rows))
    except _Budget:
        return None
    if not splits:
        return None
    out = Regrouped(values=vals)
    out.count = len({tuple(nums[i] for i in row) for s in splits for row in s})
    by_row = {r.key: r for r in rows}
    left = [r.key for r in rows]
    chosen: dict[str, tuple[int, ...]] = {}  # row → token indices
    progress = True
    while progress:
        progress = False
        for key in list(left):
            stated = {c: v for (rk, c), v in hints.items() if rk == key and c in cols}
            if not stated:
                continue
            agree = {tuple(nums[i] for i in row): row for s in splits for row in s
                     if fits(key, tuple(nums[i] for i in row))
                     and all(nums[row[cols.index(c)]] == v for c, v in stated.items())}
            if len(agree) != 1:
                continue  # zero or several candidates agree with the prose: nothing is placed
            ((values, row),) = agree.items()
            splits = [_without(s, values, nums) for s in splits if any(tuple(nums[i] for i in r) == values for r in s)]
            chosen[key] = row
            out.placed[key] = "prose"
            out.stated[key] = stated
            left.remove(key)
            progress = True
    rest = {tuple(nums[i] for i in row) for s in splits for row in s}
    if left and len(rest) == 1 and all(fits(k, next(iter(rest))) for k in left):
        for key, row in zip(left, splits[0]):  # every candidate the same values: whichever is which
            chosen[key] = row
            out.placed[key] = "equal"
        left = []
    if not _consistent(d, tspec, relations, {k: [vals[i] for i in row] for k, row in chosen.items()}):
        return None
    for key, row in chosen.items():
        toks = tuple(vals[i] for i in row)
        d.assigned[key] = (ReadingKind.REGROUPED, toks, Segment([], [list(toks)]))
    d.unplaced.clear()
    out.left = [k for k in left if k in by_row]
    out.candidates = sorted(rest, key=lambda v: [tuple(nums[i] for i in r) for s in splits for r in s].index(v)) \
        if left else []
    return out


def _row_checks(key: str, cols: tuple[str, ...], tid: str,
                relations: Sequence[Relation]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The relations within row ``key`` alone, as column indices (lhs, rhs)."""
    out = []
    for rel in relations:
        refs = (*rel.lhs, *rel.rhs)
        if refs and all(r.table == tid and r.row == key and r.column in cols for r in refs):
            out.append((tuple(cols.index(r.column) for r in rel.lhs), tuple(cols.index(r.column) for r in rel.rhs)))
    return out


def _splits(nums: Sequence[int], k: int, n: int,
            valid: Callable[[tuple[int, ...]], bool]) -> list[tuple[tuple[int, ...], ...]]:
    """Every split of ``nums`` into ``k`` rows of ``n`` values, each row's values in printed order
    and satisfying ``valid``; one split per distinct set of rows (by values).  Raises _Budget."""
    m = len(nums)
    rows: list[list[int]] = []
    seen: set[tuple[tuple[int, ...], ...]] = set()
    out: list[tuple[tuple[int, ...], ...]] = []
    nodes = 0

    def walk(i: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > _NODE_BUDGET:
            raise _Budget
        if i == m:
            key = tuple(sorted(tuple(nums[j] for j in r) for r in rows))
            if key not in seen:
                seen.add(key)
                out.append(tuple(tuple(r) for r in rows))
                if len(out) > _MAX_SPLITS:
                    raise _Budget
            return
        for r in rows:
            if len(r) < n:
                r.append(i)
                if len(r) < n or valid(tuple(nums[j] for j in r)):
                    walk(i + 1)
                r.pop()
        if len(rows) < k:  # rows are opened in the order of their first value (no symmetric repeats)
            rows.append([i])
            walk(i + 1)
            rows.pop()

    walk(0)
    return out


def _without(split: tuple[tuple[int, ...], ...], values: tuple[int, ...],
             nums: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    """``split`` minus one row with ``values``."""
    for i, r in enumerate(split):
        if tuple(nums[j] for j in r) == values:
            return split[:i] + split[i + 1:]
    return split


def _consistent(d: Decision, tspec: TableSpec, relations: Sequence[Relation],
                placed: Mapping[str, Sequence[Token]]) -> bool:
    """No relation over the rows read so far and the rows placed here is broken."""
    known: dict[tuple[str, str], Number] = {}
    for row, toks in [*((r, t) for r, (_, t, _) in d.assigned.items()), *placed.items()]:
        for col, v in (complete_values(tspec, row, toks) or {}).items():
            known[(row, col)] = v
    return _violations(relations, known)[0] == 0
