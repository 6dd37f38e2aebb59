"""``json``: a list of objects with exactly the diagnostic fields
(path, line, column, end_line, end_column, code, name, severity, message, related)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from govlint.diagnostic import Diagnostic
from govlint.output import Context


def render_json(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"
