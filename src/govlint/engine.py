"""The lint run: collect rules once, read and parse each file, run the rules, filter by the
configuration.  A rule that raises is reported (naming rule and plugin) and the run goes on."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govlint.diagnostic import Diagnostic, Severity
from govlint.discover import IO_CODES, STDIN, Skipped, discover
from govlint.parallel import ordered_map
from govlint.span import Span
from govlint.spool import FactStore, Findings

# not imported for a run answered by the cache (the rules, the parser and what they import)
if TYPE_CHECKING:
    from govlint import guard
    from govlint.baseline import Baseline, Entry
    from govlint.cache import Cache
    from govlint.config import Config
    from govlint.facts import Facts
    from govlint.model import Report
    from govlint.plugins import PluginSet
    from govlint.rule import Rule
    from govlint.ruletable import RuleMeta
    from govlint.source import Source
    from govlint.stamps import Stamps


def read_bytes(path: Path) -> bytes:
    """The file's bytes (opened read-only: govlint never writes to what it checks, except --fix)."""
    with open(path, "rb") as fh:
        return fh.read()


def _cacheable(path: str, data: bytes) -> bool:
    """Plain text and HTML: their reading depends on govlint alone.  PDF and Word files depend on
    optional libraries (installed or not, which version), so their results are not cached."""
    from govlint.sources import sniff

    return sniff(data, os.path.splitext(path)[1].lower()) in (None, "html")


def _digest(path: Path | None) -> str | None:
    """A file's contents as a hash (None: no file; "" unreadable: the rule reports it)."""
    if path is None:
        return None
    from govlint.digest import blake2b

    try:
        return blake2b(read_bytes(path), digest_size=32).hexdigest()  # type: ignore[no-any-return]
    except OSError:
        return ""


def _group_error(rule: Rule, exc: BaseException) -> str:
    return f"规则 {rule.code}（{rule.name}，来自插件 {rule.plugin or '未知'}）分组时出错：{type(exc).__name__}: {exc}"


@dataclass
class Crash:
    """A rule (or the parser) failed on a file: a problem of govlint or a plugin, never a defect
    of the report.  On stderr, as RUN001/RUN002 diagnostics (see :mod:`govlint.guard`) and as
    tool notifications in sarif; a parser crash, which no rule stands for, also in json."""

    message: str
    path: str = ""
    code: str = ""
    name: str = ""
    plugin: str = ""


