"""Citation style rules (LAW005–LAW010): how the report writes what it cites — document numbers
(〔〕 around the year), the State Council decree number, the regulation's name, the fee measures'
document number — and wording or articles left over from the 2007 regulation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.context import Context, Needs, ReportRule
from govlint.checks.references import CLOSE_BRACKETS as _CLOSE
from govlint.checks.references import OPEN_BRACKETS as _OPEN
from govlint.diagnostic import Diagnostic, Severity
from govlint.fixes import joined_fix
from govlint.rule import Rule

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


# 国务院令 711 号 (no 第), or the abbreviation 国令 with or without 第
_DECREE_STYLE = re.compile(r"国(?:务院令\s*(\d+)\s*号|令\s*第?\s*(\d+)\s*号)")


class DecreeWithoutDi(ReportRule):
    code = "LAW006"
    name = "decree-number-style"
    summary = "国务院令令号应写作“国务院令第711号”"
    severity = Severity.INFO
    fixable = True
    doc = """\
## 说明

国务院令的令号带“第”字：“中华人民共和国国务院令第711号”。本规则提示省略“第”字的写法，以及把“国务院令”简写为“国令”的写法（“国令第711号”）。

## 原因

令号写法应与国务院公布文本一致，便于检索。

## 错误示例

```text
《中华人民共和国政府信息公开条例》（国务院令 711 号）
《中华人民共和国政府信息公开条例》（国令第 711 号）
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
        for m in _DECREE_STYLE.finditer(joined.text):
            good = f"国务院令第{m.group(1) or m.group(2)}号"
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
        for s in ctx.whole_sentences_with("年度报告"):
            s0, sentence = s.start, s.text
            if "第三方" in sentence:
                continue
            for m in _OLD_DUTY.finditer(sentence):
                new = "第四十九条" if "三十一" in m.group(0) else "第五十条"
                yield self.diag(
                    report, joined.span(report, s0 + m.start(), s0 + m.end()),
                    f"「{m.group(0)}」是 2007 年条例中年度报告的条号；现行《条例》规定年度报告的是{new}",
                )


RULES: list[type[Rule]] = [DocumentNumberBrackets, DecreeWithoutDi, RegulationName, FeeDocumentNumber,
                           ObsoleteFeeWording, ObsoleteDutyArticle]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
