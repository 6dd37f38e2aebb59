"""The daily loop in one run: start-up, throughput, --jobs, the cache, memory — against goals.

    python benchmarks/bench_check.py [--reports 10000] [--rounds 5]

Every figure is a median of ``--rounds`` (this machine is a shared VM whose speed changes from
one second to the next), and each is shown beside a *floor* measured in the same run, so that
the ratio means something on any machine:

- one-file check: ``govlint check FILE`` wall time (a fresh process, as pre-commit runs it)
  against ``python -c pass`` in the same interpreter (the floor no Python tool can go under),
  and its CPU time.  Goal ≤ 150 ms.
- throughput: parse + every built-in rule on the seed reports in this process, reports/s on one
  core, against a regex tokenisation of the same text.  Goal ≥ 500 reports/s.  The garbage
  collector is set as the command line sets it (``--python-gc``: Python's default).  Shown
  apart: the parse alone, and the engine's own cost per report (running, validating, grading
  and sorting the rules' diagnostics: each rule's output replayed, so only the framework is timed).
- ``--jobs``: ``govlint check --no-cache --jobs N`` on a folder of copies, reports/s.
- cache: the same folder checked again with nothing changed (``--reports`` files, concise
  output: the text format's excerpts cost as much again).  Goal ≤ 2 s for 10,000.  Then with
  three files changed (each round another edit): they and their set-level groups are checked.
- memory: peak RSS of the full check of a tenth of the folder and of all of it (flat: the
  ratio stays near 1).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import collect_as_command_line  # noqa: E402  (benchmarks/timing.py)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "corpus" / "seeds").glob("*.txt"))
PY = sys.executable
GOVLINT = str(Path(sys.executable).parent / "govlint")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # users have .pyc files


def _one_file(cmd: list[str], rounds: int, cwd: Path | None = None) -> tuple[float, float]:
    """Median wall and CPU seconds of ``cmd`` in a fresh process (CPU: user + system, which the
    load of a shared machine moves less than the wall time)."""
    runs = [_run_measured(cmd, cwd) for _ in range(rounds)]
    return statistics.median(r[0] for r in runs), statistics.median(r[2] for r in runs)


def _peak_rss_mb(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one run of ``cmd`` in a fresh process."""
    wall, rss, _ = _run_measured(cmd, cwd)
    return wall, rss


