"""Every table cell of the five seeds, checked against values written by hand from reading
the files in tests/corpus/seeds (not copied from the parser's output)."""

from __future__ import annotations

import re

import pytest
from tests.corpus import read, seed

from govlint.parsing import parse_text

Z7 = [0] * 7
T3_ROWS = ["R1", "R2", "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
           "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3", "R3g", "R4"]
ALL_ZERO_T2 = {"reg": [0, 0, 0], "norm": [0, 0, 0], "licence": [0], "penalty": [0], "coercion": [0], "fee": [0]}
ALL_ZERO_T4 = {"fy": [0] * 5, "zs": [0] * 5, "hs": [0] * 5}


def t3(**overrides: list[int | None]) -> dict[str, list[int | None]]:
    rows: dict[str, list[int | None]] = {k: list(Z7) for k in T3_ROWS}
    rows.update(overrides)
    return rows


# Read by eye from each seed file.
EXPECTED = {
    # 渠县经济和信息化局: every cell printed as 0; labels wrapped over several lines.
    "000": (ALL_ZERO_T2, t3(), ALL_ZERO_T4),
    # 渠县人民政府办公室: tab-separated; （六）1 printed with only six 0s (line 66).
    "001": (
        {"reg": [0, 0, 0], "norm": [3, 6, 17], "licence": [0], "penalty": [0], "coercion": [0], "fee": [0]},
        t3(
            R1=[22, 0, 0, 0, 0, 1, 23],
            R2=[2, 0, 0, 0, 0, 0, 2],
            R3b=[18, 0, 0, 0, 0, 0, 18],
            R3c6=[1, 0, 0, 0, 0, 0, 1],
            R3d1=[3, 0, 0, 0, 0, 1, 4],
            R3f1=[0, 0, 0, 0, 0, 0, None],  # six values printed: kept in order, 7th absent
            R3g=[22, 0, 0, 0, 0, 1, 23],
            R4=[2, 0, 0, 0, 0, 0, 2],
        ),
        {"fy": [1, 0, 1, 1, 3], "zs": [0] * 5, "hs": [0] * 5},
    ),
    # 渠县科学技术局: OCR noise; 四、结转下年度继续办理 printed with six 0s (line 64).
    "002": (ALL_ZERO_T2, t3(R4=[0, 0, 0, 0, 0, 0, None]), ALL_ZERO_T4),
    # 叶县工业和信息化局: all zeros.
    "003": (ALL_ZERO_T2, t3(), ALL_ZERO_T4),
    # 涧西区工业和信息化局: all zeros, several rows split "0 0 0 0 0 0" / "0" over two lines.
    "004": (ALL_ZERO_T2, t3(), ALL_ZERO_T4),
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def parsed(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    path = seed(request.param)
    return request.param, parse_text(read(path), str(path))


def test_every_cell_of_every_table(parsed) -> None:  # type: ignore[no-untyped-def]
    name, report = parsed
    t2, t3_, t4 = EXPECTED[name]
    for table_id, expected in (("二", t2), ("三", t3_), ("四", t4)):
        table = report.tables[table_id]
        assert table.found, (name, table_id)
        got = {row.key: row.values for row in table.rows}
        assert got == expected, (name, table_id)


def test_rows_in_official_order(parsed) -> None:  # type: ignore[no-untyped-def]
    _, report = parsed
    assert [r.key for r in report.tables["三"].rows] == T3_ROWS
    assert [r.label for r in report.tables["四"].rows] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert len(report.tables["二"].rows) == 6


def test_six_parts_found_in_order(parsed) -> None:  # type: ignore[no-untyped-def]
    _, report = parsed
    canon = [p.canonical for p in report.parts if p.canonical]
    assert canon == [1, 2, 3, 4, 5, 6]
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing", "row-missing")]


def test_page_breaks_before_headings(parsed) -> None:  # type: ignore[no-untyped-def]
    """pdftotext and pdfminer start each page with a form feed: a part heading (and the table after
    it) at the top of a page is still that heading; positions keep their lines."""
    name, report = parsed
    text = re.sub(r"(?m)^(?=[ \t]*(?:[一二三四五六]、|（[一二三四五]）|第二十条))", "\f", report.text)
    again = parse_text(text, "<form feeds>")
    assert [p.canonical for p in again.parts if p.canonical] == [1, 2, 3, 4, 5, 6]
    for table_id, expected in zip(("二", "三", "四"), EXPECTED[name]):
        assert {row.key: row.values for row in again.tables[table_id].rows} == expected, (name, table_id)
    assert [p.span.line for p in again.parts] == [p.span.line for p in report.parts]


def test_seed001_short_row_is_a_finding() -> None:
    report = parse_text(read(seed("001")), "001")
    short = [f for f in report.findings if f.kind == "row-short"]
    assert len(short) == 1
    assert short[0].span.line == 66
    assert short[0].data["row"] == "R3f1"
    assert short[0].data["found"] == 6 and short[0].data["expected"] == 7
    row = report.tables["三"].row("R3f1")
    assert row is not None and not row.complete


def test_seed002_short_row_is_a_finding() -> None:
    report = parse_text(read(seed("002")), "002")
    short = [f for f in report.findings if f.kind == "row-short"]
    assert [(f.data["row"], f.span.line) for f in short] == [("R4", 64)]


def test_seed002_ocr_noise_reported_not_guessed() -> None:
    report = parse_text(read(seed("002")), "002")
    noise = [f for f in report.findings if f.kind == "unrecognised-line"]
    lines = {f.span.line for f in noise}
    assert 54 in lines  # "MAKK"
    assert 63 in lines  # "(七)总 ों ो" taken as （七）总计 by position, and said so
    assert report.tables["三"].row("R3g").span.line == 63  # type: ignore[union-attr]


def test_cells_carry_true_positions() -> None:
    text = read(seed("001"))
    report = parse_text(text, "001")
    row = report.tables["二"].row("norm")
    assert row is not None and row.span is not None
    assert row.span.line == 28
    cell = row.cell("valid")
    assert cell is not None and cell.span is not None and cell.value == 17
    line = text.split("\n")[cell.span.line - 1]
    # columns count characters, 1-based, end exclusive
    assert line[cell.span.column - 1 : cell.span.end_column - 1] == "17"


def test_year_title_and_preamble() -> None:
    r0 = parse_text(read(seed("000")), "000")
    assert r0.year == 2024
    assert r0.title == "渠县经济和信息化局2024年政府信息公开工作年度报告"
    assert r0.preamble and "统计期限" in "".join(p.joined for p in r0.preamble)
    r3 = parse_text(read(seed("003")), "003")
    assert r3.preamble == []  # seed 003 has no preamble
    r4 = parse_text(read(seed("004")), "004")
    assert r4.title == "涧西区工业和信息化局2024年政府信息公开工作年度报告"  # wrapped over two lines


def test_subsections_of_part_one() -> None:
    report = parse_text(read(seed("000")), "000")
    part1 = report.part(1)
    assert part1 is not None
    assert [s.number for s in part1.subsections] == ["一", "二", "三", "四", "五"]
    assert [s.title for s in part1.subsections] == ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]


def test_seed003_repeated_heading_is_kept_as_printed() -> None:
    report = parse_text(read(seed("003")), "003")
    assert [p.number for p in report.parts] == ["一", "二", "三", "四", "五", "六", "六"]
    assert report.parts[-1].canonical is None


def test_article_refs_of_part_two() -> None:
    report = parse_text(read(seed("001")), "001")
    part2 = report.part(2)
    assert part2 is not None
    assert [a.item for a in part2.article_refs] == ["一", "五", "六", "八"]
    assert all(a.article == "二十" for a in part2.article_refs)


def test_placeholders_and_unreadable_values_are_kept_apart_from_zero() -> None:
    text = read(seed("001")).replace("规 章\t0\t0\t0", "规 章\t/\t—\t无").replace(
        "行政许可\t0", "行政许可\tO")
    report = parse_text(text, "edited")
    reg = report.tables["二"].row("reg")
    assert reg is not None and reg.values == [None, None, None]
    assert [c.placeholder for c in reg.cells] == ["/", "—", "无"]
    assert report.tables["二"].value("licence", "count") is None
    kinds = [(f.kind, f.span.line) for f in report.findings]
    assert kinds.count(("value-placeholder", 27)) == 3
    assert ("value-invalid", 31) in kinds


def test_table4_one_group_per_line() -> None:
    """Some reports print 表四 as three labelled lines instead of one line of 15 numbers."""
    text = read(seed("000"))
    start = text.index("行政复议 行政诉讼")
    end = text.index("五、存在的主要问题及改进情况")
    table4 = ("结果维持 结果纠正 其他结果 尚未审结 总计\n行政复议 1 0 2 0 3\n"
              "行政诉讼\n未经复议直接起诉 0 1 0 0 1\n复议后起诉 0 0 0 2 2\n\n")
    report = parse_text(text[:start] + table4 + text[end:], "t4.txt")
    assert {r.key: r.values for r in report.tables["四"].rows} == {
        "fy": [1, 0, 2, 0, 3], "zs": [0, 1, 0, 0, 1], "hs": [0, 0, 0, 2, 2]}
    assert not [f for f in report.findings if f.data.get("table") == "四"]


def test_extra_subtotal_column_is_dropped_and_reported() -> None:
    """A 法人或其他组织 小计 column before 总计 (GOV-T006): dropped where it is that subtotal."""
    import re

    lines = read(seed("001")).split("\n")
    out = []
    for ln in lines:
        cells = ln.split("\t")
        nums = [c for c in cells if re.fullmatch(r"[0-9]+", c)]
        if len(nums) == 7 and cells[-7:] == nums:
            sub = sum(int(x) for x in nums[1:6])
            cells = cells[:-1] + [str(sub), cells[-1]]
        out.append("\t".join(cells))
    text = "\n".join(out).replace("其他\t", "其他\t小计\t", 1)
    report = parse_text(text, "subtotal.txt")
    assert report.tables["三"].value("R1", "tot") == 23 and report.tables["三"].value("R1", "oth") == 1
    assert report.tables["三"].row("R3d1").values == [3, 0, 0, 0, 0, 1, 4]  # type: ignore[union-attr]
    extra = [f for f in report.findings if f.kind == "extra-column"]
    assert len(extra) == 1 and extra[0].data["rows"] == 24  # every complete row of 表三 (（六）1 has 6 values)


@pytest.mark.parametrize("seed_name", ["001", "003"])
def test_every_cell_written_with_its_unit(seed_name: str) -> None:
    # an office that types 3件 into the cells: every cell of 表二、表三、表四 with 件 after its number
    # (was read as text, 200 cells "not recognised")
    text = read(seed(seed_name))
    a, b = text.index("二、主动公开政府信息情况"), text.index("五、存在的主要问题")
    body, n = re.subn(r"(?<=[ \t])([0-9]+)(?=[ \t\n])", r"\1件", text[a:b])
    assert n > 150
    report = parse_text(text[:a] + body + text[b:], f"<seed {seed_name} with 件>")
    for tid, want in zip(("二", "三", "四"), EXPECTED[seed_name]):
        assert {r.key: r.values for r in report.tables[tid].rows} == want, tid
