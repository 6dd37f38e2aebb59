"""The joint search behind :func:`resolve`: which readings of the fused rows of one table take part
in a table consistent with every relation (see :mod:`govlint.interpret.fused` for the readings).

Bounds propagation over the linear relations and backtracking with a node budget: when the budget
runs out a row stays ambiguous — the solver never guesses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from govlint.interpret.fused import MAX_LISTED, FusedRow, Resolution, Status, is_reading, segmentations
from govlint.profile import Relation

__all__ = ["resolve"]

_NODES_PER_LIMIT = 0.5  # joint search: at most ``limit * 0.5`` search nodes per call (≈ 1 s worst case at 5000)


class _Budget(Exception):
    """The joint search ran out of nodes."""


@dataclass
class _Constraint:
    const: int  # Σ fixed lhs − Σ fixed rhs
    rows: tuple[str, ...]  # fused rows taking part
    contrib: tuple[tuple[int, ...], ...]  # per row: signed contribution of each candidate (by index)


class _Solver:
    """Bounds propagation + backtracking over candidate indices, with a node budget."""

    def __init__(self, domains: dict[str, list[int]], constraints: list[_Constraint], budget: int) -> None:
        self.rows = list(domains)
        self.initial = domains
        self.constraints = constraints
        self.by_row: dict[str, list[int]] = {r: [] for r in domains}
        for ci, c in enumerate(constraints):
            for r in c.rows:
                self.by_row[r].append(ci)
        self.budget = budget

    def propagate(self, dom: dict[str, list[int]], queue: list[int] | None = None) -> bool:
        """Narrow ``dom`` in place to bounds-consistency; False when a domain empties."""
        pending = list(range(len(self.constraints))) if queue is None else list(queue)
        in_queue = set(pending)
        while pending:
            ci = pending.pop()
            in_queue.discard(ci)
            c = self.constraints[ci]
            lows: list[int] = []
            highs: list[int] = []
            for r, contrib in zip(c.rows, c.contrib):
                vals = [contrib[i] for i in dom[r]]
                lows.append(min(vals))
                highs.append(max(vals))
            lo_sum = c.const + sum(lows)
            hi_sum = c.const + sum(highs)
            if lo_sum > 0 or hi_sum < 0:
                return False
            for pos, (r, contrib) in enumerate(zip(c.rows, c.contrib)):
                lo_rest = lo_sum - lows[pos]
                hi_rest = hi_sum - highs[pos]
                kept = [i for i in dom[r] if lo_rest + contrib[i] <= 0 <= hi_rest + contrib[i]]
                if not kept:
                    return False
                if len(kept) != len(dom[r]):
                    dom[r] = kept
                    # every constraint over this row must look again — this one included, since its
                    # bounds were taken before the narrowing
                    for other in self.by_row[r]:
                        if other not in in_queue:
                            pending.append(other)
                            in_queue.add(other)
        return True

    def solve(self, dom: dict[str, list[int]]) -> dict[str, int] | None:
        """One full assignment consistent with every constraint, or None; raises _Budget."""
        self.budget -= 1
        if self.budget < 0:
            raise _Budget
        open_rows = [r for r in self.rows if len(dom[r]) > 1]
        if not open_rows:
            return {r: dom[r][0] for r in self.rows}
        row = min(open_rows, key=lambda r: len(dom[r]))
        for i in dom[row]:
            trial = {r: list(v) for r, v in dom.items()}
            trial[row] = [i]
            if self.propagate(trial, self.by_row[row]):
                found = self.solve(trial)
                if found is not None:
                    return found
        return None


def _cell_value(fixed: Mapping[str, Mapping[str, int | None]], row: str, col: str) -> int | None:
    vals = fixed.get(row)
    if vals is None:
        return None
    v = vals.get(col)
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _listed(cands: Sequence[tuple[int, ...]]) -> tuple[tuple[int, ...], ...]:
    return tuple(cands[:MAX_LISTED])


def resolve(table_id: str, fixed: Mapping[str, Mapping[str, int | None]], fused: Sequence[FusedRow],
            relations: Sequence[Relation], limit: int = 5000) -> dict[str, Resolution]:
    """Choose values for the fused rows using the table's own arithmetic. `fixed` maps row key → column key → value
    of rows read normally (None = absent). A relation (from profile.relations, already expanded) constrains a
    candidate only when all its operands are known (fixed or being decided). Prune each row with the relations
    that involve only that row and fixed cells (e.g. row total = sum of six applicant columns), then search jointly
    over the remaining candidates of the rows still open (bounded: give up → AMBIGUOUS with what is known, never
    blow up), checking every relation whose operands all become known. A row with exactly one consistent reading
    → UNIQUE; several → AMBIGUOUS (values None, candidates listed); none → NONE."""
    rows = {f.key: f for f in fused}
    col_index = {f.key: {c: i for i, c in enumerate(f.columns)} for f in fused}
    result: dict[str, Resolution] = {}

    # 1. every reading of each row (None: too many to list)
    readings: dict[str, list[tuple[int, ...]] | None] = {}
    for f in fused:
        try:
            segs = segmentations(f.tokens, f.n, limit)
        except ValueError:
            segs = []
        readings[f.key] = segs

    # 2. relations usable at all: every operand in this table and known (fixed, or a row with readings)
    usable: list[tuple[int, list[tuple[str, str, int]]]] = []  # (const, [(row, col, sign)])
    for rel in relations:
        const = 0
        terms: list[tuple[str, str, int]] = []
        ok = True
        for sign, side in ((1, rel.lhs), (-1, rel.rhs)):
            for ref in side:
                if ref.table != table_id:
                    ok = False
                    break
                if ref.row in rows:
                    if readings[ref.row] is None or ref.column not in col_index[ref.row]:
                        ok = False
                        break
                    terms.append((ref.row, ref.column, sign))
                else:
                    v = _cell_value(fixed, ref.row, ref.column)
                    if v is None:
                        ok = False
                        break
                    const += sign * v
            if not ok:
                break
        if ok and terms:
            usable.append((const, terms))

    def contribution(row: str, terms: list[tuple[str, str, int]], cand: tuple[int, ...]) -> int:
        idx = col_index[row]
        return sum(sign * cand[idx[col]] for r, col, sign in terms if r == row)

    # 3. local pruning: relations over one fused row (and fixed cells)
    local: dict[str, list[tuple[int, ...]]] = {}
    joint: list[tuple[int, list[tuple[str, str, int]]]] = []
    for const, terms in usable:
        involved = {r for r, _, _ in terms}
        if len(involved) == 1:
            (row,) = involved
            segs = readings[row]
            assert segs is not None
            readings[row] = [s for s in segs if const + contribution(row, terms, s) == 0]
        else:
            joint.append((const, terms))
    for key, segs in readings.items():
        if segs is not None:
            local[key] = segs

    # rows that drop out of the joint search: too many readings, or none consistent
    for key, segs in readings.items():
        if segs is None:
            result[key] = Resolution(Status.AMBIGUOUS, None, ())
        elif not segs:
            result[key] = Resolution(Status.NONE, None, ())
    live = {k for k, v in local.items() if v}
    joint = [(c, t) for c, t in joint if all(r in live for r, _, _ in t)]

    # 4. joint search, per connected component of rows linked by relations
    parent = {k: k for k in live}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, terms in joint:
        rs = [r for r, _, _ in terms]
        for r in rs[1:]:
            parent[find(r)] = find(rs[0])
    components: dict[str, list[str]] = {}
    for k in (f.key for f in fused):
        if k in live:
            components.setdefault(find(k), []).append(k)
    budget = max(int(limit * _NODES_PER_LIMIT), 50)
    for members in components.values():
        member_set = set(members)
        cons = []
        for const, terms in joint:
            if terms[0][0] not in member_set:
                continue
            crow = tuple(dict.fromkeys(r for r, _, _ in terms))
            contrib = tuple(tuple(contribution(r, terms, s) for s in local[r]) for r in crow)
            cons.append(_Constraint(const, crow, contrib))
        domains = {r: list(range(len(local[r]))) for r in members}
        solver = _Solver(domains, cons, budget)
        outcome = _support(solver, domains)
        budget = max(solver.budget, 0)
        for r in members:
            result[r] = _judge(local[r], outcome, r)

    # 5. a row with too many readings to list: its cells may still be forced by relations whose other
    #    operands are all settled (e.g. （七）总计 = Σ result rows); accept the forced values only when
    #    they are a reading of the row's digits
    for f in fused:
        if readings[f.key] is None:
            forced = _forced(f, table_id, fixed, rows, result, relations)
            if forced is not None and is_reading(f.tokens, forced):
                result[f.key] = Resolution(Status.UNIQUE, forced, (forced,))
    return {f.key: result[f.key] for f in fused}


def _forced(row: FusedRow, table_id: str, fixed: Mapping[str, Mapping[str, int | None]],
            rows: Mapping[str, FusedRow], result: Mapping[str, Resolution],
            relations: Sequence[Relation]) -> tuple[int, ...] | None:
    """The row's values as forced cell by cell by relations in which it is the only unknown operand."""
    values: dict[str, int] = {}
    for rel in relations:
        total = 0
        target: tuple[str, int] | None = None
        ok = True
        for sign, side in ((1, rel.lhs), (-1, rel.rhs)):
            for ref in side:
                if ref.table != table_id:
                    ok = False
                elif ref.row == row.key:
                    if target is not None or ref.column not in row.columns:
                        ok = False  # the row twice in one relation: not a single unknown
                    target = (ref.column, sign)
                    continue
                elif ref.row in rows:
                    res = result.get(ref.row)
                    other = rows[ref.row]
                    if res is None or res.values is None or ref.column not in other.columns:
                        ok = False
                    else:
                        total += sign * res.values[other.columns.index(ref.column)]
                else:
                    v = _cell_value(fixed, ref.row, ref.column)
                    if v is None:
                        ok = False
                    else:
                        total += sign * v
                if not ok:
                    break
            if not ok:
                break
        if not ok or target is None:
            continue
        col, sign = target
        value = -total * sign  # sign * x + total = 0
        if value < 0 or values.setdefault(col, value) != value:
            return None
    if len(values) != len(row.columns) or len(row.columns) != row.n:
        return None
    return tuple(values[c] for c in row.columns)


