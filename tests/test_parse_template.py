"""Template detection, and parse findings on small texts."""

from __future__ import annotations

from tests.corpus import read, seed

from govlint.config import Config
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

ENGINE = Engine(Config(), load_plugins(installed=False))

# the pre-2019 template (2007 条例): 概述 … 收费及减免 … 统计表 (cf. pingtan 2018, lanxi 2021)
PRE_2019 = """某市商务局2018年政府信息公开工作年度报告
一、概述
2018年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。
二、主动公开政府信息的情况
全年主动公开政府信息120条。
三、依申请公开政府信息和不予公开政府信息的情况
全年受理依申请公开信息总数2件。
四、政府信息公开的收费及减免情况
未收取任何费用。
五、因政府信息公开申请提起行政复议、行政诉讼的情况
无。
六、政府信息公开工作存在的主要问题及改进情况
……
统计表
指标名称 计量单位 统计数
主动公开政府信息数 条 120
受理依申请公开信息总数 件 2
"""


def _codes(text: str) -> list[str]:
    report = parse_text(text, "t.txt")
    return [d.code for d in ENGINE.check_report(report)]


def test_pre_2019_template_is_one_clear_diagnostic() -> None:
    report = parse_text(PRE_2019, "old.txt")
    assert report.template == "pre-2019"
    assert [f.kind for f in report.findings] == ["template-unknown"]
    assert "旧模板" in report.findings[0].message
    assert _codes(PRE_2019) == ["PAR013"]  # no cascade of missing parts, tables, fees …


def test_text_that_is_no_report() -> None:
    text = "会议纪要\n一、会议时间\n2024年3月1日。\n二、参会人员\n张三、李四。\n"
    report = parse_text(text, "memo.txt")
    assert report.template == "not-a-report"
    assert _codes(text) == ["PAR018"]  # a warning: a README beside the reports does not fail the run


def test_a_real_report_is_not_mistaken_for_another_template() -> None:
    for name in ("000", "001", "002", "003", "004"):
        assert parse_text(read(seed(name)), name).template == "report"


def test_missing_part_and_duplicated_row() -> None:
    text = read(seed("000"))
    start = text.index("五、存在的主要问题及改进情况")
    end = text.index("六、其他需要报告的事项")
    without5 = text[:start] + text[end:]
    report = parse_text(without5, "no5.txt")
    missing = [f for f in report.findings if f.kind == "part-missing"]
    assert [f.data["part"] for f in missing] == [5]
    assert missing[0].span.line == without5[: without5.index("六、其他")].count("\n") + 1

    dup_line = "2.重复申请 0 0 0 0 0 0 0"
    doubled = text.replace(dup_line, dup_line + "\n\n2.重复申请 1 0 0 0 0 0 1")
    report = parse_text(doubled, "dup.txt")
    dups = [f for f in report.findings if f.kind == "row-duplicate"]
    assert len(dups) == 1 and dups[0].data["row"] == "R3e2"
    assert report.tables["三"].value("R3e2", "tot") == 0  # the first one is kept


def test_missing_table_is_reported_where_it_should_be() -> None:
    text = read(seed("000"))
    start = text.index("行政复议 行政诉讼")
    end = text.index("五、存在的主要问题及改进情况")
    report = parse_text(text[:start] + text[end:], "no4.txt")
    kinds = [f.kind for f in report.findings]
    assert kinds.count("table-missing") == 1
    assert report.tables["四"].rows[0].values == [None] * 5


def test_old_format_tables_in_a_2022_report_are_read_in_that_format_and_reported() -> None:
    from tests.corpus import REAL

    text = read(REAL / "pingtan_2020.txt").replace("2020年", "2022年")
    report = parse_text(text, "late.txt")
    assert report.year == 2022 and report.profile == "2019"  # the tables decide how to read them
    mismatch = [f for f in report.findings if f.kind == "format-mismatch"]
    assert len(mismatch) == 1 and mismatch[0].data == {"expected": "2021", "found": "2019"}
    assert "PAR017" in [d.code for d in ENGINE.check_report(report)]
    assert report.tables["三"].value("R1", "tot") == 21  # still read: 20 + 1


def test_page_footers_inside_a_table_are_ignored() -> None:
    text = read(seed("001"))
    for footer in ("— 5 —", "- 5 -", "－5－"):
        moved = text.replace("\n\t2.其他法律行政法规禁止公开", f"\n{footer}\n\t2.其他法律行政法规禁止公开")
        assert moved != text
        report = parse_text(moved, "footer.txt")
        assert report.tables["三"].value("R3c2", "tot") == 0
        assert report.tables["三"].value("R3c6", "np") == 1
        assert not [f for f in report.findings if f.kind == "unrecognised-line"], footer


def test_the_template_is_a_kind_and_the_json_keeps_its_value() -> None:
    import json

    from govlint.model import Template
    from govlint.parsing.export import report_to_dict
    from govlint.strictjson import dumps

    memo = "会议纪要\n一、会议时间\n2024年3月1日。\n二、参会人员\n张三、李四。\n"
    for text, kind, value in [(PRE_2019, Template.PRE_2019, "pre-2019"), (memo, Template.NOT_A_REPORT, "not-a-report"),
                              ("", Template.NOT_A_REPORT, "not-a-report"), (read(seed("001")), Template.REPORT, "report")]:
        report = parse_text(text, "t.txt")
        assert report.template is kind and report.template == value and str(report.template) == value
        out = json.loads(dumps(report_to_dict(report)))
        assert out["template"] == value
        said = [f["data"]["template"] for f in out["findings"] if "template" in f.get("data", {})]
        assert said == ([] if kind is Template.REPORT else [value])  # the one finding of a text not checked
