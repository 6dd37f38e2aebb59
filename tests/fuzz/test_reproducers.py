"""Inputs the fuzzer found (seed 11, cases 10276 and 3312), kept as files: ``govlint parse`` must
write strict JSON for them.  Both hand a 200-digit (or 4,000-digit) number to the parse JSON —
a table value and a fused-digit candidate that were not read through the bounded parser of
``govlint.numbers`` — and the strict encoder refuses it (exit 2) instead of writing a number no
JSON reader keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.cli_util import run

HERE = Path(__file__).resolve().parent / "reproducers"


@pytest.mark.xfail(strict=True, reason="reader (issue 8): 表四 cell and fused candidates read past numbers.MAX_DIGITS")
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
