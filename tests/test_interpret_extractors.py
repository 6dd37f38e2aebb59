"""The same report through five extraction tools: every table cell against the values a person read
from the page images (tests/corpus/truth/huaian_2024.json)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from tests.corpus import CORPUS, read

from govlint.parsing import parse_text

TRUTH = json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"),
                   parse_float=Decimal)  # money as read: 96171.6 is Decimal("96171.6")
TOOLS = ["pdfminer", "pdfplumber", "pdftotext-layout", "pdftotext-raw", "pypdf"]


def _cells(tool: str, table: str):  # type: ignore[no-untyped-def]
    path = CORPUS / "extractors" / f"huaian_2024_{tool}.txt"
    report = parse_text(read(path), str(path))
    got = {row.key: row.values for row in report.tables[table].rows}
    return report, got


@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("table", ["二", "三"])
def test_tables_two_and_three_read_from_every_tool(tool: str, table: str) -> None:
    _, got = _cells(tool, table)
    assert got == TRUTH[table]


@pytest.mark.parametrize("tool", [t for t in TOOLS if t != "pdftotext-raw"])
def test_table_four_read_from_every_tool(tool: str) -> None:
    _, got = _cells(tool, "四")
    assert got == TRUTH["四"]


def test_no_reading_problem_is_blamed_on_the_report() -> None:
    """Whatever the tool, no row is reported missing from the report."""
    for tool in TOOLS:
        report, _ = _cells(tool, "三")
        assert not [f for f in report.findings if f.kind in ("row-missing", "table-missing", "row-short")], tool


def test_pdfminer_column_major_blocks_and_layout_evidence() -> None:
    """pdfminer prints a block's labels, then its cells column by column: 表三's arithmetic proves it,
    and 表二 (no arithmetic) is read the same way, which a finding says."""
    report, _ = _cells("pdfminer", "二")
    inferred = [f for f in report.findings if f.kind == "layout-inferred"]
    assert len(inferred) == 1 and inferred[0].data["rows"] == ["reg", "norm"]
    assert inferred[0].data["layout"] == "block-columns"


def test_raw_pdftotext_labels_printed_after_their_numbers() -> None:
    """Raw pdftotext prints （一）予以公开/（二）部分公开 after the numbers of the rows that follow 二、:
    the values are placed in the official row order, and said so."""
    report, got = _cells("pdftotext-raw", "三")
    assert got["R3a"] == TRUTH["三"]["R3a"] and got["R3b"] == TRUTH["三"]["R3b"]
    inferred = [f.data["rows"] for f in report.findings if f.kind == "row-inferred"]
    assert ["R3a", "R3b"] in inferred
    assert ["R3e5", "R3f1", "R3f2", "R3f3"] in inferred


def test_raw_pdftotext_interleaved_table_four_is_a_reading_problem() -> None:
    """Raw pdftotext interleaves 表四's three sub-tables (72 64 178 37 | 12 1 1 6 | 351 | 13 4 8 1 26 | 20).
    The rows' own sums form the candidate rows; the prose (政府信息公开行政复议 351 件) names the one
    whose 总计 is 351, which a note says.  Which of the others is 未经复议直接起诉 and which 复议后起诉
    nothing tells: they stay unread, their candidates listed in the finding naming them."""
    report, got = _cells("pdftotext-raw", "四")
    assert got["fy"] == TRUTH["四"]["fy"]
    assert got["zs"] == [None] * 5 and got["hs"] == [None] * 5
    problems = [f for f in report.findings if f.data.get("table") == "四"]
    assert [f.kind for f in problems] == ["rows-regrouped", "cells-unplaced"]
    assert problems[0].data["rows"] == ["fy"] and problems[0].data["by"] == "prose" and "351" in problems[0].message
    assert problems[1].data["rows"] == ["zs", "hs"]
    assert TRUTH["四"]["zs"] in problems[1].data["candidates"] and TRUTH["四"]["hs"] in problems[1].data["candidates"]
    assert "13 4 8 1 26" in problems[1].message and "12 1 1 6 20" in problems[1].message
    assert not [f for f in report.findings if f.kind in ("row-missing", "table-missing")]
