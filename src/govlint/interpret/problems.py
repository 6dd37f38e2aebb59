"""Reading problems of one table, as findings: what could not be read, and why.

A reading problem is said as one (a warning naming the rows or cells), never as a defect of the
report: rows whose values exist but could not be placed are not "missing from the report".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter

from govlint.interpret.align import Anchor, norm_key
from govlint.interpret.arbiter import Decision
from govlint.interpret.cells import col_name
from govlint.interpret.readings import ReadingKind
from govlint.interpret.regroup import Placement, Regrouped
from govlint.interpret.segments import Layout
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Finding, Report, Row, Span, Table
from govlint.parsing.positions import LineIndex
from govlint.profile import TableSpec

__all__ = ["report_problems"]

_FIRST = attrgetter("first")
_PART = ["", "一", "二", "三", "四", "五", "六"]


def _labels(tspec: TableSpec, keys: Sequence[str]) -> str:
    return "、".join(f"「{tspec.row(k).label}」" for k in keys)


#: values shown in one stray-values note; the rest are counted (a line of thousands is one note)
_SHOWN_STRAYS = 8


def _strays(strays: Sequence[Sequence[Token]], tid: str, idx: LineIndex, out: list[Finding]) -> None:
    """One note per text line for the values that no row label claims, however many there are."""
    by_line: dict[int, list[Sequence[Token]]] = {}
    for run in strays:
        if run:
            by_line.setdefault(idx.position(run[0].start)[0], []).append(run)
    for runs in by_line.values():
        values = [t.text for run in runs for t in run if t.kind is not TokenKind.EMPTY]
        if not values:
            continue
        shown = " ".join(values[:_SHOWN_STRAYS])
        if len(values) > _SHOWN_STRAYS:
            shown += f" …（共 {len(values)} 个）"
        out.append(Finding("unrecognised-line", f"表{tid}中的数值「{shown}」前没有可识别的行标签，未采用",
                           idx.span(runs[0][0].start, runs[-1][-1].end), {"table": tid, "text": shown}))


def report_problems(report: Report, tspec: TableSpec, tokens: Sequence[Token], anchors: Sequence[Anchor],
                    layout: Layout, d: Decision, table: Table, known: frozenset[str], heading: Span | None,
                    start: int, idx: LineIndex, regrouped: Regrouped | None = None) -> None:
    out = report.findings
    tid = tspec.id
    owning = {id(seg.anchors[-1]) for _, (_, _, seg) in d.assigned.items() if seg.anchors}
    for a in anchors:
        if not a.exact and id(a) in owning:
            out.append(Finding("unrecognised-line", f"表{tid}中的行标签「{a.raw}」无法完全识别，按顺序视为「{a.row.label}」",
                               idx.span(a.start, a.end), {"table": tid, "row": a.row.key, "text": a.raw}))
    _noise(tokens, anchors, known, tid, idx, out)
    _strays(layout.strays, tid, idx, out)
    for key, seg in d.duplicates:
        if key not in d.assigned:
            continue  # the row was read two ways and left unread: said below
        first = d.assigned[key][1]
        vals = seg.values
        out.append(Finding(
            "row-duplicate",
            f"表{tid}的行「{tspec.row(key).label}」重复出现（首次在第 {idx.position(first[0].start)[0]} 行），重复的一行未采用",
            idx.span(seg.anchors[-1].start if seg.anchors else vals[0].start, vals[-1].end), {"table": tid, "row": key}))
    inferred: dict[int, list[str]] = {}
    for key, (kind, _toks, seg) in d.assigned.items():
        if kind is ReadingKind.FOLLOWING and seg.anchors[-1].row.key != key:
            inferred.setdefault(id(seg), []).append(key)
    for keys in inferred.values():
        toks = d.assigned[keys[0]][1]
        last = d.assigned[keys[-1]][1]
        out.append(Finding(
            "row-inferred",
            f"表{tid}中有 {len(keys)} 行数值没有紧随其行标签（标签错位或印在别处），按官方行序推定为：{_labels(tspec, keys)}",
            idx.span(toks[0].start, last[-1].end), {"table": tid, "rows": keys}))
    unsure: list[str] = []
    for tie in d.ties:
        unsure += tie.rows
        vals = tie.segment.values
        cands = {k: [[t.text for t in dict(c.cells).get(k, ())] for c in tie.candidates] for k in tie.rows}
        out.append(Finding(
            "cells-ambiguous",
            f"表{tid}中{_labels(tspec, tie.rows)}的数值有多种读法（{len(tie.candidates)} 种：逐行、逐列或错行），"
            "表内勾稽关系无法确定唯一一种，这些行中各种读法不同的数值按缺失处理",
            idx.span(vals[0].start, vals[-1].end), {"table": tid, "rows": tie.rows, "candidates": cands}))
    if d.unsure:
        unsure += d.unsure
        out.append(Finding(
            "cells-ambiguous",
            f"表{tid}中{_labels(tspec, d.unsure)}的数值可能印在行标签之前，也可能在之后，两种读法同样符合表内关系，"
            "这些行的数值按缺失处理",
            table.span or heading or idx.span(start, start), {"table": tid, "rows": list(d.unsure)}))
    for seg in d.unplaced:
        keys = [a.row.key for a in seg.anchors if a.row.key not in d.assigned]
        unsure += keys
        vals = seg.values
        out.append(Finding(
            "cells-unplaced",
            f"表{tid}中{_labels(tspec, keys) or '这一段'}附近的 {len(vals)} 个数值无法确定对应的行和列，未采用",
            idx.span(vals[0].start, vals[-1].end),
            {"table": tid, "rows": keys, "values": [t.text for t in vals]}))
    if regrouped is not None:
        unsure += _regrouped(tspec, d, regrouped, idx, out)
    # (a row read with more values than it has columns holds values of another row, maybe of a
    # row whose label is not recognised: OCR's 四、结转下年度继续 after （七）总计's numbers)
    long_row = any(f.kind == "row-long" and f.data.get("table") == tid for f in out)
    _missing(report, tspec, table, heading, idx, start, unsure,
             bool(layout.strays or d.unplaced or d.ties or d.unsure or (regrouped and regrouped.left) or long_row),
             set(d.assigned), tokens, known)


def _regrouped(tspec: TableSpec, d: Decision, g: Regrouped, idx: LineIndex, out: list[Finding]) -> list[str]:
    """Findings of :mod:`.regroup`: each row named (and why), the rows left with their candidates."""
    tid = tspec.id
    n = len(g.values)
    used: set[int] = set()
    equal = [k for k, by in g.placed.items() if by is Placement.EQUAL]
    for key in g.placed:
        toks = d.assigned[key][1]
        used.update(id(t) for t in toks)
    head = f"表{tid}的 {n} 个数值交错排列（无法从文本顺序对应到行），按表内勾稽关系可组成 {g.count} 种完整的行；"
    for key in (k for k, by in g.placed.items() if by is Placement.PROSE):
        toks = d.assigned[key][1]
        spec = tspec.row(key)
        said = "、".join(f"{col_name(tspec, spec, c)} {v}" for c, v in g.stated[key].items())
        out.append(Finding(
            "rows-regrouped", f"{head}正文写明「{spec.label}」{said}，与其中唯一一行 {' '.join(t.text for t in toks)} 相符，据此读为该行",
            idx.span(toks[0].start, toks[-1].end), {"table": tid, "rows": [key], "by": Placement.PROSE.value}))
    if equal:
        spread = sorted((t for k in equal for t in d.assigned[k][1]), key=lambda t: t.start)
        shown = " ".join(t.text for t in d.assigned[equal[0]][1])
        out.append(Finding(
            "rows-regrouped", f"{head}{_labels(tspec, equal)}可组成的行都是 {shown}，无论哪一行对应哪一组都相同，据此读取",
            idx.span(spread[0].start, spread[-1].end), {"table": tid, "rows": equal, "by": Placement.EQUAL.value}))
    if not g.left:
        return []
    rest = [t for t in g.values if id(t) not in used]
    cands = "；".join(" ".join(map(str, c)) for c in g.candidates)
    out.append(Finding(
        "cells-unplaced",
        f"表{tid}中{_labels(tspec, g.left)}的 {len(rest)} 个数值交错排列，无法确定各属哪一行：按表内勾稽关系可组成的完整行有"
        f" {cands}（共 {len(g.candidates)} 种），未采用",
        idx.span(rest[0].start, rest[-1].end),
        {"table": tid, "rows": list(g.left), "values": [t.text for t in rest], "candidates": [list(c) for c in g.candidates]}))
    return list(g.left)


def _noise(tokens: Sequence[Token], anchors: Sequence[Anchor], known: frozenset[str], tid: str, idx: LineIndex,
           out: list[Finding]) -> None:
    """Text between the labels that belongs to no label, header or note (OCR noise)."""
    if not anchors:
        return
    text_kind = TokenKind.TEXT
    # the tokens between the labels: from the first label to the last, those of no label
    gaps: list[tuple[int, int]] = []
    pos, hi = anchors[0].first, max(a.last for a in anchors) + 1
    for a in sorted(anchors, key=_FIRST):
        if a.first > pos:
            gaps.append((pos, a.first))
        if a.last + 1 > pos:
            pos = a.last + 1
    for lo, stop in gaps:
        for t in tokens[lo:min(stop, hi)]:
            if t.kind is not text_kind:
                continue
            if _is_noise(norm_key(t.text), known):
                out.append(Finding("unrecognised-line", f"表{tid}中有无法识别的文字「{t.text}」（可能是识别噪声），已忽略",
                                   idx.span(t.start, t.end), {"table": tid, "text": t.text}))


@lru_cache(maxsize=4096)
def _is_noise(key: str, known: frozenset[str]) -> bool:
    """At least half the characters of ``key`` are none of the table's own words' (text between
    labels repeats from report to report: cached)."""
    if known.issuperset(key):
        return False
    odd = [c for c in key if c not in known]
    return bool(odd) and len(odd) * 2 >= len(key)


def _missing(report: Report, tspec: TableSpec, table: Table, heading: Span | None, idx: LineIndex, start: int,
             unsure: list[str], reading_trouble: bool, assigned: set[str], tokens: Sequence[Token],
             known: frozenset[str]) -> None:
    out = report.findings
    if not table.found:
        at = heading or idx.span(start, start)
        seen = _table_text(tokens, tspec, known)
        if seen:  # the table is there, its text unreadable (a scan's OCR): a reading problem
            out.append(Finding(
                "cells-unplaced",
                f"表{tspec.id}「{tspec.title}」的位置有表格文字（{seen}），但一行也未能识别，该表未能读取",
                at, {"table": tspec.id, "rows": [spec.key for spec in tspec.rows]}))
            return
        out.append(Finding("table-missing", f"未找到表{tspec.id}「{tspec.title}」（应在第{_PART[tspec.part]}部分）", at,
                           {"table": tspec.id}))
        return
    assert table.span is not None
    at = heading or table.span
    subs = {sub for rows in table.merged.values() for sub in rows}
    for key, rows in table.merged.items():
        merged = table.row(key)
        assert merged is not None and merged.span is not None
        out.append(Finding(
            "row-merged",
            f"表{tspec.id}把「{merged.label}」印为一行（2019 年格式的写法），现行格式要求分为 {len(rows)} 项："
            + "、".join(f"「{tspec.row(k).label}」" for k in rows) + "；已按一行读取，核算时作为各项之和",
            merged.span, {"table": tspec.id, "row": key, "rows": list(rows)}))
    missing = [row for row in table.rows if not row.found and row.key not in unsure and row.key not in subs]
    for row in table.rows:  # a label printed with no values at all
        if row.found and row.key not in assigned and not row.cells_read and row.key not in unsure and row.key not in subs:
            if reading_trouble:
                missing.append(row)
                continue
            n = len(row.cells)
            out.append(Finding(
                "row-short", f"表{tspec.id}的行「{row.label}」没有数值，应有 {n} 个；该行数值不参与核算",
                row.span or at, {"table": tspec.id, "row": row.key, "found": 0, "expected": n, "values": []}))
    if reading_trouble and missing:
        # values are there that could not be placed: these rows may be among them — a reading problem
        out.append(Finding(
            "cells-unplaced",
            f"表{tspec.id}中未能读到 {len(missing)} 行的数值（表中另有无法对应的数值）：" + "、".join(f"「{r.label}」" for r in missing),
            at, {"table": tspec.id, "rows": [r.key for r in missing]}))
        return
    outside = _labels_outside(report, tspec, missing) if missing else []
    if outside:
        # the tool moved part of the table's text out of its place (pdfminer's -V orders a page's
        # boxes so that 表三's first rows come before its title): the rows are there, not read
        missing = [row for row in missing if row.key not in outside]
        out.append(Finding(
            "cells-unplaced",
            f"表{tspec.id}中 {len(outside)} 行的行标签印在表格范围之外（提取工具打乱了文字顺序），"
            "这些行的数值未能读取：" + _labels(tspec, outside),
            at, {"table": tspec.id, "rows": outside}))
    if not missing:
        return
    if len(missing) > 3:
        out.append(Finding(
            "row-missing", f"表{tspec.id}中未找到 {len(missing)} 行：" + "、".join(f"「{r.label}」" for r in missing),
            at, {"table": tspec.id, "rows": [r.key for r in missing]}))
        return
    for row in missing:
        out.append(Finding("row-missing", f"表{tspec.id}中未找到行「{row.label}」", at, {"table": tspec.id, "row": row.key}))


def _table_text(tokens: Sequence[Token], tspec: TableSpec, known: frozenset[str]) -> str:
    """What shows that a table stands where no row label was found (empty when nothing does):
    two of its header words standing alone, five numbers, or five pieces of text with no Chinese
    in them."""
    text_kind = TokenKind.TEXT
    texts = [t.text for t in tokens if t.kind is text_kind]
    pieces = {norm_key(x) for x in texts}  # (a header word as a piece of its own: a cell, not prose)
    words = [w for w in tspec.header_words if norm_key(w) in pieces]
    if len(words) >= 2:
        return "表头" + "、".join(f"「{w}」" for w in words[:3])
    values = sum(1 for t in tokens if t.kind is TokenKind.NUMBER)
    if values >= 5:
        return f"{values} 个数值"
    # (prose wrapped over lines is text too: only pieces with no Chinese character in them, which
    # no label, header or sentence of a report is — an OCR's [IEC, lol — count)
    noise = sum(1 for x in texts if not _HAN.search(x) and _is_noise(norm_key(x), known))
    if noise >= 5:
        return f"{noise} 处无法识别的文字"
    return ""


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _labels_outside(report: Report, tspec: TableSpec, missing: Sequence[Row]) -> list[str]:
    """The missing rows whose labels the aligner finds outside the table's region, when it finds
    the labels of at least two of the table's rows there (one row label alone — 行政复议 — is a
    common word of the prose; a run of them is the table's text, moved)."""
    from govlint.interpret.align import align
    from govlint.interpret.region import region
    from govlint.interpret.tokens import tokens_from_text
    from govlint.profile import get_profile

    headers = get_profile(report.profile).generic_headers
    start, end, _ = region(report, tspec)
    text = report.text
    toks = tokens_from_text(text, 0, start, headers) + tokens_from_text(text, end, len(text), headers)
    found = {a.row.key for a in align(toks, tspec)[0]}
    if len(found) < 2:
        return []
    return [row.key for row in missing if row.key in found]
