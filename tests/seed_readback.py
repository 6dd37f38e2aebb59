"""The check shared by the tests that rebuild a seed as a document (Word, PDF) and read it back:
the seed's person-read table values (tests/test_parse_seeds.EXPECTED) and all six parts."""

from __future__ import annotations

from pathlib import Path

from tests.test_parse_seeds import EXPECTED

from govlint.parsing import parse_text
from govlint.source import read_source


def assert_reads_back_as_seed(path: Path, name: str) -> None:
    src = read_source(path)
    assert src.error is None, src.error
    report = parse_text(src.text or "", str(path))
    for table_id, want in zip(("二", "三", "四"), EXPECTED[name]):
        assert {r.key: r.values for r in report.tables[table_id].rows} == want, (name, table_id)
    assert [p.canonical for p in report.parts if p.canonical] == [1, 2, 3, 4, 5, 6]
    assert not [f for f in report.findings if f.kind in ("part-missing", "table-missing", "row-missing")]
