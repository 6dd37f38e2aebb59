"""Every registered rule's documentation (what `govlint rule CODE` prints) speaks to users: Chinese,
what it checks, a violating and a corrected example, and nothing of the project's own notes
(issue numbers, spec sections, relation ids, helper names, corpus paths, data-file keys)."""

from __future__ import annotations

import re

import pytest

from govlint.checks.cases import load_cases
from govlint.plugins import load_plugins

RULES = load_plugins(installed=False).rules

# the project's own notes: never in what a user reads
INTERNAL = re.compile(
    r"issue|#\d|\bspec\b|§|\bEQ-?\d|\bD\d\b|defects\.(?:md|json)|corpus|seeds?/|real/|tests/|\.\./|/work/"
    r"|shared/|note\.md|helper|\b(?:reader|judge|loop|sweep helper)\b|TODO|FIXME|XXX|\[M\]"
    r"|未核实|核实原文|references\.|overview_topics|`relations`|格式配置",
    re.IGNORECASE,
)
_FENCE = re.compile(r"```text\n(.+?)\n```", re.S)


def _section(doc: str, title: str) -> str:
    m = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    return m.group(1) if m else ""


def test_every_rule_is_documented() -> None:
    assert len(RULES) > 60  # the walk below sees the real registry


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_doc_is_for_users(rule: type) -> None:
    doc, summary = rule.doc, rule.summary  # type: ignore[attr-defined]
    assert not INTERNAL.search(doc + summary), INTERNAL.search(doc + summary)
    chinese = sum("\u4e00" <= c <= "\u9fff" for c in doc)
    assert chinese > 40 and chinese * 3 > len(re.sub(r"\s", "", doc)) // 2  # mostly Chinese
    assert _section(doc, "说明").strip() and _section(doc, "原因").strip()
    bad, good = _FENCE.findall(_section(doc, "错误示例")), _FENCE.findall(_section(doc, "正确示例"))
    assert bad and good and all(x.strip() for x in bad + good)


def test_the_internal_pattern_catches_what_it_is_for() -> None:
    for note in ("见 issue 13", "spec §3.2", "EQ-1 不成立", "defects.md D4", "tests/corpus/seeds/001.txt",
                 "格式配置 `references.fee_document`", "尚未核实原文"):
        assert INTERNAL.search(note), note
    for fine in ("国办公开办函〔2021〕30号", "《条例》第五十条", "exclude = [\"README.md\"]", "--extend-select PAR023"):
        assert not INTERNAL.search(fine), fine


@pytest.mark.parametrize("rule", [r for r in RULES if load_cases(r.code)], ids=lambda r: r.code)
def test_a_shown_case_is_the_case_that_runs(rule: type) -> None:
    """A case's ``show`` (its text in the doc) contains the text the case really puts in the report."""
    flat = re.compile(r"\s+")
    for case in load_cases(rule.code):  # type: ignore[attr-defined]
        if case.show:
            shown = flat.sub("", case.show)
            for _, new in case.replace:
                assert flat.sub("", new) in shown, (rule, new)
            assert flat.sub("", case.text) in shown
