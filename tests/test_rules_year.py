"""Report-year rules (YR) on small texts."""

from __future__ import annotations

from tests.rules_util import DEFAULT_PARTS, codes, line_of, make_report, run

from govlint.checks import year
from govlint.diagnostic import Severity


def test_clean_report_has_no_year_diagnostics() -> None:
    text = make_report()
    for rule in year.govlint_rules():
        assert run(rule, text) == [], rule.code


def test_period_contradicts_title() -> None:
    text = make_report(preamble="本报告所列数据统计期限为2023年1月1日至2023年12月31日。")
    diags = run(year.StatisticsPeriod, text)
    assert codes(diags) == [("YR001", line_of(text, "统计期限"))]
    assert diags[0].severity == Severity.ERROR


def test_period_missing() -> None:
    text = make_report(preamble="")
    diags = run(year.StatisticsPeriodMissing, text)
    assert codes(diags) == [("YR002", 1)]


def test_sentence_copied_from_last_year() -> None:
    text = make_report(p6="2023年，本机关未收取信息处理费。")
    diags = run(year.ProseYear, text)
    assert codes(diags) == [("YR003", line_of(text, "2023年，本机关"))]


def test_legitimate_other_years() -> None:
    p5 = DEFAULT_PARTS["p5"] + "针对2023年存在问题，2024年我们做了如下改进。2025年计划进一步加强主动公开。"
    p1 = DEFAULT_PARTS["p1"] + "\n\n2023年以来，累计主动公开信息900条。"
    assert run(year.ProseYear, make_report(p5=p5, p1=p1)) == []
