"""``json``: a list of objects with exactly the diagnostic fields
(path, line, column, end_line, end_column, code, name, severity, message, related).

A rule or parser crash (a problem of govlint or a plugin, not of the report) is added to the
same list as an object with the same fields plus ``"kind": "tool-error"`` and ``plugin``:
code and name are the crashed rule's (empty for the parser), severity ``error``, line 1.
Diagnostics of the reports never carry ``kind``, so the list shape stays as documented.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from govlint.diagnostic import Diagnostic
from govlint.output import Context


def crash_dicts(ctx: Context) -> list[dict[str, Any]]:
    return [
        {"path": c.path, "line": 1, "column": 1, "end_line": 1, "end_column": 1, "code": c.code, "name": c.name,
         "severity": "error", "message": c.message, "related": [], "kind": "tool-error", "plugin": c.plugin}
        for c in ctx.crashes
    ]


def render_json(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    items = [d.to_dict() for d in diagnostics] + crash_dicts(ctx)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
