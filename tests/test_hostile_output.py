"""Output faults (issue 11): strict JSON, --output-file safety, full disk, broken pipe, Ctrl-C,
control characters from a report, no absolute paths in SARIF."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from tests.cli_util import GOVLINT, run
from tests.corpus import CORPUS, seed

from govlint.diagnostic import Diagnostic, Severity
from govlint.model import Span
from govlint.output import render
from govlint.output import text as text_output
from govlint.strictjson import StrictJSONError, dumps

SEED001 = seed("001")
ENV = {**os.environ, "NO_COLOR": "1"}


def test_strict_json_refuses_what_json_cannot_hold() -> None:
    for bad in (float("inf"), float("nan"), float("1e400"), 2**53 + 1, Decimal("Infinity")):
        with pytest.raises(StrictJSONError):
            dumps({"v": [bad]})
    assert json.loads(dumps({"a": Decimal("10.00"), "b": Decimal("96171.6"), "c": 2**53, "d": Severity.ERROR})) == {
        "a": 10.0, "b": 96171.6, "c": 2**53, "d": "error",
    }


def test_output_file_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("重要内容\n", encoding="utf-8")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "results.sarif").symlink_to("../victim.txt")  # committed by someone else
    proc = run("check", "--output-format", "sarif", "--output-file", "results.sarif", str(SEED001),
               cwd=tmp_path / "repo")
    assert proc.returncode == 2 and "符号链接" in proc.stderr
    assert victim.read_text(encoding="utf-8") == "重要内容\n"
    assert (tmp_path / "repo" / "results.sarif").is_symlink()


def test_output_file_never_overwrites_a_checked_input(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_bytes(SEED001.read_bytes())
    proc = run("check", "--output-file", "r.txt", "r.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "正在检查的文件" in proc.stderr
    assert report.read_bytes() == SEED001.read_bytes()


def test_output_file_is_replaced_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("旧结果", encoding="utf-8")
    out.chmod(0o640)
    proc = run("check", "--no-cache", "--output-format", "json", "--output-file", "out.json", "--fail-on", "warning",
               str(SEED001), cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""  # PT001 on line 17 is a warning
    data = json.loads(out.read_text(encoding="utf-8"))
    assert any(d["code"] == "PAR004" and d["line"] == 66 for d in data)
    assert (out.stat().st_mode & 0o777) == 0o640  # the old file's mode is kept
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")]  # no temporary file left


def test_stdout_on_a_full_disk_is_an_error() -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(GOVLINT), "check", str(SEED001)], stdout=full, stderr=subprocess.PIPE,
                              env=ENV, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "无法写入标准输出：设备上没有空间" in err and "Traceback" not in err
    with open("/dev/full", "w") as full:
        proc = subprocess.run([str(GOVLINT), "rules"], stdout=full, stderr=subprocess.PIPE, env=ENV, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr.decode()


def test_a_broken_pipe_keeps_the_exit_code_of_the_findings() -> None:
    # more than a pipe buffer of JSON, read by `head -1`: govlint's writes fail with EPIPE
    script = f"{GOVLINT} check --output-format json {CORPUS} | head -1 >/dev/null; echo ${{PIPESTATUS[0]}} >&2"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, env=ENV, timeout=120)
    err = proc.stderr.decode()
    assert err.strip().splitlines()[-1] == "1", err  # the corpus has errors: 1, not a masking 0
    assert "Traceback" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("delay", [0.15, 0.25, 0.4, 0.8, 1.5])
def test_ctrl_c_at_any_time_exits_130_without_a_traceback(delay: float) -> None:
    """From the first line of govlint's code on (the interpreter's own start-up, before it reads
    govlint, is Python's: about 0.05 s here)."""
    # a terminal sends Ctrl-C to the whole process group: govlint and its --jobs workers
    proc = subprocess.Popen([str(GOVLINT), "check", str(CORPUS), str(CORPUS / "real")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, start_new_session=True)
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)  # no worker left holding the pipe
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if proc.returncode in (0, 1):  # finished before the signal: nothing to test at this delay
        return
    # 130; or killed by SIGINT itself (-2, which a shell reports as 130) when the signal comes while
    # Python is shutting down after the results were written
    assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, err)
    assert b"Traceback" not in err


def test_control_characters_from_a_report_are_escaped_in_every_human_format(tmp_path: Path) -> None:
    lines = SEED001.read_text(encoding="utf-8").split("\n")
    assert "（国务院令 711 号）" in lines[6]  # LAW006 fires here (read by eye)
    lines[6] = lines[6].replace("（国务院令", "\x1b[H\x1b[J（国务院令", 1)
    name = "r\x1b]0;pwned\x07.txt"  # a file name is report-controlled text too
    (tmp_path / name).write_text("\n".join(lines), encoding="utf-8")
    for fmt in ("text", "concise", "github"):
        proc = run("check", "--output-format", fmt, "--fail-on", "warning", name, cwd=tmp_path)
        out = proc.stdout
        assert "\x1b" not in out and "\x07" not in out, fmt
        assert "r\\x1b]0;pwned\\x07.txt" in out.replace("%3B", ";"), fmt  # github escapes ';'? no: kept
        assert proc.returncode == 1
    text = run("check", "--output-format", "text", name, cwd=tmp_path).stdout
    assert "\\x1b[H\\x1b[J（国务院令" in text  # the excerpt of line 7
    data = json.loads(run("check", "--output-format", "json", name, cwd=tmp_path).stdout)
    assert data and all(d["path"] == name for d in data)  # JSON keeps the text (escaped by JSON itself)


def test_text_excerpt_looks_only_at_a_window_of_a_long_line(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = text_output.expand
    monkeypatch.setattr(text_output, "expand", lambda s: (seen.append(len(s)), real(s))[1])
    line = "表" * 2_000_000
    ds = [Diagnostic.at("x.txt", Span(1, c, 1, c + 3), "PAR004", "row-short", Severity.ERROR, "m")
          for c in range(1, 2_000_000, 20_000)]
    out = render("text", ds, sources={"x.txt": line}, summary=False)
    assert len(seen) == len(ds) and max(seen) <= 1000
    first = out.split("\n")[2]
    assert first.startswith("1 | 表") and first.endswith("...")
    caret = out.split("\n")[3]
    assert caret.endswith(" ^^^^^^")  # 3 wide characters


def test_sarif_has_no_absolute_path_unless_asked(tmp_path: Path) -> None:
    report = tmp_path / "sub" / "r.txt"
    report.parent.mkdir()
    report.write_bytes(SEED001.read_bytes())
    log = run("check", "--output-format", "sarif", str(report), cwd=tmp_path).stdout
    assert str(tmp_path) not in log and "file:" not in log
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(log)["runs"][0]["results"]}
    assert uris == {"sub/r.txt"}
    opted = run("check", "--output-format", "sarif", "--sarif-absolute", str(report), cwd=tmp_path).stdout
    assert json.loads(opted)["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.as_uri() + "/"
