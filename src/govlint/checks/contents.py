"""Content rules (ST005–ST008): what parts 一, 五 and 六 must say (the overview's five topics,
problems and improvements, a part 六 that is not empty) and the report title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.common import canonical_part, clip
from govlint.checks.context import Context, Needs, ReportRule
from govlint.checks.structure import normalised
from govlint.diagnostic import Diagnostic, Severity
from govlint.rule import Rule
from govlint.text import normalise_label


class OverviewTopics(ReportRule):
    code = "ST005"
    name = "overview-topics"
    summary = "总体情况应涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障五方面"
    severity = Severity.WARNING
    doc = """\
## 说明

第一部分“总体情况”应综述五方面工作：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障。本规则在总体情况（含其子标题和正文）中查找各方面的关键词，报告完全没有提到的方面。

## 原因

国办公开办函〔2021〕30号对“总体情况”的要求：“主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障……等方面内容”。

## 错误示例

```text
一、总体情况
（一）主动公开。……
（二）依申请公开。……
```

## 正确示例

```text
一、总体情况
（一）主动公开。……
（二）依申请公开。……
（三）政府信息管理。……
（四）政府信息公开平台建设。……
（五）监督保障。……
```
"""

    needs = Needs.FORMAT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        region = ctx.region(1)
        if region is None or not prof.overview_topics:
            return
        part, start, end = region
        body = normalise_label(report.text[start:end])
        missing = []
        for topic in prof.overview_topics:
            words: list[str] = [str(w) for w in topic.get("keywords", ())] + [str(topic.get("title", ""))]
            if not any(normalised(w) and normalised(w) in body for w in words):
                missing.append(str(topic.get("title", topic.get("key", ""))))
        if missing:
            yield self.diag(
                report, part.span,
                f"总体情况未涉及：{'、'.join(missing)}（应涵盖"
                f"{'、'.join(str(t.get('title', '')) for t in prof.overview_topics)}）",
            )


_PROBLEM = re.compile(r"问题|不足|差距|短板|薄弱|欠缺|有待|不够|不到位|不高|滞后|不及时|不全面|困难")
_IMPROVE = re.compile(r"改进|整改|下一步|措施|今后|将(?:进一步|继续|持续|加强|不断|着力|重点)|加强|加大|提升|提高|完善|强化|推进")


class ProblemsAndImprovements(ReportRule):
    code = "ST006"
    name = "problems-and-improvements"
    summary = "第五部分应既写存在的问题，也写改进情况"
    severity = Severity.WARNING
    doc = """\
## 说明

第五部分“存在的主要问题及改进情况”须同时写明存在的问题和改进措施（或改进情况）。本规则查找表示问题的词（问题、不足、差距、有待……）和表示改进的词（改进、整改、下一步、加强、提升……），缺少其中一类即报告。

## 原因

《条例》第五十条第（四）项要求报告“政府信息公开工作存在的主要问题及改进情况”，两者缺一不可。

## 错误示例

```text
五、存在的主要问题及改进情况
我局政务公开工作取得了一定成绩。
```

## 正确示例

```text
五、存在的主要问题及改进情况
存在问题：部分栏目更新不及时。改进情况：下一步将建立栏目巡查制度，每月检查一次。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        part = ctx.part(5)
        if part is None:
            return
        body = ctx.body_text(5)
        lacking = []
        if not _PROBLEM.search(body):
            lacking.append("存在的问题")
        if not _IMPROVE.search(body):
            lacking.append("改进情况")
        if lacking:
            yield self.diag(report, part.span, f"第五部分未写{'和'.join(lacking)}")


class PartSixEmpty(ReportRule):
    code = "ST007"
    name = "part-six-empty"
    summary = "第六部分“其他需要报告的事项”不应为空"
    severity = Severity.WARNING
    doc = """\
## 说明

第六部分不能只有标题。没有其他事项时也应写明，并且自 2021 年格式起须说明信息处理费收取情况（见 FEE001）。

## 原因

《条例》第五十条第（五）项“其他需要报告的事项”是法定内容；空着的部分让读者无法判断是遗漏还是确无事项。

## 错误示例

```text
六、其他需要报告的事项
```

## 正确示例

```text
六、其他需要报告的事项
本机关2024年未收取信息处理费，无其他需要报告的事项。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        region = ctx.region(6)
        if region is None:
            return
        part, start, end = region
        body = report.text[start:end]
        # one-line scrapes fuse the heading with its first words: those count as content
        prof = ctx.profile
        title = normalised(part.title)
        if prof is not None:
            for spec in prof.parts:
                if spec.number == 6:
                    for t in sorted((spec.title, *spec.variants), key=len, reverse=True):
                        if title.startswith(normalised(t)):
                            title = title[len(normalised(t)):]
                            break
        if not re.search(r"[\u4e00-\u9fff]", body + title):
            yield self.diag(report, part.span, "第六部分“其他需要报告的事项”只有标题，没有内容")


_TITLE_PHRASE = "政府信息公开工作年度报告"
_YEAR_IN_TITLE = re.compile(r"(?:[1１][9９]|[2２][0０])\d{2}\s*年度?")  # (\d: full-width digits too)


class ReportTitle(ReportRule):
    code = "ST008"
    name = "report-title"
    summary = "标题应写明机关名称、年度和“政府信息公开工作年度报告”"
    severity = Severity.INFO
    doc = """\
## 说明

报告标题的通行写法是“{机关名称}{年份}年政府信息公开工作年度报告”（也作“{年份}年度”）。本规则检查标题是否存在、是否写明年份和机关名称，以及是否使用“政府信息公开工作年度报告”这一名称。缺少标题或年份时以警告报告，其余为提示。

## 原因

标题是识别报告主体和年度的唯一依据；“政务信息公开年度报告”“信息公开工作报告”等写法与法定名称（《条例》第四十九条、第五十条“政府信息公开工作年度报告”）不一致。

## 错误示例

```text
锡盟商务局2021年政府信息公开工作报告
```

## 正确示例

```text
锡盟商务局2021年政府信息公开工作年度报告
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        if not report.title or report.title_span is None:
            if canonical_part(report, 1) is not None:  # a fragment without its opening says nothing here
                first = report.parts[0].span if report.parts else ctx.index.span(0, 0)
                yield self.diag(report, first, "未找到报告标题（应为“{机关名称}{年份}年政府信息公开工作年度报告”）",
                                severity=Severity.WARNING)
            return
        title = re.sub(r"\s+", "", report.title)
        span = report.title_span
        if not _YEAR_IN_TITLE.search(title):
            yield self.diag(report, span, f"标题「{clip(title)}」未写明年度", severity=Severity.WARNING)
        if _TITLE_PHRASE not in title:
            yield self.diag(report, span, f"标题「{clip(title)}」未使用“{_TITLE_PHRASE}”的名称")
        rest = _YEAR_IN_TITLE.sub("", title).replace(_TITLE_PHRASE, "")
        rest = re.sub(r"政务信息公开|信息公开|年度报告|工作报告|报告", "", rest)
        if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 2:
            yield self.diag(report, span, f"标题「{clip(title)}」未写明报告机关名称")


RULES: list[type[Rule]] = [OverviewTopics, ProblemsAndImprovements, PartSixEmpty, ReportTitle]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
