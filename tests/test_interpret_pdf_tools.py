"""Extraction tools the reader was not developed on, on PDFs it has not seen: the seeds rebuilt as
PDFs by reportlab (tests/pdf_build.py: merged label cells, the vertical 三、本年度办理结果, 表三 broken
over a page with its headers repeated, page numbers, headings right after page breaks), turned into
text by the real tools — pdfminer.six, pypdf, pdfplumber, and poppler's pdftotext (-raw, -layout) —
and read back with the text reader.  Compared with the seeds' person-read values
(tests/test_parse_seeds.EXPECTED).  Each tool is skipped when it is not installed."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.corpus import read, seed
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text

pytest.importorskip("reportlab")
pytest.importorskip("docx")  # the seed layout helpers live beside the .docx builder
from tests.pdf_build import seed_pdf  # noqa: E402

PROBLEMS = ("cells-ambiguous", "cells-unplaced", "row-long", "row-short", "digits-ambiguous")


def _pdfminer(path: Path) -> str:
    high_level = pytest.importorskip("pdfminer.high_level")
    return str(high_level.extract_text(str(path)))


def _pypdf(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def _pdfplumber(path: Path) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _pdftotext(flag: str) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        if shutil.which("pdftotext") is None:
            pytest.skip("pdftotext (poppler-utils) is not installed")
        done = subprocess.run(["pdftotext", flag, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout.decode("utf-8")
    return run


def _pdfminer_with(**laparams: object) -> Callable[[Path], str]:
    def run(path: Path) -> str:
        high_level = pytest.importorskip("pdfminer.high_level")
        from pdfminer.layout import LAParams
        return str(high_level.extract_text(str(path), laparams=LAParams(**laparams)))
    return run


def _pypdf_layout(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    return "\n".join(page.extract_text(extraction_mode="layout") or "" for page in pypdf.PdfReader(str(path)).pages)


def _pdfplumber_layout(path: Path) -> str:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(str(path)) as pdf:
        return "\n".join(page.extract_text(layout=True) or "" for page in pdf.pages)


def _pdfium(path: Path) -> str:
    """PDFium (Chrome's PDF engine, through pypdfium2: pdfplumber's own dependency); CRLF line ends."""
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


TOOLS: dict[str, Callable[[Path], str]] = {
    "pdfminer": _pdfminer, "pypdf": _pypdf, "pdfplumber": _pdfplumber,
    "pdftotext-raw": _pdftotext("-raw"), "pdftotext-layout": _pdftotext("-layout"),
    # the same tools in their other modes, and one engine more (none of them developed on)
    "pdftotext": _pdftotext("-q"),  # poppler's default: reading order (its blocks column by column)
    "pdfminer-vertical": _pdfminer_with(detect_vertical=True),  # pdf2txt.py -V: a page's boxes reordered
    "pdfminer-noflow": _pdfminer_with(boxes_flow=None),  # pdf2txt.py -F none: boxes top to bottom
    "pypdf-layout": _pypdf_layout, "pdfplumber-layout": _pdfplumber_layout, "pdfium": _pdfium,
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tools")
    return {name: seed_pdf(read(seed(name)), EXPECTED[name], folder / f"seed{name}.pdf") for name in EXPECTED}


def _compare(text: str, name: str):  # type: ignore[no-untyped-def]
    """(cells read right, cells, wrong cells, rows unread that no finding names)."""
    report = parse_text(text, f"<seed {name}>")
    right = total = 0
    wrong: list[str] = []
    unsaid: list[str] = []
    for table_id, want in zip(("二", "三", "四"), EXPECTED[name]):
        said = {r for f in report.findings if f.kind in PROBLEMS and f.data.get("table") == table_id
                for r in (f.data.get("rows") or [f.data.get("row")])}
        got = {r.key: r.values for r in report.tables[table_id].rows}
        for key, values in want.items():
            row = got[key]
            for v, g in zip(values, row):
                if v is None:
                    continue
                total += 1
                if g == v:
                    right += 1
                elif g is not None:
                    wrong.append(f"{table_id}/{key}: {g} ≠ {v}")
            if row != values and key not in said:
                unsaid.append(f"{table_id}/{key}")
    assert not [f for f in report.findings if f.kind in ("row-missing", "table-missing", "part-missing")]
    return right, total, wrong, unsaid


# pdfminer groups 表三's cells into text boxes by column and prints them in an order of its own (seed 001:
# five columns before the labels, two after, the applicant columns permuted) and, on a page with one blank
# cell, column by column with the blank's place lost (seeds 001, 002): those rows are not read (no wrong number).
# pdfminer -V orders the boxes of a page so that 表三's first rows stand before its title, and
# their values among 表二's: those rows are named as unread (their labels found outside the table), not missing.
# poppler's reading order prints 表四's 行政复议 sub-headers and values after 未经复议直接起诉: read in the
# table's order (every value placed, each group's 总计 holding), not given to the group they seem to follow.
EXACT = {"pypdf", "pdfplumber", "pdftotext-raw", "pdftotext-layout", "pdftotext", "pdfminer-noflow",
         "pypdf-layout", "pdfplumber-layout", "pdfium"}


@pytest.mark.parametrize("tool", sorted(TOOLS))
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_pdf_text_reads_back(built: dict[str, Path], tool: str, name: str) -> None:
    right, total, wrong, unsaid = _compare(TOOLS[tool](built[name]), name)
    assert not wrong, (tool, name, wrong)  # never a number the text does not support
    assert not unsaid, (tool, name, unsaid)  # a row not read is named by a reading problem
    if tool in EXACT:
        assert right == total, (tool, name, right, total)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pdfminer_tables_cells_after_the_next_heading(built: dict[str, Path], name: str) -> None:
    """pdfminer orders the heading of part 五 (and its （一）) among 表四's boxes: the cells printed after
    it are read as the table's, every 表四 cell as a person read it."""
    report = parse_text(_pdfminer(built[name]), f"<seed {name}>")
    assert {r.key: r.values for r in report.tables["四"].rows} == EXPECTED[name][2]
    assert not [f for f in report.findings if f.data.get("table") == "四" and f.kind in PROBLEMS]


