"""表二 stock continuity across years of one body (CY011, set-level): last year's 现行有效 plus this
year's 制发 minus this year's 废止 is this year's 现行有效.  Where a row's digits are fused and
could be split several ways, every candidate split is tried: a warning only when none fits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import product
from typing import Any

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.crossyear import consecutive
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.facts import Facts
from govlint.model import Report, Span
from govlint.rule import Rule

_ROWS = {"reg": "规章", "norm": "行政规范性文件"}
_COLS = ("made", "repealed", "valid")


def _candidates(facts: Facts, extra: dict[str, Any], row: str) -> list[tuple[int, int, int]]:
    """The (制发, 废止, 现行有效) readings of a 表二 row: the values read, or the candidate splits."""
    vals = [facts.value("二", row, c) for c in _COLS]
    if all(isinstance(v, int) for v in vals):
        return [tuple(vals)]  # type: ignore[list-item]
    return [tuple(c) for c in extra.get(row, []) if len(c) == 3]  # type: ignore[misc]


class StockContinuity(Rule):
    code = "CY011"
    name = "stock-balance"
    summary = "上年现行有效件数加本年制发、减本年废止，应等于本年现行有效件数（表二，跨年度）"
    severity = Severity.WARNING
    doc = doc_from_cases(
        "CY011",
        "同一机关相邻两年的报告一起检查时，表二“规章”“行政规范性文件”两行应满足：上年“现行有效件数”＋本年“本年制发件数”"
        "－本年“本年废止件数”＝本年“现行有效件数”。连写数字有多种拆分时逐一尝试候选拆分，都不成立才报告。"
        "两年格式不同（2019 年格式没有“现行有效件数”）时不比较。",
        "现行有效的文件数是存量，只能因制发而增加、因废止而减少；对不上说明某一年的数字有误或统计口径变了"
        "（这一关系是按表格含义推出的，格式文件没有明文规定，故为警告）。",
    )

    def summarize(self, report: Report) -> Any:
        out: dict[str, list[list[int]]] = {}
        for f in report.findings:
            if f.kind == "digits-ambiguous" and f.data.get("table") == "二" and f.data.get("row") in _ROWS:
                out[str(f.data["row"])] = [list(c) for c in f.data.get("candidates", [])][:50]
        return out or None

    def check_facts(self, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        for prev, cur in consecutive(group):
            if prev.profile != cur.profile or prev.year is None or cur.year is None:
                continue
            for row, label in _ROWS.items():
                before = _candidates(prev, self.mine(prev) or {}, row)
                now = _candidates(cur, self.mine(cur) or {}, row)
                if not before or not now:
                    continue
                if any(b[2] + m - r == v for b, (m, r, v) in product(before, now)):
                    continue
                yield self._diag(prev, cur, row, label, before, now)

    def _diag(self, prev: Facts, cur: Facts, row: str, label: str,
              before: list[tuple[int, int, int]], now: list[tuple[int, int, int]]) -> Diagnostic:
        def at(f: Facts, col: str) -> Span:
            c = f.cell("二", row, col)
            return c.span if c is not None and c.span is not None else f.anchor
        if len(before) == 1 and len(now) == 1:
            (_, _, v0), (m, r, v) = before[0], now[0]
            msg = (f"表二「{label}」：{prev.year} 年现行有效 {v0} ＋ {cur.year} 年制发 {m} － 废止 {r} ＝ {v0 + m - r}，"
                   f"但 {cur.year} 年现行有效为 {v}")
        else:
            msg = (f"表二「{label}」：{prev.year} 年现行有效加 {cur.year} 年制发、减废止，与 {cur.year} 年现行有效对不上"
                   f"（连写数字的 {len(before) * len(now)} 种候选拆分均不成立）")
        return self.diag(cur, at(cur, "valid"), msg,
                         [Related(at(prev, "valid"), f"{prev.year} 年现行有效件数", prev.path)])


RULES: list[type[Rule]] = [StockContinuity]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
