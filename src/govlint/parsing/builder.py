"""Build the typed :class:`~govlint.model.Report` from the grammar's line structure."""

from __future__ import annotations

import re
from functools import lru_cache

from govlint.model import ArticleRef, Finding, Paragraph, Part, Report, Span, Subsection
from govlint.parsing.positions import LineIndex
from govlint.parsing.shapes import ARTICLE, INLINE_PART, INLINE_SUB, PART_NUMBER, SUB_NUMBER
from govlint.parsing.structure import Line, LineKind, RawDocument, RawPart, RawSubsection, parse_structure
from govlint.profile import Profile, get_profile, load_profiles, profile_for_year
from govlint.text import cn_to_int, normalise_label

_YEAR = re.compile(r"(20[0-9]{2})[ \t\u3000]*年")
_SENTENCE_END = ("。", "！", "？", "；", "：", ":", "!", "?")
_TITLE_NOISE = {"正文"}
_META = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接)\s*[:：]")
_LONG_LINE = 300
_PAGE_MARK = re.compile(r"^\s*[-—–－]\s*[0-9]+\s*[-—–－]\s*$")


def parse_text(text: str, path: str = "<string>", profile: str | None = None) -> Report:
    """Read a report's text into the document model.  Never raises; what could not be
    understood is recorded in ``report.findings``."""
    from govlint.interpret.assemble import assemble_tables
    from govlint.parsing.template import detect_template

    report = Report(path=path, text=text)
    idx = LineIndex(text)
    raw = parse_structure(text)
    if any(len(ln.text) > _LONG_LINE for ln in _all_lines(raw)):
        raw = _split_long_lines(raw, text)

    _build_front(report, raw.title, raw.front, idx)
    report.year = _detect_year(report)
    prof = _choose_profile(report, text, profile)
    report.profile = prof.id
    for rp in raw.parts:
        report.parts.append(_build_part(rp, text, idx, prof))
    if raw.parts:
        # the body of each part runs to the next part's heading
        for i, p in enumerate(report.parts):
            end = raw.parts[i + 1].head.start if i + 1 < len(raw.parts) else len(text.rstrip())
            p.body_span = idx.span(p.span.start, max(end, p.span.end))
    assemble_tables(report, prof, idx)
    detect_template(report, prof, idx)
    if report.template == "report":
        _missing_parts(report, prof, idx)
    return report


# ----------------------------------------------------------------------------- helpers


def _all_lines(raw: RawDocument) -> list[Line]:
    out = [*raw.title, *raw.front]
    for p in raw.parts:
        out.append(p.head)
        out.extend(p.lines)
        for s in p.subsections:
            out.append(s.head)
            out.extend(s.lines)
    return out


def _paragraphs(lines: list[Line], idx: LineIndex, text: str) -> list[Paragraph]:
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


def _build_front(report: Report, title: list[Line], front: list[Line], idx: LineIndex) -> None:
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
    report.preamble = _paragraphs(rest, idx, text)


def _detect_year(report: Report) -> int | None:
    for source in (report.title, "".join(p.joined for p in report.preamble[:3])):
        m = _YEAR.search(source.replace(" ", ""))
        if m:
            return int(m.group(1))
    m = _YEAR.search(report.text[:3000])
    return int(m.group(1)) if m else None


def _choose_profile(report: Report, text: str, explicit: str | None) -> Profile:
    if explicit:
        try:
            return get_profile(explicit)
        except KeyError:
            report.findings.append(
                Finding("profile-unknown", f"未知的格式配置 {explicit!r}，改用按年份选择的格式", Span(1, 1, 1, 1))
            )
    by_year = profile_for_year(report.year)
    if by_year is not None and any(m in text for m in by_year.marker_labels):
        return by_year  # the common case, decided without normalising the whole text
    norm = normalise_label(text)
    scores = {
        prof.id: sum(1 for m in prof.marker_labels if normalise_label(m) in norm) for prof in load_profiles().values()
    }
    by_labels = max(load_profiles().values(), key=lambda prof: (scores[prof.id], prof.id == "2021"))
    if by_year is None:
        return by_labels  # no year: the format whose own labels appear most
    if by_labels is not by_year and scores[by_year.id] == 0 and scores[by_labels.id] >= 3:
        # the tables are plainly in another format than the year's: read them in that one, and say so
        shown = "、".join(f"「{m}」" for m in by_labels.marker_labels if normalise_label(m) in norm)
        report.findings.append(
            Finding(
                "format-mismatch",
                f"{report.year} 年度的报告应使用 {by_year.name} 规定的格式，但表格使用的是 {by_labels.name} "
                f"的格式（出现 {shown}）；已按后者读取表格",
                report.title_span or Span(1, 1, 1, 1),
                {"expected": by_year.id, "found": by_labels.id},
            )
        )
        return by_labels
    return by_year


