"""Every built-in rule runs on any parsed text without raising: shuffled and truncated seed
lines, random text, and the corpus with lines dropped."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.corpus import REAL, SEEDS, read

from govlint.config import Config
from govlint.engine import Engine, RunResult
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

ENGINE = Engine(Config(), load_plugins(installed=False))
TEXTS = [read(p) for p in sorted(SEEDS.glob("*.txt"))] + [
    read(p) for p in sorted(REAL.iterdir()) if p.name != "README.md"
]
LINES = [ln for t in TEXTS for ln in t.split("\n")]


def _no_rule_crashes(text: str) -> None:
    report = parse_text(text, "<prop>")
    result = RunResult()
    ENGINE._check(report, result)  # the engine's own guarded loop: crashes land in result.errors
    assert result.errors == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LINES), max_size=150), st.randoms(use_true_random=False))
def test_rules_on_shuffled_lines(lines: list[str], rnd: random.Random) -> None:
    rnd.shuffle(lines)
    _no_rule_crashes("\n".join(lines))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TEXTS), st.randoms(use_true_random=False))
def test_rules_on_reports_with_lines_dropped(text: str, rnd: random.Random) -> None:
    lines = text.split("\n")
    kept = [ln for ln in lines if rnd.random() > 0.2]
    _no_rule_crashes("\n".join(kept))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_rules_on_random_text(text: str) -> None:
    _no_rule_crashes(text)
