"""A reading that presumes where values go is taken only when the table's arithmetic does not
contradict it; what no reading settles stays unread, and the report is not blamed for it.

The texts: the seeds' Word files (tests/docx_build.py) with every table set in Word's "Table
Grid" style and every cell centred, saved as PDF by LibreOffice 7.4.7.2, then extracted by
poppler's pdftotext 22.12 (default mode) and pdfminer.six 20260107 (``extract_text``, with and
without ``LAParams(boxes_flow=None)``); and the plain seeds' PDFs through pdftotext's default mode.
Kept in tests/data/extracted as they came out (CI installs neither LibreOffice nor poppler).
Compared with the seeds' person-read values (tests/test_parse_seeds.EXPECTED)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import read
from tests.test_parse_seeds import EXPECTED

from govlint.config import Config
from govlint.engine import Engine
from govlint.interpret.agree import read_agreed
from govlint.interpret.align import Anchor
from govlint.interpret.arbiter import Decision, Tie, arbitrate
from govlint.interpret.readings import Reading, ReadingKind
from govlint.interpret.segments import Segment
from govlint.interpret.tokens import Token, TokenKind
from govlint.model import Cell, Row
from govlint.parsing import parse_text
from govlint.parsing.positions import LineIndex
from govlint.plugins import load_plugins
from govlint.profile import get_profile

EXTRACTED = Path(__file__).parent / "data" / "extracted"
T3 = next(t for t in get_profile("2021").tables if t.id == "三")
RELATIONS = get_profile("2021").relations_for("三")


def no_wrong_cell(path: Path) -> list[str]:
    """Every complete row's cells are the person-read ones or unread; the rows read."""
    report = parse_text(read(path), str(path))
    read_rows = []
    for table_id, want in zip(("二", "三", "四"), EXPECTED["001" if "seed001" in path.name else "000"]):
        for row in report.tables[table_id].rows:
            if row.complete:
                assert row.values == want[row.key], (table_id, row.key, row.values)
                read_rows.append(row.key)
    return read_rows


@pytest.mark.parametrize("tool", ["pdftotext", "pdfminer", "pdfminer-boxes-flow-none"])
def test_centred_cells_get_no_wrong_number(tool: str) -> None:
    # pdftotext printed 表三's label column, then the values of the first column, then the column
    # headers, then the rest (``… 3.危 / 22 0 / 申请人情况 … / 0 0 0 2 0 0 …``): gathered in
    # the official row order, 2.其他法律行政法规禁止公开 got 22 0 0 0 0 2 0 and four rows more were
    # wrong, and their row totals failed as AR001 errors of the report.  pdfminer printed 行政复议's
    # values 0 1 1 3 around a column header (its row is 1 0 1 1 3).
    no_wrong_cell(EXTRACTED / f"seed001_libreoffice_grid-centred_{tool}.txt")


@pytest.mark.parametrize("tool", ["pdftotext", "pdfminer", "pdfminer-boxes-flow-none"])
def test_what_could_not_be_read_is_not_an_error_of_the_report(tool: str) -> None:
    path = EXTRACTED / f"seed001_libreoffice_grid-centred_{tool}.txt"
    result = Engine(Config(), load_plugins(installed=False)).run([str(path)])
    errors = [d for d in result.diagnostics if d.severity.value == "error"]
    assert not [d for d in errors if d.code == "AR001"], [d.message for d in errors]


