"""Structure rules (ST): the six parts, their order, numbering and titles, and what parts
一, 五 and 六 must contain; the report title."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from govlint import hookimpl
from govlint.checks.common import canonical_part, clip, numeral
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Part
from govlint.rule import Rule
from govlint.text import normalise_label


@lru_cache(maxsize=1024)
def _norm(word: str) -> str:
    return normalise_label(word)


class PartOrder(ReportRule):
    code = "ST001"
    name = "part-order"
    summary = "六个部分须按一至六的顺序各出现一次"
    severity = Severity.ERROR
    doc = """\
## 说明

年度报告的六个部分（总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项）必须按规定顺序排列，每部分只出现一次。部分缺失由解析规则 PAR001 报告，本规则只检查顺序和重复。

## 原因

《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）按《条例》第五十条确定六个部分及其顺序。顺序错乱或重复的报告无法与其他机关的报告对照。

## 错误示例

```text
一、总体情况
三、收到和处理政府信息公开申请情况
二、主动公开政府信息情况
```

## 正确示例

```text
一、总体情况
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        seen: dict[int, Part] = {}
        highest: Part | None = None
        for p in report.parts:
            c = p.canonical
            if c is None:
                continue
            if c in seen:
                first = seen[c]
                yield self.diag(
                    report, p.span,
                    f"第{numeral(c)}部分「{clip(p.title)}」重复出现（第 {first.span.line} 行已有「{clip(first.title)}」）",
                    [Related(first.span, "第一次出现")],
                )
                continue
            seen[c] = p
            if highest is not None and highest.canonical is not None and c < highest.canonical:
                yield self.diag(
                    report, p.span,
                    f"第{numeral(c)}部分「{clip(p.title)}」出现在第{numeral(highest.canonical)}部分"
                    f"「{clip(highest.title)}」（第 {highest.span.line} 行）之后，顺序应为一至六",
                    [Related(highest.span, f"第{numeral(highest.canonical)}部分")],
                )
            elif highest is None or (highest.canonical is not None and c > highest.canonical):
                highest = p


class PartNumber(ReportRule):
    code = "ST002"
    name = "part-number"
    summary = "部分标题的序号须与其内容对应（如“其他需要报告的事项”应为“六、”）"
    severity = Severity.ERROR
    doc = """\
## 说明

每个部分标题前的序号必须是该部分在规定格式中的序号：总体情况为“一、”，主动公开政府信息情况为“二、”……其他需要报告的事项为“六、”。本规则按标题文字判断是哪一部分，再比较所印序号。

## 原因

六个部分的序号由年度报告格式固定（国办公开办函〔2021〕30号）。序号与内容不符，多因删改章节后未重新编号，或把总体情况的子标题编成了“二、三、四”，使后面各部分序号全部错位。

## 错误示例

```text
五、存在的主要问题及改进情况
五、其他需要报告的事项
```

## 正确示例

```text
五、存在的主要问题及改进情况
六、其他需要报告的事项
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        for p in report.parts:
            c = p.canonical
            if c is None or p.index == c:
                continue
            yield self.diag(
                report, p.span,
                f"「{p.number}、{clip(p.title)}」是第{numeral(c)}部分，序号应为「{numeral(c)}、」，实际为「{p.number}、」",
            )


