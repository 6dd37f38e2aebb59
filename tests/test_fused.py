"""Splitting fused digit runs (govlint.parsing.fused): hand-worked examples and a property test."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.work import executed_lines

from govlint.interpret.fused import MAX_LISTED, FusedRow, Resolution, Status, is_reading, segmentations
from govlint.interpret.solver import resolve
from govlint.profile import CellRef, Relation, get_profile

COLS = ("np", "biz", "res", "npo", "law", "oth", "tot")
PROFILE = get_profile("2021")
RELS_3 = [r for r in PROFILE.relations if r.lhs[0].table == "三"]


# ----------------------------------------------------------------------------- segmentations


def test_segmentations_single_run() -> None:
    # 9 digits into 7 numbers: two numbers have two digits (or one has three); "0" never starts a
    # longer number, so 64|0|0|2|0|4|70 is one of the 12 readings, 6|40|0|2|0|4|70 another.
    segs = segmentations(["640020470"], 7)
    assert segs is not None
    assert len(segs) == 12
    assert (64, 0, 0, 2, 0, 4, 70) in segs
    assert (6, 40, 0, 2, 0, 4, 70) in segs
    assert all(len(s) == 7 for s in segs)
    assert len(set(segs)) == len(segs)


def test_segmentations_tokens_split_separately() -> None:
    # "200" must be 1–3 numbers and "000121" the rest; "000121" starts with three zeros, each its own
    # number, and "121" is 121, 12|1, 1|21 or 1|2|1.
    segs = segmentations(["200", "000121"], 7)
    assert segs == [(200, 0, 0, 0, 1, 2, 1), (20, 0, 0, 0, 0, 1, 21), (20, 0, 0, 0, 0, 12, 1),
                    (2, 0, 0, 0, 0, 0, 121)]


def test_segmentations_leading_zero_rules() -> None:
    # a zero is always a number of its own: "00" is 0|0, never "00"
    assert segmentations(["0", "0", "00", "00", "0"], 7) == [(0,) * 7]
    assert segmentations(["00"], 1) == []
    assert segmentations(["05"], 2) == [(0, 5)]
    assert segmentations(["05"], 1) == []
    assert segmentations(["100"], 2) == [(10, 0)]
    assert segmentations(["100"], 3) == [(1, 0, 0)]
    assert segmentations(["0000000"], 7) == [(0,) * 7]
    # more tokens than numbers, or too few digits: no reading
    assert segmentations(["1", "2", "3"], 2) == []
    assert segmentations(["12"], 3) == []


def test_segmentations_limit() -> None:
    # 11 nonzero digits into 7 numbers: C(10, 6) = 210 readings
    segs = segmentations(["12345678912"], 7)
    assert segs is not None and len(segs) == 210
    assert segmentations(["12345678912"], 7, limit=210) is not None
    assert segmentations(["12345678912"], 7, limit=209) is None


def test_segmentations_long_run_is_bounded() -> None:
    def calls() -> None:
        assert segmentations(["7" * 60], 7) is None  # millions of readings: counted, not listed
        assert segmentations(["0" * 300], 7) == []
        assert segmentations(["10" * 150], 100) is None
        assert segmentations(["9" * 100, "1" * 100], 15) is None
        # no cell value has more than 15 digits (govlint.numbers.MAX_DIGITS): 300 digits are no 7 values
        assert segmentations(["7" * 300], 7) == []
        assert segmentations(["7" * 105], 7) == [(777777777777777,) * 7]
        assert len(segmentations(["7" * 16], 2) or []) == 15  # 7|777…, …, 777…|7: both parts ≤ 15 digits

    # work counted, not timed (tests/work.py): ≈0.4 M lines today; listing the readings would be billions
    assert executed_lines(calls) < 2_000_000


def test_is_reading() -> None:
    assert is_reading(["200", "000121"], (20, 0, 0, 0, 0, 1, 21))
    assert not is_reading(["200", "000121"], (2, 0, 0, 0, 0, 0, 121, 0))
    assert not is_reading(["200", "000121"], (2000, 0, 0, 121))  # crosses a token boundary
    assert not is_reading(["05"], (5,))


# ----------------------------------------------------------------------------- pingtan 2021 表三

# Copied by hand from tests/corpus/real/pingtan_2021.txt (the whole report is one line; the
# label numbers "2." "3." … that follow a run belong to the next label, not to the run).
PINGTAN_2021_T3 = {
    "R1": "640020470",
    "R2": "0000000",
    "R3a": "270020130",
    "R3b": "500000 5",
    "R3c1": "0000000",
    "R3c2": "0000000",
    "R3c3": "0000000",
    "R3c4": "0000000",
    "R3c5": "1000001",
    "R3c6": "0000000",
    "R3c7": "6000006",
    "R3c8": "1000001",
    "R3d1": "220000325",
    "R3d2": "0000000",
    "R3d3": "0000000",
    "R3e1": "0000000",
    "R3e2": "0000000",
    "R3e3": "0000000",
    "R3e4": "0000000",
    "R3e5": "0000000",
    "R3f1": "0000000",
    "R3f2": "0000000",
    "R3f3": "1000001",
    "R3g": "630020469",
    "R4": "1000001",
}

# Worked out by hand:
# * "0000000" is seven zeros (a zero never starts a longer number); "1000001" can only be
#   1|0|0|0|0|0|1, "6000006" 6|0|…|6; "500000 5": the 6 digits "500000" must be six numbers → 5,0,0,0,0,0
#   and the second token is the total 5.
# * R1 "640020470" (12 readings) — only 64|0|0|2|0|4|70 has 64+2+4 = 70 (EQ-2).  Likewise R3g
#   "630020469" → 63|0|0|2|0|4|69 (63+2+4 = 69), and the prose confirms: 收到70件，办结69件，1件结转.
# * R3a "270020130" has TWO readings whose columns add up: 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30.
#   R3d1 "220000325" also two: 22|0|0|0|0|3|25 and 2|20|0|0|0|3|25.  Both are settled by EQ-3 on the
#   商业企业 column: R3g.biz = 0, so no result row can have biz 7 or 20 → 27|0|0|2|0|1|30 and
#   22|0|0|0|0|3|25.  Check np: 27+5+1+6+1+22+1 = 63 = R3g.np; oth: 1+3 = 4; tot: 30+5+1+6+1+25+1 = 69;
#   EQ-1: 64+0 = 63+1, 70+0 = 69+1.
PINGTAN_2021_T3_VALUES = {
    "R1": (64, 0, 0, 2, 0, 4, 70),
    "R3a": (27, 0, 0, 2, 0, 1, 30),
    "R3b": (5, 0, 0, 0, 0, 0, 5),
    "R3c5": (1, 0, 0, 0, 0, 0, 1),
    "R3c7": (6, 0, 0, 0, 0, 0, 6),
    "R3c8": (1, 0, 0, 0, 0, 0, 1),
    "R3d1": (22, 0, 0, 0, 0, 3, 25),
    "R3f3": (1, 0, 0, 0, 0, 0, 1),
    "R3g": (63, 0, 0, 2, 0, 4, 69),
    "R4": (1, 0, 0, 0, 0, 0, 1),
}


def _fused(rows: dict[str, str]) -> list[FusedRow]:
    return [FusedRow(k, tuple(v.split()), 7, COLS) for k, v in rows.items()]


def test_pingtan_2021_table3_every_row_fused() -> None:
    res = resolve("三", {}, _fused(PINGTAN_2021_T3), RELS_3)
    assert list(res) == list(PINGTAN_2021_T3)
    for key in PINGTAN_2021_T3:
        expected = PINGTAN_2021_T3_VALUES.get(key, (0,) * 7)
        assert res[key] == Resolution(Status.UNIQUE, expected, (expected,)), key


def test_pingtan_2021_r3a_alone_is_genuinely_ambiguous() -> None:
    # Without the rest of the table, R3a's own total cannot tell 27|0|0|2|0|1|30 from 2|7|0|0|20|1|30.
    res = resolve("三", {}, _fused({"R3a": "270020130"}), RELS_3)["R3a"]
    assert res.status is Status.AMBIGUOUS and res.values is None
    assert set(res.candidates) == {(27, 0, 0, 2, 0, 1, 30), (2, 7, 0, 0, 20, 1, 30)}


def test_pingtan_2021_fused_rows_among_fixed_rows() -> None:
    # the rows read normally fix R3g; only R3a and R3d1 arrive fused → EQ-3 decides both
    fixed: dict[str, dict[str, int | None]] = {
        k: dict(zip(COLS, PINGTAN_2021_T3_VALUES.get(k, (0,) * 7))) for k in PINGTAN_2021_T3
        if k not in ("R3a", "R3d1")
    }
    res = resolve("三", fixed, _fused({"R3a": "270020130", "R3d1": "220000325"}), RELS_3)
    assert res["R3a"].values == (27, 0, 0, 2, 0, 1, 30)
    assert res["R3d1"].values == (22, 0, 0, 0, 0, 3, 25)
    # an absent fixed cell makes the relations over it unusable: with R3g.biz unknown EQ-3(biz) does not
    # apply, but EQ-3(np) still settles R3a (np 27 vs 2: 27+5+1+6+1+22+1 = 63 = R3g.np).
    fixed["R3g"]["biz"] = None
    res = resolve("三", fixed, _fused({"R3a": "270020130", "R3d1": "220000325"}), RELS_3)
    assert res["R3a"].values == (27, 0, 0, 2, 0, 1, 30)


def test_pingtan_2022_table3() -> None:
    # tests/corpus/real/pingtan_2022.txt, worked by hand: R1 "713000074" → 71|3|0|0|0|0|74 (the
    # only reading adding up); R3a "210000021" → 21|…|21; R3b "8100009" → 8|1|0|0|0|0|9; R3d1
    # "370000037" → 37|…|37; R3f3 "0200002" → 0|2|0|0|0|0|2; R3g "723000075" → 72|3|0|0|0|0|75.
    # EQ-3 np: 21+8+1+2+1+37+2 = 72; biz: 1+2 = 3.  EQ-1: 71+1 = 72+0.
    rows = dict.fromkeys(PINGTAN_2021_T3, "0000000")
    rows.update({"R1": "713000074", "R2": "1000001", "R3a": "210000021", "R3b": "8100009",
                 "R3c5": "1000001", "R3c6": "2000002", "R3c7": "1000001", "R3d1": "370000037",
                 "R3f1": "2000002", "R3f3": "0200002", "R3g": "723000075"})
    res = resolve("三", {}, _fused(rows), RELS_3)
    assert all(r.status is Status.UNIQUE for r in res.values())
    assert res["R1"].values == (71, 3, 0, 0, 0, 0, 74)
    assert res["R3b"].values == (8, 1, 0, 0, 0, 0, 9)
    assert res["R3g"].values == (72, 3, 0, 0, 0, 0, 75)
    assert res["R4"].values == (0,) * 7


def test_no_consistent_reading() -> None:
    # "123" as 7 numbers: impossible
    assert resolve("三", {}, _fused({"R1": "123"}), RELS_3)["R1"] == Resolution(Status.NONE, None, ())
    # "1000002": the only reading 1|0|0|0|0|0|2 breaks the row total
    assert resolve("三", {}, _fused({"R1": "1000002"}), RELS_3)["R1"].status is Status.NONE


def test_inconsistent_table_falls_back_to_the_rows_own_arithmetic() -> None:
    # R3g says 5 but the only leaf row says 4: the whole table cannot add up; each row keeps the
    # reading its own total allows rather than all becoming "none"
    fixed: dict[str, dict[str, int | None]] = {
        k: dict(zip(COLS, (0,) * 7)) for k in PINGTAN_2021_T3 if k not in ("R3a", "R3g")
    }
    fixed["R1"] = dict(zip(COLS, (5, 0, 0, 0, 0, 0, 5)))  # EQ-1 agrees with R3g
    res = resolve("三", fixed, _fused({"R3a": "4000004", "R3g": "5000005"}), RELS_3)
    assert res["R3a"].status is Status.UNIQUE and res["R3a"].values == (4, 0, 0, 0, 0, 0, 4)
    assert res["R3g"].values == (5, 0, 0, 0, 0, 0, 5)


def test_too_many_readings_is_ambiguous_not_an_error() -> None:
    res = resolve("三", {}, _fused({"R1": "9" * 60}), RELS_3)
    assert res["R1"] == Resolution(Status.AMBIGUOUS, None, ())


def test_a_run_too_long_for_the_row_has_no_reading() -> None:
    # 300 digits cannot be 7 cell values of at most 15 digits each: not a guess, not a huge number
    res = resolve("三", {}, _fused({"R1": "9" * 300}), RELS_3)
    assert res["R1"].status is not Status.UNIQUE and res["R1"].values is None


# ----------------------------------------------------------------------------- 表四


def test_pingtan_2021_table4_single_run() -> None:
    # "10203120001200000": 17 digits for 15 numbers (three groups of 5, the 5th the sum of the first
    # four).  By hand: 复议 1|0|2|0|3 (1+0+2+0 = 3); 直接起诉 12|0|0|0|12; 复议后起诉 0|0|0|0|0.  Of the 25
    # readings this is the only one where every group adds up (e.g. 10|2|0|3|… fails: 15 ≠ next number).
    t4 = PROFILE.table("四")
    cols = tuple(f"{r.key}.{c}" for r in t4.rows for c in t4.column_keys)
    rels = [
        Relation(rel.id, rel.name, rel.severity,
                 tuple(CellRef("四", "ALL", f"{c.row}.{c.column}") for c in rel.lhs),
                 tuple(CellRef("四", "ALL", f"{c.row}.{c.column}") for c in rel.rhs))
        for rel in PROFILE.relations if rel.lhs[0].table == "四"
    ]
    assert len(rels) == 3
    assert len(segmentations(["10203120001200000"], 15) or []) == 25
    res = resolve("四", {}, [FusedRow("ALL", ("10203120001200000",), 15, cols)], rels)["ALL"]
    expected = (1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)
    assert res == Resolution(Status.UNIQUE, expected, (expected,))


def test_relations_of_other_tables_are_ignored() -> None:
    res = resolve("四", {}, _fused({"R1": "270020130"}), RELS_3)
    # table 三 relations do not constrain a table 四 run: every reading stays open
    assert res["R1"].status is Status.AMBIGUOUS
    assert len(res["R1"].candidates) == MAX_LISTED


# ----------------------------------------------------------------------------- property


LEAVES = ["R3a", "R3b", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8", "R3d1", "R3d2",
          "R3d3", "R3e1", "R3e2", "R3e3", "R3e4", "R3e5", "R3f1", "R3f2", "R3f3"]
small = st.one_of(st.just(0), st.just(0), st.integers(0, 9), st.integers(0, 120))


@st.composite
def consistent_table(draw: st.DrawFn) -> dict[str, tuple[int, ...]]:
    table: dict[str, tuple[int, ...]] = {}

    def row(vals: list[int]) -> tuple[int, ...]:
        return (*vals, sum(vals))

    for key in LEAVES:
        table[key] = row([draw(small) for _ in range(6)])
    g = [sum(table[k][i] for k in LEAVES) for i in range(6)]
    table["R3g"] = row(g)
    r4 = [draw(small) for _ in range(6)]
    r2 = [min(draw(small), g[i] + r4[i]) for i in range(6)]
    table["R4"] = row(r4)
    table["R2"] = row(r2)
    table["R1"] = row([g[i] + r4[i] - r2[i] for i in range(6)])
    return table


@st.composite
def rendering(draw: st.DrawFn, values: tuple[int, ...]) -> tuple[str, ...]:
    """The values' digits with some of the boundaries lost (at least one token)."""
    texts = [str(v) for v in values]
    keep = [draw(st.booleans()) and draw(st.booleans()) for _ in texts[1:]]
    tokens = [texts[0]]
    for t, k in zip(texts[1:], keep):
        if k:
            tokens.append(t)
        else:
            tokens[-1] += t
    return tuple(tokens)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_property_resolve_never_wrong(data: st.DataObject) -> None:
    table = data.draw(consistent_table())
    keys = list(table)
    fused_keys = data.draw(st.one_of(st.just(keys), st.lists(st.sampled_from(keys), min_size=1, unique=True)))
    fixed = {k: dict(zip(COLS, v)) for k, v in table.items() if k not in fused_keys}
    frows = [FusedRow(k, data.draw(rendering(table[k])), 7, COLS) for k in fused_keys]
    res = resolve("三", fixed, frows, RELS_3, limit=2000)
    for f in frows:
        r = res[f.key]
        truth = table[f.key]
        assert r.status in (Status.UNIQUE, Status.AMBIGUOUS), (f, r)
        if r.status is Status.UNIQUE:
            assert r.values == truth, (f, r)
        else:
            assert r.values is None
            assert len(r.candidates) <= MAX_LISTED
            # the true reading is listed, unless the list was cut at MAX_LISTED (or too many readings)
            if len(r.candidates) < MAX_LISTED and segmentations(f.tokens, 7, 2000) is not None:
                assert truth in r.candidates, (f, r)


