"""``rdjson``: reviewdog Diagnostic Format (``reviewdog -f=rdjson``).

Positions are 1-based lines and 1-based columns counted in UTF-8 *bytes* (reviewdog's
``Position.column``); govlint counts characters, so every column is converted with the line's
text (a Chinese character is 3 bytes).  Safe fixes become ``suggestions``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from govlint.diagnostic import Diagnostic, Severity
from govlint.output import Context
from govlint.output.paths import relative_path

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(line: str | None, column: int) -> int:
    """Character column (1-based) → UTF-8 byte column (1-based) on ``line``."""
    if line is None:
        return column
    chars = max(0, column - 1)
    return len(line[:chars].encode("utf-8", "surrogatepass")) + max(0, chars - len(line)) + 1


def _position(lines: Sequence[str] | None, line: int, column: int) -> dict[str, int]:
    text = lines[line - 1] if lines is not None and 1 <= line <= len(lines) else None
    return {"line": max(1, line), "column": byte_column(text, max(1, column))}


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def render(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    split: dict[str, list[str]] = {}

    def lines_of(path: str) -> list[str] | None:
        if path not in split and path in ctx.sources:
            split[path] = ctx.sources[path].split("\n")
        return split.get(path)

    out: list[dict[str, Any]] = []
    for d in diagnostics:
        lines = lines_of(d.path)
        item: dict[str, Any] = {
            "message": d.message,
            "location": {"path": relative_path(d.path), "range": {
                "start": _position(lines, d.line, d.column), "end": _position(lines, d.end_line, d.end_column)}},
            "severity": SEVERITY[d.severity],
            "source": {"name": "govlint"},
            "code": {"value": d.code},
        }
        if d.fix is not None and d.path in ctx.sources:
            text = ctx.sources[d.path]
            (l1, c1), (l2, c2) = _offset_position(text, d.fix.start), _offset_position(text, d.fix.end)
            item["suggestions"] = [{"range": {"start": _position(lines, l1, c1), "end": _position(lines, l2, c2)},
                                    "text": d.fix.new}]
        if d.related:
            item["related_locations"] = [
                {"message": r.message, "location": {"path": relative_path(r.path or d.path), "range": {
                    "start": _position(lines_of(r.path or d.path), r.span.line, r.span.column),
                    "end": _position(lines_of(r.path or d.path), r.span.end_line, r.span.end_column)}}}
                for r in d.related
            ]
        out.append(item)
    result = {"source": {"name": "govlint", "url": "https://pypi.org/project/govlint/"}, "diagnostics": out}
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"
