"""Published documents as sources: PDF, Word (.docx) and web pages (.html) read into one
:class:`~govlint.sources.model.Document`, rendered to canonical text for the text pipeline.

The kind of a file is told by its content first (a PDF renamed to .txt is still a PDF), then
by its extension.  Each adapter needs at most one optional library (``govlint[pdf]``,
``govlint[docx]``); HTML uses the standard library."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govlint.source import Source
    from govlint.sources.model import Document

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_LEGACY_SUFFIXES = (".doc", ".wps", ".et", ".dps")
_ODF = b"application/vnd.oasis.opendocument"
_ODF_SUFFIXES = (".odt", ".ott", ".fodt")
# files govlint does not read, and what to do: (the kind of file, how to turn it into one it reads)
_OTHER = {
    "legacy": "这是旧版 Word/WPS 二进制文件（.doc/.wps），govlint 无法读取；请在 Word 或 WPS 中“另存为” .docx（或 PDF）后再检查",
    "odf": "这是 OpenDocument 文档（.odt），govlint 无法读取；请在 LibreOffice、WPS 或 Word 中“另存为” .docx（或 PDF）后再检查",
    "rtf": "这是 RTF 文档（.rtf），govlint 无法读取；请在 Word 或 WPS 中“另存为” .docx（或 PDF）后再检查",
}


def sniff(data: bytes, suffix: str) -> str | None:
    """``"pdf"``, ``"docx"``, ``"html"``, ``"legacy"`` (an OLE binary: .doc/.wps), ``"odf"``
    (an OpenDocument file: .odt), ``"rtf"``, or None (plain text)."""
    head = data[:1024]
    # the header within the first KiB, as PDF readers accept it (a text file: at its very start)
    if head.lstrip().startswith(b"%PDF-") or (suffix not in (".txt", ".md") and b"%PDF-" in head):
        return "pdf"
    if head.startswith(_OLE) or suffix in _LEGACY_SUFFIXES:
        return "legacy"
    # (an OpenDocument zip names its type first, uncompressed: mimetypeapplication/vnd.oasis…)
    if (head.startswith(_ZIP) and _ODF in head[:120]) or suffix in _ODF_SUFFIXES:
        return "odf"
    if head.startswith(_ZIP) or suffix == ".docx":
        return "docx"
    if head.lstrip().startswith(b"{\\rtf") or suffix == ".rtf":
        return "rtf"
    if suffix == ".pdf":
        return "pdf"
    if suffix in (".html", ".htm", ".xhtml", ".shtml"):
        return "html"
    if suffix not in (".txt", ".md", "") and head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def read_document(path: str, data: bytes, kind: str) -> Document:
    """The adapter for ``kind``; never raises (problems are in ``document.problems``)."""
    from govlint.sources.model import Document, Problem, ProblemKind  # (not for sniff: a plain text file)

    if kind in _OTHER:
        doc = Document(path, kind)
        doc.problems.append(Problem(ProblemKind.OTHER_FORMAT if kind != "legacy" else ProblemKind.LEGACY_BINARY,
                                    _OTHER[kind]))
        return doc
    try:
        if kind == "pdf":
            from govlint.sources import pdf

            return pdf.read(path, data)
        if kind == "docx":
            from govlint.sources import docx

            return docx.read(path, data)
        from govlint.sources import html

        return html.read(path, data)
    except Exception as exc:  # an adapter bug must not stop the run: the file is reported unread
        doc = Document(path, kind)
        doc.problems.append(Problem(ProblemKind.BROKEN, f"读取文件时出现内部错误（{type(exc).__name__}: {exc}），请报告此问题"))
        return doc


def load(path: str, data: bytes, kind: str) -> Source:
    from govlint.source import Source
    from govlint.sources.canonical import render

    doc = read_document(path, data, kind)
    fatal = doc.fatal()
    if fatal is not None:
        return Source(None, fatal.message, document=doc)
    rendering = render(doc)
    return Source(rendering.text, None, document=doc, line_map=rendering.line_map)
