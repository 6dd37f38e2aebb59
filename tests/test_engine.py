"""The engine: plugin isolation, set-level rules, configuration applied to results."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import seed

from govlint.config import Config, config_from_dict
from govlint.engine import Engine
from govlint.plugins import BUILTIN_PLUGINS, load_plugins

SEED001 = str(seed("001"))

CRASHING = '''
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Severity

class Boom(Rule):
    code, name, summary, severity = "ZZ001", "always-crashes", "总是出错", Severity.ERROR
    def check(self, report):
        raise ValueError("故意出错")

@hookimpl
def govlint_rules():
    return [Boom]
'''

SET_LEVEL = '''
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Severity

class CountReports(Rule):
    code, name, summary, severity = "ZZ002", "count-reports", "统计报告数", Severity.INFO
    def check_reports(self, reports):
        first = reports[0]
        yield self.diag(first, first.parts[0].span, f"共 {len(reports)} 份报告")

@hookimpl
def govlint_rules():
    return [CountReports]
'''


def test_builtins_register_like_plugins() -> None:
    plugins = load_plugins(installed=False)
    assert not plugins.errors
    assert {plugins.origin[r.code] for r in plugins.rules} == set(BUILTIN_PLUGINS)
    codes = [r.code for r in plugins.rules]
    assert len(codes) == len(set(codes))
    assert {"PAR004", "AR001", "ST001", "LAW001", "FEE001", "PT001", "YR001"} <= set(codes)


def test_crashing_rule_is_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "boom.py").write_text(CRASHING, encoding="utf-8")
    plugins = load_plugins(["boom.py"], tmp_path, installed=False)
    assert not plugins.errors
    result = Engine(Config(), plugins).run([SEED001, str(seed("000"))])
    assert len(result.errors) == 2  # once per file
    assert "ZZ001" in result.errors[0] and "boom.py" in result.errors[0] and "故意出错" in result.errors[0]
    # the other rules still ran: seed 001's short row is reported
    assert any(d.code == "PAR004" and d.line == 66 for d in result.diagnostics)


def test_plugin_that_fails_to_import_is_named(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import no_such_module_xyz\n", encoding="utf-8")
    plugins = load_plugins(["broken.py", "no.such.plugin"], tmp_path, installed=False)
    assert len(plugins.errors) == 2
    assert "broken.py" in plugins.errors[0] and "no.such.plugin" in plugins.errors[1]
    assert any(r.code == "AR001" for r in plugins.rules)  # built-ins unaffected


def test_bad_rule_metadata_is_rejected(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        "from govlint import hookimpl\nfrom govlint.rule import Rule\n"
        "class Bad(Rule):\n    code, name, summary = 'x1', 'Bad Name', ''\n"
        "@hookimpl\ndef govlint_rules():\n    return [Bad]\n",
        encoding="utf-8",
    )
    plugins = load_plugins(["bad.py"], tmp_path, installed=False)
    assert plugins.errors and "bad.py" in plugins.errors[0] and "x1" in plugins.errors[0]


def test_set_level_rules_see_every_report(tmp_path: Path) -> None:
    (tmp_path / "setlevel.py").write_text(SET_LEVEL, encoding="utf-8")
    plugins = load_plugins(["setlevel.py"], tmp_path, installed=False)
    seeds = sorted(str(p) for p in Path(SEED001).parent.glob("*.txt"))
    result = Engine(Config(), plugins).run(seeds)
    counted = [d for d in result.diagnostics if d.code == "ZZ002"]
    assert [d.message for d in counted] == [f"共 {len(seeds)} 份报告"]


def test_configuration_changes_the_results() -> None:
    plugins = load_plugins(installed=False)
    default = Engine(Config(), plugins).run([SEED001]).diagnostics
    # a short row in plain text is a reading problem: a warning, never an error of the report
    assert any(d.code == "PAR004" and d.severity.value == "warning" and d.reading for d in default)
    cfg = config_from_dict({"severity": {"row-short": "info"}, "ignore": ["PT"]})
    changed = Engine(cfg, plugins).run([SEED001]).diagnostics
    assert [d.severity.value for d in changed if d.code == "PAR004"] == ["info"]
    assert not [d for d in changed if d.code.startswith("PT")]
    assert [d for d in default if d.code.startswith("PT")]


def test_unreadable_file_is_an_error_and_the_others_are_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import govlint.engine as engine_module

    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    real = engine_module.read_bytes

    def fake(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "权限不足")
        return real(path)

    monkeypatch.setattr(engine_module, "read_bytes", fake)
    result = Engine(Config(), load_plugins(installed=False)).run([str(locked), SEED001])
    assert len(result.errors) == 1 and str(locked) in result.errors[0] and "权限不足" in result.errors[0]
    assert any(d.path == SEED001 and d.code == "PAR004" for d in result.diagnostics)
    assert result.files_checked == 1


def test_configured_severity_applies_to_every_diagnostic_of_the_rule() -> None:
    plugins = load_plugins(installed=False)
    default = Engine(Config(), plugins).run([SEED001]).diagnostics
    assert len({d.severity for d in default}) > 1
    graded = Engine(config_from_dict({"severity": {"ALL": "info"}}), plugins).run([SEED001]).diagnostics
    assert _codes(graded) == _codes(default) and {d.severity.value for d in graded} == {"info"}


def test_per_file_ignores_and_sorting(tmp_path: Path) -> None:
    plugins = load_plugins(installed=False)
    cfg = config_from_dict({"per-file-ignores": {"**/seeds/001_*.txt": ["PAR"]}}, tmp_path / "govlint.toml")
    result = Engine(cfg, plugins).run([str(seed("002")), SEED001])
    assert not [d for d in result.diagnostics if d.path == SEED001 and d.code.startswith("PAR")]
    assert [d for d in result.diagnostics if d.path == SEED001]
    assert result.diagnostics == sorted(result.diagnostics, key=lambda d: d.sort_key())


def test_a_rule_yielding_garbage_is_reported(tmp_path: Path) -> None:
    (tmp_path / "garbage.py").write_text(
        "from govlint import hookimpl\nfrom govlint.rule import Rule\n"
        "class G(Rule):\n    code, name, summary = 'ZZ003', 'garbage', '垃圾'\n"
        "    def check(self, report):\n        yield 'not a diagnostic'\n"
        "@hookimpl\ndef govlint_rules():\n    return [G]\n",
        encoding="utf-8",
    )
    result = Engine(Config(), load_plugins(["garbage.py"], tmp_path, installed=False)).run([SEED001])
    assert result.errors and "ZZ003" in result.errors[0] and "garbage.py" in result.errors[0]
    assert any(d.code == "PAR004" for d in result.diagnostics)


def test_duplicate_codes_are_rejected_naming_both_plugins(tmp_path: Path) -> None:
    (tmp_path / "dup.py").write_text(
        "from govlint import hookimpl\nfrom govlint.rule import Rule\n"
        "class D(Rule):\n    code, name, summary = 'PAR004', 'my-short-rows', '重复'\n"
        "@hookimpl\ndef govlint_rules():\n    return [D]\n",
        encoding="utf-8",
    )
    plugins = load_plugins(["dup.py"], tmp_path, installed=False)
    assert len(plugins.errors) == 1
    assert "dup.py" in plugins.errors[0] and "PAR004" in plugins.errors[0] and "govlint.checks.parse" in plugins.errors[0]
    assert plugins.origin["PAR004"] == "govlint.checks.parse"


def _codes(diagnostics: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(d.path, d.line, d.column, d.code) for d in diagnostics]


def test_directories_skip_hidden_folders_virtualenvs_and_excluded(tmp_path: Path) -> None:
    for rel in ["r/a.txt", "r/sub/b.md", "r/.git/c.txt", "r/venv/lib/d.txt", "r/drafts/e.txt", "r/f.pdf", "r/.g.txt"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "r" / "venv" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    cfg = config_from_dict({"exclude": ["drafts"]}, tmp_path / "govlint.toml")
    files, errors = Engine(cfg, load_plugins(installed=False)).discover([str(tmp_path / "r"), str(tmp_path / "r" / "f.pdf")])
    assert not errors
    assert [Path(f).relative_to(tmp_path).as_posix() for f in files] == ["r/a.txt", "r/f.pdf", "r/sub/b.md"]
