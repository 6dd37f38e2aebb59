"""Smaller command-line items: python -m govlint, docgen --help, selectors, missing paths,
Chinese help, per-file configuration, --show-settings, --stdin-filename, the Python API."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli_util import run
from tests.corpus import read, seed

import govlint

SEED001 = str(seed("001"))


def test_python_dash_m_govlint() -> None:
    p = subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", "--select", "PAR004", "--fail-on",
                        "warning", "--output-format", "json", SEED001], capture_output=True, text=True, encoding="utf-8")
    assert p.returncode == 1 and [d["line"] for d in json.loads(p.stdout)] == [66]


def test_docgen_help_prints_help_and_writes_nothing(tmp_path: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "govlint.docgen", "--help"], cwd=tmp_path, capture_output=True,
                       text=True, encoding="utf-8")
    assert p.returncode == 0 and "用法：" in p.stdout
    assert list(tmp_path.iterdir()) == []


def test_docs_rules_md_is_current() -> None:
    p = subprocess.run([sys.executable, "-m", "govlint.docgen", "--check"], capture_output=True, text=True,
                       encoding="utf-8")
    assert p.returncode == 0, p.stdout


def test_unknown_selector_on_the_command_line_is_not_blamed_on_the_config(tmp_path: Path) -> None:
    (tmp_path / "govlint.toml").write_text('ignore = ["LAW006"]\n', encoding="utf-8")
    p = run("check", "--select", "HN001", SEED001, cwd=tmp_path)
    assert p.returncode == 2
    assert "命令行 --select 中的 'HN001'" in p.stderr and "govlint.toml" not in p.stderr


def test_selectors_are_case_insensitive() -> None:
    p = run("check", "--no-cache", "--select", "law006,row-SHORT", "--output-format", "json", SEED001)
    assert sorted((d["code"], d["line"]) for d in json.loads(p.stdout)) == [("LAW006", 7), ("PAR004", 66)]
    assert run("rule", "law006").returncode == 0


def test_a_missing_file_is_a_clear_error() -> None:
    p = run("check", "nonexist.txt")
    assert p.returncode == 2
    assert "nonexist.txt" in p.stderr and "不存在" in p.stderr
    assert "未发现问题" not in p.stdout and "共检查 0 个文件" not in p.stdout


def test_help_is_chinese() -> None:
    for args in (["--help"], ["check", "--help"], ["rules", "--help"], ["parse", "--help"]):
        out = run(*args).stdout
        assert "用法：" in out and "显示帮助并退出" in out and "选项" in out
        assert "usage:" not in out and "show this help" not in out and "options:" not in out
    bad = run("check", "--jobs")
    assert bad.returncode == 2 and "需要一个值" in bad.stderr


def test_configuration_nearest_to_each_file(tmp_path: Path) -> None:
    (tmp_path / "sub" / "reports").mkdir(parents=True)
    shutil.copy(SEED001, tmp_path / "top.txt")
    shutil.copy(SEED001, tmp_path / "sub" / "reports" / "r.txt")
    (tmp_path / "govlint.toml").write_text('select = ["PAR004", "LAW006"]\n', encoding="utf-8")
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.govlint]\nignore = ["PAR004"]\n', encoding="utf-8")
    p = run("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path)
    found = sorted((Path(d["path"]).name, d["code"]) for d in json.loads(p.stdout))
    # sub/pyproject.toml applies under sub/ (all rules but PAR004); the top file uses govlint.toml
    assert ("r.txt", "PAR004") not in found and ("r.txt", "LAW006") in found and ("r.txt", "PT001") in found
    assert [c for n, c in found if n == "top.txt"] == ["LAW006", "PAR004"]
    # command-line selections apply to both
    p = run("check", "--no-cache", "--output-format", "json", "--select", "LAW006", "sub/reports", cwd=tmp_path)
    assert [(Path(d["path"]).name, d["code"]) for d in json.loads(p.stdout)] == [("r.txt", "LAW006")]
    # a broken nested configuration stops the run with its name
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.govlint]\nselekt = ["AR"]\n', encoding="utf-8")
    p = run("check", ".", cwd=tmp_path)
    assert p.returncode == 2 and "selekt" in p.stderr and "pyproject.toml" in p.stderr


def test_show_settings(tmp_path: Path) -> None:
    (tmp_path / "govlint.toml").write_text('select = ["AR", "PAR004"]\n[severity]\nPAR004 = "warning"\n',
                                           encoding="utf-8")
    p = run("check", "--show-settings", "r.txt", cwd=tmp_path)
    assert p.returncode == 0
    assert f"# 配置文件：{tmp_path / 'govlint.toml'}" in p.stdout
    assert 'select = ["AR", "PAR004"]' in p.stdout and "#   PAR004 warning" in p.stdout
    assert "FEE001" not in p.stdout


def test_stdin_filename(tmp_path: Path) -> None:
    (tmp_path / "govlint.toml").write_text('[per-file-ignores]\n"archive/**" = ["PAR004"]\n', encoding="utf-8")
    data = Path(SEED001).read_bytes()
    p = run("check", "--no-cache", "--output-format", "json", "--stdin-filename", "reports/r.txt", cwd=tmp_path,
            stdin=data)
    found = json.loads(p.stdout)
    assert {d["path"] for d in found} == {"reports/r.txt"} and any(d["code"] == "PAR004" for d in found)
    p = run("check", "--no-cache", "--output-format", "json", "--stdin-filename", "archive/r.txt", cwd=tmp_path,
            stdin=data)
    assert not any(d["code"] == "PAR004" for d in json.loads(p.stdout))


def test_python_api(tmp_path: Path) -> None:
    report = govlint.parse_file(SEED001)
    assert report.year == 2024
    assert report.tables["三"].row("R1").values == [22, 0, 0, 0, 0, 1, 23]  # read by eye, line 45
    shutil.copy(SEED001, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_text(read(seed("001")).replace("国务院令 711 号", "国务院令第711号"), encoding="utf-8")
    result = govlint.check_files([tmp_path], config={"select": ["LAW006", "PAR004"]})
    assert [Path(f.path).name for f in result.files] == ["a.txt", "b.txt"]
    a, b = result.files
    assert a.report is not None and a.report.year == 2024
    assert [(d.code, d.line) for d in a.diagnostics] == [("LAW006", 7), ("PAR004", 66)]
    assert [(d.code, d.line) for d in b.diagnostics] == [("PAR004", 66)]
    assert result.errors == []
    only = govlint.check_files([tmp_path / "a.txt"], config={}, select=["law006"])
    assert [d.code for d in only.diagnostics] == ["LAW006"]


def test_a_nested_configuration_runs_local_plugins_only_with_consent(tmp_path: Path) -> None:
    from tests.test_engine import CRASHING

    (tmp_path / "sub").mkdir()
    shutil.copy(SEED001, tmp_path / "sub" / "r.txt")
    (tmp_path / "sub" / "boom.py").write_text(CRASHING, encoding="utf-8")
    (tmp_path / "sub" / "govlint.toml").write_text('plugins = ["boom.py"]\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project root: sub/ is inside it
    p = run("check", "--no-cache", "--output-format", "json", "sub", cwd=tmp_path)
    assert "未加载配置文件" in p.stderr and "boom.py" in p.stderr
    assert not any("ZZ001" in d["message"] for d in json.loads(p.stdout))
    p = run("check", "--no-cache", "--allow-plugins", "--output-format", "json", "sub", cwd=tmp_path)
    assert any(d["code"] == "RUN001" and "ZZ001" in d["message"] for d in json.loads(p.stdout))