_Outcome = tuple[dict[str, set[int]], dict[str, set[int]], bool] | None
# (supported, undecided, complete) per row, or None when the component has no consistent table


def _support(solver: _Solver, domains: dict[str, list[int]]) -> _Outcome:
    """Which candidates take part in some fully consistent assignment.

    ``None``: no consistent assignment exists (the source is inconsistent) — the caller falls back to
    the row-local readings.  Otherwise ``supported`` holds proven candidates, ``undecided`` those the
    budget did not allow to settle.
    """
    dom = {r: list(v) for r, v in domains.items()}
    supported: dict[str, set[int]] = {r: set() for r in dom}
    undecided: dict[str, set[int]] = {r: set() for r in dom}
    try:
        if not solver.propagate(dom):
            return None
        first = solver.solve(dom)
    except _Budget:
        return {r: set() for r in dom}, {r: set(v) for r, v in dom.items()}, False
    if first is None:
        return None
    for r, i in first.items():
        supported[r].add(i)
    out_of_budget = False
    for r in solver.rows:
        for i in dom[r]:
            if i in supported[r]:
                continue
            if out_of_budget:
                undecided[r].add(i)
                continue
            trial = {k: list(v) for k, v in dom.items()}
            trial[r] = [i]
            try:
                found = solver.solve(trial) if solver.propagate(trial, solver.by_row[r]) else None
            except _Budget:
                out_of_budget = True
                undecided[r].add(i)
                continue
            if found is not None:
                for k, j in found.items():
                    supported[k].add(j)
    return supported, undecided, not out_of_budget


def _judge(cands: list[tuple[int, ...]], outcome: _Outcome, row: str) -> Resolution:
    if outcome is None:
        # the table cannot be made consistent as a whole: keep what the row's own arithmetic says
        if len(cands) == 1:
            return Resolution(Status.UNIQUE, cands[0], (cands[0],))
        return Resolution(Status.AMBIGUOUS, None, _listed(cands))
    supported, undecided, _ = outcome
    keep = sorted(supported[row] | undecided[row])
    listed = [cands[i] for i in keep]
    if len(keep) == 1 and not undecided[row]:
        return Resolution(Status.UNIQUE, cands[keep[0]], (cands[keep[0]],))
    if not keep:  # pragma: no cover - every row takes a value in a consistent assignment
        return Resolution(Status.NONE, None, ())
    if len(keep) == 1 and len(cands) == 1:
        return Resolution(Status.UNIQUE, cands[0], (cands[0],))
    return Resolution(Status.AMBIGUOUS, None, _listed(listed))
