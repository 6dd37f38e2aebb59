"""The prose of a report: lines grouped into paragraphs, and the front matter (the title block
and the preamble before part 一)."""

from __future__ import annotations

import re

from govlint.model import Paragraph, Report
from govlint.parsing.positions import LineIndex
from govlint.parsing.structure import Line
from govlint.text import normalise_label

__all__ = ["build_front", "paragraphs"]

_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "!", "?")
_TITLE_NOISE = {"正文"}
_META = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接)\s*[:：]")
_PAGE_MARK = re.compile(r"^\s*[-—–－]\s*[0-9]+\s*[-—–－]\s*$")


def paragraphs(lines: list[Line], idx: LineIndex, text: str) -> list[Paragraph]:
    """Group lines into paragraphs: a paragraph ends with a line ending a sentence."""
    out: list[Paragraph] = []
    start: Line | None = None
    last: Line | None = None
    for ln in lines:
        if not ln.text.strip():
            continue
        if start is None:
            start = ln
        last = ln
        if ln.text.rstrip().endswith(_SENTENCE_END):
            out.append(Paragraph(text[start.start : ln.end], idx.span(start.start, ln.end)))
            start = None
    if start is not None and last is not None:
        out.append(Paragraph(text[start.start : last.end], idx.span(start.start, last.end)))
    return out


def build_front(report: Report, title: list[Line], front: list[Line], idx: LineIndex) -> None:
    """The title block (from the grammar) and the preamble (what is left before part 一).
    A web-scrape header (标题: … 发布时间: …) gives the title from its 标题 line."""
    text = report.text
    lines = [ln for ln in (*title, *front) if ln.text.strip()]
    meta_title = next((ln for ln in lines if ln.text.startswith(("标题:", "标题："))), None)
    if meta_title is not None:
        off = meta_title.start + 3
        while off < meta_title.end and text[off] in " \t\u3000":
            off += 1
        report.title = text[off : meta_title.end].strip()
        report.title_span = idx.span(off, meta_title.end)
        rest = [ln for ln in lines if not _META.match(ln.text) and not ln.text.startswith("=")]
        pub = next((ln for ln in lines if ln.text.startswith(("发布时间:", "发布时间："))), None)
        if pub is not None and pub.text[5:].strip():
            report.published = pub.text[5:].strip()  # for the publication-deadline rule
    else:
        title_lines = [
            ln for ln in title if normalise_label(ln.text) not in _TITLE_NOISE and not _PAGE_MARK.match(ln.text)
        ]
        if title_lines:
            report.title = "".join(ln.text.strip() for ln in title_lines)
            report.title_span = idx.span(title_lines[0].start, title_lines[-1].end)
        rest = [ln for ln in front if normalise_label(ln.text) not in _TITLE_NOISE]
    report.preamble = paragraphs(rest, idx, text)
