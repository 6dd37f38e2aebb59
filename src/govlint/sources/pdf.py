"""PDF adapter (pdfplumber, MIT): tables from the page geometry, prose in reading order.

Tables: pdfplumber finds cells from the ruling lines; a cell covering several grid intervals
is one merged cell (spans from its box).  A grid of one column is a frame around prose, not a
table.  A table that opens a page and has the column edges of the table that closed the
previous page continues it: its repeated header rows are dropped and a label cell cut by the
page break is joined again.  Prose: text lines outside tables, running page numbers and
headers/footers removed, paragraphs split where a line is indented or the previous one stops
short of the right margin — the way a typeset paragraph shows its breaks."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from govlint.diagnostic import SourceLocation
from govlint.sources.model import (
    Block,
    BlockKind,
    Document,
    GridCell,
    Problem,
    ProblemKind,
    Table,
    optional_library,
)

_PAGE_NUMBER = re.compile(r"^[\s\-—–－_·•]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4})?([\s,，]*共\s*\d+\s*页)?[\s\-—–－_·•]*$")
_NUMBERED = re.compile(r"^\s*([（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+\s*[.、．])")
_VALUE = re.compile(r"^[\s\d.,，%％\-—–/／]*$")


@dataclass
class _Piece:
    """A table or a prose line of one page, in reading order."""

    top: float
    bottom: float
    table: Table | None = None
    edges: tuple[float, ...] = ()
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    size: float = 10.0
    page: int = 0
    spread: bool = False  # wide gaps between its words: cells of a table drawn without lines


def read(path: str, data: bytes) -> Document:
    doc = Document(path, "pdf")
    pdfplumber = optional_library(doc, "pdfplumber", " PDF ", "pdfplumber", "pdf")
    if pdfplumber is None:
        return doc
    if b"%PDF-" not in data[:1024]:  # the header may follow a few bytes of junk (readers accept that)
        doc.problems.append(Problem(ProblemKind.BROKEN, "文件扩展名是 .pdf，但内容不是 PDF（缺少 %PDF 文件头）"))
        return doc
    if b"%%EOF" not in data[-2048:]:
        doc.problems.append(Problem(ProblemKind.BROKEN, "PDF 文件不完整（缺少文件结尾 %%EOF，可能下载中断），无法读取"))
        return doc
    import io

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = list(pdf.pages)
            pieces = [_page_pieces(p) for p in pages]
            page_images = [len(p.images) for p in pages]
            images = sum(page_images)
    except Exception as exc:  # pdfminer raises many kinds for broken or protected files
        doc.problems.append(_open_problem(exc))
        return doc
    if not any(pc.text or pc.table for page in pieces for pc in page):
        msg = ("PDF 没有文字层（可能是扫描件，只有图像）：无法读取文字，请使用带文字的 PDF 或原始 Word 文件"
               if images else "PDF 中没有可读取的文字")
        doc.problems.append(Problem(ProblemKind.NO_TEXT_LAYER, msg))
        return doc
    scanned = [i + 1 for i, (page, n) in enumerate(zip(pieces, page_images)) if n and not page]
    if scanned:
        doc.problems.append(Problem(ProblemKind.NO_TEXT_LAYER, "PDF 第 " + "、".join(map(str, scanned)) +
                                    " 页没有文字层（扫描页，只有图像）：这些页的内容未能读取，报告可能因此显得不完整", fatal=False))
    _drop_running_lines(pieces, [float(p.height) for p in pages])
    _assemble(doc, pieces)
    return doc


def _open_problem(exc: Exception) -> Problem:
    # pdfplumber wraps pdfminer's exception (PdfminerException(PDFPasswordIncorrect()))
    inner = next((a for a in exc.args if isinstance(a, Exception)), exc)
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name or "encrypt" in str(inner).lower():
        return Problem(ProblemKind.ENCRYPTED, "PDF 已加密（需要密码），无法读取；请使用未加密的文件")
    return Problem(ProblemKind.BROKEN, f"PDF 文件已损坏或不完整（可能下载中断），无法读取（{name}）")


def _page_pieces(page: Any) -> list[_Piece]:
    out: list[_Piece] = []
    boxes: list[tuple[float, float, float, float]] = []
    for t in page.find_tables():
        piece = _table_piece(page, t)
        if piece is not None:
            out.append(piece)
            boxes.append(t.bbox)
    for ln in page.extract_text_lines(return_chars=True):
        cx, cy = (ln["x0"] + ln["x1"]) / 2, (ln["top"] + ln["bottom"]) / 2
        if any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes):
            continue
        text = ln["text"].strip()
        if not text:
            continue
        chars = [c for c in ln["chars"] if c["text"].strip()]
        sizes = [c["size"] for c in chars]
        size = max(set(sizes), key=sizes.count) if sizes else 10.0
        spread = any(b["x0"] - a["x1"] > size for a, b in zip(chars, chars[1:]))
        out.append(_Piece(ln["top"], ln["bottom"], text=text, x0=ln["x0"], x1=ln["x1"],
                          size=size, page=page.page_number, spread=spread))
    out.sort(key=lambda p: p.top)
    return out


def _cluster(values: list[float], tol: float = 1.5) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _table_piece(page: Any, t: Any) -> _Piece | None:
    boxes = [c for c in t.cells if c is not None]
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 2:
        return None  # one column: a frame around prose
    texts: dict[int, list[dict[str, Any]]] = {i: [] for i in range(len(boxes))}
    x0, top, x1, bottom = t.bbox
    # (the page's own chars: a crop clips the boxes of the chars it cuts, and the line just under
    # the table — a heading set close below it — would have its centre moved into the last row)
    for ch in page.chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if not (x0 <= cx <= x1 and top <= cy <= bottom):
            continue
        for i, b in enumerate(boxes):
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                texts[i].append(ch)
                break
    from pdfplumber.utils import extract_text

    cells: list[GridCell] = []
    grid: list[list[GridCell | None]] = [[None] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    for i, b in enumerate(boxes):
        r0, r1 = _index(ys, b[1]), _index(ys, b[3])
        c0, c1 = _index(xs, b[0]), _index(xs, b[2])
        if r1 <= r0 or c1 <= c0:
            continue
        text = extract_text(texts[i]) if texts[i] else ""
        cell = GridCell(text, r0, c0, r1 - r0, c1 - c0,
                        SourceLocation(page=page.page_number, bbox=(b[0], b[1], b[2], b[3])))
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(c0, c1):
                grid[r][c] = cell
    table = Table(grid, SourceLocation(page=page.page_number, bbox=tuple(t.bbox)))  # type: ignore[arg-type]
    return _Piece(t.bbox[1], t.bbox[3], table=table, edges=tuple(xs), page=page.page_number)


def _drop_running_lines(pieces: list[list[_Piece]], heights: list[float]) -> None:
    """Page numbers and running headers/footers: lines in the top or bottom margin band that
    look like a page number, or whose text (digits aside) comes back on most pages."""
    def band(p: _Piece, h: float) -> bool:
        return p.table is None and (p.top > h * 0.88 or p.bottom < h * 0.08)

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))

    counts = Counter(key(p.text) for page, h in zip(pieces, heights) for p in page if band(p, h))
    n = len(pieces)
    for i, (page, h) in enumerate(zip(pieces, heights)):
        pieces[i] = [
            p for p in page
            if not (band(p, h) and (_PAGE_NUMBER.match(p.text) or (n >= 3 and counts[key(p.text)] * 2 > n)))
        ]


def _header_rows(t: Table) -> int:
    for r, row in enumerate(t.grid):
        if any(c is not None and c.row == r and c.text.strip() and _VALUE.match(c.text) for c in row):
            return r
    return 0


def _row_texts(t: Table, r: int) -> list[str]:
    return [re.sub(r"\s+", "", c.text) if c is not None else "" for c in t.grid[r]]


def _continue(prev: Table, nxt: Table) -> None:
    """Append ``nxt`` (the same table on the next page) to ``prev``."""
    head = _header_rows(prev)
    skip = 0
    while skip < head and skip < nxt.n_rows and _row_texts(nxt, skip) == _row_texts(prev, skip):
        skip += 1
    rows = nxt.grid[skip:]
    if not rows:
        return
    base = prev.n_rows
    last = prev.grid[-1] if prev.grid else []
    moved: dict[int, GridCell] = {}
    for k, c in enumerate(rows[0]):
        up = last[k] if k < len(last) else None
        if c is None or up is None or id(c) in moved or c.col != k or up.col != k or c.colspan != up.colspan:
            continue
        if not up.text.strip() or _VALUE.match(up.text):
            continue  # only a label cell can be cut by the page break
        if c.text.strip() and (_VALUE.match(c.text) or _NUMBERED.match(c.text)):
            continue  # a new numbered label starts here
        up.text = up.text.rstrip() + c.text.strip()
        up.rowspan += c.rowspan - max(0, skip - c.row)
        moved[id(c)] = up
    renumbered: set[int] = set()
    for row in rows:
        new_row: list[GridCell | None] = []
        for c in row:
            if c is not None and id(c) in moved:
                c = moved[id(c)]
            elif c is not None and id(c) not in renumbered:
                renumbered.add(id(c))
                if c.row < skip:
                    c.rowspan -= skip - c.row
                    c.row = skip
                c.row = base + c.row - skip
            new_row.append(c)
        prev.grid.append(new_row)


def _same_columns(a: _Piece, b: _Piece) -> bool:
    return len(a.edges) == len(b.edges) and all(abs(x - y) < 3.0 for x, y in zip(a.edges, b.edges))


def _assemble(doc: Document, pages: list[list[_Piece]]) -> None:
    prose = [p for page in pages for p in page if p.table is None and not p.spread]
    # the margins where most of the prose's characters start and end lines: counted by character,
    # not by line, so the many one- or two-character lines of a table drawn without ruling lines
    # (vertical labels, a column of 结果 / 维持) do not pass for the page's margins
    left_at: Counter[int] = Counter()
    right_at: Counter[int] = Counter()
    for p in prose:
        left_at[round(p.x0)] += len(p.text)
        right_at[round(p.x1)] += len(p.text)
    left = left_at.most_common(1)[0][0] if prose else 0
    right = right_at.most_common(1)[0][0] if prose else 0
    para: list[_Piece] = []
    tables: list[Table] = []

    def flush() -> None:
        if para:
            text = "".join(_join(a.text if a else None, b.text) for a, b in zip([None, *para], para))
            first = para[0]
            same = [p for p in para if p.page == first.page]
            box = (first.x0, first.top, max(p.x1 for p in same), max(p.bottom for p in same))
            doc.blocks.append(Block(BlockKind.PARAGRAPH, text, location=SourceLocation(page=first.page, bbox=box)))
            para.clear()

    open_table: _Piece | None = None  # a table that ended its page: it may go on on the next one
    for page in pages:
        for j, p in enumerate(page):
            if p.table is not None:
                if open_table is not None and j == 0 and _same_columns(open_table, p):
                    assert open_table.table is not None
                    _continue(open_table.table, p.table)
                    open_table = p if p is page[-1] else None
                    if open_table is not None:
                        open_table.table = tables[-1]
                    continue
                flush()
                tables.append(p.table)
                doc.blocks.append(Block(BlockKind.TABLE, table=p.table, location=p.table.location))
                open_table = p if p is page[-1] else None
                continue
            open_table = None
            prev = para[-1] if para else None
            if prev is not None and not _continues(prev, p, left, right):
                flush()
            para.append(p)
    flush()
    for n, t in enumerate(tables, 1):
        _number(t, n)


def _number(t: Table, n: int) -> None:
    for row in t.grid:
        for c in row:
            if c is not None and c.location is not None:
                c.location.table = n
                c.location.row = c.row + 1
                c.location.column = c.col + 1
    if t.location is not None:
        t.location.table = n


def _continues(prev: _Piece, cur: _Piece, left: float, right: float) -> bool:
    """Does ``cur`` go on the paragraph whose last line is ``prev``?"""
    if prev.spread or cur.spread:
        return False  # a line set out in columns (a table without ruling lines) is no prose line
    em = cur.size or 10.0
    if cur.x0 - left > em * 0.8:
        return False  # indented: a new paragraph (or a heading)
    if right - prev.x1 > em * 1.5:
        return False  # the previous line stopped short: it ended its paragraph
    if prev.page == cur.page and cur.top - prev.bottom > em * 2.5:
        return False
    return True


def _join(a: str | None, b: str) -> str:
    if a is None:
        return b
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return " " + b
    return b
