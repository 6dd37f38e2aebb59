"""Parts and subsections of the model from the grammar's raw parts: numeral, title (the official
part it is, allowing a typo), paragraphs, and the 条例 captions cited in them."""

from __future__ import annotations

import re

from govlint.model import ArticleRef, Part, Subsection
from govlint.parsing.positions import LineIndex
from govlint.parsing.prose import paragraphs
from govlint.parsing.shapes import ARTICLE, PART_NUMBER, SUB_NUMBER
from govlint.parsing.structure import Line, LineKind, RawPart, RawSubsection
from govlint.parsing.titles import title_prefix
from govlint.profile import Profile
from govlint.text import cn_to_int, heading_text

__all__ = ["build_part", "build_subsection", "read_heading"]


def _heading_title(line: Line, pattern: re.Pattern[str]) -> tuple[str, int, str]:
    m = pattern.match(line.text)
    if not m:
        return "", 0, line.text
    numeral = m.group(1)
    return numeral, cn_to_int(numeral) or 0, line.text[m.end() :]


def read_heading(rp: RawPart, prof: Profile) -> tuple[str, int, str, int | None, bool]:
    """A raw part's heading as the model reads it: (numeral, its value, title, the official part
    the title names or None, whether the title is the next line's)."""
    numeral, index, title = _heading_title(rp.head, PART_NUMBER)
    title = title.strip()
    if rp.head.text.startswith("|") or "<" in title:  # a heading in a table's cells, or in tags
        title = heading_text(title)
    canonical = prof.part_for_title(title)
    if canonical is None and len(title) > 12:
        # a heading run together with its text (one-line reports): keep the title only
        canonical, title = title_prefix(title, prof)
    if not title and rp.lines and (on_next := prof.part_for_title(rp.lines[0].text)) is not None:
        # the numeral alone on its line, the title on the next (the grammar's PART_HEAD)
        return numeral, index, rp.lines[0].text, on_next, True
    return numeral, index, title, canonical, False


def build_part(rp: RawPart, text: str, idx: LineIndex, prof: Profile) -> Part:
    numeral, index, title, canonical, title_next = read_heading(rp, prof)
    head = rp.head
    lines = list(rp.lines)
    if title_next:
        nxt = lines.pop(0)
        head = Line(head.kind, head.start, nxt.end, text[head.start : nxt.end])
    title_end = head.end
    if canonical is not None:
        at = text.find(title, head.start, head.end)
        if at != -1 and at + len(title) < head.end:
            title_end = at + len(title)
            rest_start = title_end
            while rest_start < head.end and text[rest_start] in " \t\u3000":
                rest_start += 1
            if rest_start < head.end:
                lines.insert(0, Line(LineKind.TEXT, rest_start, head.end, text[rest_start:head.end]))
    part = Part(
        number=numeral,
        index=index,
        title=title,
        span=idx.span(head.start, title_end),
        canonical=canonical,
    )
    subsections = list(rp.subsections)
    if canonical in (2, 3, 4):
        # in the table parts, "（一）予以公开 0 0 …" or "(三) 不予公开" are table labels, not
        # subsections: only a heading with prose (a sentence) stays a subsection
        for rs in rp.subsections:
            if "。" not in rs.head.text and not any("。" in ln.text for ln in rs.lines[:3]):
                lines.extend([rs.head, *rs.lines])
                subsections.remove(rs)
    part.paragraphs = paragraphs([ln for ln in lines if canonical not in (2, 3, 4) or "。" in ln.text], idx, text)
    for rs in subsections:
        part.subsections.append(build_subsection(rs, text, idx))
    for ln in [*lines, *(x for s in subsections for x in (s.head, *s.lines))]:  # (table labels moved to lines: once)
        if "条" not in ln.text:
            continue  # (no 第…条 here: the common case, decided without the regex)
        for m in ARTICLE.finditer(ln.text):
            s = ln.start + m.start()
            part.article_refs.append(
                ArticleRef(m.group(0), m.group(1), m.group(2), idx.span(s, ln.start + m.end()))
            )
    return part


def build_subsection(rs: RawSubsection, text: str, idx: LineIndex) -> Subsection:
    numeral, _, rest = _heading_title(rs.head, SUB_NUMBER)
    # the title runs to the first sentence mark; the rest of the heading line is prose
    m = re.search(r"[。：:，,．.]", rest)
    title = (rest[: m.start()] if m else rest).strip()
    sub = Subsection(number=numeral, title=title, span=idx.span(rs.head.start, rs.head.end))
    body_start = rs.head.end - len(rest) + (m.end() if m else len(rest))
    first: list[Line] = []
    if body_start < rs.head.end and text[body_start : rs.head.end].strip():
        first.append(Line(LineKind.TEXT, body_start, rs.head.end, text[body_start : rs.head.end]))
    sub.paragraphs = paragraphs(first + rs.lines, idx, text)
    return sub
