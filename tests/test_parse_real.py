"""Table cells of the real reports in tests/corpus/real, against values worked out by hand.

Fused digit runs were split by hand with the table's own arithmetic (row total = sum of the six
applicant columns; （七）总计 = sum of the outcome rows; 一 + 二 = （七）总计 + 四; 表四 groups sum to
their 总计).  Where the arithmetic cannot decide, the test says so and expects the parser to
say so too.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.corpus import REAL, read

from govlint.model import Report
from govlint.parsing import parse_text

T3_ROWS = ["R1", "R2", "R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
           "R3d1", "R3d2", "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3", "R3g", "R4"]
Z7 = [0] * 7


def parse(name: str) -> Report:
    path = REAL / name
    return parse_text(read(path), str(path))


def values(report: Report, table: str) -> dict[str, list]:  # type: ignore[type-arg]
    return {row.key: row.values for row in report.tables[table].rows}


def t3(**rows: list[int | None]) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {k: list(Z7) for k in T3_ROWS}
    out.update(rows)
    return out


def one(n: int) -> list[int]:
    """A row where n natural persons and nobody else: n 0 0 0 0 0 n."""
    return [n, 0, 0, 0, 0, 0, n]


class TestPingtan2021:
    """One line for the whole report; every table row's digits fused."""

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        return parse("pingtan_2021.txt")

    def test_structure(self, report: Report) -> None:
        assert report.year == 2021 and report.profile == "2021"
        assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
        # the six parts are found inside the single long line 10
        assert {p.span.line for p in report.parts} == {10}

    def test_table2(self, report: Report) -> None:
        got = values(report, "二")
        assert got["reg"] == [0, 0, 0]  # "000": no number has a leading zero
        # "693665" (made / repealed / valid): 69/3/665, 6/93/665, 69/36/65 … all fit; table 二 has
        # no arithmetic to decide, so the values stay absent and a finding lists candidates.
        assert got["norm"] == [None, None, None]
        amb = [f for f in report.findings if f.kind == "digits-ambiguous" and f.data.get("row") == "norm"]
        assert len(amb) == 1
        cands = amb[0].data["candidates"]
        assert len(cands) >= 2 and all("".join(map(str, c)) == "693665" and len(c) == 3 for c in cands)
        assert got["licence"] == [2293] and got["penalty"] == [1282] and got["coercion"] == [42]
        assert got["fee"] == [Decimal("24252.311082")]

    def test_table3(self, report: Report) -> None:
        assert values(report, "三") == t3(
            R1=[64, 0, 0, 2, 0, 4, 70],  # 640020470: 64+2+4 = 70
            R3a=[27, 0, 0, 2, 0, 1, 30],  # 270020130: 27+2+1 = 30
            R3b=one(5),  # "500000 5"
            R3c5=one(1), R3c7=one(6), R3c8=one(1),
            R3d1=[22, 0, 0, 0, 0, 3, 25],  # 220000325
            R3f3=one(1),
            R3g=[63, 0, 0, 2, 0, 4, 69],  # 630020469; column sums agree: 27+5+1+6+1+22+1 = 63
            R4=one(1),  # 70 + 0 = 69 + 1
        )
        assert sum(1 for f in report.findings if f.kind == "digits-recovered") >= 25

    def test_table4(self, report: Report) -> None:
        # 10203120001200000 = 1 0 2 0 3 | 12 0 0 0 12 | 0 0 0 0 0
        assert values(report, "四") == {"fy": [1, 0, 2, 0, 3], "zs": [12, 0, 0, 0, 12], "hs": [0] * 5}

    def test_recovered_cells_point_into_the_digit_run(self, report: Report) -> None:
        row = report.tables["三"].row("R1")
        assert row is not None
        cell = row.cells[0]
        assert cell.span is not None
        assert report.text[cell.span.start : cell.span.end] == "64"
        assert report.text[row.cells[6].span.start : row.cells[6].span.end] == "70"  # type: ignore[union-attr]


