"""The per-report context the built-in rules share: built once, and its indexes agree with the
model's own lookups (rows by key or label; the cells the arithmetic may use)."""

from __future__ import annotations

import pytest
from tests.corpus import REAL, SEEDS, read

from govlint.checks.context import Needs, ReportRule, context
from govlint.parsing import parse_text
from govlint.plugins import load_plugins
from govlint.profile import CellRef

FILES = sorted(SEEDS.glob("*.txt")) + [REAL / "pingtan_2021.txt", REAL / "shanghai_kewei_2024.md"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_row_and_cell_index_agree_with_the_model(path) -> None:  # type: ignore[no-untyped-def]
    report = parse_text(read(path), str(path))
    ctx = context(report)
    assert context(report) is ctx  # one context per report
    for tid, table in report.tables.items():
        for row in table.rows:
            for name in (row.key, row.label, "no-such-row"):
                assert ctx.row(tid, name) is table.row(name)
                want = table.row(name)
                for cell in (want.cells if want is not None else []):
                    ref = CellRef(tid, name, cell.column)
                    first = want.cell(cell.column) if want is not None else None
                    usable = want is not None and want.found and want.complete and first is not None \
                        and first.value is not None
                    got = ctx.present(ref)
                    assert (got is not None) == usable
                    if got is not None and first is not None:
                        assert got[0] == first.value and got[1] == (first.span or want.span)


def test_every_builtin_report_rule_says_what_it_needs() -> None:
    rules = [r for r in load_plugins(installed=False).rules if issubclass(r, ReportRule)]
    assert len(rules) > 40  # the per-report content rules all work on the context
    assert all(isinstance(r.needs, Needs) for r in rules)


def test_a_text_that_is_no_report_is_skipped_by_every_need() -> None:
    report = parse_text("# 使用说明\n本仓库存放本单位历年政府信息公开工作年度报告。\n电话 0591-23165370\n", "README.md")
    for r in load_plugins(installed=False).rules:
        if issubclass(r, ReportRule):
            assert list(r().check(report)) == [], r.code


# Titles with their office name and the prose's own scope, read by eye: a name may hold digits
# (第2012分局, 2012新区); the year is the 4-digit number followed by 年; a title naming the report
# before its year ends the name there; a title that starts with the year names no office before it.
TITLES = [
    ("渠县人民政府办公室第2012分局\n\n2024 年政府信息公开工作年度报告", "渠县人民政府办公室第2012分局", None),
    ("某县2012新区\n\n2024 年政府信息公开工作年度报告", "某县2012新区", "全区"),
    ("平潭综合实验区2020年度政府信息公开工作年度报告", "平潭综合实验区", "全区"),
    ("渠县人民政府政府信息公开工作年度报告（2024年）", "渠县人民政府", "全县"),
    ("2024 年上海市科委政府信息公开工作年度报告", "", None),
]


@pytest.mark.parametrize(("title", "office", "scope"), TITLES, ids=[o or "no-office" for _, o, _ in TITLES])
def test_one_office_name_from_the_title_for_the_rules_and_the_facts(title: str, office: str,
                                                                    scope: str | None) -> None:
    from govlint.checks.prose import _own_scope
    from govlint.facts import summarize_report

    text = read(SEEDS / "001_ac2fcbb5d53986e2.txt")
    head = "渠县人民政府办公室\n\n2024 年政府信息公开工作年度报告"
    assert head in text
    report = parse_text(text.replace(head, title, 1), "x.txt")
    assert report.title.replace(" ", "") == title.replace("\n", "").replace(" ", "")
    assert context(report).agency == office
    assert summarize_report(report).body == (office or None)
    assert _own_scope(report) == scope
