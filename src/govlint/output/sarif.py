"""``sarif``: SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers).

``tool.driver.rules`` lists every rule of the run (id, name, shortDescription, fullDescription,
help, defaultConfiguration); each result has ruleId, ruleIndex, level, message and a physical
location with a region (1-based lines and columns, end column exclusive — as govlint's own).
Paths under the current directory are written relative to it, so that code scanning puts the
result on the right file of the repository.  Columns are Unicode code points
(``columnKind: "unicodeCodePoints"``); safe fixes are ``fixes``; a rule or parser crash is a
``toolExecutionNotification`` of the invocation (``executionSuccessful`` false).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from govlint import __version__
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.output import Context

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A relative URI for paths under the current directory, a file: URI for other absolute
    paths, ``stdin`` for ``-``."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            return quote(p.relative_to(Path.cwd()).as_posix())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix().removeprefix("./"))


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    line, column = max(1, line), max(1, column)
    end_line = max(line, end_line)
    end_column = max(1, end_column)
    if end_line == line and end_column <= column:
        end_column = column + 1
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _location(uri: str, region: dict[str, int]) -> dict[str, Any]:
    artifact: dict[str, str] = {"uri": uri}
    if not uri.startswith("file:") and uri != "stdin":
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _related(d: Diagnostic, r: Related, i: int) -> dict[str, Any]:
    s = r.span
    loc = _location(artifact_uri(r.path or d.path), _region(s.line, s.column, s.end_line, s.end_column))
    return {"id": i, **loc, "message": {"text": r.message}}


def _fix(d: Diagnostic, text: str) -> dict[str, Any]:
    """The safe fix as a SARIF fix: one replacement of the region's text."""
    assert d.fix is not None
    fix = d.fix
    line = text.count("\n", 0, fix.start) + 1
    col = fix.start - (text.rfind("\n", 0, fix.start) + 1) + 1
    region = {"startLine": line, "startColumn": col, "endLine": line, "endColumn": col + len(fix.old)}
    uri = artifact_uri(d.path)
    artifact: dict[str, str] = {"uri": uri}
    if not uri.startswith("file:") and uri != "stdin":
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"description": {"text": f"改为「{fix.new}」"}, "artifactChanges": [{
        "artifactLocation": artifact,
        "replacements": [{"deletedRegion": region, "insertedContent": {"text": fix.new}}]}]}


def sarif_log(diagnostics: Sequence[Diagnostic], ctx: Context) -> dict[str, Any]:
    codes = sorted(set(ctx.rules) | {d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules: list[dict[str, Any]] = []
    for code in codes:
        cls = ctx.rules.get(code)
        if cls is None:  # a diagnostic of a rule not in the table (should not happen)
            name = next(d.name for d in diagnostics if d.code == code)
            rules.append({"id": code, "name": name, "shortDescription": {"text": name}})
            continue
        doc = cls.doc or cls.summary
        rules.append({
            "id": cls.code,
            "name": cls.name,
            "shortDescription": {"text": cls.summary},
            "fullDescription": {"text": cls.summary},
            "help": {"text": doc, "markdown": doc},
            "defaultConfiguration": {"level": LEVEL[cls.severity]},
            "properties": {"tags": [cls.code.rstrip("0123456789")]},
        })
    results: list[dict[str, Any]] = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [_location(artifact_uri(d.path), _region(d.line, d.column, d.end_line, d.end_column))],
        }
        if d.related:
            result["relatedLocations"] = [_related(d, r, i) for i, r in enumerate(d.related, 1)]
        if d.fix is not None and d.path in ctx.sources:
            result["fixes"] = [_fix(d, ctx.sources[d.path])]
        results.append(result)
    notifications: list[dict[str, Any]] = []
    for c in ctx.crashes:  # rule and parser crashes: problems of the tool, not results
        note: dict[str, Any] = {"level": "error", "message": {"text": c.message}}
        if c.code:
            note["associatedRule"] = {"id": c.code, **({"index": index[c.code]} if c.code in index else {})}
        if c.path and c.path in ctx.checked:
            note["locations"] = [_location(artifact_uri(c.path), _region(1, 1, 1, 1))]
        notifications.append(note)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": "https://pypi.org/project/govlint/",
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": not ctx.crashes,
                                 "toolExecutionNotifications": notifications}],
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return json.dumps(sarif_log(diagnostics, ctx), ensure_ascii=False, indent=2) + "\n"
