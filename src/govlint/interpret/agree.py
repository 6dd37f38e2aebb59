"""Stage 5b — the cells every admissible reading agrees on.

When the arbiter is left with several readings of a segment (a tie: the arithmetic cannot tell
row-major from column-major, or one row from the next), the rows they read differently stay
unread.  Yet a cell whose value is the same in every candidate is determined by the text alone:
whichever reading is the true one, that cell holds that value (``规章 0 ? 0`` when the two
readings give ``0 3 0`` and ``0 0 0``).  This is the arbiter's own rule (a segment whose winning
readings agree is decided) applied cell by cell rather than row by row.  Those cells are read,
the others stay null with the candidates listed (PAR020), and a reading note names them.

Only the candidates of a tie that keep the table's relations count: where none does (every
reading breaks some relation), none is known to be the true one, and their agreement proves
nothing.  Only plain numbers agree: a placeholder or an unreadable value in any candidate leaves
the cell unread, and a row some candidate does not read (or reads with too few or too many
values, so its columns are unknown) is not read at all.
"""

from __future__ import annotations

from govlint.interpret.arbiter import Decision, Tie
from govlint.interpret.cells import col_name, make_cell
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Finding, Row
from govlint.parsing.positions import LineIndex
from govlint.profile import TableSpec

__all__ = ["agreed", "read_agreed"]


def agreed(tie: Tie, tspec: TableSpec) -> dict[str, dict[str, Token]]:
    """Row → column → a token whose value every candidate of ``tie`` gives that cell."""
    out: dict[str, dict[str, Token]] = {}
    by_candidate = [dict(c.cells) for c in tie.candidates]
    for key in tie.rows:
        spec = tspec.row(key)
        n = len(spec.columns)
        rows = [m.get(key) for m in by_candidate]
        if len(rows) < 2 or any(r is None or len(r) != n for r in rows):
            continue
        cols: dict[str, Token] = {}
        for i, col in enumerate(spec.columns):
            toks = [r[i] for r in rows if r is not None]
            if all(t.kind is TokenKind.NUMBER for t in toks) and len({t.text for t in toks}) == 1:
                cols[col] = toks[0]
        if cols:
            out[key] = cols
    return out


def read_agreed(rows: list[Row], d: Decision, tspec: TableSpec, idx: LineIndex, findings: list[Finding]) -> None:
    """Fill the agreed cells of the unread rows of every tie; one reading note per tie."""
    by_key = {r.key: r for r in rows}
    for tie in d.ties:
        if not tie.consistent:
            continue  # no candidate keeps the relations: agreeing says nothing of the true values
        cells = {k: c for k, c in agreed(tie, tspec).items() if k not in d.assigned and k in by_key}
        if not cells:
            continue
        said: list[str] = []
        spread: list[Token] = []
        for key, cols in cells.items():
            row, spec = by_key[key], tspec.row(key)
            row.cells = [make_cell(cols[c.column], c.column, spec, tspec, idx, findings) if c.column in cols else c
                         for c in row.cells]
            said.append(f"「{spec.label}」：" + "、".join(f"{col_name(tspec, spec, c)} {t.text}" for c, t in cols.items()))
            spread += cols.values()
        spread.sort(key=lambda t: t.start)
        n = sum(len(c) for c in cells.values())
        findings.append(Finding(
            "cells-agreed",
            f"表{tspec.id}中{'、'.join(f'「{tspec.row(k).label}」' for k in tie.rows)}的数值有 {len(tie.candidates)} 种读法，"
            "表内勾稽关系无法确定唯一一种；"
            f"其中 {n} 个数值在每一种读法中都相同，据此读取：{'；'.join(said)}。其余数值按缺失处理（候选见 PAR020）",
            idx.span(spread[0].start, spread[-1].end),
            {"table": tspec.id, "rows": list(cells), "cells": {k: list(c) for k, c in cells.items()}}))
