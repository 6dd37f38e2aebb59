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


@pytest.mark.parametrize("name, tool", [("001", "pdfplumber"), ("003", "pdftotext-layout")])
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
