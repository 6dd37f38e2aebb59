"""Sweep throughput and memory on many reports (``govlint sweep``).

    python benchmarks/bench_sweep.py [--sizes 10000 100000] [--jobs 1 2] [--dir /tmp/x] [--prefill]

Generates ``size`` reports into a folder (copies of the test corpus's seeds and real reports,
each with its own body name in the title and its own numbers in a closing line, so every file
has its own content hash and body; 1,000 files a folder).  For each size and ``--jobs`` value,
in a subprocess, with the peak memory (RSS) of the main process and of the largest worker
(sampled every 0.1 s):

* ``first``: ``govlint sweep`` from scratch — files/s;
* ``re-run``: again with nothing changed (every file hashed, none parsed, outputs kept);
* ``rebuild``: again with the outputs removed: every file unchanged, but the set-level rules
  and the outputs redone over the whole set — the phase where the main process holds most.

With ``--prefill``, every size after the first skips ``first``: its store is filled from the
first size's (file i gets the stored results of file i mod n, with its own path, body and
hash), since parsing is per file and costs the same at any size; ``re-run`` and ``rebuild``
then run for real on the larger set.  Memory flat in the number of reports shows as a ratio
near 1 between the largest and the smallest size (printed at the end).
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
from typing import NamedTuple

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
    """(RSS of the process, the largest RSS among its descendants), in bytes."""
    import psutil

    try:
        p = psutil.Process(pid)
        main = p.memory_info().rss
        procs = p.children(recursive=True)
    except psutil.Error:
        return 0, 0
    worker = 0
    for q in procs:
        try:
            worker = max(worker, q.memory_info().rss)
        except psutil.Error:
            pass
    return main, worker


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


class Run(NamedTuple):
    seconds: float
    main_mb: float | None  # peak RSS of the main process (None without psutil)
    worker_mb: float | None  # peak RSS of the largest worker


def timed_sweep(src: Path, out: Path, jobs: int, every: float = 0.0) -> Run:
    try:
        import psutil  # noqa: F401
        sample = True
    except ImportError:
        sample = False
    cmd = [str(GOVLINT), "sweep", str(src), "--out", str(out), "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_worker = 0
    last = t0
    while proc.poll() is None:
        if sample:
            m, w = _rss(proc.pid)
            peak_main, peak_worker = max(peak_main, m), max(peak_worker, w)
        if every and time.perf_counter() - last >= every:  # a memory-over-files trace for long runs
            last = time.perf_counter()
            print(f"  … {last - t0:7.0f} s  {_done(out):>7} files  peak main {peak_main / 1e6:5.0f} MB"
                  f"  peak worker {peak_worker / 1e6:5.0f} MB", flush=True)
        time.sleep(0.1)
    dt = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"sweep failed ({proc.returncode}): {err[-2000:]}")
    if not sample:
        return Run(dt, None, None)
    return Run(dt, peak_main / 1e6, peak_worker / 1e6 if peak_worker else None)


def rebuild(src: Path, out: Path, jobs: int) -> Run:
    """A sweep with every file unchanged but the outputs gone: set-level rules and outputs redone."""
    (out / "summary.json").unlink(missing_ok=True)
    return timed_sweep(src, out, jobs)


def prefill(store_from: Path, n_from: int, src: Path, out: Path, size: int) -> None:
    """``out``'s store for the ``size`` files of ``src``, from the store of the first ``n_from``."""
    import hashlib
    import sqlite3

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy(store_from / "sweep.sqlite", out / "sweep.sqlite")
    db = sqlite3.connect(out / "sweep.sqlite")
    run = db.execute("SELECT MAX(id) FROM runs").fetchone()[0]
    old = {int(Path(p).stem[len("report"):]): (p, r) for p, *r in db.execute(
        "SELECT path, sha256, settings, year, facts, diagnostics, errors FROM files")}
    db.execute("DELETE FROM files")
    batch = []
    for path in sorted(src.rglob("report*")):
        i = int(path.stem[len("report"):])
        before, (_, settings, year, facts, diags, errs) = old[i % n_from]
        swaps = ((before, str(path)), (f"第{i % n_from}分局", f"第{i}分局"))
        facts, diags = (_moved(t, swaps) for t in (facts, diags))
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        batch.append((str(path), sha, settings, run, year, facts, diags, errs))
        if len(batch) >= 2000:
            db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
            batch = []
    db.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", batch)
    db.execute("UPDATE runs SET files = ?", (size,))
    db.commit()
    db.close()


def _moved(text: str | None, swaps: tuple[tuple[str, str], ...]) -> str | None:
    for a, b in swaps:
        text = None if text is None else text.replace(a, b)
    return text


def _mb(v: float | None) -> str:
    return f"{v:8.0f}" if v is not None else f"{'-':>8}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--trace", type=float, default=0.0, help="print files done and peak memory every N seconds")
    ap.add_argument("--prefill", action="store_true", help="fill the larger sizes' stores from the first size's")
    ap.add_argument("--dir", type=Path, help="work folder (default: a temporary one, removed after)")
    args = ap.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="govlint-bench-sweep-"))
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'reports':>8} {'jobs':>4} {'first s':>8} {'files/s':>8} {'main MB':>8} {'worker':>8} "
          f"{'re-run s':>8} {'rebuild':>8} {'main MB':>8}")
    peaks: dict[int, list[float]] = {}
    try:
        for n, size in enumerate(args.sizes):
            src = base / f"in-{size}"
            if not src.exists():
                generate(src, size)
            for jobs in args.jobs:
                out = base / f"out-{size}-{jobs}"
                first: Run | None = None
                if n > 0 and args.prefill:
                    prefill(base / f"out-{args.sizes[0]}-{jobs}", args.sizes[0], src, out, size)
                else:
                    shutil.rmtree(out, ignore_errors=True)
                    first = timed_sweep(src, out, jobs, args.trace)
                again = timed_sweep(src, out, jobs)
                redo = rebuild(src, out, jobs)
                cols = (f"{first.seconds:8.1f} {size / first.seconds:8.1f} {_mb(first.main_mb)} {_mb(first.worker_mb)}"
                        if first else f"{'-':>8} {'-':>8} {'-':>8} {'-':>8}")
                print(f"{size:>8} {jobs:>4} {cols} {again.seconds:8.1f} {redo.seconds:8.1f} {_mb(redo.main_mb)}",
                      flush=True)
                peaks.setdefault(size, []).extend(r.main_mb for r in (first, again, redo) if r and r.main_mb)
                if args.dir is None and n > 0:
                    shutil.rmtree(out, ignore_errors=True)
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    lo, hi = min(peaks), max(peaks)
    if hi != lo and peaks[lo] and peaks[hi]:
        print(f"peak main-process memory, {hi} vs {lo} reports: {max(peaks[hi]):.0f} / {max(peaks[lo]):.0f} MB"
              f" = {max(peaks[hi]) / max(peaks[lo]):.2f} (flat: about 1)")
    print(f"load average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"(python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