def test_a_part_heading_whose_number_is_printed_apart() -> None:
    # pdftotext's default mode on the plain seed 001 PDF: 四、 stands before the last numbers of 表三
    # and 政府信息公开行政复议、行政诉讼情况 21 lines later; 五、 / 复议后起诉 / 存在的主要问题及改进情况
    # in seed 000 (a table word between).  The titles are the headings: no part missing.
    for name in ("seed001", "seed000"):
        path = EXTRACTED / f"{name}_libreoffice_pdftotext.txt"
        text = read(path)
        report = parse_text(text, str(path))
        assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6], name
        assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing")], name
        result = Engine(Config(), load_plugins(installed=False)).run([str(path)])
        assert not [d.code for d in result.diagnostics if d.code in ("PAR001", "PAR002", "ST002", "ST010")], name
    assert "\n四、\n\n0\n" in read(EXTRACTED / "seed001_libreoffice_pdftotext.txt")
    assert "\n五、\n\n复议后起诉\n\n存在的主要问题及改进情况\n" in read(EXTRACTED / "seed000_libreoffice_pdftotext.txt")
    no_wrong_cell(EXTRACTED / "seed001_libreoffice_pdftotext.txt")
    report = parse_text(read(EXTRACTED / "seed001_libreoffice_pdftotext.txt"))
    assert {r.key: r.values for r in report.tables["四"].rows} == EXPECTED["001"][2]


# ---------------------------------------------------------------- the arbiter on its own


def tok(text: str, at: int) -> Token:
    return Token(TokenKind.NUMBER, text, at, at + len(text))


def anchor(key: str) -> Anchor:
    return Anchor(T3.row(key), 0, 0, 0, 1, key)


def following(values: list[list[int]]) -> tuple[Segment, Reading]:
    """Labels 1.属于国家秘密 … printed with no values, then the values of R3c1, R3c2 (FOLLOWING)."""
    toks = [tok(str(v), 10 * i + j) for i, row in enumerate(values) for j, v in enumerate(row)]
    seg = Segment([anchor("R3c1")], [toks])
    reading = Reading(ReadingKind.FOLLOWING, (("R3c1", tuple(toks[:7])), ("R3c2", tuple(toks[7:]))))
    seg.readings = [reading]
    return seg, reading


def test_a_presumed_reading_that_keeps_the_relations_is_taken() -> None:
    seg, _ = following([[1, 0, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 1, 3]])
    d = arbitrate([seg], T3, RELATIONS)
    assert set(d.assigned) == {"R3c1", "R3c2"} and not d.unplaced


def test_a_presumed_reading_that_breaks_a_row_total_is_not() -> None:
    seg, _ = following([[1, 0, 0, 0, 0, 0, 1], [22, 0, 0, 0, 0, 2, 0]])  # 22 + 2 ≠ 0
    d = arbitrate([seg], T3, RELATIONS)
    assert not d.assigned and d.unplaced == [seg]
    # the same values after their own label (a ROW reading) are the report's: read, and AR001 judges
    own = Segment([anchor("R3c2")], [[tok(x, i) for i, x in enumerate("22 0 0 0 0 2 0".split())]])
    own.readings = [Reading(ReadingKind.ROW, (("R3c2", tuple(own.runs[0])),))]
    assert set(arbitrate([own], T3, RELATIONS).assigned) == {"R3c2"}


def test_cells_agreed_by_readings_that_all_break_the_relations_are_not_read() -> None:
    a = tuple(tok(x, i) for i, x in enumerate("0 0 0 0 0 5 0".split()))
    b = tuple(tok(x, i) for i, x in enumerate("0 0 0 0 0 0 5".split()))
    c1, c2 = Reading(ReadingKind.BLOCK_ROWS, (("R3a", a),)), Reading(ReadingKind.BLOCK_COLUMNS, (("R3a", b),))
    rows = [Row("R3a", T3.row("R3a").label, [Cell(c, "", None) for c in T3.row("R3a").columns])]
    idx = LineIndex("0 0 0 0 0 5 0")
    for consistent, read_any in ((True, True), (False, False)):
        d = Decision(ties=[Tie(Segment([anchor("R3a")]), [c1, c2], ["R3a"], consistent)])
        findings: list = []  # type: ignore[type-arg]
        read_agreed(rows, d, T3, idx, findings)
        assert bool(findings) is read_any
    # the arbiter marks a tie of readings that all break relations
    seg = Segment([anchor("R3a")], [list(a)])
    seg.readings = [c1, c2]
    (tie,) = arbitrate([seg], T3, RELATIONS).ties
    assert tie.consistent is False
