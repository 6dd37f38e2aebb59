"""Reading problems apart from report defects, and the quiet cases (issue 13): values read by eye
from the corpus files."""

from __future__ import annotations

from tests.corpus import REAL, read, seed

from govlint.config import Config
from govlint.engine import Engine
from govlint.output import summary_line
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

ENGINE = Engine(Config(), load_plugins(installed=False))


def test_a_2018_report_gets_one_info_note() -> None:
    text = read(seed("000")).replace("2024", "2018")  # 渠县经济和信息化局, moved to 2018
    diags = ENGINE.check_report(parse_text(text, "r.txt"))
    assert [(d.code, d.severity.value) for d in diags] == [("PAR013", "info")]
    assert "不在现行格式的检查范围内" in diags[0].message


def test_a_short_row_in_plain_text_is_a_reading_warning_counted_apart() -> None:
    # seed 001 L66: （六）1 printed with six 0s for seven columns (an extraction artefact)
    diags = ENGINE.run([str(seed("001"))]).diagnostics
    short = [d for d in diags if d.code == "PAR004"]
    assert [(d.line, d.severity.value, d.reading) for d in short] == [(66, "warning", True)]
    assert not any(d.severity.value == "error" for d in diags)
    line = summary_line(diags, 1)
    assert "另有 1 处无法读取" in line and f"发现 {len(diags) - 1} 个问题" in line


def test_unique_splits_one_note_per_table_and_none_for_zeros() -> None:
    # 平潭 2021: every row fused; 表二 规章 "000" is trivial, 表三 has 25 fused rows, 表四 one run
    diags = [d for d in ENGINE.run([str(REAL / "pingtan_2021.txt")]).diagnostics if d.code == "PAR010"]
    assert len(diags) == 2
    t3 = next(d for d in diags if d.message.startswith("表三"))
    assert "25 行" in t3.message
    assert not any("「0000000」" in r.message for r in t3.related)  # the zero rows are not listed
    assert any("640020470" in r.message for r in t3.related)