def _heading_title(line: Line, pattern: re.Pattern[str]) -> tuple[str, int, str]:
    m = pattern.match(line.text)
    if not m:
        return "", 0, line.text
    numeral = m.group(1)
    return numeral, cn_to_int(numeral) or 0, line.text[m.end() :]


def _build_part(rp: RawPart, text: str, idx: LineIndex, prof: Profile) -> Part:
    numeral, index, title = _heading_title(rp.head, PART_NUMBER)
    title = title.strip()
    canonical = prof.part_for_title(title)
    if canonical is None and len(title) > 12:
        # a heading run together with its text (one-line reports): keep the title only
        canonical, title = _title_prefix(title, prof)
    head = rp.head
    title_end = head.end
    lines = list(rp.lines)
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
    part.paragraphs = _paragraphs([ln for ln in lines if canonical not in (2, 3, 4) or "。" in ln.text], idx, text)
    for rs in subsections:
        part.subsections.append(_build_subsection(rs, text, idx))
    for ln in [*lines, *(x for s in rp.subsections for x in (s.head, *s.lines))]:
        if "条" not in ln.text:
            continue  # (no 第…条 here: the common case, decided without the regex)
        for m in ARTICLE.finditer(ln.text):
            s = ln.start + m.start()
            part.article_refs.append(
                ArticleRef(m.group(0), m.group(1), m.group(2), idx.span(s, ln.start + m.end()))
            )
    return part


@lru_cache(maxsize=1024)
def _title_prefix(title: str, prof: Profile) -> tuple[int | None, str]:
    """(part, title) when ``title`` starts with a part title of the profile (maybe with a typo)."""
    from difflib import SequenceMatcher

    key = normalise_label(title[:256])  # a title is short: only its start can match
    best: tuple[int, int, float] | None = None
    for p in prof.parts:
        for t in (p.title, *p.variants):
            nt = normalise_label(t)
            chars = frozenset(nt)
            for extra in (0, 1, 2):
                if not _may_match(key[: len(nt) + extra], nt, chars):
                    continue
                r = SequenceMatcher(None, key[: len(nt) + extra], nt).ratio()
                if r >= 0.85 and (best is None or (r, len(nt) + extra) > (best[2], best[1])):
                    best = (p.number, len(nt) + extra, r)
    if best is None:
        return None, title
    # map the normalised length back to characters of the title
    kept = 0
    for i, ch in enumerate(title):
        if normalise_label(ch):
            kept += 1
        if kept == best[1]:
            cut = i + 1
            if cut < len(title) and title[cut] in "）)":
                cut += 1
            return best[0], title[:cut]
    return best[0], title


def _build_subsection(rs: RawSubsection, text: str, idx: LineIndex) -> Subsection:
    numeral, _, rest = _heading_title(rs.head, SUB_NUMBER)
    # the title runs to the first sentence mark; the rest of the heading line is prose
    m = re.search(r"[。：:，,．.]", rest)
    title = (rest[: m.start()] if m else rest).strip()
    sub = Subsection(number=numeral, title=title, span=idx.span(rs.head.start, rs.head.end))
    body_start = rs.head.end - len(rest) + (m.end() if m else len(rest))
    first: list[Line] = []
    if body_start < rs.head.end and text[body_start : rs.head.end].strip():
        first.append(Line(LineKind.TEXT, body_start, rs.head.end, text[body_start : rs.head.end]))
    sub.paragraphs = _paragraphs(first + rs.lines, idx, text)
    return sub


def _missing_parts(report: Report, prof: Profile, idx: LineIndex) -> None:
    found = {p.canonical for p in report.parts if p.canonical}
    for spec in prof.parts:
        if spec.number in found:
            continue
        after = [p for p in report.parts if p.canonical and p.canonical > spec.number]
        at = after[0].span if after else idx.span(len(report.text.rstrip()), len(report.text.rstrip()))
        report.findings.append(
            Finding(
                "part-missing",
                f"缺少第{spec.numeral}部分「{spec.numeral}、{spec.title}」",
                at,
                {"part": spec.number, "expected": f"{spec.numeral}、{spec.title}"},
            )
        )


# ----------------------------------------------------------------------------- one-line text



