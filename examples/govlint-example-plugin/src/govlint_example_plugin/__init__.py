"""Example govlint plugin: one rule in its own code family (EXA)."""

from __future__ import annotations

from collections.abc import Iterator

from govlint import hookimpl
from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Report
from govlint.rule import Rule


class ProposalDisclosure(Rule):
    code = "EXA001"
    name = "proposal-disclosure"
    summary = "第六部分应报告人大代表建议和政协提案办理结果公开情况"
    severity = Severity.WARNING
    doc = """## 说明

本省要求在“六、其他需要报告的事项”中报告人大代表建议和政协提案办理结果公开情况。

## 原因

省政务公开办年度工作要点的要求（示例插件）。

## 错误示例

```text
六、其他需要报告的事项
2024年，本机关未收取信息处理费。
```

## 正确示例

```text
六、其他需要报告的事项
2024年，本机关未收取信息处理费。本年度办理人大代表建议5件、政协提案3件，办理结果均已公开。
```
"""

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.template != "report":
            return
        part6 = report.part(6)
        if part6 is None:
            return  # the missing part is reported by govlint itself
        text = part6.text
        if not ("建议" in text and "提案" in text):
            yield self.diag(report, part6.span, "第六部分没有报告人大代表建议和政协提案办理结果公开情况")


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return [ProposalDisclosure]
