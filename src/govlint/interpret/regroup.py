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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from govlint.interpret.arbiter import Decision, complete_values, violations
from govlint.interpret.readings import ReadingKind
from govlint.interpret.segments import Segment
from govlint.interpret.tokens import Token, TokenKind
from govlint.numbers import Number
from govlint.profile import Relation, TableSpec

__all__ = ["Placement", "Regrouped", "regroup"]

_MAX_VALUES = 40  # unplaced values considered at most (beyond: left unplaced, as before)
_MAX_ROWS = 4  # unread rows regrouped at most
_NODE_BUDGET = 10_000  # search nodes (≈ 0.1 s at worst); when exhausted nothing is placed
_MAX_SPLITS = 64  # distinct splits kept; more: too ambiguous to list, nothing is placed


class _Budget(Exception):
    """The search ran out of nodes or found too many splits."""


class Placement(Enum):
    """Why a regrouped row was named (the ``by`` of its finding)."""

    PROSE = "prose"  # the only candidate agreeing with the values the prose states
    EQUAL = "equal"  # every candidate left is the same values: whichever row is which


@dataclass(slots=True)
class Regrouped:
    """What regrouping decided for one table: rows named (and why), rows left with candidates."""

    placed: dict[str, Placement] = field(default_factory=dict)  # row → why it was named
    stated: dict[str, dict[str, int]] = field(default_factory=dict)  # row → the prose's values (column → value)
    left: list[str] = field(default_factory=list)  # rows still unread
    candidates: list[tuple[int, ...]] = field(default_factory=list)  # their candidate rows (values)
    values: list[Token] = field(default_factory=list)  # every value regrouped
    count: int = 0  # complete rows the arithmetic can form (distinct candidates)


def regroup(d: Decision, tspec: TableSpec, relations: Sequence[Relation],
            hints: Mapping[tuple[str, str], int], tokens: Sequence[Token] = ()) -> Regrouped | None:
    """Regroup ``d.unplaced`` into the table's unread rows (see the module docstring); ``d`` is
    updated with the rows named.  None when the case does not apply or the search gives up.
    ``tokens``: the table's tokens (values printed as one run, in row order, are a one-line table)."""
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
        return _holds(row, checks[key])

    if _one_run(vals, tokens) and all(fits(r.key, tuple(nums[i * n:(i + 1) * n])) for i, r in enumerate(rows)):
        return None  # one run of values, in row order: a table printed on one line (single_line.py reads it)
    try:
        splits = _splits(nums, len(rows), n, [checks[r.key] for r in rows])
    except _Budget:
        return None
    if not splits:
        return None
    out = Regrouped(values=vals)
    out.count = len({tuple(nums[i] for i in row) for s in splits for row in s})
    left = [r.key for r in rows]
    chosen: dict[str, tuple[int, ...]] = {}  # row → token indices
    progress = True
    while progress:
        progress = False
        for key in list(left):
            stated = {c: v for (rk, c), v in hints.items() if rk == key and c in cols}
            if not stated:
                continue
            agree = {tuple(nums[i] for i in row) for s in splits for row in s
                     if fits(key, tuple(nums[i] for i in row))
                     and all(nums[row[cols.index(c)]] == v for c, v in stated.items())}
            if len(agree) != 1:
                continue  # zero or several candidates agree with the prose: nothing is placed
            (values,) = agree
            splits = [s for s in splits if any(tuple(nums[i] for i in r) == values for r in s)]
            # the row's tokens: those of the first split that has it (the rest are read from that split too)
            chosen[key] = next(r for r in splits[0] if tuple(nums[i] for i in r) == values)
            splits = [_without(s, values, nums) for s in splits]
            out.placed[key] = Placement.PROSE
            out.stated[key] = stated
            left.remove(key)
            progress = True
    rest = {tuple(nums[i] for i in row) for s in splits for row in s}
    if left and len(rest) == 1 and all(fits(k, next(iter(rest))) for k in left):
        for key, row in zip(left, splits[0]):  # every candidate the same values: whichever is which
            chosen[key] = row
            out.placed[key] = Placement.EQUAL
        left = []
    if not _consistent(d, tspec, relations, {k: [vals[i] for i in row] for k, row in chosen.items()}):
        return None
    for key, row in chosen.items():
        toks = tuple(vals[i] for i in row)
        d.assigned[key] = (ReadingKind.REGROUPED, toks, Segment([], [list(toks)]))
    d.unplaced.clear()
    out.left = left
    out.candidates = sorted(rest, key=lambda v: [tuple(nums[i] for i in r) for s in splits for r in s].index(v)) \
        if left else []
    return out