class ExtraPartHeading(ReportRule):
    code = "ST003"
    name = "extra-part-heading"
    summary = "不属于六个部分的标题不应使用“一、二、三”式部分序号（含重复的序号）"
    severity = Severity.WARNING
    doc = """\
## 说明

只有规定的六个部分使用“一、”至“六、”的序号。本规则报告以部分序号开头、但不是六个部分标题的行：例如把总体情况的子标题编成“二、工作机制保障”，或在“六、其他需要报告的事项”下把正文又编号为“六、……”，造成序号重复。

## 原因

年度报告格式规定总体情况的子项用“（一）（二）……”编号。多出的部分序号使报告看起来有七个以上部分，读者和自动比对都会误读结构。

## 错误示例

```text
六、其他需要报告的事项

六、按照《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。
```

## 正确示例

```text
六、其他需要报告的事项

按照《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        parts = report.parts
        i = 0
        while i < len(parts):
            p = parts[i]
            if p.canonical is not None:
                i += 1
                continue
            run = [p]
            while i + len(run) < len(parts) and parts[i + len(run)].canonical is None:
                run.append(parts[i + len(run)])
            prev = next((q for q in reversed(parts[:i]) if q.canonical is not None), None)
            names = "、".join(f"「{q.number}、{clip(q.title, 20)}」" for q in run)
            same = next((q for q in parts[:i] if q.number == p.number), None)
            if len(run) == 1 and same is not None:
                msg = (f"序号「{p.number}、」重复：第 {same.span.line} 行已有「{same.number}、{clip(same.title, 20)}」；"
                       f"{names}不是部分标题，应去掉序号或改用下一级序号")
                related = [Related(same.span, "已使用该序号的部分")]
            else:
                where = f"（位于「{prev.number}、{clip(prev.title, 20)}」之下）" if prev is not None else ""
                sub = "；总体情况的子项应编为“（一）（二）…”" if prev is not None and prev.canonical == 1 else ""
                msg = f"{names}使用了部分序号，但不是规定的六个部分之一{where}{sub}"
                related = [Related(q.span, f"「{q.number}、{clip(q.title, 20)}」") for q in run[1:]]
            yield self.diag(report, p.span, msg, related)
            i += len(run)


class PartTitle(ReportRule):
    code = "ST004"
    name = "part-title"
    summary = "部分标题应与规定标题（或公认的变体）一致"
    severity = Severity.WARNING
    doc = """\
## 说明

六个部分的标题应使用年度报告格式中的文字；govlint 收录的公认变体（如沿用《条例》第五十条的措辞“政府信息公开工作存在的主要问题及改进情况”）也接受。本规则报告能认出是哪一部分、但文字有出入的标题（错别字、漏字、多字），并给出应有的标题。

## 原因

标题文字是读者和检索工具定位各部分的依据。“行政法复议”一类错字说明标题是手工改过的，也容易带来其他错误。

## 错误示例

```text
四、政府信息公开行政法复议、行政诉讼情况
```

## 正确示例

```text
四、政府信息公开行政复议、行政诉讼情况
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        specs = {s.number: s for s in prof.parts}
        for p in report.parts:
            if p.canonical is None or p.canonical not in specs:
                continue
            spec = specs[p.canonical]
            got = normalise_label(p.title)
            accepted = [_norm(t) for t in (spec.title, *spec.variants)]
            # a heading fused with the first words of its body (one-line web scrapes) is fine
            if any(got == a or got.startswith(a) for a in accepted):
                continue
            yield self.diag(
                report, p.span,
                f"第{numeral(p.canonical)}部分标题应为「{spec.title}」，实际为「{clip(p.title)}」",
            )


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
            if not any(_norm(w) and _norm(w) in body for w in words):
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
        title = normalise_label(part.title)
        if prof is not None:
            for spec in prof.parts:
                if spec.number == 6:
                    for t in sorted((spec.title, *spec.variants), key=len, reverse=True):
                        if title.startswith(_norm(t)):
                            title = title[len(_norm(t)):]
                            break
        if not re.search(r"[\u4e00-\u9fff]", body + title):
            yield self.diag(report, part.span, "第六部分“其他需要报告的事项”只有标题，没有内容")


_TITLE_PHRASE = "政府信息公开工作年度报告"
_YEAR_IN_TITLE = re.compile(r"(?:19|20)\d{2}\s*年度?")


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


RULES: list[type[Rule]] = [PartOrder, PartNumber, ExtraPartHeading, PartTitle, OverviewTopics,
                           ProblemsAndImprovements, PartSixEmpty, ReportTitle]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
