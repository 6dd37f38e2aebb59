"""The parse diagnostics (PAR) of the default run on every file of tests/corpus, pinned and
reviewed by hand (the content rules are pinned in test_rules_corpus.py).  Each entry says why it
is a true finding.  Also: the hand-cleaned seed copies get no error from any rule at all."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.corpus import REAL, SEEDS

from govlint.config import Config
from govlint.engine import Engine
from govlint.plugins import load_plugins

ENGINE = Engine(Config(), load_plugins(installed=False))
CLEAN = Path(__file__).resolve().parent / "data" / "clean"

# file → [(code, line, why)]; PAR010 (digits recovered, info) is pinned by count below
PINNED: dict[str, list[tuple[str, int, str]]] = {
    "000_d9108970ff03afe8.txt": [],
    "001_ac2fcbb5d53986e2.txt": [("PAR004", 66, "（六）1 printed with six 0s for seven columns")],
    "002_7ea9aa5f62917482.txt": [
        ("PAR006", 54, "OCR noise 'MAKK' in the label column"),
        ("PAR006", 63, "'(七)总 ों ो': garbled 总计, taken as （七）总计 by position and said so"),
        ("PAR004", 64, "四、结转下年度继续办理 printed with six values"),
        ("PAR006", 70, "'4持' in the garbled 表四 header: a stray 4 that is not data"),
    ],
    "003_fa9e582a0590cf1f.txt": [],
    "004_e71065047dcdf68b.txt": [],
    # a page cut out of a report: one note that it is a fragment, nothing else (issue 13)
    "huaian_2024_fragment.txt": [("PAR018", 1, "no title, only part 三 and the end of 表二: a fragment")],
    # one note per table for its ambiguous rows (the rows are its related locations): 规范性文件 7777166,
    # 行政许可 396442278, 其他对外管理服务事项 107105, 行政处罚 2648-18538, 行政强制 1262629,
    # 政府集中采购 39573802895.90 — the 2019 表二 has no totals to choose a split
    "pingtan_2020.txt": [("PAR011", 10, "表二: six fused rows that the table cannot split")],
    "pingtan_2021.txt": [("PAR011", 10, "表二 行政规范性文件 693665: 69/3/665, 6/93/665 … all possible")],
    "pingtan_2022.txt": [],  # 表二 行政规范性文件 8855698 is settled by the prose (88 made, 698 valid)
    "shanghai_kewei_2024.md": [
        ("PAR015", 105, "value line without label placed as （二）部分公开 (its label floats at line 108)"),
        ("PAR015", 116, "value line placed as 2.其他法律行政法规禁止公开 (label at 112)"),
        ("PAR015", 128, "value line placed as 5.属于三类内部事务信息 (label at 124)"),
        ("PAR015", 134, "three value lines placed as （四）1–3 (labels at 126, 137, 139)"),
        ("PAR015", 159, "four value lines placed as （五）4–5, （六）1–2 (labels at 151–171)"),
        ("PAR006", 172, "a lone '1' between the label of （六）2 and its values: not data"),
        ("PAR009", 178, "四、结转下年度继续办理 has an empty 总计 cell"),
        ("PAR001", 205, "no heading 五、存在的主要问题及改进情况 (its text sits under part 三 as （一）（二）)"),
    ],
}
RECOVERED = {"pingtan_2020.txt": 2, "pingtan_2021.txt": 2, "pingtan_2022.txt": 2}
# at most one note per table, none for a table whose fused runs are all zeros:
# 2020: 表二 (规章 007), 表三 (22 fused rows, （六）其他处理 is spaced); 表四 000000000000000 says nothing;
# 2021: 表二 规章 000 says nothing, 表三 (25 rows), 表四 10203120001200000;
# 2022: 表二 (行政规范性文件 by the prose), 表三 (25 rows); 表四 is printed with spaces

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared corpus not available")


def _path(name: str) -> Path:
    return SEEDS / name if (SEEDS / name).exists() else REAL / name


def test_every_corpus_file_is_pinned() -> None:
    files = [p.name for p in SEEDS.glob("*.txt")] + [p.name for p in REAL.iterdir() if p.name != "README.md"]
    assert sorted(files) == sorted(PINNED)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_parse_diagnostics_pinned(name: str) -> None:
    diags = ENGINE.run([str(_path(name))]).diagnostics
    got = sorted((d.code, d.line) for d in diags if d.code.startswith("PAR") and d.code != "PAR010")
    assert got == sorted((c, ln) for c, ln, _ in PINNED[name])
    assert Counter(d.code for d in diags)["PAR010"] == RECOVERED.get(name, 0)


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.txt")), ids=lambda p: p.name[:3])
def test_clean_copies_have_no_error_from_any_rule(path: Path) -> None:
    result = ENGINE.run([str(path)])
    assert not result.errors
    assert [(d.code, d.line) for d in result.diagnostics if d.severity.value == "error"] == []
