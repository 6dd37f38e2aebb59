"""Reading published documents: time to read one document into canonical text (adapter +
rendering), and to read and parse it, with a floor measured in the same run — what the
underlying library alone takes for the same file:

- PDF: pdfplumber opening the file and extracting every page's text (``extract_text``);
- HTML: the standard library's ``html.parser`` fed the page with no handlers;
- .docx: python-docx opening the package (a Word file built from seed 001 by tests/docx_build.py).

    python benchmarks/bench_documents.py [--rounds 7]

Each figure is the median of the rounds (the machine is a shared VM).  Targets: a 6-page PDF
≤ 1 s, a web page or a .docx ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import median_seconds  # noqa: E402  (benchmarks/timing.py)

from govlint.parsing import parse_text  # noqa: E402
from govlint.profile import load_profiles  # noqa: E402
from govlint.source import read_source  # noqa: E402


def _pdf_floor(path: Path) -> Callable[[], object]:
    import pdfplumber

    def run() -> object:
        with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
            return [p.extract_text() for p in pdf.pages]
    return run


def _html_floor(path: Path) -> Callable[[], object]:
    def run() -> object:
        p = HTMLParser()
        p.feed(path.read_bytes().decode("utf-8", "replace"))
        p.close()
        return p
    return run


def _docx_floor(path: Path) -> Callable[[], object]:
    import docx

    return lambda: docx.Document(str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    load_profiles()
    corpus = ROOT / "tests" / "corpus"
    docs: list[tuple[str, Path, Callable[[Path], Callable[[], object]]]] = [
        ("pdf/huaian_2024.pdf (6 pages)", corpus / "pdf" / "huaian_2024.pdf", _pdf_floor),
        ("html/pingtan_2021.html", corpus / "html" / "pingtan_2021.html", _html_floor),
        ("html/pingtan_2022.html", corpus / "html" / "pingtan_2022.html", _html_floor),
    ]
    tmp = tempfile.TemporaryDirectory()
    try:
        from tests.corpus import read, seed
        from tests.docx_build import build
        from tests.test_parse_seeds import EXPECTED

        path = build(read(seed("001")), EXPECTED["001"], Path(tmp.name) / "seed001.docx")
        docs.append(("seed 001 as .docx", path, _docx_floor))
    except ImportError as exc:
        print(f"(no .docx figure: {exc})")
    print(f"{'document':34} {'KB':>6} {'read ms':>8} {'read+parse ms':>14} {'floor ms':>9} {'read/floor':>10}")
    for name, path, floor in docs:
        read_t = median_seconds(lambda p=path: read_source(p), args.rounds, warm=True)  # type: ignore[misc]
        full_t = median_seconds(lambda p=path: parse_text(read_source(p).text or "", str(p)), args.rounds, warm=True)  # type: ignore[misc]
        floor_t = median_seconds(floor(path), args.rounds, warm=True)
        print(f"{name:34} {path.stat().st_size / 1024:6.0f} {read_t * 1e3:8.1f} {full_t * 1e3:14.1f} "
              f"{floor_t * 1e3:9.1f} {read_t / floor_t:10.2f}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
