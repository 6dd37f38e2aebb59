"""What checking a parsed report costs (one core): the rules, the watched runner, the facts.

    python benchmarks/bench_rules.py [--rounds 15] [--top 12]

Each round parses the five seed reports afresh (timed apart: the parse is the floor the rules
are compared with) and then checks the fresh reports as ``govlint check`` does: every rule of
the default selection in the watched worker thread (``Engine.check_report``), and the per-report
facts of the set-level rules (``Engine.summarize``).  Nothing built for one report is reused for
the next: the shared per-report context (joined text, sentences, the cell index) and the
models' lazy attributes are built inside the timing, as a new run builds them.  A second fresh
parse per round runs each rule inline, one after another, for the costliest rules (the first
rule to ask also builds the shared context).

Times are CPU time of the process (the worker thread included), medians over the rounds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import SEEDS, read  # noqa: E402

import govlint.checks.common as common  # noqa: E402
from govlint.config import Config  # noqa: E402
from govlint.engine import Engine, RunResult  # noqa: E402
from govlint.parsing import parse_text  # noqa: E402
from govlint.plugins import load_plugins  # noqa: E402


def _ms(t0: float, n: int) -> float:
    return (time.process_time() - t0) / n * 1e3


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    engine = Engine(Config(), load_plugins(installed=False))
    rules = engine.rules
    texts = [(str(p), read(p)) for p in sorted(SEEDS.glob("*.txt"))]
    n = len(texts)
    for p, t in texts:  # warm-up: patterns compiled, profiles loaded (once per run in govlint check)
        engine.summarize(report := parse_text(t, p), RunResult())
        engine.check_report(report)
    common._MEMO.clear()
    figures: dict[str, list[float]] = {"parse": [], "check": [], "facts": [], "inline": []}
    per_rule: dict[str, list[float]] = {r.code: [] for r in rules}
    for _ in range(args.rounds):
        t0 = time.process_time()
        reports = [parse_text(t, p) for p, t in texts]
        figures["parse"].append(_ms(t0, n))
        t0 = time.process_time()
        for r in reports:
            engine.check_report(r)
        figures["check"].append(_ms(t0, n))
        t0 = time.process_time()
        for r in reports:
            engine.summarize(r, RunResult())
        figures["facts"].append(_ms(t0, n))
        common._MEMO.clear()
        reports = [parse_text(t, p) for p, t in texts]  # fresh again, for the rules one by one
        start = time.process_time()
        for rule in rules:
            t0 = time.process_time()
            for r in reports:
                list(rule.check(r))
            per_rule[rule.code].append(_ms(t0, n))
        figures["inline"].append(_ms(start, n))
        common._MEMO.clear()
    med = {k: statistics.median(v) for k, v in figures.items()}
    parse, check, facts = med["parse"], med["check"], med["facts"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"seeds: {n} fresh reports per round, {len(rules)} rules, {args.rounds} rounds (medians, CPU time), "
          f"load {load:.2f}")
    print(f"parse  {parse:6.2f} ms/report")
    print(f"check  {check:6.2f} ms/report   (Engine.check_report: the rules watched, as govlint check runs them)")
    print(f"facts  {facts:6.2f} ms/report   (Engine.summarize: the set-level rules' summary)")
    print(f"inline {med['inline']:6.2f} ms/report   (the rules called one by one, unwatched)")
    total = parse + check + facts
    print(f"parse + check + facts {total:6.2f} ms/report = {1e3 / total:5.0f} reports/s per core; "
          f"(check + facts) / parse {(check + facts) / parse:4.2f}")
    print("costliest rules inline (ms/report; the first rule to ask also builds the shared context):")
    for code, ms in sorted(per_rule.items(), key=lambda kv: -statistics.median(kv[1]))[: args.top]:
        print(f"  {code:<7} {statistics.median(ms):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
