"""Fee rules (FEE): the 信息处理费 statement in part 六 and the fee's name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from govlint import hookimpl
from govlint.checks.arithmetic import cell_label
from govlint.checks.cases import doc_from_cases
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.profile import CellRef
from govlint.rule import Rule

# a sentence about the fee: charged, not charged, none arising
_FEE_STATEMENT = re.compile(r"处理费|收费|收取[^。；]{0,12}费用?")
_NO_NOTICE = re.compile(r"(?:未|没有|无)(?:发出|发放|下发|出具|寄送|送达|发送)?[^。；，,]{0,16}?收费通知")


class FeeStatement(ReportRule):
    code = "FEE001"
    name = "fee-statement"
    summary = "第六部分须说明是否收取信息处理费"
    severity = Severity.WARNING
    doc = """\
## 说明

2021 年及以后年度的报告，第六部分“其他需要报告的事项”须说明本年度是否收取政府信息公开信息处理费（按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）），收取的写明件数和金额，未收取的明确写“未收取信息处理费”。本规则接受任何提到处理费或收费情况的表述（包括“未发生政府信息公开收费事项”）。

默认级别为警告：2021 年以后的报告普遍在第六部分说明收费情况，但年度报告格式没有逐字规定这段说明的写法。所在地区明确要求的，可在配置中把本规则设为 error。

## 原因

《条例》第四十二条允许对超出合理范围的申请收取信息处理费，国办函〔2020〕109号规定了收费办法；年度报告是公众了解收费情况的唯一渠道。

## 错误示例

```text
六、其他需要报告的事项
无。
```

## 正确示例

```text
六、其他需要报告的事项
本机关2024年度未收取政府信息公开信息处理费。
```
"""

    needs = Needs.FORMAT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        if not prof.references.get("fee_statement_required"):
            return
        part = ctx.part(6)
        if part is None:
            return  # a missing part is reported by the parse rules
        body = part.title + ctx.body_text(6)
        if _FEE_STATEMENT.search(body):
            return
        fee_doc = str(prof.references.get("fee_document", "") or "")
        yield self.diag(
            report, part.span,
            f"第六部分未说明信息处理费收取情况（应写明是否按{fee_doc or '信息处理费管理办法'}收取信息处理费及件数、金额，"
            "未收取的写明“未收取信息处理费”）",
        )


class FeeNoticeContradiction(ReportRule):
    code = "FEE002"
    name = "fee-notice-contradiction"
    summary = "第六部分称未发出收费通知，但表三统计有逾期未缴费的申请"
    severity = Severity.WARNING
    doc = """\
## 说明

表三“（六）其他处理”第 2 项“申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”大于 0，说明本年度发出过收费通知。第六部分若写“未发出收费通知”，两者矛盾。

## 原因

收费通知在先，逾期未缴费才会被记入该行；一方数字或表述有误。

## 错误示例

```text
六、其他需要报告的事项
本机关2024年未发出政府信息处理费收费通知，未收取信息处理费。
（表三（六）2 总计为 2）
```

## 正确示例