def _one_run(vals: Sequence[Token], tokens: Sequence[Token]) -> bool:
    """``vals`` stand together in ``tokens``, with no text between them."""
    inside = [t for t in tokens if vals[0].start <= t.start <= vals[-1].start]
    return all(t.is_value for t in inside)


def _row_checks(key: str, cols: tuple[str, ...], tid: str,
                relations: Sequence[Relation]) -> list[Check]:
    """The relations within row ``key`` alone, as column indices (lhs, rhs)."""
    out = []
    for rel in relations:
        refs = (*rel.lhs, *rel.rhs)
        if refs and all(r.table == tid and r.row == key and r.column in cols for r in refs):
            out.append((tuple(cols.index(r.column) for r in rel.lhs), tuple(cols.index(r.column) for r in rel.rhs)))
    return out


Check = tuple[tuple[int, ...], tuple[int, ...]]  # a relation within one row: (lhs, rhs) column indices


def _holds(row: Sequence[int], checks: Sequence[Check]) -> bool:
    """Every relation of ``checks`` holds for the values of ``row``."""
    return all(sum(row[i] for i in lhs) == sum(row[i] for i in rhs) for lhs, rhs in checks)


def _splits(nums: Sequence[int], k: int, n: int,
            templates: Sequence[Sequence[Check]]) -> list[tuple[tuple[int, ...], ...]]:
    """Every split of ``nums`` into ``k`` rows of ``n`` values, each row's values in printed order
    and satisfying the checks of one of the ``templates`` (the unread rows' relations); one split
    per distinct set of rows (by values).  Raises _Budget."""
    m = len(nums)
    suffix = [set(nums[i:]) for i in range(m + 1)]  # the values still to come
    rows: list[list[int]] = []
    visited: set[tuple[int, tuple[tuple[int, ...], ...]]] = set()
    out: list[tuple[tuple[int, ...], ...]] = []
    nodes = 0

    def valid(row: tuple[int, ...]) -> bool:
        return any(_holds(row, t) for t in templates)

    def walk(i: int) -> None:
        nonlocal nodes
        nodes += 1
        if nodes > _NODE_BUDGET:
            raise _Budget
        state = (i, tuple(sorted(tuple(nums[j] for j in r) for r in rows)))
        if state in visited:
            return  # the same values so far in the same rows: the same splits follow (by values)
        visited.add(state)
        if i == m:
            out.append(tuple(tuple(r) for r in rows))
            if len(out) > _MAX_SPLITS:
                raise _Budget
            return
        tried: set[tuple[int, ...]] = set()
        for r in rows:
            if len(r) < n:
                part = tuple(nums[j] for j in r)
                if part in tried:
                    continue  # rows begun with the same values are interchangeable: one branch
                tried.add(part)
                part += (nums[i],)
                if len(part) == n - 1:  # the last value is determined: it must still come
                    last = _last_values(part, n, templates)
                    if last is not None and not last & suffix[i + 1]:
                        continue
                r.append(i)
                if len(part) < n or valid(part):
                    walk(i + 1)
                r.pop()
        if len(rows) < k:  # rows are opened in the order of their first value (no symmetric repeats)
            rows.append([i])
            walk(i + 1)
            rows.pop()

    walk(0)
    return out


def _last_values(part: tuple[int, ...], n: int, templates: Sequence[Sequence[Check]]) -> set[int] | None:
    """The values the last cell of a row beginning with ``part`` (``n - 1`` values) may take, or
    None when some template leaves it free."""
    last = n - 1
    out: set[int] = set()
    for checks in templates:
        ok, x = True, None
        for lhs, rhs in checks:
            a = sum(part[j] for j in lhs if j != last)
            b = sum(part[j] for j in rhs if j != last)
            coef = lhs.count(last) - rhs.count(last)  # coef · x + a − b = 0
            if coef == 0:
                ok = a == b
            elif (b - a) % coef:
                ok = False
            else:
                need = (b - a) // coef
                ok = x is None or x == need
                x = need
            if not ok:
                break
        if ok:
            if x is None:
                return None
            out.add(x)
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
    return violations(relations, known)[0] == 0
