"""Inputs the fuzzer found (seed 11, cases 10276 and 3312), kept as files: ``govlint parse`` must
write strict JSON for them.  Both hand a 200-digit (or 4,000-digit) number to the parse JSON —
a table value and a fused-digit candidate.  A split never yields a piece longer than
``govlint.numbers.MAX_DIGITS`` (no cell value), so the parse JSON holds no such number; before
that the strict encoder refused it (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_util import run

HERE = Path(__file__).resolve().parent / "reproducers"


@pytest.mark.parametrize("name", ["huge-cell-table4.txt", "huge-fused-candidate.txt"])
def test_parse_json_of_fuzzer_reproducers_is_strict(name: str) -> None:
    proc = run("parse", str(HERE / name))
    assert proc.returncode == 0, proc.stderr
    json.loads(proc.stdout, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


@pytest.mark.parametrize("name", ["huge-cell-table4.txt", "huge-fused-candidate.txt"])
def test_check_of_fuzzer_reproducers_is_valid_json(name: str) -> None:
    for fmt in ("json", "sarif"):
        proc = run("check", "--output-format", fmt, str(HERE / name))
        assert proc.returncode in (0, 1), proc.stderr
        json.loads(proc.stdout, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))


def test_a_line_of_thousands_of_stray_values_is_one_note() -> None:
    # seed 42, case 8799: "10.00 " and digit runs repeated thousands of times inside 表二, on two
    # lines.  Each unplaced value was a PAR006 of its own (10,175 of them, 3 s to write); a reader
    # wants one note per line, with the values counted.
    proc = run("check", "--output-format", "json", str(HERE / "stray-values-line.txt"))
    assert proc.returncode in (0, 1), proc.stderr
    notes = [d for d in json.loads(proc.stdout) if d["code"] == "PAR006" and "前没有可识别的行标签" in d["message"]]
    lines = [d["line"] for d in notes]
    assert notes and len(lines) == len(set(lines))  # one per line
    assert any("个）" in d["message"] and "…（共 " in d["message"] for d in notes)
