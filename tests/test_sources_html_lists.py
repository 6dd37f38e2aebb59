"""Ordered lists on web pages: an ``<ol>``'s numbers are text the reader sees (the browser draws
them), so they are read as a browser draws them, and part headings numbered 1. 2. are parts.

The two pages in tests/data/html are the seeds' Word files (tests/docx_build.py: parts and
subsections as Word list numbers) saved as web pages by LibreOffice 7.4.7.2
(``soffice --headless --convert-to html``; kept as they came out, CI installs no LibreOffice).
LibreOffice writes the list numbers as plain ``<ol>``: a browser shows 1. 2. (looked at in the
file: no ``type``, no list style), and in ``seed001`` the list that goes on after the 总体情况 list
is a new ``<ol>`` holding ``<ol start="3">`` and then the parts 二 to 五, which a browser numbers
1. to 4. again."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import read, seed
from tests.seed_readback import assert_reads_back_as_seed

from govlint.config import Config
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import load_plugins
from govlint.sources import html

PAGES = Path(__file__).parent / "data" / "html"


def lines(page: str) -> list[str]:
    doc = html.read("t.html", page.encode("utf-8"))
    return [b.text for b in doc.blocks if b.text]


def page(body: str) -> str:
    return f"<html><body><article>{body}<p>{'正文' * 40}</p></article></body></html>"


def test_an_ordered_lists_numbers_are_read_as_a_browser_draws_them() -> None:
    got = lines(page("<ol><li>甲</li><li>乙</li></ol><ol start='4'><li>丙</li><li value='9'>丁</li><li>戊</li></ol>"))
    assert got[:5] == ["1. 甲", "2. 乙", "4. 丙", "9. 丁", "10. 戊"]


@pytest.mark.parametrize("attrs, want", [
    ("type='a'", ["a. 甲", "b. 乙", "c. 丙"]),
    ("type='I'", ["I. 甲", "II. 乙", "III. 丙"]),
    ("style='list-style-type: cjk-ideographic'", ["一、甲", "二、乙", "三、丙"]),
    ("style='list-style: simp-chinese-informal inside'", ["一、甲", "二、乙", "三、丙"]),
    ("style='list-style-type:none'", ["甲", "乙", "丙"]),
    # the shorthand's words in any order: a position or an image is no type
    ("style='list-style: inside cjk-ideographic'", ["一、甲", "二、乙", "三、丙"]),
    ("style='list-style: url(dot.png) outside upper-roman'", ["I. 甲", "II. 乙", "III. 丙"]),
    ("style='list-style: none inside'", ["甲", "乙", "丙"]),
    ("style='list-style: inside'", ["1. 甲", "2. 乙", "3. 丙"]),
    # the last declaration wins
    ("style='list-style: lower-alpha; list-style-type: cjk-ideographic'", ["一、甲", "二、乙", "三、丙"]),
    ("style='list-style-type: lower-alpha; list-style: decimal-leading-zero inside'", ["01. 甲", "02. 乙", "03. 丙"]),
    ("reversed", ["3. 甲", "2. 乙", "1. 丙"]),
])
def test_the_lists_type_and_style_give_the_numbers(attrs: str, want: list[str]) -> None:
    assert lines(page(f"<ol {attrs}><li>甲</li><li>乙</li><li>丙</li></ol>"))[:3] == want


def test_an_unordered_list_and_a_nested_paragraph() -> None:
    got = lines(page("<ul><li>甲</li></ul><ol><li><p>第一段</p><p>第二段</p></li><li>乙</li></ol>"))
    # no number for a bullet; an item's number goes before its first text, not on a line of its own
    assert got[:4] == ["甲", "1. 第一段", "第二段", "2. 乙"]


def test_an_item_that_starts_with_a_table() -> None:
    got = lines(page("<ol><li><table><tr><td>甲</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr></table>"
                     "说明</li><li>丙</li></ol>"))
    # the number stands beside the table, not before the text after it
    assert got[:1] == ["1."] and "说明" in got and "1. 说明" not in got and "2. 丙" in got


def test_ten_and_beyond_in_chinese_numerals() -> None:
    items = "".join(f"<li>项{i}</li>" for i in range(1, 13))
    got = lines(page(f"<ol style='list-style-type: cjk-ideographic'>{items}</ol>"))
    assert got[9:12] == ["十、项10", "十一、项11", "十二、项12"]


@pytest.mark.parametrize("file, name", [("seed000_libreoffice.html", "000"), ("seed001_libreoffice.html", "001")])
def test_a_libreoffice_web_page_reads_back_as_its_seed(file: str, name: str) -> None:
    assert_reads_back_as_seed(PAGES / file, name)


def test_its_numbering_is_one_warning_not_missing_parts() -> None:
    result = Engine(Config(), load_plugins(installed=False)).run([str(PAGES / "seed001_libreoffice.html")])
    codes = [d.code for d in result.diagnostics]
    assert "PAR001" not in codes and "ST002" not in codes and "PAR006" not in codes, codes
    (st010,) = [d for d in result.diagnostics if d.code == "ST010"]
    # the browser shows 1. 总体情况, then 1. 主动公开… 2. … 3. … 4. … (a new list), then 6.
    assert st010.message.startswith("6 个部分标题使用阿拉伯数字序号") and "其中 4 个的序号与部分也不符" in st010.message
    assert len(st010.related) == 5


def renumbered(text: str, numbers: dict[str, str]) -> str:
    out = []
    for line in text.split("\n"):
        for old, new in numbers.items():
            if line.startswith(old):
                line = new + line[len(old):]
        out.append(line)
    return "\n".join(out)


ARABIC = {"一、总体情况": "1.总体情况", "二、主动公开": "2.主动公开", "三、收到和处理": "3、收到和处理",
          "四、政府信息公开行政": "4. 政府信息公开行政", "五、存在的": "5.存在的", "六、其他需要": "6．其他需要"}


def test_part_headings_numbered_in_digits_are_the_parts() -> None:
    text = renumbered(read(seed("001")), ARABIC)
    assert "1.总体情况\n" in text and "4. 政府信息公开行政复议、行政诉讼情况\n" in text
    report = parse_text(text)
    assert [(p.number, p.canonical) for p in report.parts] == [(str(i), i) for i in range(1, 7)]
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing", "row-missing")]
    assert report.tables["三"].row("R1").values == [22, 0, 0, 0, 0, 1, 23]  # person-read (tests/test_parse_seeds.py)


def test_a_numbered_point_titled_like_a_part_is_no_part() -> None:
    original = read(seed("001"))
    at = original.index("二、主动公开政府信息情况")
    # 总体情况's first point on a line of its own, worded as part 二's title; 二、 follows later
    text = original[:at] + "1.主动公开政府信息情况\n全年主动公开各类信息 8500 余条。\n" + original[at:]
    report = parse_text(text)
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
    assert "1.主动公开政府信息情况" in "".join(para.text for para in report.parts[0].all_paragraphs)
    # a point with text after the title on its line is no heading either
    report = parse_text(original[:at] + "1.主动公开政府信息情况。全年主动公开各类信息 8500 余条。\n" + original[at:])
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
    assert [p.number for p in report.parts] == ["一", "二", "三", "四", "五", "六"]
    # part 二's heading with its numeral alone on its line (pdftotext's default mode), and a point
    # 2.主动公开政府信息情况 before it: the point is still no part
    lone = original.replace("二、主动公开政府信息情况", "二、\n\n主动公开政府信息情况", 1)
    at = lone.index("二、\n\n主动公开")
    report = parse_text(lone[:at] + "2.主动公开政府信息情况\n全年主动公开各类信息 8500 余条。\n" + lone[at:])
    assert [(p.number, p.canonical) for p in report.parts] == [(n, i) for i, n in enumerate("一二三四五六", 1)]
