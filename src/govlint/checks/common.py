"""Text helpers the built-in rule families share: the text region of a part, prose joined
across the extraction's line breaks with a map back to source offsets, sentences, and a
per-report memo so several rules do not recompute the same thing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from govlint.model import Part, Report, Span
from govlint.parsing.positions import LineIndex
from govlint.profile import NUMERALS, Profile, get_profile

T = TypeVar("T")

_MEMO: dict[int, tuple[Report, dict[str, Any]]] = {}


def memo(report: Report, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per report (the last few reports are remembered)."""
    entry = _MEMO.get(id(report))
    if entry is None or entry[0] is not report:
        if len(_MEMO) > 8:
            _MEMO.clear()
        entry = _MEMO[id(report)] = (report, {})
    values = entry[1]
    if key not in values:
        values[key] = compute()
    return values[key]  # type: ignore[no-any-return]


def applies(report: Report) -> bool:
    """Built-in content rules stay silent on texts that are not a report of a known format."""
    return report.template == "report"


def profile_of(report: Report) -> Profile | None:
    try:
        return get_profile(report.profile)
    except KeyError:
        return None


def checked_profile(report: Report) -> Profile | None:
    """The report's profile, or None when the content rules should stay silent (not a report
    of a known format, see :func:`applies`)."""
    return profile_of(report) if applies(report) else None


def line_index(report: Report) -> LineIndex:
    return memo(report, "line_index", lambda: LineIndex(report.text))


def profile_fits(report: Report, prof: Profile) -> bool:
    """Whether the profile's years cover the report year (unknown year: assume so).  The
    parser falls back to some profile when none covers the year; format-specific content
    rules then stay silent rather than judge a report by another year's format."""
    return report.year is None or prof.first_year <= report.year <= prof.last_year


def canonical_part(report: Report, index: int) -> Part | None:
    """The part whose title is official part ``index`` — never a stray heading that merely
    carries the same number (a missing part is reported by the parse rules)."""
    return next((p for p in report.parts if p.canonical == index), None)


def numeral(n: int) -> str:
    return NUMERALS[n] if 0 <= n < len(NUMERALS) else str(n)


@dataclass
class Joined:
    """A stretch of source text with the extraction's line breaks removed (as
    :func:`govlint.model.join_wrapped` does), keeping each character's source offset."""

    text: str
    offsets: list[int]

    def span(self, report: Report, i: int, j: int) -> Span:
        """Source span of joined characters ``i`` … ``j`` (exclusive)."""
        if not self.offsets:
            return line_index(report).span(0, 0)
        i = max(0, min(i, len(self.offsets) - 1))
        j = max(i + 1, min(j, len(self.offsets)))
        return line_index(report).span(self.offsets[i], self.offsets[j - 1] + 1)


def join_region(text: str, start: int, end: int) -> Joined:
    out: list[str] = []
    offs: list[int] = []
    pos = start
    for raw in text[start:end].split("\n"):
        line_start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        last = out[-1][-1] if out else ""
        if last.isascii() and last.isalnum() and stripped[0].isascii() and stripped[0].isalnum():
            out.append(" ")  # two ASCII words broken over lines stay two words
            offs.append(line_start + lead - 1)
        out.append(stripped)
        offs.extend(range(line_start + lead, line_start + lead + len(stripped)))
    return Joined("".join(out), offs)


def whole_text(report: Report) -> Joined:
    """The whole report, joined across line breaks.  Computed once per report."""
    return memo(report, "whole_text", lambda: join_region(report.text, 0, len(report.text)))


def part_region(report: Report, index: int) -> tuple[Part, int, int] | None:
    """Part ``index`` (1–6) and the source offsets of its body: from the end of its heading to
    the heading of the next recognised part (stray headings in between belong to it)."""
    part = canonical_part(report, index)
    if part is None:
        return None
    end = len(report.text)
    for p in report.parts:
        if p.span.start > part.span.start and p.canonical is not None and p.canonical != index:
            end = min(end, p.span.start)
    return part, part.span.end, end


def part_text(report: Report, index: int) -> Joined | None:
    """Part ``index``'s body joined across line breaks.  Computed once per report and part."""
    return memo(report, f"part_text:{index}", lambda: _part_text(report, index))


def _part_text(report: Report, index: int) -> Joined | None:
    region = part_region(report, index)
    if region is None:
        return None
    _, start, end = region
    return join_region(report.text, start, end)


def prose_segments(report: Report) -> list[Joined]:
    """The report's prose: the preamble, the whole of parts 一, 五, 六, and the paragraphs of
    parts 二–四 (their tables left out).  Computed once per report."""
    return memo(report, "prose_segments", lambda: _prose_segments(report))


def _prose_segments(report: Report) -> list[Joined]:
    segs: list[Joined] = []
    text = report.text
    first = min((p.span.start for p in report.parts), default=len(text))
    start = report.title_span.end if report.title_span else 0
    if start < first:
        segs.append(join_region(text, start, first))
    for index in (1, 5, 6):
        j = part_text(report, index)
        if j is not None:
            segs.append(j)
    for index in (2, 3, 4):
        p = canonical_part(report, index)
        if p is None:
            continue
        for para in p.all_paragraphs:
            segs.append(join_region(text, para.span.start, para.span.end))
    return segs


def sentences(seg: Joined) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of a joined segment (split after 。；！？ and line-level
    numbering is not treated as a boundary)."""
    start = 0
    for m in re.finditer(r"[。；;！？!?]", seg.text):
        yield start, m.end()
        start = m.end()
    if start < len(seg.text):
        yield start, len(seg.text)


def clip(s: str, n: int = 40) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------- rules

