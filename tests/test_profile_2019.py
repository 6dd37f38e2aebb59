"""The 2019 (试行) format profile, rules/format-2019.toml, checked against spec §b.4 (labels by hand)."""

from __future__ import annotations

from collections import Counter

from govlint.profile import CellRef, Profile, load_profiles, profile_for_year
from govlint.text import normalise_label

COLS = ["np", "biz", "res", "npo", "law", "oth", "tot"]


def _p2019() -> Profile:
    return load_profiles()["2019"]


def test_profile_meta_and_year_choice() -> None:
    profiles = load_profiles()
    assert {"2019", "2021"} <= set(profiles)
    p = profiles["2019"]
    assert (p.first_year, p.last_year) == (2019, 2020)
    assert p.name == "国办公开办函〔2019〕60号"
    assert profile_for_year(2019) is p
    assert profile_for_year(2020) is p
    assert profile_for_year(2021) is profiles["2021"]
    assert profile_for_year(2022) is profiles["2021"]
    assert profile_for_year(2018) is None
    assert "本年新制作数量" in p.marker_labels
    # no 2021-only label marks the 2019 format
    assert not set(p.marker_labels) & set(profiles["2021"].marker_labels)


def test_parts_are_the_six_parts() -> None:
    p = _p2019()
    assert [x.title for x in p.parts] == [
        "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
        "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
    ]


def test_table2_five_blocks() -> None:
    t = _p2019().table("二")
    got = [(b.caption, list(b.columns), [r.label for r in b.rows]) for b in t.blocks]
    assert got == [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
    ]
    # 6 + 6 + 6 + 2 + 2 = 22 numeric cells
    assert sum(len(b.columns) * len(b.rows) for b in t.blocks) == 22
    assert len(t.rows) == 8
    signed = {b.item: b.signed_columns for b in t.blocks}
    assert signed == {"一": (), "五": ("delta",), "六": ("delta",), "八": ("delta",), "九": ()}
    money = {b.item: b.money_columns for b in t.blocks}
    assert money == {"一": (), "五": (), "六": (), "八": (), "九": ("amount",)}
    # the flags reach the rows too
    assert t.row("penalty").signed_columns == ("delta",)
    assert t.row("procurement").money_columns == ("amount",)
    for b in t.blocks:
        assert len(b.column_keys) == len(b.columns)
        assert set(b.signed_columns) <= set(b.column_keys)
        assert set(b.money_columns) <= set(b.column_keys)


# 表三 rows of the 2019 format, copied by hand from spec §b.2 with §b.4's change: （六）其他处理 is one row
T3_LABELS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
]


def test_table3_23_rows() -> None:
    t = _p2019().table("三")
    assert len(t.rows) == 23
    assert [normalise_label(r.label) for r in t.rows] == [normalise_label(x) for x in T3_LABELS]
    assert [r.label for r in t.rows] == T3_LABELS
    r3f = t.row("R3f")
    assert r3f.label == "（六）其他处理" and r3f.group is None
    assert "G3f" not in dict(t.groups)
    assert [g for g, _ in t.groups] == ["G3", "G3c", "G3d", "G3e"]
    assert list(t.column_keys) == COLS
    assert list(t.columns) == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert len(t.rows) * len(t.column_keys) == 161


def test_table4_identical_to_2021() -> None:
    p19, p21 = load_profiles()["2019"].table("四"), load_profiles()["2021"].table("四")
    assert p19 == p21
    assert [r.label for r in p19.rows] == ["行政复议", "未经复议直接起诉", "复议后起诉"]


def test_relations_expand() -> None:
    rels = _p2019().relations
    counts = Counter(r.id for r in rels)
    # EQ-1 and EQ-3 (EQ-3' of the spec) per column: 7; EQ-2 per data row: 23; EQ-4 per group: 3
    assert counts == {"EQ-1": 7, "EQ-2": 23, "EQ-3": 7, "EQ-4": 3}
    eq3_tot = next(r for r in rels if r.id == "EQ-3" and dict(r.binding)["col"] == "tot")
    assert eq3_tot.lhs == (CellRef("三", "R3g", "tot"),)
    # the 21 result rows minus the three （六） sub-rows plus R3f: 19 operands
    assert len(eq3_tot.rhs) == 19
    assert CellRef("三", "R3f", "tot") in eq3_tot.rhs
    # every operand names a real row and column
    tables = {t.id: t for t in _p2019().tables}
    for r in rels:
        for ref in (*r.lhs, *r.rhs):
            t = tables[ref.table]
            assert ref.column in t.column_keys and t.row(ref.row)
    assert {dict(r.binding)["row"] for r in rels if r.id == "EQ-2"} == {r.key for r in tables["三"].rows}


def test_references() -> None:
    refs = _p2019().references
    assert refs["format_document"] == "国办公开办函〔2019〕60号"
    assert refs["fee_statement_required"] is False
    assert refs["decree"] == "国务院令第711号"
    assert refs["regulation"] == "《中华人民共和国政府信息公开条例》"
    assert refs["article_count"] == 56
    assert refs["part2_captions"][-1] == "第二十条第（九）项"
    assert len(refs["part2_captions"]) == 5
    assert "国办公开办函〔2019〕60号" not in refs["obsolete_format_documents"]
