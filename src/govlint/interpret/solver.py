"""The joint search behind :func:`resolve`: which readings of the fused rows of one table take part
in a table consistent with every relation (see :mod:`govlint.interpret.fused` for the readings).

This module turns the profile's relations into linear constraints over the rows' readings and
judges each row from what :mod:`.search` proves (bounds propagation and backtracking with a node
budget): when the budget runs out a row stays ambiguous — the solver never guesses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from govlint.interpret.fused import MAX_LISTED, FusedRow, Resolution, Status, is_reading, segmentations
from govlint.interpret.search import Constraint, Outcome, Solver, support
from govlint.profile import Relation

__all__ = ["resolve"]

_NODES_PER_LIMIT = 0.5  # joint search: at most ``limit * 0.5`` search nodes per call (≈ 1 s worst case at 5000)


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
            cons.append(Constraint(const, crow, contrib))
        domains = {r: list(range(len(local[r]))) for r in members}
        solver = Solver(domains, cons, budget)
        outcome = support(solver, domains)
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


def _judge(cands: list[tuple[int, ...]], outcome: Outcome, row: str) -> Resolution:
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
