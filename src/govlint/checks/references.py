"""Statutory reference rules (LAW001–LAW004): 第二十条 captions of part 二, article/item numbers
of the 条例, superseded decrees and format documents (citation style: :mod:`govlint.checks.citations`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from govlint import hookimpl
from govlint.checks.common import DECREE, canonical_part, clip, line_index
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import ArticleRef, Row, Table
from govlint.profile import TableSpec
from govlint.rule import Rule
from govlint.text import cn_to_int, normalise_label

_CN = "零〇一二三四五六七八九十百"
OPEN_BRACKETS = _OPEN = "〔【\\[（(［﹝"  # the brackets a document number's year is printed in
CLOSE_BRACKETS = _CLOSE = "〕】\\]）)］﹞"


@lru_cache(maxsize=1024)
def _caption_key(s: str) -> str:
    """A caption's key (the profile's captions and the parts' table captions: the same every report)."""
    return normalise_label(s)


class Part2Captions(ReportRule):
    code = "LAW001"
    name = "part2-captions"
    summary = "第二部分的表格须以第二十条第（一）（五）（六）（八）项为标题，各在其所属行之上"
    severity = Severity.ERROR
    doc = """\
## 说明

第二部分“主动公开政府信息情况”由四个表块组成，标题依次为《条例》第二十条第（一）项、第（五）项、第（六）项、第（八）项，分别对应：规章、行政规范性文件；行政许可；行政处罚、行政强制；行政事业性收费。本规则报告缺少的标题，以及位于别的标题之下的行。提取工具把表块标题印在别处时（如 pdfminer 先印出各表块的表头和行、再印出标题），行已在自己的表头“信息内容……”之下，不作判断。

## 原因

表块标题就是法定公开事项的依据条款，标题缺失或行放错位置，读者无法判断数字对应哪一类主动公开事项。

## 错误示例

```text
第二十条第（一）项
信息内容	本年制发件数	本年废止件数	现行有效件数
规章	0	0	0
行政规范性文件	3	1	17
行政许可	0
```

## 正确示例

```text
第二十条第（一）项
信息内容	本年制发件数	本年废止件数	现行有效件数
规章	0	0	0
行政规范性文件	3	1	17
第二十条第（五）项
信息内容	本年处理决定数量
行政许可	0
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        prof = ctx.profile
        part = canonical_part(report, 2)
        table = report.tables.get("二")
        if prof is None or part is None or table is None or not table.found:
            return
        expected = [str(c) for c in prof.references.get("part2_captions", ())]
        if not expected:
            return
        found: dict[str, ArticleRef] = {}
        for ref in part.article_refs:
            found.setdefault(_caption_key(ref.text), ref)
        for cap in expected:
            if _caption_key(cap) not in found:
                yield self.diag(report, part.span, f"第二部分缺少表块标题「{cap}」")
        # each row under its own caption
        try:
            tspec = prof.table("二")
        except KeyError:
            return
        refs = sorted(part.article_refs, key=lambda r: r.span.start)
        caption_lines = {r.span.line for r in refs}
        for rspec in tspec.rows:
            row = table.row(rspec.key)
            if row is None or row.span is None or rspec.block is None:
                continue
            own = found.get(_caption_key(rspec.block))
            if own is None or row.span.line in caption_lines:
                continue  # caption missing (reported above) or a one-line scrape: no layout to judge
            # only the unambiguous case: the row's label comes before its own caption, under another
            # one (extractions that move whole tables away from their captions are not judged; a
            # row's values may be printed before its label: where the label stands counts)
            at = _label_start(report.text, row)
            if at is None or own.span.start < at:
                continue  # (None: its values were read apart from its label: where it stands is not known)
            if _opens_a_block(report.text, tspec, table, at, refs):
                continue  # the row stands under a block header of its own: the captions were moved
            above = [r for r in refs if r.span.start < at]
            where = f"位于「{above[-1].text}」之下" if above else "出现在所有表块标题之前"
            related = [Related(own.span, f"「{rspec.block}」在此")]
            if above:
                related.append(Related(above[-1].span, f"「{above[-1].text}」"))
            yield self.diag(report, row.span, f"行「{rspec.label}」应位于「{rspec.block}」之下，实际{where}", related)


def _label_start(text: str, row: Row) -> int | None:
    """Where the row's label is printed, when the row was read with it (its span may start at
    values printed before the label; a row read from values apart from its label has none)."""
    assert row.span is not None
    if not row.raw_label:
        return None
    at = text.find(row.raw_label[:2], row.span.start, row.span.end)  # (a label may wrap: its start)
    return at if at != -1 else None


def _opens_a_block(text: str, tspec: TableSpec, table: Table, start: int, refs: list[ArticleRef]) -> bool:
    """A row labelled at ``start`` stands in a block as printed that no caption opens: the last block header
    (``信息内容 …``) before it follows rows of the table printed after the last caption — pdfminer
    prints the blocks' captions away from their rows (their boxes are set apart), so which caption
    the text puts above a row says nothing; so do a header and rows before every caption.  (A row
    first under another block's caption and header is in that block: the header follows the
    caption directly.)"""
    if not tspec.header_words:
        return False
    header = max(text.rfind(w, 0, start) for w in tspec.header_words)
    caption = max((ref.span.start for ref in refs if ref.span.start < start), default=-1)
    if header < caption or header < 0:
        return False
    if caption < 0:
        return True  # the block's header and rows before any caption: the captions were moved
    return any(r.span is not None and caption < r.span.start < header for r in table.rows)


_REG_NAME = r"《(?:中华人民共和国)?政府信息公开条例》|《条例》"
# an article cited right after the regulation's name (the name begins with 《, which no citation
# contains, so searching with the name required finds the same matches as with it optional)
_ARTICLE = re.compile(
    rf"(?P<reg>{_REG_NAME})(?P<gap>[^《》。；]{{0,0}})第\s*(?P<art>[{_CN}]+)\s*条"
    rf"(?:\s*第\s*[（(]\s*(?P<item>[{_CN}]+)\s*[)）]\s*项)?"
)


class ArticleRange(ReportRule):
    code = "LAW002"
    name = "article-range"
    summary = "引用的《条例》条、项须存在（共56条；第二十条15项、第五十条5项等）"
    severity = Severity.ERROR
    doc = """\
