"""The stages of the table reader, each on small hand-written inputs (values written here by hand)."""

from __future__ import annotations

from tests.corpus import read, seed
from tests.rules_util import run

import govlint.checks.arithmetic as ar
from govlint.interpret.align import align
from govlint.interpret.arbiter import arbitrate
from govlint.interpret.readings import ReadingKind, readings
from govlint.interpret.segments import segments
from govlint.interpret.tokens import tokens_from_text
from govlint.parsing import parse_text
from govlint.profile import get_profile

PROF = get_profile("2021")
T2, T3, T4 = PROF.table("二"), PROF.table("三"), PROF.table("四")


def keys(text: str, tspec=T3) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    anchors, _ = align(tokens_from_text(text), tspec)
    return [(a.row.key, a.exact) for a in anchors]


# ----------------------------------------------------------------------------- align


def test_labels_split_over_lines_spaced_and_around_numbers() -> None:
    text = "（五）不\n予处理\n1.信访举报\n投诉类申请 1 0 0 0 0 0 1\n2.重 复 申 请\n0 0 0 0 0 0 0\n"
    assert keys(text) == [("R3e1", True), ("R3e2", True)]
    # the numbers in the middle of the wrapped label (pdfplumber)
    text = "（二）部分公开（区分处理的，只计这一情\n447 7 0 0 0 0 454\n形，不计其他情形）\n"
    assert keys(text) == [("R3b", True)]


def test_a_typo_is_aligned_between_its_neighbours_and_flagged_approximate() -> None:
    text = "1.属于国家秘密 0 0 0 0 0 0 0\n2.其他法律行政止公开 0 0 0 0 0 0 0\n3.危及“三安全一稳定” 0 0 0 0 0 0 0\n"
    assert keys(text) == [("R3c1", True), ("R3c2", False), ("R3c3", True)]


def test_sub_item_numbering_with_dun_hao_and_vertical_group_labels() -> None:
    text = "三、\n本\n1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n年\n3、其他 1 0 0 0 0 0 1\n"
    assert keys(text) == [("R3f1", True), ("R3f3", True)]


def test_a_wu_printed_alone_is_a_label_character_only_inside_a_label_holding_it() -> None:
    """无 alone on a line is a blank cell, or a character of a label printed a piece at a time."""
    def values(text: str, tspec=T3) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        toks = tokens_from_text(text)
        layout = segments(toks, align(toks, tspec)[0])
        return {s.anchors[-1].row.key: [t.text for t in s.values] for s in layout.segments if s.anchors}

    seven = "\n".join("0" * 7) + "\n"
    # 4. / 无 / 正 / 当 …: the label's 无 (and the label is found exactly)
    text = "3.要求提供公开出版物\n" + seven + "4.\n无\n正\n当\n理\n由\n大量反复\n申请\n" + seven + "5.要求行政机关确认或重新出具已获取信息\n" + seven
    assert keys(text) == [("R3e3", True), ("R3e4", True), ("R3e5", True)]
    assert values(text)["R3e4"] == ["0"] * 7
    # （ / 四 / ） / 无 / 法提: a group label's 无, not a value of the row before it
    text = "8.属于行政查询事项\n" + seven + "（\n四\n）\n无\n法提\n1.本机关不掌握相关政府信息\n" + seven
    assert values(text)["R3c8"] == ["0"] * 7
    # a blank cell marked 无 between two labels stays a value of the row before it
    text = "行政处罚\n无\n行政强制\n0\n"
    assert values(text, T2)["penalty"] == ["无"]


def test_generic_headers_are_not_values() -> None:
    """Some templates head the columns 数据1 … 数据6: text, not numbers (flat text and pipe rows)."""
    text = read(seed("001"))
    for header in ("信息内容\t数据1\t数据2\t数据3\n", "| 信息内容 | 数据1 | 数据2 | 数据3 |\n"):
        report = parse_text(text.replace("信息内容\t本年制发件数", header + "信息内容\t本年制发件数", 1), "generic.txt")
        assert report.tables["二"].row("norm").values == [3, 6, 17]  # type: ignore[union-attr]
        assert not [f for f in report.findings if f.data.get("table") == "二"], header


# ----------------------------------------------------------------------------- readings and arbiter


def _decide(text: str, tspec=T3):  # type: ignore[no-untyped-def]
    toks = tokens_from_text(text)
    anchors, _ = align(toks, tspec)
    layout = segments(toks, anchors, text)
    readings(layout, tspec)
    return layout, arbitrate(layout.segments, tspec, PROF.relations_for(tspec.id))


def test_column_major_block_is_chosen_by_the_row_totals() -> None:
    # two rows, labels first, then the seven columns one after the other (pdfminer)
    text = "1.信访举报投诉类申请\n2.重复申请\n" + "\n".join(["5", "2", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0",
                                                        "6", "2"])
    layout, d = _decide(text)
    kinds = [r.kind for r in layout.segments[0].readings]
    assert ReadingKind.BLOCK_ROWS in kinds and ReadingKind.BLOCK_COLUMNS in kinds
    got = {k: [t.text for t in d.assigned[k][1]] for k in ("R3e1", "R3e2")}
    assert got == {"R3e1": ["5", "1", "0", "0", "0", "0", "6"], "R3e2": ["2", "0", "0", "0", "0", "0", "2"]}
    assert d.settled == [ReadingKind.BLOCK_COLUMNS]


