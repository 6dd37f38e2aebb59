"""The table reader: the stages in order, for every table of the profile.

    region text ─ tokens ─ align ─ readings ─ arbiter ─ cells (+ fused digits) ─ model.Table

Each stage takes the previous one's result; none calls back.  The arbiter's leftovers (segments
whose readings the arithmetic could not tell apart) are settled, when the same text shows its
layout elsewhere, by that layout: an extraction tool prints every table of a document the same
way, so a block the arithmetic proved column-major tells how a block with no arithmetic (表二)
is printed.  That inference is said in a finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govlint.interpret.agree import read_agreed
from govlint.interpret.align import Anchor, align
from govlint.interpret.arbiter import Decision, arbitrate, score, settle_tie
from govlint.interpret.cells import empty_row, make_cell, short_placement
from govlint.interpret.digits import Pending, is_fused, resolve_rows
from govlint.interpret.hints import prose_hints
from govlint.interpret.problems import report_problems
from govlint.interpret.readings import ReadingKind, readings
from govlint.interpret.region import continuation, known_chars, note_past_heading, region
from govlint.interpret.regroup import Regrouped, regroup
from govlint.interpret.segments import Layout, segments, values_first
from govlint.interpret.single_line import in_order, single_line
from govlint.interpret.tokens import Token, TokenKind, tokens_from_text
from govlint.model import Cell, Finding, Report, Row, Span, Table
from govlint.numbers import MAX_DIGITS
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile, Relation, TableSpec, merge_relations
from govlint.text import normalise_label

__all__ = ["assemble_tables", "read_region"]

_BLOCKS = (ReadingKind.BLOCK_ROWS, ReadingKind.BLOCK_COLUMNS)
_COUNTS = {str(i): i for i in range(1000)}  # the common counts' values (a lookup costs less than int())


@dataclass(slots=True)
class Read:
    """One table after the arbiter, before its rows are built."""

    tspec: TableSpec
    tokens: list[Token]
    anchors: list[Anchor]
    layout: Layout
    decision: Decision
    first: int  # index of the first label's token
    heading: Span | None
    start: int
    relations: Sequence[Relation] = ()  # the table's relations (merged rows' included), once per table
    regrouped: Regrouped | None = None

    def header(self) -> str:
        """The normalised text before the first label (the column headers)."""
        return normalise_label("".join(t.text for t in self.tokens[:self.first] if t.kind is TokenKind.TEXT))


def read_region(tokens: list[Token], tspec: TableSpec, prof: Profile,
                text: str = "") -> tuple[list[Anchor], Layout, Decision]:
    """Stages 2–4 over the tokens of one table (from text or from a grid; ``text`` is the source
    the token offsets point into, when there is one)."""
    anchors, _ = align(tokens, tspec)
    layout = segments(tokens, anchors, text)
    readings(layout, tspec)
    relations = _relations(prof, tspec, anchors)
    decision = arbitrate(layout.segments, tspec, relations)
    other = values_first(layout)
    if other is None:
        return anchors, layout, decision
    # numbers before their labels: the reading that breaks fewer relations wins.  Where both break
    # as many and give some row different values, a reading that places every value the table
    # prints wins over one that cannot; otherwise the rows they read differently stay unread.
    # Where they give no row different values, the one that places more cells wins.
    readings(other, tspec)
    alt = arbitrate(other.segments, tspec, relations)
    mine, theirs = score(decision, tspec, relations), score(alt, tspec, relations)
    rows = [k for k in {*decision.assigned, *alt.assigned}  # read differently, or by one of them only
            if [t.text for t in decision.assigned.get(k, (None, ()))[1]]
            != [t.text for t in alt.assigned.get(k, (None, ()))[1]]]
    if theirs[0] != mine[0] or not any(k in decision.assigned and k in alt.assigned for k in rows):
        return (anchors, other, alt) if theirs < mine else (anchors, layout, decision)
    total = sum(len(seg.values) for seg in layout.segments) + sum(map(len, layout.strays))
    whole = (_placed(decision) == total, _placed(alt) == total)
    if whole == (False, True):
        return anchors, other, alt
    if whole == (True, False):
        return anchors, layout, decision
    for k in rows:
        decision.assigned.pop(k, None)
    order = {r.key: i for i, r in enumerate(tspec.rows)}  # a merged row (R3f) is no profile row: last
    decision.unsure.extend(sorted(rows, key=lambda k: (order.get(k, len(order)), k)))
    return anchors, layout, decision


def _placed(d: Decision) -> int:
    return sum(len(toks) for _, toks, _ in d.assigned.values())


def _relations(prof: Profile, tspec: TableSpec, anchors: Sequence[Anchor]) -> Sequence[Relation]:
    merged = {m.key: m.rows for m in tspec.merged if any(a.row.key == m.key for a in anchors)}
    rels = prof.relations_for(tspec.id)
    return merge_relations(rels, merged) if merged else rels


def assemble_tables(report: Report, prof: Profile, idx: LineIndex) -> None:
    reads: list[Read] = []
    for tspec in prof.tables:
        start, end, heading = region(report, tspec)
        toks = tokens_from_text(report.text, start, end, prof.generic_headers)
        anchors, layout, decision = read_region(toks, tspec, prof, report.text)
        more = continuation(report, prof, tspec, end) if len(decision.assigned) < len(tspec.rows) else []
        if more:  # the table's last lines printed after the next heading: kept when they read better
            longer = toks + [t for a, b in more for t in tokens_from_text(report.text, a, b, prof.generic_headers)]
            alt = read_region(longer, tspec, prof, report.text)
            if score(alt[2], tspec, _relations(prof, tspec, alt[0])) < score(decision, tspec, _relations(prof, tspec, anchors)):
                toks, (anchors, layout, decision) = longer, alt
        first = anchors[0].first if anchors else len(toks)
        reads.append(Read(tspec, toks, anchors, layout, decision, first, heading, start, _relations(prof, tspec, anchors)))
    _settle_by_layout(reads, report, idx)
    for r in reads:
        if r.decision.unplaced:  # interleaved sub-tables: rows the arithmetic can form, named by the prose
            r.regrouped = regroup(r.decision, r.tspec, r.relations,
                                  prose_hints(report, prof, r.tspec), r.tokens)
    for r in reads:
        report.tables[r.tspec.id] = _build(report, prof, r, idx)
    note_past_heading(report, prof, idx)


def _settle_by_layout(reads: Sequence[Read], report: Report, idx: LineIndex) -> None:
    # a table whose groups stand side by side (表四 on one line) prints its rows as columns: no evidence
    settled = {k for r in reads if not r.tspec.single_line for k in r.decision.settled if k in _BLOCKS}
    if len(settled) != 1:
        return
    (kind,) = settled
    for r in reads:
        if r.tspec.single_line:
            continue  # nor does the evidence of the others tell how its side-by-side groups are printed
        checked = {ref.row for rel in r.relations for ref in (*rel.lhs, *rel.rhs)}
        for tie in list(r.decision.ties):
            if checked.intersection(tie.rows):
                # rows the table's own arithmetic checks: left to it (a tool need not print every
                # block alike — pdfminer orders centred cells by their boxes), unread until it can
                continue
            if settle_tie(r.decision, tie, kind):
                vals = tie.segment.values
                rows = "、".join(f"「{r.tspec.row(k).label}」" for k in tie.rows)
                how = "逐列" if kind is ReadingKind.BLOCK_COLUMNS else "逐行"
                report.findings.append(Finding(
                    "layout-inferred",
                    f"表{r.tspec.id}中{rows}的数值排列方式（逐行或逐列）无法由表内勾稽关系确定；同一文本中其他表格经核算"
                    f"为{how}排列，据此按{how}读取",
                    idx.span(vals[0].start, vals[-1].end), {"table": r.tspec.id, "rows": tie.rows, "layout": kind.value}))


def _build(report: Report, prof: Profile, r: Read, idx: LineIndex) -> Table:
    tspec, d, findings = r.tspec, r.decision, report.findings
    rows: list[Row] = []
    pending: list[Pending] = []
    anchor_of: dict[str, Anchor] = {}
    for anchor in r.anchors:
        anchor_of.setdefault(anchor.row.key, anchor)
    for seg in r.layout.segments:  # the label a row's values follow is the row's own label
        if seg.anchors:
            anchor_of[seg.anchors[-1].row.key] = seg.anchors[-1]
    merged = {m.key: m for m in tspec.merged if m.key in d.assigned}
    after = {m.rows[-1]: m.row for m in merged.values()}
    for spec in [x for s in tspec.rows for x in ((s, after[s.key]) if s.key in after else (s,))]:
        got = d.assigned.get(spec.key)
        a: Anchor | None = anchor_of.get(spec.key)
        if got is None:
            row = empty_row(spec)
            if a is not None:
                row.span, row.raw_label = idx.span(a.start, a.end), a.raw
            rows.append(row)
            continue
        kind, toks, _ = got
        n = len(spec.columns)
        own = a is not None and not (kind is ReadingKind.FOLLOWING and got[2].anchors[-1].row.key != spec.key)
        start = min(a.start, toks[0].start) if own and a is not None else toks[0].start
        span = idx.span(start, toks[-1].end)
        row = Row(spec.key, spec.label, [], span, a.raw if own and a is not None else "")
        if len(toks) == n:
            row.complete = True
            row.cells = _cells(toks, spec, tspec, idx, findings)
        elif is_fused(toks, n, spec):
            row.cells = [Cell(c, "", None) for c in spec.columns]
            pending.append(Pending(row, spec, toks))
        elif len(toks) < n:
            _short(row, spec, toks, tspec, idx, findings)
        elif not _subtotal(row, spec, toks, tspec, r, idx, findings):
            row.cells = [Cell(c, "", None) for c in spec.columns]
            findings.append(Finding(
                "row-long", f"表{tspec.id}的行「{spec.label}」有 {len(toks)} 个数值，应有 {n} 个；无法确定对应关系，未采用",
                span, {"table": tspec.id, "row": spec.key, "found": len(toks), "expected": n,
                       "values": [t.text for t in toks]}))
        rows.append(row)
    found = [x for x in rows if x.span is not None]
    table_span = None
    if found:
        last = max(x.span.end for x in found if x.span is not None)
        first = min(x.span.start for x in found if x.span is not None)
        table_span = idx.span(r.heading.start if r.heading else first, last)
    table = Table(tspec.id, tspec.title, list(tspec.column_keys), rows, table_span,
                  {k: m.rows for k, m in merged.items()})
    if tspec.single_line and not pending:
        if not any(x.complete for x in rows):
            if single_line(report, prof, table, r.tokens, r.heading, idx):
                return table
        elif d.unplaced and (ordered := in_order(r.tokens, tspec, r.relations)) is not None:
            single_line(report, prof, table, r.tokens, r.heading, idx, ordered)
            return table
    if d.ties:  # cells the candidates of a tie all agree on are read
        read_agreed(rows, d, tspec, idx, findings)
    if pending:
        resolve_rows(table, tspec, r.relations, pending, idx, findings,
                     prose_hints(report, prof, tspec))
    report_problems(report, tspec, r.tokens, r.anchors, r.layout, d, table, known_chars(tspec), r.heading,
                    r.start, idx, r.regrouped)
    return table


def _cells(toks: Sequence[Token], spec, tspec: TableSpec, idx: LineIndex,  # type: ignore[no-untyped-def]
           findings: list[Finding]) -> list[Cell]:
    """The cells of a row with one value per column.  A plain count (ASCII digits, bounded) is
    made here, its span from the line the row's values start on; the rest by :func:`make_cell`."""
    new = tuple.__new__  # Cell(...) and Span(...) without the NamedTuples' Python-level __new__
    counts = _COUNTS
    line, ls, nxt = idx.line_bounds(toks[0].start)
    off = ls - 1
    cells: list[Cell] = []
    append = cells.append
    for c, t in zip(spec.columns, toks):
        _, x, s, e, _ = t
        v = counts.get(x)
        if v is None and x.isdigit() and x.isascii() and len(x) <= MAX_DIGITS:
            v = int(x)
        if v is not None:
            sp = new(Span, (line, s - off, line, e - off, s, e)) if ls <= s and e < nxt else idx.span(s, e)
            append(new(Cell, (c, x, v, sp, None)))
        else:
            append(make_cell(t, c, spec, tspec, idx, findings))
    return cells


