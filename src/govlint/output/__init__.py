"""Output formats for ``govlint check``: text, concise, json, sarif, github, gitlab, junit, rdjson.

Every format is a function ``(diagnostics, context) -> str``; :func:`render` picks one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govlint.diagnostic import Diagnostic, Severity
from govlint.rule import Rule

if TYPE_CHECKING:
    from govlint.engine import Crash

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "rdjson", "html")
#: formats that need the source text of every file with a diagnostic
NEEDS_SOURCES = ("text", "rdjson", "sarif", "html")


@dataclass
class Context:
    """What a format may need besides the diagnostics."""

    rules: Mapping[str, type[Rule]] = field(default_factory=dict)  # code → rule class
    sources: Mapping[str, str] = field(default_factory=dict)  # path → decoded text (for excerpts)
    color: bool = False
    statistics: bool = False
    files_checked: int = 0
    summary: bool = True
    crashes: Sequence[Crash] = ()  # rule and parser crashes (tool problems, not report defects)
    checked: Sequence[str] = ()  # the paths checked, in order
    absolute_paths: bool = False  # SARIF: absolute URIs and the working directory (opt-in)


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


def summary_line(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    """``发现 3 个问题（错误 1，警告 2，提示 0），另有 1 处无法读取，共检查 2 个文件。`` — what
    govlint could not read (reading diagnostics) is counted apart from the report's problems."""
    tally = Tally()
    for d in diagnostics:
        tally.add(d)
    return tally.summary(files_checked)


def statistics_lines(diagnostics: Sequence[Diagnostic]) -> list[str]:
    """One line per rule: count, code, name — most frequent first."""
    return _statistics(Counter((d.code, d.name) for d in diagnostics))


class Tally:
    """The counts the summary and the statistics need, kept as diagnostics go by (streamed output)."""

    def __init__(self) -> None:
        self.total = self.reading = 0
        self.severities: Counter[Severity] = Counter()
        self.rules: Counter[tuple[str, str]] = Counter()

    def add(self, d: Diagnostic) -> None:
        self.total += 1
        if d.reading:
            self.reading += 1
        else:
            self.severities[d.severity] += 1
        self.rules[(d.code, d.name)] += 1

    def summary(self, files_checked: int) -> str:
        reading, counts = self.reading, self.severities
        apart = f"另有 {reading} 处无法读取，" if reading else ""
        if self.total == reading:
            return f"未发现问题，{apart}共检查 {files_checked} 个文件。"
        parts = "，".join(f"{SEVERITY_LABEL[s]} {counts.get(s, 0)}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
        return f"发现 {self.total - reading} 个问题（{parts}），{apart}共检查 {files_checked} 个文件。"

    def statistics(self) -> list[str]:
        return _statistics(self.rules)


def _statistics(counts: Counter[tuple[str, str]]) -> list[str]:
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return [f"{n:>5}  {code:<7} {name}" for (code, name), n in ordered]


def render(
    fmt: str,
    diagnostics: Sequence[Diagnostic],
    *,
    rules: Mapping[str, type[Rule]] | None = None,
    sources: Mapping[str, str] | None = None,
    color: bool = False,
    statistics: bool = False,
    files_checked: int = 0,
    summary: bool = True,
    crashes: Sequence[Crash] = (),
    checked: Sequence[str] = (),
    absolute_paths: bool = False,
) -> str:
    """Render ``diagnostics`` in format ``fmt`` (one of :data:`FORMATS`)."""
    ctx = Context(
        rules=rules or {},
        sources=sources or {},
        color=color,
        statistics=statistics,
        files_checked=files_checked,
        summary=summary,
        crashes=crashes,
        checked=checked,
        absolute_paths=absolute_paths,
    )
    if fmt == "text":
        from govlint.output.text import render_text

        return render_text(diagnostics, ctx)
    if fmt == "concise":
        from govlint.output.concise import render_concise

        return render_concise(diagnostics, ctx)
    if fmt == "json":
        from govlint.output.json import render_json

        return render_json(diagnostics, ctx)
    if fmt == "sarif":
        from govlint.output.sarif import render_sarif

        return render_sarif(diagnostics, ctx)
    if fmt == "github":
        from govlint.output.github import render_github

        return render_github(diagnostics, ctx)
    if fmt in ("gitlab", "junit", "rdjson"):
        import importlib

        module = importlib.import_module(f"govlint.output.{fmt}")
        return module.render(diagnostics, ctx)  # type: ignore[no-any-return]
    if fmt == "html":
        from govlint.output.html import render_html

        return render_html(diagnostics, ctx)
    raise ValueError(f"未知的输出格式 {fmt!r}（可用：{', '.join(FORMATS)}）")
