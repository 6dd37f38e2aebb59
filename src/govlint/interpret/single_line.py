"""A table printed as one line of numbers (表四: the three groups' cells side by side).

When no label of the table owns any values (the group names stand in the header, the numbers
on a line of their own), the run of exactly ``groups × columns`` numbers is the table, row by
row; a shorter run of fused digits is split with the profile's relations for the table, rewritten
over the one run (``fy.zj = fy.wc + fy.jz + …``).
"""

from __future__ import annotations

from collections.abc import Sequence

from govlint.interpret.cells import make_cell
from govlint.interpret.digits import is_fused, resolve_single_line
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Finding, Report, Span, Table
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile

__all__ = ["single_line"]


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


def single_line(report: Report, prof: Profile, table: Table, tokens: Sequence[Token], heading: Span | None,
                idx: LineIndex) -> bool:
    """Read ``table`` from its one line of numbers; False when there is none to read."""
    tspec = prof.table(table.id)
    n = len(tspec.column_keys)
    total = n * len(tspec.rows)
    runs = [[t for t in r if t.kind is not TokenKind.EMPTY] or r for r in _runs(tokens)]
    exact = [r for r in runs if len(r) == total]
    if exact:
        chosen = exact[-1]
    else:
        fused = [r for r in runs if is_fused(r, total)]
        if not fused:
            return False
        chosen = max(fused, key=lambda r: sum(len(t.text) for t in r))
    for r in runs[: runs.index(chosen)]:
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
