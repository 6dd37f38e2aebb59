"""--fix / --diff: mechanical corrections only, written atomically, encoding and line ends kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_util import run
from tests.corpus import read, seed

from govlint.diagnostic import Diagnostic, Severity
from govlint.fixes import fix_file, text_fix
from govlint.model import Span

# seed 003, line 82 (read by eye): …的通知》(国办函【2020】109 号)规定的…
LINE82_BEFORE = "(国办函【2020】109 号)"
LINE82_AFTER = "(国办函〔2020〕109号)"
# seed 001, line 7: 《中华人民共和国政府信息公开条例》（国务院令 711 号）
DECREE_BEFORE, DECREE_AFTER = "（国务院令 711 号）", "（国务院令第711号）"


def _copy(tmp_path: Path, name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode(encoding))
    return p


def test_fix_rewrites_bracket_and_decree_forms_keeping_gb18030_and_crlf(tmp_path: Path) -> None:
    text = read(seed("003")).replace("本机关", "本机关（国务院令 711 号）", 1)
    assert DECREE_BEFORE in text and LINE82_BEFORE in text
    p = _copy(tmp_path, "r.txt", text, "gb18030", "\r\n")
    before = p.read_bytes()
    proc = run("check", "--no-cache", "--select", "LAW005,LAW006", "--fix", str(p))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = p.read_bytes()
    assert after.count(b"\r\n") == before.count(b"\r\n") and b"\n" not in after.replace(b"\r\n", b"")
    fixed = after.decode("gb18030")
    assert LINE82_AFTER in fixed and DECREE_AFTER in fixed
    # nothing else changed: undo the two fixes and the file is the original
    assert fixed.replace(LINE82_AFTER, LINE82_BEFORE).replace(DECREE_AFTER, DECREE_BEFORE).encode("gb18030") == before
    assert "已自动修复 2 个问题" in proc.stderr
    assert f"-{text.splitlines()[81]}" in proc.stdout  # the diff is in the text output
    again = run("check", "--no-cache", "--select", "LAW005,LAW006", "--output-format", "json", str(p))
    assert json.loads(again.stdout) == []


def test_diff_shows_without_writing_and_keeps_a_utf8_bom(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_bytes(b"\xef\xbb\xbf" + read(seed("001")).encode("utf-8"))
    before = p.read_bytes()
    proc = run("check", "--no-cache", "--select", "LAW006", "--diff", str(p))
    assert proc.returncode == 1  # a fix is pending
    assert p.read_bytes() == before
    assert f"+根据《中华人民共和国政府信息公开条例》{DECREE_AFTER}" in proc.stdout
    run("check", "--no-cache", "--select", "LAW006", "--fix", str(p))
    assert p.read_bytes().startswith(b"\xef\xbb\xbf") and DECREE_AFTER in p.read_bytes()[3:].decode("utf-8")


def test_a_fix_never_changes_digits_or_spans_lines() -> None:
    text = "国务院令 711 号\n国务院令\n711 号"
    assert text_fix(text, 0, 10, "国务院令第711号") is not None
    assert text_fix(text, 0, 10, "国务院令第717号") is None  # a number would change
    assert text_fix(text, 0, 10, "国务院令第号") is None  # a number would go
    assert text_fix(text, 11, len(text), "国务院令第711号") is None  # across a line break


def test_no_fix_for_files_govlint_only_extracts(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text("<p>国务院令 711 号</p>", encoding="utf-8")
    fix = text_fix(page.read_text(encoding="utf-8"), 3, 13, "国务院令第711号")
    d = Diagnostic.at(str(page), Span(1, 4, 1, 14), "LAW006", "decree-number-style", Severity.INFO, "m", fix=fix)
    out = fix_file(str(page), [d], write=True)
    assert not out.applied and out.problem and "不自动修复" in out.problem
    assert page.read_text(encoding="utf-8") == "<p>国务院令 711 号</p>"


def test_a_file_changed_meanwhile_is_left_alone(tmp_path: Path) -> None:
    p = _copy(tmp_path, "r.txt", "国务院令 711 号\n")
    fix = text_fix("国务院令 711 号\n", 0, 10, "国务院令第711号")
    d = Diagnostic.at(str(p), Span(1, 1, 1, 11), "LAW006", "decree-number-style", Severity.INFO, "m", fix=fix)
    p.write_text("前言\n国务院令 711 号\n", encoding="utf-8")  # edited after the check: the text moved
    out = fix_file(str(p), [d], write=True)
    assert not out.written and p.read_text(encoding="utf-8") == "前言\n国务院令 711 号\n"


def test_rule_docs_say_which_rules_fix() -> None:
    proc = run("rule", "LAW006")
    assert proc.returncode == 0
    rules_md = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert "可自动修复（`govlint check --fix`）：LAW005、LAW006。" in rules_md