class TestPingtan2022:
    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        return parse("pingtan_2022.txt")

    def test_structure(self, report: Report) -> None:
        assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
        assert "行政法复议" in report.parts[3].title  # the typo is kept as printed

    def test_table2(self, report: Report) -> None:
        got = values(report, "二")
        assert got["reg"] == [0, 0, 0]
        # "8855698" alone could be 88/55/698, 8/85/5698 …; the prose decides: "集中公开现行有效行政规范性
        #文件698件，动态更新本年度制发的规范性文件88件" → made 88, valid 698, so repealed 55
        assert got["norm"] == [88, 55, 698]
        by_prose = [f for f in report.findings if f.data.get("row") == "norm"]
        assert [(f.kind, f.data.get("by")) for f in by_prose] == [("digits-recovered", "prose")]
        assert got["licence"] == [10690] and got["penalty"] == [2113] and got["coercion"] == [0]
        assert got["fee"] == [Decimal("9116.36")]

    def test_table3(self, report: Report) -> None:
        assert values(report, "三") == t3(
            R1=[71, 3, 0, 0, 0, 0, 74],  # 713000074
            R2=one(1),
            R3a=one(21),  # 210000021
            R3b=[8, 1, 0, 0, 0, 0, 9],  # 8100009
            R3c5=one(1), R3c6=one(2), R3c7=one(1),
            R3d1=one(37),  # 370000037
            R3f1=one(2),
            R3f3=[0, 2, 0, 0, 0, 0, 2],  # 0200002
            R3g=[72, 3, 0, 0, 0, 0, 75],  # 723000075: 21+8+1+2+1+37+2 = 72; 1+2 = 3
        )

    def test_table4(self, report: Report) -> None:
        # printed with spaces: 0 1 1 0 2 1 0 0 0 1 0 0 0 0 0
        assert values(report, "四") == {"fy": [0, 1, 1, 0, 2], "zs": [1, 0, 0, 0, 1], "hs": [0] * 5}


class TestShanghaiKewei2024:
    """PDF to markdown: pipe tables broken across pages, labels floating away from their values."""

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        return parse("shanghai_kewei_2024.md")

    def test_renumbered_parts_are_recognised_by_title(self, report: Report) -> None:
        by_canon = {p.canonical: p for p in report.parts if p.canonical}
        assert by_canon[2].number == "一" and by_canon[2].span.line == 73
        assert by_canon[3].number == "二" and by_canon[4].number == "三"
        assert by_canon[6].number == "五" and by_canon[6].span.line == 205
        missing = [f for f in report.findings if f.kind == "part-missing"]
        assert [f.data["part"] for f in missing] == [5]  # no heading for 存在的主要问题及改进情况

    def test_table2(self, report: Report) -> None:
        assert values(report, "二") == {
            "reg": [0, 0, 0], "norm": [13, 0, 55], "licence": [97], "penalty": [0], "coercion": [0], "fee": [0]
        }

    def test_table3(self, report: Report) -> None:
        # value lines without a label are placed in the official order between labelled rows;
        # read by hand the same way, then checked: outcomes sum to （七）总计 33 / 2 / 35, and the
        # prose (同意公开 9, 不予公开 2, 无法提供 10, 其他处理 14, 转下一年度 1) agrees.
        assert values(report, "三") == t3(
            R1=[32, 2, 0, 0, 0, 0, 34],
            R2=one(2),
            R3a=one(9),
            R3c5=one(1), R3c6=one(1),
            R3d1=one(4), R3d2=one(6),
            R3f1=[8, 2, 0, 0, 0, 0, 10],
            R3f3=one(4),
            R3g=[33, 2, 0, 0, 0, 0, 35],
            R4=[1, 0, 0, 0, 0, 0, None],  # the total cell is empty in the source
        )
        kinds = [f.kind for f in report.findings]
        assert kinds.count("row-inferred") == 5
        blank = [f for f in report.findings if f.kind == "value-placeholder"]
        assert [(f.data["row"], f.data["column"], f.span.line) for f in blank] == [("R4", "tot", 178)]

    def test_table4(self, report: Report) -> None:
        assert values(report, "四") == {"fy": [1, 0, 0, 0, 1], "zs": [0] * 5, "hs": [0] * 5}


