"""Trust model (issue 11): a cloned repository's plugin does not run without consent; consent by
flag, environment or trust list; parent folders above the repository; --isolated."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_util import run
from tests.corpus import seed

SEED001 = str(seed("001"))

# the plugin leaves a mark when it is imported: running it at all is what must not happen
PLUGIN = '''
from pathlib import Path
Path(__file__).with_name("RAN").write_text("imported", encoding="utf-8")
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Severity

class Mine(Rule):
    code, name, summary, severity = "EVL001", "evil-rule", "仓库自带的规则", Severity.WARNING
    def check(self, report):
        yield self.diag(report, report.parts[0].span, "插件运行了")

@hookimpl
def govlint_rules():
    return [Mine]
'''


def _clone(root: Path) -> Path:
    """A repository as someone else committed it: .git, govlint.toml naming its own plugin."""
    (root / ".git").mkdir(parents=True)
    (root / "ci").mkdir()
    (root / "ci" / "rules.py").write_text(PLUGIN, encoding="utf-8")
    (root / "govlint.toml").write_text('plugins = ["ci/rules.py"]\n', encoding="utf-8")
    return root


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "userconfig"), "GOVLINT_ALLOW_PLUGINS": "", **extra}


def test_a_cloned_repositorys_plugin_does_not_run_without_consent(tmp_path: Path) -> None:
    repo = _clone(tmp_path / "repo")
    for args in (["check", "--output-format", "json", SEED001], ["rules"], ["rule", "EVL001"]):
        p = run(*args, cwd=repo, env=_env(tmp_path))
        assert not (repo / "ci" / "RAN").exists(), args
        assert p.returncode == 2, args
    p = run("check", "--output-format", "json", SEED001, cwd=repo, env=_env(tmp_path))
    assert "未加载配置文件 govlint.toml 中的本地插件 ci/rules.py" in p.stderr
    assert "--allow-plugins" in p.stderr and "govlint trust" in p.stderr and "GOVLINT_ALLOW_PLUGINS=1" in p.stderr
    data = json.loads(p.stdout)  # the built-in rules still ran
    assert any(d["code"] == "PAR004" and d["line"] == 66 for d in data) and not any(d["code"] == "EVL001" for d in data)


def test_consent_by_flag_or_environment(tmp_path: Path) -> None:
    repo = _clone(tmp_path / "repo")
    for args, env in ((["--allow-plugins"], {}), ([], {"GOVLINT_ALLOW_PLUGINS": "1"})):
        p = run("check", *args, "--fail-on", "warning", "--output-format", "json", SEED001, cwd=repo,
                env=_env(tmp_path, **env))
        assert [d["code"] for d in json.loads(p.stdout) if d["code"] == "EVL001"] == ["EVL001"], p.stderr
        assert p.returncode == 1 and "未加载" not in p.stderr
        assert (repo / "ci" / "RAN").exists()
        (repo / "ci" / "RAN").unlink()


def test_trust_list_and_a_changed_config_needs_consent_again(tmp_path: Path) -> None:
    repo = _clone(tmp_path / "repo")
    env = _env(tmp_path)
    t = run("trust", cwd=repo, env=env)
    assert t.returncode == 0 and "已信任" in t.stdout
    assert (tmp_path / "userconfig" / "govlint" / "trusted.toml").is_file()
    p = run("check", "--fail-on", "warning", "--output-format", "json", SEED001, cwd=repo, env=env)
    assert p.returncode == 1 and any(d["code"] == "EVL001" for d in json.loads(p.stdout))
    (repo / "ci" / "RAN").unlink()
    (repo / "govlint.toml").write_text('plugins = ["ci/rules.py"]\nignore = ["LAW006"]\n', encoding="utf-8")
    p = run("check", SEED001, cwd=repo, env=env)
    assert p.returncode == 2 and "信任后已被修改" in p.stderr and not (repo / "ci" / "RAN").exists()


def test_a_config_above_the_repository_root_runs_no_plugin(tmp_path: Path) -> None:
    _clone(tmp_path)  # govlint.toml + plugin in the parent folder …
    (tmp_path / ".git").rmdir()
    inner = tmp_path / "inner"
    (inner / ".git").mkdir(parents=True)  # … of the repository being checked
    p = run("check", "--allow-plugins", SEED001, cwd=inner, env=_env(tmp_path))
    assert not (tmp_path / "ci" / "RAN").exists()
    assert p.returncode == 2 and "之外的上级目录" in p.stderr


def test_isolated_ignores_every_config_file(tmp_path: Path) -> None:
    repo = _clone(tmp_path / "repo")
    (repo / "govlint.toml").write_text('plugins = ["ci/rules.py"]\nignore = ["PAR"]\n', encoding="utf-8")
    p = run("check", "--isolated", "--allow-plugins", "--output-format", "json", SEED001, cwd=repo, env=_env(tmp_path))
    assert p.returncode == 0, p.stderr  # no plugin error: no config was read
    data = json.loads(p.stdout)
    assert any(d["code"] == "PAR004" for d in data)  # the config's ignore does not apply
    assert not (repo / "ci" / "RAN").exists()
    p = run("check", "--isolated", "--config", "govlint.toml", SEED001, cwd=repo, env=_env(tmp_path))
    assert p.returncode == 2 and "--isolated" in p.stderr


def test_installed_entry_point_plugins_stay_allowed(tmp_path: Path) -> None:
    """Entry points are not local plugins: the trust check looks at ``plugins`` only."""
    from govlint import trust

    assert trust.check(tmp_path / "govlint.toml", [], False, explicit=False).allowed