def _run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one run of ``cmd``."""
    code = (
        "import resource, subprocess, sys, time; t0 = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(time.perf_counter() - t0, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime)"
    )
    out = subprocess.run([PY, "-c", code, *cmd], cwd=cwd, env=ENV, capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def _rate(texts: list[str], fn, rounds: int, seconds: float = 1.0) -> float:  # type: ignore[no-untyped-def]
    for t in texts:
        fn(t)
    rates = []
    for _ in range(rounds):
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            for t in texts:
                fn(t)
                n += 1
        rates.append(n / (time.perf_counter() - t0))
    return statistics.median(rates)


def _folder(base: Path, n: int) -> Path:
    """``n`` reports: the seeds copied, each copy one line different (no two files alike), and
    the body in the title numbered per five copies — an office's repository holds many bodies
    with a few reports each, not thousands of reports of five bodies (the set-level rules hold
    one body's reports at a time)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    root = base / f"reports-{n}"
    for i in range(n):
        d = root / f"{i // 1000:03d}"
        d.mkdir(parents=True, exist_ok=True)
        text = texts[i % len(texts)]
        lead = len(text) - len(text.lstrip())
        text = text[:lead] + f"样例{i // len(texts)}" + text[lead:]
        (d / f"r{i:05d}.txt").write_text(text + f"\n（第 {i} 份副本）\n", encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python-gc", action="store_true",
                    help="in-process figures with Python's default garbage collector, not the command line's")
    args = ap.parse_args(argv)
    rows: list[tuple[str, str, str, str]] = []
    load0 = os.getloadavg()[0]

    # one-file check, in a folder of its own (no configuration, a warm cache as on a second commit)
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        one = tmp / "one"
        one.mkdir()
        shutil.copy(SEEDS[1], one / "r.txt")
        subprocess.run([GOVLINT, "check", "r.txt"], cwd=one, env=ENV, capture_output=True)  # .pyc, parser
        floor, floor_cpu = _one_file([PY, "-c", "pass"], args.rounds)
        cold, cold_cpu = _one_file([GOVLINT, "check", "--no-cache", "r.txt"], args.rounds, one)
        warm, warm_cpu = _one_file([GOVLINT, "check", "r.txt"], args.rounds, one)
        rows.append(("one-file check, --no-cache", f"{cold * 1e3:.0f} ms", f"python -c pass {floor * 1e3:.0f} ms",
                     f"{cold / floor:.1f}× floor; CPU {cold_cpu * 1e3:.0f} ms (floor {floor_cpu * 1e3:.0f}); "
                     "goal ≤ 150 ms"))
        rows.append(("one-file check, cache warm", f"{warm * 1e3:.0f} ms", f"python -c pass {floor * 1e3:.0f} ms",
                     f"{warm / floor:.1f}× floor; CPU {warm_cpu * 1e3:.0f} ms; goal ≤ 150 ms"))

        # throughput in this process: parse + all built-in rules
        from govlint.config import Config
        from govlint.engine import Engine
        from govlint.parsing import parse_text
        from govlint.plugins import load_plugins

        texts = [p.read_text(encoding="utf-8") for p in SEEDS]
        collector = collect_as_command_line() if not args.python_gc else "Python's default collector"
        engine = Engine(Config(time_budget=0, rule_time_budget=0), load_plugins(installed=False))
        rps = _rate(texts, lambda t: engine.check_report(parse_text(t, "<bench>")), args.rounds)
        token = re.compile(r"[^\s|]+")
        regex = _rate(texts, token.findall, args.rounds, 0.3)
        rows.append(("seeds, parse + all rules", f"{rps:.0f} reports/s", f"regex {regex:.0f}/s",
                     f"1/{regex / rps:.0f} of floor; goal ≥ 500/s per core"))
        parsed = _rate(texts, lambda t: parse_text(t, "<bench>"), args.rounds)
        rows.append(("seeds, parse only", f"{parsed:.0f} reports/s", f"regex {regex:.0f}/s",
                     f"{1e3 / parsed:.2f} ms per report"))
        reports = [parse_text(t, "<bench>") for t in texts]
        rules_ms = 1e3 / _rate(reports, engine.check_report, args.rounds)
        replay = Engine(Config(), load_plugins(installed=False))  # budgets on, as the command line runs
        outputs = {(id(r), rule.code): list(rule.check(r)) for r in reports for rule in replay.rules}
        for rule in replay.rules:
            rule.check = lambda rep, code=rule.code: list(outputs[(id(rep), code)])  # type: ignore[method-assign]
        frame_ms = 1e3 / _rate(reports, replay.check_report, args.rounds)
        rows.append(("engine cost around the rules", f"{frame_ms:.2f} ms/report", f"all rules {rules_ms:.2f} ms",
                     f"{frame_ms / rules_ms:.0%} of the rules' time ({len(replay.rules)} rules)"))

        # a folder of copies: --jobs, the cache, memory
        big = _folder(tmp, args.reports)
        small = _folder(tmp, max(1, args.reports // 10))
        t_small, rss_small = _peak_rss_mb([GOVLINT, "check", "-q", "--no-cache", "--jobs", "1", "--output-format",
                                           "json", str(small)])
        t1, rss_big, cpu1 = _run_measured([GOVLINT, "check", "-q", "--no-cache", "--jobs", "1", "--output-format",
                                           "json", str(big)])
        jobs = os.cpu_count() or 1
        tj, _ = _peak_rss_mb([GOVLINT, "check", "-q", "--no-cache", "--jobs", str(jobs), "--output-format", "json",
                              str(big)])
        rows.append((f"{args.reports} files, --jobs 1", f"{args.reports / t1:.0f} reports/s",
                     f"CPU {args.reports / cpu1:.0f} reports/s", f"{t1:.1f} s ({cpu1 / args.reports * 1e3:.1f} ms CPU a file)"))
        rows.append((f"{args.reports} files, --jobs {jobs}", f"{args.reports / tj:.0f} reports/s", "",
                     f"{t1 / tj:.2f}× --jobs 1"))
        concise = [GOVLINT, "check", "-q", "--output-format", "concise", str(big)]
        fill, _ = _peak_rss_mb(concise, tmp)
        reruns = [_run_measured(concise, tmp) for _ in range(max(1, args.rounds // 2))]
        rerun = statistics.median(r[0] for r in reruns)
        rerun_cpu = statistics.median(r[2] for r in reruns)
        rerun_rss = statistics.median(r[1] for r in reruns)
        rows.append((f"{args.reports} files, re-run, cache", f"{rerun:.2f} s", f"first run {fill:.1f} s",
                     f"{fill / rerun:.0f}× faster; CPU {rerun_cpu:.2f} s, {rerun_rss:.0f} MB; goal ≤ 2 s for 10,000"))
        # a few files changed (an edit, a commit): only they are checked, and only their groups
        # of the set-level rules (the others come from the cache)
        edited = sorted(big.rglob("*.txt"))[:: max(1, args.reports // 3)][:3]
        changed = []
        for i in range(max(1, args.rounds // 2)):
            for p in edited:
                with open(p, "a", encoding="utf-8") as fh:
                    fh.write(f"（第 {i} 次修改）\n")
            changed.append(_run_measured(concise, tmp))
        few = statistics.median(r[0] for r in changed)
        few_cpu = statistics.median(r[2] for r in changed)
        rows.append((f"{args.reports} files, {len(edited)} changed", f"{few:.2f} s", f"nothing changed {rerun:.2f} s",
                     f"CPU {few_cpu:.2f} s; {len(edited)} files and their groups checked again"))
        rows.append(("peak memory", f"{rss_big:.0f} MB", f"{args.reports // 10} files: {rss_small:.0f} MB",
                     f"{rss_big / rss_small:.2f}× for 10× the files; goal: flat (≈ 1×)"))
    print(f"{'measure':<34} {'value':>16}  {'floor / comparison':<28} ratio, goal")
    for name, value, floor_s, ratio in rows:
        print(f"{name:<34} {value:>16}  {floor_s:<28} {ratio}")
    print(f"(median of {args.rounds} rounds; {os.cpu_count()} cores; Python {sys.version.split()[0]}; in-process: {collector}; "
          f"load average {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
