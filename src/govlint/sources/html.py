"""HTML adapter (standard library ``html.parser``): a web page's report body as blocks.

The page is parsed into a light element tree (forgiving about unclosed ``<p>``/``<td>``/
``<tr>``, as browsers are).  The report body is the deepest element that holds most of the
page's running text, with links, navigation, headers and footers not counted — so the site's
chrome around the article stays out.  Inline runs (``<span>``, ``<font>`` …) are joined; the
line breaks and indentation of the page source between two Chinese characters are no text.
Tables keep rowspan/colspan.  The declared charset is used (GB2312/GBK read as GB18030, its
superset)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from govlint.diagnostic import SourceLocation
from govlint.sources.listnumbers import ListNumbers
from govlint.sources.model import Block, BlockKind, Document, GridCell, Problem, ProblemKind, Table

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP = frozenset("script style noscript template iframe object svg head select button textarea".split())
_CHROME_TAGS = frozenset("nav header footer aside form".split())
_CHROME_WORDS = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|share|copyright|sidebar|banner|position|location|toolbar", re.I)
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol table tr td th tbody thead tfoot section article blockquote pre dl dt dd center body main br hr caption".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_WS = re.compile(r"[ \t\r\n\f\v\xa0\u3000]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_DATE = r"\s*[:：]\s*(\d{4}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
# the page's own label for its publication date first; a bare 时间/日期 beside the title only if none
_PUBLISHED = (re.compile(r"(?:发布时间|发布日期|发文日期|公开日期)" + _DATE), re.compile(r"(?:时间|日期)" + _DATE))


@dataclass
class _El:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    parent: _El | None = None
    children: list[_El | str] = field(default_factory=list)
    weight: int = 0  # running text (not links, not chrome) inside
    link: int = 0


_IMPLIED_END = {
    "p": {"p"}, "li": {"li"}, "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
    "tbody": {"tbody", "thead", "tfoot", "tr", "td", "th"}, "thead": {"tbody", "thead", "tfoot", "tr", "td", "th"},
}
_SCOPE = {"p": {"td", "th", "div", "table", "body", "li"}, "li": {"ul", "ol"}, "tr": {"table"}, "td": {"tr", "table"},
          "th": {"tr", "table"}, "tbody": {"table"}, "thead": {"table"}}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _El("#root", {}, 1, 1)
        self.cur = self.root
        self.skip = 0
        self.meta: dict[str, str] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            name = (a.get("name") or a.get("property") or a.get("http-equiv") or "").lower()
            if name and "content" in a:
                self.meta[name] = a["content"].strip()
            return
        if tag == "title":
            self._in_title = True
        if self.skip or tag in _SKIP:
            if tag not in _VOID and tag in _SKIP:
                self.skip += 1
            return
        closes = _IMPLIED_END.get(tag)
        if closes:
            el: _El | None = self.cur
            while el is not None and el.tag not in _SCOPE.get(tag, set()) and el is not self.root:
                if el.tag in closes:
                    self.cur = el.parent or self.root
                    el = self.cur
                    if tag in ("p", "li"):
                        break
                    continue
                el = el.parent
        line, off = self.getpos()
        node = _El(tag, a, line, off + 1, self.cur)
        self.cur.children.append(node)
        if tag not in _VOID:
            self.cur = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and not self.skip and self.cur.tag == tag:
            self.cur = self.cur.parent or self.root

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self.skip:
            if tag in _SKIP:
                self.skip -= 1
            return
        el: _El | None = self.cur
        while el is not None and el is not self.root and el.tag != tag:
            el = el.parent
        if el is not None and el is not self.root:
            self.cur = el.parent or self.root

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if not self.skip:
            self.cur.children.append(data)


def decode_html(data: bytes) -> str:
    """The declared charset (BOM, then ``<meta charset>``), GB2312/GBK as GB18030; else UTF-8,
    then GB18030; never fails (undecodable bytes become U+FFFD)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn"):
        declared = "gb18030"
    for codec in [c for c in (declared, "utf-8", "gb18030") if c]:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _is_chrome(el: _El) -> bool:
    if el.tag in _CHROME_TAGS:
        return True
    cls = f"{el.attrs.get('class', '')} {el.attrs.get('id', '')} {el.attrs.get('role', '')}"
    return bool(cls.strip()) and bool(_CHROME_WORDS.search(cls))


