"""表四's last cells printed after the next part's heading (pdfminer orders a heading set close under
a table among the table's text boxes): read as the table's, never taken from the prose.  Values:
seed 001's 表四 as read by a person (tests/test_parse_seeds.EXPECTED)."""

from __future__ import annotations

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
    report, got = _t4(_text(before, after))
    assert got == T4
    assert not [f for f in report.findings if f.data.get("table") == "四"]


def test_nothing_is_taken_past_prose() -> None:
    # the same, but a line of prose stands between the heading and the values: they are not the table's
    before = "\n".join("1 0 1 1 3 0".split()) + "\n"
    after = "存在问题：一是部分栏目信息公开深度不够。\n" + "\n".join(["0"] * 9) + "\n"
    report, got = _t4(_text(before, after))
    assert all(v is None or v == T4[k][i] for k, vals in got.items() for i, v in enumerate(vals))
    assert got != T4
    unread = {r for f in report.findings if f.data.get("table") == "四" for r in f.data.get("rows") or [f.data.get("row")]}
    assert {k for k in T4 if got[k] != T4[k]} <= unread  # every row not read is named


def test_a_complete_table_takes_nothing_after_the_heading() -> None:
    # 表四 whole; part 五 opens with a number line: the table and the findings stay as without it
    plain_report, plain = _t4(_text(ROW + "\n", ""))
    report, got = _t4(_text(ROW + "\n", "0\n"))
    assert got == plain == T4
    assert [f.kind for f in report.findings] == [f.kind for f in plain_report.findings]
