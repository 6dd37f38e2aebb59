"""Table interpretation: from where the cells are to which row and column each cell is.

Stages, data flowing one way (a stage never imports a later one)::

    tokens   (interpret.tokens)  flat text or an explicit cell grid → typed tokens with positions

The shared interface with the document sources (PDF/Word/HTML): a source that knows its table
cells hands them on as a grid — either rendered as markdown pipe rows in the canonical text
(``| 一、本年新收政府信息公开申请数量 | 3 | 0 | … |``; merged label cells repeated or blank, a
group label in a cell of its own), or directly as rows of :class:`~govlint.interpret.tokens.GridCell`
through :func:`~govlint.interpret.tokens.tokens_from_grid`.  Both give the same token stream as
flat text does, so every later stage serves both.
"""

from __future__ import annotations

from govlint.interpret.tokens import GridCell, Token, TokenKind, tokens_from_grid, tokens_from_text

__all__ = ["GridCell", "Token", "TokenKind", "tokens_from_grid", "tokens_from_text"]
