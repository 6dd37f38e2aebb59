"""What the built-in rules cost per report, apart from parsing (one core).

    python benchmarks/bench_rules.py [--rounds 15] [--top 12]

The five seed reports are parsed once; each round then runs every rule of the default
selection over them with a fresh per-report context (so the shared work — joined text,
sentences, the cell index — is counted once per report, as in ``govlint check``).  Prints the
median over the rounds of the rules' time per report, the parse time per report measured in
the same run (the floor the rules are compared with: issue 10's goal of 500 reports/s for parse
plus rules leaves the rules about as much as the parse), and the costliest rules.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus import SEEDS, read  # noqa: E402

import govlint.checks.common as common  # noqa: E402
from govlint.config import Config  # noqa: E402
from govlint.engine import Engine  # noqa: E402
from govlint.parsing import parse_text  # noqa: E402
from govlint.plugins import load_plugins  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--top", type=int, default=12)
    args = ap.parse_args(argv)
    rules = Engine(Config(), load_plugins(installed=False)).base.rules
    texts = [(str(p), read(p)) for p in sorted(SEEDS.glob("*.txt"))]
    reports = [parse_text(t, p) for p, t in texts]
    parse_ms: list[float] = []
    total_ms: list[float] = []
    per_rule: dict[str, list[float]] = {r.code: [] for r in rules}
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for p, t in texts:
            parse_text(t, p)
        parse_ms.append((time.perf_counter() - t0) / len(texts) * 1e3)
        common._MEMO.clear()  # a fresh context per report, as a new run has
        start = time.perf_counter()
        for rule in rules:
            t0 = time.perf_counter()
            for r in reports:
                list(rule.check(r))
            per_rule[rule.code].append((time.perf_counter() - t0) / len(reports) * 1e3)
        total_ms.append((time.perf_counter() - start) / len(reports) * 1e3)
    total, parse = statistics.median(total_ms), statistics.median(parse_ms)
    print(f"seeds: {len(reports)} reports, {len(rules)} rules, {args.rounds} rounds (medians)")
    print(f"rules  {total:6.2f} ms/report   parse {parse:6.2f} ms/report   rules/parse {total / parse:4.2f}")
    print("costliest rules (ms/report; the first rule to ask also builds the shared context):")
    for code, ms in sorted(per_rule.items(), key=lambda kv: -statistics.median(kv[1]))[: args.top]:
        print(f"  {code:<7} {statistics.median(ms):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
