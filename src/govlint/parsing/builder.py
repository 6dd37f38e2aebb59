"""Build the typed :class:`~govlint.model.Report` from the grammar's line structure: the front
matter (:mod:`.prose`), the parts (:mod:`.parts`), one-line text cut first (:mod:`.oneline`), the
year and the format, then the tables (:mod:`govlint.interpret`) and the template."""

from __future__ import annotations

import re

from govlint.model import Finding, Report, Span, Template
from govlint.parsing.oneline import LONG_LINE, all_lines, split_long_lines
from govlint.parsing.parts import build_part, read_heading
from govlint.parsing.positions import LineIndex
from govlint.parsing.prose import build_front
from govlint.parsing.structure import Line, LineKind, RawDocument, RawPart, parse_structure
from govlint.profile import Profile, get_profile, load_profiles, profile_for_year
from govlint.source import normalise_newlines
from govlint.text import INLINE_TAG, heading_key, normalise_label

__all__ = ["parse_text"]

_DIGIT = re.compile(r"[0-9]")
_YEAR = re.compile(r"([2２][0０][0-9０-９]{2})[ \t\u3000]*年")  # full-width digits too: int() reads them


def parse_text(text: str, path: str = "<string>", profile: str | None = None) -> Report:
    """Read a report's text into the document model.  Never raises; what could not be
    understood is recorded in ``report.findings``.  Line ends are normalised first (CRLF, CR →
    LF, as a file's text is: pdfium and Windows tools give CRLF); positions refer to
    ``report.text``."""
    from govlint.interpret.assemble import assemble_tables
    from govlint.parsing.template import detect_template

    text = normalise_newlines(text)
    report = Report(path=path, text=text)
    idx = LineIndex(text)
    raw = parse_structure(text)
    if any(len(ln.text) > LONG_LINE for ln in all_lines(raw)):
        raw = split_long_lines(raw, text)

    build_front(report, raw.title, raw.front, idx)
    report.year = _detect_year(report)
    prof = _choose_profile(report, text, profile)
    report.profile = prof.id
    _demote_digit_heads(raw, prof)
    if _recover_unnumbered_heads(raw, prof):
        report.preamble = []
        build_front(report, raw.title, raw.front, idx)  # the preamble ends where the first part starts
    for rp in raw.parts:
        report.parts.append(build_part(rp, text, idx, prof))
    if raw.parts:
        # the body of each part runs to the next part's heading
        for i, p in enumerate(report.parts):
            end = raw.parts[i + 1].head.start if i + 1 < len(raw.parts) else len(text.rstrip())
            p.body_span = idx.span(p.span.start, max(end, p.span.end))
    assemble_tables(report, prof, idx)
    detect_template(report, prof, idx)
    if report.template is Template.REPORT:
        _missing_parts(report, prof, idx)
    return report


def _demote_digit_heads(raw: RawDocument, prof: Profile) -> None:
    """A heading numbered 1. 2. before a part title (the grammar's DIGIT_PART) whose part is headed
    elsewhere too — by 一、…, or by a digit that is that part's own number — is a numbered point of
    the part before it (总体情况's ``1.主动公开政府信息情况``), not the part: its lines go back there."""
    if not _DIGIT.search("".join([rp.head.text[:4] for rp in raw.parts])):
        return  # (the common case: no heading numbered in digits)
    heads: list[tuple[str, int | None]] = []  # (numeral, the official part its title names)
    for rp in raw.parts:
        numeral, _, _, part, _ = read_heading(rp, prof)
        heads.append((numeral, part))

    def claimed_elsewhere(i: int) -> bool:
        num, part = heads[i]
        return any(j != i and p == part and (not n.isdigit() or int(n) == part) for j, (n, p) in enumerate(heads))

    demoted = [i for i, (num, part) in enumerate(heads) if num.isdigit() and part is not None and claimed_elsewhere(i)]
    for i in reversed(demoted):
        rp = raw.parts.pop(i)
        lines = [rp.head._replace(kind=LineKind.TEXT), *rp.lines,
                 *(x for sub in rp.subsections for x in (sub.head, *sub.lines))]
        if i == 0:
            raw.front.extend(lines)
            continue
        before = raw.parts[i - 1]
        (before.subsections[-1].lines if before.subsections else before.lines).extend(lines)


