"""The slow inputs of issue 11 as regression tests, without a stopwatch in the test: each runs
under govlint's own per-file time budget (the default, 30 s — README: Hostile input), which a
return of the old behaviour (260 s and > 150 s) would exceed, turning into a RUN002 diagnostic
that the test sees.  The figures themselves are in benchmarks/bench_hostile.py and the README.
The quadratic text output is covered without timing by
``test_hostile_output.py::test_text_excerpt_looks_only_at_a_window_of_a_long_line``."""

from __future__ import annotations

import pytest

from govlint.config import Config
from govlint.engine import Engine, RunResult
from govlint.plugins import load_plugins


@pytest.fixture(scope="module")
def engine() -> Engine:
    assert Config().time_budget > 0  # the default budget is on: that is what this module relies on
    e = Engine(Config(), load_plugins(installed=False))
    e.run(["-"], stdin="一、总体情况".encode())  # warm up: grammar, profiles
    return e


def _run(engine: Engine, text: str) -> RunResult:
    result = engine.run(["-"], stdin=text.encode())
    assert not result.errors
    assert not [d for d in result.diagnostics if d.code.startswith("RUN")]  # no budget ran out, no fault
    return result


def test_pt001_on_a_long_digit_run(engine: Engine) -> None:
    # was 260 s for 100,000 digits (the claim pattern started at every digit); now ~0.05 s
    result = _run(engine, "本年度共收到申请" + "1" * 100_000 + "件。")
    # 100,000 digits are no count: PT001 (prose vs table) has nothing to compare
    assert not [d for d in result.diagnostics if d.code == "PT001"]


def test_part_headings_repeated_on_one_line(engine: Engine) -> None:
    # `一、` repeated: 31 SequenceMatcher ratios per match (1M characters > 150 s); now ~1 s per 300 KB
    _run(engine, "一、" * 100_000)
