"""Fingerprints of findings: what identifies a finding across edits of its file (the baseline,
the ``gitlab`` format).  Apart from :mod:`govlint.baseline` so that every run, which gives each
finding its fingerprint, does not import the baseline file's reading and writing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from govlint.diagnostic import Diagnostic


def _squash(s: str) -> str:
    return "".join(s.split())


def assign_fingerprints(diagnostics: Sequence[Diagnostic], lines: Sequence[str] | None) -> None:
    """Give each diagnostic of one file its fingerprint (in place).  ``lines``: the file's text
    split at ``\\n`` (None: unknown, only code and message are used)."""
    if not diagnostics:
        return
    from govlint.digest import sha1

    seen: Counter[tuple[str, str, str]] = Counter()
    # per line, once: its squashed text and the hash state of "code\0line\0" — thousands of
    # diagnostics on one long line (a one-line scrape) must not squash and hash it each time
    squashed: dict[int, str] = {}
    states: dict[tuple[str, int], Any] = {}
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        if lines is not None and 1 <= d.line <= len(lines):
            line = lines[d.line - 1]
            end = d.end_column - 1 if d.end_line == d.line else len(line)
            whole = squashed.get(d.line)
            if whole is None:
                whole = squashed[d.line] = _squash(line)
            head, tail = whole + "\0", _squash(line[max(0, d.column - 1):max(d.column, end)])
            key = (d.code, d.line)
        else:
            head, tail = "", _squash(d.message)
            key = None
        seen[(d.code, head, tail)] += 1
        n = seen[(d.code, head, tail)]
        state = states.get(key) if key is not None else None
        if state is None:
            state = sha1(f"{d.code}\0{head}".encode())
            if key is not None:
                states[key] = state
        h = state.copy()
        h.update(f"{tail}\0{n}".encode())
        d.fingerprint = h.hexdigest()[:20]  # = sha1("code\0context\0n"), context = head + tail
