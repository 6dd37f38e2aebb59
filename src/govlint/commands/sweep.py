"""``govlint sweep PATHS --out DIR --jobs N``: tens of thousands of reports, in parallel,
resumable, with memory flat in the number of reports.

1. Files go to workers in chunks (a process pool with ``--jobs N``, or a Dask cluster with
   ``--scheduler``).  A worker hashes each file; one already done with the same content and
   settings is skipped, others are read, parsed and checked by the per-report rules, and
   reduced to their facts (:mod:`govlint.facts`).  Results are committed to ``DIR/sweep.sqlite``
   chunk by chunk: an interrupted sweep resumes where it stopped.
2. Set-level rules (cross-year, region totals …) then run group by group over the stored facts.
3. Outputs are written from the store, partitioned by report year:
   ``DIR/facts/year=2024/part-0.jsonl`` (the facts of each report) and
   ``DIR/diagnostics/year=2024/part-0.jsonl``; with ``--format parquet`` (``govlint[parquet]``)
   also ``cells.parquet`` (one row per table cell, as ``govlint export``) and
   ``diagnostics.parquet`` in the same folders; ``DIR/summary.json`` has the counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govlint.commands.sweep_output import write_outputs
from govlint.commands.sweep_sets import set_level
from govlint.commands.sweep_store import Record, Store, release_freed_memory

CHUNK = 32  # files per task: large enough to amortise the dispatch, small enough to resume well


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build the same engine as the main process (picklable)."""

    config: str | None  # the configuration file, absolute (None: defaults)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    hierarchy: str | None = None


# ------------------------------------------------------------------- workers

_ENGINES: dict[Settings, Any] = {}


def build_engine(s: Settings) -> Any:
    """The engine for ``s`` (raises ValueError / ConfigError with a Chinese message)."""
    from govlint.config import load_config
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    config = load_config(Path(s.config) if s.config else None)
    if s.select is not None:
        config.select = list(s.select)
    config.ignore += list(s.ignore)
    if s.hierarchy:
        config.hierarchy = Path(s.hierarchy)
    plugins = load_plugins(config.plugins, config.base_dir)
    config.validate_selectors(plugins.rules)
    return Engine(config, plugins, keep_sources=False)


def _engine(s: Settings) -> Any:
    if s not in _ENGINES:
        _ENGINES[s] = build_engine(s)
    return _ENGINES[s]


def _close_engines(engine: Any) -> None:
    """End the watching threads of this sweep's engines (they can run again if used later)."""
    for e in (engine, *_ENGINES.values()):
        e.close()


def work_chunk(s: Settings, items: list[tuple[str, str | None]]) -> list[Record]:
    """Process ``(path, hash already done or None)`` pairs; a record per file."""
    from govlint.commands.perfile import process_file

    engine = _engine(s)
    out: list[Record] = []
    for path, known in items:
        try:
            sha: str | None = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            sha = None  # process_file reports it
        if sha is not None and sha == known:
            out.append((path, sha, "same", None, None, "[]", "[]"))
            continue
        res = process_file(engine, path)
        diags = json.dumps([d.to_dict() for d in res.diagnostics], ensure_ascii=False)
        facts = res.facts.to_json() if res.facts is not None else None
        year = res.facts.year if res.facts is not None else None
        status = "done" if sha is not None and not res.errors else "error"
        out.append((path, sha, status, year, facts, diags, json.dumps(res.errors, ensure_ascii=False)))
    return out


# ------------------------------------------------------------------- executors


def _local(s: Settings, chunks: Iterator[list[tuple[str, str | None]]]) -> Iterator[list[Record]]:
    for items in chunks:
        yield work_chunk(s, items)


