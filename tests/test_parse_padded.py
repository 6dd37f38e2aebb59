"""Text whose every line is padded with blanks to the page's width: pdfplumber's layout mode
(``page.extract_text(layout=True)``, pdfplumber 0.11) on the huaian PDF, kept in tests/data.
The grammar's title block once took 30 s on it (a blank either repeat of the title line could
take: the ways to split the padded lines multiplied line by line); the title is now read as a
person reads it on page 1, and every table cell as in tests/corpus/truth/huaian_2024.json."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from tests.corpus import CORPUS, read

from govlint.parsing import parse_text
from govlint.parsing.structure import grammar_text

TEXT = Path(__file__).parent / "data" / "extracted" / "huaian_2024_pdfplumber-layout-mode.txt"
TRUTH = json.loads((CORPUS / "truth" / "huaian_2024.json").read_text(encoding="utf-8"), parse_float=Decimal)


def test_every_cell_and_the_title_of_a_padded_text() -> None:
    text = read(TEXT)
    assert all(len(line) >= 60 for line in text.splitlines()[:15])  # the padding this is about
    report = parse_text(text, str(TEXT))
    assert re.sub(r"\s+", "", report.title or "") == "淮安市人民政府2024年政府信息公开工作年度报告"
    for table in ("二", "三", "四"):
        assert {row.key: row.values for row in report.tables[table].rows} == TRUTH[table], table
    assert [p.canonical for p in report.parts] == [1, 2, 3, 4, 5, 6]


def test_title_lines_padded_with_blanks_are_title_lines() -> None:
    # the title terminal as Lark gets it: lines of blanks only are skipped and a line's padding is
    # no part of its text (a title line padded past 20 blanks after 报告 was no title before)
    (pattern,) = [ln.split(": /", 1)[1][:-1] for ln in grammar_text().splitlines() if ln.startswith("TITLE")]
    title = re.compile(pattern)
    text = " " * 80 + "\n" + " " * 30 + "某某局" + " " * 50 + "\n" + " " * 80 + "\n   2024年政府信息公开工作年度报告" + " " * 45 + "\n正文"
    m = title.match(text)
    assert m is not None and text[m.end():] == "正文"
    assert title.match((" " * 80 + "\n") * 4 + "一、总体情况\n") is None  # a heading is no title line
