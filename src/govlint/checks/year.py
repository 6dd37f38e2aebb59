"""Report-year rules (YR): the statistics period and sentences copied from another year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import canonical_part, clip
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.rule import Rule

_PERIOD = re.compile(
    r"统计(?:期限|时限|周期|时间段?|区间|范围|期间)[^。；0-9]{0,8}?(?:自|从)?\s*(?P<y1>(?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?12\s*月\s*31\s*日"
)
_PERIOD_LOOSE = re.compile(r"统计(?:期限|时限|周期|时间|区间|期间)|1\s*月\s*1\s*日\s*(?:起)?\s*(?:至|到)")


class StatisticsPeriod(ReportRule):
    code = "YR001"
    name = "statistics-period-year"
    summary = "统计期限的年份应与报告年度一致"
    severity = Severity.ERROR
    doc = """\
## 说明

报告通常在开头写明“本报告所列数据的统计期限为YYYY年1月1日至YYYY年12月31日”。本规则把统计期限中的年份与标题所示的报告年度比较，不一致即报告。

## 原因

统计期限与报告年度不一致，通常是沿用了上一年报告的开头；读者无法确定表中数据属于哪一年。

## 错误示例

```text
某局2024年政府信息公开工作年度报告
……所列数据统计期限为2023年1月1日至2023年12月31日。
```

## 正确示例

```text
某局2024年政府信息公开工作年度报告
……所列数据统计期限为2024年1月1日至2024年12月31日。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, joined = ctx.report, ctx.whole
        if report.year is None:
            return
        for m in _PERIOD.finditer(joined.text):
            years = {int(m.group("y1"))} | ({int(m.group("y2"))} if m.group("y2") else set())
            if years != {report.year}:
                related = [Related(report.title_span, f"标题年度 {report.year}")] if report.title_span else []
                yield self.diag(
                    report, joined.span(report, m.start(), m.end()),
                    f"统计期限「{clip(m.group(0), 50)}」与报告年度 {report.year} 不一致",
                    related,
                )


class StatisticsPeriodMissing(ReportRule):
    code = "YR002"
    name = "statistics-period-missing"
    summary = "报告应写明数据的统计期限"
    severity = Severity.WARNING
    doc = """\
## 说明

报告应在开头（或总体情况中）写明所列数据的统计期限，如“本报告所列数据的统计期限为2024年1月1日至2024年12月31日”。本规则在全文中找不到统计期限的表述时报告。只有一段片段（没有总体情况部分）的文本不检查。

## 原因

四川 DB51/T 2660—2019 等地方标准和各地通行写法都要求写明统计时间段；缺少统计期限时，表中数据的口径（自然年还是其他区间）无从判断。

## 错误示例

```text
叶县工业和信息化局 2024 年政府信息公开工作年度报告

一、总体情况
```

## 正确示例

```text
叶县工业和信息化局 2024 年政府信息公开工作年度报告

本报告所列数据的统计期限为2024年1月1日至2024年12月31日。

一、总体情况
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        first = canonical_part(report, 1)
        if first is None:
            return
        joined = ctx.whole
        if _PERIOD.search(joined.text) or _PERIOD_LOOSE.search(joined.text):
            return
        span = report.title_span or first.span
        yield self.diag(report, span, "报告未写明所列数据的统计期限（如“统计期限为YYYY年1月1日至YYYY年12月31日”）")


# A sentence whose temporal subject is another year and which reports this year's kind of facts
_LEAD_YEAR = re.compile(r"^[\s（(一二三四五六七八九十0-9、.）)]*(?P<y>(?:19|20)\d{2})\s*年度?\s*[，,]?")
_FACTS = re.compile(r"信息处理费|收费|收到|受理|新收|办结|政府信息公开申请|行政复议|行政诉讼|主动公开")
_EXCUSE = re.compile(r"同比|较|相比|比上年|去年|上年|以来|针对|整改|截至|截止|预算|决算|规划|计划|纲要|方案|届|至|到|起|年度报告")


