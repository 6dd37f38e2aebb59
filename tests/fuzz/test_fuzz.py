"""The bounded fuzz run of the default test suite (GOVLINT_FUZZ_CASES, default 800, about 30 s; the
full run: ``python -m tests.fuzz.harness --cases 10000 --seed N``, one per core)."""

from __future__ import annotations

import os

from tests.fuzz.harness import MUTATORS, fuzz


def test_mutated_corpus_reports_never_crash_hang_or_write_invalid_json() -> None:
    cases = int(os.environ.get("GOVLINT_FUZZ_CASES", "800"))
    stats = fuzz(cases, seed=int(os.environ.get("GOVLINT_FUZZ_SEED", "7")), max_seconds=5.0)
    assert stats.cases == cases
    assert stats.failures == []  # no crash, no rule fault, only strict JSON/SARIF


def test_every_mutator_changes_its_input() -> None:
    import random

    data = "一、总体情况\n（一）主动公开 12 件\n".encode()
    for name, mutate in MUTATORS.items():
        if name in ("gbk", "utf16", "shuffle", "oneline", "truncate"):
            continue  # may leave short input as it is
        assert mutate(random.Random(0), data) != data, name
