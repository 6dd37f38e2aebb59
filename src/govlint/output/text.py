"""``text`` (the default): a header line per diagnostic, the source line with a caret under the
spot (aligned for double-width Chinese characters), related locations, and a summary line::

    r.txt:66:4: PAR004 [error] 表三的行「1.申请人…」只有 6 个数值，应有 7 个
       |
    66 | 1.申请人无正当理由逾期不补正…
       |   ^^^^^^^^^^^^
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from govlint.diagnostic import Diagnostic, Severity
from govlint.output import Context, statistics_lines, summary_line
from govlint.output.escape import BIDI_CONTROLS as _BIDI
from govlint.output.escape import escape_controls, escape_excerpt

TAB = 4
MAX_WIDTH = 100  # longer source lines are shown as a window around the spot

_COLOR = {Severity.ERROR: "\x1b[31;1m", Severity.WARNING: "\x1b[33;1m", Severity.INFO: "\x1b[36;1m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


@lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Terminal columns of one character: 2 for wide and full-width (CJK), 0 for combining."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def expand(line: str) -> list[tuple[str, int]]:
    """The line as (shown text, width) per character; tabs expand to the next multiple of 4,
    control characters are shown escaped (``\\x1b``)."""
    out: list[tuple[str, int]] = []
    col = 0
    for ch in line:
        if ch == "\t":
            w = TAB - col % TAB
            out.append((" " * w, w))
        elif ch < " " or "\x7f" <= ch < "\xa0" or ch in _BIDI:
            shown = escape_excerpt(ch)
            w = len(shown)
            out.append((shown, w))
        else:
            w = char_width(ch)
            out.append((ch, w))
        col += w
    return out


_BACK = 24  # characters looked at before the spot in a long line (20 columns, a few zero-width)
_AHEAD = MAX_WIDTH + 2 * _BACK  # characters looked at from the window's start


def excerpt(line: str, column: int, end_column: int | None) -> tuple[str, str]:
    """The source line as shown and the caret line under characters ``column`` … ``end_column``
    (1-based, end exclusive; None: to the end of the line).  Long lines (whole reports on one
    line) are shown as a window around the spot; only the window is looked at, so the time per
    diagnostic does not grow with the line."""
    n = len(line)
    start = max(0, min(column - 1, n))
    end = n if end_column is None else max(start + 1, min(end_column - 1, n))
    if n <= _AHEAD:
        cells = expand(line)
        if sum(w for _, w in cells) <= MAX_WIDTH:
            return _show(cells, 0, len(cells), 0, start, end, n)
    # a window: up to 20 columns before the spot, MAX_WIDTH columns in all
    base = max(0, start - _BACK)
    cells = expand(line[base:min(n, base + _BACK + _AHEAD)])
    s = start - base
    lo, width = s, 0
    while lo > 0 and width < 20:
        lo -= 1
        width += cells[lo][1]
    hi, width = lo, 0
    while hi < len(cells) and width < MAX_WIDTH:
        width += cells[hi][1]
        hi += 1
    hi = max(hi, min(s + 1, len(cells)))
    return _show(cells, lo, hi, base, start, end, n)


def _show(cells: list[tuple[str, int]], lo: int, hi: int, base: int, start: int, end: int, n: int) -> tuple[str, str]:
    """Cells ``lo``…``hi`` (of a slice starting at character ``base``) with the caret line."""
    prefix = "..." if base + lo > 0 else ""  # ASCII: "…" is of ambiguous width in CJK terminals
    suffix = "..." if base + hi < n else ""
    shown = prefix + "".join(s for s, _ in cells[lo:hi]) + suffix
    s, e = start - base, end - base
    pad = len(prefix) + sum(w for _, w in cells[lo:s])
    carets = max(1, sum(w for _, w in cells[s:min(e, hi)]))
    return shown, " " * pad + "^" * carets


def _paint(s: str, code: str, color: bool) -> str:
    return f"{code}{s}{_RESET}" if color and s else s


def render_one(d: Diagnostic, lines: Sequence[str] | None, color: bool) -> list[str]:
    sev = _paint(d.severity.value, _COLOR[d.severity], color)
    where = _paint(f"{escape_controls(d.path)}:{d.line}:{d.column}:", _BOLD, color)
    out = [f"{where} {_paint(d.code, _BOLD, color)} [{sev}] {escape_controls(d.message)}"]
    if lines is not None:
        if 1 <= d.line <= len(lines):
            end = d.end_column if d.end_line == d.line else None
            shown, carets = excerpt(lines[d.line - 1], d.column, end)
            gutter = " " * len(str(d.line))
            out.append(_paint(f"{gutter} |", _DIM, color))
            out.append(_paint(f"{d.line} |", _DIM, color) + f" {shown}")
            out.append(_paint(f"{gutter} |", _DIM, color) + " " + _paint(carets, _COLOR[d.severity], color))
    if d.location is not None and d.location.describe():
        out.append(f"  = 位置：{d.location.describe()}")
    for r in d.related:
        out.append(f"  = 相关：{escape_controls(r.path or d.path)}:{r.span.line}:{r.span.column}: "
                   f"{escape_controls(r.message)}")
    return out


def render_text(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    lines: list[str] = []
    split: dict[str, list[str]] = {}
    for d in diagnostics:
        if d.path not in split and d.path in ctx.sources:
            split[d.path] = ctx.sources[d.path].split("\n")
        lines.extend(render_one(d, split.get(d.path), ctx.color))
        lines.append("")
    if ctx.statistics and diagnostics:
        lines.append("统计：")
        lines.extend(statistics_lines(diagnostics))
        lines.append("")
    if ctx.summary:
        lines.append(summary_line(diagnostics, ctx.files_checked))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + ("\n" if lines else "")
