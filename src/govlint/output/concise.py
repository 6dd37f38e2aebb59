"""``concise``: one line per diagnostic (``path:line:col: CODE [severity] message``)."""

from __future__ import annotations

from collections.abc import Sequence

from govlint.diagnostic import Diagnostic
from govlint.output import Context, statistics_lines, summary_line
from govlint.output.escape import escape_controls


def one_line(d: Diagnostic) -> str:
    message = d.message
    if d.location is not None and d.location.describe():  # the page / cell in the PDF, Word or HTML file
        message += f"（{d.location.describe()}）"
    return f"{escape_controls(d.path)}:{d.line}:{d.column}: {d.code} [{d.severity.value}] {escape_controls(message)}"


def render_concise(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    lines = [one_line(d) for d in diagnostics]
    if ctx.statistics:
        lines += statistics_lines(diagnostics)
    if ctx.summary:
        lines.append(summary_line(diagnostics, ctx.files_checked))
    return "\n".join(lines) + ("\n" if lines else "")
