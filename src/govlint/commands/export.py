"""``govlint export PATHS --format csv|jsonl|xlsx|parquet -o OUT``: the table data of many
reports as one table — a row per report × table × row × column — and a row per report with
its metadata and finding counts (a second file, or a second sheet in xlsx).

Files are processed one at a time and rows are written as they come (xlsx in write-only
mode, parquet in row groups): memory does not grow with the number of reports.
csv and jsonl need nothing; xlsx needs ``govlint[xlsx]`` (openpyxl), parquet
``govlint[parquet]`` (pyarrow).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from govlint.facts import Facts
from govlint.strictjson import dumps as strict_dumps

CELL_COLUMNS = ["path", "office", "year", "profile", "table", "row_key", "row_label",
                "column_key", "column_label", "value", "raw", "status"]
REPORT_COLUMNS = ["path", "office", "year", "profile", "template", "title", "cells", "cells_read",
                  "errors", "warnings", "infos", "reading_problems", "codes", "problem"]
FORMATS = ("csv", "jsonl", "xlsx", "parquet")
EXTRA = {"xlsx": ("openpyxl", "xlsx"), "parquet": ("pyarrow", "parquet")}
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class MissingExtra(Exception):
    pass


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="导出多份报告的表格数据（csv、jsonl、xlsx、parquet）")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=FORMATS, default="csv", help="输出格式（默认 csv）")
    p.add_argument("-o", "--output", type=Path, required=True,
                   help="输出文件；csv/jsonl/parquet 另写一个 NAME.reports.EXT（每份报告一行）")
    p.add_argument("--config", type=Path, help="配置文件（govlint.toml 或 pyproject.toml）")
    p.set_defaults(handler=run)


def reports_path(out: Path) -> Path:
    """Where the per-report rows go for the single-table formats: ``x.csv`` → ``x.reports.csv``."""
    return out.with_name(f"{out.stem}.reports{out.suffix or ''}")


def need(fmt: str) -> None:
    """Raise MissingExtra (with the Chinese message) when ``fmt``'s library is not installed."""
    if fmt not in EXTRA:
        return
    module, extra = EXTRA[fmt]
    try:
        __import__(module)
    except ImportError:
        raise MissingExtra(f"输出 {fmt} 需要安装可选依赖：pip install 'govlint[{extra}]'（缺少 {module}）") from None


# ------------------------------------------------------------------- rows


@lru_cache(maxsize=64)
def column_labels(profile: str, table: str) -> dict[tuple[str, str], str]:
    """(row key, column key) → column label; ("", key) for tables with one set of columns."""
    from govlint.profile import get_profile

    try:
        spec = get_profile(profile).table(table)
    except KeyError:
        return {}
    out = {("", k): label for k, label in zip(spec.column_keys, spec.columns)}
    for block in spec.blocks:
        for row in block.rows:
            for k, label in zip(block.column_keys, block.columns):
                out[(row.key, k)] = label
    return out


def cell_rows(facts: Facts) -> Iterator[dict[str, Any]]:
    for t in facts.tables.values():
        labels = column_labels(facts.profile, t.id)
        for r in t.rows.values():
            for col, c in r.cells.items():
                yield {
                    "path": facts.path, "office": facts.body, "year": facts.year, "profile": facts.profile,
                    "table": t.id, "row_key": r.key, "row_label": r.label, "column_key": col,
                    "column_label": labels.get((r.key, col)) or labels.get(("", col), col),
                    "value": c.value, "raw": c.raw, "status": c.status.value,
                }


def report_row(path: str, facts: Facts | None, problem: str = "", codes: str = "") -> dict[str, Any]:
    if facts is None:
        return {k: None for k in REPORT_COLUMNS} | {"path": path, "problem": problem or "无法读取"}
    cells = [c for t in facts.tables.values() for r in t.rows.values() for c in r.cells.values()]
    n = facts.counts
    return {
        "path": facts.path, "office": facts.body, "year": facts.year, "profile": facts.profile,
        "template": facts.template, "title": facts.title, "cells": len(cells),
        "cells_read": sum(1 for c in cells if c.status.value == "read"),
        "errors": n.get("error", 0), "warnings": n.get("warning", 0), "infos": n.get("info", 0),
        "reading_problems": n.get("reading", 0), "codes": codes, "problem": problem,
    }


# ------------------------------------------------------------------- writers


def _plain(v: Any) -> Any:
    return float(v) if isinstance(v, Decimal) else v


class CsvWriter:
    def __init__(self, path: Path, columns: list[str]) -> None:
        self.f = path.open("w", encoding="utf-8-sig", newline="")  # BOM: Excel opens it as UTF-8
        self.w = csv.DictWriter(self.f, columns)
        self.w.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        self.w.writerow({k: "" if v is None else str(v) for k, v in row.items()})

    def close(self) -> None:
        self.f.close()