# ----------------------------------------------------------------------------- bounded search


def test_solver_never_returns_an_inconsistent_assignment() -> None:
    # 8 rows "222" = 2|22 or 22|2; the first columns must sum to an odd number — impossible, and bounds
    # alone cannot see it (parity): the search must prove it, not return a half-checked assignment.
    from govlint.interpret.search import Constraint, Solver

    rows = [FusedRow(f"r{i}", ("222",), 2, ("a", "b")) for i in range(8)]
    rel = Relation("X", "", "error", (CellRef("t", "fix", "a"),), tuple(CellRef("t", f"r{i}", "a") for i in range(8)))
    cons = [Constraint(2 * 8 + 20 * 3 + 1, tuple(r.key for r in rows), tuple((-2, -22) for _ in rows))]
    solver = Solver({r.key: [0, 1] for r in rows}, cons, 10_000)
    assert solver.solve({r.key: [0, 1] for r in rows}) is None
    # through resolve: no consistent table → each row keeps its own readings (ambiguous, never unique)
    res = resolve("t", {"fix": {"a": 77}}, rows, [rel])
    assert all(r.status is Status.AMBIGUOUS and set(r.candidates) == {(2, 22), (22, 2)} for r in res.values())


def test_hard_joint_search_gives_up_in_bounded_time() -> None:
    # 21 result rows each 2|22 or 22|2 in np/biz, (七)总计 odd in np: 2^21 combinations, none consistent;
    # the budget runs out quickly and every row stays ambiguous
    rows = [FusedRow(k, ("222", "0", "0", "0", "0", "24"), 7, COLS) for k in LEAVES]
    g = [2 * 21 + 20 * 7 + 1, 2 * 21 + 20 * 14 - 1, 0, 0, 0, 0]
    fixed: dict[str, dict[str, int | None]] = {"R3g": dict(zip(COLS, (*g, sum(g))))}
    res = resolve("三", fixed, rows, RELS_3)  # the solver's node budget ends the search (2^21 otherwise)
    assert all(r.status is Status.AMBIGUOUS and len(r.candidates) == 2 for r in res.values())


