"""The lint run: collect rules once, read and parse each file, run the rules, filter by the
configuration.  A rule that raises is reported (naming rule and plugin) and the run goes on."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govlint.baseline import Baseline, Entry, assign_fingerprints
from govlint.config import Config
from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Report, Span
from govlint.parallel import ordered_map
from govlint.parsing import parse_text
from govlint.plugins import PluginSet
from govlint.rule import Rule
from govlint.source import decode, read_report

if TYPE_CHECKING:
    from govlint.cache import Cache

REPORT_SUFFIXES = (".txt", ".md")


def read_bytes(path: Path) -> bytes:
    """The file's bytes (opened read-only: govlint never writes to what it checks, except --fix)."""
    with open(path, "rb") as fh:
        return fh.read()


@dataclass
class Crash:
    """A rule (or the parser) failed on a file: a problem of govlint or a plugin, never a defect
    of the report.  Shown on stderr and, as a tool notification, in json and sarif output."""

    message: str
    path: str = ""
    code: str = ""
    name: str = ""
    plugin: str = ""


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # path → text, for excerpts
    errors: list[str] = field(default_factory=list)  # plugin/rule crashes, unreadable paths
    crashes: list[Crash] = field(default_factory=list)  # the rule and parser crashes among ``errors``
    checked: list[str] = field(default_factory=list)  # the paths read and checked
    baselined: int = 0  # diagnostics the baseline accepted (not in ``diagnostics``)
    stale: list[Entry] = field(default_factory=list)  # baseline entries no longer found
    cache_hits: int = 0
    reports: dict[str, Report] = field(default_factory=dict)  # path → model, with ``Engine.keep_reports``

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), key=lambda s: s.rank, default=None)


@dataclass
class _Outcome:
    """One file's result, as a worker process returns it."""

    path: str
    checked: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crashes: list[Crash] = field(default_factory=list)
    text: str | None = None
    report: Report | None = None
    cache_key: str | None = None
    cache_hit: bool = False


class RuleSet:
    """The rules one configuration enables, with their effective severities."""

    def __init__(self, config: Config, plugins: PluginSet) -> None:
        self.config = config
        self.plugins = plugins
        self.rules: list[Rule] = []
        # codes whose severity the configuration sets: every diagnostic of the rule gets it
        self.forced: dict[str, Severity] = {}
        for cls in plugins.rules:
            if config.enabled(cls):
                sev = config.severity_for(cls)
                self.rules.append(cls(severity=sev, plugin=plugins.origin.get(cls.code, "")))
                if sev is not None and config.sets_severity(cls):
                    self.forced[cls.code] = sev
        self.codes = {r.code for r in self.rules}
        # rules that look at the whole set of reports (the parsed reports are kept for them)
        self.set_rules = [r for r in self.rules if type(r).check_reports is not Rule.check_reports]
        self.decode_rule = next((r for r in self.rules if r.code == "PAR014"), None)

    def key_parts(self) -> list[object]:
        """What the cached results of a file depend on besides its bytes."""
        versions = self.plugins.versions if hasattr(self.plugins, "versions") else {}
        return [
            sorted((r.code, r.effective_severity.value, r.plugin, versions.get(r.plugin, "")) for r in self.rules),
            self.config.profile,
        ]

    def keep(self, d: Diagnostic) -> bool:
        return not self.config.ignored_for_file(d.path, d.code, d.name)

    def graded(self, d: Diagnostic) -> Diagnostic:
        forced = self.forced.get(d.code)
        if forced is not None and d.severity is not forced:
            d.severity = forced
        return d


