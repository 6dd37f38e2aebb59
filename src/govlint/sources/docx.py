"""Word (.docx) adapter (python-docx, MIT): paragraphs and tables in document order.

python-docx opens the package; the body is walked on its XML so that merged cells (gridSpan,
vMerge) and list numbering are exact.  A heading whose "一、" or "（一）" is a Word list number
(not typed text) gets it back, computed from numbering.xml the way Word counts.  Tracked
changes are read as accepted (deleted text left out, inserted text kept); comments are not
part of the body and are not read."""

from __future__ import annotations

import io
from collections.abc import Iterator
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
    grid_from_cells,
    optional_library,
)
from govlint.text import int_to_cn

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: str, data: bytes) -> Document:
    doc = Document(path, "docx")
    docx = optional_library(doc, "docx", " Word 文件（.docx）", "python-docx", "docx")
    if docx is None:
        return doc
    import zipfile

    try:
        word = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        doc.problems.append(Problem(ProblemKind.BROKEN, "Word 文件（.docx）已损坏或不完整（可能下载中断），无法读取"))
        return doc
    except Exception as exc:  # not a Word package (another zip, a mislabelled file …)
        doc.problems.append(Problem(ProblemKind.BROKEN, f"文件不是可读取的 Word 文档（.docx）（{type(exc).__name__}）"))
        return doc
    numbering = _Numbering(word)
    styles = _style_numbering(word)
    paragraphs = tables = 0
    for el in _blocks(word.element.body):
        if el.tag == W + "p":
            paragraphs += 1
            text = _para_text(el, numbering, styles)
            if text.strip():
                style = _style_id(el)
                kind = BlockKind.HEADING if style.lower().startswith(("heading", "title")) else BlockKind.PARAGRAPH
                doc.blocks.append(Block(kind, text, location=SourceLocation(paragraph=paragraphs)))
        elif el.tag == W + "tbl":
            tables += 1
            table = _table(el, tables, numbering, styles)
            if table is not None:
                doc.blocks.append(Block(BlockKind.TABLE, table=table, location=table.location))
    core = word.core_properties
    if core.title:
        doc.metadata["document_title"] = core.title
    return doc


