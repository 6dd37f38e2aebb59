"""表四 interleaved the way raw pdftotext prints huaian_2024's (fy's first four cells, hs's first four,
fy's 总计, zs's five, hs's 总计), on the seeds' own text and values read by eye (tests/test_parse_seeds
.EXPECTED), with the prose stating the 行政复议 row, silent about it, or contradicting it; and random
tables the same way.  A cell is a number only when the arithmetic and the prose determine it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.corpus import CORPUS, read
from tests.test_layouts_property import tables
from tests.test_parse_seeds import EXPECTED

from govlint.interpret.regroup import _splits
from govlint.parsing import parse_text

SEEDS = {p.name[:3]: p for p in sorted((CORPUS / "seeds").glob("*.txt"))}
_T4 = re.compile(r"(?ms)^四、政府信息公开行政复议、行政诉讼情况\n.*?(?=^五、)")


def interleaved(t4: dict[str, list[int]]) -> str:
    """表四 as raw pdftotext prints huaian_2024's (the header words as that file has them)."""
    fy, zs, hs = (" ".join(map(str, t4[k][:4])) for k in ("fy", "zs", "hs"))
    lines = ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼", "未经复议直接起诉", "结果", "结果", "其他结",
             "尚未", "维持", "纠正", "果", "审结", "总计", *fy.split(), "结 果", "结果", "其他", "复议后起诉", "尚未",
             "结果", "结果", "其他", "尚未审", "维持", "纠正", "结果", "结", *hs.split(), "总计", str(t4["fy"][4]),
             "维持", "纠正", "结果", "审结", *zs.split(), str(t4["zs"][4]), "总计", str(t4["hs"][4])]
    return "\n".join(lines) + "\n"


def stated(fy: list[int]) -> str:
    return (f"本年度政府信息公开行政复议 {fy[4]} 件，其中结果维持 {fy[0]} 件，结果纠正 {fy[1]} 件，其他结果 {fy[2]} 件，"
            f"尚未审结 {fy[3]} 件。")


def relaid(text: str, t4: dict[str, list[int]], prose: str = "") -> str:
    out, n = _T4.subn(lambda _: interleaved(t4), text)
    assert n == 1
    if prose:  # a sentence of part 一, after its heading line
        at = out.index("\n", out.index("一、总体情况")) + 1
        out = out[:at] + prose + "\n" + out[at:]
    return out


def _read(text: str):  # type: ignore[no-untyped-def]
    report = parse_text(text, "<relaid>")
    got = {r.key: r.values for r in report.tables["四"].rows}
    return report, got, [f for f in report.findings if f.data.get("table") == "四"]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_prose_stating_the_row_places_it(seed: str) -> None:
    t4 = EXPECTED[seed][2]
    report, got, found = _read(relaid(read(SEEDS[seed]), t4, stated(t4["fy"])))
    assert got == t4
    by = {r: f.data["by"] for f in found if f.kind == "rows-regrouped" for r in f.data["rows"]}
    assert by == {"fy": "prose", "zs": "equal", "hs": "equal"}  # zs and hs: both 0 0 0 0 0 in every seed
    assert not [f for f in found if f.kind in ("cells-unplaced", "row-missing")]


def test_seed_001_without_a_stated_row_stays_unread() -> None:
    """001's own prose says 行政复议 3 件 (the results in words, not as claims): the rows with 总计 3 are
    1 0 1 1 3 and 1 1 1 0 3 — two candidates, so nothing is placed; every candidate is listed."""
    t4 = EXPECTED["001"][2]
    _, got, found = _read(relaid(read(SEEDS["001"]), t4))
    assert got == {k: [None] * 5 for k in t4}
    (unplaced,) = [f for f in found if f.kind == "cells-unplaced"]
    assert unplaced.data["rows"] == ["fy", "zs", "hs"]
    assert t4["fy"] in unplaced.data["candidates"] and [1, 1, 1, 0, 3] in unplaced.data["candidates"]
    assert [0] * 5 in unplaced.data["candidates"] and "1 0 1 1 3" in unplaced.message
    assert not [f for f in found if f.kind == "rows-regrouped"]


