"""Reading report files: bytes → text, never modifying anything.

Accepted: UTF-8 with or without BOM, UTF-16 / UTF-32 with BOM, GB18030 (a superset of GBK and
GB2312, common from Windows), with LF, CRLF or CR line ends.  Line ends are normalised to
``\\n`` and the BOM is dropped: line numbers and character columns stay those of the file.
Anything else (binary data, a .docx renamed to .txt, a legacy encoding that is not GB18030) is
reported as undecodable, with a Chinese reason, instead of raising.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govlint.diagnostic import Diagnostic
    from govlint.sources.canonical import LineMap
    from govlint.sources.model import Document

# what a directory walk picks up: text, and the published documents (read through sources/)
TEXT_SUFFIXES = (".txt", ".md")
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".html", ".htm")
REPORT_SUFFIXES = TEXT_SUFFIXES + DOCUMENT_SUFFIXES

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Control characters that do occur in extracted text (tab, line ends, form feed, vertical tab).
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


_ODD = re.compile("[\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd]")  # controls not in _ALLOWED_CONTROLS


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than a trace of other control or private-use characters."""
    if "\x00" in text:
        return True
    limit = max(2, len(text) // 200)
    odd = 0
    for _ in _ODD.finditer(text):  # in C: a Python loop over every character cost 0.4 ms a report
        odd += 1
        if odd > limit:
            return True
    return False


def _rare_gb(text: str) -> bool:
    """Random bytes often decode as GB18030, but into rare characters: real GBK text is mostly
    within GB2312 (the 6,763 common characters).  More than a third outside it: not text."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return False
    rare = 0
    for ch in wide:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare * 3 > len(wide)


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR → LF (one line end stays one line end: line numbers do not move)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> tuple[str | None, str | None]:
    """``(text, None)`` or ``(None, reason)`` — the reason is a Chinese message."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                return None, f"文件以 {label} 字节顺序标记（BOM）开头，但第 {exc.start + len(bom)} 字节处不是合法的 {label} 编码"
            if _looks_binary(text):
                return None, "文件含有二进制内容（控制字符），不是纯文本"
            return normalise_newlines(text), None
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text) or (codec == "gb18030" and _rare_gb(text)):
            return None, "文件含有二进制内容（控制字符），不是纯文本；请另存为纯文本（UTF-8）"
        return normalise_newlines(text), None
    return None, "文件既不是 UTF-8（可带 BOM）、带 BOM 的 UTF-16，也不是 GB18030/GBK 编码的文本"


@dataclass
class Source:
    """A report file as text: ``text`` (for a PDF/Word/HTML document, its canonical rendering)
    or ``error`` (a Chinese reason); documents keep their line map for locations."""

    text: str | None
    error: str | None = None
    document: Document | None = None
    line_map: LineMap | None = None

    @property
    def notes(self) -> list[str]:
        """What could not be read although the rest could (e.g. scanned pages of a PDF)."""
        return [p.message for p in self.document.problems if not p.fatal] if self.document else []

    def locate(self, diagnostics: list[Diagnostic]) -> None:
        """Give each diagnostic its place in the original document (page, cell, source line)."""
        if self.line_map is None:
            return
        for d in diagnostics:
            if d.location is None:
                d.location = self.line_map.locate(d.line, d.column)


def read_bytes(path: Path) -> tuple[bytes | None, str | None]:
    try:
        with open(path, "rb") as fh:
            return fh.read(), None
    except IsADirectoryError:
        return None, "这是一个目录，不是文件"
    except FileNotFoundError:
        return None, "文件不存在"
    except PermissionError:
        return None, "没有读取权限"
    except OSError as exc:
        return None, f"无法读取（{exc.strerror or exc}）"


def read_source(path: Path | str, data: bytes | None = None) -> Source:
    """Read ``path`` (opened read-only; or the given bytes): text files decoded, documents
    (PDF, .docx, HTML — by content, else by extension) read through ``govlint.sources``.
    Never raises."""
    path = Path(path)
    if data is None:
        data, err = read_bytes(path)
        if data is None:
            return Source(None, err)
    from govlint.sources import sniff

    kind = sniff(data, path.suffix.lower())
    if kind is None:
        text, err = decode(data)
        return Source(text, err)
    from govlint.sources import load

    return load(str(path), data, kind)


def read_report(path: Path) -> tuple[str | None, str | None]:
    """Read and decode ``path`` (opened read-only).  ``(None, reason)`` when it cannot be read
    or decoded; never raises."""
    src = read_source(path)
    return src.text, src.error
