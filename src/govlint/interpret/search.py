"""Finite-domain search for the fused-digit solver: which candidates (by index, per row) take part in
some assignment satisfying every linear constraint.

Separate from :mod:`.solver` because it knows nothing of tables: rows are names, candidates are
indices, a constraint is ``const + Σ contribution(row, candidate) == 0``.  Bounds propagation prunes,
backtracking with a node budget decides; when the budget runs out the candidates left are reported
undecided, never chosen.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Budget", "Constraint", "Outcome", "Solver", "support"]


class Budget(Exception):
    """The joint search ran out of nodes."""


@dataclass
class Constraint:
    """One of the table's sums, over the candidate splits of its fused rows."""

    const: int  # Σ fixed lhs − Σ fixed rhs
    rows: tuple[str, ...]  # fused rows taking part
    contrib: tuple[tuple[int, ...], ...]  # per row: signed contribution of each candidate (by index)


class Solver:
    """Bounds propagation + backtracking over candidate indices, with a node budget."""

    def __init__(self, domains: dict[str, list[int]], constraints: list[Constraint], budget: int) -> None:
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
        """One full assignment consistent with every constraint, or None; raises Budget."""
        self.budget -= 1
        if self.budget < 0:
            raise Budget
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


Outcome = tuple[dict[str, set[int]], dict[str, set[int]], bool] | None
# (supported, undecided, complete) per row, or None when the component has no consistent table


def support(solver: Solver, domains: dict[str, list[int]]) -> Outcome:
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
    except Budget:
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
            except Budget:
                out_of_budget = True
                undecided[r].add(i)
                continue
            if found is not None:
                for k, j in found.items():
                    supported[k].add(j)
    return supported, undecided, not out_of_budget
