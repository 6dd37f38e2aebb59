"""Structure rules (ST001–ST004, ST010): the six parts, their order, numbering and titles (what the
parts must contain and the report title: :mod:`govlint.checks.contents`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.common import clip, numeral
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Part
from govlint.rule import Rule
from govlint.text import normalise_label


@lru_cache(maxsize=1024)
def normalised(word: str) -> str:
    """normalise_label of a profile's word (a title, a keyword) or a part's title: the same few
    words every report."""
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
            # (numbered 1. 2.: ST010, once; no number: a heading whose number the text prints apart)
            if c is None or p.index == c or p.number.isdigit() or not p.number:
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
            got = normalised(p.title)
            accepted = [normalised(t) for t in (spec.title, *spec.variants)]
            # a heading fused with the first words of its body (one-line web scrapes) is fine
            if any(got == a or got.startswith(a) for a in accepted):
                continue
            yield self.diag(
                report, p.span,
                f"第{numeral(p.canonical)}部分标题应为「{spec.title}」，实际为「{clip(p.title)}」",
            )


class PartNumberForm(ReportRule):
    code = "ST010"
    name = "part-number-form"
    summary = "部分标题应使用汉字序号“一、二、……六、”：不用阿拉伯数字“1. 2.”，也不缺序号"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "ST010",
        "六个部分标题的序号应是汉字“一、”至“六、”。用阿拉伯数字编号的部分标题（“1.总体情况”“2、主动公开政府信息情况”）"
        "仍按标题文字认定是哪一部分，但报告一次，列出所有这样编号的标题（数字与部分不符的也一并在此报告，不再按 ST002 报错）。"
        "网页版常见这种情况：由 Word 或 WPS 另存为网页时，自动编号的“一、”变成了网页列表的“1.”（浏览器显示的就是“1.”），"
        "表格之后的列表还可能从 1 重新编号。只有标题文字、没有序号的部分标题（如单独一行的“存在的主要问题及改进情况”）也按该部分读取，"
        "并报告缺少序号；但文本中别处单独一行印有该部分的序号（如“四、”）时不报告：这是提取工具把 Word 的自动编号与标题分开印出了。"
        "所有部分标题都没有序号时只报告一次：Word 的自动编号不是文字，python-docx 读出的段落、把编号显示为网页列表的页面的抓取文本都不含编号。",
        "年度报告格式规定的标题是“一、总体情况”等；阿拉伯数字序号是下一级条目的写法，读者会误以为缺少部分标题。"
        "若 Word 原稿是正确的，应检查发布的网页或 PDF 是否保留了原来的编号。",
    )

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report

        def printed(p: Part, width: int) -> str:
            return clip(report.text[p.span.start:p.span.end].strip(), width)

        canonical = [p for p in report.parts if p.canonical is not None]
        bare = [p for p in canonical if not p.number and not _lone_numeral(report.text, p.canonical or 0)]
        if len(bare) >= 2 and len(bare) == len(canonical):
            # no heading has a number: Word list numbers that the text does not hold (python-docx,
            # the scrape of a page that prints them as a list) — or a report typed so: said once
            first = bare[0]
            yield self.diag(
                report, first.span,
                f"{len(bare)} 个部分标题都没有序号（「{printed(first, 12)}」等），应为「{numeral(first.canonical or 1)}、"
                f"{clip(first.title, 16)}」等；若原稿用的是 Word 自动编号，转换成文本时编号会丢失，请核对发布的文件",
                [Related(p.span, f"「{printed(p, 20)}」应为「{numeral(p.canonical or p.index)}、{clip(p.title, 16)}」")
                 for p in bare[1:]])
            bare = []
        for p in bare:
            # a heading read from its title alone: its number missing, unless the text prints that
            # number on a line of its own elsewhere (pdftotext sets a Word list number apart)
            yield self.diag(report, p.span, f"部分标题「{printed(p, 20)}」缺少序号，应为"
                            f"「{numeral(p.canonical or p.index)}、{clip(p.title, 16)}」")
        arabic = [p for p in report.parts if p.number.isdigit() and p.canonical is not None]
        if not arabic:
            return
        first, rest = arabic[0], arabic[1:]

        shown = "、".join(f"「{printed(p, 12)}」" for p in arabic[:3]) + ("等" if len(arabic) > 3 else "")
        wrong = [p for p in arabic if p.index != p.canonical]
        order = f"，其中 {len(wrong)} 个的序号与部分也不符" if wrong else ""
        yield self.diag(
            report, first.span,
            f"{len(arabic)} 个部分标题使用阿拉伯数字序号（{shown}）{order}，格式规定为汉字序号"
            f"「{numeral(first.canonical or first.index)}、」等",
            [Related(p.span, f"「{printed(p, 20)}」应为「{numeral(p.canonical or p.index)}、{clip(p.title, 16)}」")
             for p in rest],
        )


def _lone_numeral(text: str, part: int) -> bool:
    return re.search(rf"(?m)^[ \t\u3000]*{numeral(part)}[ \t\u3000]*[、，,.．][ \t\u3000]*$", text) is not None


RULES: list[type[Rule]] = [PartOrder, PartNumber, ExtraPartHeading, PartTitle, PartNumberForm]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