def test_row_with_too_many_readings_forced_by_the_table() -> None:
    # R3g printed as one 22-digit run without zeros (C(21, 6) = 54264 readings: too many to list) — but with every
    # result row known, EQ-3 forces each of its cells: 12345|6789|11|12|13|14|19184.
    leaves = {k: (0,) * 7 for k in LEAVES}
    leaves["R3a"] = (12345, 6789, 11, 12, 13, 14, 19184)
    fixed: dict[str, dict[str, int | None]] = {k: dict(zip(COLS, v)) for k, v in leaves.items()}
    run = "".join(map(str, leaves["R3a"]))
    assert len(run) == 22 and segmentations([run], 7) is None
    res = resolve("三", fixed, _fused({"R3g": run}), RELS_3)["R3g"]
    assert res == Resolution(Status.UNIQUE, leaves["R3a"], (leaves["R3a"],))
    # forced values that are not a reading of the digits: stays ambiguous
    fixed["R3a"]["np"] = 12346
    fixed["R3a"]["tot"] = 19185
    assert resolve("三", fixed, _fused({"R3g": run}), RELS_3)["R3g"].status is Status.AMBIGUOUS


def test_pingtan_2020_inconsistent_source_keeps_each_rows_own_reading() -> None:
    # tests/corpus/real/pingtan_2020.txt (2019 format, （六）其他处理 one row).  By hand, each row has one
    # reading whose columns add up: R1 "200 000121" → 20|0|0|0|0|1|21 (not 200|…|1|2|1, 20|…|12|1,
    # 2|…|121); R3a "6000017" → 6|0|0|0|0|1|7; R3g "20 0 00 0 121" → 20|0|0|0|0|1|21.  But the report itself
    # does not add up: the result rows' 自然人 sum to 6+6+4+3+3+4 = 26, not R3g's 20 (EQ-3).  No reading of
    # the table is consistent, so each row keeps the reading its own total allows.
    rows = {k: "0000000" for k in ("R2", "R3c1", "R3c2", "R3c3", "R3c4", "R3c5", "R3c6", "R3c7", "R3c8",
                                    "R3d2", "R3e1", "R3e3", "R3e4", "R3e5")}
    rows.update({"R1": "200 000121", "R3a": "6000017", "R3b": "6000006", "R3d1": "4000004",
                 "R3d3": "3000003", "R3e2": "3000003", "R3f": "4 0 0 0 0 0 4", "R3g": "20 0 00 0 121",
                 "R4": "0 0 00 00 0"})
    rels = [r for r in get_profile("2019").relations if r.lhs[0].table == "三"]
    res = resolve("三", {}, _fused(rows), rels)
    assert all(r.status is Status.UNIQUE for r in res.values())
    assert res["R1"].values == (20, 0, 0, 0, 0, 1, 21)
    assert res["R3a"].values == (6, 0, 0, 0, 0, 1, 7)
    assert res["R3f"].values == (4, 0, 0, 0, 0, 0, 4)
    assert res["R3g"].values == (20, 0, 0, 0, 0, 1, 21)
