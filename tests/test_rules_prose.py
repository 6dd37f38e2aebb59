"""Prose-versus-table rules (PT) on small texts."""

from __future__ import annotations

from tests.rules_util import DEFAULT_PARTS, codes, line_of, make_report, run

from govlint.checks import prose

P1 = DEFAULT_PARTS["p1"]


def test_clean_report_has_no_prose_diagnostics() -> None:
    text = make_report()
    for rule in prose.govlint_rules():
        assert run(rule, text) == [], rule.code


def test_repealed_documents_mismatch() -> None:
    text = make_report(p1=P1.replace("废止行政规范性文件1件", "废止行政规范性文件7件"))
    diags = run(prose.ProseNumbers, text)
    assert codes(diags) == [("PT001", line_of(text, "废止行政规范性文件7件"))]
    assert "本年废止件数" in diags[0].message and "= 1" in diags[0].message
    assert diags[0].related[0].span.line == line_of(text, "行政规范性文件\t2")


def test_received_counting_the_carried_over_is_reported_and_explained() -> None:
    # 5 new, 1 carried over: "收到 6 件" counts the carried-over one (the reviewers' 平潭 2022 finding)
    text = make_report(p1=P1.replace("收到政府信息公开申请5件", "收到政府信息公开申请6件"))
    diags = run(prose.ProseNumbers, text)
    assert len(diags) == 1 and "上年结转 1 之和" in diags[0].message
    text = make_report(p1=P1.replace("收到政府信息公开申请5件", "收到政府信息公开申请9件"))
    diags = run(prose.ProseNumbers, text)
    assert len(diags) == 1 and "9" in diags[0].message and "之和" not in diags[0].message


def test_other_year_and_scope_not_compared() -> None:
    p1 = P1 + "\n\n2023年收到政府信息公开申请40件。全县共受理政府信息公开申请120件。"
    assert run(prose.ProseNumbers, make_report(p1=p1)) == []


def test_wrapped_lines_are_joined() -> None:
    text = make_report(p1=P1.replace("行政复议1件", "行政\n复议 4 件"))
    diags = run(prose.ProseNumbers, text)
    assert len(diags) == 1 and "行政复议案件数" in diags[0].message


def test_zero_claims() -> None:
    text = make_report(p1=P1 + "\n\n本机关未收到政府信息公开申请，无行政复议和行政诉讼情况。")
    diags = run(prose.ProseZeroClaims, text)
    assert sorted(d.message.split("但表格中")[1][:4] for d in diags) == ["本年新收", "行政复议"]
    zero = make_report(t3={"R1": [0] * 7, "R2": [0] * 7, "R3a": [0] * 7, "R3d1": [0] * 7, "R3g": [0] * 7,
                           "R4": [0] * 7}, t4=[0] * 15, p1="（一）主动公开。本机关未收到政府信息公开申请，未发生行政复议、行政诉讼。")
    assert run(prose.ProseZeroClaims, zero) == []


def test_processed_is_the_grand_total() -> None:
    # 5 new + 1 carried over, 5 done in total: "办结 4 件" leaves the carried-over one out (seed 001's
    # 办结 21 against （七）总计 23, an error the reviewers found)
    for wrong in ("办结4件", "办结3件"):
        diags = run(prose.ProseNumbers, make_report(p1=P1.replace("办结5件", wrong)))
        assert len(diags) == 1 and "（七）总计" in diags[0].message


def test_number_before_the_noun_and_own_scope_pingtan_2021() -> None:
    """平潭 2021: "本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理" agrees with
    表三 (R1 70, （七）总计 69, 四 1); 全区 is the reporting body's own scope (平潭综合实验区)."""
    from tests.corpus import REAL
    from tests.corpus import read as read_file

    from govlint.checks.prose import ProseNumbers
    from govlint.parsing import parse_text

    text = read_file(REAL / "pingtan_2021.txt")
    assert not list(ProseNumbers().check(parse_text(text, "p")))
    for old, new, n in (("共收到70件申请", "共收到72件申请", 72), ("1件结转下年度", "2件结转下年度", 2)):
        changed = text.replace(old, new)
        assert changed != text
        found = list(ProseNumbers().check(parse_text(changed, "p")))
        assert len(found) == 1 and f"为 {n}" in found[0].message


def test_whole_county_figures_in_a_department_report_are_not_compared() -> None:
    """A 县人民政府办公室 report quoting 全县 figures is about another scope: no comparison."""
    from tests.corpus import read as read_file
    from tests.corpus import seed

    from govlint.checks.prose import ProseNumbers
    from govlint.parsing import parse_text

    text = read_file(seed("001")).replace("渠县人民政府办公室受理政", "全县共受理政").replace(
        "府信息公开申请 23 件", "府信息公开申请 230 件")
    found = [d for d in ProseNumbers().check(parse_text(text, "s")) if "230" in d.message]
    assert found == []


def test_the_claims_are_the_profiles_one_list(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """PT001 checks the claims of the profile (rules/format-*.toml), the list the table reader takes
    its hints from: a claim taken out of the profile is checked no more."""
    import dataclasses

    from govlint.profile import get_profile, load_profiles

    text = make_report(p1=P1.replace("废止行政规范性文件1件", "废止行政规范性文件7件"))
    assert len(run(prose.ProseNumbers, text)) == 1
    prof = get_profile("2021")
    kept = tuple(c for c in prof.claims if c.what != "本年废止的行政规范性文件数")
    monkeypatch.setitem(load_profiles(), "2021", dataclasses.replace(prof, claims=kept))
    assert run(prose.ProseNumbers, text) == []
