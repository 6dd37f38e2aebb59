"""The lint run: collect rules once, read and parse each file, run the rules, filter by the
configuration.  A rule that raises is reported (naming rule and plugin) and the run goes on."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govlint.config import Config
from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Report, Span
from govlint.parsing import parse_text
from govlint.plugins import PluginSet
from govlint.rule import Rule
from govlint.source import REPORT_SUFFIXES, Source, decode, read_source


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # path → text, for excerpts
    errors: list[str] = field(default_factory=list)  # plugin/rule crashes, unreadable paths

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), key=lambda s: s.rank, default=None)


class Engine:
    def __init__(self, config: Config, plugins: PluginSet, keep_sources: bool = True) -> None:
        self.config = config
        self.plugins = plugins
        self.keep_sources = keep_sources
        self.rules: list[Rule] = []
        # codes whose severity the configuration sets: every diagnostic of the rule gets it
        self._forced: dict[str, Severity] = {}
        for cls in plugins.rules:
            if config.enabled(cls):
                sev = config.severity_for(cls)
                self.rules.append(cls(severity=sev, plugin=plugins.origin.get(cls.code, "")))
                if sev is not None and config.sets_severity(cls):
                    self._forced[cls.code] = sev
        # rules that look at the whole set of reports (the parsed reports are kept for them)
        self.set_rules = [r for r in self.rules if type(r).check_reports is not Rule.check_reports]
        self._decode_rule = next((r for r in self.rules if r.code == "PAR014"), None)

    # ------------------------------------------------------------------ files

    def discover(self, paths: Sequence[str]) -> tuple[list[str], list[str]]:
        """Files to lint (in order, no duplicates) and error messages for unusable paths.
        Directories are searched recursively for *.txt and *.md; ``exclude`` applies to what
        is found there, and to files named explicitly only with ``force_exclude`` (pre-commit
        names every staged file)."""
        files: list[str] = []
        errors: list[str] = []
        seen: set[str] = set()
        for p in paths:
            if p == "-":
                files.append(p)
                continue
            path = Path(p)
            if path.is_dir():
                for f in self._walk(path):
                    key = str(f)
                    if key not in seen:
                        seen.add(key)
                        files.append(key)
            elif path.exists():
                if self.config.force_exclude and self.config.excluded(path):
                    continue
                if str(path) not in seen:
                    seen.add(str(path))
                    files.append(str(path))
            else:
                errors.append(f"无法读取 {p}：文件或目录不存在")
        return files, errors

    def _walk(self, root: Path) -> list[Path]:
        """*.txt and *.md under ``root``, sorted; hidden folders, virtual environments and
        excluded folders are not entered."""
        found: list[Path] = []
        for folder, dirs, names in os.walk(root):
            here = Path(folder)
            dirs[:] = sorted(
                d for d in dirs
                if not d.startswith(".") and not (here / d / "pyvenv.cfg").exists() and not self.config.excluded(here / d)
            )
            for name in sorted(names):
                f = here / name
                if not name.startswith(".") and f.suffix.lower() in REPORT_SUFFIXES and not self.config.excluded(f):
                    found.append(f)
        return found

    # ------------------------------------------------------------------ run

    def run(self, paths: Sequence[str], stdin: bytes | None = None) -> RunResult:
        """Lint ``paths``; never raises for bad input (problems are in ``result.errors``)."""
        result = RunResult()
        files, errors = self.discover(paths)
        result.errors.extend(errors)
        reports: list[Report] = []
        for f in files:
            try:
                if f == "-":
                    data = stdin if stdin is not None else sys.stdin.buffer.read()
                    src = Source(*decode(data))
                else:
                    src = read_source(Path(f))  # text, or a PDF/Word/HTML document as canonical text
                text, err = src.text, src.error
            except OSError as exc:
                result.errors.append(f"无法读取 {f}：{exc.strerror or exc}")
                continue
            result.files_checked += 1
            if text is None:
                if self._decode_rule is not None:
                    result.diagnostics.append(
                        Diagnostic.at(f, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                      self._decode_rule.effective_severity, err or "文件无法解码")
                    )
                continue
            try:
                report = parse_text(text, f, profile=self.config.profile)
            except Exception as exc:  # the parser promises not to raise; if it does, go on
                result.errors.append(f"解析 {f} 时出现内部错误：{type(exc).__name__}: {exc}（请报告此问题）")
                continue
            found = self._check(report, result)
            src.locate(found)  # page / cell / source line in the original document
            result.diagnostics.extend(found)
            if self.keep_sources and (found or self.set_rules):
                result.sources[f] = text
            if self.set_rules:
                reports.append(report)
        if self.set_rules and reports:
            for rule in self.set_rules:
                result.diagnostics.extend(
                    self._guard(rule, lambda r=rule: r.check_reports(reports), result, "多份报告")  # type: ignore[misc]
                )
        result.diagnostics = [
            self._graded(d) for d in result.diagnostics if not self.config.ignored_for_file(d.path, d.code, d.name)
        ]
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def _graded(self, d: Diagnostic) -> Diagnostic:
        forced = self._forced.get(d.code)
        if forced is not None and d.severity is not forced:
            d.severity = forced
        return d

    def check_report(self, report: Report) -> list[Diagnostic]:
        """Diagnostics of every enabled rule on one report (no set-level rules)."""
        result = RunResult()
        out = self._check(report, result)
        if result.errors:
            raise RuntimeError("；".join(result.errors))
        return sorted(out, key=Diagnostic.sort_key)

    def _check(self, report: Report, result: RunResult) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in self.rules:
            out.extend(self._guard(rule, lambda r=rule: r.check(report), result, report.path))
        return out

    @staticmethod
    def _guard(rule: Rule, call, result: RunResult, where: str) -> Iterator[Diagnostic]:  # type: ignore[no-untyped-def]
        try:
            produced: list[Diagnostic] = list(call() or ())
            bad = next((d for d in produced if not isinstance(d, Diagnostic)), None)
            if bad is not None:
                raise TypeError(f"产生了 {type(bad).__name__} 而不是 Diagnostic")
        except Exception as exc:  # a broken rule must not stop the run
            result.errors.append(
                f"规则 {rule.code}（{rule.name}，来自插件 {rule.plugin or '未知'}）检查 {where} 时出错："
                f"{type(exc).__name__}: {exc}"
            )
            return iter(())
        return iter(produced)
