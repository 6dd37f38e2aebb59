"""Cross-year rule CY001 on the real 平潭 series (2020, 2021, 2022) — consistent as published —
and on a copy with one carried-over count changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.corpus import REAL, read

from govlint.checks.crossyear import agency_of
from govlint.config import config_from_dict
from govlint.engine import Engine
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

ENGINE = Engine(config_from_dict({"select": ["CY"]}), load_plugins(installed=False))
SERIES = ["pingtan_2020.txt", "pingtan_2021.txt", "pingtan_2022.txt"]


def test_agency_from_title() -> None:
    assert agency_of(parse_text(read(REAL / "pingtan_2021.txt"), "p")) == "平潭综合实验区"


def test_published_series_is_continuous() -> None:
    # 2020 四 = 0 …, 2021 二 = 0 …; 2021 四 = 1 0 0 0 0 0 1, 2022 二 = 1 0 0 0 0 0 1 (read by hand)
    result = ENGINE.run([str(REAL / n) for n in SERIES])
    assert result.diagnostics == [] and result.errors == []


def test_a_broken_carry_over_is_found(tmp_path: Path) -> None:
    for n in SERIES[:2]:
        shutil.copy(REAL / n, tmp_path / n)
    text = read(REAL / "pingtan_2022.txt")
    # 2022's 二、上年结转 printed as 1000001 (1 / 0 … / 1): make it 2000002
    changed = text.replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002")
    assert changed != text
    (tmp_path / "pingtan_2022.txt").write_text(changed, encoding="utf-8")
    diags = ENGINE.run([str(tmp_path)]).diagnostics
    assert len(diags) == 1
    d = diags[0]
    assert d.code == "CY001" and d.path.endswith("pingtan_2022.txt")
    assert "自然人 2≠1" in d.message and "总计 2≠1" in d.message
    assert {r.path for r in d.related} == {str(tmp_path / "pingtan_2021.txt")}


def test_single_report_or_other_bodies_are_not_compared() -> None:
    result = ENGINE.run([str(REAL / "pingtan_2022.txt"), str(REAL / "shanghai_kewei_2024.md")])
    assert result.diagnostics == []


def test_repealed_more_than_there_was(tmp_path: Path) -> None:
    from tests.corpus import seed

    text = read(seed("001"))  # 2024: 行政规范性文件 3 6 17 (made, repealed, valid)
    last_year = text.replace("2024", "2023").replace("行政规范性文件\t3\t6\t17", "行政规范性文件\t1\t0\t2")
    (tmp_path / "2023.txt").write_text(last_year, encoding="utf-8")
    (tmp_path / "2024.txt").write_text(text, encoding="utf-8")
    engine = Engine(config_from_dict({"select": ["CY002"]}), load_plugins(installed=False))
    diags = engine.run([str(tmp_path)]).diagnostics
    # 2024 repealed 6 > 2023 valid 2 + 2024 made 3 = 5
    assert [(d.code, d.line, Path(d.path).name) for d in diags] == [("CY002", 28, "2024.txt")]
    assert "本年废止 6 件" in diags[0].message and "之和 5" in diags[0].message
    ok = last_year.replace("行政规范性文件\t1\t0\t2", "行政规范性文件\t1\t0\t3")  # 3 + 3 = 6: enough
    (tmp_path / "2023.txt").write_text(ok, encoding="utf-8")
    assert engine.run([str(tmp_path)]).diagnostics == []
