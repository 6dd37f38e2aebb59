"""Where a table's text is: the region between its part's heading and the next part, and the
table's own lines that an extraction tool printed after the next heading.

pdfminer's layout analysis orders text boxes by its own grouping, and a heading set close under a
table can be ordered among the table's boxes: the last cells of 表四 come after
``五、存在的主要问题及改进情况`` (and after ``（一）存在问题``), before part 五's prose.  Those lines
are recognisable without guessing: each is a number line or made only of the table's own words,
and they stop at the first line of prose.  Only the last table before a prose part is continued
(the next table's lines are its own), and the caller keeps the continuation only when the
arithmetic reads the table better with it.
"""

from __future__ import annotations

from functools import lru_cache

from govlint.interpret.tokens import tokens_from_text
from govlint.model import Finding, Part, Report, Span
from govlint.parsing.positions import LineIndex
from govlint.parsing.structure import LineKind, line_kind
from govlint.profile import Profile, TableSpec
from govlint.text import normalise_label

__all__ = ["continuation", "known_chars", "note_past_heading", "region"]

_MAX_LINES = 80  # lines looked at after the next heading (the rest of a table, not a part's prose)
_HEADINGS = (LineKind.PART_HEAD, LineKind.SUB_HEAD)


def region(report: Report, tspec: TableSpec) -> tuple[int, int, Span | None]:
    """Offsets of the text holding table ``tspec`` and the heading that opens it (if any)."""
    text = report.text
    part = report.part(tspec.part)
    if part is not None and part.body_span is not None:
        return part.span.end, part.body_span.end, part.span
    before = [p for p in report.parts if p.canonical and p.canonical < tspec.part and p.body_span]
    after = [p for p in report.parts if p.canonical and p.canonical > tspec.part]
    start = before[-1].span.end if before else 0
    if before and before[-1].canonical in (2, 3, 4):
        start = before[-1].body_span.end if before[-1].body_span else start
    end = after[0].span.start if after else len(text)
    if not after and before and before[-1].canonical in (2, 3, 4):
        return end, end, None
    if not after and not before:
        return 0, len(text), None
    return start, end, None


@lru_cache(maxsize=64)
def known_chars(tspec: TableSpec) -> frozenset[str]:
    """Every character of the table's own words (labels, groups, headers, note, title)."""
    words = [r.label for r in tspec.rows] + [g[1] for g in tspec.groups] + list(tspec.header_words)
    words += [tspec.note, tspec.title, f"表{tspec.id}"]
    words += [c for b in tspec.blocks for c in (*b.columns, b.caption)]
    return frozenset("".join(normalise_label(w) for w in words))


def _next_prose_part(report: Report, prof: Profile, tspec: TableSpec) -> Part | None:
    """The part after table ``tspec``'s, when it holds no table (only then is the table continued:
    the next table's lines are its own)."""
    nxt = next((p for p in report.parts if p.canonical and p.canonical > tspec.part), None)
    if nxt is None or any(t.part == nxt.canonical for t in prof.tables):
        return None
    return nxt


def continuation(report: Report, prof: Profile, tspec: TableSpec, end: int) -> list[tuple[int, int]]:
    """Offsets of the table's lines printed after the heading of the next part (the region
    ends at ``end``), when that part holds no table: number lines and lines of the table's own
    words, headings among them skipped, up to the first other line.  Empty when there is no number."""
    nxt = _next_prose_part(report, prof, tspec)
    if nxt is None or nxt.span.start < end:
        return []
    text = report.text
    known = known_chars(tspec)
    pos = text.find("\n", nxt.span.end)
    out: list[tuple[int, int]] = []
    numbers = False
    for _ in range(_MAX_LINES):
        if pos == -1:
            break
        start = pos + 1
        pos = text.find("\n", start)
        stop = len(text) if pos == -1 else pos
        line = text[start:stop]
        if not line.strip():
            continue
        toks = tokens_from_text(text, start, stop, prof.generic_headers)
        if toks and all(t.is_value for t in toks):  # (prose sentences make no tokens)
            numbers = True
        elif not set(normalise_label(line)) <= known:
            if line_kind(line) in _HEADINGS:
                continue  # the next part's headings (as the grammar tells them), ordered among the table's
            break
        if out and out[-1][1] == start - 1:
            out[-1] = (out[-1][0], stop)
        else:
            out.append((start, stop))
    return out if numbers else []


def note_past_heading(report: Report, prof: Profile, idx: LineIndex) -> None:
    """A reading note (``cells-past-heading``) per table some of whose cells were read from the
    lines after the next part's heading (:func:`continuation`): which rows, and after which heading.
    Its cells come from its region and the continuation only, so a cell past the region's end is one."""
    for tspec in prof.tables:
        table = report.tables.get(tspec.id)
        nxt = _next_prose_part(report, prof, tspec)
        if table is None or nxt is None:
            continue
        end = region(report, tspec)[1]
        past = [(row, [c.span for c in row.cells if c.span is not None and c.span.start >= end]) for row in table.rows]
        past = [(row, spans) for row, spans in past if spans]
        if not past:
            continue
        first = min(sp.start for _, spans in past for sp in spans)
        last = max(sp.end for _, spans in past for sp in spans)
        head = report.text[nxt.span.start:nxt.span.end].strip()
        rows = "、".join(f"「{row.label}」" for row, _ in past)
        report.findings.append(Finding(
            "cells-past-heading",
            f"表{tspec.id}中{rows}的数值印在下一部分的标题「{head}」之后（提取工具把表格末尾的文字排到了标题后面）。"
            "标题后的这几行只有数字和表格自己的文字，连同它们读取时表内勾稽关系更完整，已按表格读取；"
            "这是读取时的处理，请对照原文核实",
            idx.span(first, last),
            {"table": tspec.id, "rows": [row.key for row, _ in past], "heading": head}))