def test_contradicting_prose_places_nothing() -> None:
    """The prose states a 行政复议 row no split of the values gives: nothing is placed by it."""
    t4 = EXPECTED["001"][2]
    wrong = [2, 0, 1, 1, 4]
    _, got, found = _read(relaid(read(SEEDS["001"]), t4, stated(wrong)))
    assert got == {k: [None] * 5 for k in t4}
    assert [f.data["rows"] for f in found if f.kind == "cells-unplaced"] == [["fy", "zs", "hs"]]


@pytest.mark.parametrize("seed", [s for s in sorted(EXPECTED) if s != "001"])
def test_all_zero_rows_are_read_whichever_is_which(seed: str) -> None:
    """Every split of fifteen 0s gives 0 0 0 0 0 rows: the values are determined, prose or not (and a
    prose contradicting them does not change what the table says)."""
    t4 = EXPECTED[seed][2]
    for prose in ("", stated([1, 0, 0, 0, 1])):
        _, got, found = _read(relaid(read(SEEDS[seed]), t4, prose))
        assert got == t4
        assert {f.data["by"] for f in found if f.kind == "rows-regrouped"} == {"equal"}


def test_splits_keep_each_rows_order_and_relation() -> None:
    nums = [72, 64, 178, 37, 12, 1, 1, 6, 351, 13, 4, 8, 1, 26, 20]  # huaian_2024, raw pdftotext
    splits = _splits(nums, 3, 5, [[((4,), (0, 1, 2, 3))]])
    rows = {tuple(nums[i] for i in r) for s in splits for r in s}
    assert (72, 64, 178, 37, 351) in rows and (13, 4, 8, 1, 26) in rows and (12, 1, 1, 6, 20) in rows
    assert all(sum(r[:4]) == r[4] for r in rows)
    assert all(sorted(i for r in s for i in r) == list(range(15)) for s in splits)
    assert all(list(r) == sorted(r) for s in splits for r in s)


@settings(max_examples=25, deadline=None)
@given(tables(), st.sampled_from(["stated", "silent", "contradicting"]))
def test_random_interleaved_tables_never_get_a_wrong_number(data, prose: str) -> None:  # type: ignore[no-untyped-def]
    t4 = data["四"]
    # the contradicting row's 总计 exceeds every value printed: no candidate can agree with it
    big = sum(v for r in t4.values() for v in r) + 1
    sentence = {"stated": stated(t4["fy"]), "silent": "", "contradicting": stated([big, 0, 0, 0, big])}[prose]
    report, got, found = _read(relaid(read(SEEDS["003"]), t4, sentence))
    said = {r for f in found for r in f.data.get("rows", ())}
    read_at = [c.span.start for r in report.tables["四"].rows for c in r.cells if c.value is not None]
    assert len(read_at) == len(set(read_at))  # each printed value is one cell at most
    for key, values in got.items():
        if values != t4[key]:
            assert values == [None] * 5 and key in said, (key, values, t4)
    if prose == "stated" and [f for f in found if f.kind == "rows-regrouped"]:
        assert got["fy"] == t4["fy"]


def test_loosely_stated_claims_are_no_hints() -> None:
    """收到 … 申请 N 件 often counts last year's carried-over requests, 办结 often leaves them out: the
    profile marks them `hint = false`, so the reader never settles cells by them (PT001 checks them)."""
    from govlint.interpret.hints import prose_hints
    from govlint.profile import get_profile

    prof = get_profile("2021")
    loose = {c.what for c in prof.claims if not c.hint}
    assert loose == {"收到/受理的政府信息公开申请数", "办结数"}
    report = parse_text("一、总体情况\n本年度收到政府信息公开申请 6 件，办结 5 件，新收申请 5 件。\n", "<hints>")
    assert prose_hints(report, prof, prof.table("三")) == {("R1", "tot"): 5}
