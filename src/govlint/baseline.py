"""Baseline: findings a person has reviewed and accepted, so that they stop being reported.

A report text cannot hold ``# noqa`` comments, and ``per-file-ignores`` switches a rule off for
a whole file; the baseline accepts one finding at a time.  ``govlint check --write-baseline``
records the current findings in ``govlint-baseline.json``; ``baseline = "govlint-baseline.json"``
in the configuration suppresses them in later runs.

A finding is identified by its *fingerprint*: the rule code, the text of the line it is on and
of the span it marks (whitespace removed), and which occurrence of that it is in the file —
not the line number, so edits elsewhere in the file do not invalidate it.  Each entry may carry
a ``reason`` (``"人工确认：…"``), kept when the baseline is rewritten.  Entries of checked
files that no longer match a finding are *stale*: they are reported, so the baseline shrinks.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govlint.diagnostic import Diagnostic
from govlint.fingerprint import assign_fingerprints

__all__ = ["DEFAULT_FILE", "Baseline", "BaselineError", "Entry", "assign_fingerprints", "load"]

DEFAULT_FILE = "govlint-baseline.json"
VERSION = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file (the message is Chinese)."""


def _key(path: str, root: Path) -> str:
    """The path as written in the baseline: relative to the baseline's folder, with ``/``."""
    if path == "-":
        return path
    p = Path(os.path.abspath(path))
    try:
        return p.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return p.as_posix()


@dataclass
class Entry:
    """One accepted finding: its file, rule and fingerprint, and why it was accepted."""

    path: str
    code: str
    fingerprint: str
    message: str = ""
    line: int = 0  # where it was when recorded (informative only)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "code": self.code, "fingerprint": self.fingerprint, "line": self.line,
                "message": self.message, "reason": self.reason}


@dataclass
class Baseline:
    """The accepted findings of one baseline file, in the order they were recorded."""

    path: Path
    entries: list[Entry] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.parent

    def _index(self) -> dict[tuple[str, str, str], Entry]:
        return {(e.path, e.code, e.fingerprint): e for e in self.entries}

    def filter(self, diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], int, set[tuple[str, str, str]]]:
        """The diagnostics not in the baseline, how many were, and the keys that matched."""
        index = self._index()
        kept: list[Diagnostic] = []
        matched: set[tuple[str, str, str]] = set()
        suppressed = 0
        for d in diagnostics:
            key = (_key(d.path, self.root), d.code, d.fingerprint)
            if key in index:
                matched.add(key)
                suppressed += 1
            else:
                kept.append(d)
        return kept, suppressed, matched

    def stale(self, matched: set[tuple[str, str, str]], checked: Iterable[str]) -> list[Entry]:
        """Entries of the files checked in this run that no finding matched any more."""
        files = {_key(p, self.root) for p in checked}
        return [e for e in self.entries if e.path in files and (e.path, e.code, e.fingerprint) not in matched]

    def write(self, diagnostics: Iterable[Diagnostic]) -> int:
        """Record ``diagnostics`` (keeping the reasons of entries that are still found)."""
        old = self._index()
        entries = []
        for d in sorted(diagnostics, key=Diagnostic.sort_key):
            key = (_key(d.path, self.root), d.code, d.fingerprint)
            prev = old.get(key)
            entries.append(Entry(key[0], d.code, d.fingerprint, d.message, d.line, prev.reason if prev else ""))
        self.entries = entries
        data = {"version": VERSION, "tool": "govlint",
                "note": "govlint 基线：这里的问题已被接受，不再报告；可在 reason 中写明理由（人工确认：…）",
                "entries": [e.to_dict() for e in entries]}
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)
        return len(entries)


def load(path: Path, missing_ok: bool = False) -> Baseline:
    """Read a baseline file; raises :class:`BaselineError` with a Chinese message."""
    if not path.exists():
        if missing_ok:
            return Baseline(path)
        raise BaselineError(f"找不到基线文件 {path}（用 govlint check --write-baseline 生成）")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"基线文件 {path} 无法读取或不是合法的 JSON：{exc}") from None
    raw = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise BaselineError(f"基线文件 {path} 缺少 entries 列表")
    entries = []
    for i, e in enumerate(raw, 1):
        if not (isinstance(e, dict) and all(isinstance(e.get(k), str) for k in ("path", "code", "fingerprint"))):
            raise BaselineError(f"基线文件 {path} 第 {i} 条记录缺少 path、code 或 fingerprint")
        line = e.get("line", 0)
        entries.append(Entry(e["path"], e["code"], e["fingerprint"], str(e.get("message", "")),
                             line if isinstance(line, int) else 0, str(e.get("reason", ""))))
    return Baseline(path, entries)