def _short(row: Row, spec, toks: Sequence[Token], tspec: TableSpec, idx: LineIndex,  # type: ignore[no-untyped-def]
           findings: list[Finding]) -> None:
    n = len(spec.columns)
    placement = short_placement(toks, spec) or []
    by_col = dict(zip(placement, toks))
    row.cells = [make_cell(by_col[c], c, spec, tspec, idx, findings) if c in by_col else Cell(c, "", None)
                 for c in spec.columns]
    findings.append(Finding(
        "row-short",
        f"表{tspec.id}的行「{spec.label}」只有 {len(toks)} 个数值，应有 {n} 个；缺少哪一列无法确定，该行数值不参与核算",
        row.span or idx.span(toks[0].start, toks[-1].end),
        {"table": tspec.id, "row": spec.key, "found": len(toks), "expected": n, "values": [t.text for t in toks]}))


def _subtotal(row: Row, spec, toks: Sequence[Token], tspec: TableSpec, r: Read,  # type: ignore[no-untyped-def]
              idx: LineIndex, findings: list[Finding]) -> bool:
    """A 小计 column before 总计 (not in the format), where the header prints one and the value
    is the subtotal of the 法人或其他组织 columns: dropped, said once per table."""
    n = len(spec.columns)
    sub = tspec.subtotal
    if not sub or len(toks) != n + 1 or normalise_label(sub.header) not in r.header():
        return False
    if any(t.kind is not TokenKind.NUMBER or not t.text.isdigit() or len(t.text) > 15 for t in toks):
        return False
    nums = [int(t.text) for t in toks]
    at = sub.position
    parts = [nums[spec.columns.index(c)] for c in sub.of]
    if nums[at] != sum(parts):
        return False
    kept = list(toks[:at]) + list(toks[at + 1:])
    row.complete = True
    row.cells = [make_cell(t, c, spec, tspec, idx, findings) for c, t in zip(spec.columns, kept)]
    earlier = [f for f in findings if f.kind == "extra-column" and f.data.get("table") == tspec.id]
    if earlier:
        earlier[0].data["rows"] += 1
        earlier[0].message = (f"表{tspec.id}多了一列「{sub.header}」（{sub.name}，格式中没有这一列），"
                              f"已在 {earlier[0].data['rows']} 行中去掉该列后读取")
    else:
        findings.append(Finding(
            "extra-column", f"表{tspec.id}多了一列「{sub.header}」（{sub.name}，格式中没有这一列），已在 1 行中去掉该列后读取",
            idx.span(toks[at].start, toks[at].end), {"table": tspec.id, "column": sub.header, "rows": 1}))
    return True
