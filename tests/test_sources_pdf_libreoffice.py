"""PDFs of another producer again: the seeds' Word files (tests/docx_build.py) saved as PDF by
LibreOffice 7.4 (``soffice --convert-to pdf``; kept in tests/data/pdf, CI installs no LibreOffice).

- ``seed001_libreoffice.pdf``: tables without ruling lines (the Word file's default table style),
  so pdfplumber finds no table: the rows are text lines set out in columns.  They were joined into
  paragraphs as prose is (``… 22 0 0 0 0 1 23公开申请数量``, the headings after 表四 run into it).
- ``seed000_libreoffice_ruled.pdf``: the tables ruled ("Table Grid").  表四's header rows end page
  5 and its one row of values opens page 6, with 五、存在的主要问题及改进情况 set 1.5 pt under it (page
  images looked at): the heading was read into the cells (``结果维持0 五、``).

Read back to the seeds' person-read tables (tests/test_parse_seeds.py) and all six parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.seed_readback import assert_reads_back_as_seed

from govlint.parsing import parse_text
from govlint.source import read_source

pytest.importorskip("pdfplumber")

PDFS = Path(__file__).parent / "data" / "pdf"


@pytest.mark.parametrize("file, name", [("seed001_libreoffice.pdf", "001"), ("seed000_libreoffice_ruled.pdf", "000")])
def test_a_libreoffice_pdf_reads_back_as_its_seed(file: str, name: str) -> None:
    assert_reads_back_as_seed(PDFS / file, name)


def test_a_heading_set_close_under_a_table_is_not_in_its_cells() -> None:
    doc = read_source(PDFS / "seed000_libreoffice_ruled.pdf")
    table4 = [b.table for b in doc.document.blocks if b.table is not None][-1]
    cells = {c.text for row in table4.grid for c in row if c}
    assert "结\n果\n维\n持" in cells and not [t for t in cells if "五、" in t or "存在" in t or "改" in t]
    assert [c.text for c in table4.grid[-1]] == ["0"] * 15
    assert "\n五、 存在的主要问题及改进情况\n" in (doc.text or "")


def test_rows_set_out_in_columns_stay_lines_of_their_own() -> None:
    text = read_source(PDFS / "seed001_libreoffice.pdf").text or ""
    lines = text.splitlines()
    # 表四's row of values, read on page 6 of the PDF, is a line of its own, and so is the heading after it
    assert "1 0 1 1 3 0 0 0 0 0 0 0 0 0 0" in lines
    assert "五、 存在的主要问题及改进情况" in lines


def test_the_title_is_not_run_into_the_preamble() -> None:
    # the page's margins are where most characters of prose start and end lines: 表三's columns of
    # one-character lines (结 / 果, set without ruling lines) outnumber the prose lines but not its
    # characters.  Page 1 (looked at): the title's two lines, then the preamble starting 根据《
    doc = read_source(PDFS / "seed001_libreoffice.pdf")
    paragraphs = [b.text for b in doc.document.blocks if b.table is None]
    assert paragraphs[:2] == ["渠县人民政府办公室", "2024 年政府信息公开工作年度报告"]
    assert paragraphs[2].startswith("根据《中华人民共和国政府信息公开条例》")
    report = parse_text(doc.text or "", "seed001_libreoffice.pdf")
    assert report.title == "渠县人民政府办公室2024 年政府信息公开工作年度报告"