## 说明

现行《中华人民共和国政府信息公开条例》（国务院令第711号）共 56 条；有编号项的条款各有固定的项数（第二十条 15 项，第五十条 5 项，第三十六条 7 项……）。本规则检查第二部分的表块标题，以及正文中紧跟《中华人民共和国政府信息公开条例》或《条例》书名之后的“第X条”“第X条第（Y）项”，报告不存在的条或项。只检查明确指向《条例》的引用，引用其他法规的条文不在此列。

## 原因

引用不存在的条款，多因沿用 2007 年旧条例（共 38 条，条文编号不同）或笔误，使报告的法律依据失实。

## 错误示例

```text
第二十条第（十六）项
依据《条例》第六十条规定……
```

## 正确示例

```text
第二十条第（十五）项
依据《条例》第五十条规定……
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        count = int(prof.references.get("article_count", 0) or 0)
        items = {str(k): int(v) for k, v in dict(prof.references.get("article_items", {})).items()}
        if not count:
            return
        part = canonical_part(report, 2)
        seen: set[int] = set()
        if part is not None:
            for ref in part.article_refs:
                msg = self._problem(ref.article, ref.item, count, items)
                if msg:
                    seen.add(ref.span.start)
                    yield self.diag(report, ref.span, f"表块标题「{ref.text}」{msg}")
        joined = ctx.whole
        for m in _ARTICLE.finditer(joined.text):
            msg = self._problem(m.group("art"), m.group("item") or "", count, items)
            if not msg:
                continue  # (most mentions are right: their span is not needed)
            span = joined.span(report, m.start(), m.end())
            if span.start not in seen:
                yield self.diag(report, span, f"「{clip(m.group(0))}」{msg}")

    @staticmethod
    def _problem(article: str, item: str, count: int, items: dict[str, int]) -> str:
        n = cn_to_int(article)
        if n is None:
            return ""
        if n < 1 or n > count:
            return f"引用的第{article}条不存在（《条例》共 {count} 条）"
        if item and article in items:
            k = cn_to_int(item)
            if k is not None and (k < 1 or k > items[article]):
                return f"引用的第{article}条第（{item}）项不存在（第{article}条共 {items[article]} 项）"
        return ""


def _doc_number_pattern(doc: str) -> re.Pattern[str] | None:
    """国办公开办函〔2019〕60号 → a pattern accepting any bracket style and spacing."""
    m = re.match(r"^(.*?)[〔【\[（(［﹝]\s*(\d{4})\s*[〕】\]）)］﹞]\s*第?\s*(\d+)\s*号$", doc)
    if not m:
        return None
    prefix, year, num = m.groups()
    return re.compile(rf"{re.escape(prefix)}\s*[{_OPEN}]\s*{year}\s*[{_CLOSE}]\s*第?\s*0*{num}\s*号")


class ObsoleteDecree(ReportRule):
    code = "LAW003"
    name = "obsolete-decree"
    summary = "不得把已废止的2007年条例（国务院令第492号）作为现行依据"
    severity = Severity.ERROR
    doc = """\
## 说明

2019 年修订的《中华人民共和国政府信息公开条例》以国务院令第711号公布，自 2019年5月15日起施行。报告把国务院令第492号（2007 年条例）作为依据即为引用失效法规。沿革写法“国务院令第492号公布，国务院令第711号修订”同时写明现行令号，不报告。

## 原因

492 号令公布的是 2007 年旧条例，其年度报告内容、收费规定都已被 2019 年修订取代。

## 错误示例

```text
根据《中华人民共和国政府信息公开条例》（国务院令第492号），编制本报告。
```

## 正确示例

```text
根据《中华人民共和国政府信息公开条例》（国务院令第711号），编制本报告。
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        old = str(prof.references.get("obsolete_decree", "") or "")
        new = str(prof.references.get("decree", "") or "")
        mo = re.search(r"(\d+)", old)
        mn = re.search(r"(\d+)", new)
        if not mo:
            return
        pat = re.compile(rf"{DECREE}\s*第?\s*{mo.group(1)}\s*号")
        joined = ctx.whole
        for m in pat.finditer(joined.text):
            around = joined.text[max(0, m.start() - 40): m.end() + 40]
            if mn and re.search(rf"第?\s*{mn.group(1)}\s*号", around):
                continue  # "第492号公布，第711号修订"
            yield self.diag(report, joined.span(report, m.start(), m.end()),
                            f"引用了已被取代的「{old}」（2007 年条例）作为依据，现行条例为「{new}」")


