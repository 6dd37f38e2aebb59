"""Hostile inputs of issue 11, timed (median of 3 rounds): each against the same-size plain report
text in the same run, so the figure is a ratio to a floor, not a machine-dependent number.

    python benchmarks/bench_hostile.py
"""

from __future__ import annotations

from pathlib import Path

from timing import median_seconds  # benchmarks/timing.py

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import render
from govlint.plugins import load_plugins

ROOT = Path(__file__).resolve().parent.parent
SCRAPE = (ROOT / "tests" / "corpus" / "real" / "pingtan_2022.txt").read_text(encoding="utf-8").replace("\n", " ")


def main() -> None:
    engine = Engine(Config(), load_plugins(installed=False))
    engine.run(["-"], stdin="一、总体情况".encode())
    cases = {
        "PT001: 100,000 digits + 件": "本年度共收到申请" + "1" * 100_000 + "件。",
        "一、 × 500,000 on one line": "一、" * 500_000,
        "tabs × 200,000 in a table line": "表三\n" + "\t" * 200_000 + "1\n",
    }
    for label, text in cases.items():
        floor = SCRAPE * max(1, len(text) // len(SCRAPE))
        t = median_seconds(lambda t=text: engine.run(["-"], stdin=t.encode()))
        f = median_seconds(lambda f=floor: engine.run(["-"], stdin=f.encode()))
        print(f"{label:<34} {len(text):>9} chars {t:7.2f} s   (a real scrape of that size: {f:5.2f} s)")
    one_line = SCRAPE * 500  # ~2 MB on one line
    result = engine.run(["-"], stdin=one_line.encode())
    for fmt in ("json", "concise", "text", "sarif"):
        t = median_seconds(lambda fmt=fmt: render(fmt, result.diagnostics, sources={"-": one_line}))
        print(f"output {fmt:<8} 2 MB one-line scrape, {len(result.diagnostics)} diagnostics: {t:6.2f} s")


if __name__ == "__main__":
    main()
