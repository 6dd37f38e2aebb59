"""The lint run: collect rules once, read and parse each file, run the rules, filter by the
configuration.  A rule that raises is reported (naming rule and plugin) and the run goes on."""

from __future__ import annotations

import errno
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from govlint import guard
from govlint.config import Config
from govlint.diagnostic import Diagnostic, Severity
from govlint.discover import IO_CODES, STDIN, Skipped, discover
from govlint.facts import Facts, is_set_level, run_set_rules, summarize_report
from govlint.model import Report, Span
from govlint.parsing import parse_text
from govlint.plugins import PluginSet
from govlint.rule import Rule
from govlint.source import Source, decode, read_report, read_source


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
        # set-level rules over per-report facts (govlint.facts); the deprecated check_reports
        # rules, for which every parsed report is kept
        self.fact_rules = [r for r in self.rules if is_set_level(r)]
        self.set_rules = [r for r in self.rules if type(r).check_reports is not Rule.check_reports]
        self._decode_rule = next((r for r in self.rules if r.code == "PAR014"), None)
        by_code = {r.code: r for r in self.rules}
        self._fault_rule = by_code.get(guard.PluginFault.code)
        self._budget_rule = by_code.get(guard.TimeBudget.code)
        self._io_rules = {kind: by_code[code] for kind, code in IO_CODES.items() if code in by_code}
        self.runner = guard.Runner(config.time_budget, config.rule_time_budget)

    # ------------------------------------------------------------------ files

    def discover(self, paths: Sequence[str]) -> tuple[list[str], list[str]]:
        """Files to lint (in order, no duplicates) and error messages for unusable paths
        (see :mod:`govlint.discover`)."""
        found = discover(paths, self.config, gitignore=self.config.respect_gitignore)
        return found.files, found.errors

    def _skipped(self, s: Skipped) -> Diagnostic | None:
        rule = self._io_rules.get(s.kind)
        if rule is None:
            return None
        return Diagnostic.at(s.path, Span(1, 1, 1, 1), rule.code, rule.name, rule.effective_severity, s.message)

    def _read(self, f: str, stdin: bytes | None) -> Source:
        if f != STDIN:
            return read_source(Path(f))  # text, or a PDF/Word/HTML document as canonical text
        if stdin is None:
            if sys.stdin is None:  # started with stdin closed (<&-)
                raise OSError(errno.EBADF, "标准输入已关闭")
            stdin = sys.stdin.buffer.read()
        return Source(*decode(stdin))

    # ------------------------------------------------------------------ run

    def run(self, paths: Sequence[str], stdin: bytes | None = None) -> RunResult:
        """Lint ``paths``; never raises for bad input (problems are in ``result.errors``)."""
        result = RunResult()
        found = discover(paths, self.config, gitignore=self.config.respect_gitignore)
        result.errors.extend(found.errors)
        for s in found.skipped:
            d = self._skipped(s)
            if d is not None:
                result.diagnostics.append(d)
        reports: list[Report] = []
        facts: list[Facts] = []
        for f in found.files:
            try:
                src = self._read(f, stdin)
                text, err = src.text, src.error
            except OSError as exc:
                result.errors.append(f"无法读取 {'标准输入' if f == STDIN else f}：{exc.strerror or exc}")
                continue
            result.files_checked += 1
            if text is None:
                if self._decode_rule is not None:
                    result.diagnostics.append(
                        Diagnostic.at(f, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                      self._decode_rule.effective_severity, err or "文件无法解码")
                    )
                continue
            report, found_here = self._check_file(f, text, result)
            src.locate(found_here)  # page / cell / source line in the original document
            result.diagnostics.extend(found_here)
            if self.keep_sources and (found_here or self.set_rules):
                result.sources[f] = text
            if self.set_rules and report is not None:
                reports.append(report)
            if self.fact_rules and report is not None:
                facts.append(self.summarize(report, result))
        if self.fact_rules and facts:
            self._set_paths = dict.fromkeys(f.path for f in facts)
            found_in_set = run_set_rules(self.fact_rules, facts, lambda r, call, where: self._guard(r, call, result, where))
            result.diagnostics.extend(found_in_set)
            self._load_sources(found_in_set, result)
        if self.set_rules and reports:
            texts = guard.lines_of({r.path: r.text for r in reports})
            stages = [guard.Stage(f"规则 {r.code}", lambda r=r: r.check_reports(reports), r,  # type: ignore[misc]
                                  budget=self.config.time_budget) for r in self.set_rules]
            result.diagnostics.extend(self._collect(self.runner.run(stages), texts, result, "多份报告",
                                                    reports[0].path))
        result.diagnostics = [
            self._graded(d) for d in result.diagnostics if not self.config.ignored_for_file(d.path, d.code, d.name)
        ]
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def summarize(self, report: Report, result: RunResult) -> Facts:
        """The report's facts for the set-level rules (a failing ``summarize`` is reported)."""
        def guard(rule: Rule, call):  # type: ignore[no-untyped-def]
            try:
                return call()
            except Exception as exc:  # a broken rule must not stop the run
                result.errors.append(f"规则 {rule.code}（{rule.name}，来自插件 {rule.plugin or '未知'}）汇总 "
                                     f"{report.path} 时出错：{type(exc).__name__}: {exc}")
                return None
        return summarize_report(report, self.fact_rules, guard)

    def _load_sources(self, found: Sequence[Diagnostic], result: RunResult) -> None:
        """Texts of the files set-level rules found something in, for excerpts (facts keep none)."""
        if not self.keep_sources:
            return
        for path in {d.path for d in found} - set(result.sources):
            try:
                text, _ = read_report(Path(path))
            except OSError:
                continue
            if text is not None:
                result.sources[path] = text

    def _graded(self, d: Diagnostic) -> Diagnostic:
        forced = self._forced.get(d.code)
        if forced is not None and d.severity is not forced:
            d.severity = forced
        return d

    def _check_file(self, path: str, text: str, result: RunResult) -> tuple[Report | None, list[Diagnostic]]:
        """Parse and check one file, watched (see :mod:`govlint.guard`)."""
        holder: dict[str, Report] = {}

        def parse() -> None:
            holder["report"] = parse_text(text, path, profile=self.config.profile)

        stages = [guard.Stage("解析", parse)]
        stages += [guard.Stage(f"规则 {r.code}", lambda r=r: r.check(holder["report"]), r)  # type: ignore[misc]
                   for r in self.rules]
        run = self.runner.run(stages)
        parsed = run.outcomes[0] if run.outcomes and run.outcomes[0].rule is None else None
        if parsed is not None and parsed.error is not None:
            exc = parsed.error
            result.errors.append(f"解析 {path} 时出现内部错误：{type(exc).__name__}: {exc}（请报告此问题）")
            return None, []
        out = self._collect(run, guard.lines_of({path: text}), result, path, path)
        return holder.get("report"), out

    def check_report(self, report: Report) -> list[Diagnostic]:
        """Diagnostics of every enabled rule on one report (no set-level rules)."""
        result = RunResult()
        out = self._check(report, result)
        if result.errors:
            raise RuntimeError("；".join(result.errors))
        return sorted(out, key=Diagnostic.sort_key)

    def _check(self, report: Report, result: RunResult) -> list[Diagnostic]:
        stages = [guard.Stage(f"规则 {r.code}", lambda r=r: r.check(report), r)  # type: ignore[misc]
                  for r in self.rules]
        return self._collect(self.runner.run(stages), guard.lines_of({report.path: report.text}), result,
                             report.path, report.path)

    def _guard(self, rule: Rule, call, result: RunResult, where: str) -> list[Diagnostic]:  # type: ignore[no-untyped-def]
        """One set-level rule call over facts, watched; its diagnostics validated (paths: the run's files)."""
        stage = guard.Stage(f"规则 {rule.code}", call, rule, budget=self.config.time_budget)
        texts = {p: None for p in getattr(self, "_set_paths", {})}
        return self._collect(self.runner.run([stage]), texts, result, where, next(iter(texts), where))

    def _collect(self, run: guard.RunResult, texts: dict, result: RunResult,  # type: ignore[type-arg]
                 where: str, path: str) -> list[Diagnostic]:
        """The valid diagnostics of a watched run; faults become RUN001/RUN002 and errors."""
        out: list[Diagnostic] = []
        for outcome in [*run.outcomes, *run.stuck]:
            rule = outcome.rule
            if rule is None:
                continue
            good, faults = guard.rule_faults(rule, outcome, texts)
            out.extend(good)
            for detail in dict.fromkeys(faults):
                fault = guard.Fault(rule.code, rule.name, rule.plugin, guard.FaultKind.RAISED, detail)
                message = fault.message(where)
                result.errors.append(message)
                if self._fault_rule is not None:
                    out.append(Diagnostic.at(path, Span(1, 1, 1, 1), self._fault_rule.code, self._fault_rule.name,
                                             self._fault_rule.effective_severity, message))
        late = run.out_of_time
        if late is not None:
            message = (f"检查 {where} 在「{late.label}」阶段超过了时间预算 {late.seconds:g} 秒，已停止；"
                       "此文件未完整检查（请报告此问题，或提高配置项 time-budget）")
            if late.rule is not None:
                result.errors.append(message)
            if self._budget_rule is not None:
                out.append(Diagnostic.at(path, Span(1, 1, 1, 1), self._budget_rule.code, self._budget_rule.name,
                                         self._budget_rule.effective_severity, message))
            elif late.rule is None:
                result.errors.append(message)
        return out
