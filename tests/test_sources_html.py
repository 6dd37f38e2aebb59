"""The web pages as published (tests/corpus/html/pingtan_202{1,2}.html, whole pages with the
site's navigation): the same tables as the text scrapes of the same pages (real/), with the
values worked out by hand in tests/test_parse_real.py and tests/test_fused.py."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.corpus import CORPUS, REAL, read

from govlint.parsing import parse_text
from govlint.source import read_source
from govlint.sources import html

HTML = CORPUS / "html"
T3_KEYS = ["R1", "R2", "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8", "R3d1", "R3d2",
           "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3", "R3g", "R4"]


def one(n: int) -> list[int]:
    return [n, 0, 0, 0, 0, 0, n]


def t3(**rows: list[int]) -> dict[str, list[int]]:
    out = {k: [0] * 7 for k in T3_KEYS}
    out.update(rows)
    return out


# By hand (tests/test_parse_real.py, tests/test_fused.py): the digit runs of the scrape, split
# so that the table adds up; the page's own <td> cells hold the same numbers.
EXPECTED = {
    "2021": (
        {"reg": [0, 0, 0], "norm": [69, 3, 665], "licence": [2293], "penalty": [1282], "coercion": [42],
         "fee": [Decimal("24252.311082")]},
        t3(R1=[64, 0, 0, 2, 0, 4, 70], R3a=[27, 0, 0, 2, 0, 1, 30], R3b=one(5), R3c5=one(1), R3c7=one(6),
           R3c8=one(1), R3d1=[22, 0, 0, 0, 0, 3, 25], R3f3=one(1), R3g=[63, 0, 0, 2, 0, 4, 69], R4=one(1)),
        {"fy": [1, 0, 2, 0, 3], "zs": [12, 0, 0, 0, 12], "hs": [0] * 5},
    ),
    "2022": (
        {"reg": [0, 0, 0], "norm": [88, 55, 698], "licence": [10690], "penalty": [2113], "coercion": [0],
         "fee": [Decimal("9116.36")]},
        t3(R1=[71, 3, 0, 0, 0, 0, 74], R2=one(1), R3a=one(21), R3b=[8, 1, 0, 0, 0, 0, 9], R3c5=one(1), R3c6=one(2),
           R3c7=one(1), R3d1=one(37), R3f1=one(2), R3f3=[0, 2, 0, 0, 0, 0, 2], R3g=[72, 3, 0, 0, 0, 0, 75]),
        {"fy": [0, 1, 1, 0, 2], "zs": [1, 0, 0, 0, 1], "hs": [0] * 5},
    ),
}


def _tables(report):  # type: ignore[no-untyped-def]
    return tuple({r.key: r.values for r in report.tables[t].rows} for t in ("二", "三", "四"))


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_tables_as_worked_out_by_hand(year: str) -> None:
    src = read_source(HTML / f"pingtan_{year}.html")
    assert src.error is None
    report = parse_text(src.text or "", "page.html")
    assert _tables(report) == EXPECTED[year]
    assert report.findings == []  # the page's cells need no digit recovery


@pytest.mark.parametrize("year", sorted(EXPECTED))
def test_same_tables_as_the_text_scrape(year: str) -> None:
    page = parse_text(read_source(HTML / f"pingtan_{year}.html").text or "", "page.html")
    scrape = parse_text(read(REAL / f"pingtan_{year}.txt"), "scrape.txt")
    got, want = _tables(page), _tables(scrape)
    if year == "2021":
        # the scrape's fused "693665" cannot be split (no arithmetic in 表二); the page's cells can
        assert want[0]["norm"] == [None, None, None] and got[0]["norm"] == [69, 3, 665]
        want[0]["norm"] = got[0]["norm"]
    assert got == want
    assert [p.canonical for p in page.parts] == [p.canonical for p in scrape.parts] == [1, 2, 3, 4, 5, 6]
    assert [p.title for p in page.parts] == [p.title for p in scrape.parts]
    assert page.title == scrape.title and page.year == scrape.year


def test_body_without_site_chrome_and_publication_date() -> None:
    src = read_source(HTML / "pingtan_2021.html")
    text = src.text or ""
    assert text.startswith("标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n发布时间: 2022-02-08 16:34\n")
    for chrome in ("当前位置", "分享到", "QQ空间", "全真版", "文件下载", "网站标识码"):
        assert chrome not in text, chrome
    assert src.document is not None and src.document.metadata["published"] == "2022-02-08 16:34"


def test_html_locations_point_into_the_page_source() -> None:
    path = HTML / "pingtan_2022.html"
    src = read_source(path)
    lines = (src.text or "").split("\n")
    n = next(i for i, ln in enumerate(lines, 1) if "行政法复议" in ln)
    loc = src.line_map.locate(n, 1)  # type: ignore[union-attr]
    page = path.read_text(encoding="utf-8").split("\n")
    assert loc is not None and loc.source_line is not None and loc.source_column is not None
    # the element that holds the heading starts there
    assert "行政法复议" in "".join(page[loc.source_line - 1: loc.source_line + 3])
    assert page[loc.source_line - 1][loc.source_column - 1] == "<"


def _page(body: str, charset: str = "utf-8", head: str = "") -> str:
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{head}'
            f"<title>t</title></head><body>{body}</body></html>")


def test_rowspan_colspan_runs_entities_and_gbk() -> None:
    body = (
        '<div class="nav"><a href="/">首页</a><a href="/x">政务公开</a></div>'
        '<div class="content"><p><span>一、</span><font>总体</font><span>情况</span></p>'
        "<p>本机关&nbsp;依法公开&lt;政府信息&gt;。</p>"
        '<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>1</td><td>2</td></tr></table>'
        "</div>"
        '<div class="footer">版权所有 网站标识码</div>'
    )
    data = _page(body, "gb2312").encode("gb18030")
    doc = html.read("p.html", data)
    texts = [b.text for b in doc.blocks if b.text]
    assert "一、总体情况" in texts and "本机关依法公开<政府信息>。" in texts  # &nbsp; between Chinese characters is layout
    table = next(b.table for b in doc.blocks if b.table is not None)
    g = table.grid
    assert g[0][0] is g[1][0] and g[0][0].rowspan == 2 and g[0][0].text == "甲"  # type: ignore[union-attr]
    assert g[0][1] is g[0][2] and g[0][1].colspan == 2  # type: ignore[union-attr]
    assert [c.text for c in g[1][1:]] == ["1", "2"]  # type: ignore[union-attr]


def test_gb18030_page_decoded_by_its_declared_charset() -> None:
    data = _page("<p>政府信息公开工作年度报告：镕</p>", "GBK").encode("gb18030")
    assert "镕" in html.decode_html(data)  # outside GB2312: GBK/GB18030 read as GB18030


def test_publication_date_is_report_metadata() -> None:
    # pingtan_2021.html line 12: <meta name="PubDate" content="2022-02-08 16:34"/>
    report = parse_text(read_source(HTML / "pingtan_2021.html").text or "", "page.html")
    assert report.published == "2022-02-08 16:34"
    # a page without the meta tag that prints 发布时间 beside the title
    body = ('<div class="title">某某局2023年政府信息公开工作年度报告</div><div class="info">发布时间：2024-01-18'
            '</div><div class="text"><p>一、总体情况</p><p>二、主动公开政府信息情况</p>'
            "<p>三、收到和处理政府信息公开申请情况</p><p>四、政府信息公开行政复议、行政诉讼情况</p></div>")
    doc = html.read("p.html", _page(body).encode())
    assert doc.metadata["published"] == "2024-01-18" and not doc.problems


def test_a_page_laid_out_with_tables() -> None:
    # older sites put the whole page in a layout table: the report is the big cell, and its
    # statistical table (nested) is still a table
    prose = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。" * 6
    parts = "".join(f"<p>{n}、{t}</p><p>{prose}</p>" for n, t in
                    (("一", "总体情况"), ("二", "主动公开政府信息情况"), ("三", "收到和处理政府信息公开申请情况")))
    body = ('<table><tr><td class="side"><a href="/">首页</a><a href="/a">机构概况</a></td>'
            f'<td class="main">{parts}<table border="1"><tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr>'
            "</table></td></tr></table>")
    doc = html.read("old.html", _page(body).encode())
    assert not doc.problems
    texts = [b.text for b in doc.blocks if b.text]
    assert texts[0] == "一、总体情况" and "首页" not in "".join(texts)
    tables = [b.table for b in doc.blocks if b.table is not None]
    assert len(tables) == 1 and [c.text for c in tables[0].grid[0]] == ["规章", "1", "0", "11"]  # type: ignore[union-attr]
