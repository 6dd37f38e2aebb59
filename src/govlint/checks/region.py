"""Region totals (RG): a region's report equals the sum of the reports of the offices under it.

A set-level rule over the per-report facts (:mod:`govlint.facts`).  The hierarchy is data the
user supplies — which office reports under which region — as a mapping file named by the
``hierarchy`` configuration key or ``--hierarchy FILE``; without one the rule is silent.

Mapping file: TOML (``[hierarchy]`` table, ``"office" = "parent"``) or text with one
``office,parent`` pair a line (comma or tab; ``#`` starts a comment).  Names are the bodies as
the report titles name them (the text before the year, spaces dropped).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from govlint import hookimpl
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.facts import CellStatus, Facts
from govlint.model import Number, Span
from govlint.rule import Rule

TABLES = ("二", "三", "四")
_SEP = "\x1f"


class HierarchyError(ValueError):
    """The mapping file cannot be used (message in Chinese)."""


def _norm(name: str) -> str:
    return name.replace(" ", "").replace("\u3000", "").strip()


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> dict[str, str]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise HierarchyError(f"无法读取层级文件 {path}：{exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HierarchyError(f"层级文件 {path} 不是 UTF-8 文本") from None
    mapping: dict[str, str] = {}
    if p.suffix.lower() == ".toml":
        from govlint.config import tomllib

        try:
            data: Any = tomllib.loads(text).get("hierarchy")
        except tomllib.TOMLDecodeError as exc:
            raise HierarchyError(f"层级文件 {path} 不是有效的 TOML：{exc}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise HierarchyError(f"层级文件 {path} 应有 [hierarchy] 表，每项为 \"机关\" = \"上级\"")
        pairs = list(data.items())
    else:
        import csv  # (only for a hierarchy file: not on every run's start-up)

        pairs = []
        dialect = "excel-tab" if "\t" in text and "," not in text else "excel"
        for n, row in enumerate(csv.reader(io.StringIO(text), dialect=dialect), 1):
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) != 2 or not row[0].strip() or not row[1].strip():
                raise HierarchyError(f"层级文件 {path} 第 {n} 行应为「机关,上级」两列")
            pairs.append((row[0], row[1]))
    for child, parent in pairs:
        c, par = _norm(child), _norm(parent)
        if c == par:
            raise HierarchyError(f"层级文件 {path}：{c} 的上级不能是它自己")
        if c in mapping and mapping[c] != par:
            raise HierarchyError(f"层级文件 {path}：{c} 有两个上级（{mapping[c]}、{par}）")
        mapping[c] = par
    return mapping


def load_hierarchy(path: Path) -> dict[str, str]:
    """office → parent, from the mapping file (raises :class:`HierarchyError`)."""
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise HierarchyError(f"无法读取层级文件 {path}：{exc.strerror or exc}") from None
    return dict(_load(str(path), mtime))


def _fmt(v: Number) -> str:
    return format(v.normalize(), "f") if isinstance(v, Decimal) else str(v)


class RegionTotals(Rule):
    code = "RG001"
    name = "region-totals"
    summary = "区域（上级）报告的统计表应等于其下级机关报告之和"
    severity = Severity.WARNING
    doc = """## 说明

按用户提供的层级文件（机关 → 上级，配置键 `hierarchy` 或命令行 `--hierarchy FILE`），同一年度上级的报告中表二、表三、表四的每个单元格，应等于其全部下级机关报告同一单元格之和。下级报告不全时不比较数字，而是列出缺少的下级机关。某个单元格在任一份报告中未能可靠读出时，该单元格不比较。

## 原因

汇总报告的数字由下级报告相加而来，不一致说明汇总或某一份下级报告填报有误（规范未明文要求按此汇总，故为警告，且只在用户提供层级时检查）。

## 错误示例

```text
（层级）甲局,某区　乙局,某区
（某区）一、本年新收政府信息公开申请数量	10	…
（甲局）一、本年新收政府信息公开申请数量	3	…
（乙局）一、本年新收政府信息公开申请数量	5	…
```

## 正确示例

```text
（某区）一、本年新收政府信息公开申请数量	8	…
```
"""

    hierarchy: dict[str, str] = {}

    def configure(self, config: Any) -> None:
        path = getattr(config, "hierarchy", None)
        self.hierarchy = load_hierarchy(Path(path)) if path else {}
        self.children: dict[str, list[str]] = {}
        for child, parent in self.hierarchy.items():
            self.children.setdefault(parent, []).append(child)

    def fact_groups(self, facts: Facts) -> Iterator[str]:
        if facts.template != "report" or not facts.body or facts.year is None or not self.hierarchy:
            return
        body = _norm(facts.body)
        if body in self.hierarchy:  # as a child of its region
            yield f"{self.hierarchy[body]}{_SEP}{facts.year}"
        if body in self.children:  # as the region itself
            yield f"{body}{_SEP}{facts.year}"

    def check_facts(self, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        return iter(())  # grouped by region: see check_group

    def check_group(self, key: str, group: Sequence[Facts]) -> Iterator[Diagnostic]:
        if not self.hierarchy:
            return
        parent_name = key.split(_SEP)[0]
        bodies: dict[str, Facts] = {}
        for f in group:  # sorted by path within a year: the first report of a body counts
            bodies.setdefault(_norm(f.body or ""), f)
        parent = bodies.get(parent_name)
        if parent is None:
            return  # the region's own report is not in the set: nothing to compare with
        expected = sorted(self.children.get(parent_name, []))
        kids = [bodies[c] for c in expected if c in bodies]
        missing = [c for c in expected if c not in bodies]
        if missing:
            yield self.diag(
                parent, parent.anchor,
                f"无法核对 {parent_name} {parent.year} 年报告与下级之和：缺少 {len(missing)} 个下级机关的报告（"
                + "、".join(missing) + f"）；已有 {len(kids)} 个",
            )
            return
        yield from self._compare(parent, kids)

    def _compare(self, parent: Facts, kids: list[Facts]) -> Iterator[Diagnostic]:
        from govlint.commands.export import column_labels

        for tid in TABLES:
            table = parent.tables.get(tid)
            if table is None or not table.found:
                continue
            labels = column_labels(parent.profile, tid)
            for row in table.rows.values():
                for col, cell in row.cells.items():
                    if cell.status is not CellStatus.READ or cell.value is None or cell.span is None:
                        continue
                    parts: list[tuple[Facts, Number, Span | None]] = []
                    for k in kids:
                        c = k.cell(tid, row.key, col)
                        if c is None or c.status is not CellStatus.READ or c.value is None:
                            break  # a child's cell was not read: this cell cannot be checked
                        parts.append((k, c.value, c.span))
                    if len(parts) != len(kids):
                        continue
                    total: Number = sum((v for _, v, _ in parts), start=0)  # type: ignore[assignment]
                    if total == cell.value:
                        continue
                    column = labels.get((row.key, col)) or labels.get(("", col), col)
                    listing = " + ".join(f"{k.body} {_fmt(v)}" for k, v, _ in parts)
                    related = [Related(sp, f"{k.body}「{row.label}」「{column}」 = {_fmt(v)}", k.path)
                               for k, v, sp in parts if sp is not None]
                    yield self.diag(
                        parent, cell.span,
                        f"表{tid}「{row.label}」「{column}」为 {_fmt(cell.value)}，与 {len(kids)} 个下级机关之和 "
                        f"{_fmt(total)} 不符（{listing}）",
                        related,
                    )


RULES: list[type[Rule]] = [RegionTotals]


@hookimpl
def govlint_rules() -> list[type[Rule]]:
    return list(RULES)
