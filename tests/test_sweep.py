"""``govlint sweep``: the same diagnostics as ``govlint check`` (set-level rules included),
facts partitioned by year, resumable (unchanged files skipped, an interrupted run continues),
progress only on a terminal, Parquet with the extra, region totals over a sweep."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.cli_util import run
from tests.corpus import REAL, SEEDS, seed

from govlint.commands import sweep as sweep_mod
from govlint.commands.sweep import Settings, sweep


def _corpus(tmp: Path) -> Path:
    d = tmp / "in"
    shutil.copytree(SEEDS, d / "seeds")
    shutil.copytree(REAL, d / "real")
    return d


def _outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in (".jsonl", ".json")}


def _diagnostics(out: Path) -> list[dict]:
    rows = [json.loads(line) for p in sorted(out.glob("diagnostics/year=*/part-0.jsonl"))
            for line in p.read_text(encoding="utf-8").splitlines()]
    return sorted(rows, key=lambda d: (d["path"], d["line"], d["column"], d["code"], d["message"]))


def test_sweep_equals_check_and_partitions_by_year(tmp_path: Path) -> None:
    d = _corpus(tmp_path)
    out = tmp_path / "out"
    proc = run("sweep", str(d), "--out", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr  # no progress line when stderr is not a terminal
    check = json.loads(run("check", str(d), "--output-format", "json").stdout)
    assert _diagnostics(out) == sorted(check, key=lambda x: (x["path"], x["line"], x["column"], x["code"], x["message"]))
    assert any(x["code"].startswith("PAR") for x in check)
    years = sorted(p.name for p in (out / "facts").iterdir())
    # the seeds and 上海科委 are 2024, 平潭 2020–2022 (titles read by eye); the 淮安 fragment has no title
    assert years == ["year=2020", "year=2021", "year=2022", "year=2024", "year=unknown"]
    facts = [json.loads(line) for line in (out / "facts/year=2024/part-0.jsonl").read_text(encoding="utf-8").splitlines()]
    qu = next(f for f in facts if f["body"] == "渠县人民政府办公室")
    assert qu["tables"]["三"]["rows"]["R1"]["cells"]["tot"][:3] == [23, "23", "read"] and len(qu["sha256"]) == 64
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == summary["reports"] == 10 and summary["errors"] == 0


def test_resume_skips_what_is_done(tmp_path: Path) -> None:
    d = _corpus(tmp_path)
    out = tmp_path / "out"
    s = Settings(config=None)
    first = sweep([str(d)], out, s)
    assert (first.processed, first.unchanged) == (10, 0)
    before = _outputs(out)
    again = sweep([str(d)], out, s)
    assert (again.processed, again.unchanged) == (0, 10)
    assert _outputs(out) == before
    # 平潭 2022's 上年结转 printed 1000001; make it 2000002: only that file is read again, and the
    # cross-year rule (over the stored facts of 2021) now finds the break
    f = d / "real" / "pingtan_2022.txt"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002"), encoding="utf-8")
    third = sweep([str(d)], out, s)
    assert (third.processed, third.unchanged) == (1, 9)
    cy = [x for x in _diagnostics(out) if x["code"] == "CY001"]
    assert [Path(x["path"]).name for x in cy] == ["pingtan_2022.txt"] and "自然人 2≠1" in cy[0]["message"]
    # other settings: everything again
    other = sweep([str(d)], out, Settings(config=None, select=("AR",)))
    assert (other.processed, other.unchanged) == (10, 0)
    assert {x["code"] for x in _diagnostics(out)} <= {"AR001", "AR002", "AR003"}


def test_an_unchanged_file_is_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-run with nothing changed writes no row of ``files`` (10–30 KB of facts each: rewriting
    them made a re-run of 100,000 reports write gigabytes); the outputs stand as they were."""
    import re

    d = _corpus(tmp_path)
    out = tmp_path / "out"
    sweep([str(d)], out, Settings(config=None))
    before = _outputs(out)
    statements: list[str] = []

    class Traced(sweep_mod.Store):
        def __init__(self, path: Path) -> None:
            super().__init__(path)
            self.db.set_trace_callback(statements.append)

    monkeypatch.setattr(sweep_mod, "Store", Traced)
    again = sweep([str(d)], out, Settings(config=None))
    assert (again.processed, again.unchanged) == (0, 10)
    assert any(re.match(r"\s*INSERT OR REPLACE INTO current", q) for q in statements)
    assert not [q for q in statements if re.match(r"\s*(UPDATE|INSERT[A-Z ]*INTO|REPLACE INTO|DELETE FROM)\s+files\b", q)]
    assert _outputs(out) == before


