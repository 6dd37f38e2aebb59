"""The seeds through document converters an office reaches for (kept as they came out; CI
installs none of them): the seeds' Word files (tests/docx_build.py) through pandoc 2.17 (``-t
gfm``), markitdown 0.1.9 and mammoth 1.13 (``--output-format=markdown``), and the seeds' PDFs
(tests/pdf_build.py, reportlab; LibreOffice 7.4 from the Word files) and the huaian PDF through
markitdown, PyMuPDF 2.0 (``get_text(sort=True)``), pymupdf4llm 2.0 and pdf-parse 2.4.
Compared with the seeds' person-read values (tests/test_parse_seeds.py)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from tests.corpus import CORPUS, read
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text

EXTRACTED = Path(__file__).parent / "data" / "extracted"
UNREAD = ("cells-ambiguous", "cells-unplaced", "row-long", "row-short", "digits-ambiguous")


def _read(name: str) -> tuple[dict[str, dict[str, list]], list]:  # type: ignore[type-arg]
    report = parse_text(read(EXTRACTED / name), f"<{name}>")
    assert [p.canonical for p in report.parts if p.canonical] == [1, 2, 3, 4, 5, 6]
    got = {tid: {r.key: r.values for r in report.tables[tid].rows} for tid in ("二", "三", "四")}
    return got, report.findings


def _no_cell_wrong(got: dict[str, dict[str, list]], seed: str) -> None:  # type: ignore[type-arg]
    for tid, want in zip(("二", "三", "四"), EXPECTED[seed]):
        for key, values in got[tid].items():
            assert all(v is None or v == w for v, w in zip(values, want[key])), (tid, key, values)


def _named_unread(findings: list, table: str) -> set[str]:  # type: ignore[type-arg]
    return {k for f in findings if f.kind in UNREAD and f.data.get("table") == table
            for k in (f.data.get("rows") or [f.data.get("row")])}


# A Word table's label cells merged across columns come out of a pipe table as empty cells after
# the label (| 一、本年新收政府信息公开申请数量 | | | 0 | 0 | …): not values (the row had 9 for 7).
# mammoth escapes a number that could start a markdown list (1\.属于国家秘密): still the label's
# number, not a value (seed 000 had 60 of its 200 cells read).  mammoth drops blank cells: seed
# 002's 四、结转下年度继续办理, 总计 blank, has six values, said to be short.
@pytest.mark.parametrize("name, seed, short", [
    ("seed000_word_pandoc-gfm.md", "000", []), ("seed002_word_pandoc-gfm.md", "002", []),
    ("seed001_word_markitdown.md", "001", []),
    ("seed000_word_mammoth.md", "000", []), ("seed002_word_mammoth.md", "002", [("row-short", "R4")]),
    ("seed000_libreoffice_pdf-parse.txt", "000", [])])
def test_every_cell_through_a_converter(name: str, seed: str, short: list[tuple[str, str]]) -> None:
    got, findings = _read(name)
    for tid, want in zip(("二", "三", "四"), EXPECTED[seed]):
        assert got[tid] == want, tid
    assert [(f.kind, f.data.get("row")) for f in findings if f.kind in (*UNREAD, "row-missing")] == short


def test_blanks_at_both_ends_of_a_pipe_row_are_not_guessed() -> None:
    # seed 002's 四、结转下年度继续办理 spans three label columns and its 总计 is blank (read by eye):
    # | 四、结转下年度继续办理 | | | 0 | 0 | 0 | 0 | 0 | 0 | |  — 9 cells for 7 columns, blanks at both
    # ends.  pandoc's table has as many cells in every row: no row has a value in the first three
    # columns, so they are the labels' (every cell read).  markitdown's rows have as many cells as
    # Word's merged grid leaves: which two of this row's are no cells cannot be told.  Dropping
    # the last first gave 自然人 a blank and a 总计 of 0, and a false "blank cell" warning.
    got, findings = _read("seed002_word_markitdown.md")
    assert EXPECTED["002"][1]["R4"] == [0, 0, 0, 0, 0, 0, None]
    assert got["三"]["R4"] == [None] * 7
    assert "R4" in _named_unread(findings, "三")
    assert not [f for f in findings if f.kind == "value-placeholder"]
    for tid, want in zip(("二", "三", "四"), EXPECTED["002"]):
        assert {k: v for k, v in got[tid].items() if k != "R4"} == {k: v for k, v in want.items() if k != "R4"}


def test_values_printed_above_a_blank_label_line_are_the_labels_row() -> None:
    # markitdown on seed 001's reportlab PDF: 4.保护第三方合法权益's zeros are printed on the grid line
    # above its label's line, whose cells are blank (| 度 | 4.保护第三方合法权益 | | | | |).  The rows
    # after 3.危及“三安全一稳定” took those zeros by skipping that label: 1.本机关不掌握相关政府信息 got
    # 0 0 0 0 0 0 0 for its 3 0 0 0 0 1 4.
    got, findings = _read("seed001_reportlab_markitdown.md")
    _no_cell_wrong(got, "001")
    t3 = EXPECTED["001"][1]
    assert got["三"]["R3d1"] == t3["R3d1"] == [3, 0, 0, 0, 0, 1, 4]
    assert got["三"]["R3c4"] == t3["R3c4"]
    assert not [f for f in findings if f.kind == "row-duplicate"]
    unread = {k for k, v in got["三"].items() if v != t3[k]}
    assert unread and unread <= _named_unread(findings, "三")


@pytest.mark.parametrize("name, seed, short", [("seed000_reportlab_pymupdf-sort.txt", "000", []),
                                               ("seed002_reportlab_pymupdf-sort.txt", "002", [("row-short", "R4")])])
def test_page_numbers_beside_text_and_a_stray_mark_after_a_value(name: str, seed: str,
                                                                 short: list[tuple[str, str]]) -> None:
    # PyMuPDF's sorted text joins a page's footer and a line of the next page: "- 2 -  三、收到和处理
    # 政府信息公开申请情况" (the part and its table were missing), "- 1 -信息内容  本年处理决定数量"
    # (seed 002: the 1 went to 行政许可); and it puts the 、 of 三、 printed down a merged cell after a
    # row's last value ("… 0 0 0、": a label is never numbered 0, so the 0 is the row's 总计).  Seed
    # 002's blank 总计 of 四、结转下年度继续办理 is no text: the row is said to be short.
    text = read(EXTRACTED / name)
    assert "- 2 -  三、收到和处理政府信息公开申请情况" in text and "0、\n" in text
    got, findings = _read(name)
    for tid, want in zip(("二", "三", "四"), EXPECTED[seed]):
        assert got[tid] == want, tid
    assert [(f.kind, f.data.get("row")) for f in findings
            if f.kind in (*UNREAD, "table-missing", "part-missing")] == short


def _huaian_truth() -> dict[str, dict[str, list]]:  # type: ignore[type-arg]
    return json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"), parse_float=Decimal)


# PyMuPDF's sorted text: "1.本机关不掌握相关政府信息 746 12 0 0 10 1 769 （四）无" / "- 4 -    法提供
# 2.没有现成信息需要另行制作 11 0 …", the footer of page 4 beside the rest of 表三 (the row had 10
# values for 7).  markitdown 0.1.9 (pdfplumber's tables) prints a label's grid line with blank
# cells and its numbers on the line below (4 rows were unread), and some labels outside the grid:
# 3.补正后申请内容仍不明确 / | | | | 1 | …
# pdf-parse 2.4 (Node, pdf.js inside) separates pages with "-- 4 of 6 --", inside tables too.
@pytest.mark.parametrize("name, printed", [
    ("huaian_2024_pymupdf-sort.txt", "- 4 -    法提供   2.没有现成信息需要另行制作"),
    ("huaian_2024_markitdown.md", "| 办    | 4.保护第三方合法权益 |     |     |     |     |\n"),
    ("huaian_2024_pdf-parse.txt", "\n-- 4 of 6 --\n")])
def test_every_huaian_cell_through_a_converter(name: str, printed: str) -> None:
    text = read(EXTRACTED / name)
    assert printed in text
    truth = _huaian_truth()
    report = parse_text(text, f"<{name}>")
    for tid in ("二", "三", "四"):
        assert {r.key: r.values for r in report.tables[tid].rows} == truth[tid], tid


def test_a_pipe_tables_spacer_columns_are_no_columns() -> None:
    # markitdown on seed 001's LibreOffice PDF gives 表二's column gaps columns of their own, blank in
    # every row and in the header: | 行政规范性文件 | 3 | | 6 | 17 | | (the row had 4 values for 3)
    text = read(EXTRACTED / "seed001_libreoffice_markitdown.md")
    assert "| 行政规范性文件 | 3      |     | 6      | 17     |     |" in text
    got, findings = _read("seed001_libreoffice_markitdown.md")
    assert got["二"] == EXPECTED["001"][0]
    _no_cell_wrong(got, "001")
    unread = {k for k, v in got["三"].items() if v != EXPECTED["001"][1][k]}
    assert unread and unread <= _named_unread(findings, "三")


def test_huaian_through_pymupdf4llm() -> None:
    # pymupdf4llm 2.0 writes a cell's line breaks as <br>: |（四）无<br>1.本机关不掌握相关政府信息|746|…
    # (labels were "not fully recognised", four warnings).  Its 表四 prints the two 行政诉讼 groups'
    # values in an order that does not tell which is which (as raw pdftotext does): unread, said.
    text = read(EXTRACTED / "huaian_2024_pymupdf4llm.md")
    assert "|（四）无<br>1.本机关不掌握相关政府信息|746|12|0|0|10|1|769|" in text
    truth = _huaian_truth()
    report = parse_text(text, "<huaian pymupdf4llm>")
    for tid in ("二", "三"):
        assert {r.key: r.values for r in report.tables[tid].rows} == truth[tid], tid
    t4 = {r.key: r.values for r in report.tables["四"].rows}
    assert t4["fy"] == truth["四"]["fy"] and t4["zs"] == t4["hs"] == [None] * 5
    assert {"zs", "hs"} <= {k for f in report.findings if f.kind == "cells-unplaced" for k in f.data["rows"]}
    assert not [f for f in report.findings if f.kind == "unrecognised-line"]


def test_part_headings_a_converter_took_into_a_table() -> None:
    # pymupdf4llm on seed 001's LibreOffice PDF puts two part headings into the tables above them:
    # |三、<br>收到和处理政|府信息公开申请情况||| and |四、|政|府信息|公开行|政复议、|行政诉|讼情况|…
    # Parts 三 and 四 were "missing" (two PAR001 errors) and their tables with them.  A line that is
    # exactly a missing part's number and title, cells joined, is its heading.
    text = read(EXTRACTED / "seed001_libreoffice_pymupdf4llm.md")
    assert "|三、<br>收到和处理政|府信息公开申请情况|||" in text
    report = parse_text(text, "<seed 001 pymupdf4llm>")
    assert [(p.number, p.canonical, p.title) for p in report.parts][2:4] == [
        ("三", 3, "收到和处理政府信息公开申请情况"), ("四", 4, "政府信息公开行政复议、行政诉讼情况")]
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing")]
    got = {tid: {r.key: r.values for r in report.tables[tid].rows} for tid in ("二", "三", "四")}
    _no_cell_wrong(got, "001")
    unread = {k for k, v in got["三"].items() if v != EXPECTED["001"][1][k]}
    assert len(unread) <= 2 and unread <= _named_unread(report.findings, "三")


def test_part_headings_in_tags_and_run_onto_a_paragraph() -> None:
    # pymupdf4llm on seed 002's reportlab PDF: "# <u>五、存在的主要问题及改进情况</u>" (underlined), and
    # "…努力形成独具特色的工作亮点。 六、其他需要报告的事项" (the heading joined to the paragraph before):
    # parts 五 and 六 were missing (PAR001 errors).  (Its 表四 heading stands in a table row among
    # other cells' text, |行政|四、政府信息公开行政复议、行政诉<br>复议<br>…: still not found.)
    text = read(EXTRACTED / "seed002_reportlab_pymupdf4llm.md")
    assert "# <u>五、存在的主要问题及改进情况</u>" in text and "工作亮点。 六、其他需要报告的事项" in text
    report = parse_text(text, "<seed 002 pymupdf4llm>")
    parts = {p.canonical: (p.number, p.title) for p in report.parts}
    assert parts[5] == ("五", "存在的主要问题及改进情况") and parts[6] == ("六", "其他需要报告的事项")
    six = report.part(6)
    assert six is not None and text[six.span.start:six.span.end] == "六、其他需要报告的事项"
    assert [f.data["part"] for f in report.findings if f.kind == "part-missing"] == [4]



@pytest.mark.parametrize("name, seed, part, before, after", [
    # the heading among 表二's last cells, nothing after it: ``…行政事业性收费 0 三、 收到和处理政府信息公开申请情况``
    ("seed002_libreoffice_pymupdf4llm.md", "002", 3, "行政事业性收费 0", ""),
    # among 表三's last cells, 表四's first header words after it
    ("seed000_libreoffice_pymupdf4llm.md", "000", 4, "（七）总计 0 0 0 0 0 0 0 四、结转下年度继续办 0 0 0 0 0 0 0 理",
     "行政复议 行政诉讼")])
def test_a_part_heading_among_a_tables_cells(name: str, seed: str, part: int, before: str, after: str) -> None:
    # pymupdf4llm on the seeds' LibreOffice PDFs prints a table's cells it did not take into a
    # pipe table as one line, and the next part's heading on it: the part was missing (PAR001),
    # its table with it (PAR002), and 表三 of seed 002 had 24 of its cells read.
    text = read(EXTRACTED / name)
    report = parse_text(text, f"<{name}>")
    found = report.part(part)
    assert found is not None
    heading = text[found.span.start:found.span.end]
    assert heading.replace(" ", "") == found.number + "、" + found.title
    line = text[text.rfind("\n", 0, found.span.start) + 1:text.find("\n", found.span.end)]
    assert before in line.split(heading)[0] and line.split(heading)[1].strip() == after
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing")]
    got = {tid: {r.key: r.values for r in report.tables[tid].rows} for tid in ("二", "三", "四")}
    _no_cell_wrong(got, seed)
    want = EXPECTED[seed][part - 2]  # the part's table: most of its rows read, every cell right
    assert sum(got["二三四"[part - 2]][k] == v for k, v in want.items()) >= len(want) * 2 // 3
    for t, want in zip(("二", "三", "四"), EXPECTED[seed]):
        unread = {k for k, v in got[t].items() if v != want[k]}
        assert unread <= _named_unread(report.findings, t), t


def test_a_part_named_in_a_sentence_is_no_heading() -> None:
    # the in-line heading is a part's number and exact title with a blank (or the line's end)
    # after it, and only where that part would stand in order: a part named in passing in a
    # sentence of another part is no heading; nor in a text with no heading at all
    seed = read(CORPUS / "seeds" / "000_d9108970ff03afe8.txt")
    cut = seed[:seed.index("四、政府信息公开行政复议")] + "（略）\n" + seed[seed.index("五、存在的主要问题"):]
    mention = cut.replace("（略）", "情况见 四、政府信息公开行政复议、行政诉讼情况，本年无。")
    report = parse_text(mention, "<mention>")
    assert [f.data["part"] for f in report.findings if f.kind == "part-missing"] == [4]
    notes = "审阅记录：缺少 一、总体情况 与 六、其他需要报告的事项 两部分\n另一行\n"
    assert parse_text(notes, "<notes>").parts == []
