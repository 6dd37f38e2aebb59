"""A table printed as one line of numbers (表四: the three groups' cells side by side).

When no label of the table owns any values (the group names stand in the header, the numbers
on a line of their own), the run of exactly ``groups × columns`` numbers is the table, row by
row; a shorter run of fused digits is split with the profile's relations for the table, rewritten
over the one run (``fy.zj = fy.wc + fy.jz + …``).

The groups' names are column headers here, not row labels: a tool that prints the header cells
in an order of its own (poppler's reading order puts 行政复议's sub-headers and values after
未经复议直接起诉) makes a value seem to follow the wrong group.  So where the labels leave values
unplaced and the table's values, in the order printed, are exactly its cells and keep every one
of its relations, they are read in that order (:func:`in_order`): the reading that places every
value the table prints wins over one that cannot, as for values printed before their labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from govlint.interpret.arbiter import complete_values, violations
from govlint.interpret.cells import make_cell
from govlint.interpret.digits import is_fused, resolve_single_line
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Finding, Report, Span, Table
from govlint.numbers import Number
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile, Relation, TableSpec

__all__ = ["in_order", "single_line"]


def _runs(tokens: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    cur: list[Token] = []
    for t in tokens:
        if t.is_value and (t.kind is not TokenKind.EMPTY or cur):
            cur.append(t)
        elif not t.is_value and cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def in_order(tokens: Sequence[Token], tspec: TableSpec, relations: Sequence[Relation]) -> list[Token] | None:
    """The table's values in the order printed, when they are exactly its cells (plain numbers)
    and keep every relation of the table, each checked; else None."""
    vals = [t for t in tokens if t.is_value]
    n = len(tspec.column_keys)
    if len(vals) != n * len(tspec.rows) or not relations:
        return None
    known: dict[tuple[str, str], Number] = {}
    for i, spec in enumerate(tspec.rows):
        row = complete_values(tspec, spec.key, vals[i * n:(i + 1) * n])
        if row is None:
            return None
        known.update(((spec.key, c), v) for c, v in row.items())
    broken, checked = violations(relations, known)
    return vals if broken == 0 and checked == len(relations) else None


def single_line(report: Report, prof: Profile, table: Table, tokens: Sequence[Token], heading: Span | None,
                idx: LineIndex, values: Sequence[Token] | None = None) -> bool:
    """Read ``table`` from its one line of numbers (or from ``values``, the table's cells in row
    order: :func:`in_order`); False when there is none to read."""
    tspec = prof.table(table.id)
    n = len(tspec.column_keys)
    total = n * len(tspec.rows)
    if values is not None:
        chosen, before = list(values), []
    else:
        runs = [[t for t in r if t.kind is not TokenKind.EMPTY] or r for r in _runs(tokens)]
        exact = [r for r in runs if len(r) == total]
        if exact:
            chosen = exact[-1]
        else:
            fused = [r for r in runs if is_fused(r, total)]
            if not fused:
                return False
            chosen = max(fused, key=lambda r: sum(len(t.text) for t in r))
        before = runs[: runs.index(chosen)]
    for r in before:
        report.findings.append(Finding(
            "unrecognised-line", f"表{tspec.id}表头中有无法识别的数值「{' '.join(t.text for t in r)}」，已忽略",
            idx.span(r[0].start, r[-1].end), {"table": tspec.id}))
    table.span = idx.span(heading.start if heading else chosen[0].start, chosen[-1].end)
    if len(chosen) == total:
        for gi, row in enumerate(table.rows):
            group = chosen[gi * n: (gi + 1) * n]
            spec = tspec.rows[gi]
            row.span = idx.span(group[0].start, group[-1].end)
            row.raw_label = spec.label
            row.complete = True
            row.cells = [make_cell(t, c, spec, tspec, idx, report.findings) for c, t in zip(tspec.column_keys, group)]
        return True
    relation = next((r.id for r in prof.relations_for(tspec.id)), "")
    resolve_single_line(table, tspec, relation, prof.relations_for(tspec.id), chosen, idx, report.findings)
    return True