def _weigh(el: _El, in_link: bool = False) -> None:
    """Running text under each element; links and chrome count as link text."""
    for ch in el.children:
        if isinstance(ch, str):
            n = len(_WS.sub("", ch))
            if in_link:
                el.link += n
            else:
                el.weight += n
        else:
            chrome = _is_chrome(ch)
            _weigh(ch, in_link or ch.tag == "a" or chrome)
            el.weight += ch.weight
            el.link += ch.link


def _body(root: _El) -> _El:
    """The deepest element holding at least 80 % of the page's running text.  A table is entered
    only through a cell that holds that much (a page laid out with a table), never split."""
    el = root
    total = root.weight
    while True:
        best = max((c for c in el.children if isinstance(c, _El)), key=lambda c: c.weight, default=None)
        if best is None or best.weight < total * 0.8 or best.tag == "p":
            return el
        if best.tag in _TABLE_PARTS:
            cell = _heavy_cell(best, total * 0.8)
            if cell is None:
                return el
            best = cell
        el = best


_TABLE_PARTS = frozenset(("table", "tbody", "thead", "tfoot", "tr"))


def _heavy_cell(el: _El, need: float) -> _El | None:
    for c in el.children:
        if isinstance(c, _El) and c.weight >= need:
            if c.tag in ("td", "th"):
                return c
            if c.tag in _TABLE_PARTS:
                return _heavy_cell(c, need)
    return None


def _is_layout(table: _El) -> bool:
    """A table used to lay out the page (cells holding paragraphs of prose or other tables),
    not a statistical table: its cells are read as content, in order."""
    for el in _descendants(table):
        if el.tag in ("td", "th"):
            if any(isinstance(d, _El) and d.tag == "table" for d in _descendants(el)) or el.weight > 300:
                return True
    return False


def _descendants(el: _El) -> Iterator[_El]:
    for c in el.children:
        if isinstance(c, _El):
            yield c
            yield from _descendants(c)


def _text(el: _El | str) -> str:
    if isinstance(el, str):
        return el
    if el.tag == "br":
        return "\n"
    inner = "".join(_text(c) for c in el.children)
    return f"\n{inner}\n" if el.tag in _BLOCKS else inner


def _clean(s: str) -> str:
    lines = [_CJK_GAP.sub("", _WS.sub(" ", ln)).strip() for ln in s.split("\n")]
    return "\n".join(ln for ln in lines if ln)


