"""Stage 1 of the table reader: tokens from flat text and from an explicit grid, and the bounded
number parsing of :mod:`govlint.numbers`."""

from __future__ import annotations

import json
from decimal import Decimal

from tests.cli_util import run
from tests.corpus import REAL

from govlint.interpret.tokens import GridCell, TokenKind, tokens_from_grid, tokens_from_text
from govlint.numbers import MAX_DIGITS, parse_cell, parse_count, parse_money, to_json


def kinds(toks):  # type: ignore[no-untyped-def]
    return [(t.kind, t.text) for t in toks]


def test_text_and_grid_give_the_same_tokens() -> None:
    text = "| 规章 | 1 | 0 | 11 |\n| 行政规范性文件 |  | 26 | 66 |\n"
    flat = tokens_from_text(text)
    grid = tokens_from_grid([["规章", "1", "0", "11"], ["行政规范性文件", " ", "26", "66"]])
    assert kinds(flat) == kinds(grid)
    assert kinds(grid)[:6] == [(TokenKind.ROW_OPEN, ""), (TokenKind.TEXT, "规章"), (TokenKind.NUMBER, "1"),
                               (TokenKind.NUMBER, "0"), (TokenKind.NUMBER, "11"), (TokenKind.ROW_CLOSE, "")]
    assert (TokenKind.EMPTY, "") in kinds(grid)  # a blank cell in a row of numbers


def test_a_pipe_column_blank_in_every_row_is_no_column() -> None:
    """A column blank in every row of a pipe table, header included, is a gap (markitdown); a
    column with a header keeps its blank cells."""
    gap = "| 信息内容 | 本年制发件数 | | 本年废止件数 | 现行有效件数 | |\n| --- | --- | --- | --- | --- | --- |\n" \
          "| 规章 | 0 | | 0 | 0 | |\n| 行政规范性文件 | 3 | | 6 | 17 | |\n"
    assert (TokenKind.EMPTY, "") not in kinds(tokens_from_text(gap))
    named = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | | 0 |\n| 行政规范性文件 | 3 | | 17 |\n"
    assert kinds(tokens_from_text(named)).count((TokenKind.EMPTY, "")) == 2


def test_a_pipe_tables_label_columns_hold_no_blank_cells() -> None:
    """The columns before the first one any row has a value in are the labels': their blank cells
    (a label merged across them) are no values; a blank cell among the values is one."""
    text = ("| 申请人情况 | | 自然人 | 总计 |\n| --- | --- | --- | --- |\n| 一、本年新收 | | 1 | 1 |\n"
            "| 三、本年度办理结果 | （一）予以公开 | 2 | |\n")
    assert [k for k, _ in kinds(tokens_from_text(text)) if k is not TokenKind.TEXT] == [
        TokenKind.ROW_OPEN, TokenKind.ROW_CLOSE,
        TokenKind.ROW_OPEN, TokenKind.NUMBER, TokenKind.NUMBER, TokenKind.ROW_CLOSE,
        TokenKind.ROW_OPEN, TokenKind.NUMBER, TokenKind.EMPTY, TokenKind.ROW_CLOSE]


def test_a_line_break_tag_in_a_cell_is_a_blank() -> None:
    """pymupdf4llm writes the line breaks of a cell as <br>; offsets stay those of the text."""
    text = "|（四）无<br>1.本机关不掌握相关政府信息|746|12|\n"
    toks = tokens_from_text(text)
    assert [t.text for t in toks if t.kind is TokenKind.TEXT] == ["（四）无", "1.本机关不掌握相关政府信息"]
    label = [t for t in toks if t.text.startswith("1.")][0]
    assert text[label.start:label.end] == "1.本机关不掌握相关政府信息"


def test_grid_cells_keep_their_positions() -> None:
    toks = tokens_from_grid([[GridCell("行政许可", 100, 104), GridCell("447228", 110, 116)]])
    num = [t for t in toks if t.kind is TokenKind.NUMBER][0]
    assert (num.start, num.end) == (110, 116)