def _split_long_lines(raw: RawDocument, text: str) -> RawDocument:
    """Text that puts a whole report on one line (web scrapes): cut long lines at the part
    headings found inside them (a numeral followed by a part title of the format) and, inside
    part 一, at subsection headings; then rebuild the structure.  Offsets stay those of the
    source."""
    titles = _part_titles()
    heading_ahead: dict[str, bool] = {}  # the verdict per text ahead (repeated headings cost once)
    flat: list[Line] = []
    for ln in _all_lines(raw):
        if len(ln.text) <= _LONG_LINE:
            flat.append(ln)
            continue
        cuts: list[tuple[int, LineKind]] = []
        expected = 1
        for m in INLINE_PART.finditer(ln.text):
            n = cn_to_int(m.group(1)) or 0
            if n < expected:
                continue
            raw_ahead = ln.text[m.end() : m.end() + 40]
            # a part heading only where a part title follows (allowing a typo)
            verdict = heading_ahead.get(raw_ahead)
            if verdict is None:
                verdict = heading_ahead[raw_ahead] = _title_follows(normalise_label(raw_ahead), titles)
            if verdict:
                cuts.append((m.start(), LineKind.PART_HEAD))
                expected = n
        pieces = _cut(ln, cuts)
        # subsections inside prose parts (not inside the table parts 二、三、四)
        for piece in pieces:
            if piece.kind is LineKind.PART_HEAD:
                m0 = PART_NUMBER.match(piece.text)
                n0 = cn_to_int(m0.group(1)) if m0 else 0
                in_table_part = n0 in (2, 3, 4)
            else:
                in_table_part = False
            if in_table_part or len(piece.text) <= 60:
                flat.append(piece)
                continue
            sub_cuts = [(m.start(), LineKind.SUB_HEAD) for m in INLINE_SUB.finditer(piece.text) if m.start() > 0]
            flat.extend(_cut(piece, sub_cuts))
    return _nest([ln for ln in flat if not any(ln is t for t in raw.title)], raw.title)


@lru_cache(maxsize=1)
def _part_titles() -> tuple[tuple[str, frozenset[str]], ...]:
    """Every part title of every format (normalised) with its characters."""
    out = []
    for prof in load_profiles().values():
        for p in prof.parts:
            for t in (p.title, *p.variants):
                t = normalise_label(t)
                out.append((t, frozenset(t)))
    return tuple(out)


def _title_follows(ahead: str, titles: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """Whether a part title (allowing a typo: similarity ratio >= 0.85) starts ``ahead``.  The
    character-set bound skips the titles that cannot reach the ratio, so the costly comparison
    runs only for likely headings (a line of 500,000 ``一、`` stays linear)."""
    from difflib import SequenceMatcher

    for t, chars in titles:
        head = ahead[: len(t) + 1]
        if head.startswith(t):
            return True
        if _may_match(head, t, chars) and SequenceMatcher(None, head, t).ratio() >= 0.85:
            return True
    return False


def _may_match(head: str, t: str, chars: frozenset[str]) -> bool:
    """False when ``head`` cannot reach a 0.85 similarity ratio with ``t`` (``chars``: its
    characters), decided in C: ratio = 2M / (|head| + |t|) >= 0.85 needs M >= 0.425 (|head| + |t|)
    matched characters, of which at least M - (|t| - distinct(t)) are distinct characters of
    ``t`` found in ``head``."""
    need = 0.425 * (len(head) + len(t)) - (len(t) - len(chars)) - 1e-9
    return len(chars.intersection(head)) >= need


def _cut(ln: Line, cuts: list[tuple[int, LineKind]]) -> list[Line]:
    if not cuts:
        return [ln]
    out = []
    bounds = [(0, ln.kind)] + [c for c in cuts if c[0] > 0]
    if cuts and cuts[0][0] == 0:
        bounds = [(0, cuts[0][1])] + [c for c in cuts[1:]]
    for i, (pos, kind) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(ln.text)
        seg = ln.text[pos:end]
        stripped = seg.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append(Line(kind, ln.start + pos + lead, ln.start + pos + len(stripped), stripped.lstrip()))
    return out


def _nest(lines: list[Line], title: list[Line]) -> RawDocument:
    front: list[Line] = []
    parts: list[RawPart] = []
    for ln in lines:
        if ln.kind is LineKind.PART_HEAD:
            parts.append(RawPart(ln))
        elif not parts:
            front.append(ln)
        elif ln.kind is LineKind.SUB_HEAD:
            parts[-1].subsections.append(RawSubsection(ln))
        elif parts[-1].subsections:
            parts[-1].subsections[-1].lines.append(ln)
        else:
            parts[-1].lines.append(ln)
    return RawDocument(front, parts, title)

