"""Table interpretation: from where the cells are to which row and column each cell is.

Stages, data flowing one way (a stage never imports a later one)::

    tokens      flat text or an explicit cell grid → typed tokens with positions   (tokens.py)
    align       profile row labels ↔ label fragments in the text (edit distance)   (align.py)
    segments    tokens cut at the label anchors: labels, then their values         (segments.py)
    readings    the competing ways values can belong to rows: row, following rows,
                block row-major / column-major, partial (short, long, fused)      (readings.py)
    arbiter     the table's relations choose; several or none → undecided          (arbiter.py)
    cells       model cells, short rows, the 小计 column; fused digits              (cells.py, digits.py)
    assemble    every table of the profile, problems as findings                   (assemble.py, problems.py)

The shared interface with the document sources (PDF/Word/HTML): a source that knows its table
cells hands them on as a grid — either rendered as markdown pipe rows in the canonical text
(``| 一、本年新收政府信息公开申请数量 | 3 | 0 | … |``; merged label cells repeated or blank, a
group label in a cell of its own), or directly as rows of :class:`GridCell` through
:func:`tokens_from_grid` and then :func:`read_grid`.  Both give the same token stream as flat
text does, so every later stage serves both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from govlint.interpret.tokens import GridCell, Token, TokenKind, tokens_from_grid, tokens_from_text

__all__ = ["GridCell", "Token", "TokenKind", "read_grid", "tokens_from_grid", "tokens_from_text"]


def read_grid(rows: Iterable[Sequence[GridCell | str]], table_id: str, profile: str = "2021") -> dict[str, list]:  # type: ignore[type-arg]
    """Read one table of ``profile`` from an explicit grid of cells: row key → values (None where
    a cell could not be determined).  For a whole report, render the grid as markdown pipe rows in
    the text and use :func:`govlint.parsing.parse_text`, which also gives positions and findings."""
    from govlint.interpret.arbiter import complete_values
    from govlint.interpret.assemble import read_region
    from govlint.profile import get_profile

    prof = get_profile(profile)
    tspec = prof.table(table_id)
    _, _, decision = read_region(tokens_from_grid(rows), tspec, prof)
    out: dict[str, list] = {}  # type: ignore[type-arg]
    for spec in tspec.rows:
        got = decision.assigned.get(spec.key)
        vals = complete_values(tspec, spec.key, got[1]) if got else None
        out[spec.key] = [vals[c] if vals else None for c in spec.columns]
    return out
