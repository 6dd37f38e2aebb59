"""Structure rules (ST) on small texts."""

from __future__ import annotations

from tests.rules_util import DEFAULT_PARTS, codes, line_of, make_report, run

from govlint.checks import contents as content
from govlint.checks import structure as st
from govlint.diagnostic import Severity


def test_clean_report_has_no_structure_diagnostics() -> None:
    text = make_report()
    for rule in [*st.govlint_rules(), *content.govlint_rules()]:
        assert run(rule, text) == [], rule.code


def test_parts_out_of_order() -> None:
    # 五 and 六 swapped
    text = make_report(h5=DEFAULT_PARTS["h6"], p5=DEFAULT_PARTS["p6"], h6=DEFAULT_PARTS["h5"], p6=DEFAULT_PARTS["p5"])
    diags = run(st.PartOrder, text)
    assert codes(diags) == [("ST001", line_of(text, "五、存在的主要问题"))]
    assert diags[0].severity == Severity.ERROR


def test_part_repeated() -> None:
    text = make_report(p6=DEFAULT_PARTS["p6"] + "\n\n六、其他需要报告的事项\n\n无。")
    diags = run(st.PartOrder, text)
    assert len(diags) == 1 and "重复" in diags[0].message


def test_part_misnumbered() -> None:
    text = make_report(h6="五、其他需要报告的事项")
    diags = run(st.PartNumber, text)
    assert codes(diags) == [("ST002", line_of(text, "五、其他需要报告的事项"))]
    assert "应为「六、」" in diags[0].message


def test_repeated_number_as_stray_heading() -> None:
    text = make_report(p6="六、按照规定，本年度未收取信息处理费。")
    diags = run(st.ExtraPartHeading, text)
    assert codes(diags) == [("ST003", line_of(text, "六、按照规定"))]
    assert "重复" in diags[0].message


def test_overview_subtopics_numbered_like_parts() -> None:
    p1 = "二、工作机制保障\n\n成立领导小组。\n\n三、主动公开工作情况\n\n主动公开信息100条。"
    text = make_report(p1=DEFAULT_PARTS["p1"] + "\n\n" + p1)
    diags = run(st.ExtraPartHeading, text)
    assert len(diags) == 1 and "（一）（二）" in diags[0].message
    assert len(diags[0].related) == 1


def test_title_typo_and_variant() -> None:
    text = make_report(h4="四、政府信息公开行政法复议、行政诉讼情况")
    diags = run(st.PartTitle, text)
    assert codes(diags) == [("ST004", line_of(text, "行政法复议"))]
    assert "政府信息公开行政复议、行政诉讼情况" in diags[0].message
    variant = make_report(h5="五、政府信息公开工作存在的主要问题及改进情况")
    assert run(st.PartTitle, variant) == []


def test_overview_topics_missing() -> None:
    text = make_report(p1="（一）主动公开。公开信息100条。\n\n（二）依申请公开。收到政府信息公开申请5件。")
    diags = run(content.OverviewTopics, text)
    assert len(diags) == 1
    for topic in ("政府信息管理", "平台建设", "监督保障"):
        assert topic in diags[0].message


def test_problems_without_improvements() -> None:
    text = make_report(p5="我局政务公开工作存在一些不足。")
    diags = run(content.ProblemsAndImprovements, text)
    assert len(diags) == 1 and "改进情况" in diags[0].message
    text = make_report(p5="我局政务公开工作取得了一定成绩。")
    assert "存在的问题" in run(content.ProblemsAndImprovements, text)[0].message


def test_part_six_empty() -> None:
    text = make_report(p6="")
    diags = run(content.PartSixEmpty, text)
    assert codes(diags) == [("ST007", line_of(text, "六、其他需要报告的事项"))]


def test_report_title() -> None:
    text = make_report(title="示例县人民政府办公室2024年政府信息公开工作报告")
    diags = run(content.ReportTitle, text)
    assert [d.severity for d in diags] == [Severity.INFO]
    assert "政府信息公开工作年度报告" in diags[0].message
    text = make_report(title="2024年政府信息公开工作年度报告")
    assert "机关名称" in run(content.ReportTitle, text)[0].message


def test_all_rules_silent_on_unknown_template() -> None:
    from tests.rules_util import parse

    from govlint.docgen import builtin_rules

    report = parse(make_report(p6="", h4="四、行政法复议", t4=[1, 0, 0, 0, 9] + [0] * 10))
    report.template = "pre-2019"
    for rule in builtin_rules():
        if not rule.code.startswith("PAR"):  # parse rules report the parser's findings, template included
            assert list(rule().check(report)) == [], rule.code