def _pool(s: Settings, chunks: Iterator[list[tuple[str, str | None]]], jobs: int) -> Iterator[list[Record]]:
    """A process pool with at most ``2 × jobs`` chunks in flight (memory stays flat)."""
    import concurrent.futures as cf
    import multiprocessing as mp

    ctx = mp.get_context("forkserver" if sys.platform != "win32" else "spawn")
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        pending: set[cf.Future[list[Record]]] = set()
        for items in chunks:
            pending.add(pool.submit(work_chunk, s, items))
            if len(pending) >= 2 * jobs:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for f in done:
                    yield f.result()
        for f in cf.as_completed(pending):
            yield f.result()


def _chunks(store: Store, settings_key: str) -> Iterator[list[tuple[str, str | None]]]:
    for part in store.todo(CHUNK):
        known = store.known(part, settings_key)
        yield [(p, known.get(p)) for p in part]


def _discover(engine: Any, store: Store, paths: Iterable[str], log: Callable[[str], None]) -> tuple[int, int]:
    """The files to do, into the store as the walk finds them (none kept here); (files, errors)."""
    from govlint.discover import STDIN, discover

    batch: list[str] = []

    def found(path: str) -> None:
        if path != STDIN:
            batch.append(os.path.abspath(path))
            if len(batch) >= 1000:
                store.add_todo(batch)
                batch.clear()

    walk = discover(list(paths), engine.config, gitignore=engine.config.respect_gitignore, sink=found)
    store.add_todo(batch)
    for e in walk.errors:
        log(e)
    return store.todo_count(), len(walk.errors)


# ------------------------------------------------------------------- the sweep


@dataclass
class Summary:
    files: int = 0
    processed: int = 0
    unchanged: int = 0
    errors: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "processed": self.processed, "unchanged": self.unchanged, "errors": self.errors}


