"""表四's last cells printed after the next part's heading (pdfminer orders a heading set close under
a table among the table's text boxes): read as the table's, never taken from the prose.  Values:
seed 001's 表四 as read by a person (tests/test_parse_seeds.EXPECTED)."""

from __future__ import annotations

from pathlib import Path

from tests.corpus import read, seed
from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text

T4 = EXPECTED["001"][2]  # fy 1 0 1 1 3, zs and hs all 0
ROW = "1\t0\t1\t1\t3\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0"
HEAD = "五、存在的主要问题及改进情况"


def _text(before: str, after: str) -> str:
    """Seed 001 with 表四's value line replaced: ``before`` ends the table, ``after`` follows the
    heading of part 五."""
    text = read(seed("001"))
    assert text.count(ROW) == 1 and text.count(HEAD) == 1
    text = text.replace(ROW + "\n", before)
    return text.replace(HEAD + "\n", HEAD + "\n" + after)


def _t4(text: str):  # type: ignore[no-untyped-def]
    report = parse_text(text, "<seed 001>")
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]
    return report, {r.key: r.values for r in report.tables["四"].rows}


def test_cells_after_the_next_heading_are_the_tables() -> None:
    # as pdfminer prints it: six values, the heading, then header words, a sub-heading and the rest
    before = "\n".join("1 0 1 1 3 0".split()) + "\n"
    after = "结果\n纠正\n0\n（一）存在问题\n其他\n结果\n尚未\n审结\n总计\n" + "\n".join(["0"] * 8) + "\n"
    text = _text(before, after)
    report, got = _t4(text)
    assert got == T4
    # one reading note: 行政复议's five values and the first of 未经复议直接起诉 come before the heading,
    # the other four of it and the five of 复议后起诉 after
    (note,) = [f for f in report.findings if f.data.get("table") == "四"]
    assert note.kind == "cells-past-heading" and note.data["rows"] == ["zs", "hs"]
    assert note.data["heading"] == HEAD and HEAD in note.message and "「未经复议直接起诉」、「复议后起诉」" in note.message
    head = text.index(HEAD)
    assert note.span.start == text.index("纠正\n0\n", head) + 3  # the first value after the heading
    assert text[note.span.end - 1] == "0" and text[note.span.end:].lstrip().startswith("存在问题：")  # part 五's prose


def test_nothing_is_taken_past_prose() -> None:
    # the same, but a line of prose stands between the heading and the values: they are not the table's
    before = "\n".join("1 0 1 1 3 0".split()) + "\n"
    after = "存在问题：一是部分栏目信息公开深度不够。\n" + "\n".join(["0"] * 9) + "\n"
    report, got = _t4(_text(before, after))
    assert all(v is None or v == T4[k][i] for k, vals in got.items() for i, v in enumerate(vals))
    assert got != T4
    unread = {r for f in report.findings if f.data.get("table") == "四" for r in f.data.get("rows") or [f.data.get("row")]}
    assert {k for k in T4 if got[k] != T4[k]} <= unread  # every row not read is named
    assert "cells-past-heading" not in [f.kind for f in report.findings]


def test_a_complete_table_takes_nothing_after_the_heading() -> None:
    # 表四 whole; part 五 opens with a number line: the table and the findings stay as without it
    plain_report, plain = _t4(_text(ROW + "\n", ""))
    report, got = _t4(_text(ROW + "\n", "0\n"))
    assert got == plain == T4
    assert [f.kind for f in report.findings] == [f.kind for f in plain_report.findings]


def test_the_note_is_a_reading_note_not_an_error() -> None:
    from govlint.config import Config
    from govlint.diagnostic import Severity
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    before = "\n".join("1 0 1 1 3 0".split()) + "\n"
    after = "\n".join(["0"] * 9) + "\n"
    report, got = _t4(_text(before, after))
    assert got == T4
    diags = Engine(Config(), load_plugins(installed=False)).check_report(report)
    (d,) = [d for d in diags if d.code == "PAR026"]
    assert d.name == "cells-past-heading" and d.severity is Severity.INFO and d.reading
    assert not [x for x in diags if x.severity is Severity.ERROR]


def test_seed_004_through_pdfminer() -> None:
    # seed 004 rebuilt as a PDF (tests/pdf_build.py) and extracted by pdfminer.six, kept as it came out
    # (pdfminer orders these boxes differently from run to run). Read by eye there: 表四 prints six 0s
    # (行政复议's five and the first of 未经复议直接起诉), then 五、存在的主要问题及改进情况, then header
    # words and nine 0s (the rest of 未经复议直接起诉 and 复议后起诉), then part 五's prose
    text = read(Path(__file__).parent / "data" / "extracted" / "seed004_pdfminer.txt")
    report = parse_text(text, "<seed 004 pdfminer>")
    assert {r.key: r.values for r in report.tables["四"].rows} == EXPECTED["004"][2]
    (note,) = [f for f in report.findings if f.kind == "cells-past-heading"]
    assert note.data == {"table": "四", "rows": ["zs", "hs"], "heading": HEAD}
    assert text.count("\n0\n", text.index("四、政府信息公开行政复议"), text.index(HEAD)) == 6
    assert text.count("\n0\n", text.index(HEAD), text.index("长期以来")) == 9


def test_headings_past_the_table_are_the_grammars() -> None:
    # the sub-heading printed with spaces inside its brackets is a heading to the grammar (part 五
    # gets it as a subsection), so the continuation skips it as it skips （一）存在问题
    before = "\n".join("1 0 1 1 3 0".split()) + "\n"
    for sub in ("（一）存在问题", "（ 一 ）存在问题", "- (一) 存在问题"):
        after = "结果\n纠正\n0\n" + sub + "\n" + "\n".join(["0"] * 8) + "\n"
        report, got = _t4(_text(before, after))
        assert got == T4, sub
        assert [s.title for s in report.part(5).subsections][:1] == ["存在问题"], sub
    # a line the grammar takes for text ends the continuation: 表三's 三、本年度办理结果 is no heading
    after = "结果\n纠正\n0\n三、本年度办理结果\n" + "\n".join(["0"] * 8) + "\n"
    report, got = _t4(_text(before, after))
    assert got != T4 and "cells-past-heading" not in [f.kind for f in report.findings]