def test_footers_and_prose_are_skipped() -> None:
    text = "规章 1 0 11\n- 3 -\n—4—\n-5-\n第 6 页\n本年度共制发文件 3 件。\n行政许可 5\n"
    assert [t.text for t in tokens_from_text(text)] == ["规章", "1", "0", "11", "行政许可", "5"]


def test_other_tools_page_separators_are_skipped() -> None:
    """pdf-parse's "-- 4 of 6 --", and 第 3 页 共 7 页 either way round, are no cells."""
    text = "规章 1 0 11\n-- 4 of 6 --\n第 3 页 共 7 页\n共 7 页，第 4 页\n行政许可 5\n"
    assert [t.text for t in tokens_from_text(text)] == ["规章", "1", "0", "11", "行政许可", "5"]


def test_a_footer_after_a_page_break_is_skipped() -> None:
    """pdftotext starts each page with a form feed: the footer of the page before follows it."""
    assert [t.text for t in tokens_from_text("行政事业性收费 0\n\f- 3 -\n")] == ["行政事业性收费", "0"]


def test_a_footer_beside_the_next_pages_text_is_skipped_not_a_placeholder_and_value() -> None:
    """PyMuPDF's sorted text prints a footer and a line of the next page as one line; a footer
    shape before a value is a row's cells ("- 1 - 3": placeholder, 1, placeholder, 3)."""
    toks = tokens_from_text("- 4 -    法提供   2.没有现成信息需要另行制作 11 0\n—5—信息内容\n- 1 - 3\n")
    assert [t.text for t in toks] == ["法提供", "2.没有现成信息需要另行制作", "11", "0", "信息内容", "-", "1", "-", "3"]


def test_a_lone_dunhao_is_a_label_character_not_a_blank_cell() -> None:
    """三、本年度办理结果 printed one character per line (pdfplumber): the 、 on a line of its own is
    part of that label; among a row's values it stands for a blank cell."""
    toks = tokens_from_text("三\n3.危及“三安全一稳定” 0 0 0\n、\n本\n年\n4.保护第三方合法权益 0 、 0\n")
    assert kinds(toks)[4:6] == [(TokenKind.NUMBER, "0"), (TokenKind.TEXT, "、")]
    assert (TokenKind.PLACEHOLDER, "、") in kinds(toks)[8:]


def test_label_numbering_is_text_not_a_value() -> None:
    toks = tokens_from_text("2.其他法律行政法规禁止公开 30 1\n1、申请人无正当理由 67\n")
    assert kinds(toks) == [(TokenKind.TEXT, "2.其他法律行政法规禁止公开"), (TokenKind.NUMBER, "30"),
                           (TokenKind.NUMBER, "1"), (TokenKind.TEXT, "1、申请人无正当理由"), (TokenKind.NUMBER, "67")]


def test_a_markdown_escaped_label_number_and_a_value_glued_to_a_mark() -> None:
    """mammoth writes 1\\.属于国家秘密 (markdown's escape of a list number): the label's number; no
    row is numbered 0, so 0、 is a value with a stray 、 beside it (PyMuPDF's sorted text)."""
    toks = tokens_from_text("1\\.属于国家秘密\n0\n3.危及“三安全一稳定” 0 0 0、\n")
    assert kinds(toks) == [(TokenKind.TEXT, "1\\.属于国家秘密"), (TokenKind.NUMBER, "0"),
                           (TokenKind.TEXT, "3.危及“三安全一稳定”"), (TokenKind.NUMBER, "0"), (TokenKind.NUMBER, "0"),
                           (TokenKind.NUMBER, "0"), (TokenKind.TEXT, "、")]


def test_a_cell_with_its_unit_is_its_number() -> None:
    """3件, 96171.6万元: the number, its span the digits'; 2024年 and 第3 stay text."""
    text = "行政规范性文件 3件 0件 17件\n行政事业性收费 96171.6万元\n2024年 第3\n"
    toks = tokens_from_text(text)
    nums = [(t.text, text[t.start:t.end]) for t in toks if t.kind is TokenKind.NUMBER]
    assert nums == [("3", "3"), ("0", "0"), ("17", "17"), ("96171.6", "96171.6")]


