"""The cells every admissible reading agrees on (interpret/agree.py, PAR027 cells-agreed).

Seed 001's 表二 printed the way pdfminer prints it (labels first, then one value per line, column
by column): 表二 has no arithmetic, so row-major and column-major both fit and the rows stay unread
(PAR020) — except the cells whose value is the same under both readings."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.corpus import read, seed

from govlint.parsing import parse_text

BASE = read(seed("001"))
REG = re.compile(r"^规 章\t0\t0\t0\n行政规范性文件\t3\t6\t17\n", re.M)  # as a person reads seed 001: 0 0 0 / 3 6 17


def _column_major(reg: list[int], norm: list[int]) -> str:
    values = [v for pair in zip(reg, norm) for v in pair]
    text, n = REG.subn("规章\n行政规范性文件\n" + "".join(f"{v}\n" for v in values), BASE)
    assert n == 1
    return text


def _table_two(text: str):  # type: ignore[no-untyped-def]
    report = parse_text(text, "<seed 001>")
    rows = {r.key: r.values for r in report.tables["二"].rows}
    return report, rows["reg"], rows["norm"]


def test_the_cells_both_readings_give_are_read() -> None:
    # printed 0 3 0 6 0 17: column-major gives 0 0 0 / 3 6 17 (the page), row-major 0 3 0 / 6 0 17
    report, reg, norm = _table_two(_column_major([0, 0, 0], [3, 6, 17]))
    assert reg == [0, None, 0] and norm == [None, None, 17]
    (note,) = [f for f in report.findings if f.kind == "cells-agreed"]
    assert note.data == {"table": "二", "rows": ["reg", "norm"], "cells": {"reg": ["made", "valid"], "norm": ["valid"]}}
    assert "「规章」：「本年制发件数」 0、「现行有效件数」 0" in note.message
    (tie,) = [f for f in report.findings if f.kind == "cells-ambiguous"]  # the rest stay named, with candidates
    assert tie.data["rows"] == ["reg", "norm"] and tie.data["candidates"]["norm"] == [["6", "0", "17"], ["3", "6", "17"]]
    assert not [f for f in report.findings if f.kind in ("row-missing", "row-short") and f.data["table"] == "二"]


def test_the_note_is_an_info_reading_diagnostic() -> None:
    from govlint.config import Config
    from govlint.diagnostic import Severity
    from govlint.engine import Engine
    from govlint.plugins import load_plugins

    report = parse_text(_column_major([0, 0, 0], [3, 6, 17]), "<seed 001>")
    diags = Engine(Config(), load_plugins(installed=False)).check_report(report)
    (d,) = [d for d in diags if d.code == "PAR027"]
    assert d.name == "cells-agreed" and d.severity is Severity.INFO and d.reading


def test_rows_the_readings_agree_on_entirely_are_no_tie() -> None:
    report, reg, norm = _table_two(_column_major([0, 0, 0], [0, 0, 0]))
    assert reg == [0, 0, 0] and norm == [0, 0, 0]
    assert not [f for f in report.findings if f.kind in ("cells-agreed", "cells-ambiguous")]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, 3), min_size=6, max_size=6))
def test_a_cell_is_read_exactly_when_both_readings_give_it(values: list[int]) -> None:
    """Property: printed column by column, a cell is read iff the row-major reading of the same
    sequence gives it the same value — and then it is the value on the page; never another number."""
    reg, norm = values[:3], values[3:]
    printed = [v for pair in zip(reg, norm) for v in pair]
    by_rows = (printed[:3], printed[3:])
    _, got_reg, got_norm = _table_two(_column_major(reg, norm))
    if by_rows == (reg, norm):  # one reading only
        assert (got_reg, got_norm) == (reg, norm)
        return
    for got, page, other in ((got_reg, reg, by_rows[0]), (got_norm, norm, by_rows[1])):
        assert got == [p if p == o else None for p, o in zip(page, other)]