# pdfminer -V moves whole stretches of the WPS tables (表二's values among 表三's labels): about half the
# cells are read; the rest are named as unread, none is given a wrong number
SCRAMBLED = {"pdfminer-vertical"}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_huaian_pdf_through_the_installed_tools(tool: str) -> None:
    """The corpus PDF (made by WPS) through whichever version of each tool is installed, against the
    cells a person read from its pages (tests/corpus/truth/huaian_2024.json).  Versions print 表四
    differently (poppler 22.12 -raw: row by row; the corpus file's older -raw: interleaved, where
    two rows cannot be named): never a wrong number, every unread row named."""
    import json
    from decimal import Decimal

    from tests.corpus import CORPUS

    truth = json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"), parse_float=Decimal)
    report = parse_text(TOOLS[tool](CORPUS / "pdf" / "huaian_2024.pdf"), "<huaian>")
    right = total = 0
    for table_id in ("二", "三", "四"):
        rows = truth[table_id]
        said = {r for f in report.findings if f.kind in PROBLEMS and f.data.get("table") == table_id
                for r in (f.data.get("rows") or [f.data.get("row")])}
        got = {r.key: r.values for r in report.tables[table_id].rows}
        for key, values in rows.items():
            assert all(g is None or g == v for g, v in zip(got[key], values)), (tool, table_id, key, got[key])
            assert got[key] == values or key in said, (tool, table_id, key)
            right += sum(g == v for g, v in zip(got[key], values))
            total += len(values)
    if tool not in SCRAMBLED:
        assert right >= total - 10, (tool, right, total)
