"""Baseline: accepted findings are not reported; fingerprints survive edits elsewhere; stale
entries are reported; reasons are kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_util import run
from tests.corpus import read, seed

# seed 001 has three findings (read in the README's example): LAW006 line 7, PT001 line 17, PAR004 line 66


def _setup(tmp_path: Path) -> Path:
    (tmp_path / "r.txt").write_text(read(seed("001")), encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('baseline = "govlint-baseline.json"\n', encoding="utf-8")
    return tmp_path / "r.txt"


def _codes(tmp_path: Path) -> tuple[list[tuple[str, int]], str, int]:
    p = run("check", "--no-cache", "--output-format", "json", "r.txt", cwd=tmp_path)
    return [(d["code"], d["line"]) for d in json.loads(p.stdout)], p.stderr, p.returncode


def test_write_then_suppress_then_survive_edits_elsewhere(tmp_path: Path) -> None:
    report = _setup(tmp_path)
    w = run("check", "--no-cache", "--write-baseline", "r.txt", cwd=tmp_path)
    assert w.returncode == 0, w.stderr
    data = json.loads((tmp_path / "govlint-baseline.json").read_text(encoding="utf-8"))
    assert sorted((e["code"], e["line"], e["path"]) for e in data["entries"]) == [
        ("LAW006", 7, "r.txt"), ("PAR004", 66, "r.txt"), ("PT001", 15, "r.txt"), ("PT001", 17, "r.txt"),
        ("PT004", 15, "r.txt")]  # line 15: 办结 21 vs （七）总计 23, and 86.9% for 20/23 (issue 13)
    found, err, rc = _codes(tmp_path)
    assert found == [] and rc == 0 and "接受了 5 个问题" in err
    # two lines added above part 一: the findings below move down by two lines, none is new
    report.write_text(read(seed("001")).replace("一、总体情况", "\n\n一、总体情况", 1), encoding="utf-8")
    found, err, rc = _codes(tmp_path)
    assert found == [] and rc == 0
    # the LAW006 sentence corrected: that entry is stale, the rest still match
    report.write_text(read(seed("001")).replace("国务院令 711 号", "国务院令第711号"), encoding="utf-8")
    found, err, rc = _codes(tmp_path)
    assert found == [] and "1 条记录已不再出现" in err and "LAW006" in err
    # a new finding of the same rule elsewhere is reported
    text = read(seed("001")).replace("一、总体情况", "一、总体情况\n依据国务院令 711 号。", 1)
    report.write_text(text, encoding="utf-8")
    found, err, rc = _codes(tmp_path)
    assert found == [("LAW006", 10)]


def test_reasons_are_kept_when_the_baseline_is_rewritten(tmp_path: Path) -> None:
    _setup(tmp_path)
    run("check", "--no-cache", "--write-baseline", "r.txt", cwd=tmp_path)
    path = tmp_path / "govlint-baseline.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for e in data["entries"]:
        if e["code"] == "PT001" and e["line"] == 17:
            e["reason"] = "人工确认：正文 7 件含已宣布失效的 1 件，表格口径不同"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    run("check", "--no-cache", "--write-baseline", "r.txt", cwd=tmp_path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert [e["reason"] for e in again["entries"] if e["code"] == "PT001" and e["line"] == 17] == [
        "人工确认：正文 7 件含已宣布失效的 1 件，表格口径不同"]


def test_identical_findings_are_told_apart(tmp_path: Path) -> None:
    one = "依据国务院令 711 号。"
    (tmp_path / "r.txt").write_text(read(seed("001")).replace("一、总体情况", f"一、总体情况\n{one}\n{one}", 1),
                                    encoding="utf-8")
    run("check", "--no-cache", "--select", "LAW006", "--write-baseline", "b.json", "r.txt", cwd=tmp_path)
    entries = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 3 and len({e["fingerprint"] for e in entries}) == 3


def test_a_missing_or_broken_baseline_is_a_clear_error(tmp_path: Path) -> None:
    _setup(tmp_path)
    p = run("check", "r.txt", cwd=tmp_path)
    assert p.returncode == 2 and "找不到基线文件" in p.stderr and "Traceback" not in p.stderr
    (tmp_path / "govlint-baseline.json").write_text("{", encoding="utf-8")
    p = run("check", "r.txt", cwd=tmp_path)
    assert p.returncode == 2 and "不是合法的 JSON" in p.stderr
