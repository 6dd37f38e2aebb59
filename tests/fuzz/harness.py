"""Mutation fuzzer: corpus reports mutated (byte flips, line shuffles, digit runs, repetition,
huge numbers, control characters, other encodings) through decoding, parsing, every rule and
every output format.  A case fails when anything raises, a rule crashes, JSON/SARIF output is
not strict JSON, or an input under 100 KB takes more than ``--max-seconds`` of CPU time.

The limit is on the process's CPU time, not the wall clock: on a shared machine the wall clock
measures the neighbours too (a 1 s case took 4 s at load 8).  Cases over the limit on the wall
clock only are listed apart, with both figures, so nothing is hidden.

    python -m tests.fuzz.harness --cases 20000 --seed 1      # about 20 minutes on one core
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import render
from govlint.plugins import load_plugins
from govlint.source import decode

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
FORMATS = ("text", "concise", "json", "sarif", "github")


def corpus_files() -> list[bytes]:
    return [p.read_bytes() for sub in ("seeds", "real", "extractors") for p in sorted((CORPUS / sub).glob("*.*"))
            if p.suffix in (".txt", ".md")]


def _flip(r: random.Random, b: bytes) -> bytes:
    a = bytearray(b)
    for _ in range(r.randint(1, 20)):
        if a:
            a[r.randrange(len(a))] ^= 1 << r.randrange(8)
    return bytes(a)


def _lines(r: random.Random, b: bytes) -> bytes:
    ls = b.split(b"\n")
    i, j = sorted(r.randrange(len(ls)) for _ in range(2))
    chunk = ls[i:j + 1]
    r.shuffle(chunk)
    return b"\n".join(ls[:i] + chunk + ls[j + 1:])


def _insert(r: random.Random, b: bytes, what: bytes) -> bytes:
    i = r.randrange(len(b) + 1)
    return b[:i] + what + b[i:]


MUTATORS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": _flip,
    "shuffle": _lines,
    "digits": lambda r, b: _insert(r, b, b"".join(r.choice(b"0123456789 ").to_bytes(1, "big")
                                                  for _ in range(r.randint(1, 5000)))),
    "huge": lambda r, b: _insert(r, b, b"9" * r.choice([16, 400, 4301, 20000]) + r.choice([b"", b".00", b"e999"])),
    "repeat": lambda r, b: _insert(r, b, r.choice(["一、", "（一）", "表三", "10.00 ", "第二十条", "\t"]).encode()
                                   * r.randint(10, 20000)),
    "control": lambda r, b: _insert(r, b, r.choice([b"\x1b[H\x1b[J", b"\x00", b"\r", b"\x0c", b"\xe2\x80\xae"])),
    "oneline": lambda r, b: b.replace(b"\n", b" "),
    "gbk": lambda r, b: (decode(b)[0] or "").encode("gb18030", "replace"),
    "utf16": lambda r, b: (decode(b)[0] or "").encode("utf-16"),
    "truncate": lambda r, b: b[: r.randrange(len(b) + 1)],
    "money": lambda r, b: _insert(r, b, f"政府集中采购 {r.randint(0, 10**6)}.{r.randint(0, 99):02d}".encode()),
}


@dataclass
class Stats:
    cases: int = 0
    failures: list[str] = field(default_factory=list)  # crashes, rule faults, invalid JSON
    slow: list[str] = field(default_factory=list)  # inputs under 100 KB over the CPU-time limit
    wall_only: list[str] = field(default_factory=list)  # over the limit on the wall clock only (load)
    slowest: tuple[float, str, int] = (0.0, "", 0)  # CPU seconds, case, bytes
    slowest_small: tuple[float, str, int] = (0.0, "", 0)  # the same, among inputs under 100 KB


def check_one(engine: Engine, data: bytes, label: str, max_seconds: float, stats: Stats) -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        result = engine.run(["-"], stdin=data)
        for fmt in FORMATS:
            out = render(fmt, result.diagnostics, rules=engine.plugins.by_code(), sources=result.sources)
            if fmt in ("json", "sarif"):
                json.loads(out, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
        text, _ = decode(data)
        if text is not None:
            from govlint.parsing import parse_text
            from govlint.parsing.export import report_to_dict
            from govlint.strictjson import dumps

            json.loads(dumps(report_to_dict(parse_text(text, "-"))))
        if result.errors:
            stats.failures.append(f"{label}: {result.errors[0][:300]}")
    except Exception as exc:  # a crash: the case is the reproducer
        stats.failures.append(f"{label}: {type(exc).__name__}: {str(exc)[:300]}")
    wall, seconds = time.perf_counter() - t0, time.process_time() - c0
    stats.cases += 1
    if seconds > stats.slowest[0]:
        stats.slowest = (seconds, label, len(data))
    if len(data) < 100_000 and seconds > stats.slowest_small[0]:
        stats.slowest_small = (seconds, label, len(data))
    if len(data) < 100_000 and seconds > max_seconds:
        stats.slow.append(f"{label}: {seconds:.1f} s CPU ({wall:.1f} s wall) for {len(data)} bytes")
    elif len(data) < 100_000 and wall > max_seconds:
        stats.wall_only.append(f"{label}: {seconds:.1f} s CPU, {wall:.1f} s wall for {len(data)} bytes")


def case(seed: int, index: int) -> bytes:
    """The input of case ``index`` of a run with ``seed`` (to reproduce a failure)."""
    r = random.Random(seed)
    files = corpus_files()
    names = sorted(MUTATORS)
    data = b""
    for _ in range(index + 1):
        data = files[r.randrange(len(files))]
        for k in [r.choice(names) for _ in range(r.randint(1, 3))]:
            data = MUTATORS[k](r, data) or data
    return data


def fuzz(cases: int, seed: int, max_seconds: float = 2.0, log: Callable[[str], None] | None = None) -> Stats:
    r = random.Random(seed)
    files = corpus_files()
    engine = Engine(Config(), load_plugins(installed=False), keep_sources=True)
    stats = Stats()
    names = sorted(MUTATORS)
    for i in range(cases):
        base = r.randrange(len(files))
        data = files[base]
        kinds = [r.choice(names) for _ in range(r.randint(1, 3))]
        for k in kinds:
            data = MUTATORS[k](r, data) or data
        before = len(stats.failures) + len(stats.slow)
        check_one(engine, data, f"case {i} (seed {seed}, file {base}, {'+'.join(kinds)})", max_seconds, stats)
        if log and len(stats.failures) + len(stats.slow) > before:
            log("  " + max(stats.failures[-1:] + stats.slow[-1:], key=lambda s: s.startswith(f"case {i} ")))
        if log and (i + 1) % 500 == 0:
            log(f"{i + 1} cases, {len(stats.failures)} failures, {len(stats.slow)} slow, slowest {stats.slowest[0]:.2f} s")
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=2.0)
    args = ap.parse_args(argv)
    t0 = time.time()
    stats = fuzz(args.cases, args.seed, args.max_seconds, log=lambda s: print(s, file=sys.stderr, flush=True))
    for f in stats.failures[:50]:
        print("FAIL", f)
    for f in stats.slow[:50]:
        print("SLOW", f)
    for f in stats.wall_only[:50]:
        print("WALL", f)
    print(f"{stats.cases} cases in {time.time() - t0:.0f} s: {len(stats.failures)} failures, {len(stats.slow)} slow "
          f"(CPU > {args.max_seconds:g} s), {len(stats.wall_only)} over it on the wall clock only; "
          f"slowest {stats.slowest[0]:.2f} s CPU ({stats.slowest[1]}, {stats.slowest[2]} bytes); under 100 KB "
          f"{stats.slowest_small[0]:.2f} s CPU ({stats.slowest_small[1]}, {stats.slowest_small[2]} bytes)")
    return 1 if stats.failures or stats.slow else 0


if __name__ == "__main__":
    sys.exit(main())
