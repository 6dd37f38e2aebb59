"""Text that puts a whole report on one line (web scrapes): the long lines cut at the headings
found inside them, and the structure rebuilt from the pieces."""

from __future__ import annotations

from govlint.parsing.shapes import INLINE_PART, INLINE_SUB, PART_NUMBER
from govlint.parsing.structure import Line, LineKind, RawDocument, RawPart, RawSubsection
from govlint.parsing.titles import part_titles, title_follows
from govlint.text import cn_to_int, normalise_label

__all__ = ["LONG_LINE", "all_lines", "split_long_lines"]

LONG_LINE = 300


def all_lines(raw: RawDocument) -> list[Line]:
    """Every line of the structure, in document order."""
    out = [*raw.title, *raw.front]
    for p in raw.parts:
        out.append(p.head)
        out.extend(p.lines)
        for s in p.subsections:
            out.append(s.head)
            out.extend(s.lines)
    return out


def split_long_lines(raw: RawDocument, text: str) -> RawDocument:
    """Text that puts a whole report on one line (web scrapes): cut long lines at the part
    headings found inside them (a numeral followed by a part title of the format) and, inside
    part 一, at subsection headings; then rebuild the structure.  Offsets stay those of the
    source."""
    titles = part_titles()
    heading_ahead: dict[str, bool] = {}  # the verdict per text ahead (repeated headings cost once)
    flat: list[Line] = []
    for ln in all_lines(raw):
        if len(ln.text) <= LONG_LINE:
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
                verdict = heading_ahead[raw_ahead] = title_follows(normalise_label(raw_ahead), titles)
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
