"""Fused digits as a reading: a row whose cell boundaries were lost (``640020470``).

A row is *fused* when it has too few numerals but digit runs that cannot each be one value: a
leading zero (``000121``), digits glued to the label text in a one-line scrape, or a run longer
than any cell value.  Every split of its digits into the row's cells is a reading;
:func:`govlint.interpret.fused.resolve` lets the table's arithmetic choose (with the prose's stated
numbers as hints where the arithmetic cannot).  A decimal run that is also one amount as printed
(``10.00`` in a two-column row) keeps that as a competing reading: it is never split silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from govlint.interpret.cells import col_name, short_placement
from govlint.interpret.fused import FusedRow, Resolution, Status, segmentations
from govlint.interpret.solver import resolve
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Cell, Finding, Row, Span, Table
from govlint.numbers import MAX_DIGITS, Number, digits_of
from govlint.parsing.positions import LineIndex
from govlint.profile import CellRef, Relation, RowSpec, TableSpec

__all__ = ["Pending", "is_fused", "resolve_rows", "resolve_single_line"]


@dataclass(slots=True)
class Pending:
    """A fused row (its cell boundaries lost), set aside until the table's arithmetic splits it."""

    row: Row
    spec: RowSpec
    toks: tuple[Token, ...]


def is_fused(toks: Sequence[Token], n: int, spec: RowSpec | None = None) -> bool:
    signed = bool(spec and spec.signed_columns)
    money = bool(spec and spec.money_columns)
    if len(toks) >= n:
        return False
    for t in toks:
        if t.kind is not TokenKind.NUMBER or (t.text.startswith("-") and not signed) or ("." in t.text and not money):
            return False
    if sum(len(digits_of(t.text)) for t in toks) < n:
        return False
    return any(
        (len(t.text) > 1 and t.text.startswith("0")) or t.glued or len(digits_of(t.text)) > MAX_DIGITS for t in toks
    )


def _restore(token_texts: Sequence[str], values: Sequence[int]) -> list[Number]:
    """Put back what was taken off the digit runs before splitting: the minus sign belongs to
    the first value of its run, the decimal part to the last."""
    out: list[Number] = []
    vi = 0
    for tok in token_texts:
        digits = digits_of(tok)
        start = vi
        used = 0
        while vi < len(values) and used < len(digits):
            used += len(str(values[vi]))
            vi += 1
        chunk: list[Number] = list(values[start:vi])
        if chunk and tok.startswith("-"):
            chunk[0] = -chunk[0]
        if chunk and "." in tok:
            chunk[-1] = Decimal(f"{chunk[-1]}.{tok.split('.', 1)[1]}")
        out.extend(chunk)
    out.extend(values[vi:])
    return out


def _fixed(table: Table) -> dict[str, dict[str, int | None]]:
    out: dict[str, dict[str, int | None]] = {}
    for row in table.rows:
        if row.complete:
            out[row.key] = {c.column: (c.value if isinstance(c.value, int) else None) for c in row.cells}
    return out


def resolve_rows(table: Table, tspec: TableSpec, relations: Sequence[Relation], pending: Sequence[Pending],
                 idx: LineIndex, findings: list[Finding], hints: Mapping[tuple[str, str], int]) -> None:
    frows = [FusedRow(p.row.key, tuple(digits_of(t.text) for t in p.toks), len(p.spec.columns), p.spec.columns)
             for p in pending]
    try:
        res = resolve(tspec.id, _fixed(table), frows, relations)
    except Exception as exc:  # pragma: no cover - the solver is bounded; never let it sink a parse
        res = {}
        findings.append(Finding("digits-unsplittable", f"拆分连写数字时出错：{exc}", table.span or Span(1, 1, 1, 1)))
    for p in pending:
        r = res.get(p.row.key)
        confirmed = _confirm_by_prose(p, r, hints)
        texts = [t.text for t in p.toks]
        if confirmed is not None:
            raw = " ".join(texts)
            said = "、".join(f"{col_name(tspec, p.spec, ck)} {v}" for (rk, ck), v in hints.items() if rk == p.row.key)
            findings.append(Finding(
                "digits-recovered",
                f"表{tspec.id}「{p.row.label}」的数字连写为「{raw}」，表内关系无法确定拆分；正文写明{said}，"
                f"据此唯一拆分为 {' / '.join(map(str, confirmed))}",
                idx.span(p.toks[0].start, p.toks[-1].end),
                {"table": tspec.id, "row": p.row.key, "raw": raw, "values": list(confirmed), "by": "prose"}))
            p.row.cells = _cells_from_split(p.row, p.toks, list(confirmed), idx)
            p.row.complete = True
            continue
        if r is not None and any(t.startswith("-") or "." in t for t in texts):
            r = Resolution(
                r.status,
                tuple(_restore(texts, r.values)) if r.values is not None else None,  # type: ignore[arg-type]
                tuple(tuple(_restore(texts, c)) for c in r.candidates),  # type: ignore[misc, arg-type]
            )
        if r is not None and r.status is Status.UNIQUE and len(p.toks) == 1 and "." in texts[0]:
            placement = short_placement(p.toks, p.spec)
            if placement is not None and r.values is not None:  # the amount as printed competes
                unsplit = tuple(Decimal(texts[0]) if c in placement else None for c in p.spec.columns)
                r = Resolution(Status.AMBIGUOUS, None, (r.values, unsplit))  # type: ignore[arg-type]
        apply_resolution(p.row, p.toks, r, tspec, idx, findings)


