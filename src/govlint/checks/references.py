"""Statutory reference rules (LAW): 第二十条 captions of part 二, article/item numbers of the
条例, superseded decrees and format documents, document-number style."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.common import canonical_part, clip, line_index
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.fixes import joined_fix
from govlint.model import ArticleRef
from govlint.rule import Rule
from govlint.text import cn_to_int, normalise_label

_CN = "零〇一二三四五六七八九十百"
_OPEN = "〔【\\[（(［﹝"
_CLOSE = "〕】\\]）)］﹞"


def _caption_key(s: str) -> str:
    return normalise_label(s)


class Part2Captions(ReportRule):
    code = "LAW001"
    name = "part2-captions"
    summary = "第二部分的表格须以第二十条第（一）（五）（六）（八）项为标题，各在其所属行之上"
    severity = Severity.ERROR
    doc = """\
## 说明

第二部分“主动公开政府信息情况”由四个表块组成，标题依次为《条例》第二十条第（一）项、第（五）项、第（六）项、第（八）项，分别对应：规章、行政规范性文件；行政许可；行政处罚、行政强制；行政事业性收费。本规则报告缺少的标题，以及位于别的标题之下的行。

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
            # only the unambiguous case: the row comes before its own caption, under another one
            # (extractions that move whole tables away from their captions are not judged)
            if own.span.start < row.span.start:
                continue
            above = [r for r in refs if r.span.start < row.span.start]
            where = f"位于「{above[-1].text}」之下" if above else "出现在所有表块标题之前"
            related = [Related(own.span, f"「{rspec.block}」在此")]
            if above:
                related.append(Related(above[-1].span, f"「{above[-1].text}」"))
            yield self.diag(report, row.span, f"行「{rspec.label}」应位于「{rspec.block}」之下，实际{where}", related)


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
            span = joined.span(report, m.start(), m.end())
            if span.start in seen:
                continue
            msg = self._problem(m.group("art"), m.group("item") or "", count, items)
            if msg:
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
        pat = re.compile(rf"国务院令\s*第?\s*{mo.group(1)}\s*号")
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