def test_a_tie_leaves_cells_undecided() -> None:
    # 表二 has no arithmetic: row-major and column-major both fit
    layout, d = _decide("规章\n行政规范性文件\n1\n8\n0\n26\n11\n66\n", T2)
    assert "reg" not in d.assigned and "norm" not in d.assigned
    # (a third reading: 规范性文件's values and the one-cell rows after it, whose labels are not printed)
    assert d.ties and {"reg", "norm"} <= set(d.ties[0].rows)


def test_values_of_rows_whose_labels_come_later_follow_the_official_order() -> None:
    text = "二、上年结转政府信息公开申请数量\n" + " ".join(["1"] + ["0"] * 5 + ["1"]) + "\n" + " ".join(
        ["2"] + ["0"] * 5 + ["2"]) + "\n（一）予以公开\n"
    _, d = _decide(text)
    assert d.assigned["R2"][0] is ReadingKind.FOLLOWING
    assert [t.text for t in d.assigned["R3a"][1]] == ["2", "0", "0", "0", "0", "0", "2"]


# ----------------------------------------------------------------------------- whole reports


def _merged_seed(six: str, total_np: int) -> str:
    """Seed 001 with （六）其他处理 printed as one row (the 2019 way)."""
    lines = read(seed("001")).split("\n")
    out = []
    for ln in lines:
        if "(六)其他处理" in ln:
            out.append("\t\t(六)其他处理\t" + six)
        elif ln.startswith("\t\t2.申请人逾期") or ln.startswith("\t\t3.其他"):
            continue
        elif "(七)总计" in ln:
            out.append(f"\t\t(七)总计\t{total_np}\t0\t0\t0\t0\t1\t{total_np + 1}")
        else:
            out.append(ln)
    return "\n".join(out)


def test_a_2021_table_printing_other_handling_as_one_row() -> None:
    text = _merged_seed("0\t0\t0\t0\t0\t0\t0", 22)
    report = parse_text(text, "merged.txt")
    t3 = report.tables["三"]
    assert t3.row("R3f") is not None and t3.value("R3f", "tot") == 0
    assert t3.merged == {"R3f": ("R3f1", "R3f2", "R3f3")}
    assert not [f for f in report.findings if f.kind == "row-missing"]
    assert [f.data["row"] for f in report.findings if f.kind == "row-merged"] == ["R3f"]


def test_a_merged_row_is_summed_in_the_arithmetic() -> None:
    """（六）其他处理 = 1 but （七）总计 not raised: EQ-3 must fail, through the merged row."""
    ok = parse_text(_merged_seed("1\t0\t0\t0\t0\t0\t1", 23).replace("22\t0\t0\t0\t0\t1\t23", "23\t0\t0\t0\t0\t1\t24", 1),
                    "ok.txt")
    bad = parse_text(_merged_seed("1\t0\t0\t0\t0\t0\t1", 22), "bad.txt")
    rule = next(r for r in vars(ar).values() if isinstance(r, type) and getattr(r, "code", "") == "AR001")
    assert not [d for d in run(rule, ok) if "各办理结果之和" in d.message]
    assert [d for d in run(rule, bad) if "各办理结果之和" in d.message]


def test_row_spans_point_at_the_rows_own_text_on_a_one_line_scrape() -> None:
    from tests.corpus import REAL

    text = read(REAL / "pingtan_2021.txt")
    report = parse_text(text, "pingtan_2021.txt")
    for key, printed in (("R1", "一、本年新收政府信息公开申请数量640020470"), ("R3a", "（一）予以公开270020130"),
                         ("R4", "四、结转下年度继续办理1000001")):
        row = report.tables["三"].row(key)
        assert row is not None and row.span is not None
        assert text[row.span.start : row.span.end] == printed


def test_a_label_printed_without_values_is_said() -> None:
    text = read(seed("001")).replace("\t2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t2.重复申请")
    assert "\t2.重复申请\n" in text
    report = parse_text(text, "blank.txt")
    short = [f for f in report.findings if f.kind == "row-short" and f.data["row"] == "R3e2"]
    assert len(short) == 1 and short[0].data["found"] == 0
    assert report.tables["三"].row("R3e3").values == [0] * 7  # type: ignore[union-attr]


def test_every_corpus_text_is_read_without_an_exception() -> None:
    """Including files that are no report (the review notes), whose tables are fragments."""
    from tests.corpus import CORPUS

    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in (".txt", ".md") and path.is_file():
            parse_text(read(path), str(path))


def test_a_2019_procurement_amount_is_one_money_value() -> None:
    """政府集中采购 10.00: the amount 10.00 (a decimal goes to the money column), never 1 / 0.00."""
    from decimal import Decimal

    from tests.corpus import REAL

    text = read(REAL / "pingtan_2020.txt")
    assert "政府集中采购39573802895.90元" in text
    spaced = parse_text(text.replace("政府集中采购39573802895.90元", "政府集中采购 10.00 "), "spaced.txt")
    assert spaced.tables["二"].row("procurement").values == [None, Decimal("10.00")]  # type: ignore[union-attr]
    glued = parse_text(text.replace("政府集中采购39573802895.90元", "政府集中采购10.00元"), "glued.txt")
    assert glued.tables["二"].row("procurement").values == [None, None]  # type: ignore[union-attr]
    amb = [f for f in glued.findings if f.kind == "digits-ambiguous" and f.data["row"] == "procurement"]
    assert len(amb) == 1
