"""``sarif``: SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers).

``tool.driver.rules`` lists every rule of the run (id, name, shortDescription, fullDescription,
help, defaultConfiguration); each result has ruleId, ruleIndex, level, message and a physical
location with a region (1-based lines and columns, end column exclusive — as govlint's own).
Paths are written relative to the current directory (``uriBaseId`` ``%SRCROOT%``, which code
scanning resolves to the repository), so the log says nothing about where the run happened;
``--sarif-absolute`` adds the working directory and absolute URIs for files outside it.
Columns are Unicode code points (``columnKind: "unicodeCodePoints"``); safe fixes are
``fixes``; a rule or parser crash is a ``toolExecutionNotification`` of the invocation
(``executionSuccessful`` false).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from govlint import __version__
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.output import Context
from govlint.strictjson import dumps

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str, absolute: bool = False) -> str:
    """A URI relative to the current directory (``%SRCROOT%``; ``../`` for paths outside it), or
    with ``absolute`` a file: URI for absolute paths outside it; ``stdin`` for ``-``.  Without
    ``absolute`` no absolute path reaches the log (it would tell where the run happened)."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            return quote(p.relative_to(Path.cwd()).as_posix())
        except ValueError:
            if absolute:
                return p.as_uri()
            try:
                return quote(Path(os.path.relpath(p, Path.cwd())).as_posix())
            except ValueError:  # another drive (Windows)
                return quote(p.name)
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


def _related(d: Diagnostic, r: Related, i: int, absolute: bool) -> dict[str, Any]:
    s = r.span
    loc = _location(artifact_uri(r.path or d.path, absolute), _region(s.line, s.column, s.end_line, s.end_column))
    return {"id": i, **loc, "message": {"text": r.message}}


def _fix(d: Diagnostic, text: str, absolute: bool) -> dict[str, Any]:
    """The safe fix as a SARIF fix: one replacement of the region's text."""
    assert d.fix is not None
    fix = d.fix
    line = text.count("\n", 0, fix.start) + 1
    col = fix.start - (text.rfind("\n", 0, fix.start) + 1) + 1
    region = {"startLine": line, "startColumn": col, "endLine": line, "endColumn": col + len(fix.old)}
    loc = _location(artifact_uri(d.path, absolute), region)["physicalLocation"]
    return {"description": {"text": f"改为「{fix.new}」"}, "artifactChanges": [{
        "artifactLocation": loc["artifactLocation"],
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
            "locations": [_location(artifact_uri(d.path, ctx.absolute_paths), _region(d.line, d.column, d.end_line, d.end_column))],
        }
        if d.location is not None:
            # line/column are those of the canonical text; where it is in the document itself
            result["locations"][0]["message"] = {"text": d.location.describe()}
            result["properties"] = {"documentLocation": d.location.to_dict()}
        if d.related:
            result["relatedLocations"] = [_related(d, r, i, ctx.absolute_paths) for i, r in enumerate(d.related, 1)]
        if d.fix is not None and d.path in ctx.sources:
            result["fixes"] = [_fix(d, ctx.sources[d.path], ctx.absolute_paths)]
        results.append(result)
    notifications: list[dict[str, Any]] = []
    for c in ctx.crashes:  # rule and parser crashes: problems of the tool, not results
        note: dict[str, Any] = {"level": "error", "message": {"text": c.message}}
        if c.code:
            note["associatedRule"] = {"id": c.code, **({"index": index[c.code]} if c.code in index else {})}
        if c.path and c.path in ctx.checked:
            note["locations"] = [_location(artifact_uri(c.path, ctx.absolute_paths), _region(1, 1, 1, 1))]
        notifications.append(note)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "govlint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/govlint/",
                "rules": rules,
            }
        },
        "invocations": [{"executionSuccessful": not ctx.crashes, "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if ctx.absolute_paths:  # opt-in: where the run happened
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return dumps(sarif_log(diagnostics, ctx)) + "\n"
