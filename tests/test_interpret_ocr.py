"""The seeds' PDFs (LibreOffice from tests/docx_build.py; reportlab from tests/pdf_build.py) as
page images OCR'd by Tesseract 5.3 (``-l chi_sim --psm 6``, pages rendered at 200 dpi by
pdftoppm), kept as they came out (CI installs no OCR).  An OCR misreads: what it misreads must
stay unread and be said so — no number the text does not give, no defect of the report for what
could not be read.  Compared with the seeds' person-read values (tests/test_parse_seeds.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import read
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text

EXTRACTED = Path(__file__).parent / "data" / "extracted"
# (value-invalid: a cell printed as no numeral, lol for 0 — named cell by cell)
UNREAD = ("cells-ambiguous", "cells-unplaced", "row-long", "row-short", "digits-ambiguous", "row-missing", "value-invalid")


def _report(name: str):  # type: ignore[no-untyped-def]
    return parse_text(read(EXTRACTED / name), f"<{name}>")


def _check_no_cell_wrong_and_unread_named(report, seed: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every number read is the person's; every row not read in full is named by a finding."""
    named = {(f.data.get("table"), k) for f in report.findings if f.kind in UNREAD
             for k in (f.data.get("rows") or [f.data.get("row")])}
    unread = set()
    for tid, want in zip(("二", "三", "四"), EXPECTED[seed]):
        for row in report.tables[tid].rows:
            assert all(v is None or v == w for v, w in zip(row.values, want[row.key])), (tid, row.key, row.values)
            if row.values != want[row.key]:
                unread.add((tid, row.key))
    assert unread <= named, unread - named
    return unread


@pytest.mark.parametrize("name, seed", [("seed001_libreoffice_tesseract.txt", "001"),
                                        ("seed002_libreoffice_tesseract.txt", "002"),
                                        ("seed001_reportlab_tesseract.txt", "001"),
                                        ("seed002_reportlab_tesseract.txt", "002")])
def test_no_number_the_ocr_does_not_give(name: str, seed: str) -> None:
    # (seed 002's reportlab page: OCR keeps 4保护第三方合法权益 and 5要求… without their points and
    # loses the numbers of 表三: the 4 and 5 went to （二）部分公开 as its values)
    _check_no_cell_wrong_and_unread_named(_report(name), seed)


def test_label_numbers_the_ocr_glued_to_the_label() -> None:
    # 4无 0 0 0 0 0 0 0 / 正当 / 理由 … (4.无正当理由大量反复申请, its point lost): the 4 is the label's
    # number, not the row's first value (8 values for 7 before), and the label is found though
    # the rows around it are not
    report = _report("seed001_libreoffice_tesseract.txt")
    t3 = {r.key: r.values for r in report.tables["三"].rows}
    want = EXPECTED["001"][1]
    assert t3["R3e4"] == want["R3e4"] and t3["R3e3"] == want["R3e3"]
    unread = _check_no_cell_wrong_and_unread_named(report, "001")
    assert len(unread) <= 4  # (一、本年新收 with 0% for a 0, 5要求… and （六） whose labels the OCR broke)


def test_a_heading_whose_mark_the_ocr_misread() -> None:
    # 五。。 存在的主要问题及改进情况 (五、 on the page): part 五, not "part missing"
    report = _report("seed002_libreoffice_tesseract.txt")
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
    assert not [f for f in report.findings if f.kind == "part-missing"]


def test_a_table_whose_text_the_ocr_garbled_is_unread_not_missing() -> None:
    # the ruled reportlab table: 表二 came out as [II / [IEC / [IC …, 表三 as its headers and a few
    # labels; both tables are in the report, neither could be read
    report = _report("seed001_reportlab_tesseract.txt")
    assert not [f for f in report.findings if f.kind == "table-missing"]
    unread = {f.data["table"]: f for f in report.findings if f.kind == "cells-unplaced" and "一行也未能识别" in f.message}
    assert set(unread) == {"二", "三"}
    assert "表头" in unread["三"].message and "无法识别的文字" in unread["二"].message
    assert all(v is None for tid in ("二", "三") for r in report.tables[tid].rows for v in r.values)


def test_a_part_told_in_prose_still_lacks_its_table() -> None:
    # no table in part 三, its facts told in wrapped prose (lines without 。, so table text to the
    # reader) naming 自然人 and 法人或其他组织: the table is missing — an error of the report
    from tests.corpus import seed

    text = read(seed("000"))
    a, b = text.index("三、收到和处理政府信息公开申请情况"), text.index("四、政府信息公开行政复议、行政诉讼情况")
    prose = ("三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请，其中自然人申请\n"
             "与法人或其他组织申请均已按期答复，其他申请\n已依法告知，结转下年度的申请将继续办理\n\n")
    report = parse_text(text[:a] + prose + text[b:], "<prose>")
    assert [f.data["table"] for f in report.findings if f.kind == "table-missing"] == ["三"]
    assert not [f for f in report.findings if f.kind == "cells-unplaced" and f.data.get("table") == "三"]
