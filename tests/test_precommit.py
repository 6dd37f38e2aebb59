"""The real ``pre-commit`` running govlint's hook from this repository in a temporary git repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.corpus import REAL, read, seed

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env=env).stdout


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This repository's working tree as committed hook source (pre-commit needs a commit)."""
    src = tmp_path_factory.mktemp("hooksrc")
    ignore = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", ".mypy_cache",
                                    ".ruff_cache", ".hypothesis", "dist", "build", ".govlint_cache")
    shutil.copytree(ROOT, src, dirs_exist_ok=True, ignore=ignore)
    git("init", "-q", cwd=src)
    git("add", "-A", cwd=src)
    git("commit", "-q", "-m", "hook source", cwd=src)
    return src, git("rev-parse", "HEAD", cwd=src).strip()


def _repo(tmp_path: Path, hook: tuple[Path, str], report_text: str) -> Path:
    repo = tmp_path / "reports"
    repo.mkdir(parents=True)
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook[0]}\n  rev: {hook[1]}\n  hooks:\n  - id: govlint\n", encoding="utf-8"
    )
    (repo / "report.txt").write_text(report_text, encoding="utf-8")
    git("add", "-A", cwd=repo)
    return repo


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run([str(PRE_COMMIT), "run", "--all-files"], cwd=repo, capture_output=True, text=True,
                          env=env, timeout=600)


@pytest.mark.slow
def test_fails_on_arithmetic_error_and_passes_when_clean(tmp_path: Path, hook_source: tuple[Path, str]) -> None:
    home = tmp_path / "pre-commit-home"
    clean = (ROOT / "tests" / "data" / "clean" / seed("001").name).read_text(encoding="utf-8")
    # break 表三's arithmetic: 一、本年新收 总计 23 → 24 (the row no longer sums, nor does 勾稽关系)
    broken = clean.replace("一、本年新收政府信息公开申请数量\t\t22\t0\t0\t0\t0\t1\t23",
                           "一、本年新收政府信息公开申请数量\t\t22\t0\t0\t0\t0\t1\t24")
    assert broken != clean
    bad = _pre_commit(_repo(tmp_path / "bad", hook_source, broken), home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "report.txt" in bad.stdout and "AR001" in bad.stdout
    good = _pre_commit(_repo(tmp_path / "good", hook_source, clean), home)
    assert good.returncode == 0, good.stdout + good.stderr


@pytest.mark.slow
def test_a_large_commit_with_a_cross_year_error_fails(tmp_path: Path, hook_source: tuple[Path, str]) -> None:
    """≥ 20 files: without ``require_serial`` pre-commit would split them over parallel runs and
    the cross-year rule (CY001) would not see 2021 and 2022 together."""
    home = tmp_path / "pre-commit-home"
    repo = _repo(tmp_path / "big", hook_source, (ROOT / "tests" / "data" / "clean" / seed("000").name).read_text(
        encoding="utf-8"))
    clean = sorted((ROOT / "tests" / "data" / "clean").glob("*.txt"))
    for i in range(4):
        (repo / f"batch{i}").mkdir()
        for p in clean:
            shutil.copy(p, repo / f"batch{i}" / p.name)
    shutil.copy(REAL / "pingtan_2021.txt", repo / "pingtan_2021.txt")  # no error of its own (2020 has AR001)
    # 2022's 二、上年结转 printed as 1000001 (= 2021's 结转下年度继续办理): make it 2000002
    text = read(REAL / "pingtan_2022.txt")
    broken = text.replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002")
    assert broken != text
    (repo / "pingtan_2022.txt").write_text(broken, encoding="utf-8")
    git("add", "-A", cwd=repo)
    assert len(git("diff", "--cached", "--name-only", cwd=repo).split()) >= 23
    bad = _pre_commit(repo, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "CY001" in bad.stdout and "pingtan_2022.txt" in bad.stdout
    (repo / "pingtan_2022.txt").write_text(text, encoding="utf-8")
    git("add", "-A", cwd=repo)
    good = _pre_commit(repo, home)
    assert good.returncode == 0, good.stdout + good.stderr
