"""Property tests: the parser never raises, whatever the input, and its time stays linear."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.corpus import SEEDS, read
from tests.work import executed_lines

from govlint.model import Report
from govlint.parsing import parse_text

SEED_TEXTS = [read(p) for p in sorted(SEEDS.glob("*.txt"))]
SEED_LINES = [ln for t in SEED_TEXTS for ln in t.split("\n")]

# characters that matter to the grammar and the table reader, plus anything else
ALPHABET = st.one_of(
    st.sampled_from(list("一二三四五六七八九十、，,.．（）()第条项本年总计0123456789 \t\n|/—-【】〔〕")),
    st.characters(),
)


def _check(report: Report, text: str) -> None:
    assert isinstance(report, Report)
    for f in report.findings:
        assert 1 <= f.span.line and 1 <= f.span.column
        assert f.span.start <= f.span.end <= len(text)
    for t in report.tables.values():
        assert [r.key for r in t.rows]  # canonical rows always present
        for row in t.rows:
            for c in row.cells:
                if c.span is not None:
                    assert 0 <= c.span.start <= c.span.end <= len(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text_never_raises(text: str) -> None:
    _check(parse_text(text, "<random>"), text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(SEED_LINES), max_size=200), st.randoms(use_true_random=False))
def test_shuffled_seed_lines_never_raise(lines: list[str], rnd: random.Random) -> None:
    rnd.shuffle(lines)
    text = "\n".join(lines)
    _check(parse_text(text, "<shuffled>"), text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SEED_TEXTS), st.integers(min_value=0, max_value=8000))
def test_truncated_seeds_never_raise(text: str, cut: int) -> None:
    t = text[: cut % (len(text) + 1)]
    _check(parse_text(t, "<truncated>"), t)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_byte_garbage_never_raises(data: bytes) -> None:
    for text in (data.decode("utf-8", errors="replace"), data.decode("latin-1")):
        _check(parse_text(text, "<bytes>"), text)


def test_degenerate_inputs() -> None:
    for text in ["", "\n", "\n\n\n", " ", "\x00\x01", "一、", "（一）", "第二十条第（一）项", "0 0 0",
                 "一、本年新收政府信息公开申请数量" + "0" * 5000,
                 "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 " + "1" * 3000,
                 "四、政府信息公开行政复议、行政诉讼情况\n行政复议 " + "0" * 4000,
                 "x" * 100_000]:
        _check(parse_text(text, "<edge>"), text)


def test_empty_text_gives_a_finding_not_a_crash() -> None:
    report = parse_text("", "<empty>")
    assert report.parts == []
    assert [f.kind for f in report.findings] == ["not-a-report"]
    assert "文件为空" in report.findings[0].message


def _work_per_char(text: str) -> float:
    """Python lines executed per character of input (tests/work.py): work counted, not timed."""
    parse_text(text, "<warm>")  # caches (grammar, profiles) filled first
    return executed_lines(lambda: parse_text(text, "<big>")) / len(text)


def test_time_is_linear_in_size() -> None:
    """Parsing 4× the text takes about 4× the work, not 16×: compare the work per character."""
    one = "\n".join(SEED_TEXTS)
    small, large = "\n".join([one] * 2), "\n".join([one] * 8)
    assert _work_per_char(large) < 1.5 * _work_per_char(small)


def test_long_single_line_is_linear() -> None:
    """One-line reports (web scrapes) with a long run of digits stay linear too."""
    base = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数规章" + "1234567890" * 50
    small, large = base * 4, base * 16
    assert _work_per_char(large) < 1.5 * _work_per_char(small)
