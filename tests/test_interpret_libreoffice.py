"""The seeds as Word files (tests/docx_build.py) saved as PDF by LibreOffice 7.4 — a real office
suite's table layout, not one written for the tests: narrow label columns, so a row's label wraps
over up to seven lines with its numbers on the first one, and the merged 三、本年度办理结果 printed
down its tall cell beside the rows (``三、 （一）予以公 0 0 0 0 0 0 0`` / ``本年 开`` / ``度办 （二）部分公
18 …``, seen on the page image).  Extracted by pdfplumber 0.11 and poppler's pdftotext -layout and
kept as they came out (CI installs no LibreOffice).  Compared with the seeds' person-read values."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import read
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text

EXTRACTED = Path(__file__).parent / "data" / "extracted"


# PDFium (pypdfium2 5.15, get_text_range, CRLF line ends) prints a narrow label cell one piece of a
# line at a time: 4. / 无 / 正 / 当 / 理 / 由 / 大量反复 / 申请 (seed 000), （ / 四 / ） / 无 / 法提 (seed 002,
# 供 two lines on): that 无 is the label's character, not a blank cell (the row had 8 values before)
@pytest.mark.parametrize("name, tool", [("001", "pdfplumber"), ("003", "pdftotext-layout"), ("000", "pdfium"),
                                        ("001", "pdfium"), ("002", "pdfium")])
def test_every_cell_of_a_libreoffice_pdf(name: str, tool: str) -> None:
    report = parse_text(read(EXTRACTED / f"seed{name}_libreoffice_{tool}.txt"), f"<seed {name} {tool}>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED[name]):
        assert {r.key: r.values for r in report.tables[table_id].rows} == want, table_id
    assert [p.canonical for p in report.parts if p.canonical] == [1, 2, 3, 4, 5, 6]
    assert not [f.kind for f in report.findings if f.kind in ("row-missing", "cells-unplaced", "cells-ambiguous")]


def test_pdfminer_moves_a_column_past_the_next_caption_and_no_cell_is_guessed() -> None:
    # pdfminer.six 20231228 on seed 001's LibreOffice PDF prints 表二's first block as
    # 0 6 0 17 | 规章 行政规范性文件 | 第二十条第（五）项 | 0 3 (the 本年制发件数 column, 0 and 3, after the
    # next caption).  Nothing places those values: 规章 and 行政规范性文件 stay unread and are named; no
    # value is carried into the next blocks' rows (行政处罚 got the 17 before).
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_pdfminer.txt"), "<seed 001 pdfminer>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)
    t2 = {r.key: r.values for r in report.tables["二"].rows}
    assert t2["reg"] == [None] * 3 and t2["norm"] == [None] * 3
    assert t2["penalty"] == [0] and t2["coercion"] == [0] and t2["licence"] == [0]
    unread = [k for f in report.findings if f.kind == "cells-unplaced" and f.data["table"] == "二"
              for k in f.data["rows"]]
    assert {"reg", "norm"} <= set(unread)


def test_values_before_a_run_of_labels_do_not_go_to_the_labels_furthest_off() -> None:
    # The same Word file with ruled tables ("Table Grid"), through pdfminer.six: 表二 prints every
    # block's column boxes first (本年废止件数 0 6, 现行有效件数 0 17, 本年处理决定数量 0, 本年制发件数
    # 0 3), then all six labels.  The two values before the labels are no row's of 行政强制 and
    # 行政事业性收费, the last two labels (the fee got 6 before): nothing in 表二 is read.
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_ruled_pdfminer.txt"), "<seed 001 ruled pdfminer>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)
    assert all(v is None for r in report.tables["二"].rows for v in r.values)


def test_a_part_number_alone_on_its_line_heads_the_part_on_the_next() -> None:
    # pdftotext (poppler 22.12, default mode) on the ruled PDF: Word list numbers set apart from
    # their text by a tab come out as lines of their own — 二、 / (blank) / 主动公开政府信息情况.
    # Parts 一, 二 and 六 were lost, and 表二 was read from part 一's prose (规范性文件 7 件 → 7).
    text = read(EXTRACTED / "seed001_libreoffice_ruled_pdftotext.txt")
    assert "\n二、\n\n主动公开政府信息情况\n" in text
    report = parse_text(text, "<seed 001 pdftotext>")
    assert [(p.canonical, p.number) for p in report.parts] == [(i, n) for i, n in enumerate("一二三四五六", 1)]
    assert report.part(2).title == "主动公开政府信息情况"
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)


def test_a_lone_numeral_before_a_table_label_is_no_heading() -> None:
    # 三、 alone, then 本年 / 度办 (表三's merged 三、本年度办理结果), stays the table's text
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n三、\n\n本年\n度办\n理结果\n四、政府信息公开行政复议、行政诉讼情况\n"
    report = parse_text(text, "<lone numeral>")
    assert [p.canonical for p in report.parts] == [3, 4]


def test_a_fragment_of_a_row_gets_no_columns() -> None:
    # the centred variant through pdftotext: 表四's values are split by the page break and the
    # heading 五、; one 0 of 行政复议's five is read after it.  Which column it is, the text does not
    # say: the row stays unread (it was put in the first column, 结果维持, whose value is 1).
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_centred_pdftotext.txt"), "<seed 001 centred>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)


def test_where_a_short_rows_values_go() -> None:
    from govlint.interpret.cells import short_placement
    from govlint.interpret.tokens import Token, TokenKind
    from govlint.profile import get_profile

    t3 = next(t for t in get_profile("2021").tables if t.id == "三")
    fee = next(t for t in get_profile("2021").tables if t.id == "二").row("fee")

    def nums(*texts: str) -> list[Token]:
        return [Token(TokenKind.NUMBER, x, 0, len(x)) for x in texts]

    r3f1 = t3.row("R3f1")
    # seed 001's 1.申请人无正当理由… prints six 0s: the blank is 总计 (read on the page), in order
    assert short_placement(nums(*"000000"), r3f1) == list(r3f1.columns[:6])
    # one value of seven: which column it is, nothing says
    assert short_placement(nums("0"), r3f1) is None
    assert short_placement(nums("3", "0", "1"), r3f1) is None
    assert short_placement(nums("96171.6"), fee) == ["amount"]


def test_two_readings_that_break_nothing_and_differ_leave_the_rows_unread() -> None:
    # pdfminer.six with LAParams(boxes_flow=None) on the unruled PDF prints most rows' numbers
    # before their labels (22 0 0 0 0 1 23 / 一、本年新收…), the last ones after.  Read either way,
    # no relation of 表三 breaks; the reading with the values after the labels placed more cells
    # and was taken: 一、本年新收 got 2 0 0 0 0 0 2.  Rows the two read differently stay unread.
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_pdfminer-boxes-flow-none.txt"), "<seed 001 noflow>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)


def test_values_after_a_label_fill_no_rows_whose_labels_stand_among_unexplained_values() -> None:
    # pdfminer.six with LAParams(all_texts=True, boxes_flow=0.9) on the unruled PDF: after
    # （二）部分公开… come 42 values (0 × 35, then 1 0 0 0 0 0 1), then the labels 1.属于国家秘密 …
    # 2.重复申请 with 30 values of their own that fit no row.  Read as 部分公开 and the rows after it
    # (their labels "printed elsewhere") every row's 总计 held, and 部分公开 got 0 … 0 (it is 18 on the
    # page) and 5.属于三类内部事务信息 1 … 1 (it is 0): those labels own values nothing explains, so
    # the presumption has nothing to rest on.  No wrong number; every unread row is named.
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_pdfminer-all-texts.txt"), "<seed 001 all-texts>")
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001"]):
        said = {k for f in report.findings if f.data.get("table") == table_id and f.kind in
                ("cells-unplaced", "cells-ambiguous", "row-short", "row-long")
                for k in (f.data.get("rows") or [f.data.get("row")])}
        for row in report.tables[table_id].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (table_id, row.key)
            assert row.values == want[row.key] or row.key in said, (table_id, row.key)
    t3 = {r.key: r.values for r in report.tables["三"].rows}
    assert t3["R3b"] == [None] * 7 and t3["R3c5"] == [None] * 7
    assert not [f for f in report.findings if f.kind in ("row-missing", "table-missing")]
