"""Plugins cannot take the run down (issue 11): bad diagnostics, exits, interrupts, sleeps."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from tests.corpus import seed

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import render
from govlint.plugins import load_plugins

SEED001 = str(seed("001"))

HEADER = '''
import sys, time
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Span

class R(Rule):
    code, name, summary, severity = "ZZ101", "hostile-rule", "恶意规则", Severity.WARNING
    def check(self, report):
{body}

@hookimpl
def govlint_rules():
    return [R]
'''


def _engine(tmp_path: Path, body: str, **config: float) -> Engine:
    (tmp_path / "hostile.py").write_text(HEADER.format(body=body), encoding="utf-8")
    plugins = load_plugins(["hostile.py"], tmp_path, installed=False)
    assert not plugins.errors
    return Engine(Config(**config), plugins)  # type: ignore[arg-type]


def _faults(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.message for d in result.diagnostics if d.code == "RUN001"]


BAD = {
    "path None": "        yield Diagnostic(None, 1, 1, 1, 2, 'ZZ101', 'hostile-rule', Severity.WARNING, 'x')",
    "string severity": "        yield Diagnostic(report.path, 1, 1, 1, 2, 'ZZ101', 'hostile-rule', 'error', 'x')",
    "string line": "        yield Diagnostic(report.path, '1', 1, 1, 2, 'ZZ101', 'hostile-rule', Severity.WARNING, 'x')",
    "bad related": "        yield Diagnostic(report.path, 1, 1, 1, 2, 'ZZ101', 'hostile-rule', Severity.WARNING, 'x', related=[42])",
    "related path None span": "        yield self.diag(report, Span(1, 1, 1, 2), 'x', related=[Related(None, 'm')])",
    "foreign path": "        yield Diagnostic('/etc/passwd', 1, 1, 1, 2, 'ZZ101', 'hostile-rule', Severity.WARNING, 'x')",
    "unknown code": "        yield Diagnostic(report.path, 1, 1, 1, 2, 'QQ999', 'hostile-rule', Severity.WARNING, 'x')",
    "another rule's code": "        yield Diagnostic(report.path, 1, 1, 1, 2, 'PAR004', 'row-short', Severity.ERROR, 'x')",
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_diagnostic_becomes_a_fault_naming_the_plugin(tmp_path: Path, case: str) -> None:
    result = _engine(tmp_path, BAD[case]).run([SEED001])
    faults = _faults(result)
    assert len(faults) == 1 and "ZZ101" in faults[0] and "hostile.py" in faults[0], faults
    assert "不合规的诊断" in faults[0]
    assert result.errors and "hostile.py" in result.errors[0]  # → exit 2
    assert not [d for d in result.diagnostics if d.code == "ZZ101"]
    # the rest of the output is intact: seed 001's short row on line 66 (read by eye), valid JSON
    assert any(d.code == "PAR004" and d.line == 66 for d in result.diagnostics)
    for fmt in ("json", "sarif"):
        json.loads(render(fmt, result.diagnostics))
    render("text", result.diagnostics, sources=result.sources)


@pytest.mark.parametrize("body,word", [
    ("        sys.exit(3)", "sys.exit(3)"),
    ("        raise SystemExit('bye')", "sys.exit('bye')"),
    ("        raise KeyboardInterrupt", "KeyboardInterrupt"),
])
def test_exit_and_interrupt_from_rule_code_are_contained(tmp_path: Path, body: str, word: str) -> None:
    result = _engine(tmp_path, body).run([SEED001, str(seed("000"))])
    faults = _faults(result)
    assert len(faults) == 2 and all(word in f and "已拦截" in f and "hostile.py" in f for f in faults)
    assert {d.path for d in result.diagnostics if d.code == "PAR004"} >= {SEED001}
    assert result.files_checked == 2


def test_a_rule_that_sleeps_is_stopped_at_its_budget(tmp_path: Path) -> None:
    # an hour in short sleeps: the abandoned thread ends when govlint's stop request reaches it.  (One
    # long C-level sleep would keep that request pending for the hour, and in CPython 3.11 a pending
    # request for another thread stalls any sys.settrace/setprofile user — tests/work.py among them.)
    engine = _engine(tmp_path, "        for _ in range(72_000):\n            time.sleep(0.05)\n        yield from ()",
                     rule_time_budget=0.5)
    result = engine.run([SEED001, str(seed("000"))])  # returns: without the budget it would wait an hour
    faults = _faults(result)
    assert len(faults) == 2 and all("时间预算" in f and "ZZ101" in f for f in faults)
    # the rules after the stuck one still ran (YR*, the last family by code, and PAR004)
    assert any(d.code == "PAR004" and d.line == 66 for d in result.diagnostics)


def test_a_busy_loop_rule_is_stopped_too(tmp_path: Path) -> None:
    engine = _engine(tmp_path, "        while True:\n            pass\n        yield from ()", rule_time_budget=0.3)
    before = set(threading.enumerate())
    result = engine.run([SEED001])  # returns: without the budget it would spin for ever
    faults = _faults(result)
    assert len(faults) == 1 and "时间预算" in faults[0]
    # the abandoned thread was asked to stop, and it does: of the stage threads this run started, only
    # the fresh worker that took over stays (idle, waiting for jobs); the spinning one ends
    started = [t for t in threading.enumerate() if t not in before and t.name == "govlint-stage"]
    deadline = time.monotonic() + 10  # a bound on the wait, not a speed figure
    while sum(t.is_alive() for t in started) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sum(t.is_alive() for t in started) <= 1


def test_positions_out_of_range_are_clamped_and_reported(tmp_path: Path) -> None:
    body = "        yield self.diag(report, Span(10**6, 5, 10**6 + 3, 99), '越界')"
    result = _engine(tmp_path, body).run([SEED001])
    [d] = [d for d in result.diagnostics if d.code == "ZZ101"]
    n_lines = Path(SEED001).read_text(encoding="utf-8").count("\n") + 1
    assert d.line == d.end_line == n_lines and d.column >= 1
    faults = _faults(result)
    assert len(faults) == 1 and "超出正文范围" in faults[0]


def test_a_parse_over_the_file_budget_is_one_diagnostic_naming_the_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    import govlint.parsing as parsing_module  # the engine imports it when it first parses

    real = parsing_module.parse_text

    def slow(text: str, path: str, profile: str | None = None):  # type: ignore[no-untyped-def]
        if path == SEED001:
            for _ in range(72_000):  # an hour in short sleeps (see the sleeping rule above)
                time.sleep(0.05)
        return real(text, path, profile=profile)

    monkeypatch.setattr(parsing_module, "parse_text", slow)
    engine = Engine(Config(time_budget=0.5), load_plugins(installed=False))
    result = engine.run([SEED001, str(seed("002"))])  # returns: without the budget it would wait an hour
    budget = [d for d in result.diagnostics if d.code == "RUN002"]
    assert len(budget) == 1 and budget[0].path == SEED001 and "解析" in budget[0].message
    assert [d for d in result.diagnostics if d.path == str(seed("002")) and d.code != "RUN002"]
    assert not result.errors  # govlint's own stage: a diagnostic, not a rule crash


def test_no_budget_runs_inline(tmp_path: Path) -> None:
    result = _engine(tmp_path, "        sys.exit(0)", time_budget=0, rule_time_budget=0).run([SEED001])
    assert len(_faults(result)) == 1


SET_LEVEL = '''
import time
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Severity

class Stuck(Rule):
    code, name, summary, severity = "ZZ201", "stuck-set-rule", "卡住的跨报告规则", Severity.WARNING
    def fact_groups(self, facts):
        return ("全部",)
    def check_facts(self, group):
        for _ in range(72_000):  # an hour, in short sleeps (see the test above)
            time.sleep(0.05)
        return ()

class Counts(Rule):
    code, name, summary, severity = "ZZ202", "count-set-rule", "统计报告数的跨报告规则", Severity.WARNING
    def fact_groups(self, facts):
        return ("全部",)
    def check_facts(self, group):
        yield self.diag(group[0], group[0].anchor, f"本组有 {len(group)} 份报告")

@hookimpl
def govlint_rules():
    return [Stuck, Counts]
'''


@pytest.mark.parametrize("budgets", [{"time_budget": 0.5}, {"time_budget": 0, "rule_time_budget": 0.5}])
def test_a_stuck_set_level_rule_is_given_up_and_the_groups_other_rules_still_run(
        tmp_path: Path, budgets: dict[str, float]) -> None:
    # the set-level calls of one group run in one watched run, each with its own budget (the file
    # budget, or the rule budget when there is no file budget)
    (tmp_path / "sets.py").write_text(SET_LEVEL, encoding="utf-8")
    plugins = load_plugins(["sets.py"], tmp_path, installed=False)
    assert not plugins.errors
    result = Engine(Config(**budgets), plugins).run([SEED001, str(seed("000"))])  # type: ignore[arg-type]
    faults = _faults(result)
    assert len(faults) == 1 and "ZZ201" in faults[0] and "时间预算" in faults[0], faults
    assert [d.message for d in result.diagnostics if d.code == "ZZ202"] == ["本组有 2 份报告"]
    assert any(d.code == "PAR004" and d.line == 66 for d in result.diagnostics)
