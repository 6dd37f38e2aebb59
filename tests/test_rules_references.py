"""Statutory reference rules (LAW) on small texts."""

from __future__ import annotations

from tests.rules_util import DEFAULT_PARTS, codes, line_of, make_report, run

from govlint.checks import citations as cite
from govlint.checks import references as law
from govlint.diagnostic import Severity


def test_clean_report_has_no_reference_diagnostics() -> None:
    text = make_report()
    for rule in [*law.govlint_rules(), *cite.govlint_rules()]:
        assert run(rule, text) == [], rule.code


def test_missing_and_misplaced_caption() -> None:
    text = make_report().replace("第二十条第（五）项\n", "")
    diags = run(law.Part2Captions, text)
    assert len(diags) == 1 and "第二十条第（五）项" in diags[0].message
    assert diags[0].severity == Severity.ERROR
    # 行政许可 printed before its own caption, under 第（一）项
    moved = make_report().replace("第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n",
                                  "行政许可\t5\n第二十条第（五）项\n信息内容\t本年处理决定数量\n")
    diags = run(law.Part2Captions, moved)
    assert codes(diags) == [("LAW001", line_of(moved, "行政许可\t5"))]


def test_captions_printed_away_from_their_blocks_are_not_misplaced_rows() -> None:
    # pdfminer (seed 001 with centred cells, tests/data/extracted) prints a block's header and rows,
    # then the captions of the blocks after it: 信息内容 / 行政许可 / 信息内容 / 行政处罚 …
    # 第二十条第（五）项.  Each row stands under a header of its own block: not judged.
    blocks = ("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t2\t1\t10\n"
              "信息内容\t本年处理决定数量\n行政许可\t5\n信息内容\t本年处理决定数量\n行政处罚\t3\n行政强制\t0\n"
              "信息内容\t本年收费金额（单位：万元）\n行政事业性收费\t1.25\n第二十条第（五）项\n第二十条第（六）项\n第二十条第（八）项\n")
    text = make_report()
    start = text.index("第二十条第（一）项")
    end = text.index("三、收到和处理")
    scrambled = text[:start] + blocks + "\n\n" + text[end:]
    assert run(law.Part2Captions, scrambled) == []
    # a header and rows before every caption: the same
    first = blocks.replace("第二十条第（一）项\n", "") + "第二十条第（一）项\n"
    assert run(law.Part2Captions, text[:start] + first + "\n\n" + text[end:]) == []
    # but a row first under another block's caption and header is that block's row: misplaced
    moved = make_report().replace("第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n",
                                  "第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n行政许可\t5\n")
    moved = moved.replace("第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t5\n", "第二十条第（五）项\n信息内容\t本年处理决定数量\n")
    assert codes(run(law.Part2Captions, moved)) == [("LAW001", line_of(moved, "行政许可\t5"))]


def test_article_out_of_range() -> None:
    text = make_report(p5=DEFAULT_PARTS["p5"] + "依据《条例》第六十条规定，加强监督。")
    diags = run(law.ArticleRange, text)
    assert len(diags) == 1 and "共 56 条" in diags[0].message
    text = make_report().replace("第二十条第（八）项", "第二十条第（十六）项")
    diags = run(law.ArticleRange, text)
    assert codes(diags) == [("LAW002", line_of(text, "第（十六）项"))]
    ok = make_report(p5=DEFAULT_PARTS["p5"] + "按照《中华人民共和国政府信息公开条例》第五十条第（四）项报告。"
                     "依据《保守国家秘密法》第六十条审查。")
    assert run(law.ArticleRange, ok) == []


def test_obsolete_decree() -> None:
    bad = make_report(preamble="根据《中华人民共和国政府信息公开条例》（国务院令第492号），编制本报告。统计期限为2024年1月1日至2024年12月31日。")
    diags = run(law.ObsoleteDecree, bad)
    assert len(diags) == 1 and diags[0].severity == Severity.ERROR
    ok = make_report(preamble="根据《中华人民共和国政府信息公开条例》（国务院令第492号公布，国务院令第711号修订），编制本报告。")
    assert run(law.ObsoleteDecree, ok) == []


