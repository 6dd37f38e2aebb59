"""Where a diagnostic is in the original document: the optional location fields on a
diagnostic, and how each output shows them (SARIF stays schema-valid, GitHub commands stay
one escaped line)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from tests.corpus import CORPUS

from govlint.config import Config
from govlint.diagnostic import Diagnostic, Severity, SourceLocation
from govlint.engine import Engine
from govlint.model import Span
from govlint.output import render
from govlint.plugins import load_plugins

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
PLUGINS = load_plugins(installed=False)
RULES = PLUGINS.by_code()


def _pdf_diagnostic() -> Diagnostic:
    d = Diagnostic.at("r.pdf", Span(40, 5, 40, 9), "AR001", "table-sum", Severity.ERROR, "合计不符")
    d.location = SourceLocation(page=4, bbox=(250.9, 528.0, 280.4, 552.0), table=2, row=9, column=4,
                                cell="（三）不予公开 1.属于国家秘密 / 申请人情况 自然人")
    return d


def test_describe_in_chinese() -> None:
    assert _pdf_diagnostic().location.describe() == (  # type: ignore[union-attr]
        "第 4 页，第 2 个表格第 9 行第 4 列，单元格「（三）不予公开 1.属于国家秘密 / 申请人情况 自然人」")
    assert SourceLocation(paragraph=12).describe() == "第 12 段"
    assert SourceLocation(source_line=1098, source_column=328).describe() == "网页源代码第 1098 行第 328 列"


def test_every_output_shows_the_location() -> None:
    d = _pdf_diagnostic()
    text = render("text", [d], rules=RULES, sources={"r.pdf": "x\n" * 50})
    assert "r.pdf:40:5:" in text and "= 位置：第 4 页，第 2 个表格第 9 行第 4 列" in text
    assert "（第 4 页，" in render("concise", [d], rules=RULES)
    data = json.loads(render("json", [d], rules=RULES))[0]
    assert data["line"] == 40 and data["location"]["page"] == 4 and data["location"]["cell"].startswith("（三）")
    assert data["location"]["bbox"] == [250.9, 528.0, 280.4, 552.0]
    gh = render("github", [d], rules=RULES).strip()
    assert gh.startswith("::error file=r.pdf,line=40,col=5,") and "第 4 页" in gh and "\n" not in gh
    log = json.loads(render("sarif", [d], rules=RULES))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    res = log["runs"][0]["results"][0]
    assert res["locations"][0]["physicalLocation"]["region"]["startLine"] == 40
    assert res["locations"][0]["message"]["text"].startswith("第 4 页")
    assert res["properties"]["documentLocation"]["table"] == 2


def test_text_files_have_no_location() -> None:
    d = Diagnostic.at("r.txt", Span(1, 1, 1, 2), "ST001", "x", Severity.ERROR, "m")
    assert "location" not in d.to_dict()
    assert "位置" not in render("text", [d], rules=RULES)


def test_a_web_page_finding_points_at_the_page_source() -> None:
    page = CORPUS / "html" / "pingtan_2022.html"
    result = Engine(Config(), PLUGINS).run([str(page)])
    d = next(d for d in result.diagnostics if d.code == "ST004")  # the typo 行政法复议 in part 四's title
    assert d.location is not None and d.location.source_line is not None
    src = page.read_text(encoding="utf-8").split("\n")
    assert "行政法复议" in "".join(src[d.location.source_line - 1: d.location.source_line + 3])
    log = json.loads(render("sarif", result.diagnostics, rules=RULES))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
