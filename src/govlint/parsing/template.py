"""Template detection: is this a report in a format govlint knows at all?

A report in the pre-2019 template (概述 … 统计表) gets one clear finding (``template-unknown``),
and so does a text that is no report at all (``not-a-report``: an empty file, a README beside
the reports), instead of a cascade of missing-part errors.
"""

from __future__ import annotations

import re

from govlint.model import Finding, Report
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile

# headings and labels of the 2007-条例 template (spec §b.4, §f.1 GOV-S006)
_PRE_2019 = re.compile(
    r"概述|政府信息公开的收费及减免情况|咨询处理情况|依申请公开政府信息和不予公开政府信息的情况|"
    r"统计表|指标名称|计量单位|受理依申请公开信息总数"
)


def detect_template(report: Report, prof: Profile, idx: LineIndex) -> None:
    canonical = {p.canonical for p in report.parts if p.canonical}
    rows_found = sum(1 for t in report.tables.values() for r in t.rows if r.found)
    t3 = report.tables.get("三")
    t3_rows = sum(1 for r in t3.rows if r.found) if t3 is not None else 0
    text = report.text
    old = set(_PRE_2019.findall(text))
    # the old template can share some part titles with the current one: its own headings and its
    # statistics table (and no 表三 of the current format) decide
    old_template = len(old) >= 2 and t3_rows < 5
    if not old_template and (len(canonical) >= 2 or rows_found >= 5):
        return
    at = report.title_span or idx.span(0, min(len(text.split("\n", 1)[0]), len(text)))
    if not text.strip():
        report.template = "not-a-report"
        msg = "文件为空（或只有空白），没有可检查的内容"
    elif old_template:
        report.template = "pre-2019"
        msg = (
            "这份报告使用的是 2019 年以前的旧模板（" + "、".join(sorted(old)[:4]) + "），"
            f"不是现行格式（{prof.name}）；请按现行格式的六个部分和三张统计表重新编制"
        )
    else:
        report.template = "not-a-report"
        msg = (
            "未能识别为政府信息公开工作年度报告：找不到「一、总体情况」…「六、其他需要报告的事项」"
            "等部分，也找不到统计表"
        )
    # findings that only repeat this one are dropped
    report.findings = [f for f in report.findings if f.kind not in ("table-missing", "row-missing", "part-missing")]
    kind = "template-unknown" if report.template == "pre-2019" else "not-a-report"
    report.findings.insert(0, Finding(kind, msg, at, {"template": report.template}))
