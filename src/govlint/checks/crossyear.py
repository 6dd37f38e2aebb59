"""Cross-year rules (CY): reports of the same body for consecutive years, checked together.

These rules use :meth:`Rule.check_reports`, which the engine calls once per run with every
report it parsed: lint a folder holding several years of one office's reports to use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from govlint import hookimpl
from govlint.checks.common import applies
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Report
from govlint.rule import Rule

_AGENCY = re.compile(r"^(.+?)(?:20[0-9]{2})")


def agency_of(report: Report) -> str | None:
    """The reporting body as named in the title, before the year (spaces dropped)."""
    m = _AGENCY.match(report.title.replace(" ", "").replace("\u3000", ""))
    return m.group(1) if m and len(m.group(1)) >= 2 else None


def series(reports: Sequence[Report]) -> dict[str, dict[int, Report]]:
    """Reports grouped by body and year (a body's report appearing twice for a year: the first)."""
    out: dict[str, dict[int, Report]] = {}
    for r in reports:
        if not applies(r) or r.year is None:
            continue
        agency = agency_of(r)
        if agency is not None:
            out.setdefault(agency, {}).setdefault(r.year, r)
    return out


class CarryOverContinuity(Rule):
    code = "CY001"
    name = "carry-over-continuity"
    summary = "本年“上年结转”应等于上一年度报告的“结转下年度继续办理”"
    severity = Severity.WARNING
    doc = """\
## 说明

同一机关相邻两年的报告一起检查时（例如对存放多年报告的目录运行 govlint），本年表三“二、上年结转政府信息公开申请数量”
每一列应等于上一年度报告表三“四、结转下年度继续办理”的同一列。机关按标题中年份之前的名称识别。

## 原因

上一年结转的申请就是本年接续办理的申请，两处数字不一致说明其中一份报告填报有误（规范依据为表格逻辑推导，
未见明文，故为警告）。

## 错误示例

```text
（2023 年报告）四、结转下年度继续办理	1	0	0	0	0	0	1
（2024 年报告）二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
```

## 正确示例

```text
（2023 年报告）四、结转下年度继续办理	1	0	0	0	0	0	1
（2024 年报告）二、上年结转政府信息公开申请数量	1	0	0	0	0	0	1
```
"""

    def check_reports(self, reports: Sequence[Report]) -> Iterator[Diagnostic]:
        for years in series(reports).values():
            for year, cur in sorted(years.items()):
                prev = years.get(year - 1)
                if prev is not None:
                    yield from self._pair(prev, cur)

    def _pair(self, prev: Report, cur: Report) -> Iterator[Diagnostic]:
        t_prev, t_cur = prev.tables.get("三"), cur.tables.get("三")
        if t_prev is None or t_cur is None:
            return
        out_row, in_row = t_prev.row("R4"), t_cur.row("R2")
        if out_row is None or in_row is None or not out_row.complete or not in_row.complete:
            return
        names = dict(zip(t_cur.columns, ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")))
        differing = []
        related: list[Related] = []
        for c_in in in_row.cells:
            c_out = out_row.cell(c_in.column)
            if c_out is None or c_in.value is None or c_out.value is None or c_in.value == c_out.value:
                continue
            differing.append(f"{names.get(c_in.column, c_in.column)} {c_in.value}≠{c_out.value}")
            if c_out.span is not None:
                related.append(Related(c_out.span, f"{prev.year} 年报告「四、结转下年度继续办理」"
                                                    f"{names.get(c_in.column, c_in.column)} = {c_out.value}", prev.path))
        if differing and in_row.span is not None:
            yield self.diag(
                cur, in_row.span,
                f"{cur.year} 年表三「二、上年结转政府信息公开申请数量」与 {prev.year} 年报告（{prev.path}）"
                f"「四、结转下年度继续办理」不一致：" + "；".join(differing),
                related,
            )


def _stock(report: Report, row_key: str) -> tuple[int, int, int] | None:
    """(made, repealed, valid) of a 表二 row of the 2021 format, when all three are read."""
    table = report.tables.get("二")
    row = table.row(row_key) if table is not None else None
    if row is None or not row.complete:
        return None
    vals = {c.column: c.value for c in row.cells}
    made, repealed, valid = vals.get("made"), vals.get("repealed"), vals.get("valid")
    if not all(isinstance(v, int) for v in (made, repealed, valid)):
        return None
    return made, repealed, valid  # type: ignore[return-value]


_STOCK_ROWS = {"reg": "规章", "norm": "行政规范性文件"}


class StockContinuity(Rule):
    code = "CY002"
    name = "stock-continuity"
    summary = "本年废止件数不应超过上年现行有效件数加本年制发件数"
    severity = Severity.WARNING
    doc = """## 说明

同一机关相邻两年的报告一起检查时，表二“规章”“行政规范性文件”的本年废止件数不应超过上一年度的现行有效件数加本年制发件数——废止的文件必须先存在。
本规则只比较“本年制发件数 / 本年废止件数 / 现行有效件数”三列（2021 年格式）。现行有效件数本身不要求严格等于“上年现行有效 + 本年制发 − 本年废止”：文件自然失效、清理后重新统计都会使它不相等。

## 原因

废止件数大于可废止的文件数，说明某一年的数字填错（规范依据为表格逻辑推导，故为警告）。

## 错误示例

```text
（2023 年报告）行政规范性文件	1	0	3
（2024 年报告）行政规范性文件	1	12	0
```

## 正确示例

```text
（2023 年报告）行政规范性文件	1	0	3
（2024 年报告）行政规范性文件	1	4	0
```
"""

    def check_reports(self, reports: Sequence[Report]) -> Iterator[Diagnostic]:
        for years in series(reports).values():
            for year, cur in sorted(years.items()):
                prev = years.get(year - 1)
                if prev is None:
                    continue
                for key, label in _STOCK_ROWS.items():
                    before, now = _stock(prev, key), _stock(cur, key)
                    if before is None or now is None:
                        continue
                    made, repealed, _ = now
                    if repealed > before[2] + made:
                        row = cur.tables["二"].row(key)
                        cell = row.cell("repealed") if row is not None else None
                        if cell is None or cell.span is None:
                            continue
                        prev_row = prev.tables["二"].row(key)
                        prev_cell = prev_row.cell("valid") if prev_row is not None else None
                        related = [Related(prev_cell.span, f"{prev.year} 年现行有效件数 = {before[2]}", prev.path)] \
                            if prev_cell is not None and prev_cell.span is not None else []
                        yield self.diag(
                            cur, cell.span,
                            f"{cur.year} 年表二「{label}」本年废止 {repealed} 件，超过上年现行有效 {before[2]} 件"
                            f"（{prev.path}）加本年制发 {made} 件之和 {before[2] + made}",
                            related,
                        )


RULES: list[type[Rule]] = [CarryOverContinuity, StockContinuity]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