class ProseYear(ReportRule):
    code = "YR003"
    name = "prose-year"
    summary = "正文中以其他年份为主语陈述本年情况的句子（疑为照抄上年报告）"
    severity = Severity.WARNING
    doc = """\
## 说明

报告正文中以“YYYY年，……”开头、陈述收费、申请、办结、复议诉讼或主动公开情况的句子，年份应是报告年度。本规则报告以早于报告年度的年份开头、句中没有出现报告年度的这类句子。提到以往年份的正当写法不报告：比较（同比、较上年）、整改上年问题（“针对2023年存在问题”）、期间（“自2023年以来”“截至”）、预算决算、规划计划，以及以后年份（“2025年工作计划”）。

## 原因

逐年套用模板时，最容易漏改的就是句首年份（典型如第六部分的“2022年，无收取信息处理费情况。”出现在 2023 年报告中）。

## 错误示例

```text
某局2024年政府信息公开工作年度报告
……
2023年，本机关未收取信息处理费。
```

## 正确示例

```text
某局2024年政府信息公开工作年度报告
……
2024年，本机关未收取信息处理费。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        if report.year is None:
            return
        for s in ctx.prose_sentences:
            seg, s0, sentence = s.seg, s.start, s.text
            m = _LEAD_YEAR.match(sentence)
            if not m:
                continue
            y = int(m.group("y"))
            if y >= report.year:
                continue
            if str(report.year) in sentence.replace(" ", "") or _EXCUSE.search(sentence):
                continue
            if not _FACTS.search(sentence):
                continue
            related = [Related(report.title_span, f"标题年度 {report.year}")] if report.title_span else []
            yield self.diag(
                report, seg.span(report, s0 + m.start("y"), s0 + m.end("y")),
                f"句子「{clip(sentence, 50)}」以 {y} 年陈述情况，与报告年度 {report.year} 不符（疑为沿用往年报告）",
                related,
            )


_SPAN = re.compile(
    r"统计(?:期限|时限|周期|时间段?|区间|范围|期间)[^。；0-9]{0,8}?(?:自|从)?\s*(?P<y1>(?:19|20)\d{2})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日"
    r"\s*(?:起)?\s*(?:至|到|—|－|-|~)\s*(?:(?P<y2>(?:19|20)\d{2})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)


class StatisticsPeriodShort(ReportRule):
    code = "YR004"
    name = "statistics-period-short"
    summary = "统计期限应为全年（1月1日至12月31日）"
    severity = Severity.WARNING
    needs = Needs.REPORT
    doc = doc_from_cases(
        "YR004",
        "年度报告的数据应覆盖整个报告年度：统计期限从1月1日起、到12月31日止。写成“1月1日至11月30日”等较短的期限时报告"
        "（年份与报告年度是否一致由 YR001 检查）。",
        "只统计到年中或年底前某日的数据，与其他机关的全年数据不可比，汇总时会少算。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        for m in _SPAN.finditer(ctx.whole.text):
            start = (int(m.group("m1")), int(m.group("d1")))
            end = (int(m.group("m2")), int(m.group("d2")))
            y1 = int(m.group("y1"))
            y2 = int(m.group("y2")) if m.group("y2") else y1
            if start == (1, 1) and end == (12, 31) and y1 == y2:
                continue
            if y2 > y1:  # a period over several years is another matter (YR001)
                continue
            yield self.diag(ctx.report, ctx.whole.span(ctx.report, m.start(), m.end()),
                            f"统计期限「{clip(m.group(0), 50)}」不是全年（应为{y1}年1月1日至{y1}年12月31日）")


# a reference date that moves with the reader: 截至目前, 截止到目前, 到目前为止
_OPEN_DATE = re.compile(r"(?:截至|截止)(?:到)?\s*(?:目前|现在|当前|今日|今天)|到目前为止|迄今为止")


class OpenReferenceDate(ReportRule):
    code = "YR005"
    name = "open-reference-date"
    summary = "年度报告中的时点应写明日期（“截至2024年底”），不写“截至目前”"
    severity = Severity.INFO
    needs = Needs.REPORT
    doc = doc_from_cases(
        "YR005",
        "找出正文中“截至目前”“截止到目前”“到目前为止”等不确定的时点。年度报告的数字属于报告年度，"
        "应写明截至的日期（“截至2024年底”“截至2024年12月31日”）。",
        "报告发布后长期公开，“目前”是哪一天读者无从知道，数字也无法与统计期限对照。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        for s in ctx.sentences_with("截至", "截止", "目前为止", "迄今为止"):
            for m in _OPEN_DATE.finditer(s.text):
                yield self.diag(ctx.report, s.seg.span(ctx.report, s.start + m.start(), s.start + m.end()),
                                f"「{m.group(0)}」没有写明日期：年度报告应写截至的日期（如“截至{_year(ctx)}年底”）")


def _year(ctx: Context) -> str:
    return str(ctx.report.year) if ctx.report.year else "××××"


RULES: list[type[Rule]] = [StatisticsPeriod, StatisticsPeriodMissing, ProseYear, StatisticsPeriodShort, OpenReferenceDate]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