class JsonlWriter:
    def __init__(self, path: Path, columns: list[str]) -> None:
        self.f = path.open("w", encoding="utf-8")

    def write(self, row: dict[str, Any]) -> None:
        self.f.write(strict_dumps({k: _plain(v) for k, v in row.items()}, compact=True) + "\n")

    def close(self) -> None:
        self.f.close()


class ParquetWriter:
    """Rows buffered into row groups of ``batch`` rows; ``value`` as float64 (exact for counts,
    money as printed), every other column as text or integer."""

    INT_COLUMNS = {"year", "cells", "cells_read", "errors", "warnings", "infos", "reading_problems"}

    def __init__(self, path: Path, columns: list[str], batch: int = 50_000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.pa = pa
        self.columns = columns
        fields = [pa.field(c, pa.float64() if c == "value" else pa.int64() if c in self.INT_COLUMNS else pa.string())
                  for c in columns]
        self.schema = pa.schema(fields)
        self.writer = pq.ParquetWriter(str(path), self.schema)
        self.batch = batch
        self.rows: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        if not self.rows:
            return
        cols = {c: [_plain(r.get(c)) for r in self.rows] for c in self.columns}
        self.writer.write_table(self.pa.Table.from_pydict(cols, schema=self.schema))
        self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


class XlsxBook:
    """One workbook, two write-only sheets: 单元格 (cells) and 报告 (reports)."""

    def __init__(self, path: Path) -> None:
        from openpyxl import Workbook

        self.path = path
        self.wb = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}

    def sheet(self, title: str, columns: list[str]) -> XlsxSheet:
        ws = self.wb.create_sheet(title)
        ws.append(columns)
        return XlsxSheet(ws, columns)

    def close(self) -> None:
        self.wb.save(str(self.path))


class XlsxSheet:
    def __init__(self, ws: Any, columns: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.ws, self.columns, self.cell = ws, columns, WriteOnlyCell

    def write(self, row: dict[str, Any]) -> None:
        out = []
        for c in self.columns:
            v = row.get(c)
            if isinstance(v, str):
                cell = self.cell(self.ws, value=_ILLEGAL_XML.sub("\ufffd", v))
                cell.data_type = "s"  # text stays text: "=…" is never a formula
                out.append(cell)
            else:
                out.append(v)
        self.ws.append(out)

    def close(self) -> None:
        pass


def open_writers(fmt: str, out: Path) -> tuple[Any, Any, Any]:
    """(cells writer, reports writer, finisher or None)."""
    if fmt == "xlsx":
        book = XlsxBook(out)
        return book.sheet("单元格", CELL_COLUMNS), book.sheet("报告", REPORT_COLUMNS), book
    cls = {"csv": CsvWriter, "jsonl": JsonlWriter, "parquet": ParquetWriter}[fmt]
    return cls(out, CELL_COLUMNS), cls(reports_path(out), REPORT_COLUMNS), None


# ------------------------------------------------------------------- command


def run(args: argparse.Namespace) -> int:
    from govlint.cli import EXIT_ERROR, EXIT_OK, _err, _load
    from govlint.commands.perfile import process_file
    from govlint.engine import Engine

    try:
        need(args.format)
    except MissingExtra as exc:
        _err(str(exc))
        return EXIT_ERROR
    loaded = _load(args.config)
    if loaded is None:
        return EXIT_ERROR
    config, plugins = loaded
    engine = Engine(config, plugins, keep_sources=False)
    files, errors = engine.discover(args.paths)
    for e in errors:
        _err(e)
    out: Path = args.output
    if out.is_dir():
        _err(f"输出路径 {out} 是目录，请给出文件名")
        return EXIT_ERROR
    try:
        cells_w, reports_w, book = open_writers(args.format, out)
    except OSError as exc:
        _err(f"无法写入 {out}：{exc.strerror or exc}")
        return EXIT_ERROR
    failed = bool(errors or plugins.errors)
    try:
        for f in files:
            if f == "-":
                _err("export 不支持标准输入，请给出文件")
                failed = True
                continue
            res = process_file(engine, f)
            for e in res.errors:
                _err(e)
            failed = failed or bool(res.errors)
            if res.facts is not None:
                for row in cell_rows(res.facts):
                    cells_w.write(row)
            problem = "" if res.facts is not None else "；".join(
                [d.message for d in res.diagnostics] + res.errors) or "无法读取"
            codes = ";".join(sorted({d.code for d in res.diagnostics}))
            reports_w.write(report_row(f, res.facts, problem, codes))
    finally:
        cells_w.close()
        reports_w.close()
        if book is not None:
            book.close()
    print(f"已导出 {len(files)} 份报告的表格数据到 {out}", file=sys.stderr)
    return EXIT_ERROR if failed else EXIT_OK