class Engine:
    def __init__(self, config: Config, plugins: PluginSet, keep_sources: bool = True) -> None:
        self.config = config
        self.plugins = plugins
        self.keep_sources = keep_sources
        self.base = RuleSet(config, plugins)
        self.rules = self.base.rules
        self._forced = self.base.forced
        self.set_rules = self.base.set_rules
        self._decode_rule = self.base.decode_rule
        #: worker processes for ``run`` (``--jobs``)
        self.jobs = 1
        #: folder of the result cache (None: no cache)
        self.cache_dir: Path | None = None
        #: accepted findings to leave out of the result
        self.baseline: Baseline | None = None
        #: the configuration of each file (nearest to it); None: ``config`` for every file
        self.resolver: Callable[[str], tuple[Config, PluginSet] | None] | None = None
        #: keep every parsed report in ``RunResult.reports`` (the Python API does)
        self.keep_reports = False
        #: the path a report read from stdin stands for (``--stdin-filename``)
        self.stdin_name: str | None = None
        self._sets: dict[int, RuleSet] = {}
        self._caches: dict[str, Cache] = {}

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

    def ruleset_for(self, path: str) -> RuleSet:
        """The rules of the configuration that applies to ``path``."""
        found = self.resolver(path) if self.resolver is not None and path != "-" else None
        if found is None:
            return self.base
        config, plugins = found
        rs = self._sets.get(id(config))
        if rs is None:
            rs = self._sets[id(config)] = RuleSet(config, plugins)
        return rs

    def _cache_for(self, rs: RuleSet) -> Cache | None:
        if self.cache_dir is None:
            return None
        from govlint.cache import Cache, settings_key

        key = settings_key(rs.key_parts())
        if key not in self._caches:
            self._caches[key] = Cache(self.cache_dir, key)
        return self._caches[key]

    def run(self, paths: Sequence[str], stdin: bytes | None = None) -> RunResult:
        """Lint ``paths``; never raises for bad input (problems are in ``result.errors``)."""
        result = RunResult()
        files, errors = self.discover(paths)
        result.errors.extend(errors)
        if "-" in files and stdin is None:
            stdin = sys.stdin.buffer.read()
        for f in files:  # rule sets and caches are set up here, before any worker is forked
            self._cache_for(self.ruleset_for(self._name(f)))
        reports: list[tuple[Report, RuleSet]] = []
        for out in ordered_map(lambda f: self._check_file(f, stdin), files, self.jobs):
            result.errors.extend(out.errors)
            result.crashes.extend(out.crashes)
            if not out.checked:
                continue
            result.files_checked += 1
            result.checked.append(out.path)
            result.cache_hits += out.cache_hit
            rs = self.ruleset_for(out.path)
            if out.cache_key is not None and not out.cache_hit and not out.crashes:
                cache = self._cache_for(rs)
                if cache is not None:
                    cache.put(out.cache_key, out.diagnostics)
            result.diagnostics.extend(out.diagnostics)
            if self.keep_sources and out.diagnostics and out.text is not None:
                result.sources[out.path] = out.text
            if out.report is not None:
                reports.append((out.report, rs))
                if self.keep_reports:
                    result.reports[out.path] = out.report
        for cache in self._caches.values():
            cache.save()
        if self.set_rules and reports:
            result.diagnostics.extend(self._check_set(reports, result))
        if self.baseline is not None:
            result.diagnostics, result.baselined, matched = self.baseline.filter(result.diagnostics)
            result.stale = self.baseline.stale(matched, result.checked)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def _check_set(self, reports: list[tuple[Report, RuleSet]], result: RunResult) -> list[Diagnostic]:
        """The set-level rules (of the run's own configuration) over every parsed report; each
        diagnostic is kept only where the file's own configuration enables and keeps it."""
        found: list[Diagnostic] = []
        for rule in self.set_rules:
            found.extend(self._guard(rule, lambda r=rule: r.check_reports([rep for rep, _ in reports]),
                                     result, "多份报告"))
        by_path = {rep.path: rs for rep, rs in reports}
        kept: dict[str, list[Diagnostic]] = {}
        for d in found:
            rs = by_path.get(d.path, self.base)
            if d.code in rs.codes and rs.keep(d):
                kept.setdefault(d.path, []).append(rs.graded(d))
        out: list[Diagnostic] = []
        for path, diags in kept.items():
            text = result.sources.get(path)
            if text is None and path != "-" and path != self.stdin_name:
                text = read_report(Path(path))[0]
                if self.keep_sources and text is not None:
                    result.sources[path] = text
            assign_fingerprints(diags, text.split("\n") if text is not None else None)
            out.extend(diags)
        return out

    def _name(self, f: str) -> str:
        return self.stdin_name if f == "-" and self.stdin_name else f

    def _check_file(self, source: str, stdin: bytes | None) -> _Outcome:
        """Read, parse and check one file (in a worker process when ``jobs`` > 1)."""
        f = self._name(source)
        out = _Outcome(f)
        rs = self.ruleset_for(f)
        try:
            if source == "-":
                data = stdin or b""
            else:
                data = read_bytes(Path(f))
        except OSError as exc:
            out.errors.append(f"无法读取 {f}：{exc.strerror or exc}")
            return out
        out.checked = True
        cache = self._cache_for(rs) if source != "-" else None
        if cache is not None:
            from govlint.cache import file_key

            out.cache_key = file_key(f, data)
            hit = cache.get(out.cache_key)
            if hit is not None and not self.set_rules and not self.keep_reports:
                out.cache_hit = True
                out.diagnostics = hit
                if self.keep_sources and hit:
                    out.text = decode(data)[0]
                return out
        text, err = decode(data)
        if text is None:
            if rs.decode_rule is not None:
                d = Diagnostic.at(f, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                  rs.decode_rule.effective_severity, err or "文件无法解码")
                if rs.keep(d):
                    out.diagnostics.append(rs.graded(d))
                    assign_fingerprints(out.diagnostics, None)
            return out
        try:
            report = parse_text(text, f, profile=rs.config.profile)
        except Exception as exc:  # the parser promises not to raise; if it does, go on
            msg = f"解析 {f} 时出现内部错误：{type(exc).__name__}: {exc}（请报告此问题）"
            out.errors.append(msg)
            out.crashes.append(Crash(msg, f))
            return out
        if self.set_rules or self.keep_reports:
            out.report = report
        hit = cache.get(out.cache_key) if cache is not None and out.cache_key is not None else None
        if hit is not None:  # set-level rules need the report, but the per-file results are known
            out.cache_hit, out.diagnostics = True, hit
        else:
            scratch = RunResult()
            found = [rs.graded(d) for d in self._check_with(rs, report, scratch) if rs.keep(d)]
            out.errors.extend(scratch.errors)
            out.crashes.extend(scratch.crashes)
            assign_fingerprints(found, text.split("\n"))
            out.diagnostics = found
        out.text = text if out.diagnostics else None
        return out

    def _graded(self, d: Diagnostic) -> Diagnostic:
        return self.base.graded(d)

    def check_report(self, report: Report) -> list[Diagnostic]:
        """Diagnostics of every enabled rule on one report (no set-level rules)."""
        result = RunResult()
        out = self._check(report, result)
        if result.errors:
            raise RuntimeError("；".join(result.errors))
        return sorted(out, key=Diagnostic.sort_key)

    def _check(self, report: Report, result: RunResult) -> list[Diagnostic]:
        return self._check_with(self.base, report, result)

    def _check_with(self, rs: RuleSet, report: Report, result: RunResult) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for rule in rs.rules:
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
            result.crashes.append(Crash(result.errors[-1], where, rule.code, rule.name, rule.plugin))
            return iter(())
        return iter(produced)
