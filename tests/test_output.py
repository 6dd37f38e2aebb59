"""Output formats: text (caret under double-width characters), concise, json, sarif (validated
against the official SARIF 2.1.0 schema), github."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from tests.corpus import seed

from govlint.config import Config
from govlint.diagnostic import Diagnostic, Related, Severity
from govlint.engine import Engine
from govlint.model import Span
from govlint.output import render
from govlint.output.text import excerpt
from govlint.plugins import load_plugins

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
PLUGINS = load_plugins(installed=False)
RULES = PLUGINS.by_code()


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def diag(line: int, col: int, end_col: int, message: str = "消息", code: str = "PAR004",
         severity: Severity = Severity.ERROR, path: str = "r.txt", related: list[Related] | None = None) -> Diagnostic:
    return Diagnostic(path, line, col, line, end_col, code, RULES[code].name, severity, message, related or [])


@pytest.fixture(scope="module")
def seed_run() -> tuple[list[Diagnostic], dict[str, str]]:
    result = Engine(Config(), PLUGINS).run([str(seed("001"))])
    assert result.diagnostics
    return result.diagnostics, result.sources


@pytest.mark.parametrize(
    "line, column, end",
    [
        ("一、本年新收政府信息公开申请数量", 3, 5),  # 本年 under CJK
        ("表三\t22\t0\tabc", 7, 8),  # after tabs: 0
        ("ab（二）部分公开", 3, 6),  # full-width brackets
        ("x" * 30 + "公开" * 200 + "错误" + "公开" * 200, 431, 433),  # one very long line: windowed
    ],
)
def test_caret_sits_under_the_spot(line: str, column: int, end: int) -> None:
    shown, carets = excerpt(line, column, end)
    target = line[column - 1:end - 1]
    lead = len(carets) - len(carets.lstrip(" "))
    # the shown text at the caret's display column starts with the target characters
    col = 0
    for i, ch in enumerate(shown):
        if col == lead:
            assert shown[i:].startswith(target.replace("\t", " ")), (shown, carets)
            break
        col += width(ch)
    else:
        pytest.fail(f"no character starts at display column {lead}: {shown!r}")
    assert carets.strip() == "^" * width(target)
    assert width(shown) <= 140


def test_text_format_shows_the_line_and_a_summary(seed_run: tuple[list[Diagnostic], dict[str, str]]) -> None:
    diagnostics, sources = seed_run
    out = render("text", diagnostics, rules=RULES, sources=sources, files_checked=1)
    lines = out.splitlines()
    short = next(d for d in diagnostics if d.code == "PAR004")
    head = next(i for i, ln in enumerate(lines) if ln.startswith(f"{short.path}:{short.line}:{short.column}: PAR004"))
    assert "[warning]" in lines[head] and short.message in lines[head]  # a reading problem, not an error
    assert lines[head + 2].startswith("66 | ")
    assert "^" in lines[head + 3]
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    reading = sum(d.reading for d in diagnostics)
    assert lines[-1].startswith(f"发现 {len(diagnostics) - reading} 个问题（错误 {errors}，")
    assert f"另有 {reading} 处无法读取" in lines[-1]
    assert "\x1b[" not in out
    assert "\x1b[" in render("text", diagnostics, rules=RULES, sources=sources, color=True)
    quiet = render("text", diagnostics, rules=RULES, sources=sources, summary=False)
    assert "发现" not in quiet.splitlines()[-1]
    assert render("text", [], files_checked=3).strip() == "未发现问题，共检查 3 个文件。"


def test_text_shows_related_locations() -> None:
    d = diag(2, 1, 3, related=[Related(Span(5, 2, 5, 4), "表三的单元格")])
    out = render("text", [d], sources={"r.txt": "第一行\n第二行\n"}, summary=False)
    assert "  = 相关：r.txt:5:2: 表三的单元格" in out.splitlines()


def test_statistics_count_per_rule() -> None:
    ds = [diag(1, 1, 2), diag(2, 1, 2), diag(3, 1, 2, code="PAR006", severity=Severity.WARNING)]
    out = render("concise", ds, statistics=True, summary=False).splitlines()
    assert out[3].split() == ["2", "PAR004", "row-short"]
    assert out[4].split() == ["1", "PAR006", "unrecognised-line"]


def test_concise_is_one_line_per_diagnostic() -> None:
    ds = [diag(1, 2, 3, message="第一\n第二"), diag(4, 5, 6, severity=Severity.INFO)]
    out = render("concise", ds, summary=False).splitlines()
    assert out == ["r.txt:1:2: PAR004 [error] 第一 第二", "r.txt:4:5: PAR004 [info] 消息"]


def test_json_has_exactly_the_fields(seed_run: tuple[list[Diagnostic], dict[str, str]]) -> None:
    d = diag(3, 4, 9, related=[Related(Span(7, 1, 7, 3), "另一处", "other.txt")])
    data = json.loads(render("json", [d]))
    assert data == [{
        "path": "r.txt", "line": 3, "column": 4, "end_line": 3, "end_column": 9, "code": "PAR004",
        "name": "row-short", "severity": "error", "message": "消息",
        "related": [{"path": "other.txt", "line": 7, "column": 1, "end_line": 7, "end_column": 3, "message": "另一处"}],
    }]
    data = json.loads(render("json", seed_run[0]))
    assert len(data) == len(seed_run[0])


def test_sarif_is_valid_and_complete(seed_run: tuple[list[Diagnostic], dict[str, str]]) -> None:
    extra = diag(2, 1, 1, related=[Related(Span(5, 2, 5, 4), "表三的单元格")], path="/elsewhere/报告 1.txt",
                 severity=Severity.INFO)
    diagnostics = [*seed_run[0], extra]
    log = json.loads(render("sarif", diagnostics, rules=RULES))
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert {r["id"] for r in rules} == set(RULES)
    for r in rules:
        assert r["name"] == RULES[r["id"]].name
        assert r["shortDescription"]["text"] == RULES[r["id"]].summary and r["help"]["text"]
    assert len(run["results"]) == len(diagnostics)
    for res, d in zip(run["results"], diagnostics):
        assert res["ruleId"] == d.code and rules[res["ruleIndex"]]["id"] == d.code
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[d.severity.value]
        assert res["message"]["text"] == d.message
        region = res["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"]) == (d.line, d.column, d.end_line)
    last = run["results"][-1]
    # no absolute path unless asked for (issue 11): a path outside the working directory is relative too
    uri = last["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("elsewhere/%E6%8A%A5%E5%91%8A%201.txt") and not uri.startswith(("/", "file:"))
    assert "originalUriBaseIds" not in run and str(Path.cwd()) not in json.dumps(log, ensure_ascii=False)
    opted = json.loads(render("sarif", diagnostics, rules=RULES, absolute_paths=True))["runs"][0]
    assert opted["results"][-1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///elsewhere/")
    assert opted["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"
    assert last["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 5
    # an empty run is valid too
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(json.loads(render("sarif", [], rules=RULES)))


def test_github_annotations_escape_their_fields() -> None:
    ds = [
        diag(3, 4, 9, message="100%\n下一行", path="a,b:c.txt"),
        diag(1, 1, 2, severity=Severity.WARNING),
        diag(1, 1, 2, severity=Severity.INFO),
    ]
    out = render("github", ds).splitlines()
    assert out[0] == ("::error file=a%2Cb%3Ac.txt,line=3,col=4,endLine=3,endColumn=9,"
                      "title=PAR004 row-short::100%25%0A下一行")
    assert out[1].startswith("::warning file=r.txt,line=1,col=1,")
    assert out[2].startswith("::notice ")
    assert len(out) == 3
