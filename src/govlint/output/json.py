"""``json``: a list of objects with exactly the diagnostic fields
(path, line, column, end_line, end_column, code, name, severity, message, related).

A rule crash is in the list as the ``RUN001 plugin-fault`` (or ``RUN002``) diagnostic that
names the rule and its plugin.  A crash no diagnostic stands for (the parser's own, or a rule's
when RUN001 is switched off) is added as an object with the same fields plus
``"kind": "tool-error"`` and ``plugin`` (code and name of the crashed rule, empty for the
parser; severity ``error``; line 1).  Diagnostics never carry ``kind``: the list shape stays
as documented.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govlint.diagnostic import Diagnostic
from govlint.output import Context
from govlint.strictjson import dumps


def crash_dicts(ctx: Context, diagnostics: Sequence[Diagnostic] = ()) -> list[dict[str, Any]]:
    shown = {(d.path, d.message) for d in diagnostics if d.code.startswith("RUN")}
    return [
        {"path": c.path, "line": 1, "column": 1, "end_line": 1, "end_column": 1, "code": c.code, "name": c.name,
         "severity": "error", "message": c.message, "related": [], "kind": "tool-error", "plugin": c.plugin}
        for c in ctx.crashes
        if (c.path, c.message) not in shown
    ]


def render_json(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return dumps([d.to_dict() for d in diagnostics] + crash_dicts(ctx, diagnostics)) + "\n"
