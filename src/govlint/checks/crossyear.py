"""Cross-year rules (CY): reports of the same body for consecutive years, checked together.

Set-level rules over the per-report facts (:mod:`govlint.facts`): the engine groups the reports
of a run by reporting body (the name in the title before the year) and calls
:meth:`Rule.check_facts` once per body — lint a folder holding several years of one office's
reports, or sweep a whole collection, to use them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from govlint import hookimpl
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.facts import Facts, body_of
from govlint.model import Report
from govlint.profile import get_profile
from govlint.rule import Rule


def agency_of(report: Report) -> str | None:
    """The reporting body as named in the title, before the year (spaces dropped)."""
    return body_of(report.title)


def by_year(group: Sequence[Facts]) -> dict[int, Facts]:
    """One body's reports by year (a year appearing twice: the first by path)."""
    out: dict[int, Facts] = {}
    for f in group:
        if f.year is not None:
            out.setdefault(f.year, f)
    return out


def consecutive(group: Sequence[Facts]) -> Iterator[tuple[Facts, Facts]]:
    """(last year's, this year's) facts for every pair of consecutive years in the group."""
    years = by_year(group)
    for year, cur in sorted(years.items()):
        prev = years.get(year - 1)
        if prev is not None:
            yield prev, cur


def column_labels(facts: Facts, table: str) -> dict[str, str]:
    try:
        spec = get_profile(facts.profile).table(table)
    except KeyError:
        return {}
    return dict(zip(spec.column_keys, spec.columns))


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

    def check_facts(self, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        for prev, cur in consecutive(group):
            yield from self._pair(prev, cur)

    def _pair(self, prev: Facts, cur: Facts) -> Iterator[Diagnostic]:
        t_prev, t_cur = prev.tables.get("三"), cur.tables.get("三")
        if t_prev is None or t_cur is None:
            return
        out_row, in_row = t_prev.rows.get("R4"), t_cur.rows.get("R2")
        if out_row is None or in_row is None or not out_row.complete or not in_row.complete:
            return
        names = column_labels(cur, "三")
        differing = []
        related: list[Related] = []
        for col, c_in in in_row.cells.items():
            c_out = out_row.cells.get(col)
            if c_out is None or c_in.value is None or c_out.value is None or c_in.value == c_out.value:
                continue
            differing.append(f"{names.get(col, col)} {c_in.value}≠{c_out.value}")
            if c_out.span is not None:
                related.append(Related(c_out.span, f"{prev.year} 年报告「四、结转下年度继续办理」"
                                                    f"{names.get(col, col)} = {c_out.value}", prev.path))
        if differing and in_row.span is not None:
            yield self.diag(
                cur, in_row.span,
                f"{cur.year} 年表三「二、上年结转政府信息公开申请数量」与 {prev.year} 年报告（{prev.path}）"
                f"「四、结转下年度继续办理」不一致：" + "；".join(differing),
                related,
            )


def _stock(facts: Facts, row_key: str) -> tuple[int, int, int] | None:
    """(made, repealed, valid) of a 表二 row of the 2021 format, when all three are read."""
    table = facts.tables.get("二")
    row = table.rows.get(row_key) if table is not None else None
    if row is None or not row.complete:
        return None
    vals = [facts.value("二", row_key, c) for c in ("made", "repealed", "valid")]
    if not all(isinstance(v, int) for v in vals):
        return None
    return vals[0], vals[1], vals[2]  # type: ignore[return-value]


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

    def check_facts(self, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        for prev, cur in consecutive(group):
            for key, label in _STOCK_ROWS.items():
                before, now = _stock(prev, key), _stock(cur, key)
                if before is None or now is None:
                    continue
                made, repealed, _ = now
                if repealed <= before[2] + made:
                    continue
                cell = cur.cell("二", key, "repealed")
                if cell is None or cell.span is None:
                    continue
                prev_cell = prev.cell("二", key, "valid")
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