def test_an_interrupted_sweep_continues(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = _corpus(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setattr(sweep_mod, "CHUNK", 3)
    real = sweep_mod.work_chunk
    calls = {"n": 0}

    def flaky(s, items):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(s, items)

    monkeypatch.setattr(sweep_mod, "work_chunk", flaky)
    with pytest.raises(KeyboardInterrupt):
        sweep([str(d)], out, Settings(config=None))
    monkeypatch.setattr(sweep_mod, "work_chunk", real)
    resumed = sweep([str(d)], out, Settings(config=None))
    assert (resumed.processed, resumed.unchanged) == (4, 6)  # two chunks of three were committed


def test_progress_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sweep([str(SEEDS)], tmp_path / "out", Settings(config=None), progress=True)
    err = capsys.readouterr().err
    assert "已处理 5/5 个文件" in err and "个/秒" in err and "预计剩余" in err


def test_parquet_partitions(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out"
    assert run("sweep", str(SEEDS), "--out", str(out), "--format", "parquet", "--jobs", "1").returncode == 0
    cells = pq.read_table(out / "facts/year=2024/cells.parquet").to_pylist()
    r1 = {(c["path"].rsplit("/", 1)[-1][:3], c["column_key"]): c["value"] for c in cells
          if c["table"] == "三" and c["row_key"] == "R1"}
    assert r1[("001", "np")] == 22 and r1[("001", "tot")] == 23  # read by eye
    diags = pq.read_table(out / "diagnostics/year=2024/diagnostics.parquet").to_pylist()
    assert len(diags) == len(_diagnostics(out))


def test_region_totals_in_a_sweep(tmp_path: Path) -> None:
    from tests.test_region import _setup, _truth_sum

    values = _truth_sum()
    values[("三", "R1", "np")] += 1
    d, h = _setup(tmp_path, values)
    out = tmp_path / "out"
    proc = run("sweep", str(d), "--out", str(out), "--select", "RG", "--hierarchy", str(h), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    rg = _diagnostics(out)
    assert [(Path(x["path"]).name, x["line"]) for x in rg] == [("parent.txt", 45)]


def test_bad_arguments(tmp_path: Path) -> None:
    proc = run("sweep", str(SEEDS), "--out", str(tmp_path / "o"), "--jobs", "0")
    assert proc.returncode == 2 and "--jobs" in proc.stderr
    proc = run("sweep", str(SEEDS), "--out", str(tmp_path / "o"), "--hierarchy", str(tmp_path / "none.csv"))
    assert proc.returncode == 2 and "无法读取层级文件" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("sweep", str(tmp_path / "missing"), "--out", str(tmp_path / "o2"))
    assert proc.returncode == 2 and "不存在" in proc.stderr


FAULTY = '''
from govlint import hookimpl
from govlint.diagnostic import Severity
from govlint.rule import Rule

class Faulty(Rule):
    code, name, summary, severity = "ZZ020", "faulty-set", "出错的集合规则", Severity.INFO
    def check_facts(self, group):
        if group[0].body == "平潭综合实验区":
            raise RuntimeError("坏了")
        yield self.diag(group[0], group[0].anchor, f"{group[0].body}: {len(group)}")

class Stray(Rule):
    code, name, summary, severity = "ZZ021", "stray-set", "指向组外文件的集合规则", Severity.INFO
    def check_facts(self, group):
        yield self.diag(group[0], group[0].anchor, "组内")
        if group[0].body == "渠县人民政府办公室":
            other = type(group[0])(path="/elsewhere.txt", body=None, year=None, profile="", template="report")
            yield self.diag(other, other.anchor, "组外")

@hookimpl
def govlint_rules():
    return [Faulty, Stray]
'''


def test_faulty_set_level_plugin_in_a_sweep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A set-level rule that raises on one group is reported naming the rule and the group; the
    other groups' findings stand; a finding outside the group is refused, the rest kept."""
    d = tmp_path / "in"
    d.mkdir()
    for y in (2020, 2021, 2022):
        shutil.copy(REAL / f"pingtan_{y}.txt", d)
    shutil.copy(seed("001"), d / "001.txt")
    (tmp_path / "faulty.py").write_text(FAULTY, encoding="utf-8")
    cfg = tmp_path / "govlint.toml"
    cfg.write_text('plugins = ["faulty.py"]\nselect = ["ZZ"]\n', encoding="utf-8")
    out = tmp_path / "out"
    # the folder and one of its files named again: each file is done once
    summary = sweep([str(d), str(d / "001.txt")], out, Settings(config=str(cfg)), jobs=2)
    assert (summary.files, summary.processed) == (4, 4)
    err = capsys.readouterr().err
    assert "ZZ020" in err and "坏了" in err and "平潭综合实验区" in err
    assert "ZZ021" in err and "/elsewhere.txt" in err
    found = {(x["code"], Path(x["path"]).name, x["message"]) for x in _diagnostics(out)}
    # 渠县 (seed 001, read by eye) is one body alone; 平潭 2020–2022 is the other group
    assert ("ZZ020", "001.txt", "渠县人民政府办公室: 1") in found
    assert ("ZZ021", "001.txt", "组内") in found and ("ZZ021", "pingtan_2020.txt", "组内") in found
    assert not any(m == "组外" for _, _, m in found)
    assert not any(c == "ZZ020" and n.startswith("pingtan") for c, n, _ in found)


def test_a_sweep_ends_its_watching_threads(tmp_path: Path) -> None:
    """The rules' watcher threads of a sweep end with it (they used to stay until the process ended)."""
    import threading

    def stages() -> set[threading.Thread]:
        return {t for t in threading.enumerate() if t.name == "govlint-stage" and t.is_alive()}

    before = stages()
    summary = sweep([str(seed("000")), str(seed("001"))], tmp_path / "out", Settings(config=None))
    assert summary.files == 2 and summary.errors == 0
    for t in stages() - before:
        t.join(5)
    assert not stages() - before
