"""One file through the pipeline, for the commands that go file by file and keep nothing
(``export``, ``sweep``, the review page): read → parse → per-report rules → facts.

Set-level rules are not run here (they need the whole set: see :mod:`govlint.facts`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from govlint.diagnostic import Diagnostic, Severity
from govlint.engine import Engine, RunResult
from govlint.facts import Facts
from govlint.model import Report, Span
from govlint.parsing import parse_text
from govlint.source import read_report

READING_NOTE = "读取问题（工具未能可靠读出的内容，不是报告本身的错误）"


@dataclass
class FileResult:
    path: str
    facts: Facts | None = None  # None: unreadable, undecodable or the parser failed
    report: Report | None = None  # kept only when asked (the review page needs it)
    text: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def is_reading_problem(rule: type | None) -> bool:
    """Whether a rule reports what the tool could not read (not a defect of the report)."""
    return bool(getattr(rule, "reading", False))


def rules_by_code(engine: Engine) -> dict[str, type]:
    cached = getattr(engine, "_sweep_rules_by_code", None)
    if cached is None:
        cached = {type(r).code: type(r) for r in engine.rules}
        engine._sweep_rules_by_code = cached  # type: ignore[attr-defined]
    return cached


def counts(diagnostics: list[Diagnostic], rules: dict[str, type]) -> dict[str, int]:
    """Findings per severity, and how many of them are reading problems."""
    c = Counter(d.severity.value for d in diagnostics)
    out = {s.value: c.get(s.value, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
    out["reading"] = sum(1 for d in diagnostics if is_reading_problem(rules.get(d.code)))
    return out


def process_file(engine: Engine, path: str, keep_report: bool = False) -> FileResult:
    """Never raises for bad input: problems are in ``errors`` (and a PAR014 diagnostic for an
    undecodable file, as ``govlint check`` gives)."""
    res = FileResult(path)
    try:
        text, err = read_report(Path(path))
    except OSError as exc:
        res.errors.append(f"无法读取 {path}：{exc.strerror or exc}")
        return res
    if text is None:
        rule = next((r for r in engine.rules if r.code == "PAR014"), None)
        if rule is not None:
            res.diagnostics.append(Diagnostic.at(path, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                                 rule.effective_severity, err or "文件无法解码"))
        return res
    try:
        report = parse_text(text, path, profile=engine.config.profile)
    except Exception as exc:  # the parser promises not to raise; if it does, go on
        res.errors.append(f"解析 {path} 时出现内部错误：{type(exc).__name__}: {exc}（请报告此问题）")
        return res
    run = RunResult()
    res.diagnostics = sorted(engine.check_parsed(report, run), key=Diagnostic.sort_key)
    res.facts = engine.summarize(report, run)
    res.facts.counts = counts(res.diagnostics, rules_by_code(engine))
    res.errors.extend(run.errors)
    if keep_report:
        res.report, res.text = report, text
    return res
