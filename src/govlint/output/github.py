"""``github``: GitHub Actions workflow commands, one per diagnostic::

    ::error file=r.txt,line=66,col=4,endLine=66,endColumn=52,title=PAR004 row-short::表三的行…
"""

from __future__ import annotations

from collections.abc import Sequence

from govlint.diagnostic import Diagnostic, Severity
from govlint.output import Context
from govlint.output.escape import escape_keep_lines

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return escape_keep_lines(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [
        f"file={escape_property(d.path)}",
        f"line={d.line}",
        f"col={d.column}",
        f"endLine={d.end_line}",
        f"endColumn={d.end_column}",
        f"title={escape_property(f'{d.code} {d.name}')}",
    ]
    message = d.message
    if d.location is not None and d.location.describe():  # the page / cell in the PDF, Word or HTML file
        message += f"（{d.location.describe()}）"
    return f"::{LEVEL[d.severity]} {','.join(props)}::{escape_data(message)}"


def render_github(diagnostics: Sequence[Diagnostic], ctx: Context) -> str:
    return "".join(annotation(d) + "\n" for d in diagnostics)
