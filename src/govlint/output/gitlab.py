"""``gitlab``: GitLab Code Quality report (a JSON list; ``artifacts: reports: codequality``).

Each issue has ``description``, ``check_name`` (the rule code), ``fingerprint`` (unique per
occurrence, stable across edits elsewhere in the file: the baseline fingerprint of
:mod:`govlint.baseline` with the path), ``severity`` (info | minor | major | critical |
blocker) and ``location.path`` (relative to the current directory) with ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from govlint.diagnostic import Diagnostic, Severity
from govlint.output import Context
from govlint.output.paths import relative_path

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(diagnostics: Sequence[Diagnostic], ctx: Context) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for d in diagnostics:
        path = relative_path(d.path)
        basis = d.fingerprint or f"{d.line}:{d.column}:{d.message}"
        fp = hashlib.md5(f"{path}\0{d.code}\0{basis}".encode(), usedforsecurity=False).hexdigest()
        n = 1
        while fp in seen:  # identical findings: still one fingerprint each
            n += 1
            fp = hashlib.md5(f"{path}\0{d.code}\0{basis}\0{n}".encode(), usedforsecurity=False).hexdigest()
        seen.add(fp)
        out.append({
            "type": "issue",
            "description": f"{d.code} {d.message}",
            "check_name": d.code,
            "categories": ["Compliance"],
            "fingerprint": fp,
            "severity": SEVERITY[d.severity],
            "location": {"path": path, "lines": {"begin": d.line, "end": max(d.line, d.end_line)}},
        })
    for c in ctx.crashes:  # a crash is a tool problem; Code Quality has no other place for it
        fp = hashlib.md5(f"crash\0{c.path}\0{c.code}\0{c.message}".encode(), usedforsecurity=False).hexdigest()
        if fp in seen:
            continue
        seen.add(fp)
        out.append({"type": "issue", "description": c.message, "check_name": c.code or "govlint-internal",
                    "categories": ["Bug Risk"], "fingerprint": fp, "severity": "critical",
                    "location": {"path": relative_path(c.path) if c.path else ".", "lines": {"begin": 1}}})
    return out


def render(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return json.dumps(issues(diagnostics, ctx), ensure_ascii=False, indent=2) + "\n"