class _Walker:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.tables = 0
        self.inline: list[str] = []
        self.at: _El | None = None
        self.number = ""  # an ordered list item's number, until the item's first text

    def flush(self) -> None:
        text = _clean("".join(self.inline))
        self.inline.clear()
        if text and self.number:
            text, self.number = self.number + text, ""
        for ln in text.split("\n") if text else []:
            loc = SourceLocation(source_line=self.at.line, source_column=self.at.col) if self.at else None
            kind = BlockKind.HEADING if self.at is not None and self.at.tag in _HEADINGS else BlockKind.PARAGRAPH
            self.doc.blocks.append(Block(kind, ln, location=loc))
        self.at = None

    def walk(self, el: _El) -> None:
        items = ListNumbers(el.attrs, sum(1 for c in el.children if isinstance(c, _El) and c.tag == "li")) \
            if el.tag == "ol" else None
        for ch in el.children:
            if items is not None and isinstance(ch, _El) and ch.tag == "li":
                # an ordered list's number is text the reader sees (the browser draws it): 一、 1.
                self.flush()
                self.at = ch
                self.number = items.marker(ch.attrs)  # put before the item's first text (maybe in a <p> of its own)
                self.walk(ch)
                self.flush()
                self.number = ""
                continue
            if isinstance(ch, str):
                if ch.strip() and self.at is None:
                    self.at = el
                self.inline.append(ch)
                continue
            if ch.tag == "table" and not _is_layout(ch):
                self.flush()
                if self.number:  # an item that starts with a table: its number stands beside it
                    self.doc.blocks.append(Block(BlockKind.PARAGRAPH, self.number.strip(), location=SourceLocation(
                        source_line=ch.line, source_column=ch.col)))
                    self.number = ""
                self.table(ch)
                continue
            if ch.tag in _BLOCKS:
                self.flush()
                if ch.tag == "br":
                    continue
                self.at = ch
                self.walk(ch)
                self.flush()
            else:
                if self.at is None and _text(ch).strip():
                    self.at = el if el.tag in _BLOCKS else ch
                self.walk(ch)

    def table(self, el: _El) -> None:
        rows: list[_El] = []

        def collect(e: _El) -> None:
            for c in e.children:
                if isinstance(c, _El):
                    if c.tag == "tr":
                        rows.append(c)
                    elif c.tag in ("tbody", "thead", "tfoot"):
                        collect(c)
        collect(el)
        if not rows:
            return
        self.tables += 1
        n = self.tables
        cells: list[GridCell] = []
        taken: set[tuple[int, int]] = set()
        for r, tr in enumerate(rows):
            k = 0
            for td in (c for c in tr.children if isinstance(c, _El) and c.tag in ("td", "th")):
                while (r, k) in taken:
                    k += 1
                rs, cs = _span(td.attrs.get("rowspan")), _span(td.attrs.get("colspan"))
                rs = min(rs, len(rows) - r)
                cell = GridCell(_clean(_text(td)), r, k, rs, cs, SourceLocation(
                    table=n, row=r + 1, column=k + 1, source_line=td.line, source_column=td.col))
                cells.append(cell)
                for i in range(r, r + rs):
                    for j in range(k, k + cs):
                        taken.add((i, j))
                k += cs
        from govlint.sources.model import grid_from_cells

        grid = grid_from_cells(cells)
        if len(grid) and max(len(r) for r in grid) == 1:
            # a one-column table is a layout frame: its cells are paragraphs
            for c in cells:
                for ln in c.text.split("\n"):
                    self.doc.blocks.append(Block(BlockKind.PARAGRAPH, ln, location=c.location))
            return
        self.doc.blocks.append(Block(BlockKind.TABLE, table=Table(grid, SourceLocation(
            table=n, source_line=el.line, source_column=el.col)), location=SourceLocation(
            table=n, source_line=el.line, source_column=el.col)))


def _span(v: str | None) -> int:
    try:
        return max(1, min(int((v or "1").strip()), 1000))
    except ValueError:
        return 1


def read(path: str, data: bytes) -> Document:
    doc = Document(path, "html")
    tree = _Tree()
    try:
        tree.feed(decode_html(data))
        tree.close()
    except Exception as exc:  # html.parser is forgiving; anything else is a broken file
        doc.problems.append(Problem(ProblemKind.BROKEN, f"网页无法解析（{type(exc).__name__}）"))
        return doc
    _weigh(tree.root)
    body = _body(tree.root)
    _Walker(doc).walk(body)
    # the article's title (meta ArticleTitle), else the page title when it names a report (a page
    # title is often only the site's name)
    page_title = re.split(r"[_|｜]| - ", tree.title)[0].strip()
    title = tree.meta.get("articletitle") or (page_title if "报告" in page_title else "")
    if title:
        doc.metadata["title"] = _clean(title)
    published = tree.meta.get("pubdate") or tree.meta.get("publishdate") or tree.meta.get("firstpublishedtime")
    if not published:
        page_text = _clean(_text(tree.root)).replace("\n", " ")
        m = _PUBLISHED[0].search(page_text) or _PUBLISHED[1].search(page_text)
        published = m.group(1) if m else ""
    if published:
        doc.metadata["published"] = published
    if not _has_report(doc):
        doc.problems.append(Problem(ProblemKind.NO_REPORT,
                                    "网页中找不到政府信息公开工作年度报告的正文（只有网站导航、页脚等），未检查"))
    return doc


def _has_report(doc: Document) -> bool:
    """The body names at least three of the report's parts (in any format's wording)."""
    from govlint.profile import load_profiles
    from govlint.text import normalise_label

    text = normalise_label(" ".join(b.text for b in doc.blocks if b.kind is not BlockKind.TABLE))
    for prof in load_profiles().values():
        found = sum(any(normalise_label(t) in text for t in (p.title, *p.variants)) for p in prof.parts)
        if found >= 3:
            return True
    return any(b.kind is BlockKind.TABLE for b in doc.blocks) and "政府信息公开" in text