def test_obsolete_format_document() -> None:
    bad = make_report(preamble="按照国办公开办函[2019]60号的要求编制本报告。")
    diags = run(law.ObsoleteFormatDocument, bad)
    assert len(diags) == 1 and "国办公开办函〔2021〕30号" in diags[0].message


def test_document_number_brackets() -> None:
    text = make_report(p6="按照《政府信息公开信息处理费管理办法》(国办函【2020】109 号)，本年度未收取信息处理费。")
    diags = run(cite.DocumentNumberBrackets, text)
    assert codes(diags) == [("LAW005", line_of(text, "国办函【2020】"))]
    assert "国办函〔2020〕109号" in diags[0].message
    assert diags[0].severity == Severity.WARNING


def test_decree_without_di() -> None:
    text = make_report(preamble="根据《中华人民共和国政府信息公开条例》（国务院令 711 号）编制本报告。")
    diags = run(cite.DecreeWithoutDi, text)
    assert len(diags) == 1 and diags[0].severity == Severity.INFO


def test_regulation_name() -> None:
    text = make_report(preamble="根据《中华人民共和国信息公开条例》（国务院令第711号）编制本报告。")
    diags = run(cite.RegulationName, text)
    assert len(diags) == 1 and "《中华人民共和国政府信息公开条例》" in diags[0].message


def test_fee_document_number() -> None:
    for bad in ("国办发〔2020〕109号", "国办函〔2020〕190号"):
        text = make_report(p6=f"按照《政府信息公开信息处理费管理办法》（{bad}），本年度未收取信息处理费。")
        diags = run(cite.FeeDocumentNumber, text)
        assert codes(diags) == [("LAW008", line_of(text, bad))], bad
    for ok in ("国办函〔2020〕109号", "国办函【2020】109 号"):
        text = make_report(p6=f"按照《政府信息公开信息处理费管理办法》（{ok}），本年度未收取信息处理费。")
        assert run(cite.FeeDocumentNumber, text) == [], ok


def test_obsolete_fee_wording() -> None:
    text = make_report(p6=DEFAULT_PARTS["p6"] + "本机关依申请提供政府信息，仅收取检索、复制、邮寄等成本费用。")
    diags = run(cite.ObsoleteFeeWording, text)
    assert codes(diags) == [("LAW009", line_of(text, "检索、复制、邮寄"))]
    assert "信息处理费" in diags[0].message
    assert run(cite.ObsoleteFeeWording, make_report()) == []


def test_obsolete_article_for_the_annual_report() -> None:
    bad = make_report(p6=DEFAULT_PARTS["p6"] + "根据《条例》第三十二条规定，现公布本机关年度报告。")
    diags = run(cite.ObsoleteDutyArticle, bad)
    assert codes(diags) == [("LAW010", line_of(bad, "第三十二条"))] and "第五十条" in diags[0].message
    # the current 第三十二条 (third-party opinions) is fine, and so is 第五十条
    ok = make_report(p6=DEFAULT_PARTS["p6"] + "依据《条例》第三十二条征求第三方意见，相关情况已写入年度报告。"
                     "根据《条例》第五十条规定，现公布本机关年度报告。")
    assert run(cite.ObsoleteDutyArticle, ok) == []


def test_the_decree_abbreviated_as_guoling() -> None:
    # 淮安市人民政府 2024 (page 1 of the PDF): 《中华人民共和国政府信息公开条例》（国令第 711 号）
    text = make_report(preamble="根据《中华人民共和国政府信息公开条例》（国令第 711 号）编制本报告。")
    diags = run(cite.DecreeWithoutDi, text)
    assert [d.message for d in diags] == ["「国令第 711 号」应写作「国务院令第711号」"]
    assert diags[0].fix is not None
    # the 2007 decree cited by its abbreviation is still the obsolete basis
    old = make_report(preamble="根据《中华人民共和国政府信息公开条例》（国令第492号），编制本报告。")
    assert [c for c, _ in codes(run(law.ObsoleteDecree, old))] == ["LAW003"]
    assert run(cite.DecreeWithoutDi, make_report(preamble="根据《中华人民共和国政府信息公开条例》（国务院令第711号）编制本报告。")) == []
