"""The example third-party plugin (examples/govlint-example-plugin): installed with pip, found
through the entry-point group ``govlint``, firing on a report, configurable like any rule."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_util import run
from tests.corpus import seed

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "govlint-example-plugin"


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    """pip-install the plugin into a folder of its own, put on PYTHONPATH only for these tests."""
    target = tmp_path_factory.mktemp("site")
    # offline and fast when the build backend is already here; otherwise pip fetches hatchling
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *isolation,
         "--target", str(target), str(EXAMPLE)],
        check=True, capture_output=True, timeout=300,
    )
    return str(target)


def _env(path: str) -> dict[str, str]:
    return {"PYTHONPATH": path + os.pathsep + os.environ.get("PYTHONPATH", "")}


@pytest.mark.slow
def test_listed_by_govlint_rules(plugin_path: str) -> None:
    rules = json.loads(run("rules", "--output-format", "json", env=_env(plugin_path)).stdout)
    exa = [r for r in rules if r["code"] == "EXA001"]
    assert exa and exa[0]["name"] == "proposal-disclosure" and exa[0]["plugin"].startswith("example")
    # not there without the plugin
    assert "EXA001" not in run("rules").stdout


@pytest.mark.slow
def test_fires_and_is_configurable(plugin_path: str, tmp_path: Path) -> None:
    report = str(seed("001"))  # part 六 says nothing about 建议/提案
    data = json.loads(run("check", "--output-format", "json", report, env=_env(plugin_path)).stdout)
    hits = [d for d in data if d["code"] == "EXA001"]
    assert len(hits) == 1 and hits[0]["line"] == 85 and hits[0]["severity"] == "warning"
    (tmp_path / "govlint.toml").write_text('[severity]\nEXA001 = "error"\n', encoding="utf-8")
    data = json.loads(run("check", "--output-format", "json", report, cwd=tmp_path, env=_env(plugin_path)).stdout)
    assert [d["severity"] for d in data if d["code"] == "EXA001"] == ["error"]
    (tmp_path / "govlint.toml").write_text('ignore = ["EXA"]\n', encoding="utf-8")
    data = json.loads(run("check", "--output-format", "json", report, cwd=tmp_path, env=_env(plugin_path)).stdout)
    assert not [d for d in data if d["code"] == "EXA001"]


README = Path(__file__).resolve().parent.parent / "README.md"


def _readme_block(section: str, lang: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {section}\n")
    body = text[start:text.index("\n## ", start + 1)]
    return body.split(f"```{lang}\n", 1)[1].split("\n```\n", 1)[0]


def test_the_readme_plugin_example_works_as_a_local_plugin(tmp_path: Path) -> None:
    """The plugin in README "Writing a plugin", copied as it is into ci/our_rules.py."""
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "our_rules.py").write_text(_readme_block("Writing a plugin", "python"), encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('plugins = ["ci/our_rules.py"]\n', encoding="utf-8")
    allow = {"GOVLINT_ALLOW_PLUGINS": "1"}  # consent to run the project's plugin (govlint.trust)
    listed = json.loads(run("rules", "--output-format", "json", cwd=tmp_path, env=allow).stdout)
    mine = [r for r in listed if r["plugin"] == "ci/our_rules.py"]
    assert len(mine) == 1
    p = run("check", "--output-format", "json", "--select", mine[0]["code"], str(seed("001")), cwd=tmp_path, env=allow)
    assert p.returncode == 0, p.stderr  # a warning: below the default fail-on
    assert [d["line"] for d in json.loads(p.stdout)] == [85]  # part 六 of seed 001 says nothing of 提案


def test_the_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    config = _readme_block("Configuration", "toml")
    config = "\n".join(ln for ln in config.splitlines() if not ln.startswith("plugins"))  # no such plugins here
    (tmp_path / "govlint.toml").write_text(config, encoding="utf-8")
    p = run("check", "--output-format", "json", str(seed("001")), cwd=tmp_path)
    assert p.returncode in (0, 1), p.stderr
    assert not [d for d in json.loads(p.stdout) if d["code"] == "LAW006"]  # ignored there
