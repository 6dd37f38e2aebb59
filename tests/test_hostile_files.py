"""File-system faults (issue 11): FIFOs, symlink loops, unreadable folders and files, .gitignore,
stdin named twice or closed.  Each fault with its documented exit code and message."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.cli_util import GOVLINT, run
from tests.corpus import seed

from govlint.config import Config, config_from_dict
from govlint.discover import SkipKind, discover

SEED001 = seed("001")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Path]:
    """tmp_path, with every folder made removable again afterwards."""
    yield tmp_path
    for folder, dirs, _ in os.walk(tmp_path):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)


def run_unprivileged(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """govlint with file permissions in force: as root, without the capabilities that bypass them
    (root reads a chmod-000 file otherwise)."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        caps = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"]
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([*prefix, str(GOVLINT), *args], cwd=cwd, capture_output=True, env=env, timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def _report(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SEED001, path)
    path.chmod(0o644)
    return path


def test_a_fifo_in_a_folder_is_skipped_without_opening_it(tmp_path: Path) -> None:
    _report(tmp_path / "r" / "a.txt")
    os.mkfifo(tmp_path / "r" / "pipe.txt")
    proc = run("check", "--output-format", "json", "r", cwd=tmp_path)  # would hang if the FIFO were opened
    data = json.loads(proc.stdout)
    skipped = [d for d in data if d["code"] == "RUN004"]
    assert len(skipped) == 1 and skipped[0]["path"].endswith("pipe.txt") and "命名管道" in skipped[0]["message"]
    assert any(d["code"] == "PAR004" and d["line"] == 66 for d in data)
    assert proc.returncode == 0  # seed 001's short row (PAR004) is a reading problem, the skip a warning


def test_a_fifo_named_explicitly_is_an_error_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    proc = run("check", "pipe.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "pipe.txt" in proc.stderr and "不是普通文件" in proc.stderr


def test_a_device_named_explicitly_is_an_error() -> None:
    proc = run("check", "/dev/zero")  # would never end if read
    assert proc.returncode == 2 and "字符设备" in proc.stderr


def test_symlink_loops_are_reported_and_skipped(tmp_path: Path) -> None:
    _report(tmp_path / "r" / "a.txt")
    (tmp_path / "r" / "self.txt").symlink_to("self.txt")  # ELOOP
    (tmp_path / "r" / "sub").mkdir()
    (tmp_path / "r" / "sub" / "back").symlink_to("..")  # folder loop
    proc = run("check", "--output-format", "json", "r", cwd=tmp_path)
    data = json.loads(proc.stdout)
    loops = sorted(d["path"] for d in data if d["code"] == "RUN004")
    assert loops == ["r/self.txt", "r/sub/back"], data
    assert [d for d in data if d["code"] == "PAR004" and d["path"] == "r/a.txt"]
    assert proc.returncode == 0 and "内部错误" not in proc.stderr  # warnings only (PAR004 is a reading problem)


def test_a_symlinked_folder_is_followed_once(tmp_path: Path) -> None:
    _report(tmp_path / "elsewhere" / "b.txt")
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "link").symlink_to(tmp_path / "elsewhere")
    found = discover([str(tmp_path / "r")], Config())
    assert found.files == [str(tmp_path / "r" / "link" / "b.txt")] and not found.skipped


def test_an_unreadable_subfolder_is_reported_and_the_rest_checked(world: Path) -> None:
    _report(world / "r" / "a.txt")
    _report(world / "r" / "locked" / "b.txt")
    (world / "r").chmod(0o755)
    (world / "r" / "locked").chmod(0)
    proc = run_unprivileged("check", "--output-format", "json", "r", cwd=world)
    data = json.loads(proc.stdout)
    unreadable = [d for d in data if d["code"] == "RUN003"]
    assert len(unreadable) == 1 and unreadable[0]["path"] == "r/locked" and "没有读取权限" in unreadable[0]["message"]
    assert [d for d in data if d["code"] == "PAR004" and d["path"] == "r/a.txt"]
    assert proc.returncode == 1 and "内部错误" not in proc.stderr


def test_an_unreadable_file_named_explicitly_exits_2_even_when_par014_is_ignored(world: Path) -> None:
    locked = _report(world / "locked.txt")
    locked.chmod(0)
    _report(world / "ok.txt")
    for extra in ([], ["--ignore", "PAR014"]):
        proc = run_unprivileged("check", *extra, "locked.txt", "ok.txt", cwd=world)
        assert proc.returncode == 2, (extra, proc.stderr)
        assert "无法读取 locked.txt：没有读取权限" in proc.stderr
        assert "ok.txt:66:11: PAR004" in proc.stdout  # the other file is still checked


def test_an_unreadable_file_in_a_folder_is_reported(world: Path) -> None:
    _report(world / "r" / "locked.txt").chmod(0)
    proc = run_unprivileged("check", "--output-format", "concise", "r", cwd=world)
    assert "r/locked.txt:1:1: RUN003 [error]" in proc.stdout and proc.returncode == 1


def test_gitignore_is_respected_in_folder_walks(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\nnode_modules\n*.draft.txt\n/top-only.txt\n", encoding="utf-8")
    for rel in ["reports/a.txt", "reports/build/b.txt", "node_modules/x/c.txt", "reports/d.draft.txt",
                "top-only.txt", "reports/top-only.txt", "reports/keep/e.md", "reports/keep/f.txt",
                ".venv/g.txt", "reports/.hidden/h.txt"]:
        _report(tmp_path / rel)
    (tmp_path / "reports" / "keep" / ".gitignore").write_text("*.txt\n!f.txt\n", encoding="utf-8")
    whole = discover([str(tmp_path)], Config())
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in whole.files) == [
        "reports/a.txt", "reports/keep/e.md", "reports/keep/f.txt", "reports/top-only.txt",
    ]
    # walking a subfolder still applies the repository's .gitignore above it
    sub = discover([str(tmp_path / "reports")], Config())
    assert sorted(Path(f).relative_to(tmp_path).as_posix() for f in sub.files) == [
        "reports/a.txt", "reports/keep/e.md", "reports/keep/f.txt", "reports/top-only.txt",
    ]
    # explicit files are read even when ignored; respect-gitignore = false turns it off
    assert discover([str(tmp_path / "reports" / "d.draft.txt")], Config()).files
    off = discover([str(tmp_path / "reports")], config_from_dict({"respect-gitignore": False}),
                   gitignore=False)
    assert len(off.files) == 6


def test_dash_twice_reads_stdin_once(tmp_path: Path) -> None:
    proc = run("check", "--output-format", "json", "-", "-", cwd=tmp_path, stdin=SEED001.read_bytes())
    data = json.loads(proc.stdout)
    assert [d["line"] for d in data if d["code"] == "PAR004"] == [66]
    assert run("check", "-", "-", stdin=SEED001.read_bytes()).stdout.endswith("共检查 1 个文件。\n")


def test_closed_stdin_is_an_error_with_a_message() -> None:
    proc = subprocess.run(
        ["bash", "-c", f"exec {GOVLINT} check - <&-"], capture_output=True, timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "标准输入已关闭" in err and "Traceback" not in err


def test_skip_kinds_in_the_api(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.md")
    found = discover([str(tmp_path)], Config())
    assert [(Path(s.path).name, s.kind) for s in found.skipped] == [("p.md", SkipKind.NOT_A_FILE)]
    assert sys.platform != "win32"
