"""Arithmetic rules (AR): the table relations of the report's format profile, and the kind
of number each cell may hold."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import Any

from govlint import hookimpl
from govlint.checks.context import Context, Needs, ReportRule, context
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.model import Cell, Number, Report, Row, Span
from govlint.profile import CellRef, Profile, Relation
from govlint.rule import Rule


def cell_label(prof: Profile, ref: CellRef) -> str:
    """Human name of a cell: 表三「一、本年新收政府信息公开申请数量」「总计」."""
    try:
        tspec = prof.table(ref.table)
    except KeyError:
        return str(ref)
    try:
        row_label = tspec.row(ref.row).label
    except KeyError:
        row_label = ref.row
    col_label = ref.column
    if tspec.blocks:
        for b in tspec.blocks:
            if any(r.key == ref.row for r in b.rows) and ref.column in b.column_keys:
                col_label = b.columns[b.column_keys.index(ref.column)]
    elif ref.column in tspec.column_keys and len(tspec.columns) == len(tspec.column_keys):
        col_label = tspec.columns[tspec.column_keys.index(ref.column)]
    return f"表{ref.table}「{row_label}」「{col_label}」"


def lookup(report: Report, ref: CellRef) -> tuple[Row | None, Cell | None]:
    return context(report).lookup(ref)


def present_value(report: Report, ref: CellRef) -> tuple[Number, Span] | None:
    """The cell's value and location, or None when absent (row not found, incomplete row,
    empty or placeholder cell)."""
    return context(report).present(ref)


def fmt(v: object) -> str:
    return str(v)


Cells = list[tuple[CellRef, Number, Span]]


@dataclass(slots=True)
class Evaluated:
    """A relation whose every cell is present, with the two sums (:func:`evaluate` adds them up
    as it reads the cells) and, when asked for, each side's cells with their values and
    locations (a report's relations mostly hold: their cells are then never listed)."""

    rel: Relation
    lsum: Number
    rsum: Number
    present: Callable[[CellRef], tuple[Number, Span] | None]
    _sides: tuple[Cells, Cells] | None = None

    @property
    def holds(self) -> bool:
        return self.lsum == self.rsum

    def _cells(self) -> tuple[Cells, Cells]:
        if self._sides is None:
            self._sides = self._side(self.rel.lhs), self._side(self.rel.rhs)
        return self._sides

    def _side(self, refs: Sequence[CellRef]) -> Cells:
        out: Cells = []
        for r in refs:
            pv = self.present(r)
            assert pv is not None, "every cell of an evaluated relation is present"
            out.append((r, pv[0], pv[1]))
        return out

    @property
    def lhs(self) -> Cells:
        return self._cells()[0]

    @property
    def rhs(self) -> Cells:
        return self._cells()[1]

    def refs(self) -> set[CellRef]:
        return set(self.rel.lhs) | set(self.rel.rhs)

    def correction(self, ref: CellRef) -> Number | None:
        """The value ``ref`` would need for this relation to hold."""
        for r, v, _ in self.lhs:
            if r == ref:
                return v + (self.rsum - self.lsum)
        for r, v, _ in self.rhs:
            if r == ref:
                return v + (self.lsum - self.rsum)
        return None


@dataclass(slots=True)
class _Plan:
    """A tuple of relations laid out for evaluation: the distinct rows they read (keys of
    ``Context.present_row``), each with the distinct columns read from it, and for every
    relation a getter of each side's values out of the flat list of those cells' values
    (a profile's 42 relations read 372 cells, only 190 of them distinct, from 28 rows)."""

    rows: list[tuple[tuple[str, str], list[str]]]
    getters: list[tuple[Relation, Callable[[list[Any]], tuple[Any, ...]], Callable[[list[Any]], tuple[Any, ...]]]]


#: plans by the identity of a profile's tuple of relations (built once per profile)
_PLANS: dict[int, tuple[Sequence[Relation], _Plan]] = {}


def _getter(ids: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    if not ids:
        return lambda vals: ()
    if len(ids) == 1:
        i = ids[0]
        return lambda vals: (vals[i],)
    return itemgetter(*ids)  # type: ignore[return-value]


def _plan(relations: Sequence[Relation]) -> _Plan:
    got = _PLANS.get(id(relations))
    if got is not None and got[0] is relations:
        return got[1]
    cols: dict[tuple[str, str], dict[str, None]] = {}
    for rel in relations:
        for r in (*rel.lhs, *rel.rhs):
            cols.setdefault((r.table, r.row), {})[r.column] = None
    index: dict[tuple[tuple[str, str], str], int] = {}
    for rk, cs in cols.items():
        for c in cs:
            index[(rk, c)] = len(index)
    getters = [(rel, _getter([index[((r.table, r.row), r.column)] for r in rel.lhs]),
                _getter([index[((r.table, r.row), r.column)] for r in rel.rhs])) for rel in relations]
    plan = _Plan([(rk, list(cs)) for rk, cs in cols.items()], getters)
    if isinstance(relations, tuple):  # a profile's own (a report's merged variant is built per report)
        _PLANS[id(relations)] = (relations, plan)
    return plan


def evaluate(report: Report, relations: Sequence[Relation]) -> list[Evaluated]:
    """The relations whose every cell is present, with their sums (the cells read as
    :meth:`Context.present` does, each distinct cell once: hundreds of cells per report)."""
    present = context(report).present
    return [Evaluated(rel, lsum, rsum, present) for rel, lsum, rsum in _sums(report, relations)]


def _sums(report: Report, relations: Sequence[Relation]) -> list[tuple[Relation, Number, Number]]:
    """:func:`evaluate`'s relations and sums, as plain tuples (most reports balance: then no
    :class:`Evaluated` is needed)."""
    values = context(report).present_values
    plan = _plan(relations)
    vals: list[Any] = []
    extend = vals.extend
    for rk, cols in plan.rows:
        got = values(rk)
        extend(map(got.get, cols) if got is not None else [None] * len(cols))
    out = []
    for rel, lget, rget in plan.getters:
        lhs = lget(vals)
        if None in lhs:
            continue
        rhs = rget(vals)
        if None in rhs:
            continue
        out.append((rel, sum(lhs), sum(rhs)))
    return out


def likely_culprit(evaluated: list[Evaluated]) -> tuple[CellRef, Number] | None:
    """A single cell that explains every failing relation: it appears in all of them, one
    corrected value makes them all hold, and it takes part in no relation that holds now."""
    failing = [e for e in evaluated if not e.holds]
    if not failing:
        return None
    holding_refs: set[CellRef] = set()
    for e in evaluated:
        if e.holds:
            holding_refs |= e.refs()
    candidates = set.intersection(*(e.refs() for e in failing)) - holding_refs
    found = []
    for ref in candidates:
        values = {e.correction(ref) for e in failing}
        if len(values) == 1:
            v = values.pop()
            if v is not None and v >= 0:
                found.append((ref, v))
    return found[0] if len(found) == 1 else None


def binding_text(prof: Profile, e: Evaluated) -> str:
    out = []
    for name, key in e.rel.binding:
        table = e.rel.lhs[0].table if e.rel.lhs else ""
        try:
            tspec = prof.table(table)
        except KeyError:
            out.append(f"{name}={key}")
            continue
        if name == "col" and key in tspec.column_keys and len(tspec.columns) == len(tspec.column_keys):
            out.append(f"「{tspec.columns[tspec.column_keys.index(key)]}」列")
        elif name == "row":
            try:
                out.append(f"「{tspec.row(key).label}」行")
            except KeyError:
                out.append(f"{key} 行")
        else:
            out.append(f"{name}={key}")
    return "，".join(out)


class RelationBalance(ReportRule):
    code = "AR001"
    name = "relation-balance"
    summary = "表格数据须满足格式规定的勾稽关系（总计等于各项之和等）"
    severity = Severity.ERROR
    doc = """\
## 说明

按报告所用的格式逐一核算表格之间的等式，例如 2021 年格式：

- 表三每一列：第一项（本年新收）加第二项（上年结转）之和，等于第三项（七）总计加第四项（结转下年度继续办理）之和——这是表格自身印出的勾稽关系；
- 表三每一行：总计等于自然人及五类法人或其他组织之和；
- 表三每一列：（七）总计等于（一）至（六）各办理结果之和；
- 表四行政复议、未经复议直接起诉、复议后起诉三组：总计等于结果维持、结果纠正、其他结果、尚未审结之和。

只有全部运算数都存在时才核算：某行数值不全（解析规则已报告）时，相关等式不报告。诊断写明等式、两边的值和参与的单元格（附行号）；若改动某一个单元格即可使所有不成立的等式同时成立，则指出该单元格为最可能的错误所在。

## 原因

表格中的总计和勾稽关系是格式本身规定的，数据不平衡说明填报有误，是审核人员最常手工核对的内容。

## 错误示例

```text
一、本年新收政府信息公开申请数量	58	7	0	0	1	0	67
```

（自然人 58 + 商业企业 7 + 法律服务机构 1 = 66，不等于总计 67）

## 正确示例

```text
一、本年新收政府信息公开申请数量	58	7	0	0	1	0	66
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        merged = {k: v for t in report.tables.values() for k, v in t.merged.items()}
        sums = _sums(report, prof.relations_with_merged(merged) if merged else prof.relations)
        if all(lsum == rsum for _, lsum, rsum in sums):
            return
        present = ctx.present
        evaluated = [Evaluated(rel, lsum, rsum, present) for rel, lsum, rsum in sums]
        failing = [e for e in evaluated if not e.holds]
        culprit = likely_culprit(evaluated)
        culprit_text = ""
        culprit_related: list[Related] = []
        if culprit is not None:
            ref, value = culprit
            pv = present_value(report, ref)
            assert pv is not None
            culprit_text = (f"；最可能出错的是{cell_label(prof, ref)}（第 {pv[1].line} 行，现为 {fmt(pv[0])}）："
                            f"改为 {fmt(value)} 即可使全部 {len(failing)} 处不成立的关系成立")
            culprit_related = [Related(pv[1], f"可能出错的单元格：{cell_label(prof, ref)}，现为 {fmt(pv[0])}，"
                                                f"应为 {fmt(value)}")]
        for e in failing:
            sev = self.effective_severity
            if sev == type(self).severity:
                try:
                    sev = Severity.parse(e.rel.severity)
                except ValueError:
                    pass
            where = binding_text(prof, e)
            diff = e.lsum - e.rsum
            # the operands are listed once, as related locations (each with its cell and value)
            msg = (f"「{e.rel.name}」{('（' + where + '）') if where else ''}不成立："
                   f"左边 {fmt(e.lsum)}，右边 {fmt(e.rsum)}，相差 {fmt(abs(diff))}"
                   f"{culprit_text}")
            related = list(culprit_related)
            for side, items in (("左边", e.lhs), ("右边", e.rhs)):
                for r, v, span in items:
                    if v == 0 and side == "右边" and len(items) > 3:
                        continue  # the zero terms of a long sum tell nothing
                    related.append(Related(span, f"{side}：{cell_label(prof, r)} = {fmt(v)}"))
            anchor = e.lhs[0][2] if e.lhs else e.rhs[0][2]
            yield self.diag(report, anchor, msg, related, severity=sev)


class CellValue(ReportRule):
    code = "AR002"
    name = "cell-value"
    summary = "计数单元格须为非负整数，只有金额列可以是小数"
    severity = Severity.ERROR
    doc = """\
## 说明

表二、表三、表四中的件数、决定数量、案件数都是计数，必须是非负整数；只有格式中的金额列（2021 年格式为表二第二十条第（八）项“本年收费金额（单位：万元）”）可以是小数；只有可为负的列（2019 年格式的“本年增/减”）可以是负数。占位符（/、—、无、空白）由解析规则报告，本规则不重复。

## 原因

件数出现小数或负数，说明数字录入或转换出错（常见于把金额列、百分比填进了计数列，或表格错位）。

## 错误示例

```text
行政许可	12.5
```

## 正确示例

```text
行政许可	12
```
"""

    needs = Needs.PROFILE

    def check_context(self, ctx: Context) -> Iterator[Diagnostic]:
        report, prof = ctx.report, ctx.prof
        for tid, rspec, row in ctx.found_rows():
            for cell in row.cells:
                v = cell.value
                if v is None or (type(v) is int and v >= 0):
                    continue  # a count as it should be
                ref = CellRef(tid, rspec.key, cell.column)
                span = cell.span or row.span
                assert span is not None
                money = cell.column in rspec.money_columns
                signed = cell.column in rspec.signed_columns
                problems = []
                if isinstance(v, Decimal) and not money and v != v.to_integral_value():
                    problems.append("计数不应是小数")
                if v < 0 and not signed:
                    problems.append("不应为负数")
                if problems:
                    yield self.diag(report, span,
                                    f"{cell_label(prof, ref)}的值 {cell.raw or fmt(v)} {'，'.join(problems)}")


RULES: list[type[Rule]] = [RelationBalance, CellValue]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
