"""Control characters never reach a terminal raw.

A report's text ends up in messages (the row label a rule quotes, a path) and in source excerpts;
``\\x1b[H\\x1b[J`` in it would clear the reader's screen, ``\\r`` overwrite the line, a bidi
override reorder what is shown.  Every human-readable format shows them escaped as ``\\xNN`` /
``\\uNNNN`` (linear time: one ``str.translate``).
"""

from __future__ import annotations

import re

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


def _table(keep: str) -> dict[int, str]:
    table = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in keep}
    table.update({c: f"\\u{c:04x}" for c in _BIDI})
    return table


BIDI_CONTROLS = frozenset(map(chr, _BIDI))
_LINE = {**_table(""), ord("\n"): " ", ord("\r"): " ", ord("\t"): " "}  # one-line text: blanks for line ends
_EXCERPT = _table("\t")  # source lines: tabs are expanded by the caller
_LINES = _table("\t\n\r")  # formats that encode line ends themselves (github)


def _finder(table: dict[int, str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")


_LINE_ANY = _finder(_LINE)


def escape_controls(text: str) -> str:
    """``text`` on one line (line ends and tabs as spaces), every other control character (C0,
    DEL, C1, bidi controls) written as an escape."""
    if _LINE_ANY.search(text) is None:  # the usual case, found in C (translate calls Python per character)
        return text
    return text.translate(_LINE)


def escape_excerpt(text: str) -> str:
    """Like :func:`escape_controls`, but tabs are kept."""
    return text.translate(_EXCERPT)


def escape_keep_lines(text: str) -> str:
    """Like :func:`escape_controls`, but tabs and line ends are kept (the format encodes them)."""
    return text.translate(_LINES)