```text
六、其他需要报告的事项
本机关2024年发出信息处理费收费通知2件，申请人均未在期限内缴费，未实际收取信息处理费。
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        if ctx.part(6) is None:
            return
        ref = CellRef("三", "R3f2", "tot")
        pv = ctx.present(ref)
        if pv is None or pv[0] <= 0:
            return
        joined = ctx.body(6)
        assert joined is not None  # the part is there
        m = _NO_NOTICE.search(joined.text)
        if not m:
            return
        yield self.diag(
            report, joined.span(report, m.start(), m.end()),
            f"第六部分称「{m.group(0)}」，但{cell_label(prof, ref)}为 {pv[0]}（第 {pv[1].line} 行），说明发出过收费通知",
            [Related(pv[1], f"{cell_label(prof, ref)} = {pv[0]}")],
        )


# plain alternatives (no leading optional group) let the regex engine skip to their first characters
_WRONG_FEE_NAME = re.compile(r"政府信息公开处理费|信息公开处理费|依申请公开处理费")


class FeeName(ReportRule):
    code = "FEE003"
    name = "fee-name"
    summary = "收费名称应为“信息处理费”"
    severity = Severity.WARNING
    doc = """\
## 说明

《条例》第四十二条和国办函〔2020〕109号使用的名称是“信息处理费”，办法全称《政府信息公开信息处理费管理办法》。“信息公开处理费”“政府信息公开处理费”等写法不是法定名称。

## 原因

收费名称写错，读者无法确认所说的是否就是按国办函〔2020〕109号收取的费用；办法名称写错也使引用失准。

## 错误示例

```text
2025 年度本机关未收取信息公开处理费。
```

## 正确示例

```text
2025 年度本机关未收取信息处理费。
```
"""

    needs = Needs.REPORT

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, joined = ctx.report, ctx.whole
        if "处理费" not in joined.text:
            return  # every wrong name ends in 处理费
        for m in _WRONG_FEE_NAME.finditer(joined.text):
            span = joined.span(report, m.start(), m.end())
            if joined.text.startswith("管理办法", m.end()):
                yield self.diag(report, span, f"办法名称「{m.group(0)}管理办法」有误，应为「政府信息公开信息处理费管理办法」")
            else:
                yield self.diag(report, span, f"收费名称「{m.group(0)}」不规范，应为「信息处理费」")


_NOTICE_WORDS = re.compile(r"收费通知|缴费通知|缴纳|缴费|逾期")
# fees actually collected (then notices were sent, and the statement covers them)
_COLLECTED = re.compile(r"(?<!未)(?<!没有)收取[^。；]{0,24}?[1-9]\d*(?:\.\d+)?\s*(?:万元|元)")


class FeeNoticeSilent(ReportRule):
    code = "FEE004"
    name = "fee-notice-silent"
    summary = "表三有逾期未按收费通知缴费的申请时，第六部分应说明收费通知情况"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "FEE004",
        "表三“（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用”大于 0，说明本年发出过信息处理费收费通知；"
        "第六部分却只字未提收费通知或缴费（例如只写“本年度未收取信息处理费”）时报告。写明实际收取了多少费用的"
        "（说明发过通知）不报告；明说没有发出收费通知的，由 FEE002 报告。",
        "发出收费通知而申请人未缴费，是收费情况的一部分；只写未收费，读者会以为没有发生过收费。"
        "（年度报告格式没有逐字规定第六部分收费说明的写法，故为警告。）",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        region = ctx.region(6)
        if region is None:
            return
        ref = CellRef("三", "R3f2", "tot")
        pv = ctx.present(ref)
        if pv is None or pv[0] <= 0:
            return
        body = ctx.body(6)
        if body is None or _NOTICE_WORDS.search(body.text) or _COLLECTED.search(body.text):
            return
        yield self.diag(report, region[0].span,
                        f"{cell_label(prof, ref)}为 {pv[0]}（发出过收费通知），第六部分却没有说明收费通知和缴费情况",
                        [Related(pv[1], f"{cell_label(prof, ref)} = {pv[0]}")])


# a unit written right after a cell's number (the reader takes 125000元 as the number 125000)
_UNIT_AFTER = re.compile(r"[ \t\u3000]*(万元|元)")


class FeeAmountUnit(ReportRule):
    code = "FEE005"
    name = "fee-amount-unit"
    summary = "表二收费金额的单位是万元：单元格写成“元”的金额多了一万倍"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "FEE005",
        "2021 年格式表二第二十条第（八）项的表头是“本年收费金额（单位：万元）”。单元格里的金额写成“125000元”时，"
        "读作 125000 万元，是实际金额的一万倍；应折算为万元（12.5），不写单位。金额为 0 的不报告。"
        "金额的单位由格式数据（rules/format-2021.toml 的 money_unit）给出；2019 年格式的表头没有单位，不检查。",
        "收费金额按万元统计、按地区汇总；写成元的金额会让汇总数大出几个数量级，读者也无从判断哪一个是真实金额。"
        "（单元格里的“元”也可能只是多写的字，故为警告。）",
    )

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        for tid, rspec, row in ctx.found_rows():
            if not rspec.money_unit:
                continue
            for cell in row.cells:
                if cell.column not in rspec.money_columns or cell.span is None or not cell.value:
                    continue
                unit = _UNIT_AFTER.match(report.text, cell.span.end)
                if unit is None or unit.group(1) == rspec.money_unit:
                    continue
                written = report.text[cell.span.start:unit.end()]
                label = cell_label(prof, CellRef(tid, rspec.key, cell.column))
                yield self.diag(
                    report, cell.span._replace(end=unit.end(), end_column=cell.span.end_column + len(unit.group(0))),
                    f"{label}写作「{written}」，与表头的单位{rspec.money_unit}不符：{cell.value} {unit.group(1)}"
                    f"应填 {_in_wan(cell.value)}（不写单位）；若金额本以{rspec.money_unit}计，删去「{unit.group(1)}」字")


def _in_wan(value: object) -> str:
    """An amount in 元 as 万元, without trailing zeros (125000 → 12.5)."""
    amount = Decimal(str(value)) / 10000
    return format(amount.normalize(), "f")


RULES: list[type[Rule]] = [FeeStatement, FeeNoticeContradiction, FeeName, FeeNoticeSilent, FeeAmountUnit]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
