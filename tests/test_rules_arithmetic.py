"""Arithmetic rules (AR) on small texts."""

from __future__ import annotations

from tests.rules_util import DEFAULT_T3, T3_KEYS, line_of, make_report, parse, run

from govlint.checks import arithmetic as ar
from govlint.diagnostic import Severity


def test_clean_tables_balance() -> None:
    report = parse(make_report())
    assert run(ar.RelationBalance, report) == []
    assert run(ar.CellValue, report) == []


def test_row_total_wrong_names_culprit() -> None:
    # 58+7+1 = 66 but the row prints 67: only the 总计 cell explains EQ-2 (R1) and EQ-1 (tot)
    t3 = {"R1": [4, 1, 0, 0, 0, 0, 6]}
    text = make_report(t3=t3)
    diags = run(ar.RelationBalance, text)
    # messages name the relation in words (no internal ids such as EQ-1)
    names = sorted(d.message.split("」")[0].lstrip("「") for d in diags)
    assert names == ["勾稽关系：第一项加第二项之和等于第三项加第四项之和", "行总计等于六类申请人之和"]
    assert not any(d.message.startswith("EQ-") for d in diags)
    for d in diags:
        assert d.severity == Severity.ERROR
        assert "最可能出错" in d.message and "「总计」" in d.message and "改为 5" in d.message
        assert d.related and d.related[0].span.line == line_of(text, "一、本年新收")
    eq2 = next(d for d in diags if "列）" not in d.message.split("不成立")[0])  # the row relation
    assert "左边 6" in eq2.message and "右边 5" in eq2.message


def test_single_failing_relation_has_no_culprit() -> None:
    diags = run(ar.RelationBalance, make_report(t4=[1, 0, 0, 0, 2] + [0] * 10))
    assert len(diags) == 1
    assert diags[0].message.startswith("「复议、诉讼各组总计") and "最可能" not in diags[0].message
    assert "左边 2" in diags[0].message and "右边 1" in diags[0].message


def test_incomplete_row_is_not_evaluated() -> None:
    # a row printed with six values: its cells are absent, the relations using them are skipped
    t3 = {"R1": [4, 1, 0, 0, 0, 0, ""]}
    report = parse(make_report(t3=t3))
    row = report.tables["三"].row("R1")
    assert row is not None and not row.complete
    assert run(ar.RelationBalance, report) == []


def test_decimal_in_count_column() -> None:
    text = make_report(t2={"licence": ["2.5"]})
    diags = run(ar.CellValue, text)
    assert [(d.code, d.line) for d in diags] == [("AR002", line_of(text, "行政许可"))]
    # money column may be decimal (the default template has 1.25 万元)
    assert run(ar.CellValue, make_report()) == []


def test_all_keys_covered() -> None:
    assert set(DEFAULT_T3) == set(T3_KEYS)
