"""Stage 5 — cells: the chosen values of a row as model cells, and what a reader must be told.

A value token becomes a :class:`~govlint.model.Cell` through :mod:`govlint.numbers` (bounded; a
decimal only in a money column).  A row whose values do not fill it exactly is settled here when
the text settles it, and said otherwise:

* too few values: kept in order (the missing column cannot be known) unless the kinds of the
  values fix their columns (a decimal goes to the money column, a negative number to the signed
  one: ``政府集中采购 10.00`` is the amount 10.00);
* one value too many in 表三 where the header has a 小计 column: that subtotal is dropped when it
  adds up;
* fused digit runs: handed to :mod:`govlint.interpret.digits`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import combinations

from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Cell, Finding, Row
from govlint.numbers import MAX_DIGITS, bounded, is_numeral, parse_money
from govlint.parsing.positions import LineIndex
from govlint.profile import RowSpec, TableSpec

__all__ = ["col_name", "empty_row", "make_cell", "short_placement", "where"]


def col_name(tspec: TableSpec, spec: RowSpec, ckey: str) -> str:
    if tspec.blocks:
        for b in tspec.blocks:
            if ckey in b.column_keys and spec in b.rows:
                return "「" + b.columns[b.column_keys.index(ckey)] + "」"
    if ckey in tspec.column_keys and len(tspec.columns) == len(tspec.column_keys):
        return "「" + tspec.columns[tspec.column_keys.index(ckey)] + "」列"
    return ckey


def where(tspec: TableSpec, spec: RowSpec, ckey: str) -> Callable[[], str]:
    return lambda: f"表{tspec.id}「{spec.label}」的{col_name(tspec, spec, ckey)}"


def empty_row(spec: RowSpec) -> Row:
    return Row(spec.key, spec.label, [Cell(c, "", None) for c in spec.columns])


def make_cell(tok: Token, ckey: str, spec: RowSpec, tspec: TableSpec, idx: LineIndex,
              findings: list[Finding]) -> Cell:
    """The cell for a value token; a placeholder or an unreadable value is also a finding."""
    sp = idx.span(tok.start, tok.end)
    if tok.kind is TokenKind.NUMBER:
        # a decimal or a negative number where the column does not allow one is still read (the
        # cell-value rule reports it); only a numeral too long to be any cell value is refused
        text = tok.text
        value: int | Decimal | None = int(text) if text.isdigit() and len(text) <= MAX_DIGITS else parse_money(text)
        if value is not None:
            return Cell(ckey, text, value, sp)
    data = {"table": tspec.id, "row": spec.key, "column": ckey, "raw": tok.text}
    if tok.kind is TokenKind.NUMBER:
        findings.append(Finding(
            "value-invalid", f"{where(tspec, spec, ckey)()}填写为「{tok.text}」，位数过多，不能作为该栏的数值，按缺失处理",
            sp, data))
        return Cell(ckey, tok.text, None, sp)
    if tok.kind in (TokenKind.PLACEHOLDER, TokenKind.EMPTY):
        findings.append(Finding(
            "value-placeholder",
            where(tspec, spec, ckey)() + (f"填写为「{tok.text}」" if tok.text else "为空") + "，应填写数字（无则填 0）",
            sp, data))
        return Cell(ckey, tok.text, None, sp, tok.text)
    findings.append(Finding(
        "value-invalid", f"{where(tspec, spec, ckey)()}填写为「{tok.text}」，不是数字（可能是识别错误，请核对原文），按缺失处理",
        sp, data))
    return Cell(ckey, tok.text, None, sp)


def _fits(tok: Token, ckey: str, spec: RowSpec) -> bool:
    if tok.kind is not TokenKind.NUMBER:
        return True
    if "." in tok.text and ckey not in spec.money_columns:
        return False
    return not (tok.text.startswith("-") and ckey not in spec.signed_columns)


def short_placement(toks: Sequence[Token], spec: RowSpec) -> list[str] | None:
    """Columns for the values of a row with too few of them: in order when one value is missing
    (a blank cell printed as nothing, most often the last: 总计 left empty), unless the kinds of the
    values (decimal → money column, negative → signed column) allow exactly one other placement.
    None when no placement fits, and for a row with more than one value missing whose kinds do
    not place them: a fragment of a row, whose columns the text does not give."""
    cols = list(spec.columns)
    in_order = cols[: len(toks)]
    if len(toks) + 1 >= len(cols) and all(_fits(t, c, spec) for t, c in zip(toks, in_order)):
        return in_order
    if len(cols) > 12:
        return None
    fits = [list(p) for p in combinations(cols, len(toks)) if all(_fits(t, c, spec) for t, c in zip(toks, p))]
    return fits[0] if len(fits) == 1 else None


def is_plain_count(tok: Token) -> bool:
    return tok.kind is TokenKind.NUMBER and tok.text.isdigit() and is_numeral(tok.text) and bounded(tok.text)