class Progress:
    """Files/s and ETA on stderr, only when it is a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.start = self.last = time.monotonic()
        self.n = 0

    def add(self, n: int) -> None:
        self.n += n
        now = time.monotonic()
        if self.enabled and (now - self.last > 0.5 or self.n >= self.total):
            self.last = now
            rate = self.n / max(now - self.start, 1e-6)
            eta = (self.total - self.n) / rate if rate else 0
            sys.stderr.write(f"\r已处理 {self.n}/{self.total} 个文件，{rate:.0f} 个/秒，预计剩余 "
                             f"{int(eta) // 60}:{int(eta) % 60:02d}  ")
            sys.stderr.flush()

    def end(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def settings_key(engine: Any, s: Settings) -> str:
    """What a file's result depends on besides its content: govlint's version, the rules with
    their severities and the configuration."""
    from govlint import __version__

    cfg = engine.config
    parts = {
        "version": __version__,
        "rules": sorted((r.code, r.effective_severity.value, r.plugin) for r in engine.rules),
        "profile": cfg.profile,
        "ignores": sorted((k, sorted(v)) for k, v in cfg.per_file_ignores.items()),
        "config": Path(s.config).read_text(encoding="utf-8", errors="replace") if s.config else "",
    }
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:32]


def sweep(paths: Iterable[str], out: Path, s: Settings, jobs: int = 1, scheduler: Any = None,
          fmt: str = "jsonl", progress: bool = False, log: Callable[[str], None] = lambda m: None) -> Summary:
    """Run the sweep; raises ValueError for unusable settings (message in Chinese)."""
    engine = build_engine(s)
    out.mkdir(parents=True, exist_ok=True)
    store = Store(out / "sweep.sqlite")
    summary = Summary()
    t0 = time.monotonic()
    try:
        summary.files, summary.errors = _discover(engine, store, paths, log)
        key = settings_key(engine, s)
        set_key = key + ":" + _file_hash(s.hierarchy)  # the set-level results also depend on this
        previous = store.last_complete()
        run = store.begin(set_key)
        bar = Progress(summary.files, progress)
        chunks = _chunks(store, key)
        if scheduler is not None:
            from govlint.commands.sweep_dask import dask_results

            results = dask_results(s, chunks, scheduler)
        elif jobs > 1:
            results = _pool(s, chunks, jobs)
        else:
            results = _local(s, chunks)
        for records in results:
            done, same = store.save(records, key, run)  # per-file results: keyed without the hierarchy
            summary.processed += done
            summary.unchanged += same
            bar.add(len(records))
        bar.end()
        for name in (r.code for r in engine.set_rules):
            log(f"规则 {name} 使用已弃用的 check_reports（需要把全部报告留在内存中），sweep 不运行它；请改用 check_facts")
        unchanged = (previous is not None and previous[1] == set_key and summary.processed == 0
                     and previous[2] == summary.files == store.count(run) and (out / "summary.json").exists()
                     and _format_of(out) == fmt)
        for e in store.errors(run):
            log(e)
            summary.errors += 1
        if not unchanged:  # nothing changed since the last complete run: its outputs stand
            release_freed_memory()
            set_level(engine, store, run)
            write_outputs(store, run, out, fmt, summary.to_dict())
        store.finish(run, summary.files)
    finally:
        store.close()
        _close_engines(engine)
    summary.seconds = time.monotonic() - t0
    return summary


def _file_hash(path: str | None) -> str:
    if not path:
        return ""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _format_of(out: Path) -> str:
    return "parquet" if any(out.glob("facts/year=*/cells.parquet")) else "jsonl"


# ------------------------------------------------------------------- command


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("sweep", help="批量检查大量报告（并行、可续跑），结果按年度分区输出")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", type=Path, required=True, help="输出目录（含续跑所需的 sweep.sqlite）")
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="并行进程数（默认为 CPU 核数）")
    p.add_argument("--scheduler", help="在 Dask 集群上运行：调度器地址，如 tcp://10.0.0.1:8786（需要 govlint[dask]）")
    p.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="jsonl（默认），或另外输出 parquet（需要 govlint[parquet]）")
    p.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    p.add_argument("--select", help="只启用这些规则（逗号分隔）")
    p.add_argument("--ignore", help="停用这些规则（逗号分隔）")
    p.add_argument("--hierarchy", type=Path, help="层级文件（机关 → 上级），供区域汇总规则 RG001 使用")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from govlint.cli import EXIT_ERROR, EXIT_OK, _err
    from govlint.commands.export import MissingExtra, need
    from govlint.config import ConfigError, find_config

    if args.jobs < 1:
        _err("--jobs 应为正整数")
        return EXIT_ERROR
    try:
        if args.format == "parquet":
            need("parquet")
        if args.scheduler:
            from govlint.commands.sweep_dask import need_dask

            need_dask()
    except MissingExtra as exc:
        _err(str(exc))
        return EXIT_ERROR
    if args.config is not None and not args.config.is_file():
        _err(f"找不到配置文件 {args.config}")
        return EXIT_ERROR
    config = args.config if args.config is not None else find_config(Path.cwd())
    def split(v: str) -> tuple[str, ...]:
        return tuple(x.strip() for x in v.split(",") if x.strip())

    s = Settings(
        config=str(Path(config).resolve()) if config else None,
        select=split(args.select) if args.select else None,
        ignore=split(args.ignore) if args.ignore else (),
        hierarchy=str(args.hierarchy.resolve()) if args.hierarchy else None,
    )
    if args.out.exists() and not args.out.is_dir():
        _err(f"输出路径 {args.out} 不是目录")
        return EXIT_ERROR
    try:
        summary = sweep(args.paths, args.out, s, jobs=args.jobs, scheduler=args.scheduler, fmt=args.format,
                        progress=sys.stderr.isatty(), log=_err)
    except (ConfigError, ValueError) as exc:
        _err(str(exc))
        return EXIT_ERROR
    except OSError as exc:
        _err(f"无法写入 {args.out}：{exc.strerror or exc}")
        return EXIT_ERROR
    print(f"共 {summary.files} 个文件：新处理 {summary.processed}，未变跳过 {summary.unchanged}，"
          f"出错 {summary.errors}；用时 {summary.seconds:.1f} 秒；结果在 {args.out}", file=sys.stderr)
    return EXIT_ERROR if summary.errors else EXIT_OK