def _confirm_by_prose(p: Pending, r: Resolution | None, hints: Mapping[tuple[str, str], int]) -> tuple[int, ...] | None:
    """The one split of an ambiguous row that agrees with every value the prose states."""
    if r is None or r.status is not Status.AMBIGUOUS:
        return None
    wanted = {ck: v for (rk, ck), v in hints.items() if rk == p.row.key}
    if not wanted or any(t.text.startswith("-") or "." in t.text for t in p.toks):
        return None
    cands = segmentations([t.text for t in p.toks], len(p.spec.columns))
    if cands is None:
        return None
    cols = list(p.spec.columns)
    fits = [c for c in cands if all(c[cols.index(ck)] == v for ck, v in wanted.items() if ck in cols)]
    return fits[0] if len(fits) == 1 else None


def apply_resolution(row: Row, toks: Sequence[Token], r: Resolution | None, tspec: TableSpec, idx: LineIndex,
                     findings: list[Finding]) -> None:
    raw = " ".join(t.text for t in toks)
    span = idx.span(toks[0].start, toks[-1].end)
    status = r.status if r is not None else Status.NONE
    if r is not None and status is Status.UNIQUE and r.values is not None:
        values = list(r.values)
        row.cells = _cells_from_split(row, toks, values, idx)
        row.complete = True
        findings.append(Finding(
            "digits-recovered",
            f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，唯一可行的拆分（数字不以 0 开头、符合表内勾稽关系）为 "
            f"{' / '.join(map(str, values))}",
            span, {"table": tspec.id, "row": row.key, "raw": raw, "values": values}))
        return
    cands = [list(c) for c in (r.candidates if r is not None else ())]
    if status is Status.AMBIGUOUS:
        shown = "；".join(" / ".join("—" if v is None else str(v) for v in c) for c in cands[:5])
        findings.append(Finding(
            "digits-ambiguous",
            f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，有多种可行的拆分（如 {shown}），"
            "表内勾稽关系无法确定唯一一种，该行数值按缺失处理",
            span, {"table": tspec.id, "row": row.key, "raw": raw, "candidates": cands}))
    else:
        findings.append(Finding(
            "digits-unsplittable",
            f"表{tspec.id}「{row.label}」的数字连写为「{raw}」，找不到符合勾稽关系的拆分，该行数值按缺失处理",
            span, {"table": tspec.id, "row": row.key, "raw": raw}))


def _cells_from_split(row: Row, toks: Sequence[Token], values: Sequence[Number], idx: LineIndex) -> list[Cell]:
    """Cells with the sub-span of each value inside its digit run."""
    cells: list[Cell] = []
    vi = 0
    columns = [c.column for c in row.cells]
    for t in toks:
        pos = t.start
        remaining = t.text
        while remaining and vi < len(values):
            s = str(values[vi])
            if not remaining.startswith(s):
                break
            cells.append(Cell(columns[vi], s, values[vi], idx.span(pos, pos + len(s))))
            pos += len(s)
            remaining = remaining[len(s):]
            vi += 1
    while len(cells) < len(columns):  # pragma: no cover - a split always covers the digits
        cells.append(Cell(columns[len(cells)], "", None))
    return cells


def resolve_single_line(table: Table, tspec: TableSpec, relation_id: str, relations: Sequence[Relation],
                        toks: Sequence[Token], idx: LineIndex, findings: list[Finding]) -> None:
    """A table printed as one fused line: all its cells as one run (``fy.wc`` …), the table's
    relations rewritten over that run."""
    cols = tuple(f"{r.key}.{c}" for r in tspec.rows for c in tspec.column_keys)

    def one(ref: CellRef) -> CellRef:
        return CellRef(tspec.id, "ALL", f"{ref.row}.{ref.column}")

    rels = [Relation(rel.id or relation_id, rel.name, rel.severity, tuple(map(one, rel.lhs)), tuple(map(one, rel.rhs)))
            for rel in relations]
    frow = FusedRow("ALL", tuple(t.text for t in toks), len(cols), cols)
    try:
        res = resolve(tspec.id, {}, [frow], rels).get("ALL")
    except Exception:  # pragma: no cover
        res = None
    all_row = Row("ALL", "表" + tspec.id, [Cell(c, "", None) for c in cols])
    apply_resolution(all_row, toks, res, tspec, idx, findings)
    n = len(tspec.column_keys)
    for gi, row in enumerate(table.rows):
        group = all_row.cells[gi * n: (gi + 1) * n]
        row.cells = [Cell(c.column.split(".", 1)[1], c.raw, c.value, c.span) for c in group]
        row.complete = all_row.complete
        row.span = idx.span(toks[0].start, toks[-1].end)
        row.raw_label = row.label
