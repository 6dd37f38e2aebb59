"""Region totals RG001: a parent report built from three real reports' tables as a person read
them (seed 000 and 001 in tests/test_parse_seeds.py; 淮安 2024 in tests/corpus/truth) — the
parent's every 表二/三/四 cell is their sum.  Consistent: silent.  One cell changed: exactly that
cell, naming the children.  A child missing: the missing office listed."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from tests.corpus import CORPUS, seed
from tests.test_export import HUAIAN, T2_COLS, huaian_truth, seed_truth
from tests.test_parse_seeds import T3_ROWS

from govlint.checks.region import HierarchyError, load_hierarchy
from govlint.config import config_from_dict
from govlint.engine import Engine
from govlint.plugins import load_plugins

CHILDREN = {"渠县经济和信息化局": seed("000"), "渠县人民政府办公室": seed("001"), "淮安市人民政府": HUAIAN}
T4_COLS = ["wc", "jz", "qt", "wj", "zj"]


def _sum(*truths: dict) -> dict:
    out: dict = {}
    for t in truths:
        for k, v in t.items():
            out[k] = out.get(k, 0) + (Decimal(str(v)) if v is not None else 0)
    return out


def _num(v: Decimal) -> str:
    return format(v.normalize(), "f") if v != v.to_integral_value() else str(int(v))


def parent_text(values: dict) -> str:
    """Seed 001's layout (tab-separated, read by eye: lines 27–38 表二, 45–73 表三, 80 表四) with
    the title's body renamed and every table number replaced by ``values``."""
    lines = seed("001").read_text(encoding="utf-8").split("\n")
    first = next(i for i, ln in enumerate(lines) if ln.strip())
    assert lines[first].strip() == "渠县人民政府办公室"
    lines[first] = lines[first].replace("渠县人民政府办公室", "测试汇总区")
    t2 = {"规 章": "reg", "行政规范性文件": "norm", "行政许可": "licence", "行政处罚": "penalty",
          "行政强制": "coercion", "行政事业性收费": "fee"}
    rows3 = iter(T3_ROWS)
    start = next(i for i, ln in enumerate(lines) if ln.startswith("一、本年新收"))
    for i, ln in enumerate(lines):
        label = ln.split("\t")[0]
        if label in t2 and i < start:
            key = t2[label]
            cells = [_num(values[("二", key, c)]) for c in T2_COLS[key]]
            lines[i] = "\t".join([label, *cells] + [""] * (3 - len(cells)))
        elif i >= start and re.search(r"\t\d+$", ln) and not ln.startswith("1\t0\t1"):
            key = next(rows3)
            head = re.sub(r"(\t\d+)+$", "", ln)
            lines[i] = head + "".join("\t" + _num(values[("三", key, c)])
                                      for c in ["np", "biz", "res", "npo", "law", "oth", "tot"])
        elif ln.startswith("1\t0\t1\t1\t3\t0"):
            lines[i] = "\t".join(_num(values[("四", r, c)]) for r in ("fy", "zs", "hs") for c in T4_COLS)
    assert next(rows3, None) is None  # every 表三 row rewritten
    return "\n".join(lines)


def _truth_sum() -> dict:
    # seed 001 （六）1 printed with six values: its total is unknown, the parent prints the others' sum
    return _sum(seed_truth("000"), seed_truth("001"), huaian_truth())


def _setup(tmp: Path, values: dict, children: dict[str, Path] = CHILDREN) -> tuple[Path, Path]:
    d = tmp / "reports"
    d.mkdir(exist_ok=True)
    for n, (_, src) in enumerate(children.items()):
        shutil.copy(src, d / f"child{n}.txt")
    (d / "parent.txt").write_text(parent_text(values), encoding="utf-8")
    h = tmp / "hierarchy.csv"
    h.write_text("# 机关,上级\n" + "".join(f"{c},测试汇总区\n" for c in CHILDREN), encoding="utf-8")
    return d, h


def _run(d: Path, h: Path) -> list:
    engine = Engine(config_from_dict({"select": ["RG"], "hierarchy": str(h)}), load_plugins(installed=False))
    result = engine.run([str(d)])
    assert result.errors == []
    return result.diagnostics


def test_sum_of_three_real_reports_passes(tmp_path: Path) -> None:
    d, h = _setup(tmp_path, _truth_sum())
    assert _run(d, h) == []


def test_one_changed_cell_is_named_with_the_children(tmp_path: Path) -> None:
    values = _truth_sum()
    # 表三 一、本年新收 自然人: 0 + 22 + 3001 = 3023; print 3024
    assert values[("三", "R1", "np")] == 3023
    values[("三", "R1", "np")] += 1
    d, h = _setup(tmp_path, values)
    diags = _run(d, h)
    assert len(diags) == 1
    msg = diags[0].message
    assert diags[0].code == "RG001" and diags[0].path.endswith("parent.txt") and diags[0].line == 45
    assert "「一、本年新收政府信息公开申请数量」「自然人」为 3024" in msg and "之和 3023" in msg
    assert "渠县经济和信息化局 0" in msg and "渠县人民政府办公室 22" in msg and "淮安市人民政府 3001" in msg
    assert len(diags[0].related) == 3


def test_money_cell_changed(tmp_path: Path) -> None:
    values = _truth_sum()
    values[("二", "fee", "amount")] = Decimal("96171.7")  # 0 + 0 + 96171.6
    diags = _run(*_setup(tmp_path, values))
    assert [("二" in d.message, "96171.7" in d.message, "96171.6" in d.message) for d in diags] == [(True, True, True)]


def test_missing_child_is_listed(tmp_path: Path) -> None:
    two = {k: v for k, v in CHILDREN.items() if k != "淮安市人民政府"}
    d, h = _setup(tmp_path, _truth_sum(), two)
    diags = _run(d, h)
    assert len(diags) == 1 and "缺少 1 个下级机关的报告（淮安市人民政府）" in diags[0].message


def test_no_hierarchy_no_region_check(tmp_path: Path) -> None:
    d, _ = _setup(tmp_path, _truth_sum())
    engine = Engine(config_from_dict({"select": ["RG"]}), load_plugins(installed=False))
    assert engine.run([str(d)]).diagnostics == []


def test_hierarchy_files(tmp_path: Path) -> None:
    t = tmp_path / "h.toml"
    t.write_text('[hierarchy]\n"甲局" = "某区"\n"乙 局" = "某区"\n', encoding="utf-8")
    assert load_hierarchy(t) == {"甲局": "某区", "乙局": "某区"}
    bad = tmp_path / "bad.csv"
    bad.write_text("甲局,某区\n乙局\n", encoding="utf-8")
    with pytest.raises(HierarchyError, match="第 2 行"):
        load_hierarchy(bad)
    two = tmp_path / "two.csv"
    two.write_text("甲局,某区\n甲局,某县\n", encoding="utf-8")
    with pytest.raises(HierarchyError, match="两个上级"):
        load_hierarchy(two)


def test_cli_hierarchy_option(tmp_path: Path) -> None:
    from tests.cli_util import run

    values = _truth_sum()
    values[("三", "R1", "np")] += 1
    d, h = _setup(tmp_path, values)
    proc = run("check", str(d), "--select", "RG", "--hierarchy", str(h), "--output-format", "concise")
    assert proc.returncode == 0 and "RG001" in proc.stdout  # a warning: below fail-on
    proc = run("check", str(d), "--select", "RG", "--hierarchy", str(tmp_path / "nope.csv"))
    assert proc.returncode == 2 and "无法读取层级文件" in proc.stderr and "Traceback" not in proc.stderr


_ = CORPUS
