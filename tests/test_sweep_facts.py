"""The set-level rule API (govlint.facts): facts of real reports survive JSON, a third-party
set-level rule sees one group per body with its own summaries, a failing summarize is
reported without stopping the run."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.corpus import CORPUS, REAL, read, seed

from govlint.config import config_from_dict
from govlint.engine import Engine
from govlint.facts import CellStatus, Facts, summarize_report
from govlint.parsing import parse_text
from govlint.plugins import load_plugins

HUAIAN = CORPUS / "extractors" / "huaian_2024_pdftotext-layout.txt"


def test_facts_carry_the_cells_and_survive_json() -> None:
    path = seed("001")
    facts = summarize_report(parse_text(read(path), str(path)))
    assert facts.body == "渠县人民政府办公室" and facts.year == 2024 and facts.profile == "2021"
    # read by eye (tests/test_parse_seeds.py): 表二 行政规范性文件 3 6 17; 表三 R1 22 0 0 0 0 1 23
    assert [facts.value("二", "norm", c) for c in ("made", "repealed", "valid")] == [3, 6, 17]
    assert facts.value("三", "R1", "tot") == 23
    # （六）1 printed with six values: the 7th was not read, and says so
    assert facts.value("三", "R3f1", "tot") is None
    assert facts.cell("三", "R3f1", "tot").status is not CellStatus.READ  # type: ignore[union-attr]
    again = Facts.from_json(facts.to_json())
    assert again == facts
    assert json.loads(facts.to_json())["tables"]["三"]["rows"]["R1"]["cells"]["np"][:3] == [22, "22", "read"]


def test_money_stays_exact() -> None:
    facts = summarize_report(parse_text(read(HUAIAN), str(HUAIAN)))
    # truth/huaian_2024.json (read from the page images): 行政事业性收费 96171.6 万元
    assert facts.value("二", "fee", "amount") == Decimal("96171.6")
    assert Facts.from_json(facts.to_json()).value("二", "fee", "amount") == Decimal("96171.6")


PLUGIN = '''
from govlint import hookimpl
from govlint.rule import Rule
from govlint.diagnostic import Severity

class Years(Rule):
    code, name, summary, severity = "ZZ010", "years-of-body", "列出同一机关的年度", Severity.INFO
    def summarize(self, report):
        return {"parts": len(report.parts)}
    def check_facts(self, group):
        years = [f.year for f in group]
        parts = [self.mine(f)["parts"] for f in group]
        yield self.diag(group[-1], group[-1].anchor, f"{group[-1].body}: {years} {parts}")

class Broken(Rule):
    code, name, summary, severity = "ZZ011", "broken-summary", "汇总出错", Severity.INFO
    def summarize(self, report):
        raise RuntimeError("坏了")
    def check_facts(self, group):
        return ()

@hookimpl
def govlint_rules():
    return [Years, Broken]
'''


def test_a_plugin_set_level_rule_gets_one_group_per_body(tmp_path: Path) -> None:
    (tmp_path / "years.py").write_text(PLUGIN, encoding="utf-8")
    plugins = load_plugins(["years.py"], tmp_path, installed=False)
    assert not plugins.errors
    engine = Engine(config_from_dict({"select": ["ZZ"]}), plugins)
    files = [str(REAL / f"pingtan_{y}.txt") for y in (2022, 2020, 2021)] + [str(seed("001"))]
    result = engine.run(files)
    messages = sorted(d.message for d in result.diagnostics)
    # 平潭 2020–2022 (six parts each, read by eye) and 渠县人民政府办公室 alone
    assert messages == ["平潭综合实验区: [2020, 2021, 2022] [6, 6, 6]", "渠县人民政府办公室: [2024] [6]"]
    assert {d.path for d in result.diagnostics} == {files[0], files[3]}
    # the broken summarize is reported once per report, naming the rule; the run went on
    assert len(result.errors) == 4 and all("ZZ011" in e and "坏了" in e for e in result.errors)


def test_the_body_is_the_name_before_the_report_year() -> None:
    """A body whose name has digits of its own (as 第2012分局, a number inside it like 12034)
    is one body, not cut at the first year-like digits: the year is the one followed by 年."""
    text = read(seed("001"))  # title read by eye: 渠县人民政府办公室 / 2024 年政府信息公开工作年度报告
    for name in ("第2012分局", "第12034分局"):
        varied = text.replace("渠县人民政府办公室\n", f"渠县人民政府办公室{name}\n", 1)
        facts = summarize_report(parse_text(varied, "x.txt"))
        assert (facts.body, facts.year) == (f"渠县人民政府办公室{name}", 2024)
    assert summarize_report(parse_text(text, "x.txt")).body == "渠县人民政府办公室"


def test_set_level_groups_share_one_watching_thread() -> None:
    """``Engine.check_groups`` (the sweep calls it once per batch of groups, thousands of times)
    runs every call in the same watching thread: a thread per call stayed behind each time, with
    its stack and allocator arena — memory that grew with the number of reports."""
    import threading

    engine = Engine(config_from_dict({"select": ["CY"]}), load_plugins(installed=False))
    from govlint.engine import RunResult

    facts = [summarize_report(parse_text(read(REAL / f"pingtan_{y}.txt"), f"pingtan_{y}.txt")) for y in (2020, 2021)]
    work = [("平潭综合实验区", [(r, facts) for r in engine.fact_rules])]
    engine.check_groups(work, RunResult())
    before = threading.active_count()
    for _ in range(5):
        engine.check_groups(work, RunResult())
    assert threading.active_count() == before


def test_the_text_reuse_facts_point_at_where_each_sentence_starts() -> None:
    """CY012 keeps each prose sentence's key with the line and column it starts at in the file:
    the character there is the sentence's first, and the lines before are untouched by it."""
    from govlint.checks.context import context
    from govlint.checks.reuse import TextReuse, _key

    for path in (seed("001"), REAL / "pingtan_2021.txt"):
        text = read(path)
        report = parse_text(text, str(path))
        kept = TextReuse().summarize(report)
        sentences = [s for s in context(report).prose_sentences if _key(s.text) is not None]
        assert kept and len(kept) == len(sentences)
        lines = text.split("\n")
        for (key, line, column), s in zip(kept, sentences):
            assert key == _key(s.text)
            assert lines[line - 1][column - 1] == s.text[0]
