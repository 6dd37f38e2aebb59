"""Streamed output (govlint.output.stream over govlint.spool.Findings) is byte for byte the output
built whole, for every streamed format, with set-level findings, the baseline, crashes and no
findings at all; and the command line streams: what it holds does not grow with the files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.corpus import REAL, SEEDS, read

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import Context, render
from govlint.output import stream as formats
from govlint.output.stream import STREAMED
from govlint.plugins import load_plugins

PLUGINS = load_plugins(installed=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, the real 平潭 series with a broken carry-over (a CY001 finding in 2022), an empty
    file and one that is no report."""
    root = tmp_path_factory.mktemp("stream")
    for p in sorted(SEEDS.glob("*.txt"))[:4]:
        shutil.copy(p, root / p.name)
    series = root / "pingtan"
    series.mkdir()
    for n in ("pingtan_2020.txt", "pingtan_2021.txt"):
        shutil.copy(REAL / n, series / n)
    text = read(REAL / "pingtan_2022.txt")
    (series / "pingtan_2022.txt").write_text(
        text.replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002"), encoding="utf-8")
    (root / "a-empty.txt").write_text("", encoding="utf-8")
    (root / "zz-note.txt").write_text("会议纪要\n\n今天开会。\n", encoding="utf-8")
    return root


def _both(paths: list[str], fmt: str, **ctx_args: object) -> tuple[str, str]:
    whole_engine = Engine(Config(), PLUGINS, keep_sources=True)
    whole = whole_engine.run(paths)
    streaming = Engine(Config(), PLUGINS, keep_sources=True)
    streaming.stream = True
    part = streaming.run(paths)
    assert part.diagnostics == [] and part.findings is not None
    ctx = Context(rules=PLUGINS.by_code(), files_checked=part.files_checked, crashes=part.crashes,
                  checked=part.checked, **ctx_args)  # type: ignore[arg-type]
    streamed = "".join(getattr(formats, fmt)(part.findings, ctx))
    built = render(fmt, whole.diagnostics, rules=PLUGINS.by_code(), sources=whole.sources,
                   files_checked=whole.files_checked, crashes=whole.crashes, checked=whole.checked,
                   **ctx_args)  # type: ignore[arg-type]
    assert part.findings.count == len(whole.diagnostics) and part.findings.worst == whole.worst()
    return streamed, built


@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_equals_built_whole(folder: Path, fmt: str) -> None:
    streamed, built = _both([str(folder)], fmt, statistics=True)
    assert streamed == built
    if fmt == "json":
        found = json.loads(streamed)
        assert "CY001" in [d["code"] for d in found if d["path"].endswith("pingtan_2022.txt")]


@pytest.mark.parametrize("fmt", STREAMED)
def test_streamed_equals_built_whole_without_findings(folder: Path, fmt: str) -> None:
    streamed, built = _both([str(folder / "a-empty.txt")], fmt, summary=False)
    assert streamed == built


def test_the_command_line_output_is_unchanged_and_baseline_applies(folder: Path, tmp_path: Path) -> None:
    """Streamed (json) and built whole (--write-baseline needs the list): the same findings; a
    baseline of them leaves nothing, the stale count stays 0."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "govlint", "check", "--no-cache", *args], cwd=tmp_path,
                              capture_output=True, text=True, encoding="utf-8")

    streamed = run("--output-format", "json", str(folder))
    assert streamed.returncode == 1
    found = json.loads(streamed.stdout)
    assert any(d["code"] == "CY001" for d in found)
    base = tmp_path / "b.json"
    assert run("--write-baseline", str(base), str(folder)).returncode == 0
    after = run("--baseline", str(base), "--output-format", "json", str(folder))
    assert json.loads(after.stdout) == [] and after.returncode == 0
    assert f"接受了 {len(found)} 个问题" in after.stderr and "不再出现" not in after.stderr
    out = tmp_path / "out.json"
    assert run("--output-format", "json", "-o", str(out), str(folder)).returncode == 1
    assert out.read_text(encoding="utf-8") == streamed.stdout


def test_a_closed_pipe_still_gives_the_exit_code(folder: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "govlint", "check", "--no-cache", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    assert proc.wait(timeout=120) == 1