def test_numbers_are_bounded() -> None:
    assert parse_count("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    assert parse_count("9" * (MAX_DIGITS + 1)) is None
    assert parse_count("1" * 5000) is None  # never int() over thousands of digits
    assert parse_count("10.00") is None  # a decimal is no count
    assert parse_money("10.00") == Decimal("10.00")
    assert parse_cell("３", money=False) is None  # full-width digits are not read as numbers
    assert to_json(Decimal("96171.6")) == 96171.6 and to_json(Decimal("12")) == 12


def test_parse_json_of_a_2019_format_report() -> None:
    """2019-format reports have money amounts (Decimal) in finding data: the JSON must not crash."""
    path = REAL / "pingtan_2020.txt"
    p = run("parse", "--output-format", "json", str(path))
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert doc["profile"] == "2019"
    fee = {r["key"]: r["values"] for t in doc["tables"] if t["id"] == "二" for r in t["rows"]}["fee"]
    assert fee == [35, -15]  # "行政事业性收费35-15": 上一年项目数量 35, 本年增/减 -15 (read by eye)
    assert any(f["kind"] == "digits-ambiguous" and f["data"]["row"] == "procurement" for f in doc["findings"])


def test_read_grid_places_cells_of_an_explicit_grid() -> None:
    """A document table handed on as a grid (merged label cell repeated, group label in a cell of
    its own): values as in huaian_2024.pdf p.4, read by eye."""
    from govlint.interpret import read_grid

    rows = [
        ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "2", "0", "0", "0", "0", "0", "2"],
        ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开", "30", "1", "0", "0", "0", "0", "31"],
        ["", "", "3.危及“三安全一稳定”", "5", "0", "0", "0", "0", "0", "5"],
    ]
    got = read_grid(rows, "三")
    assert got["R3c1"] == [2, 0, 0, 0, 0, 0, 2]
    assert got["R3c2"] == [30, 1, 0, 0, 0, 0, 31]
    assert got["R3c3"] == [5, 0, 0, 0, 0, 0, 5]
    assert got["R1"] == [None] * 7


def test_full_width_digits_are_the_same_numerals() -> None:
    """Digits typed in a full-width input mode (０ … ９) are numerals like 0 … 9, not misread ones:
    seed 000's tables with every digit full-width read as a person read them (its printed values),
    the title's ２０２４ is the year; letters read for digits (O, l0) and 〇 stay unread."""
    from tests.corpus import read, seed
    from tests.test_parse_seeds import EXPECTED

    from govlint.parsing import parse_text

    text = read(seed("000"))
    report = parse_text(text.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}))
    assert report.year == 2024
    for table_id, want in zip(("二", "三", "四"), EXPECTED["000"]):
        assert {r.key: r.values for r in report.tables[table_id].rows} == want, table_id
    assert not [f for f in report.findings if f.kind == "value-invalid"]
    line = "（一）予以公开 0 0 0 0 0 0 0"
    assert line in text
    report = parse_text(text.replace(line, "（一）予以公开 O 0 0 0 0 0 〇"))
    row = report.tables["三"].row("R3a")
    assert row is not None and row.values == [None, 0, 0, 0, 0, 0, None]
    said = [f for f in report.findings if f.kind == "value-invalid" and f.data.get("row") == "R3a"]
    assert len(said) == 2


def test_thousands_separators_strictly_grouped_are_one_numeral() -> None:
    """3,985,758 (淮安 2024's 行政处罚 count, read on the page as 3985758) and 96,171.6 are one value
    each; digits joined by commas in other groupings (1,0,0 / 12,34) are no such numeral."""
    from govlint.interpret.tokens import TokenKind, tokens_from_text

    toks = tokens_from_text("行政处罚 3,985,758\n行政事业性收费 96,171.6\n")
    assert [(t.kind, t.text) for t in toks if t.kind is TokenKind.NUMBER] == [
        (TokenKind.NUMBER, "3985758"), (TokenKind.NUMBER, "96171.6")]
    assert [t.end - t.start for t in toks if t.kind is TokenKind.NUMBER] == [9, 8]  # the printed numerals
    for odd in ("1,0,0", "12,34", "1234,567"):
        whole = odd.replace(",", "")
        assert whole not in [t.text for t in tokens_from_text(f"规章 {odd}\n")], odd
