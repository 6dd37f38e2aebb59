"""Template detection: is this a report in a format govlint knows at all?

A report in the pre-2019 template (概述 … 统计表) gets one clear finding (``template-unknown``),
and so does a text that is no report at all (``not-a-report``: an empty file, a README beside
the reports), instead of a cascade of missing-part errors.
"""

from __future__ import annotations

from govlint.model import Finding, Report, Template
from govlint.parsing.positions import LineIndex
from govlint.profile import Profile


def detect_template(report: Report, prof: Profile, idx: LineIndex) -> None:
    canonical = {p.canonical for p in report.parts if p.canonical}
    rows_found = sum(1 for t in report.tables.values() for r in t.rows if r.found)
    t3 = report.tables.get("三")
    t3_rows = sum(1 for r in t3.rows if r.found) if t3 is not None else 0
    text = report.text
    # (the markers matter only for a report whose 表三 is not there, or a year before 2019)
    early = report.year is not None and report.year <= 2018
    old = set(prof.pre_2019_markers.findall(text)) if prof.pre_2019_markers and (t3_rows < 5 or early) else set()
    # the old template can share some part titles with the current one: its own headings and its
    # statistics table (and no 表三 of the current format) decide
    old_template = (len(old) >= 2 and t3_rows < 5) or early
    # a fragment: table rows of the format, but neither a title nor most of the six parts (a page or
    # two cut out of a report); checked as a whole report it would be a cascade of "missing" findings
    fragment = not old_template and report.title_span is None and len(canonical) <= 2 and rows_found >= 5
    if not old_template and not fragment and (len(canonical) >= 2 or rows_found >= 5):
        return
    at = report.title_span or idx.span(0, min(len(text.split("\n", 1)[0]), len(text)))
    if fragment:
        report.template = Template.FRAGMENT
        found = "、".join(f"第{'一二三四五六'[i - 1]}部分" for i in sorted(canonical)) or "统计表"
        msg = (f"这是年度报告的片段（只有{found}的部分内容，没有报告标题和其余部分），"
               "不作完整检查；请检查完整的报告")
        report.findings = [Finding("not-a-report", msg, at, {"template": Template.FRAGMENT.value})]
        return
    if not text.strip():
        report.template = Template.NOT_A_REPORT
        msg = "文件为空（或只有空白），没有可检查的内容"
    elif old_template:
        report.template = Template.PRE_2019
        what = f"{report.year} 年度的报告" if report.year is not None and report.year <= 2018 else "这份报告"
        msg = (
            f"{what}按 2007 年条例时期的旧模板编制"
            + ("（" + "、".join(sorted(old)[:4]) + "）" if old else "")
            + "，不在现行格式的检查范围内，未作其他检查"
        )
    else:
        report.template = Template.NOT_A_REPORT
        msg = (
            "未能识别为政府信息公开工作年度报告：找不到「一、总体情况」…「六、其他需要报告的事项」"
            "等部分，也找不到统计表"
        )
    # a report out of scope gets this one finding only; so does a text that is no report
    report.findings = []
    kind = "template-unknown" if report.template is Template.PRE_2019 else "not-a-report"
    report.findings.insert(0, Finding(kind, msg, at, {"template": report.template.value}))
