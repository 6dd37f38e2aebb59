"""``json``: a list of objects with exactly the diagnostic fields
(path, line, column, end_line, end_column, code, name, severity, message, related)."""

from __future__ import annotations

from collections.abc import Sequence

from govlint.diagnostic import Diagnostic
from govlint.output import Context
from govlint.strictjson import dumps


def render_json(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return dumps([d.to_dict() for d in diagnostics]) + "\n"
