"""Property test: random consistent tables, rendered in each layout real reports arrive in,
parse back to the same values — or to findings that say which rows could not be read.
Never to a wrong value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from govlint.parsing import parse_text
from govlint.profile import get_profile

PROFILE = get_profile("2021")
T2 = PROFILE.table("二")
T3 = PROFILE.table("三")
T4 = PROFILE.table("四")
LEAVES = [r.key for r in T3.rows if r.key.startswith("R3") and r.key != "R3g"]

LAYOUTS = ["tabs", "spaces-wrapped", "cell-per-line", "fused", "markdown", "one-line"]


@st.composite
def tables(draw: st.DrawFn) -> dict[str, dict[str, list[int]]]:
    small = st.integers(min_value=0, max_value=30)
    sparse = st.one_of(st.just(0), st.just(0), small)
    t3: dict[str, list[int]] = {}
    for key in LEAVES:
        six = [draw(sparse) for _ in range(6)]
        t3[key] = six + [sum(six)]
    total = [sum(t3[k][c] for k in LEAVES) for c in range(7)]
    t3["R3g"] = total
    # 一 + 二 = （七）总计 + 四: choose 二 and 四 per column, then 一 follows
    carried_in = [min(draw(sparse), total[c]) for c in range(6)]
    carried_out = [draw(sparse) for _ in range(6)]
    new = [total[c] + carried_out[c] - carried_in[c] for c in range(6)]
    t3["R1"] = new + [sum(new)]
    t3["R2"] = carried_in + [sum(carried_in)]
    t3["R4"] = carried_out + [sum(carried_out)]
    t2 = {r.key: [draw(small) for _ in r.columns] for r in T2.rows}
    t4 = {}
    for r in T4.rows:
        four = [draw(sparse) for _ in range(4)]
        t4[r.key] = four + [sum(four)]
    return {"二": t2, "三": t3, "四": t4}


def _wrap(label: str, width: int = 7) -> list[str]:
    return [label[i : i + width] for i in range(0, len(label), width)] or [label]


def _row(label: str, vals: list[int], layout: str) -> list[str]:
    nums = [str(v) for v in vals]
    if layout == "tabs":
        return ["\t".join([label, *nums])]
    if layout == "spaces-wrapped":
        *head, last = _wrap(label)
        return [*head, " ".join([last, *nums])]
    if layout == "cell-per-line":
        return [*_wrap(label), *nums]
    if layout in ("fused", "one-line"):
        return [label + "".join(nums)]
    if layout == "markdown":
        return ["| " + " | ".join([label, *nums]) + " |"]
    raise AssertionError(layout)


def render(data: dict[str, dict[str, list[int]]], layout: str) -> str:
    lines = ["某县某局2024年政府信息公开工作年度报告", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。",
             "一、总体情况", "（一）主动公开。本年度主动公开信息。", "二、主动公开政府信息情况"]
    for block in T2.blocks:
        lines.append(block.caption)
        lines.append("信息内容 " + " ".join(block.columns))
        for r in block.rows:
            lines.extend(_row(r.label, data["二"][r.key], layout))
    lines.append("三、收到和处理政府信息公开申请情况")
    lines.append(T3.note)
    lines.append("申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他")
    if layout == "markdown":
        lines.append("|---|---|---|---|---|---|---|---|")
    groups = dict(T3.groups)
    for r in T3.rows:
        if r.key == "R3a":
            lines.append(groups["G3"])
        if r.group and r.key.endswith("1"):
            lines.append(groups[r.group])
        lines.extend(_row(r.label, data["三"][r.key], layout))
    lines.append("四、政府信息公开行政复议、行政诉讼情况")
    lines.append("行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉")
    nums = [str(v) for r in T4.rows for v in data["四"][r.key]]
    if layout in ("fused", "one-line"):
        lines.append("".join(nums))
    elif layout == "cell-per-line":
        lines.extend(nums)
    elif layout == "markdown":
        lines.append("| " + " | ".join(nums) + " |")
    else:
        lines.append(("\t" if layout == "tabs" else " ").join(nums))
    lines += ["五、存在的主要问题及改进情况", "存在问题：不足。改进情况：加强。", "六、其他需要报告的事项",
              "2024年，本机关未收取信息处理费。"]
    return ("" if layout == "one-line" else "\n").join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(tables(), st.sampled_from(LAYOUTS))
def test_layouts_parse_back(data: dict[str, dict[str, list[int]]], layout: str) -> None:
    text = render(data, layout)
    report = parse_text(text, f"<{layout}>")
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6], layout
    unread = {
        (f.data.get("table"), f.data.get("row"))
        for f in report.findings
        if f.kind in ("digits-ambiguous", "digits-unsplittable")
    }
    # rows whose cells fit several readings (row- or column-major, both adding up) or none: the
    # reader names them and lists the candidates instead of picking one
    placed_apart = {
        (f.data.get("table"), key)
        for f in report.findings
        if f.kind in ("cells-ambiguous", "cells-unplaced")
        for key in f.data.get("rows") or ()
    }
    unread |= placed_apart
    for table_id in ("二", "三", "四"):
        for row in report.tables[table_id].rows:
            truth = data[table_id][row.key]
            got = row.values
            if got == truth:
                continue
            # never a wrong value: a cell that is not the truth is absent (a row may keep the cells every
            # reading agrees on, PAR027), and a finding says why
            assert all(v is None or v == t for v, t in zip(got, truth)), (layout, table_id, row.key, got, truth)
            assert (table_id, row.key) in unread or (table_id, "ALL") in unread or (
                table_id == "四" and ("四", None) in unread
            ), (layout, table_id, row.key)
            assert layout in ("fused", "one-line") or (table_id, row.key) in placed_apart, (layout, table_id, row.key)


def test_unfused_layouts_read_exactly() -> None:
    """A fixed table with multi-digit values: every non-fused layout reads it exactly."""
    data = {
        "二": {r.key: [12 + i for i in range(len(r.columns))] for r in T2.rows},
        "三": {},
        "四": {"fy": [1, 2, 0, 3, 6], "zs": [0, 1, 0, 0, 1], "hs": [0, 0, 0, 0, 0]},
    }
    leaves = {k: [0] * 7 for k in LEAVES}
    leaves["R3a"] = [10, 2, 0, 0, 1, 0, 13]
    leaves["R3d1"] = [5, 0, 0, 0, 0, 0, 5]
    data["三"] = dict(leaves)
    data["三"]["R3g"] = [15, 2, 0, 0, 1, 0, 18]
    data["三"]["R1"] = [14, 2, 0, 0, 1, 0, 17]
    data["三"]["R2"] = [3, 0, 0, 0, 0, 0, 3]
    data["三"]["R4"] = [2, 0, 0, 0, 0, 0, 2]
    for layout in ("tabs", "spaces-wrapped", "cell-per-line", "markdown"):
        report = parse_text(render(data, layout), layout)
        for table_id in ("二", "三", "四"):
            got = {row.key: row.values for row in report.tables[table_id].rows}
            assert got == data[table_id], (layout, table_id)
