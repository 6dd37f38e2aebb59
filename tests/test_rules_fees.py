"""Fee rules (FEE) on small texts."""

from __future__ import annotations

from decimal import Decimal

from tests.rules_util import DEFAULT_T3, codes, line_of, make_report, run

from govlint.checks import fees
from govlint.diagnostic import Severity


def test_clean_report_has_no_fee_diagnostics() -> None:
    text = make_report()
    for rule in fees.govlint_rules():
        assert run(rule, text) == [], rule.code


def test_fee_statement_missing() -> None:
    text = make_report(p6="无其他需要报告的事项。")
    diags = run(fees.FeeStatement, text)
    assert codes(diags) == [("FEE001", line_of(text, "六、其他需要报告的事项"))]
    # a warning: the national format's wording on the fee statement is unverified ([M] in the spec)
    assert diags[0].severity == Severity.WARNING


def test_fee_statement_variants_accepted() -> None:
    for p6 in ("2021年，无收取信息处理费情况。", "2024 年，市科委未发生政府信息公开收费事项。",
               "本机关收取信息处理费共计380元。"):
        assert run(fees.FeeStatement, make_report(p6=p6)) == [], p6


def test_fee_statement_not_required_before_profile_years() -> None:
    text = make_report(p6="无其他需要报告的事项。", title="示例县2020年政府信息公开工作年度报告")
    assert run(fees.FeeStatement, text) == []


def test_fee_notice_contradiction() -> None:
    t3 = {k: list(v) for k, v in DEFAULT_T3.items()}
    t3["R3f2"] = [1, 0, 0, 0, 0, 0, 1]
    t3["R3a"] = [1, 1, 0, 0, 0, 0, 2]
    text = make_report(t3=t3)
    diags = run(fees.FeeNoticeContradiction, text)
    assert codes(diags) == [("FEE002", line_of(text, "未发出收费通知"))]
    assert diags[0].related[0].span.line == line_of(text, "2.申请人逾期未按收费通知")
    ok = make_report(t3=t3, p6="本机关发出收费通知1件，申请人逾期未缴费，未收取信息处理费。")
    assert run(fees.FeeNoticeContradiction, ok) == []


def test_fee_name() -> None:
    text = make_report(p6="2024 年度本机关未收取信息公开处理费。")
    diags = run(fees.FeeName, text)
    assert codes(diags) == [("FEE003", line_of(text, "信息公开处理费"))]


def test_fee_amount_in_yuan_under_the_wan_yuan_header() -> None:
    # 平潭 2022 (a one-line web scrape) prints 行政事业性收费 9116.36 under 本年收费金额（单位：万元）;
    # written 9116.36元 it would be 9116.36 万元 read as printed: a ten-thousandfold amount
    from tests.corpus import CORPUS, read

    from govlint.parsing import parse_text

    text = read(CORPUS / "real" / "pingtan_2022.txt")
    assert "行政事业性收费9116.36 三、" in text
    assert run(fees.FeeAmountUnit, text) == []
    changed = text.replace("行政事业性收费9116.36 三、", "行政事业性收费9116.36元 三、")
    assert parse_text(changed).tables["二"].row("fee").values == [Decimal("9116.36")]
    diags = run(fees.FeeAmountUnit, changed)
    assert len(diags) == 1 and "9116.36元" in diags[0].message and "0.911636" in diags[0].message
    at = changed.index("9116.36元")
    line_start = changed.rfind("\n", 0, at) + 1
    d = diags[0]
    assert (d.line, d.column, d.end_line, d.end_column) == (
        changed.count("\n", 0, at) + 1, at - line_start + 1, changed.count("\n", 0, at) + 1, at - line_start + 9)
    # the 2019 format prints no unit over its amounts: 平潭 2020's 政府集中采购 …元 is no defect
    older = read(CORPUS / "real" / "pingtan_2020.txt")
    assert "政府集中采购39573802895.90元" in older and run(fees.FeeAmountUnit, older) == []