def _blocks(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, also inside content controls (w:sdt: cover
    pages, tables of contents) and custom XML wrappers."""
    for el in parent.iterchildren():
        if el.tag in (W + "p", W + "tbl"):
            yield el
        elif el.tag in (W + "sdt", W + "customXml"):
            inner = el.find(W + "sdtContent") if el.tag == W + "sdt" else el
            if inner is not None:
                yield from _blocks(inner)


def _cell_text(tc: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:
    """A cell's paragraphs, one per line (a table nested in the cell: its cells' text too)."""
    out: list[str] = []
    for el in _blocks(tc):
        if el.tag == W + "p":
            out.append(_para_text(el, numbering, styles))
        else:
            for tr in el.iterchildren(W + "tr"):
                out.extend(_cell_text(tc2, numbering, styles) for tc2 in tr.iterchildren(W + "tc"))
    return "\n".join(out).strip()


def _style_id(p: Any) -> str:
    ps = p.find(f"{W}pPr/{W}pStyle")
    return ps.get(W + "val", "") if ps is not None else ""


def _style_numbering(word: Any) -> dict[str, tuple[str, int]]:
    """Paragraph styles that carry list numbering (a heading style linked to a list)."""
    out: dict[str, tuple[str, int]] = {}
    try:
        root = word.styles.element
    except Exception:  # pragma: no cover - a package without styles
        return out
    for st in root.iterchildren(W + "style"):
        num = st.find(f"{W}pPr/{W}numPr")
        if num is not None:
            nid = num.find(W + "numId")
            lvl = num.find(W + "ilvl")
            if nid is not None:
                out[st.get(W + "styleId", "")] = (nid.get(W + "val", ""), int(lvl.get(W + "val", "0")) if lvl is not None else 0)
    return out


class _Numbering:
    """Word list counters from numbering.xml: num → abstractNum → levels (format, text, start)."""

    def __init__(self, word: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[tuple[str, int], int] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = word.part.numbering_part.element
        except Exception:  # no numbering part: no lists
            return
        for an in root.iterchildren(W + "abstractNum"):
            aid = an.get(W + "abstractNumId", "")
            lv: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iterchildren(W + "lvl"):
                i = int(lvl.get(W + "ilvl", "0"))
                fmt = lvl.find(W + "numFmt")
                txt = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                lv[i] = (fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                         txt.get(W + "val", "") if txt is not None else "",
                         int(start.get(W + "val", "1")) if start is not None else 1)
            self.levels[aid] = lv
        for num in root.iterchildren(W + "num"):
            nid = num.get(W + "numId", "")
            a = num.find(W + "abstractNumId")
            if a is not None:
                self.abstract_of[nid] = a.get(W + "val", "")
            for ov in num.iterchildren(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    self.overrides[(nid, int(ov.get(W + "ilvl", "0")))] = int(so.get(W + "val", "1"))

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of list ``num_id`` at level ``ilvl``, as Word shows it ("一、", "（二）")."""
        aid = self.abstract_of.get(num_id)
        if aid is None or num_id == "0":
            return ""
        levels = self.levels.get(aid, {})
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = max(0, min(ilvl, 8))
        start = self.overrides.get((num_id, ilvl), levels.get(ilvl, ("decimal", "", 1))[2])
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels.get(ilvl, ("decimal", "", 1))
        if fmt in ("bullet", "none"):
            return ""
        for i in range(ilvl + 1):
            value = counters[i] or levels.get(i, ("decimal", "", 1))[2]
            text = text.replace(f"%{i + 1}", _format(value, levels.get(i, ("decimal", "", 1))[0]))
        return text


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return int_to_cn(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


def _para_text(p: Any, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> str:
    parts: list[str] = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr"):
        if _deleted(el, p):
            continue
        if el.tag == W + "t":
            parts.append(el.text or "")
        elif el.tag == W + "tab":
            parts.append("\t")
        else:
            parts.append("\n")
    text = "".join(parts)
    num = p.find(f"{W}pPr/{W}numPr")
    ref: tuple[str, int] | None = None
    if num is not None:
        nid, lvl = num.find(W + "numId"), num.find(W + "ilvl")
        if nid is not None:
            ref = (nid.get(W + "val", ""), int(lvl.get(W + "val", "0")) if lvl is not None else 0)
    elif _style_id(p) in styles:
        ref = styles[_style_id(p)]
    if ref is not None and text.strip():
        text = numbering.label(*ref) + text.lstrip()
    return text


def _deleted(el: Any, stop: Any) -> bool:
    """Inside a tracked deletion (or moved-away text)?"""
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag in (W + "del", W + "moveFrom"):
            return True
        node = node.getparent()
    return False


def _table(tbl: Any, n: int, numbering: _Numbering, styles: dict[str, tuple[str, int]]) -> Table | None:
    cells: list[GridCell] = []
    open_above: dict[int, GridCell] = {}  # grid column → the cell a vMerge continues
    for r, tr in enumerate(tbl.iterchildren(W + "tr")):
        k = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            k = int(before.get(W + "val", "0"))
        for tc in tr.iterchildren(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = 1
            vmerge = None
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(W + "val", "1")))
                vm = pr.find(W + "vMerge")
                if vm is not None:
                    vmerge = vm.get(W + "val", "continue")
            text = _cell_text(tc, numbering, styles)
            if vmerge == "continue" and k in open_above:
                above = open_above[k]
                above.rowspan = r - above.row + 1
            else:
                cell = GridCell(text, r, k, 1, span, SourceLocation(table=n, row=r + 1, column=k + 1))
                cells.append(cell)
                for j in range(k, k + span):
                    if vmerge == "restart":
                        open_above[j] = cell
                    else:
                        open_above.pop(j, None)
            k += span
    if not cells:
        return None
    return Table(grid_from_cells(cells), SourceLocation(table=n))
