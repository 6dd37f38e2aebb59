"""The published PDF itself (tests/corpus/pdf/huaian_2024.pdf, 6 pages made with WPS), read from
its page geometry, against the person-read cells of tests/corpus/truth/huaian_2024.json."""

from __future__ import annotations

import json
import re

import pytest
from tests.corpus import CORPUS

from govlint.parsing import parse_text
from govlint.source import read_source

pytest.importorskip("pdfplumber")

PDF = CORPUS / "pdf" / "huaian_2024.pdf"
TRUTH = json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def source():  # type: ignore[no-untyped-def]
    src = read_source(PDF)
    assert src.error is None and src.text
    return src


@pytest.fixture(scope="module")
def report(source):  # type: ignore[no-untyped-def]
    return parse_text(source.text, str(PDF))


def test_every_cell_of_the_truth(report) -> None:  # type: ignore[no-untyped-def]
    for table_id in ("二", "三", "四"):
        got = {row.key: row.values for row in report.tables[table_id].rows}
        for key, want in TRUTH[table_id].items():
            assert [None if v is None else float(v) for v in got[key]] == [None if v is None else float(v) for v in want], (table_id, key)


def test_no_reading_problems(report) -> None:  # type: ignore[no-untyped-def]
    assert report.profile == "2021" and report.year == 2024
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
    assert report.findings == []


def test_running_page_numbers_are_removed(source) -> None:  # type: ignore[no-untyped-def]
    # every page prints "- N -" at its foot (pages 1–5)
    assert not re.search(r"^-\s*\d+\s*-$", source.text, re.M)
    assert "- 3 -" not in source.text


def test_paragraphs_in_reading_order_across_page_breaks(source) -> None:  # type: ignore[no-untyped-def]
    lines = source.text.split("\n")
    # page 1 ends mid-sentence ("…“建设‘四最’一流"), page 2 goes on ("营商环境高质量…"): one paragraph
    assert any("“建设‘四最’一流营商环境高质量推进产业发展”" in ln for ln in lines)
    # each indented line starts a paragraph: the subsections are lines of their own
    for start in ("（一）主动公开情况。", "（二）依申请公开情况。", "（三）政府信息管理情况。", "（五）政府信息公开监督保障情况。"):
        assert sum(ln.startswith(start) for ln in lines) == 1, start
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines


def test_table_continued_on_the_next_page_is_one_table(source) -> None:  # type: ignore[no-untyped-def]
    text = source.text
    # 表三 runs from page 4 onto page 5; the group label （四）无法提供 is cut by the page break
    # ("（四）无" / "法提供") and is one cell again
    assert "| （四）无法提供 |" in text and "法提供 |" not in text.replace("无法提供 |", "")
    table3 = text[text.index("三、收到和处理政府信息公开申请情况"): text.index("四、政府信息公开行政复议")]
    assert sum(ln.startswith("|---") for ln in table3.split("\n")) == 1  # one table
    assert "| 三、本年度办理结果 |" in table3  # the vertical label, one character per line in the PDF


def test_cells_map_back_to_page_and_labels(source) -> None:  # type: ignore[no-untyped-def]
    lines = source.text.split("\n")
    n = next(i for i, ln in enumerate(lines, 1) if "| 1.属于国家秘密 |" in ln)
    col = lines[n - 1].index("| 2 |") + 3  # the 自然人 cell of 1.属于国家秘密 (page 4)
    loc = source.line_map.locate(n, col)
    assert loc is not None and loc.page == 4 and loc.bbox is not None
    assert "1.属于国家秘密" in (loc.cell or "") and "自然人" in (loc.cell or "")
    # a cell on page 5, after the page break
    n = next(i for i, ln in enumerate(lines, 1) if "| 2.重复申请 |" in ln)
    loc = source.line_map.locate(n, lines[n - 1].index("| 25 |") + 3)
    assert loc is not None and loc.page == 5 and "（五）不予处理" in (loc.cell or "")
    # prose lines map to their page
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("五、存在的主要问题"))
    assert source.line_map.locate(n, 1).page == 5
