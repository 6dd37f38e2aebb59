"""Parse throughput of govlint on the corpus (reports/s and MB/s, one core).

    python benchmarks/bench_parse.py [--seconds 5] [--corpus tests/corpus]

Reports three figures:
- ``seeds``: the five seed reports (PDF text layouts: tabs, wrapped labels, split rows);
- ``real``: the real reports (one-line web scrapes with fused digits, markdown, fragments);
- ``seeds, parse + all rules``: what ``govlint check`` does per report, minus file reading;
- ``regex baseline``: a bare regex tokenisation of the same seed text (the floor Python
  can do), for comparison.
It also parses a large synthetic input (seeds concatenated 200×) to show time stays linear.

Every figure is the median of several rounds, and each round is followed by a round of the
regex floor on the same text; the last column is the median of the per-round ratios (floor
rate / parse rate: how many times the floor's time a parse takes), which holds still when the
shared machine's load changes.  Times are CPU time of this process (``time.process_time``: the
rate per core), unless ``--wall``; the garbage collector is set as the command line sets it
(``--python-gc``: Python's default).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from govlint.parsing import parse_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import collect_as_command_line  # noqa: E402  (benchmarks/timing.py)

ROOT = Path(__file__).resolve().parent.parent


_clock = time.process_time


def _rate(texts: list[str], seconds: float, fn, floor, rounds: int = 7) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Reports/s, MB/s and the floor ratio: medians of ``rounds`` timed rounds, each followed by
    a round of ``floor`` on the same texts (this machine is a shared VM whose speed varies from
    one second to the next; the median and the same-run ratio are the fair figures)."""
    for t in texts:  # warm caches (grammar, profiles)
        fn(t)
    size_each = [len(t.encode("utf-8")) for t in texts]
    rates: list[tuple[float, float]] = []
    ratios: list[float] = []
    for _ in range(rounds):
        rate = _run(texts, size_each, fn, seconds / rounds)
        base = _run(texts, size_each, floor, min(0.2, seconds / rounds / 4))
        rates.append(rate)
        ratios.append(base[0] / rate[0])
    rates.sort()
    ratios.sort()
    return (*rates[len(rates) // 2], ratios[len(ratios) // 2])


def _run(texts: list[str], size_each: list[int], fn, seconds: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    n = 0
    size = 0
    t0 = _clock()
    while _clock() - t0 < seconds:
        for t, b in zip(texts, size_each):
            fn(t)
            n += 1
            size += b
    dt = _clock() - t0
    return n / dt, size / dt / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    ap.add_argument("--python-gc", action="store_true",
                    help="Python's default garbage collector, not the one the command line sets")
    args = ap.parse_args(argv)
    collector = "Python's default collector" if args.python_gc else collect_as_command_line()
    global _clock
    if args.wall:
        _clock = time.perf_counter
    seeds = [p.read_text(encoding="utf-8") for p in sorted((args.corpus / "seeds").glob("*.txt"))]
    real = [p.read_text(encoding="utf-8") for p in sorted((args.corpus / "real").glob("*")) if p.is_file()]
    if not seeds:
        print(f"no seeds under {args.corpus}", file=sys.stderr)
        return 2
    token = re.compile(r"[^\s|]+")
    floor = token.findall
    rows = []
    rps, mbs, x = _rate(seeds, args.seconds, parse_text, floor)
    rows.append(("seeds", len(seeds), sum(map(len, seeds)) // len(seeds), rps, mbs, x))
    if real:
        rps, mbs, x = _rate(real, args.seconds, parse_text, floor)
        rows.append(("real", len(real), sum(map(len, real)) // len(real), rps, mbs, x))
        # each real layout on its own: one-line scrapes with fused digits, markdown, fragments
        for p in sorted((args.corpus / "real").glob("*")):
            if p.is_file() and p.name != "README.md":
                t = p.read_text(encoding="utf-8")
                rps, mbs, x = _rate([t], args.seconds / 5, parse_text, floor, rounds=3)
                rows.append(("  " + p.name, 1, len(t), rps, mbs, x))
    from govlint.config import Config
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    engine = Engine(Config(), load_plugins(installed=False))
    rps, mbs, x = _rate(seeds, args.seconds, lambda t: engine.check_report(parse_text(t, "<bench>")), floor)
    rows.append(("seeds, parse + all rules", len(seeds), sum(map(len, seeds)) // len(seeds), rps, mbs, x))
    rps, mbs, x = _rate(seeds, args.seconds / 2, floor, floor)
    rows.append(("regex baseline (seeds)", len(seeds), sum(map(len, seeds)) // len(seeds), rps, mbs, x))
    print(f"{'corpus':<28} {'files':>5} {'chars/file':>10} {'reports/s':>10} {'MB/s':>7} {'× floor':>8}")
    for name, n, avg, r, m, x in rows:
        print(f"{name:<28} {n:>5} {avg:>10} {r:>10.0f} {m:>7.2f} {x:>8.1f}")
    # linearity: time per character for 1× and 200× the seed text
    one = "\n".join(seeds)
    big = "\n".join([one] * 200)
    t0 = _clock()
    parse_text(one)
    t_one = _clock() - t0
    t0 = _clock()
    parse_text(big)
    t_big = _clock() - t0
    print(f"({collector})")
    print(f"linearity: {len(one)} chars {t_one * 1e3:.1f} ms; {len(big)} chars {t_big * 1e3:.0f} ms "
          f"(ratio {t_big / t_one:.0f} for 200× the text)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
