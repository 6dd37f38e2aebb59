"""Text helpers the built-in rule families share: the text region of a part, prose joined
across the extraction's line breaks with a map back to source offsets, sentences, and a
per-report memo so several rules do not recompute the same thing."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, overload

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


class Offsets(Sequence[int]):
    """The source offsets of a joined text, kept as runs of consecutive offsets (one per line)
    rather than one int per character: most joined text is only searched, and a line's run is
    all a span or a fix needs."""

    __slots__ = ("_starts", "_sources", "_n")

    def __init__(self, starts: list[int], sources: list[int], n: int) -> None:
        self._starts, self._sources, self._n = starts, sources, n  # run k: joined starts[k]… ↔ source sources[k]…

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, k: int) -> int: ...

    @overload
    def __getitem__(self, k: slice) -> list[int]: ...

    def __getitem__(self, k: int | slice) -> int | list[int]:
        if isinstance(k, slice):
            return [self[x] for x in range(*k.indices(self._n))]
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        r = bisect_right(self._starts, k) - 1
        return self._sources[r] + k - self._starts[r]

    def index_from(self, source: int) -> int:
        """The index of the first offset at or after ``source`` (offsets only increase)."""
        r = bisect_right(self._sources, source) - 1
        if r < 0:
            return 0
        end = self._starts[r + 1] if r + 1 < len(self._starts) else self._n
        return min(self._starts[r] + source - self._sources[r], end)

    def part(self, i: int, j: int) -> Offsets:
        """The offsets of joined characters ``i`` … ``j`` (exclusive), ``0 <= i <= j <= len``."""
        if i >= j:
            return Offsets([], [], 0)
        r0, r1 = bisect_right(self._starts, i) - 1, bisect_right(self._starts, j - 1)
        starts = [0, *(s - i for s in self._starts[r0 + 1:r1])]
        sources = [self._sources[r0] + i - self._starts[r0], *self._sources[r0 + 1:r1]]
        return Offsets(starts, sources, j - i)


@dataclass
class Joined:
    """A stretch of source text with the extraction's line breaks removed (as
    :func:`govlint.model.join_wrapped` does), keeping each character's source offset."""

    text: str
    offsets: Sequence[int]

    def span(self, report: Report, i: int, j: int) -> Span:
        """Source span of joined characters ``i`` … ``j`` (exclusive)."""
        offsets = self.offsets
        n = len(offsets)
        if not n:
            return line_index(report).span(0, 0)
        i = max(0, min(i, n - 1))
        j = max(i + 1, min(j, n))
        return line_index(report).span(offsets[i], offsets[j - 1] + 1)


def join_region(text: str, start: int, end: int) -> Joined:
    out: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    n = 0
    pos = start
    word_end = False  # the joined text so far ends with an ASCII letter or digit
    for raw in text[start:end].split("\n"):
        line_start = pos
        pos += len(raw) + 1
        stripped = raw.strip()
        if not stripped:
            continue
        # (raw starts with its first non-blank unless it starts with a blank)
        lead = 0 if raw[0] == stripped[0] else len(raw) - len(raw.lstrip())
        first = stripped[0]
        if word_end and first < "\x80" and first.isalnum():
            out.append(" ")  # two ASCII words broken over lines stay two words
            starts.append(n)
            sources.append(line_start + lead - 1)
            n += 1
        out.append(stripped)
        starts.append(n)
        sources.append(line_start + lead)
        n += len(stripped)
        last = stripped[-1]
        word_end = last < "\x80" and last.isalnum()
    return Joined("".join(out), Offsets(starts, sources, n))


def region_text(report: Report, start: int, end: int) -> Joined:
    """``join_region(report.text, start, end)``, sliced from the whole joined text when the
    region begins and ends at line breaks (the usual case: parts and paragraphs are whole lines).

    A line joins the same way wherever the region starts; only the first line of a region has no
    line before it to be joined to with a space (two ASCII words), so such a space is dropped."""
    text = report.text
    a, b = _line_after(text, start), _line_before(text, end)
    if a is None or b is None:
        return join_region(text, start, end)
    if a >= b:
        return Joined("", [])
    whole = whole_text(report)
    offs = whole.offsets
    assert isinstance(offs, Offsets)
    i = 0 if a == 0 else offs.index_from(a - 1)  # what follows the line break before line a
    j = len(offs) if b == len(text) else offs.index_from(b - 1)
    if i < j and text[offs[i]].isspace():  # the space joining line a to the line before it
        i += 1
    return Joined(whole.text[i:j], offs.part(i, j))


def _line_after(text: str, start: int) -> int | None:
    """The start of the first whole line at or after ``start`` when only blanks come between."""
    if start == 0 or text[start - 1] == "\n":
        return start
    nl = text.find("\n", start)
    if (text[start:] if nl < 0 else text[start:nl]).strip():
        return None
    return len(text) if nl < 0 else nl + 1


def _line_before(text: str, end: int) -> int | None:
    """The end of the last whole line before ``end`` (a line start) when only blanks come between."""
    if end == 0 or end == len(text) or text[end - 1] == "\n":
        return end
    line = text.rfind("\n", 0, end) + 1
    return None if text[line:end].strip() else line


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
    return region_text(report, start, end)


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
        segs.append(region_text(report, start, first))
    for index in (1, 5, 6):
        j = part_text(report, index)
        if j is not None:
            segs.append(j)
    for index in (2, 3, 4):
        p = canonical_part(report, index)
        if p is None:
            continue
        for para in p.all_paragraphs:
            segs.append(region_text(report, para.span.start, para.span.end))
    return segs


#: the characters a sentence ends with
# a State Council decree as reports cite it: 国务院令, or the abbreviation 国令 (（国令第711号）)
DECREE = r"国(?:务院)?令"  # (a literal first character: searched from each 国, not tried everywhere)

SENTENCE_ENDS = "。；;！？!?"
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def sentences(seg: Joined) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of a joined segment (split after 。；！？ and line-level
    numbering is not treated as a boundary)."""
    start = 0
    for m in _SENTENCE_END.finditer(seg.text):
        yield start, m.end()
        start = m.end()
    if start < len(seg.text):
        yield start, len(seg.text)


def clip(s: str, n: int = 40) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# --------------------------------------------------------------------------- rules

