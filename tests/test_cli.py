"""The installed ``govlint`` command, run in a subprocess as users and CI run it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli_util import run
from tests.corpus import REAL, seed

SEED001 = str(seed("001"))
CLEAN001 = str(Path(__file__).parent / "data" / "clean" / seed("001").name)
DIAG_FIELDS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "related"}


def test_version() -> None:
    p = run("--version")
    assert p.returncode == 0 and p.stdout.startswith("govlint ")


def test_no_command_is_a_usage_error() -> None:
    assert run().returncode == 2
    p = run("check", "--output-format", "xml", SEED001)
    assert p.returncode == 2 and "用法错误" in p.stderr
    p = run("check", "--no-such-option", SEED001)  # argparse's own message, in Chinese too
    assert p.returncode == 2 and "无法识别的参数：--no-such-option" in p.stderr and "unrecognized" not in p.stderr


def test_report_with_errors_exits_1_and_points_at_the_line() -> None:
    pingtan = str(REAL / "pingtan_2020.txt")  # 表三 （七）总计 21 against outcome rows summing to 27
    p = run("check", pingtan)
    assert p.returncode == 1, p.stderr
    assert f"{pingtan}:10:" in p.stdout and "AR001" in p.stdout
    p = run("check", SEED001)  # its only finding at L66 is a reading problem (a warning): exit 0
    assert p.returncode == 0 and f"{SEED001}:66:" in p.stdout and "PAR004" in p.stdout
    assert "Traceback" not in p.stderr


def test_clean_report_exits_0() -> None:
    p = run("check", CLEAN001)
    assert p.returncode == 0, p.stdout + p.stderr


def test_json_output_has_exactly_the_diagnostic_fields() -> None:
    p = run("check", "--output-format", "json", SEED001)
    data = json.loads(p.stdout)
    assert data and all(set(d) - {"reading"} == DIAG_FIELDS for d in data)
    assert all(d.get("reading", True) is True for d in data)  # present only on reading problems
    assert {d["severity"] for d in data} <= {"error", "warning", "info"}
    short = [d for d in data if d["code"] == "PAR004"]
    assert short[0]["line"] == 66 and short[0]["name"] == "row-short"


def test_concise_and_github_formats() -> None:
    p = run("check", "--output-format", "concise", SEED001)
    lines = [ln for ln in p.stdout.splitlines() if ln.strip()]
    assert any(ln.startswith(f"{SEED001}:66:") and "PAR004" in ln for ln in lines)
    g = run("check", "--output-format", "github", SEED001)
    assert any(ln.startswith("::warning file=") and "line=66" in ln for ln in g.stdout.splitlines())


def test_sarif_output_parses() -> None:
    p = run("check", "--output-format", "sarif", SEED001)
    sarif = json.loads(p.stdout)
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "PAR004" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 66
               for r in results)


def test_select_ignore_fail_on_and_exit_zero() -> None:
    only = json.loads(run("check", "--output-format", "json", "--select", "PAR004", SEED001).stdout)
    assert {d["code"] for d in only} == {"PAR004"}
    p = run("check", "--ignore", "PAR004,AR,LAW006,PT001", SEED001)
    assert "PAR004" not in p.stdout
    assert run("check", "--select", "NOPE1", SEED001).returncode == 2
    assert run("check", "--exit-zero", SEED001).returncode == 0
    warn_only = run("check", "--select", "PT001", SEED001)  # a warning: below the default fail-on
    assert warn_only.returncode == 0 and "PT001" in warn_only.stdout
    assert run("check", "--select", "PT001", "--fail-on", "warning", SEED001).returncode == 1


def test_missing_path_exits_2_but_other_files_are_linted() -> None:
    p = run("check", "--output-format", "concise", "/no/such/report.txt", SEED001)
    assert p.returncode == 2
    assert "/no/such/report.txt" in p.stderr
    assert "PAR004" in p.stdout


def test_stdin() -> None:
    p = run("check", "--output-format", "json", "-", stdin=Path(SEED001).read_bytes())
    data = json.loads(p.stdout)
    assert any(d["code"] == "PAR004" and d["path"] == "-" and d["line"] == 66 for d in data)


def test_directory_recursion_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SEED001, tmp_path / "a" / "b" / "r1.txt")
    shutil.copy(SEED001, tmp_path / "a" / "r2.md")
    (tmp_path / "a" / "ignore.xlsx").write_bytes(b"PK")
    data = json.loads(run("check", "--output-format", "json", str(tmp_path)).stdout)
    assert {Path(d["path"]).name for d in data} == {"r1.txt", "r2.md"}
    (tmp_path / "govlint.toml").write_text('exclude = ["a/b/**"]\n', encoding="utf-8")
    data = json.loads(run("check", "--output-format", "json", ".", cwd=tmp_path).stdout)
    assert {Path(d["path"]).name for d in data} == {"r2.md"}


def test_config_errors_exit_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "govlint.toml").write_text('selekt = ["AR"]\n', encoding="utf-8")
    p = run("check", SEED001, cwd=tmp_path)
    assert p.returncode == 2 and "selekt" in p.stderr and "Traceback" not in p.stderr
    p = run("check", "--config", str(tmp_path / "missing.toml"), SEED001)
    assert p.returncode == 2 and "missing.toml" in p.stderr


def test_pyproject_table_configures_the_run(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.govlint]\nselect = ["PAR004"]\n[tool.govlint.severity]\nrow-short = "warning"\n', encoding="utf-8"
    )
    p = run("check", "--output-format", "json", SEED001, cwd=tmp_path)
    data = json.loads(p.stdout)
    assert [(d["code"], d["severity"]) for d in data] == [("PAR004", "warning")]
    assert p.returncode == 0


def test_local_plugin_from_config_and_a_crashing_one(tmp_path: Path) -> None:
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "our_rules.py").write_text(
        "from govlint import hookimpl\nfrom govlint.rule import Rule\nfrom govlint.diagnostic import Severity\n"
        "class Title(Rule):\n    code, name, summary, severity = 'LOC001', 'title-has-county', '标题应含县名', Severity.WARNING\n"
        "    def check(self, report):\n        if '县' not in report.title:\n"
        "            yield self.diag(report, report.title_span, '标题中没有县名')\n"
        "class Crash(Rule):\n    code, name, summary, severity = 'LOC002', 'crash', '出错', Severity.ERROR\n"
        "    def check(self, report):\n        raise RuntimeError('坏插件')\n"
        "@hookimpl\ndef govlint_rules():\n    return [Title, Crash]\n",
        encoding="utf-8",
    )
    (tmp_path / "govlint.toml").write_text('plugins = ["ci/our_rules.py"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(Path(SEED001).read_text(encoding="utf-8").replace("渠县", "某市"), encoding="utf-8")
    p = run("check", "--allow-plugins", "--output-format", "json", "r.txt", cwd=tmp_path)  # consent: govlint.trust
    assert p.returncode == 2
    assert "LOC002" in p.stderr and "ci/our_rules.py" in p.stderr and "坏插件" in p.stderr
    assert any(d["code"] == "LOC001" for d in json.loads(p.stdout))
    listed = json.loads(run("rules", "--allow-plugins", "--output-format", "json", cwd=tmp_path).stdout)
    assert {"code": "LOC001", "plugin": "ci/our_rules.py"}.items() <= next(
        r for r in listed if r["code"] == "LOC001").items()


def test_undecodable_file_is_a_diagnostic_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\xff\xfe\x00garbage\x00" * 50)
    p = run("check", "--output-format", "json", str(bad), SEED001)
    data = json.loads(p.stdout)
    assert [d["code"] for d in data if d["path"] == str(bad)] == ["PAR014"]
    assert any(d["path"] == SEED001 for d in data)
    assert p.returncode == 1 and "Traceback" not in p.stderr


def test_files_are_never_modified(tmp_path: Path) -> None:
    copy = tmp_path / "r.txt"
    shutil.copy(SEED001, copy)
    before = (copy.read_bytes(), copy.stat().st_mtime_ns)
    run("check", str(copy))
    run("parse", str(copy))
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before


def test_rules_and_rule() -> None:
    listed = json.loads(run("rules", "--output-format", "json").stdout)
    assert {"code", "name", "severity", "summary", "plugin"} == set(listed[0])
    codes = {r["code"] for r in listed}
    assert {"PAR004", "AR001", "FEE001"} <= codes
    assert next(r for r in listed if r["code"] == "PAR004")["plugin"] == "govlint.checks.parse"
    p = run("rule", "row-short")
    assert p.returncode == 0 and "PAR004" in p.stdout and "错误示例" in p.stdout and "正确示例" in p.stdout
    assert run("rule", "par004").returncode == 0
    assert run("rule", "XX999").returncode == 2


def test_parse_json_contract() -> None:
    p = run("parse", SEED001)
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["path"] == SEED001 and data["profile"] == "2021"
    assert [part["number"] for part in data["parts"]] == ["一", "二", "三", "四", "五", "六"]
    assert all({"number", "title", "line", "subsections"} <= set(part) for part in data["parts"])
    tables = {t["id"]: t for t in data["tables"]}
    assert set(tables) == {"二", "三", "四"}
    t3 = tables["三"]["rows"]
    assert len(t3) == 25 and all(len(r["values"]) == 7 for r in t3)
    assert t3[0]["label"] == "一、本年新收政府信息公开申请数量" and t3[0]["values"] == [22, 0, 0, 0, 0, 1, 23]
    assert t3[0]["line"] == 45
    assert [r["label"] for r in tables["四"]["rows"]] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert tables["四"]["rows"][0]["values"] == [1, 0, 1, 1, 3]
    assert any(f["kind"] == "row-short" and f["line"] == 66 for f in data["findings"])


def test_parse_tree_and_errors() -> None:
    p = run("parse", "--output-format", "tree", str(REAL / "pingtan_2021.txt"))
    assert p.returncode == 0 and "table 三" in p.stdout and "64 0 0 2 0 4 70" in p.stdout
    assert run("parse", "/no/such/file.txt").returncode == 2
    assert run("parse", "--profile", "1999", SEED001).returncode == 2


def test_text_output_file_statistics_and_quiet(tmp_path: Path) -> None:
    p = run("check", SEED001)
    lines = p.stdout.splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.startswith(f"{SEED001}:66:") and "PAR004" in ln)
    assert lines[head + 2].startswith("66 | ") and "^" in lines[head + 3]
    assert lines[-1].startswith("发现 ") and "共检查 1 个文件" in lines[-1]
    assert "\x1b[" not in p.stdout  # not a terminal: no colour
    out = tmp_path / "result.json"
    p = run("check", "--output-format", "json", "--output-file", str(out), SEED001)
    assert p.returncode == 0 and p.stdout == ""  # no error in seed 001: its short row is a reading problem
    assert any(d["code"] == "PAR004" for d in json.loads(out.read_text(encoding="utf-8")))
    stats = run("check", "--statistics", "--quiet", "--output-format", "concise", SEED001).stdout.splitlines()
    n_short = sum(1 for ln in stats if ":" in ln and " PAR004 " in ln)
    assert any(ln.split()[:2] == [str(n_short), "PAR004"] for ln in stats)
    assert not any(ln.startswith("发现") for ln in stats)


def test_extend_select_adds_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "govlint.toml").write_text('select = ["PAR004"]\n', encoding="utf-8")
    data = json.loads(run("check", "--output-format", "json", "--extend-select", "AR", SEED001, cwd=tmp_path).stdout)
    codes = {d["code"] for d in data}
    assert "PAR004" in codes and all(c == "PAR004" or c.startswith("AR") for c in codes)


def test_colour_only_on_a_terminal_and_not_with_no_color() -> None:
    import os
    import pty
    import subprocess

    from tests.cli_util import GOVLINT

    def on_tty(env: dict[str, str]) -> bytes:
        master, slave = pty.openpty()
        try:
            proc = subprocess.Popen([str(GOVLINT), "check", "--select", "PAR004", SEED001], stdout=slave,
                                    stderr=subprocess.DEVNULL, env=env)
            os.close(slave)
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            proc.wait(timeout=120)
        finally:
            os.close(master)
        return b"".join(chunks)

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = on_tty(env)
    assert b"\x1b[" in coloured and b"PAR004" in coloured
    assert b"\x1b[" not in on_tty({**env, "NO_COLOR": "1"})
    assert "\x1b[" not in run("check", "--select", "PAR004", SEED001, env={"NO_COLOR": ""}).stdout  # a pipe


def test_force_exclude_applies_exclude_to_named_files(tmp_path: Path) -> None:
    shutil.copy(SEED001, tmp_path / "r.txt")
    (tmp_path / "README.md").write_text("# 本仓库存放年度报告\n", encoding="utf-8")
    (tmp_path / "govlint.toml").write_text('exclude = ["README.md"]\n', encoding="utf-8")
    named = json.loads(run("check", "--output-format", "json", "r.txt", "README.md", cwd=tmp_path).stdout)
    assert {d["path"] for d in named} == {"r.txt", "README.md"}  # named files are checked …
    assert [d["code"] for d in named if d["path"] == "README.md"] == ["PAR018"]  # … a warning only
    forced = json.loads(run("check", "--output-format", "json", "--force-exclude", "r.txt", "README.md",
                            cwd=tmp_path).stdout)
    assert {d["path"] for d in forced} == {"r.txt"}
