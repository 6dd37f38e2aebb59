"""The fuzzer's mutations as a Hypothesis property: any stack of up to three mutations of any
corpus report goes through decoding, parsing, every rule and every output format without an
exception, a rule fault or JSON/SARIF that is not strict.  Hypothesis shrinks a failure to the
fewest, smallest mutations, which is the reproducer to keep in ``reproducers/``.

Bounded for the test suite (``GOVLINT_FUZZ_EXAMPLES``, default 400); the long random run is
``python -m tests.fuzz.harness`` (README: Hostile input)."""

from __future__ import annotations

import os
import random
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.fuzz.harness import MUTATORS, Stats, check_one, corpus_files

from govlint.config import Config
from govlint.engine import Engine
from govlint.plugins import load_plugins

FILES = corpus_files()
MUTATIONS = st.lists(st.tuples(st.sampled_from(sorted(MUTATORS)), st.integers(0, 2**32 - 1)), min_size=1, max_size=3)


@lru_cache(maxsize=1)
def _engine() -> Engine:
    return Engine(Config(), load_plugins(installed=False), keep_sources=True)


@settings(max_examples=int(os.environ.get("GOVLINT_FUZZ_EXAMPLES", "400")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.integers(0, len(FILES) - 1), MUTATIONS)
def test_any_mutation_stack_of_a_corpus_report_is_handled(index: int, mutations: list[tuple[str, int]]) -> None:
    data = FILES[index]
    for name, seed in mutations:
        data = MUTATORS[name](random.Random(seed), data) or data
    stats = Stats()
    check_one(_engine(), data, f"file {index}, {mutations}", max_seconds=float("inf"), stats=stats)
    assert stats.failures == []
