"""Every rule's cases (src/govlint/checks/cases/CODE.toml) run through the real plugin loading:
a failing case must raise the rule, a passing one must not; a case file for a rule that is not
registered fails here, and so does a built-in rule module whose rules are not all registered."""

from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

import pytest

from govlint.checks.cases import Case, base_report, load_cases
from govlint.config import Config
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import BUILTIN_PLUGINS, load_plugins

PLUGINS = load_plugins(installed=False)
BY_CODE = PLUGINS.by_code()
CASE_CODES = sorted(
    p.name[:-5] for p in resources.files("govlint.checks").joinpath("cases").iterdir() if p.name.endswith(".toml")
)
# rules that have cases beside them (new rules must)
WITH_CASES = [(code, i) for code in CASE_CODES for i in range(len(load_cases(code)))]


def _codes(text: str, code: str) -> list[str]:
    engine = Engine(Config(select=[code]), PLUGINS)
    return [d.code for d in engine.check_report(parse_text(text, "case.txt"))]


def test_plugins_load_cleanly() -> None:
    assert PLUGINS.errors == []


def test_base_report_is_clean() -> None:
    engine = Engine(Config(), PLUGINS)
    assert engine.check_report(parse_text(base_report(), "base.txt")) == []


@pytest.mark.parametrize("code", CASE_CODES)
def test_case_file_belongs_to_a_registered_rule(code: str) -> None:
    assert code in BY_CODE, f"{code}.toml has cases but no registered rule"
    cases = load_cases(code)
    assert any(c.fails for c in cases) and any(not c.fails for c in cases)


def _set_codes(case: Case, code: str, tmp: Path) -> list[str]:
    """Run a set-level case: last year's report and this year's, in one run."""
    (tmp / "2023.txt").write_text(case.previous_text() or "", encoding="utf-8")
    (tmp / "2024.txt").write_text(case.report_text(), encoding="utf-8")
    result = Engine(Config(select=[code]), PLUGINS).run([str(tmp / "2023.txt"), str(tmp / "2024.txt")])
    assert not result.errors
    return [d.code for d in result.diagnostics]


@pytest.mark.parametrize("code,i", WITH_CASES)
def test_case(code: str, i: int, tmp_path: Path) -> None:
    case = load_cases(code)[i]
    found = _codes(case.report_text(), code) if case.previous is None else _set_codes(case, code, tmp_path)
    if case.fails:
        assert found, f"{code} failing case {i} not detected: {case.shown()!r}"
        if case.count is not None:
            assert len(found) == case.count
    else:
        assert found == [], f"{code} passing case {i} flagged: {case.shown()!r}"


@pytest.mark.parametrize("module", BUILTIN_PLUGINS)
def test_every_rule_of_a_builtin_module_is_registered(module: str) -> None:
    rules = getattr(importlib.import_module(module), "RULES", [])
    for cls in rules:
        assert BY_CODE.get(cls.code) is cls


def test_case_examples_are_the_rule_doc() -> None:
    for code in CASE_CODES:
        doc = BY_CODE[code].doc
        for case in load_cases(code):
            assert case.shown() in doc
