"""Publication deadline and 落款 date (YR006–YR008): 条例 第四十九条's deadlines by the kind of
body, the page's 发布时间 before the 落款, the 落款 found among the last lines only."""

from __future__ import annotations

from datetime import date

import pytest
from tests.corpus import CORPUS
from tests.rules_util import line_of, run

import govlint
from govlint.checks.cases import base_report
from govlint.checks.deadline import BodyKind, _date, body_kind
from govlint.config import Config
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

ENGINE = Engine(Config(select=["YR006", "YR007"]), load_plugins(installed=False))
TITLE = "渠县经济和信息化局\n2024年政府信息公开工作年度报告"  # the base report's title block (a county bureau)
END = "知，未收取信息处理费。"  # the base report's last line


def _found(text: str) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in ENGINE.check_report(parse_text(text, "r.txt"))]


def _scraped(published: str, ending: str = "") -> str:
    """The base report as a web scrape prints it: a 标题 / 发布时间 header, and ``ending`` after it."""
    text = base_report().replace(TITLE, f"标题: 渠县经济和信息化局2024年政府信息公开工作年度报告\n发布时间: {published}", 1)
    return text.replace(END, END + ending, 1)


@pytest.mark.parametrize("agency,kind", [
    ("渠县经济和信息化局", BodyKind.DEPARTMENT),
    ("渠县人民政府办公室", BodyKind.DEPARTMENT),  # the office's own report: a department of the county
    ("上海市科学技术委员会", BodyKind.DEPARTMENT),
    ("淮安市人民政府", BodyKind.GOVERNMENT),
    ("涧西区人民政府", BodyKind.GOVERNMENT),
    ("某某镇人民政府", None),  # townships: the 条例 sets no deadline for them
    ("某某街道办事处", None),
    ("某某经济开发区管理委员会", None),
    ("平潭综合实验区", None),  # the name does not tell
    ("", None),
])
def test_the_deadline_follows_the_kind_of_body(agency: str, kind: BodyKind | None) -> None:
    assert body_kind(agency) is kind


def test_dates_in_chinese_numerals() -> None:
    assert _date("二〇二五", "一", "二十") == date(2025, 1, 20)
    assert _date("二○二四", "十二", "三十一") == date(2024, 12, 31)
    assert _date("2025", "2", "30") is None  # no such day: no date, no diagnostic


def test_the_base_report_without_a_signature_is_left_alone() -> None:
    assert _found(base_report()) == []


def test_a_page_published_after_the_deadline() -> None:
    found = _found(_scraped("2025-02-10 09:00"))
    assert [(c, m) for c, _, m in found] == [(
        "YR006", "页面发布时间 2025年2月10日 晚于 2025年1月31日：县级以上人民政府部门应当在每年1月31日前公布上一年度的"
                 "年度报告（《条例》第四十九条）")]
    assert _found(_scraped("2025-01-20 09:00")) == []
    assert _found(_scraped("2025年01月31日")) == []  # on the day: in time


def test_the_publication_date_comes_before_the_signature() -> None:
    # published in time; the 落款 is after the 发布时间: YR007, not YR006
    found = _found(_scraped("2025-01-20", "\n\n渠县经济和信息化局\n\n2025年2月3日"))
    assert [(c, m) for c, _, m in found] == [("YR007", "落款日期 2025年2月3日 晚于页面的发布时间 2025年1月20日")]


def test_a_late_signature_names_its_line() -> None:
    text = base_report().replace(END, END + "\n\n渠县经济和信息化局\n\n2025年2月20日", 1)
    line = text.split("\n").index("2025年2月20日") + 1
    assert [(c, n) for c, n, _ in _found(text)] == [("YR006", line)]


def test_a_date_in_the_prose_is_no_signature() -> None:
    # a date ending a sentence of part 六, and a date line far above the end, are not the 落款
    text = base_report().replace(END, "知，未收取信息处理费。于2024年12月20日完成自查。", 1)
    assert _found(text) == []
    text = base_report().replace(END, END + "\n2024年12月20日\n" + "\n".join(f"第{i}行说明文字" for i in range(8)), 1)
    assert _found(text) == []


def test_a_web_page_gives_its_publication_date() -> None:
    # pingtan 2022 as published: <meta name="PubDate" content="2023-02-20 15:07"> (read in the page source);
    # 平潭综合实验区 is no body whose deadline the name tells, so nothing is reported
    report = govlint.parse_file(str(CORPUS / "html" / "pingtan_2022.html"))
    assert report.published == "2023-02-20 15:07"
    assert [d for d in ENGINE.check_report(report)] == []


def test_a_department_giving_the_old_deadline_as_its_own() -> None:
    # 条例 第四十九条 (2019): a department publishes by 1月31日, the 本级政府's report by 3月31日
    from govlint.checks.deadline import DeadlineCitation

    base = base_report()
    sentence = "按照条例规定，本局于每年3月31日前向社会公布上一年度政府信息公开工作年度报告。"
    anchor = "二、主动公开政府信息情况"
    text = base.replace(anchor, sentence + "\n\n" + anchor, 1)
    assert "渠县经济和信息化局" in base
    diags = run(DeadlineCitation, text)
    assert len(diags) == 1 and "1月31日" in diags[0].message
    assert diags[0].line == line_of(text, sentence)
    # the same sentence in a county government's own report is its deadline
    government = text.replace("渠县经济和信息化局", "渠县人民政府")
    assert run(DeadlineCitation, government) == []
