"""CI formats, each checked by its published schema or its consuming tool's parser: gitlab
(Code Quality), junit (junitparser, as CI test-report actions read it), rdjson (reviewdog),
sarif (the SARIF 2.1.0 schema) — and rule crashes in json and sarif."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import junitparser
from tests.cli_util import run
from tests.corpus import read, seed
from tests.test_engine import CRASHING

DATA = Path(__file__).parent / "data"
CLEAN001 = DATA / "clean" / seed("001").name


def _schema(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((DATA / name).read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)  # type: ignore[no-any-return]


def _reports(tmp_path: Path) -> Path:
    shutil.copy(seed("001"), tmp_path / "a.txt")
    shutil.copy(CLEAN001, tmp_path / "clean.txt")
    # the same finding twice in one file (two identical sentences)
    one = "依据国务院令 711 号。"
    (tmp_path / "twice.txt").write_text(read(CLEAN001).replace("一、总体情况", f"一、总体情况\n{one}\n{one}", 1),
                                        encoding="utf-8")
    return tmp_path


def test_gitlab_code_quality(tmp_path: Path) -> None:
    _reports(tmp_path)
    p = run("check", "--no-cache", "--output-format", "gitlab", ".", cwd=tmp_path)
    issues = json.loads(p.stdout)
    _schema("gitlab-codequality.schema.json").validate(issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)  # unique per occurrence
    twice = [i for i in issues if i["location"]["path"] == "twice.txt" and i["check_name"] == "LAW006"]
    assert len(twice) == 2
    par004 = next(i for i in issues if i["check_name"] == "PAR004")
    assert par004["location"] == {"path": "a.txt", "lines": {"begin": 66, "end": 66}}
    assert par004["severity"] == "minor"  # a warning (a reading problem, not a defect)
    # the fingerprint survives an edit elsewhere in the file (lines inserted above)
    (tmp_path / "a.txt").write_text(read(seed("001")).replace("一、总体情况", "\n\n一、总体情况", 1), encoding="utf-8")
    moved = json.loads(run("check", "--no-cache", "--output-format", "gitlab", "a.txt", cwd=tmp_path).stdout)
    again = next(i for i in moved if i["check_name"] == "PAR004")
    assert again["location"]["lines"]["begin"] == 68 and again["fingerprint"] == par004["fingerprint"]


def test_junit_one_testcase_per_file(tmp_path: Path) -> None:
    _reports(tmp_path)
    p = run("check", "--no-cache", "--output-format", "junit", ".", cwd=tmp_path)
    (tmp_path / "out.xml").write_text(p.stdout, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(tmp_path / "out.xml"))
    cases = {c.name: c for suite in xml for c in suite}
    assert set(cases) == {"a.txt", "clean.txt", "twice.txt"}
    assert cases["clean.txt"].is_passed
    failure = cases["a.txt"].result[0]
    assert isinstance(failure, junitparser.Failure)
    assert "a.txt:66:11: PAR004 [warning]" in (failure.text or "")


def test_rdjson_columns_are_utf8_bytes(tmp_path: Path) -> None:
    _reports(tmp_path)
    p = run("check", "--no-cache", "--output-format", "rdjson", "--select", "LAW006", "a.txt", cwd=tmp_path)
    result = json.loads(p.stdout)
    _schema("rdjson.schema.json").validate(result)
    (d,) = result["diagnostics"]
    # line 7: 根据《中华人民共和国政府信息公开条例》（国务院令 711 号）… — the span starts after 20
    # Chinese characters (60 bytes): byte column 61; 「国务院令 711 号」 is 4×3 + 5 + 3 = 20 bytes long
    assert d["location"]["range"] == {"start": {"line": 7, "column": 61}, "end": {"line": 7, "column": 81}}
    assert d["suggestions"] == [{"range": {"start": {"line": 7, "column": 61}, "end": {"line": 7, "column": 81}},
                                 "text": "国务院令第711号"}]
    assert d["severity"] == "INFO" and d["code"] == {"value": "LAW006"}


def test_sarif_columns_fixes_and_crash_notifications(tmp_path: Path) -> None:
    _reports(tmp_path)
    (tmp_path / "boom.py").write_text(CRASHING, encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('plugins = ["boom.py"]\n', encoding="utf-8")
    p = run("check", "--no-cache", "--allow-plugins", "--output-format", "sarif", "a.txt", cwd=tmp_path)
    assert p.returncode == 2  # a rule crashed
    log = json.loads(p.stdout)
    _schema("sarif-schema-2.1.0.json").validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    inv = run_["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["associatedRule"]["id"] == "ZZ001" and "故意出错" in note["message"]["text"]
    law006 = next(r for r in run_["results"] if r["ruleId"] == "LAW006")
    (change,) = law006["fixes"][0]["artifactChanges"]
    assert change["replacements"][0] == {"deletedRegion": {"startLine": 7, "startColumn": 21, "endLine": 7,
                                                           "endColumn": 31},
                                         "insertedContent": {"text": "国务院令第711号"}}


def test_json_lists_crashes_once(tmp_path: Path) -> None:
    _reports(tmp_path)
    (tmp_path / "boom.py").write_text(CRASHING, encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('plugins = ["boom.py"]\n', encoding="utf-8")
    p = run("check", "--no-cache", "--allow-plugins", "--output-format", "json", "a.txt", cwd=tmp_path)
    items = json.loads(p.stdout)
    faults = [i for i in items if i["code"] == "RUN001"]  # the crash, as the plugin-fault diagnostic
    assert len(faults) == 1 and "ZZ001" in faults[0]["message"] and "故意出错" in faults[0]["message"]
    assert all("kind" not in i for i in items) and any(i["code"] == "PAR004" for i in items)
    # with RUN001 switched off the crash is still in the output, as a tool error
    (tmp_path / "govlint.toml").write_text('plugins = ["boom.py"]\nignore = ["RUN001"]\n', encoding="utf-8")
    items = json.loads(run("check", "--no-cache", "--allow-plugins", "--output-format", "json", "a.txt", cwd=tmp_path).stdout)
    crashes = [i for i in items if i.get("kind") == "tool-error"]
    assert [(c["code"], c["name"], c["path"]) for c in crashes] == [("ZZ001", "always-crashes", "a.txt")]
