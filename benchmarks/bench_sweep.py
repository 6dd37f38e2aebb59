"""Sweep throughput and memory on many reports (``govlint sweep``).

    python benchmarks/bench_sweep.py [--sizes 10000 100000] [--jobs 1 2] [--dir /tmp/x]

Generates ``size`` reports into a temporary folder (copies of the test corpus's seeds and real
reports, each with its own body name in the title and its own numbers in a closing line, so
every file has its own content hash and body; 1,000 files a folder), then for each ``--jobs`` value runs
``govlint sweep`` from scratch in a subprocess and reports files/s and the peak memory — of the
main process, and of the whole process tree (main + workers, sampled every 0.1 s) — and finally
the time of a re-run with nothing changed (every file hashed, none parsed).  Memory that is flat
in the number of reports shows as the same peak for both sizes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
GOVLINT = Path(sys.executable).parent / "govlint"
YEAR = re.compile(r"(?:19|20)[0-9]{2}\s*年")


def generate(folder: Path, size: int) -> None:
    sources = sorted((CORPUS / "seeds").glob("*.txt")) + sorted(p for p in (CORPUS / "real").iterdir() if p.is_file())
    texts = [(p.suffix, p.read_text(encoding="utf-8")) for p in sources]
    for i in range(size):
        suffix, text = texts[i % len(texts)]
        d = folder / f"region{i // 1000:03d}"
        d.mkdir(parents=True, exist_ok=True)
        # a body of its own (a number in its name, before the year in the title) — as in a real
        # collection, where one body has one report a year — and a closing line with its own numbers
        m = YEAR.search(text)
        at = m.start() if m else 0
        varied = text[:at] + f"第{i}分局" + text[at:]
        varied += f"\n\n（本报告编号 {i}，共 {i % 97 + 1} 页，印发 {i % 13 + 1} 份。）\n"
        (d / f"report{i:06d}{suffix}").write_text(varied, encoding="utf-8")


def _rss(pid: int) -> tuple[int, int]:
    """(RSS of the process, RSS of it and all its descendants), in bytes."""
    import psutil

    try:
        p = psutil.Process(pid)
        main = p.memory_info().rss
        procs = p.children(recursive=True)
    except psutil.Error:
        return 0, 0
    total = main
    for q in procs:
        try:
            total += q.memory_info().rss
        except psutil.Error:
            pass
    return main, total


def _done(out: Path) -> int:
    """Files committed so far (read-only look into the sweep's store)."""
    import sqlite3

    try:
        db = sqlite3.connect(f"file:{out / 'sweep.sqlite'}?mode=ro", uri=True, timeout=1)
        n = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        db.close()
        return int(n)
    except sqlite3.Error:
        return 0


def timed_sweep(src: Path, out: Path, jobs: int, every: float = 0.0) -> tuple[float, float | None, float | None]:
    """(seconds, peak RSS of the main process in MB, peak RSS of the process tree in MB);
    the memory figures need psutil (None without)."""
    try:
        import psutil  # noqa: F401
        sample = True
    except ImportError:
        sample = False
    cmd = [str(GOVLINT), "sweep", str(src), "--out", str(out), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_tree = 0
    last = t0
    while proc.poll() is None:
        if sample:
            m, t = _rss(proc.pid)
            peak_main, peak_tree = max(peak_main, m), max(peak_tree, t)
        if every and time.perf_counter() - last >= every:  # a memory-over-files trace for long runs
            last = time.perf_counter()
            print(f"  … {last - t0:7.0f} s  {_done(out):>7} files  peak main {peak_main / 1e6:5.0f} MB"
                  f"  peak tree {peak_tree / 1e6:5.0f} MB", flush=True)
        time.sleep(0.1)
    dt = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"sweep failed ({proc.returncode}): {err[-2000:]}")
    if not sample:
        return dt, None, None
    return dt, peak_main / 1e6, peak_tree / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--trace", type=float, default=0.0, help="print files done and peak memory every N seconds")
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one, removed after)")
    args = ap.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="govlint-bench-sweep-"))
    print(f"{'reports':>8} {'jobs':>4} {'seconds':>8} {'files/s':>8} {'main MB':>8} {'tree MB':>8} {'re-run s':>8}")
    try:
        for size in args.sizes:
            src = base / f"in-{size}"
            if not src.exists():
                generate(src, size)
            for jobs in args.jobs:
                out = base / f"out-{size}-{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                dt, main_mb, tree_mb = timed_sweep(src, out, jobs, args.trace)
                again, _, _ = timed_sweep(src, out, jobs)
                mem = " ".join(f"{v:8.0f}" if v is not None else f"{'-':>8}" for v in (main_mb, tree_mb))
                print(f"{size:>8} {jobs:>4} {dt:8.1f} {size / dt:8.0f} {mem} {again:8.1f}", flush=True)
                if args.dir is None:
                    shutil.rmtree(out, ignore_errors=True)
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
