"""``govlint export``: the table data of several reports, checked cell by cell against values a
person read (tests/corpus/truth/huaian_2024.json from the PDF's page images; the seeds' values
in tests/test_parse_seeds.py, read by eye from the files)."""

from __future__ import annotations

import csv
import json
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from tests.cli_util import run
from tests.corpus import CORPUS, seed
from tests.test_parse_seeds import EXPECTED as SEEDS_READ

HUAIAN = CORPUS / "extractors" / "huaian_2024_pdftotext-layout.txt"
TRUTH = json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"))
COLS = {"二": None, "三": ["np", "biz", "res", "npo", "law", "oth", "tot"], "四": ["wc", "jz", "qt", "wj", "zj"]}
T2_COLS = {"reg": ["made", "repealed", "valid"], "norm": ["made", "repealed", "valid"], "licence": ["count"],
           "penalty": ["count"], "coercion": ["count"], "fee": ["amount"]}


def expected_cells(truth: dict[str, dict[str, list]]) -> dict[tuple[str, str, str], object]:
    out = {}
    for table, rows in truth.items():
        for row, values in rows.items():
            cols = T2_COLS[row] if table == "二" else COLS[table]
            assert cols is not None and len(cols) == len(values)
            for col, v in zip(cols, values):
                out[(table, row, col)] = v
    return out


def seed_truth(name: str) -> dict[tuple[str, str, str], object]:
    t2, t3, t4 = SEEDS_READ[name]
    return expected_cells({"二": t2, "三": t3, "四": t4})


def huaian_truth() -> dict[tuple[str, str, str], object]:
    return expected_cells({t: TRUTH[t] for t in ("二", "三", "四")})


def test_xlsx_values_are_the_person_read_ones(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    out = tmp_path / "tables.xlsx"
    files = [str(HUAIAN), str(seed("001")), str(seed("002"))]
    proc = run("export", *files, "--format", "xlsx", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    wb = load_workbook(out, read_only=True)
    assert wb.sheetnames == ["单元格", "报告"]
    rows = list(wb["单元格"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert list(header) == ["path", "office", "year", "profile", "table", "row_key", "row_label",
                            "column_key", "column_label", "value", "raw", "status"]
    got: dict[str, dict[tuple[str, str, str], object]] = {}
    for r in body:
        rec = dict(zip(header, r))
        got.setdefault(rec["path"], {})[(rec["table"], rec["row_key"], rec["column_key"])] = rec["value"]
    for path, truth in ((files[0], huaian_truth()), (files[1], seed_truth("001")), (files[2], seed_truth("002"))):
        assert set(got[path]) == set(truth), path  # every cell of the format, no other
        wrong = {k: (got[path][k], v) for k, v in truth.items()
                 if not (got[path][k] == v or (v is not None and got[path][k] is not None
                                              and Decimal(str(got[path][k])) == Decimal(str(v))))}
        assert wrong == {}, path
    # one labelled row: 淮安 表二 行政事业性收费, 96171.6 万元 as printed
    fee = next(dict(zip(header, r)) for r in body if r[0] == files[0] and r[5] == "fee")
    assert fee["row_label"] == "行政事业性收费" and fee["column_label"].startswith("本年收费金额")
    assert fee["raw"] == "96171.6" and fee["status"] == "read" and fee["office"] == "淮安市人民政府"
    # a row printed with six values (seed 001 （六）1): the values read, flagged as not reliable
    f1 = [dict(zip(header, r)) for r in body if r[0] == files[1] and r[5] == "R3f1"]
    assert [c["status"] for c in f1] == ["unreliable"] * 6 + ["blank"]
    reports = list(wb["报告"].iter_rows(values_only=True))
    meta = {r[0]: dict(zip(reports[0], r)) for r in reports[1:]}
    assert meta[files[1]]["office"] == "渠县人民政府办公室" and meta[files[1]]["year"] == 2024
    # its short row is a reading problem (issue 13), counted apart from the report's errors
    assert "PAR004" in meta[files[1]]["codes"].split(";") and meta[files[1]]["reading_problems"] >= 1


def test_csv_and_jsonl_need_nothing(tmp_path: Path) -> None:
    for fmt in ("csv", "jsonl"):
        out = tmp_path / f"t.{fmt}"
        proc = run("export", str(seed("001")), "--format", fmt, "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        if fmt == "csv":
            with out.open(encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
            with (tmp_path / "t.reports.csv").open(encoding="utf-8-sig", newline="") as f:
                reports = list(csv.DictReader(f))
        else:
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            reports = [json.loads(line) for line in (tmp_path / "t.reports.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(rows) == len(seed_truth("001")) and len(reports) == 1
        norm = {(r["table"], r["row_key"], r["column_key"]): r["value"] for r in rows}
        # 表二 行政规范性文件 3 6 17; 表三 R1 22 0 0 0 0 1 23 (read by eye)
        assert [norm[("二", "norm", c)] for c in ("made", "repealed", "valid")] in (["3", "6", "17"], [3, 6, 17])
        assert norm[("三", "R1", "tot")] in ("23", 23)


def test_parquet(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "t.parquet"
    proc = run("export", str(HUAIAN), "--format", "parquet", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    table = pq.read_table(out).to_pylist()
    cells = {(r["table"], r["row_key"], r["column_key"]): r["value"] for r in table}
    assert cells == {k: (None if v is None else float(v)) for k, v in huaian_truth().items()}
    assert pq.read_table(tmp_path / "t.reports.parquet").to_pylist()[0]["office"] == "淮安市人民政府"


def test_missing_extra_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from govlint.cli import main

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails as if not installed
    rc = main(["export", str(seed("001")), "--format", "xlsx", "-o", str(tmp_path / "x.xlsx")])
    assert rc == 2
    err = capsys.readouterr().err
    assert "govlint[xlsx]" in err and "需要安装" in err and "Traceback" not in err
    assert not (tmp_path / "x.xlsx").exists()


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from openpyxl import load_workbook

    src = seed("000").read_text(encoding="utf-8")
    text = src.replace(" 渠县经济和信息化局\n2024年", " =HYPERLINK(1)\x07局\n2024年", 1)
    assert text != src
    f = tmp_path / "r.txt"
    f.write_text(text, encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert run("export", str(f), "--format", "xlsx", "-o", str(out)).returncode == 0
    ws = load_workbook(out)["报告"]
    title = ws.cell(row=2, column=6)
    assert title.data_type == "s" and title.value.startswith("=HYPERLINK(1)")
    assert "\x07" not in title.value
