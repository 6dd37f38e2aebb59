"""The bounded fuzz run of the default test suite (GOVLINT_FUZZ_CASES, default 150; the
hour-long run: ``python -m tests.fuzz.harness --cases 20000``)."""

from __future__ import annotations

import os
import time

import pytest
from tests.fuzz.harness import MUTATORS, case, fuzz


def test_mutated_corpus_reports_never_crash_hang_or_write_invalid_json() -> None:
    cases = int(os.environ.get("GOVLINT_FUZZ_CASES", "150"))
    stats = fuzz(cases, seed=int(os.environ.get("GOVLINT_FUZZ_SEED", "7")), max_seconds=5.0)
    assert stats.cases == cases
    assert stats.failures == []  # no crash, no rule fault, only strict JSON/SARIF


@pytest.mark.xfail(strict=True, reason="one line with a long digit run (fuzz seed 7 case 11, 14 KB): parse "
                   "(~1.9 s, reader: parsing/fused) and PT001's claim pattern (~1.7 s, judge) are superlinear")
def test_the_slow_reproducer_found_by_the_fuzzer_is_fast() -> None:
    from govlint.config import Config
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    data = case(7, 11)
    assert len(data) < 100_000
    engine = Engine(Config(), load_plugins(installed=False))
    t0 = time.perf_counter()
    engine.run(["-"], stdin=data)
    assert time.perf_counter() - t0 < 2.0


def test_every_mutator_changes_its_input() -> None:
    import random

    data = "一、总体情况\n（一）主动公开 12 件\n".encode()
    for name, mutate in MUTATORS.items():
        if name in ("gbk", "utf16", "shuffle", "oneline", "truncate"):
            continue  # may leave short input as it is
        assert mutate(random.Random(0), data) != data, name
