"""Headings whose numbers are no text: a Word list number (一、 （一）) is numbering.xml, not
characters, so python-docx's paragraph text — and the scrape of a web page that prints it as an
``<ol>`` — gives 总体情况, 主动公开政府信息情况 … alone on their lines.  The parts are found by
their titles (none is missing from the report), and the tables read as a person read them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.corpus import read, seed
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text


def _python_docx_text(path: Path) -> str:
    """Paragraphs and table rows (cells tab-joined, a merged cell once) in body order, as a script
    using python-docx writes them."""
    docx = pytest.importorskip("docx")
    from docx.table import Table

    doc = docx.Document(str(path))
    out: list[str] = []
    for el in doc.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in Table(el, doc).rows:
                seen: list[object] = []
                cells: list[str] = []
                for c in row.cells:
                    if not any(c._tc is x for x in seen):
                        seen.append(c._tc)
                        cells.append(c.text)
                out.append("\t".join(cells))
    return "\n".join(out)


def _check(report, name: str) -> None:  # type: ignore[no-untyped-def]
    assert [p.canonical for p in report.parts if p.canonical] == [1, 2, 3, 4, 5, 6]
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing", "row-missing")]
    for table_id, want in zip(("二", "三", "四"), EXPECTED[name]):
        assert {r.key: r.values for r in report.tables[table_id].rows} == want, table_id


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_python_docx_text_of_a_word_report(tmp_path: Path, name: str) -> None:
    pytest.importorskip("docx")
    from tests.docx_build import build

    text = _python_docx_text(build(read(seed(name)), EXPECTED[name], tmp_path / f"seed{name}.docx"))
    assert "一、总体情况" not in text and "总体情况\n" in text  # the numbers are gone
    report = parse_text(text, f"<seed {name} python-docx>")
    _check(report, name)
    assert "总体情况" not in "".join(p.text for p in report.preamble)  # the preamble ends at part 一


def test_a_scrape_whose_headings_lost_their_numbers() -> None:
    """Seed 003's text with every part number taken off its heading (a page whose headings were
    an ordered list)."""
    text = re.sub(r"^[一二三四五六]、(?=(总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政复议"
                  r"|存在的主要问题|其他需要报告的事项))", "", read(seed("003")), flags=re.M)
    assert "\n总体情况\n" in text and "\n其他需要报告的事项\n" in text
    report = parse_text(text, "<seed 003 unnumbered>")
    _check(report, "003")
    assert not [p.number for p in report.parts if p.canonical and p.number]


def test_a_title_word_in_the_prose_is_no_heading() -> None:
    """总体情况 inside a sentence is not the part's heading: only a line that is the title."""
    text = "某某局2024年政府信息公开工作年度报告\n本局总体情况良好，现报告如下。\n"
    report = parse_text(text, "<prose>")
    assert not [p for p in report.parts if p.canonical]
