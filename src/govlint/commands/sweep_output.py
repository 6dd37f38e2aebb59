"""The sweep's outputs, written from the store a page at a time, partitioned by report year:
``DIR/facts/year=Y/part-0.jsonl`` (each report's facts and content hash) and
``DIR/diagnostics/year=Y/part-0.jsonl``; with ``--format parquet`` also ``cells.parquet`` (one
row per table cell, as ``govlint export``) and ``diagnostics.parquet``; ``DIR/summary.json``
has the counts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from govlint.commands.sweep_store import Store, release_freed_memory

ROW_GROUP = 10_000  # parquet rows buffered before they are written (cells: ~100 a report)


def _part(out: Path, kind: str, year: int | None) -> Path:
    d = out / kind / f"year={year if year is not None else 'unknown'}"
    d.mkdir(parents=True, exist_ok=True)
    return d


def write_outputs(store: Store, run: int, out: Path, fmt: str, summary: dict[str, int]) -> None:
    from govlint.commands.export import CELL_COLUMNS, ParquetWriter, cell_rows
    from govlint.facts import Facts

    for kind in ("facts", "diagnostics"):
        shutil.rmtree(out / kind, ignore_errors=True)  # this run's set only
    counts: dict[str, int] = {}
    codes: dict[str, int] = {}
    reports = 0
    for year in store.years(run):
        fdir, ddir = _part(out, "facts", year), _part(out, "diagnostics", year)
        cells = ParquetWriter(fdir / "cells.parquet", CELL_COLUMNS, ROW_GROUP) if fmt == "parquet" else None
        with (fdir / "part-0.jsonl").open("w", encoding="utf-8") as f:
            for _path, sha, facts_json in store.facts_of_year(run, year):
                reports += 1
                # the stored line as it is (one object, compact), with the content hash added
                f.write(f'{facts_json[:-1]},"sha256":{json.dumps(sha)}}}\n')
                if cells is not None:
                    for row in cell_rows(Facts.from_json(facts_json)):
                        cells.write(row)
        if cells is not None:
            cells.close()
        diag_pq = ParquetWriter(ddir / "diagnostics.parquet", DIAG_COLUMNS, ROW_GROUP) if fmt == "parquet" else None
        with (ddir / "part-0.jsonl").open("w", encoding="utf-8") as f:
            for d in store.diagnostics_of_year(run, year):
                counts[d["severity"]] = counts.get(d["severity"], 0) + 1
                codes[d["code"]] = codes.get(d["code"], 0) + 1
                f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
                if diag_pq is not None:
                    diag_pq.write({**d, "related": json.dumps(d.get("related", []), ensure_ascii=False)})
        if diag_pq is not None:
            diag_pq.close()
        release_freed_memory()
    doc = {**summary, "reports": reports, "severities": dict(sorted(counts.items())),
           "codes": dict(sorted(codes.items()))}
    doc.pop("processed")
    doc.pop("unchanged")
    (out / "summary.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                      encoding="utf-8")


DIAG_COLUMNS = ["path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "related"]
