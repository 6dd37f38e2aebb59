"""The slow inputs of issue 11 as regression tests.  Each took from 10 s to several minutes; the
bounds here are 10–50 times what they take now, so they catch a return of the superlinear
behaviour, not noise (the figures themselves: benchmarks/bench_hostile.py and README)."""

from __future__ import annotations

import time

import pytest
from tests.corpus import REAL

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import render
from govlint.plugins import load_plugins


@pytest.fixture(scope="module")
def engine() -> Engine:
    e = Engine(Config(), load_plugins(installed=False))
    e.run(["-"], stdin="一、总体情况".encode())  # warm up: grammar, profiles
    return e


def _seconds(engine: Engine, text: str) -> float:
    t0 = time.perf_counter()
    result = engine.run(["-"], stdin=text.encode())
    assert not result.errors and not [d for d in result.diagnostics if d.code.startswith("RUN")]
    return time.perf_counter() - t0


def test_pt001_on_a_long_digit_run(engine: Engine) -> None:
    # was 260 s for 100,000 digits (the claim pattern started at every digit); now ~0.3 s
    assert _seconds(engine, "本年度共收到申请" + "1" * 100_000 + "件。") < 10


def test_part_headings_repeated_on_one_line(engine: Engine) -> None:
    # `一、` repeated: 31 SequenceMatcher ratios per match (1M characters > 150 s); now ~1 s per 300 KB
    assert _seconds(engine, "一、" * 100_000) < 20


def test_text_output_of_a_one_line_scrape_is_as_fast_as_json(engine: Engine) -> None:
    one_line = (REAL / "pingtan_2022.txt").read_text(encoding="utf-8").replace("\n", " ") * 60  # ~240 KB, one line
    result = engine.run(["-"], stdin=one_line.encode())
    timings = {}
    for fmt in ("json", "text"):
        t0 = time.perf_counter()
        render(fmt, result.diagnostics, sources={"-": one_line})
        timings[fmt] = time.perf_counter() - t0
    assert len(result.diagnostics) > 100
    assert timings["text"] < 10 * timings["json"] + 0.5, timings  # was ~33× concise, growing with the line