class TestHuaianFragment:
    """The end of 表二 and the start of 表三 only; labels one character per line; page marker."""

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        return parse("huaian_2024_fragment.txt")

    def test_table2_tail(self, report: Report) -> None:
        got = values(report, "二")
        assert got["penalty"] == [3985758] and got["coercion"] == [88283]
        assert got["fee"] == [Decimal("96171.6")]
        assert got["reg"] == [None, None, None]  # before the fragment starts

    def test_table3_head(self, report: Report) -> None:
        got = values(report, "三")
        assert got["R1"] == [3001, 53, 0, 0, 61, 4, 3119]
        assert got["R2"] == [34, 0, 0, 0, 0, 0, 34]
        assert got["R3a"] == [1288, 21, 0, 0, 50, 3, 1362]  # label "三、本年度办理结果" one char per line above
        assert got["R3b"] == [447, 7, 0, 0, 0, 0, 454]
        assert got["R3c1"] == one(2)
        assert got["R3c2"] == [30, 1, 0, 0, 0, 0, 31]
        assert got["R3c3"] == one(5) and got["R3c4"] == one(6)
        assert got["R3c5"] == [7, 1, 0, 0, 0, 0, 8]
        assert got["R3c6"] == one(12) and got["R3c7"] == one(9) and got["R3c8"] == one(105)
        assert got["R3d1"] == [746, 12, 0, 0, 10, 1, 769]
        assert got["R3g"] == [None] * 7  # cut off

    def test_fragment_is_reported_not_invented(self, report: Report) -> None:
        # a page cut out of a report: one finding that says so, not a cascade of missing parts
        assert [f.kind for f in report.findings] == ["not-a-report"]
        assert report.template == "fragment" and "片段" in report.findings[0].message
        assert report.title == ""  # "- 4 -" is a page marker, not a title


class TestPingtan2020:
    """Report year 2020: the 2019 format (国办公开办函〔2019〕60号), chosen by the year."""

    @pytest.fixture(scope="class")
    @classmethod
    def report(cls) -> Report:
        return parse("pingtan_2020.txt")

    def test_profile(self, report: Report) -> None:
        assert report.year == 2020 and report.profile == "2019"
        assert [r.label for r in report.tables["二"].rows] == [
            "规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购"]
        assert len(report.tables["三"].rows) == 23

    def test_table2(self, report: Report) -> None:
        got = values(report, "二")
        assert got["reg"] == [0, 0, 7]  # "007": leading zeros force 0 / 0 / 7
        assert got["fee"] == [35, -15]  # "35-15": 上一年项目数量 35, 本年增/减 −15
        # "7777166", "396442278", "107105", "1262629", "2648-18538", "39573802895.90元": the 2019 表二
        # has no totals to decide between splits (e.g. 2648 / −185 / 38 or 2648 / −18 / 538): absent.
        for key in ("norm", "licence", "service", "penalty", "coercion", "procurement"):
            assert all(v is None for v in got[key]), key
        amb = {f.data["row"] for f in report.findings if f.kind == "digits-ambiguous"}
        assert {"norm", "licence", "service", "penalty", "coercion", "procurement"} <= amb
        penalty = next(f for f in report.findings if f.kind == "digits-ambiguous" and f.data["row"] == "penalty")
        assert [2648, -185, 38] in penalty.data["candidates"]

    def test_table3(self, report: Report) -> None:
        got = values(report, "三")
        expected = {k: list(Z7) for k in got}
        expected.update(
            R1=[20, 0, 0, 0, 0, 1, 21],  # "200 000121"
            R3a=[6, 0, 0, 0, 0, 1, 7],  # "6000017"
            R3b=one(6), R3d1=one(4), R3d3=one(3), R3e2=one(3),
            R3f=one(4),  # （六）其他处理 is one row in the 2019 format, printed "4 0 0 0 0 0 4"
            R3g=[20, 0, 0, 0, 0, 1, 21],  # "20 0 00 0 121"
        )
        assert got == expected
        # the report itself does not add up: outcomes' 自然人 6+6+4+3+3+4 = 26, （七）总计 says 20

    def test_table4(self, report: Report) -> None:
        assert values(report, "四") == {"fy": [0] * 5, "zs": [0] * 5, "hs": [0] * 5}


def test_prose_that_fits_no_split_decides_nothing() -> None:
    text = read(REAL / "pingtan_2022.txt").replace("制发的规范性文件88件", "制发的规范性文件87件")
    report = parse_text(text, "p22")
    assert report.tables["二"].row("norm").values == [None, None, None]  # type: ignore[union-attr]
    assert [f.kind for f in report.findings if f.data.get("row") == "norm"] == ["digits-ambiguous"]
