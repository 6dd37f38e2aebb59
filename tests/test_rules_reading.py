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


# ------------------------------------------------------------------ per-row detail, on request

PINGTAN_2021 = str(REAL / "pingtan_2021.txt")
# read by eye from 平潭 2021: the fused 表三 rows that are not all zeros (10 of 25) and 表四's one run
_T3_SPLITS = {
    "一、本年新收政府信息公开申请数量": ("640020470", "64 / 0 / 0 / 2 / 0 / 4 / 70"),
    "（一）予以公开": ("270020130", "27 / 0 / 0 / 2 / 0 / 1 / 30"),
    "（七）总计": ("630020469", "63 / 0 / 0 / 2 / 0 / 4 / 69"),
    "1.本机关不掌握相关政府信息": ("220000325", "22 / 0 / 0 / 0 / 0 / 3 / 25"),
    "7.属于行政执法案卷": ("6000006", "6 / 0 / 0 / 0 / 0 / 0 / 6"),
}


def _detail(config: Config, path: str = PINGTAN_2021) -> list:  # type: ignore[type-arg]
    return [d for d in Engine(config, load_plugins(installed=False)).run([path]).diagnostics if d.code == "PAR023"]


def test_the_per_row_detail_of_unique_splits_is_off_by_default() -> None:
    assert _detail(Config()) == []
    assert _detail(Config(select=["PAR"])) == []  # a prefix (or ALL) does not turn it on
    assert _detail(Config(select=["ALL"])) == []


def test_the_per_row_detail_names_each_split_row_when_selected() -> None:
    for config in (Config(extend_select=["PAR023"]), Config(extend_select=["digits-recovered-row"])):
        rows = _detail(config)
        assert len(rows) == 11  # ten 表三 rows with a non-zero value, and 表四
        assert all(d.severity.value == "info" and d.reading for d in rows)
        assert not any("0000000" in d.message for d in rows)
        for label, (raw, split) in _T3_SPLITS.items():
            mine = [d for d in rows if f"「{label}」" in d.message]
            assert len(mine) == 1 and f"「{raw}」" in mine[0].message and split in mine[0].message, label
    t3 = [d for d in ENGINE.run([PINGTAN_2021]).diagnostics if d.code == "PAR010"]
    assert len(t3) == 2  # the summary notes stay as they are


def test_the_command_line_turns_the_detail_on() -> None:
    from tests.cli_util import run

    off = run("check", "--select", "PAR010", PINGTAN_2021)
    on = run("check", "--select", "PAR010", "--extend-select", "PAR023", PINGTAN_2021)
    assert "PAR023" not in off.stdout
    assert on.stdout.count("PAR023") == 11 and "64 / 0 / 0 / 2 / 0 / 4 / 70" in on.stdout


# ------------------------------------------------------------------ （六）其他处理 printed as one row

def _merged(text: str) -> str:
    """Seed 001 with 表三 （六）其他处理 printed as one row, as the 2019 format did."""
    out = []
    for ln in text.split("\n"):
        if "(六)其他处理" in ln:
            out.append("\t\t(六)其他处理\t0\t0\t0\t0\t0\t0\t0")
        elif not (ln.startswith("\t\t2.申请人逾期") or ln.startswith("\t\t3.其他")):
            out.append(ln)
    return "\n".join(out)


def test_a_merged_row_is_a_reading_note_of_its_own_rule() -> None:
    diags = ENGINE.check_report(parse_text(_merged(read(seed("001"))), "merged.txt"))
    merged = [d for d in diags if d.code == "PAR024"]
    assert [(d.name, d.severity.value, d.reading) for d in merged] == [("row-merged", "info", True)]
    assert "（六）其他处理" in merged[0].message
    assert not [d for d in diags if d.code in ("PAR000", "PAR003")]  # no "other finding", no missing sub-rows
    assert not any(d.severity.value == "error" for d in diags)