def _recover_unnumbered_heads(raw: RawDocument, prof: Profile) -> bool:
    """A part no numbered heading names, whose exact title (a title or a variant of the formats)
    stands on a line of its own between the parts before and after it: that line is its heading,
    the number printed elsewhere — pdftotext's default mode prints a Word list number apart from
    its text, lines away (``四、`` / the last numbers of 表三 / ``政府信息公开行政复议、行政诉讼情况``)
    — or not at all: a Word list number is no text to python-docx or a web page's scrape (an
    ``<ol>``), so every heading can come without one.  A part before every numbered one is looked
    for in the preamble.  The heading then has no number (``Part.number`` empty): not a defect of
    the report.  True when the preamble was cut."""
    present = [read_heading(rp, prof)[3] for rp in raw.parts]  # the official part each heading names
    cut = False
    for spec in prof.parts:
        n = spec.number
        if n in present:
            continue
        titles = {normalise_label(t) for t in (spec.title, *spec.variants)}
        titles |= {spec.numeral + t for t in titles}  # the number there, the line no heading to the grammar
        if raw.front and not any(c is not None and c <= n for c in present):
            front = RawPart(raw.front[0], raw.front)  # (cut in place by _split_at_title)
            new = _split_at_title(front, titles, inline=False)
            if new is not None:
                raw.front = front.lines
                raw.parts.insert(0, new)
                present.insert(0, n)
                cut = True
                continue
        for i, rp in enumerate(raw.parts):
            before = [c for c in present[: i + 1] if c is not None]
            after = [c for c in present[i + 1:] if c is not None]
            if (before and max(before) >= n) or (after and min(after) <= n):
                continue  # the part would stand out of order here
            new = _split_at_title(rp, titles)
            if new is not None:
                raw.parts.insert(i + 1, new)
                present.insert(i + 1, n)
                break
    return cut


def _split_at_title(rp: RawPart, titles: set[str], inline: bool = True) -> RawPart | None:
    """The part from ``rp``'s first line that is one of ``titles`` (normalised) to its end, cut
    off ``rp``; None when no line is.  The heading may also stand inside a line with its number,
    after a blank or a sentence's end: after the last sentence of a paragraph (pymupdf4llm joins a
    heading to the text before it: ``…努力形成独具特色的工作亮点。 六、其他需要报告的事项``) or
    among the cells of a table printed as one line, the next table's header words after it
    (``…（七）总计 0 0 0 四、 政府信息公开行政复议、行政诉讼情况 行政复议 行政诉讼``) — not in
    the preamble (``inline`` false): a text with no part heading at all is no report whose
    headings ran onto other lines, and the parts it names in passing are no parts."""
    def hit(lines: list[Line]) -> tuple[int, int, int]:
        for k, ln in enumerate(lines):
            if len(ln.text) <= 80 and heading_key(ln.text) in titles:
                return k, 0, 0
            for m in _INLINE_HEAD.finditer(ln.text) if inline else ():
                stop = _title_end(ln.text, m.start(), titles)
                if stop:
                    return k, m.start(), stop
        return -1, 0, 0

    def cut(lines: list[Line], k: int, at: int, stop: int) -> tuple[list[Line], Line, list[Line]]:
        ln = lines[k]
        if not at and not stop:
            return lines[:k], ln._replace(kind=LineKind.PART_HEAD), []
        before = ln.text[:at].rstrip()
        kept = [ln._replace(end=ln.start + len(before), text=before)] if before else []
        after = ln.text[stop:]
        lead = len(after) - len(after.lstrip())
        rest = [Line(LineKind.TEXT, ln.start + stop + lead, ln.end, after.strip())] if after.strip() else []
        return ([*lines[:k], *kept], Line(LineKind.PART_HEAD, ln.start + at, ln.start + stop, ln.text[at:stop]),
                rest)

    k, at, stop = hit(rp.lines)
    if k >= 0:
        rest, subs = rp.lines[k + 1:], rp.subsections
        rp.lines, head, tail = cut(rp.lines, k, at, stop)
        rp.subsections = []
        return RawPart(head, [*tail, *rest], subs)
    for si, sub in enumerate(rp.subsections):
        k, at, stop = hit(sub.lines)
        if k >= 0:
            rest, subs = sub.lines[k + 1:], rp.subsections[si + 1:]
            sub.lines, head, tail = cut(sub.lines, k, at, stop)
            rp.subsections = rp.subsections[: si + 1]
            return RawPart(head, [*tail, *rest], subs)
    return None


def _title_end(text: str, at: int, titles: set[str]) -> int:
    """Where one of ``titles`` (normalised keys) ends when read from ``text[at]`` on: the key
    grows a character at a time (blanks, brackets, bars and tags add nothing to it); 0 when the
    text there is no title."""
    if "<" in text:
        text = INLINE_TAG.sub(lambda m: " " * len(m.group()), text)  # offsets stay
    longest = max(map(len, titles), default=0)
    key = ""
    for i in range(at, len(text)):
        key += normalise_label(text[i])
        if key in titles and (i + 1 == len(text) or text[i + 1].isspace() or text[i + 1] == "|"):
            # (a blank or a bar after it: not a longer word, nor a title named in a sentence)
            return i + 1
        if len(key) >= longest or not any(t.startswith(key) for t in titles):
            return 0
    return 0


# a part's number inside a line, after a blank, a bar or a sentence's end (the heading run onto the line)
_INLINE_HEAD = re.compile(r"(?:^|(?<=[\s。；;！!|]))[一二三四五六][ \t\u3000]*[、，,.．]")


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
