"""Table row labels as printed (ST011): the sub-items of the statistical tables numbered as the
format numbers them (``1.`` ``2.`` ``3.``), not in another style (``1、`` ``2、`` ``3、``)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from govlint import hookimpl
from govlint.checks.cases import doc_from_cases
from govlint.checks.context import Context, Needs, ReportRule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.rule import Rule

# a sub-item's number and the mark after it: 1. / 1． / 1、 (blanks allowed around the mark)
_ITEM_NUMBER = re.compile(r"\s*([0-9])\s*([.．、，,])")
_SAME = {".": ".", "．": "."}  # a full-width full stop is the same mark as the format's


class RowLabelNumbering(ReportRule):
    code = "ST011"
    name = "row-label-numbering"
    summary = "统计表分项的序号应按格式写作“1.”“2.”，不写作“1、”“2、”"
    severity = Severity.INFO
    needs = Needs.FORMAT
    doc = doc_from_cases(
        "ST011",
        "统计表中带序号的分项（表三“（三）不予公开”下的“1.属于国家秘密”等）应使用格式规定的“1.”“2.”序号。"
        "某张表中的分项改用“1、”“2、”等写法时报告一次，列出这些行；与格式相同的写法（包括全角“．”）不报告。",
        "统计表是全国统一的格式，各机关照原样填写，汇总和比对时行标签才能一一对应。",
    )

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report = ctx.report
        for tid, table in report.tables.items():
            odd = []
            for row in table.rows:
                if not row.raw_label.lstrip()[:1].isdigit():
                    continue  # (most rows: no numbered sub-item, decided without the regex)
                printed, wanted = _ITEM_NUMBER.match(row.raw_label), _ITEM_NUMBER.match(row.label)
                if printed is None or wanted is None or row.span is None or printed.group(1) != wanted.group(1):
                    continue
                mark, want = printed.group(2), wanted.group(2)
                if _SAME.get(mark, mark) != _SAME.get(want, want):
                    odd.append((row, f"{printed.group(1)}{mark}", f"{wanted.group(1)}{want}"))
            if not odd:
                continue
            first = odd[0][0]
            assert first.span is not None
            related = [Related(r.span, f"「{r.raw_label.strip()}」") for r, _, _ in odd[1:] if r.span is not None]
            marks = "".join(dict.fromkeys(f"「{p}」" for _, p, _ in odd))
            in_format = "".join(dict.fromkeys(f"「{w}」" for _, _, w in odd))
            yield self.diag(report, first.span, f"表{tid}有 {len(odd)} 个分项的序号写作{marks}，格式写作{in_format}", related)


RULES: list[type[Rule]] = [RowLabelNumbering]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
