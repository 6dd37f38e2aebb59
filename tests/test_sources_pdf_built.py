"""PDFs made from the seeds with another producer (reportlab) than the corpus PDF (WPS): the
prose as paragraphs, the official tables with merged label cells, 表三 broken over a page with
its header rows repeated and its merged cells cut, a page number at every foot.  Read back to
the seeds' person-read tables (tests/test_parse_seeds.py) and parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import read, seed
from tests.seed_readback import assert_reads_back_as_seed
from tests.test_parse_seeds import EXPECTED

from govlint.source import read_source

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")
pytest.importorskip("docx")  # the seed layout helpers live beside the .docx builder
from tests.pdf_build import seed_pdf  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdf")
    return {name: seed_pdf(read(seed(name)), EXPECTED[name], folder / f"seed{name}.pdf") for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_tables_and_parts_read_back(built: dict[str, Path], name: str) -> None:
    assert_reads_back_as_seed(built[name], name)


def test_broken_table_is_one_table_again(built: dict[str, Path]) -> None:
    text = read_source(built["001"]).text or ""
    part3 = text[text.index("三、收到和处理政府信息公开申请情况"): text.index("四、政府信息公开行政复议")]
    rows = part3.split("\n")
    assert sum(r.startswith("|---") for r in rows) == 1
    assert sum("申请人情况" in r for r in rows) == 1  # the repeated header rows are dropped
    # the merged cells cut by the page break are one cell: no row of blanks where they were cut
    after = next(r for r in rows if "2.没有现成信息需要另行制作" in r)
    assert after.startswith("|  |  | 2.没有现成信息需要另行制作 |")
    assert not any(r.strip() in ("- 1 -", "- 2 -", "- 3 -", "- 4 -") for r in text.split("\n"))
