"""Documents govlint cannot read: each gets ONE clear Chinese diagnostic (PAR014, an error: the
report was not checked, so the run must not pass as clean — exit 1 as the README says), no
traceback, and the other files are still checked."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.corpus import CORPUS, seed
from tests.pdf_build import encrypted_pdf, scanned_pdf

from govlint.cli import main

PDF = CORPUS / "pdf" / "huaian_2024.pdf"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"Microsoft Word 97-2003"  # an OLE compound file
NO_REPORT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页_某某区人民政府</title></head><body>
<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/hd">互动交流</a></div>
<div class="main"><h2>通知公告</h2><ul><li><a href="/1">关于开展春季植树活动的通知</a></li>
<li><a href="/2">2024年政府信息公开工作年度报告</a></li></ul><p>本栏目发布本区最新通知公告，欢迎关注。</p></div>
<div class="footer">主办：某某区人民政府办公室 网站标识码 0000000000</div></body></html>"""


def _check(capsys: pytest.CaptureFixture[str], *paths: Path | str) -> tuple[int, list[dict], str]:  # type: ignore[type-arg]
    code = main(["check", "--output-format", "json", *map(str, paths)])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


CASES: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "scanned": ("scan.pdf", scanned_pdf, "没有文字层"),
    "encrypted": ("locked.pdf", encrypted_pdf, "已加密"),
    "truncated-pdf": ("cut.pdf", lambda: PDF.read_bytes()[: PDF.stat().st_size // 2], "不完整"),
    "truncated-docx": ("cut.docx", lambda: _docx_bytes()[:1500], "损坏或不完整"),
    "doc": ("old.doc", lambda: OLE, "另存为"),
    "wps": ("old.wps", lambda: OLE, "另存为"),
    "doc-renamed-txt": ("old.txt", lambda: OLE, "另存为"),
    "odt": ("report.odt", lambda: _odt_bytes(), "OpenDocument"),
    "odt-renamed-docx": ("report.docx", lambda: _odt_bytes(), "OpenDocument"),  # not "not a Word file (KeyError)"
    "rtf": ("report.rtf", lambda: RTF, "RTF"),
    "rtf-renamed-txt": ("report.txt", lambda: RTF, "RTF"),  # was read as text: "not a report"
    "html-no-report": ("index.html", lambda: NO_REPORT.encode(), "找不到政府信息公开工作年度报告"),
}


RTF = "{\\rtf1\\ansi\\deff4 {\\fonttbl{\\f0 SimSun;}}一、总体情况\\par}".encode()


def _odt_bytes() -> bytes:
    """An OpenDocument text as LibreOffice writes one: its mimetype first, stored."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>", compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _docx_bytes() -> bytes:
    docx = pytest.importorskip("docx")
    import io

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("一、总体情况")
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_clear_diagnostic_and_the_others_are_checked(case: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    if case in ("scanned", "encrypted", "truncated-pdf"):
        pytest.importorskip("pdfplumber")
    name, make, words = CASES[case]
    bad = tmp_path / name
    bad.write_bytes(make())
    before = bad.read_bytes()
    code, found, err = _check(capsys, bad, seed("001"))
    own = [d for d in found if d["path"] == str(bad)]
    assert [(d["code"], d["severity"]) for d in own] == [("PAR014", "error")], own
    assert words in own[0]["message"] and "Traceback" not in err and err == ""
    assert any(d["path"] == str(seed("001")) for d in found)  # still checked
    assert code == 1  # an error diagnostic: exit 1 (README: Exit codes)
    assert bad.read_bytes() == before  # never modified


@pytest.mark.parametrize("module, suffix, extra", [("pdfplumber", ".pdf", "pdf"), ("docx", ".docx", "docx")])
def test_missing_extra_names_the_install_command(module: str, suffix: str, extra: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # `import module` now raises ImportError, as without the extra
    doc = tmp_path / f"report{suffix}"
    doc.write_bytes(PDF.read_bytes() if suffix == ".pdf" else b"PK\x03\x04" + bytes(100))
    code, found, err = _check(capsys, doc, seed("001"))
    own = [d for d in found if d["path"] == str(doc)]
    assert len(own) == 1 and own[0]["code"] == "PAR014"
    assert f"pip install 'govlint[{extra}]'" in own[0]["message"]
    assert any(d["path"] == str(seed("001")) for d in found) and code == 1 and err == ""


def test_parse_and_extract_say_why_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(OLE)
    for cmd in (["parse", str(bad)], ["extract", str(bad)]):
        assert main(cmd) == 2
        err = capsys.readouterr().err
        assert "旧版 Word/WPS" in err and "Traceback" not in err


def test_directories_find_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.html").write_bytes((CORPUS / "html" / "pingtan_2022.html").read_bytes())
    (tmp_path / "a" / "old.doc").write_bytes(OLE)  # not picked up by a directory walk
    (tmp_path / "a" / "sheet.xlsx").write_bytes(b"PK")
    main(["check", "--output-format", "json", "--statistics", str(tmp_path)])
    out = capsys.readouterr().out
    paths = {Path(d["path"]).name for d in json.loads(out)}
    assert paths == {"r.html"}


def test_scanned_pages_inside_a_pdf_are_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pdfplumber")
    from tests.pdf_build import half_scanned_pdf

    path = tmp_path / "mixed.pdf"
    path.write_bytes(half_scanned_pdf())
    code, found, err = _check(capsys, path)
    notes = [d for d in found if d["code"] == "PAR014"]
    assert len(notes) == 1 and "第 2 页没有文字层" in notes[0]["message"] and err == ""
    assert code == 1
