"""The diagnostics of the built-in content rules (ST, LAW, FEE, AR, PT, YR) on every file of
tests/corpus, pinned.  Each entry was reviewed by hand against the file and is a true
finding; the reason says why.  A rule change that adds or drops a diagnostic fails here: review
the new one (fix the rule if it is a false alarm) and update the table.

Also: the hand-cleaned seed copies in tests/data/clean get no error-level diagnostic, and
docs/rules.md is up to date."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.corpus import REAL, SEEDS, read

from govlint.diagnostic import Diagnostic, Severity
from govlint.docgen import builtin_rules, default_output, render_rules_markdown
from govlint.parsing import parse_text

OUR_FAMILIES = ("ST", "LAW", "FEE", "AR", "PT", "YR", "TX")  # every built-in content family
CLEAN = Path(__file__).resolve().parent / "data" / "clean"

# file name → [(code, line, why it is a true finding)]
PINNED: dict[str, list[tuple[str, int, str]]] = {
    "000_d9108970ff03afe8.txt": [],
    "001_ac2fcbb5d53986e2.txt": [
        ("LAW006", 7, "preamble writes 国务院令 711 号 without 第 (decree is 国务院令第711号)"),
        ("PT001", 17, "prose: 失效废止的规范性文件 7 件; 表二 行政规范性文件 本年废止 is 6 (line 28)"),
        ("PT001", 15, "prose: 2024 年办结 21 件; 表三 （七）总计 is 23 (the 2 carried in were handled too)"),
        ("PT004", 15, "受理 23 件 (征地拆迁领域 20 件, 占比 86.9%): 20/23 = 86.96%, rounds to 87.0%"),
    ],
    "002_7ea9aa5f62917482.txt": [],
    "003_fa9e582a0590cf1f.txt": [
        ("YR002", 3, "no preamble: the statistics period is stated nowhere in the report"),
        ("FEE003", 82, "《政府信息公开处理费管理办法》: the measures are 《政府信息公开信息处理费管理办法》"),
        ("FEE003", 82, "政府信息公开处理费: the fee is called 信息处理费"),
        ("LAW005", 82, "国办函【2020】109 号 uses 【】 instead of 〔〕"),
        ("ST003", 82, "the sentence under 六、其他需要报告的事项 is numbered 六、 again (heading repeated)"),
        ("TX004", 7, "a 2024 report still writes 深入贯彻落实科学发展观 (the pre-2017 formula: copied from an old text)"),
        ("LAW011", 15, "a county bureau (叶县工业和信息化局) writes 制定一系列规章条例: it cannot make 规章 or 条例"),
        ("TX004", 17, "“五公开” listed as 决策、执行、管理、效劳、结果公开: 效劳公开 for 服务公开"),
    ],
    "004_e71065047dcdf68b.txt": [
        ("YR002", 2, "no preamble: the statistics period is stated nowhere in the report"),
        ("PT005", 15, "本局在 2024年没有可公开的信息, yet part 一（四） says it 及时公开 its 惠商政策措施 (L31)"),
        ("PT005", 8, "表三 本年新收 and 上年结转 are 0 and the text never says none came, yet it 回复信息公开请求 and sorts 来件/办件 (L17–19)"),
        ("TX004", 9, "an 工业和信息化局 writes 推动依法执政 (the Party's term); a government body writes 依法行政"),
    ],
    "huaian_2024_fragment.txt": [],
    "pingtan_2020.txt": [
        ("PT003", 10, "共公布政府信息2602条 (其中 … 其他应主动公开政府信息1053条): the eleven parts sum to 2603"),
        ("AR001", 10, "表三 自然人 column: outcomes 6+6+4+3+3+4 = 26 but （七）总计 prints 20 (source inconsistent)"),
        ("AR001", 10, "表三 总计 column: outcomes 7+6+4+3+3+4 = 27 but （七）总计 prints 21 (same error, totals column)"),
    ],
    "pingtan_2021.txt": [
        ("TX001", 10, "二是规范审核审核发布机制: 审核 typed twice"),
    ],
    "pingtan_2022.txt": [
        ("ST004", 10, "part 四 title typo: 政府信息公开行政法复议、行政诉讼情况 (行政法复议)"),
        ("TX001", 10, "打造整体统一的的网站界面: 的 typed twice"),
        ("PT001", 10, "收到政府信息公开申请75件: 表三 本年新收 is 74 (75 counts the 1 carried in from 2021)"),
    ],
    "shanghai_kewei_2024.md": [
        ("TX005", 5, "preamble: 编制了 2024 年度政务公开工作报告, but the report is the 政府信息公开工作年度报告"),
        ("TX001", 34, "2023 年上海市科技计划资金资金分配结果信息: 资金 typed twice"),
        ("PT005", 43, "所有申请均已按要求办理完成, yet L45–46 and 表三 四、结转下年度继续办理 have 1 carried over"),
        ("ST005", 13, "总体情况 (with its sub-sections 二–六) has nothing on 监督保障 (考核/评议/追究)"),
        ("ST003", 23, "overview sub-topics numbered 二、…六、 like parts (工作机制保障 … 政府信息公开平台建设)"),
        ("ST002", 73, "主动公开政府信息情况 is part 二 but numbered 一、"),
        ("ST002", 91, "收到和处理政府信息公开申请情况 is part 三 but numbered 二、"),
        ("ST002", 180, "政府信息公开行政复议、行政诉讼情况 is part 四 but numbered 三、"),
        ("ST002", 205, "其他需要报告的事项 is part 六 but numbered 五、"),
        ("FEE003", 206, "sub-heading 信息公开处理费收费情况: the fee is called 信息处理费"),
    ],
}


def _corpus_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(p for p in REAL.iterdir() if p.name != "README.md")
    return files


def _ours(path: Path) -> list[Diagnostic]:
    report = parse_text(read(path), str(path))
    rules = [r for r in builtin_rules() if r.code.rstrip("0123456789") in OUR_FAMILIES]
    return [d for rule in rules for d in rule().check(report)]


pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared corpus not available")


def test_every_corpus_file_is_pinned() -> None:
    assert sorted(p.name for p in _corpus_files()) == sorted(PINNED)


@pytest.mark.parametrize("name", sorted(PINNED))
def test_corpus_diagnostics_pinned(name: str) -> None:
    path = SEEDS / name if (SEEDS / name).exists() else REAL / name
    got = sorted((d.code, d.line) for d in _ours(path))
    assert got == sorted((code, line) for code, line, _ in PINNED[name])


@pytest.mark.parametrize("path", sorted(CLEAN.glob("*.txt")), ids=lambda p: p.name[:3])
def test_clean_seed_copies_have_no_errors(path: Path) -> None:
    diags = _ours(path)
    assert [d for d in diags if d.severity == Severity.ERROR] == []
    # the copies were cleaned of every true defect our rules find
    assert [(d.code, d.line, d.message) for d in diags] == []


def test_clean_copies_exist_for_every_seed() -> None:
    assert sorted(p.name for p in CLEAN.glob("*.txt")) == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_rule_metadata_valid_and_unique() -> None:
    rules = builtin_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for r in rules:
        assert r.validate_metadata() == [], r.code
        for section in ("## 说明", "## 原因", "## 错误示例", "## 正确示例", "```text"):
            assert section in r.doc, (r.code, section)


def test_docs_rules_md_up_to_date() -> None:
    expected = render_rules_markdown(builtin_rules())
    assert default_output().read_text(encoding="utf-8") == expected, "run: python -m govlint.docgen"
    for r in builtin_rules():
        assert f"## {r.code}" in expected