class ObsoleteFormatDocument(ReportRule):
    code = "LAW004"
    name = "obsolete-format-document"
    summary = "不得引用已被取代的年度报告格式文件（如国办公开办函〔2019〕60号）"
    severity = Severity.ERROR
    doc = """\
## 说明

2021 年及以后年度的报告应按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。引用已被取代的格式文件（对 2021 年格式而言，即国办公开办函〔2019〕60号及其所附格式（试行））说明报告套用了旧模板。文号的括号写法不影响识别。

## 原因

国办公开办函〔2021〕30号自 2021 年度报告起取代 2019 年的试行格式，两者表格不同。

## 错误示例

```text
按照《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，编制本报告。
```

## 正确示例

```text
按照《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        if report.year is not None and not (prof.first_year <= report.year <= prof.last_year):
            return  # the profile does not govern this year
        current = str(prof.references.get("format_document", "") or "")
        joined = ctx.whole
        for doc in prof.references.get("obsolete_format_documents", ()) or ():
            pat = _doc_number_pattern(str(doc))
            if pat is None:
                continue
            for m in pat.finditer(joined.text):
                yield self.diag(
                    report, joined.span(report, m.start(), m.end()),
                    f"引用了已被取代的年度报告格式文件「{doc}」，{report.year or '本'}年度报告应按「{current}」编制",
                )


RULES: list[type[Rule]] = [Part2Captions, ArticleRange, ObsoleteDecree, ObsoleteFormatDocument]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)


__all__ = ["RULES", "govlint_rules", "line_index"]
