"""``govlint extract``: every document of the corpus (the PDF, the web pages, Word files built
from the seeds) as canonical markdown that govlint reads back to exactly the same model."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import CORPUS, read, seed

from govlint.cli import main
from govlint.parsing import parse_text
from govlint.parsing.export import report_to_dict
from govlint.source import read_source


def _documents(tmp: Path) -> list[Path]:
    docs = sorted((CORPUS / "html").glob("*.html"))
    try:
        import pdfplumber  # noqa: F401

        docs += sorted((CORPUS / "pdf").glob("*.pdf"))
    except ImportError:
        pass
    try:
        from tests.docx_build import build
        from tests.test_parse_seeds import EXPECTED

        docs += [build(read(seed(n)), EXPECTED[n], tmp / f"seed{n}.docx") for n in sorted(EXPECTED)]
    except ImportError:
        pass
    try:
        import pdfplumber  # noqa: F401
        from tests.pdf_build import seed_pdf
        from tests.test_parse_seeds import EXPECTED

        docs.append(seed_pdf(read(seed("001")), EXPECTED["001"], tmp / "seed001.pdf"))
    except ImportError:
        pass
    return docs


def _model(report) -> dict:  # type: ignore[no-untyped-def,type-arg]
    d = report_to_dict(report)
    d.pop("path", None)
    return d


def test_extract_reads_back_to_the_same_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _documents(tmp_path)
    assert len(docs) >= 3
    for doc in docs:
        out = tmp_path / (doc.stem + ".md")
        assert main(["extract", str(doc), "-o", str(out)]) == 0
        direct = read_source(doc)
        assert direct.text is not None
        again = read_source(out)
        assert again.line_map is None  # plain markdown now
        assert _model(parse_text(again.text or "", "x")) == _model(parse_text(direct.text, "x")), doc.name
        # and the checks agree, diagnostic for diagnostic (same lines and columns)
        main(["check", "--output-format", "concise", "--quiet", str(doc)])
        from_doc = capsys.readouterr().out.replace(str(doc), "F")
        main(["check", "--output-format", "concise", "--quiet", str(out)])
        from_md = capsys.readouterr().out.replace(str(out), "F")
        strip = [ln.split("（第 ")[0].split("（网页源代码")[0] for ln in from_doc.splitlines()]
        assert strip == from_md.splitlines(), doc.name


def test_extract_to_stdout_and_never_over_the_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = CORPUS / "html" / "pingtan_2022.html"
    assert main(["extract", str(page)]) == 0
    assert capsys.readouterr().out == read_source(page).text
    copy = tmp_path / "p.html"
    copy.write_bytes(page.read_bytes())
    assert main(["extract", str(copy), "-o", str(copy)]) == 2
    assert copy.read_bytes() == page.read_bytes()