@dataclass
class RunResult:
    """Everything a run found, for the outputs and the exit code."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    sources: dict[str, str] = field(default_factory=dict)  # path → text, for excerpts
    errors: list[str] = field(default_factory=list)  # plugin/rule crashes, unreadable paths
    crashes: list[Crash] = field(default_factory=list)  # the rule and parser crashes among ``errors``
    checked: list[str] = field(default_factory=list)  # the paths read and checked, in order
    baselined: int = 0  # diagnostics the baseline accepted (not in ``diagnostics``)
    stale: list[Entry] = field(default_factory=list)  # baseline entries no longer found
    cache_hits: int = 0
    reports: dict[str, Report] = field(default_factory=dict)  # path → model, with ``Engine.keep_reports``
    #: with ``Engine.stream``: every diagnostic, read back in order (``diagnostics`` is then empty)
    findings: Findings | None = None

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
    facts: bytes | None = None  # pickled (once, where they were built; or from the cache)
    fact_year: int | None = None
    fact_keys: list[list[str]] | None = None  # each set-level rule's group keys (govlint.spool)
    report: Report | None = None
    cache_key: str | None = None
    cache_hit: bool = False
    fact_cache: Cache | None = None  # a hit's facts stay in the cache until a rule needs them
    pickled: tuple[bytes, list[str]] | None = None  # a hit's diagnostics as cached, and their codes

    def found(self) -> list[Diagnostic]:
        """The diagnostics (a cache hit's unpickled now: a streamed run never needs them)."""
        if self.pickled is not None:
            import pickle

            self.diagnostics, self.pickled = pickle.loads(self.pickled[0]), None
        return self.diagnostics


class RuleSet:
    """The rules one configuration enables, with their effective severities.

    With ``lazy``, the rules are not made (nor their modules imported) until one is needed:
    what the settings key, grading and filtering need comes from the rules' metadata (see
    :mod:`govlint.ruletable`), and a run answered by the cache needs no more.  A rule's
    ``configure`` failing is then a :class:`~govlint.config.ConfigError` when they are made."""

    def __init__(self, config: Config, plugins: PluginSet, lazy: bool = False) -> None:
        self.config = config
        self.plugins = plugins
        # the enabled rules' metadata with their configured severities (None: the default)
        self.chosen: list[tuple[RuleMeta, Severity | None]] = []
        # codes whose severity the configuration sets: every diagnostic of the rule gets it
        self.forced: dict[str, Severity] = {}
        for meta in plugins.meta:
            if config.enabled(meta):
                sev = config.severity_for(meta)
                self.chosen.append((meta, sev))
                if sev is not None and config.sets_severity(meta):
                    self.forced[meta.code] = sev
        self.codes = {m.code for m, _ in self.chosen}
        #: some enabled rule is set-level (over facts) / uses the deprecated ``check_reports``
        self.has_fact_rules = any(m.set_level for m, _ in self.chosen)
        self.has_set_rules = any(m.whole_set for m, _ in self.chosen)
        self._rules: list[Rule] | None = None
        self._labelled: list[tuple[str, Rule]] = []
        self.lazy = lazy
        if not lazy:
            self.build()

    def build(self) -> None:
        """Make the rules (importing their modules) and configure them."""
        if self._rules is not None:
            return
        from govlint import guard
        from govlint.config import ConfigError

        config = self.config
        by_class = {cls.code: cls for cls in self.plugins.rules}
        rules = [by_class[m.code](severity=sev, plugin=m.plugin or self.plugins.origin.get(m.code, ""))
                 for m, sev in self.chosen]
        for r in rules:
            try:
                r.configure(config)  # may raise ValueError (a mapping file that cannot be used)
            except ValueError as exc:
                if not self.lazy:
                    raise
                raise ConfigError(str(exc)) from exc
        self._rules = rules
        # set-level rules over per-report facts (govlint.facts); the deprecated check_reports
        # rules, for which every parsed report is kept
        kinds = {m.code: m for m, _ in self.chosen}
        self._fact_rules = [r for r in rules if kinds[r.code].set_level]
        self._set_rules = [r for r in rules if kinds[r.code].whole_set]
        by_code = {r.code: r for r in rules}
        self._decode_rule = by_code.get("PAR014")
        self._fault_rule = by_code.get(guard.PluginFault.code)
        self._budget_rule = by_code.get(guard.TimeBudget.code)
        self._io_rules = {kind: by_code[code] for kind, code in IO_CODES.items() if code in by_code}
        self._runner = guard.Runner(config.time_budget, config.rule_time_budget)

    @property
    def rules(self) -> list[Rule]:
        self.build()
        assert self._rules is not None
        return self._rules

    @property
    def fact_rules(self) -> list[Rule]:
        self.build()
        return self._fact_rules

    @property
    def set_rules(self) -> list[Rule]:
        self.build()
        return self._set_rules

    @property
    def decode_rule(self) -> Rule | None:
        self.build()
        return self._decode_rule

    @property
    def fault_rule(self) -> Rule | None:
        self.build()
        return self._fault_rule

    @property
    def budget_rule(self) -> Rule | None:
        self.build()
        return self._budget_rule

    @property
    def io_rules(self) -> dict[Any, Rule]:
        self.build()
        return self._io_rules

    @property
    def runner(self) -> guard.Runner:
        self.build()
        return self._runner

    def key_parts(self) -> list[Any]:
        """What the cached results of a file depend on besides its path and bytes."""
        versions = getattr(self.plugins, "versions", {})
        chosen = [(m, sev or m.severity, m.plugin or self.plugins.origin.get(m.code, "")) for m, sev in self.chosen]
        return [
            sorted((m.code, sev.value, plugin, versions.get(plugin, "")) for m, sev, plugin in chosen),
            self.config.profile, sorted(self.forced), [m.module for m, _, _ in chosen if m.set_level],
            _digest(self.config.hierarchy),  # the set-level groups and findings depend on its contents
        ]

    def stage_labels(self) -> list[tuple[str, Rule]]:
        """Each rule with its stage name (built once: this runs for every report)."""
        if len(self._labelled) != len(self.rules):
            self._labelled = [(f"规则 {r.code}", r) for r in self.rules]
        return self._labelled

    def rule_stages(self) -> list[guard.Stage]:
        """A watched stage per rule, made once: each is called with a holder of the report being
        checked (``{"report": report}``), not made again for every report."""
        labelled = self.stage_labels()
        if getattr(self, "_stages_of", None) is not labelled:
            from govlint import guard

            self._stages_of = labelled
            self._stages = [guard.Stage(label, lambda h, r=r: r.check(h["report"]), r)
                            for label, r in labelled]
        return self._stages

    def keep(self, d: Diagnostic) -> bool:
        return not self.config.ignored_for_file(d.path, d.code, d.name)

    def graded(self, d: Diagnostic) -> Diagnostic:
        forced = self.forced.get(d.code)
        if forced is not None and d.severity is not forced:
            d.severity = forced
        return d


class Engine:
    def __init__(self, config: Config, plugins: PluginSet, keep_sources: bool = True, lazy: bool = False) -> None:
        """``lazy``: the rules are made when a file needs checking (see :class:`RuleSet`)."""
        self.config = config
        self.plugins = plugins
        self.keep_sources = keep_sources
        self.base = RuleSet(config, plugins, lazy)
        self.lazy = lazy
        self._group_runner: guard.Runner | None = None  # the set-level calls' one watching thread (group_runner)
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
        #: leave the diagnostics on disk for the output to stream (``RunResult.findings``)
        self.stream = False
        #: ``gc.freeze()`` once the rules are made (the command line; see govlint.cli.GC_THRESHOLD)
        self.gc_freeze = False
        self._sets: dict[int, RuleSet] = {}
        self._caches: dict[str, Cache] = {}
        self._stamps: Stamps | None = None  # the files' stamps in the cache folder (govlint.stamps)

    @property
    def rules(self) -> list[Rule]:
        return self.base.rules

    @property
    def fact_rules(self) -> list[Rule]:
        return self.base.fact_rules

    @property
    def set_rules(self) -> list[Rule]:
        return self.base.set_rules

    @property
    def runner(self) -> guard.Runner:
        return self.base.runner

    # ------------------------------------------------------------------ files

    def discover(self, paths: Sequence[str]) -> tuple[list[str], list[str]]:
        """Files to lint (in order, no duplicates) and error messages for unusable paths
        (see :mod:`govlint.discover`)."""
        found = discover(paths, self.config, gitignore=self.config.respect_gitignore)
        return found.files, found.errors

    def _skipped(self, s: Skipped) -> Diagnostic | None:
        rule = self.base.io_rules.get(s.kind)
        if rule is None:
            return None
        return Diagnostic.at(s.path, Span(1, 1, 1, 1), rule.code, rule.name, rule.effective_severity, s.message)

    def _read(self, f: str, stdin: bytes | None) -> Source:
        from govlint.source import Source, decode, read_source

        if f != STDIN:
            return read_source(Path(f))  # text, or a PDF/Word/HTML document as canonical text
        if stdin is None:
            if sys.stdin is None:  # started with stdin closed (<&-)
                raise OSError(errno.EBADF, "标准输入已关闭")
            stdin = sys.stdin.buffer.read()
        return Source(*decode(stdin))

    # ------------------------------------------------------------------ run

    def ruleset_for(self, path: str) -> RuleSet:
        """The rules of the configuration that applies to ``path``."""
        found = self.resolver(path) if self.resolver is not None and path != STDIN else None
        if found is None:
            return self.base
        config, plugins = found
        rs = self._sets.get(id(config))
        if rs is None:
            rs = self._sets[id(config)] = RuleSet(config, plugins, self.lazy)
        return rs

    def _cache_for(self, rs: RuleSet) -> Cache | None:
        if self.cache_dir is None:
            return None
        from govlint.cache import Cache, settings_key

        key = getattr(rs, "cache_key", None)
        if key is None:
            key = rs.cache_key = settings_key(rs.key_parts())  # type: ignore[attr-defined]
        if key not in self._caches:
            self._caches[key] = Cache(self.cache_dir, key)
        return self._caches[key]

    def _stamps_for(self) -> Stamps | None:
        if self.cache_dir is None:
            return None
        if self._stamps is None:
            from govlint.cache import signing_key
            from govlint.stamps import Stamps

            self._stamps = Stamps(self.cache_dir, signing_key())
        return self._stamps

    def _name(self, f: str) -> str:
        return self.stdin_name if f == STDIN and self.stdin_name else f

    def run(self, paths: Sequence[str], stdin: bytes | None = None) -> RunResult:
        """Lint ``paths``; never raises for bad input (problems are in ``result.errors``).
        Files are checked in ``jobs`` processes; results keep the order of the files.
        The watching threads end with the run (:meth:`close`)."""
        try:
            return self._run(paths, stdin)
        finally:
            self.close()

    def close(self) -> None:
        """End the watching threads of the rule sets (a later run starts new ones)."""
        for rs in (self.base, *self._sets.values()):
            if rs._rules is not None:  # (a rule set never built has no runner: nothing imported for it)
                rs.runner.close()
        if self._group_runner is not None:
            self._group_runner.close()

    def _run(self, paths: Sequence[str], stdin: bytes | None = None) -> RunResult:
        result = RunResult()
        found = discover(paths, self.config, gitignore=self.config.respect_gitignore)
        result.errors.extend(found.errors)
        for s in found.skipped:
            d = self._skipped(s)
            if d is not None and self.base.keep(d):
                result.diagnostics.append(self.base.graded(d))
        files = list(found.files)
        if STDIN in files and stdin is None:
            if sys.stdin is None:  # started with stdin closed (<&-)
                result.errors.append("无法读取标准输入：标准输入已关闭")
                files.remove(STDIN)
            else:
                stdin = sys.stdin.buffer.read()
        # rule sets and caches are set up here, before any worker is forked (each file's rule
        # set kept for the cache lookups: its configuration is not resolved a second time)
        rulesets = [self.ruleset_for(self._name(f)) for f in files]
        for rs in {id(rs): rs for rs in rulesets}.values():
            self._cache_for(rs)
        reports: list[tuple[Report, RuleSet]] = []
        base = self.base
        facts = FactStore(lambda: base.fact_rules, lambda rule, exc: result.errors.append(_group_error(rule, exc)),
                          sum(m.set_level for m, _ in base.chosen))
        findings = result.findings = Findings() if self.stream else None
        all_cached = True
        set_sum = 0  # the files' cache keys, summed: which set of files with which contents
        for out in self._outcomes(files, stdin, rulesets):
            result.errors.extend(out.errors)
            result.crashes.extend(out.crashes)
            if not out.checked:
                continue
            result.files_checked += 1
            result.checked.append(out.path)
            result.cache_hits += out.cache_hit
            if out.cache_key is None:
                all_cached = False
            else:
                set_sum += int(out.cache_key, 16)
            if out.cache_key is not None and not out.cache_hit and not out.errors:
                cache = self._cache_for(self.ruleset_for(out.path))  # (a hit needs no rule set here)
                if cache is not None:
                    about = os.path.abspath(out.path)
                    import pickle

                    cache.put(out.cache_key, (pickle.dumps(out.diagnostics, pickle.HIGHEST_PROTOCOL),
                                              sorted({d.code for d in out.diagnostics}), bool(out.diagnostics),
                                              None if out.facts is None else (out.fact_year, out.fact_keys)), about)
                    if out.facts is not None:
                        cache.put_bytes(out.cache_key + ":facts", out.facts, about + "\0facts")
            if findings is not None and out.pickled is not None:  # as cached, unpickled by the output
                findings.add_pickled(out.path, out.pickled[0], out.pickled[1], out.text if self.keep_sources else None)
            elif findings is not None:  # on disk until the output reads them back, in order
                findings.add_file(out.path, out.diagnostics, out.text if self.keep_sources else None)
            else:
                result.diagnostics.extend(out.found())
                if self.keep_sources and out.diagnostics and out.text is not None:
                    result.sources[out.path] = out.text
            if out.facts is not None:
                facts.add(out.facts, out.fact_keys, out.path, out.fact_year, out.cache_key)
            elif out.fact_cache is not None and out.cache_key is not None:
                facts.add_from(out.fact_cache.get_bytes, out.cache_key + ":facts", out.fact_keys, out.path,
                               out.fact_year, out.cache_key)
            if out.report is not None:
                if base.has_set_rules:
                    reports.append((out.report, self.ruleset_for(out.path)))
                if self.keep_reports:
                    result.reports[out.path] = out.report
        in_set: list[Diagnostic] = []
        if base.has_fact_rules and facts:
            in_set += self._fact_rules(facts, f"{set_sum:x}" if all_cached else None, result)
        for cache in self._caches.values():
            cache.save()
        if self._stamps is not None:
            self._stamps.save()
        if base.has_set_rules and reports:
            from govlint import guard

            texts = guard.lines_of({r.path: r.text for r, _ in reports})
            just = [r for r, _ in reports]
            stages = [guard.Stage(f"规则 {r.code}", lambda r=r: r.check_reports(just), r,  # type: ignore[misc]
                                  budget=self.config.time_budget) for r in self.set_rules]
            in_set += self._collect(self.runner.run(stages), texts, result, "多份报告", just[0].path)
        facts.spool.close()
        result.diagnostics.extend(self._set_level(in_set, result))
        if findings is not None:  # the output reads them (see govlint.spool.Findings)
            findings.before, findings.after, result.diagnostics = [], result.diagnostics, []
            findings.sources, findings.baseline = result.sources, self.baseline
            return result
        if self.baseline is not None:
            result.diagnostics, result.baselined, matched = self.baseline.filter(result.diagnostics)
            result.stale = self.baseline.stale(matched, result.checked)
        result.diagnostics.sort(key=Diagnostic.sort_key)
        return result

    def _outcomes(self, files: Sequence[str], stdin: bytes | None,
                  rulesets: Sequence[RuleSet] | None = None) -> Iterator[_Outcome]:
        """Every file's outcome in order: cache hits answered here, the rest in ``jobs`` workers.
        Which files the cache holds is known first (their keys kept, not their answers: each is
        read when its turn comes, so nothing grows with the number of files)."""
        if self.cache_dir is None or self.base.has_set_rules or self.keep_reports:
            self._build(files)
            yield from ordered_map(lambda f: self._check_one(f, stdin), files, self.jobs)
            return
        sets = rulesets if rulesets is not None else [self.ruleset_for(f) for f in files]
        held = [self._probe(f, rs) if f != STDIN else None for f, rs in zip(files, sets)]
        todo = [f for f, key in zip(files, held) if key is None]
        self._build(todo)
        done = ordered_map(lambda f: self._check_one(f, stdin), todo, self.jobs)
        for f, key in zip(files, held):
            if key is None:
                yield next(done)
            else:  # (an entry found unusable now is checked here)
                yield self._cached(f, *key) or self._check_one(f, stdin)

    def _build(self, files: Sequence[str]) -> None:
        """The rules of every configuration in use made here, before any worker is forked, when
        some file is to be checked (a lazy engine: see :class:`RuleSet`)."""
        if files:
            for rs in [self.base, *self._sets.values()]:
                rs.build()
            if self.gc_freeze:  # what is made so far lives for the run: out of the collector's sight
                import gc

                gc.freeze()

    def _probe(self, f: str, rs: RuleSet | None = None) -> tuple[str, Cache] | None:
        """The cache key of ``f`` (and its cache) when the cache holds an entry for it: from the
        file's stamp while it is unchanged (:mod:`govlint.stamps`), else from its bytes."""
        cache = self._cache_for(rs if rs is not None else self.ruleset_for(f))
        if cache is None:
            return None
        stamps = self._stamps_for()
        about = os.path.abspath(f)
        key = stamps.key(about) if stamps is not None else None  # the file unchanged: not read again
        if key is None:
            from govlint.cache import file_key
            from govlint.stamps import read_stamped

            try:
                data, before, after, read_at = read_stamped(f)
            except OSError:
                return None
            if not _cacheable(f, data):
                return None
            key = file_key(f, data)
            if stamps is not None:
                stamps.record(about, before, after, read_at, key)
        return (key, cache) if key in cache else None

    def _cached(self, f: str, key: str, cache: Cache) -> _Outcome | None:
        """The outcome of ``f`` from its cache entry, or None (the entry is unusable)."""
        from govlint.source import read_source

        hit = cache.get(key)
        if hit is None:
            return None
        out = _Outcome(f, checked=True, cache_key=key, cache_hit=True)
        blob, codes, any_found, fact = hit
        if any_found:
            out.pickled = blob, codes
        if fact is not None:
            out.fact_year, out.fact_keys = fact
            out.fact_cache = cache
        if self.keep_sources and any_found:
            try:
                out.text = read_source(Path(f)).text
            except OSError:
                out.text = None
        return out

    def _fact_rules(self, facts: FactStore, files_key: str | None, result: RunResult) -> list[Diagnostic]:
        """The set-level rules over the facts — or, when every file came with a cache key and the
        same set of files with the same contents was checked before, that run's findings; else
        group by group, a group whose members are as they were answered by the cache."""
        cache = self._cache_for(self.base)
        set_key = None
        if cache is not None and files_key is not None:
            set_key = f"set:{len(facts)}:{files_key}"
            hit = cache.get(set_key)
            if hit is not None:
                return [d for d in hit[0]]
        errors_before = len(result.errors)
        self._set_paths = paths = facts.paths  # (the facts are grouped here: a failing rule is an error)
        found: list[Diagnostic] = []
        for key in facts.keys():  # one group of reports in memory at a time (govlint.spool)
            group_key = facts.group_key(key) if cache is not None else None
            if group_key is not None and cache is not None:
                hit = cache.get("group:" + group_key)
                if hit is not None and all(d.path in paths for d in hit):
                    found.extend(hit)
                    continue
            from govlint.facts import group_where

            where, errors_here = group_where(key), len(result.errors)
            in_group = self._guard_all([(rule, lambda r=rule, k=key, g=group: r.check_group(k, g))  # type: ignore[misc]
                                        for rule, group in facts.load(key)], result, where)
            found.extend(in_group)
            if group_key is not None and cache is not None and len(result.errors) == errors_here:
                cache.put("group:" + group_key, in_group, "group:" + key)  # supersedes the group's last
        if set_key is not None and cache is not None and len(result.errors) == errors_before:
            from govlint.digest import blake2b

            names = blake2b("\0".join(sorted(paths)).encode("utf-8", "surrogateescape"), digest_size=32).hexdigest()
            cache.put(set_key, (found, None), f"set:{names}")  # supersedes the last run's on the same files
        return found

    def _set_level(self, found: list[Diagnostic], result: RunResult) -> list[Diagnostic]:
        """Set-level diagnostics (rules of the run's own configuration), each kept only where the
        file's own configuration enables and keeps it; fingerprints from the file's text."""

        kept: dict[str, list[Diagnostic]] = {}
        for d in found:
            rs = self.ruleset_for(d.path)
            if (d.code in rs.codes or rs is self.base) and rs.keep(d):
                kept.setdefault(d.path, []).append(rs.graded(d))
        out: list[Diagnostic] = []
        for path, diags in kept.items():
            from govlint.fingerprint import assign_fingerprints
            from govlint.source import read_report

            text = result.sources.get(path)
            if text is None and path != STDIN and path != self.stdin_name:
                try:
                    text = read_report(Path(path))[0]
                except OSError:
                    text = None
                if self.keep_sources and text is not None:
                    result.sources[path] = text
            assign_fingerprints(diags, text.split("\n") if text is not None else None)
            out.extend(diags)
        return out

    def _check_one(self, source: str, stdin: bytes | None) -> _Outcome:
        """Read, parse and check one file (in a worker process when ``jobs`` > 1): its own
        diagnostics, graded and filtered by its configuration, and its facts."""
        from govlint.fingerprint import assign_fingerprints
        from govlint.source import Source, decode, read_source
        from govlint.spool import dumps_facts, group_keys

        f = self._name(source)
        out = _Outcome(f)
        rs = self.ruleset_for(f)
        try:
            data = (stdin or b"") if source == STDIN else read_bytes(Path(f))
        except OSError as exc:
            out.errors.append(f"无法读取 {f}：{exc.strerror or exc}")
            return out
        out.checked = True
        cache = self._cache_for(rs) if source != STDIN and _cacheable(f, data) else None
        need_report = self.base.has_set_rules or self.keep_reports
        if cache is not None:  # (looked up before: see _outcomes; not here, in a worker)
            from govlint.cache import file_key

            out.cache_key = file_key(f, data)
        src = Source(*decode(data)) if source == STDIN else read_source(Path(f), data)
        text, err = src.text, src.error
        if text is None:
            if rs.decode_rule is not None:
                d = Diagnostic.at(f, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                  rs.decode_rule.effective_severity, err or "文件无法解码")
                if rs.keep(d):
                    out.diagnostics.append(rs.graded(d))
                    assign_fingerprints(out.diagnostics, None)
            return out
        scratch = RunResult()
        report, found = self._check_file(f, text, scratch, rs)
        out.errors, out.crashes = scratch.errors, scratch.crashes
        if report is not None and need_report:
            out.report = report
        if report is not None and self.fact_rules:

            facts = self.summarize(report, scratch)
            out.fact_keys = group_keys(self.fact_rules, facts, lambda r, exc: scratch.errors.append(_group_error(r, exc)))
            out.facts, out.fact_year = dumps_facts(facts), facts.year
        if rs.decode_rule is not None:  # parts of a document that could not be read
            found += [Diagnostic.at(f, Span(1, 1, 1, 1), "PAR014", "decode-error",
                                    rs.decode_rule.effective_severity, n) for n in src.notes]
        out.diagnostics = [rs.graded(d) for d in found if rs.keep(d)]
        src.locate(out.diagnostics)  # page / cell / source line in the original document
        assign_fingerprints(out.diagnostics, text.split("\n"))
        out.text = text if out.diagnostics else None
        return out

    def summarize(self, report: Report, result: RunResult) -> Facts:
        """The report's facts for the set-level rules (a failing ``summarize`` is reported)."""
        from govlint.facts import summarize_report

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
        from govlint.source import read_report

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
        forced = self.base.forced.get(d.code)
        if forced is not None and d.severity is not forced:
            d.severity = forced
        return d

    def _check_file(self, path: str, text: str, result: RunResult,
                    rs: RuleSet | None = None) -> tuple[Report | None, list[Diagnostic]]:
        """Parse and check one file, watched (see :mod:`govlint.guard`)."""
        from govlint import guard

        rs = rs or self.base
        holder: dict[str, Report] = {}

        def parse(holder: dict[str, Report]) -> None:
            from govlint.parsing import parse_text  # not imported for a run answered by the cache

            holder["report"] = parse_text(text, path, profile=rs.config.profile)

        run = rs.runner.run([guard.Stage("解析", parse), *rs.rule_stages()], holder)
        parsed = run.outcomes[0] if run.outcomes and run.outcomes[0].rule is None else None
        if parsed is not None and parsed.error is not None:
            exc = parsed.error
            result.errors.append(f"解析 {path} 时出现内部错误：{type(exc).__name__}: {exc}（请报告此问题）")
            result.crashes.append(Crash(result.errors[-1], path))
            return None, []
        out = self._collect(run, guard.lines_of({path: text}), result, path, path, rs)
        return holder.get("report"), out

    def check_report(self, report: Report) -> list[Diagnostic]:
        """Diagnostics of every enabled rule on one report (no set-level rules)."""
        result = RunResult()
        out = self._check(report, result)
        if result.errors:
            raise RuntimeError("；".join(result.errors))
        return sorted(out, key=Diagnostic.sort_key)

    def check_parsed(self, report: Report, result: RunResult) -> list[Diagnostic]:
        """The per-report rules on a parsed report, as ``run`` checks a file: watched (faults in
        ``result``), graded and filtered by the configuration (for commands that go file by file)."""
        return [self.base.graded(d) for d in self._check(report, result) if self.base.keep(d)]

    def check_groups(self, groups: Sequence[tuple[str, Sequence[tuple[Rule, Sequence[Facts]]]]],
                     result: RunResult) -> list[Diagnostic]:
        """Set-level rules on groups of facts (each key with its rules and their members), as ``run``
        checks them, for callers that stream the groups themselves (``govlint sweep``): one watched
        run for the lot (each call with its own budget), a rule's diagnostics only on its group's
        paths and faults naming the group, graded and filtered by the configuration."""
        from govlint import guard
        from govlint.facts import group_where

        budget = self.config.time_budget
        stages = [guard.Stage(str(i), lambda k=k, r=r, g=g: r.check_group(k, g), r, budget=budget)  # type: ignore[misc]
                  for i, (k, work) in enumerate(groups) for r, g in work]
        by_group: dict[str, guard.RunResult] = {}
        run = self.group_runner().run(stages)
        for o in [*run.outcomes, *run.stuck]:  # the label is the group's index
            by_group.setdefault(o.label, guard.RunResult()).outcomes.append(o)
        found: list[Diagnostic] = []
        for i, (key, work) in enumerate(groups):
            texts = {f.path: None for _, g in work for f in g}
            where = group_where(key)
            found += self._collect(by_group.get(str(i), guard.RunResult()), texts, result, where, next(iter(texts), where))
        return [self.base.graded(d) for d in found if self.base.keep(d)]

    def _check(self, report: Report, result: RunResult) -> list[Diagnostic]:
        from govlint import guard

        return self._collect(self.runner.run(self.base.rule_stages(), {"report": report}),
                             guard.lines_of({report.path: report.text}), result, report.path, report.path)

    def _guard_all(self, calls: Sequence[tuple[Rule, Callable[[], Any]]], result: RunResult,
                   where: str) -> list[Diagnostic]:
        """Set-level rule calls over one group's facts, watched in one run (each call with its own
        budget: one hand-over to the watched thread a group, not one a rule); their diagnostics
        validated (paths: the run's files)."""
        from govlint import guard

        if not calls:
            return []
        budget = self.config.time_budget
        stages = [guard.Stage(f"规则 {rule.code}", call, rule, budget=budget) for rule, call in calls]
        texts: dict[str, None] = getattr(self, "_set_paths", {})  # the run's paths (no copy: once per group)
        return self._collect(self.group_runner().run(stages), texts, result, where, next(iter(texts), where))

    def group_runner(self) -> guard.Runner:
        """The runner of the set-level calls: no budget for the lot, each call its own; one runner
        (one watching thread) for every group — a runner per group would leave a thread, its
        stack and malloc arena behind each time, memory growing with the set."""
        from govlint import guard

        if self._group_runner is None:  # (a call's budget: time-budget, else rule-time-budget; 0 and 0: inline)
            budget = max(self.config.time_budget, self.config.rule_time_budget)
            self._group_runner = guard.Runner(0.0, budget)
        return self._group_runner

    def _collect(self, run: guard.RunResult, texts: dict, result: RunResult,  # type: ignore[type-arg]
                 where: str, path: str, rs: RuleSet | None = None) -> list[Diagnostic]:
        """The valid diagnostics of a watched run; faults become RUN001/RUN002 and errors."""
        from govlint import guard

        rs = rs or self.base
        fault_rule, budget_rule = rs.fault_rule, rs.budget_rule
        out: list[Diagnostic] = []
        for outcome in [*run.outcomes, *run.stuck]:
            rule = outcome.rule
            if rule is None or (not outcome.value and outcome.error is None and not outcome.timed_out):
                continue  # the parse stage; a rule that found nothing (most, on most reports)
            good, faults = guard.rule_faults(rule, outcome, texts)
            out.extend(good)
            for detail in dict.fromkeys(faults):
                fault = guard.Fault(rule.code, rule.name, rule.plugin, guard.FaultKind.RAISED, detail)
                message = fault.message(where)
                result.errors.append(message)
                result.crashes.append(Crash(message, path, rule.code, rule.name, rule.plugin))
                if fault_rule is not None:
                    out.append(Diagnostic.at(path, Span(1, 1, 1, 1), fault_rule.code, fault_rule.name,
                                             fault_rule.effective_severity, message))
        late = run.out_of_time
        if late is not None:
            message = (f"检查 {where} 在「{late.label}」阶段超过了时间预算 {late.seconds:g} 秒，已停止；"
                       "此文件未完整检查（请报告此问题，或提高配置项 time-budget）")
            if late.rule is not None:
                result.errors.append(message)
                result.crashes.append(Crash(message, path, late.rule.code, late.rule.name, late.rule.plugin))
            if budget_rule is not None:
                out.append(Diagnostic.at(path, Span(1, 1, 1, 1), budget_rule.code, budget_rule.name,
                                         budget_rule.effective_severity, message))
            elif late.rule is None:
                result.errors.append(message)
        return out