_DOCNO = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{2,10})\s*(?P<open>[【\[（(［﹝])\s*(?P<year>(?:19|20)\d{2})\s*"
    r"(?P<close>[】\]）)］﹞])\s*(?P<num>\d{1,4})\s*号"
)
# the bracketed year and number alone (_DOCNO without its prefix)
_DOCNO_YEAR = re.compile(r"[【\[（(［﹝]\s*(?:19|20)\d{2}\s*[】\]）)］﹞]\s*\d{1,4}\s*号")


def _document_numbers(text: str) -> Iterator[re.Match[str]]:
    """``_DOCNO.finditer(text)``, found from the bracketed years: the search itself would try
    every run of CJK characters.  A match's prefix is the CJK run (at most 10, at least 2)
    right before its bracket, less what an earlier match took."""
    pos = 0
    for b in _DOCNO_YEAR.finditer(text):
        j = b.start()
        while j > pos and text[j - 1].isspace():  # \s* between the prefix and the bracket
            j -= 1
        k = j
        while k > pos and j - k < 10 and "\u4e00" <= text[k - 1] <= "\u9fff":
            k -= 1
        if j - k >= 2:
            m = _DOCNO.match(text, k, b.end())
            if m is not None:
                yield m
                pos = m.end()


class DocumentNumberBrackets(ReportRule):
    code = "LAW005"
    name = "document-number-brackets"
    summary = "发文字号的年份应用六角括号〔〕括入"
    severity = Severity.WARNING
    fixable = True
    doc = """\
## 说明

按 GB/T 9704—2012《党政机关公文格式》7.2.5，发文字号的年份“应标全称，用六角括号“〔 〕”括入”。本规则报告用【】、[]、()、（）等括号书写年份的文号，并给出规范写法。

## 原因

文号是文件的唯一标识，写法不规范影响检索和引用的准确性。

## 错误示例

```text
《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函【2020】109 号）
```

## 正确示例

```text
《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        joined = ctx.whole
        for m in _document_numbers(joined.text):
            prefix = m.group("prefix")
            short = prefix[-6:]
            good = f"{short}〔{m.group('year')}〕{m.group('num')}号"
            fix = joined_fix(report.text, joined.offsets, m.start("open"), m.end(),
                             f"〔{m.group('year')}〕{m.group('num')}号")
            yield self.diag(
                report, joined.span(report, m.start("open"), m.end()),
                f"文号「{short}{m.group(0)[len(prefix):]}」的年份应使用六角括号：「{good}」", fix=fix,
            )


class DecreeWithoutDi(ReportRule):
    code = "LAW006"
    name = "decree-number-style"
    summary = "国务院令令号应写作“国务院令第711号”"
    severity = Severity.INFO
    fixable = True
    doc = """\
## 说明

国务院令的令号带“第”字：“中华人民共和国国务院令第711号”。本规则提示省略“第”字的写法。

## 原因

令号写法应与国务院公布文本一致，便于检索。

## 错误示例

```text
《中华人民共和国政府信息公开条例》（国务院令 711 号）
```

## 正确示例

```text
《中华人民共和国政府信息公开条例》（国务院令第711号）
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        joined = ctx.whole
        for m in re.finditer(r"国务院令\s*(\d+)\s*号", joined.text):
            good = f"国务院令第{m.group(1)}号"
            yield self.diag(report, joined.span(report, m.start(), m.end()), f"「{m.group(0)}」应写作「{good}」",
                            fix=joined_fix(report.text, joined.offsets, m.start(), m.end(), good))


_WRONG_NAMES = ("《中华人民共和国信息公开条例》", "《中华人民共和国政务公开条例》", "《政务公开条例》",
                "《政府信息公开管理条例》", "《中华人民共和国政府信息公开管理条例》", "《政务信息公开条例》")


class RegulationName(ReportRule):
    code = "LAW007"
    name = "regulation-name"
    summary = "条例名称应为《中华人民共和国政府信息公开条例》"
    severity = Severity.ERROR
    doc = """\
## 说明

报告依据的行政法规名称是《中华人民共和国政府信息公开条例》（简称《条例》）。本规则报告不存在的法规名称，如《中华人民共和国信息公开条例》《政务公开条例》《政府信息公开管理条例》。

## 原因

法规名称写错，报告的法律依据即不成立。

## 错误示例

```text
根据《中华人民共和国信息公开条例》（国务院令第711号）……
```

## 正确示例

```text
根据《中华人民共和国政府信息公开条例》（国务院令第711号）……
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        prof = ctx.profile
        right = str(prof.references.get("regulation", "") if prof else "") or "《中华人民共和国政府信息公开条例》"
        joined = ctx.whole
        for name in _WRONG_NAMES:
            for m in re.finditer(re.escape(name), joined.text):
                yield self.diag(report, joined.span(report, m.start(), m.end()),
                                f"法规名称「{name}」有误，应为「{right}」")


_FEE_MEASURES_DOCNO = re.compile(
    rf"处理费管理办法[^。；]{{0,40}}?(?P<no>[\u4e00-\u9fff]{{2,6}}\s*[{_OPEN}]\s*(?P<year>\d{{2,4}})\s*[{_CLOSE}]\s*第?\s*(?P<num>\d+)\s*号)"
)


class FeeDocumentNumber(ReportRule):
    code = "LAW008"
    name = "fee-document-number"
    summary = "信息处理费管理办法的文号应为国办函〔2020〕109号"
    severity = Severity.WARNING
    doc = """\
## 说明

《政府信息公开信息处理费管理办法》由《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）印发。本规则检查紧跟在办法名称之后的文号，报告机关代字、年份或序号写错的情况（如“国办发〔2020〕109号”“国办函〔2020〕190号”）。括号写法由 LAW005 报告。

## 原因

文号写错，读者无法据此查到收费依据。

## 错误示例

```text
按照《政府信息公开信息处理费管理办法》（国办发〔2020〕109号）……
```

## 正确示例

```text
按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）……
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        prof = ctx.profile
        doc = str(prof.references.get("fee_document", "") or "") if prof else ""
        want = re.match(rf"^(.*?)[{_OPEN}](\d{{4}})[{_CLOSE}](\d+)号$", doc)
        if not want:
            return
        prefix, year, num = want.groups()
        joined = ctx.whole
        for m in _FEE_MEASURES_DOCNO.finditer(joined.text):
            pm = re.match(r"[\u4e00-\u9fff]+", m.group("no"))
            got_prefix = pm.group(0) if pm else ""
            if got_prefix.endswith(prefix) and m.group("year") == year and m.group("num") == num:
                continue
            yield self.diag(report, joined.span(report, m.start("no"), m.end("no")),
                            f"信息处理费管理办法的文号写作「{m.group('no')}」，应为「{doc}」")


_OLD_FEES = re.compile(r"检索、?复制、?(?:邮寄|邮递)(?:、[^，。；]{1,8})?等?(?:成本)?费用?")


class ObsoleteFeeWording(ReportRule):
    code = "LAW009"
    name = "obsolete-fee-wording"
    summary = "不应沿用 2007 年条例的“检索、复制、邮寄等成本费用”收费表述"
    severity = Severity.WARNING
    doc = """## 说明

2007 年条例规定依申请提供信息“除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用”。2019 年修订的条例第四十二条改为原则上不收费、超量或超频申请可收取信息处理费（国办函〔2020〕109号）。2019 年以后的报告仍写“收取检索、复制、邮寄等成本费用”，是沿用了旧规定。

## 原因

收费依据已经改变，旧表述会误导申请人，也说明报告内容套用了旧模板。

## 错误示例

```text
本机关依申请提供政府信息，仅收取检索、复制、邮寄等成本费用。
```

## 正确示例

```text
2024年，本机关未收取信息处理费。
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, joined = ctx.report, ctx.whole
        if report.year is not None and report.year < 2019:
            return
        for m in _OLD_FEES.finditer(joined.text):
            yield self.diag(
                report, joined.span(report, m.start(), m.end()),
                f"「{m.group(0)}」是 2007 年条例的收费规定；2019 年修订的条例第四十二条改为收取信息处理费"
                "（国办函〔2020〕109号），应按现行规定表述",
            )


_OLD_DUTY = re.compile(r"条例》?\s*第三十[一二]条")


class ObsoleteDutyArticle(ReportRule):
    code = "LAW010"
    name = "obsolete-duty-article"
    summary = "编制、公布年度报告的依据不是《条例》第三十一、三十二条（2007 年条例的条号）"
    severity = Severity.WARNING
    doc = """## 说明

2007 年条例第三十一条（3 月 31 日前公布年度报告）、第三十二条（年度报告内容）在 2019 年修订后分别成为第四十九条、第五十条；现行第三十一条、第三十二条规定的是申请收到日期和征求第三方意见。本规则报告在提到“年度报告”的句子中引用《条例》第三十一条或第三十二条的情形（涉及第三方意见的句子除外）。

## 原因

条号引用错误说明依据沿用了旧条例（广东省 2010 年通报即指出此类错误）。依据为启发式匹配，故为警告。

## 错误示例

```text
根据《条例》第三十二条规定，现公布本机关2024年政府信息公开工作年度报告。
```

## 正确示例

```text
根据《条例》第五十条规定，现公布本机关2024年政府信息公开工作年度报告。
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, joined = ctx.report, ctx.whole
        for s in ctx.whole_sentences:
            s0, sentence = s.start, s.text
            if "年度报告" not in sentence or "第三方" in sentence:
                continue
            for m in _OLD_DUTY.finditer(sentence):
                new = "第四十九条" if "三十一" in m.group(0) else "第五十条"
                yield self.diag(
                    report, joined.span(report, s0 + m.start(), s0 + m.end()),
                    f"「{m.group(0)}」是 2007 年条例中年度报告的条号；现行《条例》规定年度报告的是{new}",
                )


RULES: list[type[Rule]] = [Part2Captions, ArticleRange, ObsoleteDecree, ObsoleteFormatDocument,
                           DocumentNumberBrackets, DecreeWithoutDi, RegulationName, FeeDocumentNumber,
                           ObsoleteFeeWording, ObsoleteDutyArticle]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)


__all__ = ["RULES", "govlint_rules", "line_index"]
